//! The value a quantity carries through evaluation and into the report, in base units
//! (seconds, bytes): one number, or, for an uncertain value, a vector of samples (one per
//! Monte Carlo trial, the same trial at the same index in every value, so `x - x` is exactly
//! 0). Evaluation only lifts scalar kernels over values (`map`, `zip`, `zip_all`) and asks
//! questions of them (`find`): it does not know whether a value is one number or many.

use std::borrow::Cow;
use std::rc::Rc;

use crate::sample::{self, Summary};

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

/// What a number lacks of 1, `1 − x`, as the decimal a person meant: the shortest one whose
/// complement is `x`. `0.999` is stored as 0.99899999999999999911…, so `1 − 0.999` is
/// 0.0010000000000000009 in floating point; what it lacks of 1 is 0.001. Doubles just below 1
/// lie 1.1e-16 apart, so `1 − 1e-16` is stored as 1 − 1.11e-16, and means 1e-16.
pub fn complement(x: Number) -> Number {
    let exact = 1.0 - x;
    if !(0.0..1.0).contains(&exact) {
        return exact;
    }
    (1..=17)
        .filter_map(|digits| format!("{exact:.prec$e}", prec = digits - 1).parse().ok())
        .find(|&c: &Number| 1.0 - c == x)
        .unwrap_or(exact)
}

/// One number of a value. An availability is carried by what it lacks of 1
/// ([`Scalar::Complement`]): `1 − 1e-20` is 1 in floating point, and 20 nines would be lost.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Number(Number),
    /// The number `1 − x`, held as `x`.
    Complement(Number),
}

impl Scalar {
    /// A fraction in [0, 1] known both as itself and as what it lacks of 1, held by the side
    /// that keeps more digits: 1e-300 as itself, 1 − 1e-20 as 1e-20.
    pub fn fraction(number: Number, complement: Number) -> Scalar {
        if number < 0.5 {
            Scalar::Number(number)
        } else {
            Scalar::Complement(complement)
        }
    }

    /// The number itself (1 for an availability of 20 nines).
    pub fn number(self) -> Number {
        match self {
            Scalar::Number(x) => x,
            Scalar::Complement(c) => 1.0 - c,
        }
    }

    /// What the number lacks of 1: exact for a [`Scalar::Complement`], otherwise
    /// [`complement`].
    pub fn complement(self) -> Number {
        match self {
            Scalar::Number(x) => complement(x),
            Scalar::Complement(c) => c,
        }
    }

    /// `self − other`, exact where either is held as what it lacks of 1:
    /// `1 − availability(99.99%)` is 0.0001, not 0.00009999999999998899.
    pub fn minus(self, other: Scalar) -> Number {
        match (self, other) {
            (Scalar::Number(a), Scalar::Number(b)) => a - b,
            (Scalar::Number(a), Scalar::Complement(c)) => (a - 1.0) + c,
            (Scalar::Complement(c), Scalar::Number(b)) => (1.0 - b) - c,
            (Scalar::Complement(a), Scalar::Complement(b)) => b - a,
        }
    }

    /// Orders by the number, then, among numbers that round to the same double near 1, by
    /// what they lack of 1.
    pub fn total_cmp(self, other: Scalar) -> std::cmp::Ordering {
        self.number()
            .total_cmp(&other.number())
            .then(other.complement().total_cmp(&self.complement()))
    }
}

/// What evaluation computed for one expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Value(Repr);

#[derive(Clone, Debug, PartialEq)]
enum Repr {
    Scalar(Scalar),
    /// One number a trial; shared, so that a definition used ten times is held once (an
    /// `Rc<Vec>`, a thin pointer, keeps a certain value 16 bytes).
    Samples(Rc<Vec<Number>>),
    /// An uncertain availability, each trial held as what it lacks of 1 (see [`Scalar`]).
    Complements(Rc<Vec<Number>>),
    /// An uncertain value whose trials evaluation no longer needs: only its summary is
    /// kept, so that a million samples of thirty values never take memory at once.
    Summarized(Rc<Summaries>),
}

/// What is kept of an uncertain value once its trials are dropped: the summary of its
/// samples and, for an availability, that of what they lack of 1.
#[derive(Clone, Debug, PartialEq)]
pub struct Summaries {
    pub numbers: Summary,
    pub lacks: Option<Summary>,
}

impl Value {
    pub const fn scalar(x: Number) -> Value {
        Value(Repr::Scalar(Scalar::Number(x)))
    }

    /// The value `1 − c`, carried as `c`: an availability.
    pub const fn complement_of(c: Number) -> Value {
        Value(Repr::Scalar(Scalar::Complement(c)))
    }

    /// Samples, one a trial.
    pub fn samples(xs: Vec<Number>) -> Value {
        Value(Repr::Samples(Rc::new(xs)))
    }

    /// An uncertain availability, from what each trial lacks of 1.
    pub fn complement_samples(cs: Vec<Number>) -> Value {
        Value(Repr::Complements(Rc::new(cs)))
    }

