//! What a claim is about, as types: the slot two claims must share to be compared,
//! the time a figure is stated for and the scope of a figure within its story.
//! Conflicts compare these fields; nothing is encoded in strings and parsed back.

use serde::{Deserialize, Serialize};

/// The slot of a claim: its kind with the subject and attribute it is about. Claims are
/// compared only with claims of an equal slot.
///
/// Variants are declared in the order the story's conflicts are listed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Slot {
    /// A person's stated age.
    Age { who: Who },
    /// Whether a person was at an event.
    Attendance { person: String },
    /// The clock time of an event.
    Clock { event: EventRef },
    /// A negated statement about one head word (stemmed); matched apart from slots.
    Negation { head: String },
    /// Where an event (its class) happened.
    Place { event: String },
    /// A figure of one dimension counting one thing.
    Quantity { dim: String, counted: Counted },
    /// A quotation; matched by its words, apart from slots.
    Quote,
    /// A person's title or post.
    Role { person: String },
    /// The day of an event (its class).
    When { event: String },
}

/// Whom a claim is about: a named person (the folded name key) or an unnamed person
/// the report describes by a noun ("the driver": the noun's stem).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Who {
    Named(String),
    Described(String),
}

/// The event a clock time is of.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EventRef {
    /// An event class ("incident", "talks").
    Class(String),
    /// The article's main event, told in its opening sentences whatever word names it.
    Main,
}

/// What a figure counts: the class of its counted noun (empty when the figure has none,
/// as for a bare sum of money) and, for people, whether they are the dead or the hurt.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Counted {
    pub class: String,
    pub casualty: Option<Casualty>,
}

impl Counted {
    /// Nothing counted is named: the figure stands alone with its unit.
    pub fn is_bare(&self) -> bool {
        self.class.is_empty() && self.casualty.is_none()
    }
}

/// Casualty tolls: the dead and the hurt are counted apart from everyone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Casualty {
    Dead,
    Hurt,
}

impl Casualty {
    pub fn as_str(self) -> &'static str {
        match self {
            Casualty::Dead => "dead",
            Casualty::Hurt => "hurt",
        }
    }
}

/// The time a statement is anchored to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Anchor {
    /// A weekday named near it (0 = Monday).
    Weekday(u32),
    /// A running tally up to some point: such figures grow and are compared only with
    /// figures of the same tally point.
    Tally(Tally),
}

impl Anchor {
    pub fn weekday(&self) -> Option<u32> {
        match self {
            Anchor::Weekday(d) => Some(*d),
            Anchor::Tally(_) => None,
        }
    }

    pub fn is_tally(&self) -> bool {
        matches!(self, Anchor::Tally(_))
    }
}

/// The point a running tally is counted up to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tally {
    /// "by Wednesday" (0 = Monday).
    ByDay(u32),
    /// "by the evening", "until the end": the part of the day or period.
    ByThe(String),
    /// "so far".
    SoFar,
    /// "in all", "in total", "overall".
    Total,
    /// "now".
    Now,
    /// "over the two days": the number word of the period.
    Over(String),
}

/// How a figure stands to the other figures of its slot.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Scope {
    pub part: Part,
    /// "old", "new" and the like near the figure, in text order: a figure of the old
    /// scheme and one of the new are different slots.
    pub eras: Vec<Era>,
}

impl Scope {
    /// The whole this figure is a stated part of ("three of the six": 6). A figure also
    /// marked as of an old or new scheme is no plain part.
    pub fn whole(&self) -> Option<f64> {
        match self.part {
            Part::OfWhole(w) if self.eras.is_empty() => Some(w),
            _ => None,
        }
    }

    /// A plain figure: no part, total, share or era.
    pub fn is_plain(&self) -> bool {
        self.part == Part::Plain && self.eras.is_empty()
    }
}

/// The part of a figure's scope that relates it to a whole.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub enum Part {
    /// A plain figure of what it counts.
    #[default]
    Plain,
    /// A part of a stated whole ("three of the six"): the whole's value.
    OfWhole(f64),
    /// A total of which other figures are parts ("of its 1,050", "all").
    Total,
    /// One part among others ("other", "plus", "upfront").
    Some,
    /// One party's share of what is at stake ("won 14").
    Share,
    /// Describes another thing ("a village of 900 people"): that thing's stem.
    Describes(String),
}

/// A marker of the scheme or period a figure belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Era {
    Old,
    New,
}

/// What an attendance statement names as its object: event classes, places (folded)
/// and weekdays. Two statements with both naming events (or places, or days) and none
/// shared are about different occasions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occasion {
    pub events: Vec<String>,
    pub days: Vec<u32>,
    pub places: Vec<String>,
}

impl Occasion {
    /// Some part of the object is named by both with nothing in common.
    pub fn differs(&self, o: &Occasion) -> bool {
        fn apart<T: PartialEq>(a: &[T], b: &[T]) -> bool {
            !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.contains(x))
        }
        apart(&self.events, &o.events)
            || apart(&self.days, &o.days)
            || apart(&self.places, &o.places)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_marked_with_an_era_has_no_plain_whole() {
        let part = Scope {
            part: Part::OfWhole(6.0),
            eras: vec![],
        };
        assert_eq!(part.whole(), Some(6.0));
        let old = Scope {
            part: Part::OfWhole(6.0),
            eras: vec![Era::Old],
        };
        assert_eq!(old.whole(), None);
        assert!(Scope::default().is_plain());
        assert!(!old.is_plain());
    }

    #[test]
    fn occasions_differ_only_on_a_part_both_name() {
        let talks = Occasion {
            events: vec!["talks".into()],
            ..Default::default()
        };
        let summit_monday = Occasion {
            events: vec!["summit".into()],
            days: vec![0],
            ..Default::default()
        };
        let monday = Occasion {
            days: vec![0],
            ..Default::default()
        };
        assert!(talks.differs(&summit_monday));
        assert!(!talks.differs(&monday));
        assert!(!monday.differs(&summit_monday));
    }

    #[test]
    fn only_tallies_are_tallies() {
        assert!(Anchor::Tally(Tally::SoFar).is_tally());
        assert_eq!(Anchor::Weekday(2).weekday(), Some(2));
        assert_eq!(Anchor::Tally(Tally::ByDay(2)).weekday(), None);
    }
}
