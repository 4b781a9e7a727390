//! The one classification of a value: from its dimension and whether it is an availability,
//! which table it goes to, which display rule formats it, and its `kind` in JSON. Tables,
//! reports and formatting ask here instead of matching dimensions or headings; formatting
//! then refines within a kind by the dimension itself (a plain count against a count of
//! declared units, which share `Count`).

use crate::quantity::Dimension;

/// What a value is beyond its dimension, decided by the checker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ValueKind {
    #[default]
    Plain,
    /// A fraction of time up, from `availability(…)` and friends.
    Availability,
    /// A value written as a percentage (`ctr = 1%`), or a sum or product of percentages:
    /// shown with `%`.
    Percent,
}

/// The kind of a value, which decides its table and its display. Serialized in lower case in
/// JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Traffic,
    Storage,
    Bandwidth,
    /// Money, and money per time, per byte, per byte per time (`$20K /month`, `$0.02 /GB`).
    Cost,
    Availability,
    Duration,
    /// A plain number, or a count of declared units (`req`).
    Count,
    /// A plain number written as a percentage.
    Percent,
    /// A rate of declared units per time other than one over time, or a dimension with no
    /// table of its own (B², B·s…).
    Other,
}

impl Kind {
    pub fn of(dim: Dimension, kind: ValueKind) -> Kind {
        if kind == ValueKind::Availability {
            Kind::Availability
        } else if dim.money() != 0 {
            Kind::Cost
        } else if dim.is_none() && kind == ValueKind::Percent {
            Kind::Percent
        } else if dim.is_none() {
            Kind::Count
        } else if dim == Dimension::INFORMATION {
            Kind::Storage
        } else if dim == Dimension::DATA_RATE {
            Kind::Bandwidth
        } else if dim == Dimension::TIME {
            Kind::Duration
        } else if dim.is_countlike() && dim.time() == -1 {
            Kind::Traffic
        } else if dim.is_countlike() && dim.time() == 0 {
            Kind::Count
        } else {
            Kind::Other
        }
    }

    /// The name in JSON and CSV.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Traffic => "traffic",
            Kind::Storage => "storage",
            Kind::Bandwidth => "bandwidth",
            Kind::Cost => "cost",
            Kind::Availability => "availability",
            Kind::Duration => "duration",
            Kind::Count => "count",
            Kind::Percent => "percent",
            Kind::Other => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_each_dimension_once() {
        let per_second = Dimension::PER_TIME;
        assert_eq!(Kind::of(per_second, ValueKind::Plain), Kind::Traffic);
        assert_eq!(
            Kind::of(Dimension::INFORMATION, ValueKind::Plain),
            Kind::Storage
        );
        assert_eq!(
            Kind::of(Dimension::DATA_RATE, ValueKind::Plain),
            Kind::Bandwidth
        );
        assert_eq!(Kind::of(Dimension::TIME, ValueKind::Plain), Kind::Duration);
        assert_eq!(Kind::of(Dimension::NONE, ValueKind::Plain), Kind::Count);
        assert_eq!(
            Kind::of(Dimension::NONE, ValueKind::Availability),
            Kind::Availability
        );
        let bytes_squared = Dimension::INFORMATION.times(Dimension::INFORMATION);
        assert_eq!(
            bytes_squared.map(|d| Kind::of(d, ValueKind::Plain)),
            Some(Kind::Other)
        );
    }
}