    /// Whether the value is an uncertain availability, held by what its trials lack of 1.
    pub fn holds_complements(&self) -> bool {
        match &self.0 {
            Repr::Complements(_) => true,
            Repr::Summarized(s) => s.lacks.is_some(),
            _ => false,
        }
    }

    /// The summaries of an uncertain value (computed from its trials, or kept when they were
    /// dropped); `None` for a certain value.
    pub fn summaries(&self) -> Option<Summaries> {
        match &self.0 {
            Repr::Scalar(_) => None,
            Repr::Summarized(s) => Some((**s).clone()),
            Repr::Samples(xs) => Some(Summaries {
                numbers: sample::summarize(xs),
                lacks: None,
            }),
            Repr::Complements(cs) => {
                let numbers: Vec<Number> = cs.iter().map(|c| 1.0 - c).collect();
                Some(Summaries {
                    numbers: sample::summarize(&numbers),
                    lacks: Some(sample::summarize(cs)),
                })
            }
        }
    }

    /// The value with its trials replaced by their summaries (a certain value as it is).
    pub fn summarized(&self) -> Value {
        match self.summaries() {
            Some(s) if !matches!(self.0, Repr::Summarized(_)) => {
                Value(Repr::Summarized(Rc::new(s)))
            }
            _ => self.clone(),
        }
    }

    /// Whether the value is uncertain (a vector of samples).
    pub fn is_uncertain(&self) -> bool {
        !matches!(self.0, Repr::Scalar(_))
    }

    /// The samples of an uncertain value, as numbers; `None` for a certain one.
    pub fn sample_numbers(&self) -> Option<Cow<'_, [Number]>> {
        match &self.0 {
            Repr::Scalar(_) | Repr::Summarized(_) => None,
            Repr::Samples(xs) => Some(Cow::Borrowed(xs)),
            Repr::Complements(cs) => Some(Cow::Owned(cs.iter().map(|c| 1.0 - c).collect())),
        }
    }

    /// What each sample of an uncertain value lacks of 1; `None` for a certain one.
    pub fn sample_complements(&self) -> Option<Cow<'_, [Number]>> {
        match &self.0 {
            Repr::Scalar(_) | Repr::Summarized(_) => None,
            Repr::Samples(xs) => Some(Cow::Owned(xs.iter().map(|&x| complement(x)).collect())),
            Repr::Complements(cs) => Some(Cow::Borrowed(cs)),
        }
    }

    /// How many trials the value holds: 1 for a certain value.
    fn len(&self) -> usize {
        match &self.0 {
            Repr::Scalar(_) | Repr::Summarized(_) => 1,
            Repr::Samples(xs) | Repr::Complements(xs) => xs.len(),
        }
    }

    /// Trial `i` (a certain value is the same in every trial).
    fn at(&self, i: usize) -> Scalar {
        match &self.0 {
            Repr::Scalar(x) => *x,
            // Evaluation summarises a value only after its last use; were it used again, it
            // would stand for its median.
            Repr::Summarized(_) => self.exact_point(),
            Repr::Samples(xs) => Scalar::Number(xs[i]),
            Repr::Complements(cs) => Scalar::Complement(cs[i]),
        }
    }

    /// The one number that represents the value in tables and text: an uncertain value's
    /// median.
    pub fn point(&self) -> Number {
        self.exact_point().number()
    }

    /// The point as evaluation holds it, with what it lacks of 1 when that is known better
    /// than the number. For an uncertain value, its median: the median of what the trials
    /// lack of 1 for an availability.
    pub fn exact_point(&self) -> Scalar {
        match &self.0 {
            Repr::Scalar(x) => *x,
            Repr::Samples(xs) => Scalar::Number(sample::quantile(xs, 0.5)),
            Repr::Complements(cs) => Scalar::Complement(sample::quantile(cs, 0.5)),
            Repr::Summarized(s) => match &s.lacks {
                Some(l) => Scalar::Complement(l.p50),
                None => Scalar::Number(s.numbers.p50),
            },
        }
    }

    /// What the point lacks of 1 (an availability's unavailability).
    pub fn complement(&self) -> Number {
        self.exact_point().complement()
    }

    /// Applies a scalar function to the value.
    pub fn map(&self, mut f: impl FnMut(Number) -> Number) -> Value {
        match &self.0 {
            Repr::Scalar(x) => Value::scalar(f(x.number())),
            _ => Value::samples((0..self.len()).map(|i| f(self.at(i).number())).collect()),
        }
    }

    /// Combines two values trial by trial.
    pub fn zip(&self, other: &Value, mut f: impl FnMut(Number, Number) -> Number) -> Value {
        match (&self.0, &other.0) {
            (Repr::Scalar(a), Repr::Scalar(b)) => Value::scalar(f(a.number(), b.number())),
            (Repr::Samples(a), Repr::Samples(b)) => {
                Value::samples(a.iter().zip(b.iter()).map(|(&a, &b)| f(a, b)).collect())
            }
            (Repr::Samples(a), Repr::Scalar(b)) => {
                let b = b.number();
                Value::samples(a.iter().map(|&a| f(a, b)).collect())
            }
            (Repr::Scalar(a), Repr::Samples(b)) => {
                let a = a.number();
                Value::samples(b.iter().map(|&b| f(a, b)).collect())
            }
            _ => {
                let n = self.len().max(other.len());
                Value::samples(
                    (0..n)
                        .map(|i| f(self.at(i).number(), other.at(i).number()))
                        .collect(),
                )
            }
        }
    }

    /// `self − other`, trial by trial (see [`Scalar::minus`]).
    pub fn minus(&self, other: &Value) -> Value {
        match (&self.0, &other.0) {
            (Repr::Scalar(a), Repr::Scalar(b)) => Value::scalar(a.minus(*b)),
            _ => {
                let n = self.len().max(other.len());
                Value::samples((0..n).map(|i| self.at(i).minus(other.at(i))).collect())
            }
        }
    }

    /// Applies a function of several arguments, which may fail, to a list of values, trial by
    /// trial.
    pub fn zip_all<E>(
        values: &[Value],
        f: impl Fn(&[Number]) -> Result<Number, E>,
    ) -> Result<Value, E> {
        let Some(n) = trials(values) else {
            let scalars: Vec<Number> = values.iter().map(Value::point).collect();
            return f(&scalars).map(Value::scalar);
        };
        let mut args = vec![0.0; values.len()];
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            for (arg, v) in args.iter_mut().zip(values) {
                *arg = v.at(i).number();
            }
            out.push(f(&args)?);
        }
        Ok(Value::samples(out))
    }

    /// Like [`Value::zip_all`], for a function that sees and keeps what fractions lack of 1
    /// (the reliability functions).
    pub fn zip_all_exact<E>(
        values: &[Value],
        f: impl Fn(&[Scalar]) -> Result<Scalar, E>,
    ) -> Result<Value, E> {
        let Some(n) = trials(values) else {
            let scalars: Vec<Scalar> = values.iter().map(Value::exact_point).collect();
            return f(&scalars).map(|x| Value(Repr::Scalar(x)));
        };
        let mut args = vec![Scalar::Number(0.0); values.len()];
        let mut results = Vec::with_capacity(n);
        for i in 0..n {
            for (arg, v) in args.iter_mut().zip(values) {
                *arg = v.at(i);
            }
            results.push(f(&args)?);
        }
        // Held one way for every trial: as complements when any result is one (an
        // availability), as numbers otherwise.
        Ok(
            if results.iter().any(|r| matches!(r, Scalar::Complement(_))) {
                Value::complement_samples(results.into_iter().map(Scalar::complement).collect())
            } else {
                Value::samples(results.into_iter().map(Scalar::number).collect())
            },
        )
    }

    /// The first number in the value for which `predicate` holds: how evaluation finds a
    /// zero divisor or a value out of a function's domain.
    pub fn find(&self, predicate: impl Fn(Number) -> bool) -> Option<Number> {
        match &self.0 {
            // A complement that is NaN or infinite makes the number so too.
            Repr::Scalar(x) => Some(x.number()).filter(|&n| predicate(n)),
            Repr::Samples(xs) => xs.iter().copied().find(|&x| predicate(x)),
            Repr::Complements(cs) => cs.iter().map(|c| 1.0 - c).find(|&x| predicate(x)),
            Repr::Summarized(_) => Some(self.point()).filter(|&n| predicate(n)),
        }
    }
}

