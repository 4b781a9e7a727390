//! Scope: what a name means. A program's own definitions come first and may shadow reference
//! numbers; declared count units and the unit table follow; nothing may shadow a unit or a
//! keyword. Also the words for a dimension (which depend on the declared count units) and the
//! "did you mean" candidates for an unknown name.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::builtins;
use crate::check::error::{CheckError, CheckErrorKind, Operand, Taken};
use crate::quantity::{Conventions, Dimension, reference, units};
use crate::span::Span;
use crate::suggest;
use crate::syntax::KEYWORDS;
use crate::value::Number;

/// What a name means, in the order names are looked up.
pub enum Meaning {
    Definition(usize),
    Unit {
        factor: Number,
        dim: Dimension,
    },
    /// A reference number (`ssd_random_read`): a constant, but not a unit.
    Reference {
        value: Number,
        dim: Dimension,
    },
    /// A count word (`users`, `DAU`) or rate word (`QPS`): a unit only where a unit stands,
    /// after a number or in a conversion.
    Word {
        dim: Dimension,
    },
}

/// The names a program defines and declares, and the conventions its units follow.
pub struct Scope {
    pub conventions: Conventions,
    pub count_units: Vec<String>,
    pub index: NameIndex,
}

impl Scope {
    pub fn new(conventions: Conventions) -> Self {
        Scope {
            conventions,
            count_units: Vec::new(),
            index: NameIndex::default(),
        }
    }

    pub fn describe(&self, dim: Dimension) -> String {
        dim.describe(&self.count_units)
    }

    /// An operand for an error message: its span, dimension and the dimension in words.
    pub fn operand(&self, span: Span, dim: Dimension) -> Operand {
        Operand {
            span,
            dim,
            words: self.describe(dim),
        }
    }

    pub fn definition(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    pub fn meaning(&self, name: &str, span: Span) -> Result<Meaning, CheckError> {
        if let Some(i) = self.definition(name) {
            return Ok(Meaning::Definition(i));
        }
        if let Some(i) = self.count_units.iter().position(|u| u == name) {
            let dim = Dimension::count(i).unwrap_or(Dimension::NONE);
            return Ok(Meaning::Unit { factor: 1.0, dim });
        }
        if let Some(u) = units::lookup(name) {
            return Ok(Meaning::Unit {
                factor: u.factor(&self.conventions),
                dim: u.def.dim,
            });
        }
        if let Some(r) = reference::lookup(name) {
            return Ok(Meaning::Reference {
                value: r.value,
                dim: r.dim,
            });
        }
        self.word(name).ok_or_else(|| self.unknown_name(name, span))
    }

    /// What the count or rate word `name` means: the unit a program declared under one of its
    /// spellings (`unit req` makes `requests` a `req`), else a word. After a number this wins
    /// over a definition of the same name, so `posts = dau * 2 posts/day` is not a cycle.
    pub fn word(&self, name: &str) -> Option<Meaning> {
        if let Some(declared) = units::spellings(name).and_then(|row| {
            self.count_units
                .iter()
                .position(|u| row.contains(&u.as_str()))
        }) {
            let dim = Dimension::count(declared).unwrap_or(Dimension::NONE);
            return Some(Meaning::Unit { factor: 1.0, dim });
        }
        units::count_word(name).map(|dim| Meaning::Word { dim })
    }

    /// Is `name` a unit (of the table or declared)?
    pub fn is_unit(&self, name: &str) -> bool {
        units::lookup(name).is_some() || self.count_units.iter().any(|u| u == name)
    }

    fn unknown_name(&self, name: &str, span: Span) -> CheckError {
        let help = units::spelling_help(name).or_else(|| {
            let candidates = self
                .index
                .keys()
                .cloned()
                .chain(self.count_units.iter().cloned())
                .chain(units::suggestion_names())
                .chain(reference::REFERENCES.iter().map(|r| r.name.to_string()))
                .chain(builtins::BUILTINS.iter().map(|f| f.name.to_string()));
            suggest::closest(name, candidates).map(|s| format!("did you mean `{s}`?"))
        });
        CheckError::new(
            CheckErrorKind::UnknownName {
                name: name.to_string(),
                help,
            },
            span,
        )
    }

    /// A new definition or count unit may not take a unit's or keyword's name. It may take a
    /// function's: a call needs its `(` right after the name, so `downtime` (a value) and
    /// `downtime(a, period)` (the function) never meet, and adding a function to the language
    /// cannot break a scenario that already uses the name.
    pub fn check_new_name(&self, name: &str, span: Span) -> Result<(), CheckError> {
        let taken = if let Some(u) = units::lookup(name) {
            let long = u.def.names.iter().max_by_key(|n| n.len()).unwrap_or(&name);
            Taken::Unit(long.to_string())
        } else if self.count_units.iter().any(|u| u == name) {
            Taken::CountUnit
        } else if KEYWORDS.contains(&name) {
            Taken::Keyword
        } else {
            return Ok(());
        };
        Err(CheckError::new(
            CheckErrorKind::NameTaken {
                name: name.to_string(),
                taken,
            },
            span,
        ))
    }
}

/// Definition names to their index. FNV-1a instead of SipHash: names are short and come from
/// the user's own file, so there is no hash flooding to defend against, and hashing was a
/// measurable share of checking a 10,000-definition scenario.
pub type NameIndex = HashMap<String, usize, BuildHasherDefault<Fnv>>;

#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
