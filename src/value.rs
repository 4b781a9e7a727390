//! The value a quantity carries through evaluation and into the report, in base units
//! (seconds, bytes). Today a value is one number; the Uncertainty issue adds a vector of
//! samples. Evaluation only lifts scalar kernels over values (`map`, `zip`, `zip_all`) and asks
//! questions of them (`find`), so that change touches this file and the few places that choose
//! what to display (`point`).

/// A number in base units. Constants in tables (unit factors, reference numbers, calendar
/// lengths) are `Number`s; what evaluation produces is a [`Value`].
pub type Number = f64;

/// Two numbers closer than this, relative to the larger, are equal: a few floating-point
/// operations leave noise near 1e-16 (`3 * 100 ms` is 0.30000000000000004 s), and no estimate
/// means a difference of one part in a trillion.
const NOISE: Number = 1e-12;

/// Equal up to floating-point noise.
pub fn same(a: Number, b: Number) -> bool {
    (a - b).abs() <= NOISE * a.abs().max(b.abs())
}

/// What evaluation computed for one expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Value(Repr);

#[derive(Clone, Debug, PartialEq)]
enum Repr {
    Scalar(Number),
}

impl Value {
    pub const fn scalar(x: Number) -> Value {
        Value(Repr::Scalar(x))
    }

    /// The one number that represents the value in tables and text.
    pub fn point(&self) -> Number {
        match self.0 {
            Repr::Scalar(x) => x,
        }
    }

    /// Applies a scalar function to the value.
    pub fn map(&self, mut f: impl FnMut(Number) -> Number) -> Value {
        match self.0 {
            Repr::Scalar(x) => Value::scalar(f(x)),
        }
    }

    /// Combines two values element by element.
    pub fn zip(&self, other: &Value, mut f: impl FnMut(Number, Number) -> Number) -> Value {
        match (&self.0, &other.0) {
            (Repr::Scalar(a), Repr::Scalar(b)) => Value::scalar(f(*a, *b)),
        }
    }

    /// Applies a function of several arguments, which may fail, to a list of values.
    pub fn zip_all<E>(
        values: &[Value],
        f: impl Fn(&[Number]) -> Result<Number, E>,
    ) -> Result<Value, E> {
        let scalars: Vec<Number> = values.iter().map(Value::point).collect();
        f(&scalars).map(Value::scalar)
    }

    /// The first number in the value for which `predicate` holds: how evaluation finds a
    /// zero divisor or a value out of a function's domain.
    pub fn find(&self, predicate: impl Fn(Number) -> bool) -> Option<Number> {
        match self.0 {
            Repr::Scalar(x) => predicate(x).then_some(x),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality_ignores_noise_only() {
        assert!(same(3.0 * 0.1, 0.3));
        assert!(same(0.1 + 0.2, 0.3));
        assert!(!same(1.0, 1.0 + 1e-9));
        assert!(same(0.0, 0.0));
        assert!(!same(0.0, 1e-300));
    }

    #[test]
    fn lifts_scalar_arithmetic() {
        let a = Value::scalar(6.0);
        let b = Value::scalar(3.0);
        assert_eq!(a.zip(&b, |x, y| x / y).point(), 2.0);
        assert_eq!(a.map(|x| -x).point(), -6.0);
        assert_eq!(b.find(|x| x == 0.0), None);
        assert_eq!(Value::scalar(0.0).find(|x| x == 0.0), Some(0.0));
        let sum: Result<Value, ()> = Value::zip_all(&[a, b], |xs| Ok(xs.iter().sum()));
        assert_eq!(sum.map(|v| v.point()), Ok(9.0));
    }
}