/// The number of trials of the uncertain values among `values`; `None` when all are certain.
fn trials(values: &[Value]) -> Option<usize> {
    values
        .iter()
        .filter(|v| v.is_uncertain())
        .map(Value::len)
        .max()
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

    #[test]
    fn an_availability_keeps_what_it_lacks_of_one() {
        assert_eq!(complement(0.999), 0.001);
        assert_eq!(complement(0.99), 0.01);
        assert_eq!(complement(1.0 - 1e-16), 1e-16);
        assert_eq!(complement(1.0), 0.0);
        assert_eq!(complement(0.9995), 0.0005);
        assert_eq!(complement(0.999 * 0.999), 0.001999);
        assert_eq!(complement(0.3), 1.0 - 0.3);
        assert_eq!(complement(-2.0), 3.0);
        let twenty_nines = Value::complement_of(1e-20);
        assert_eq!(twenty_nines.point(), 1.0);
        assert_eq!(twenty_nines.complement(), 1e-20);
        assert_eq!(Value::scalar(0.999).complement(), 0.001);
        let four_nines = Value::complement_of(0.0001);
        assert_eq!(Value::scalar(1.0).minus(&four_nines).point(), 0.0001);
        assert_eq!(twenty_nines.minus(&four_nines).point(), 0.0001 - 1e-20);
        assert_eq!(Value::scalar(3.0).minus(&Value::scalar(1.0)).point(), 2.0);
        // Plain arithmetic sees the number.
        assert_eq!(twenty_nines.map(|x| x * 2.0).point(), 2.0);
        let nineteen = Scalar::Complement(1e-19);
        assert!(nineteen.total_cmp(Scalar::Complement(1e-20)).is_lt());
        assert!(Scalar::Number(0.5).total_cmp(nineteen).is_lt());
    }
}
