//! What a quantity is: its [`Dimension`], the units that measure it, the calendar conventions
//! behind the time units, the reference numbers usable by name, the display ladders a value
//! climbs to find a readable unit, and its [`Kind`], the one classification that decides a
//! value's table, display rule and JSON kind. All of it is data: static tables, looked up on
//! use.

pub mod conventions;
pub mod dimension;
pub mod kind;
pub mod ladders;
pub mod reference;
pub mod units;

pub use conventions::{CalendarUnit, Conventions};
pub use dimension::Dimension;
pub use kind::{Kind, ValueKind};
