//! The checked model: actors, affiliations, meetings and sources, with every id resolved.
//!
//! Values here come only out of the store's validation, so an [`ActorIndex`] always points at
//! an actor and a meeting always has two or more distinct participants.

mod date;
mod period;

pub use date::{parse_day, DateError, FuzzyDate, PartialDate, Precision, Qualifier};
pub use period::{Period, PeriodUnit};

use std::fmt;

use serde::{Deserialize, Serialize};

/// Position of an actor in [`Dataset::actors`], equal to its petgraph node index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorIndex(pub u32);

/// Position of a meeting in [`Dataset::meetings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeetingIndex(pub u32);

/// Position of a source in [`Dataset::sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceIndex(pub u32);

macro_rules! index_conversions {
    ($($name:ident),*) => {$(
        impl $name {
            /// The position as a `usize`.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}
index_conversions!(ActorIndex, MeetingIndex, SourceIndex);

/// What makes `id` unusable as an actor id, if anything: empty, or holding whitespace, a
/// control character, `|` or `;` (the CSV pair's separators), any of which would let two ids
/// run together in an export.
///
/// ```
/// use whomet::model::id_flaw;
/// assert_eq!(id_flaw("kim-jong-un"), None);
/// assert!(id_flaw("kim|jong").is_some());
/// assert!(id_flaw("kim\u{7}").is_some());
/// ```
pub fn id_flaw(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("is empty")
    } else if id.chars().any(char::is_whitespace) {
        Some("contains whitespace; use a slug such as \"kim-jong-un\"")
    } else if id.chars().any(char::is_control) {
        Some("contains a control character; use a slug such as \"kim-jong-un\"")
    } else if id.contains(['|', ';']) {
        Some("contains | or ;, which separate ids in the CSV pair; use a slug such as \"kim-jong-un\"")
    } else {
        None
    }
}

/// What sort of political actor a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// An individual: an official, an envoy, a private citizen.
    Person,
    /// A political party.
    Party,
    /// A state or government.
    State,
    /// Any other body: an embassy, a committee, a trade union, a delegation.
    Organization,
}

impl ActorKind {
    /// Every kind, in display order.
    pub const ALL: [ActorKind; 4] = [
        ActorKind::Person,
        ActorKind::Party,
        ActorKind::State,
        ActorKind::Organization,
    ];

    /// The lower-case name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::Party => "party",
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
        }
    }

    /// Parses the lower-case name.
    pub fn parse(text: &str) -> Option<Self> {
        ActorKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a meeting took place; only [`Status::Held`] counts as "met".
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// It took place.
    #[default]
    Held,
    /// It was announced for a later date; the sources do not say it happened.
    Scheduled,
    /// It was called off.
    Cancelled,
    /// One side refused or snubbed the other.
    Declined,
}

impl Status {
    /// Every status, in display order.
    pub const ALL: [Status; 4] = [
        Status::Held,
        Status::Scheduled,
        Status::Cancelled,
        Status::Declined,
    ];

    /// The lower-case name used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Scheduled => "scheduled",
            Status::Cancelled => "cancelled",
            Status::Declined => "declined",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What sort of encounter a meeting was.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// Talks or a working meeting.
    Talks,
    /// A summit of heads of state or party leaders.
    Summit,
    /// A visit received by the host.
    Visit,
    /// A courtesy call paid on an official.
    CourtesyCall,
    /// A reception, dinner or banquet.
    Reception,
    /// A welcome or farewell ceremony, a commemoration.
    Ceremony,
    /// A performance attended together.
    Performance,
    /// The annual meeting of a body.
    AnnualMeeting,
    /// A visit to a state: the visitor's side and the host state. Counts as "met" only when
    /// visits are asked for ([`Counting::visits`]).
    StateVisit,
    /// A meeting the sources do not characterise.
    #[default]
    Meeting,
}

impl MeetingKind {
    /// Every kind, in a fixed order (the snapshot stores a kind as its position here).
    pub const ALL: [MeetingKind; 10] = [
        MeetingKind::Talks,
        MeetingKind::Summit,
        MeetingKind::Visit,
        MeetingKind::CourtesyCall,
        MeetingKind::Reception,
        MeetingKind::Ceremony,
        MeetingKind::Performance,
        MeetingKind::AnnualMeeting,
        MeetingKind::Meeting,
        MeetingKind::StateVisit,
    ];

    /// The snake-case name used in files and output.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::Talks => "talks",
            MeetingKind::Summit => "summit",
            MeetingKind::Visit => "visit",
            MeetingKind::CourtesyCall => "courtesy_call",
            MeetingKind::Reception => "reception",
            MeetingKind::Ceremony => "ceremony",
            MeetingKind::Performance => "performance",
            MeetingKind::AnnualMeeting => "annual_meeting",
            MeetingKind::StateVisit => "state_visit",
            MeetingKind::Meeting => "meeting",
        }
    }
}

impl fmt::Display for MeetingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A political actor: a person, party, state or organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// Stable readable id, e.g. `kim-jong-un`.
    pub id: String,
    /// The name shown in output.
    pub name: String,
    /// What sort of actor this is.
    pub kind: ActorKind,
    /// Every other spelling and name length the sources use.
    pub aliases: Vec<String>,
    /// The name in its own script, e.g. Hangul.
    pub native_name: Option<String>,
    /// Free notes in the editors' words.
    pub notes: Option<String>,
}

/// A role an actor held in a party, state or organisation over a span of time.
#[derive(Debug, Clone, PartialEq)]
pub struct Affiliation {
    /// The member or office holder.
    pub actor: ActorIndex,
    /// The party, state or organisation.
    pub of: ActorIndex,
    /// The office or role, e.g. "member of the Politburo".
    pub role: String,
    /// When the role began, if known.
    pub from: Option<FuzzyDate>,
    /// When the role ended, if known.
    pub to: Option<FuzzyDate>,
    /// Where the role is attested.
    pub sources: Vec<Citation>,
}

impl Affiliation {
    /// True when the role may have been held at some time in `from..=to`.
    pub fn overlaps(&self, from: Option<jiff::civil::Date>, to: Option<jiff::civil::Date>) -> bool {
        let starts = self.from.map_or(jiff::civil::Date::MIN, |d| d.earliest());
        let ends = self.to.map_or(jiff::civil::Date::MAX, |d| d.latest());
        from.is_none_or(|f| ends >= f) && to.is_none_or(|t| starts <= t)
    }
}

/// One participant of a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    /// Who took part.
    pub actor: ActorIndex,
    /// Their part in it: host, guest, delegation head, …
    pub role: Option<String>,
    /// Which side of the meeting they were on, an index into [`Meeting::sides`] when sides are
    /// given; otherwise their own position, as each participant is then a side of its own.
    pub side: u32,
}

/// How sure an answer must be about partly known dates: a meeting dated `2011-12..2016-07-05`
/// is only possibly inside a 2012 window; a chain of ranged meetings is only possibly in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Certainty {
    /// Some choice of days within the ranges satisfies the question.
    #[default]
    Possible,
    /// Every choice of days does.
    Certain,
}

impl Certainty {
    /// The lower-case name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Certainty::Possible => "possible",
            Certainty::Certain => "certain",
        }
    }
}

/// A side of a meeting given with sides: a delegation, the hosts, the audience.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Side {
    /// What the editors call the side ("DPRK hosts"), if anything.
    pub name: Option<String>,
}

/// Which held records count as two actors having met. Every rule also requires the two to
/// be on different sides of a held record with at least two sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counting {
    /// Count a visit to a state ([`MeetingKind::StateVisit`]) as the visitor meeting the state.
    pub visits: bool,
}

impl Counting {
    /// True when the record makes its cross-side participants "met": held, two or more
    /// sides, and not a state visit unless visits count.
    pub fn counts(&self, meeting: &Meeting) -> bool {
        meeting.status == Status::Held && self.relates(meeting)
    }

    /// True when the record, whatever its status, is about its cross-side participants
    /// meeting: two or more sides, and not a state visit unless visits count. A declined or
    /// scheduled meeting relates its sides; a presence relates no one.
    pub fn relates(&self, meeting: &Meeting) -> bool {
        !meeting.is_presence() && (self.visits || meeting.kind != MeetingKind::StateVisit)
    }
}

/// A source's support for a meeting or affiliation.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation {
    /// The source cited.
    pub source: SourceIndex,
    /// What the source says, in the editors' words.
    pub evidence: Option<String>,
}

/// A dated encounter between two or more actors.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    /// Stable id, e.g. `2016-06-28-valdes-mesa-choe-ryong-hae`.
    pub id: String,
    /// When it took place, as precisely as known.
    pub date: FuzzyDate,
    /// How the date was derived from the sources.
    pub date_note: Option<String>,
    /// Where, if known.
    pub place: Option<String>,
    /// What sort of encounter.
    pub kind: MeetingKind,
    /// Whether it took place.
    pub status: Status,
    /// One or more distinct actors; two met only when on different sides.
    pub participants: Vec<Participant>,
    /// The sides when the record groups its participants; empty when each participant is a
    /// side of its own.
    pub sides: Vec<Side>,
    /// At least one citation.
    pub sources: Vec<Citation>,
    /// Free notes in the editors' words.
    pub notes: Option<String>,
}

/// True when the meetings' ids strictly ascend, so that they are distinct and already in id
/// order: generated files and whomet's own are written so, and one pass telling it spares a
/// sort of a million ids.
pub(crate) fn in_id_order(meetings: &[Meeting]) -> bool {
    use rayon::prelude::*;
    meetings.par_windows(2).all(|w| w[0].id < w[1].id)
}

impl Meeting {
    /// A slot for a meeting not yet decoded: no id, no participants. Parallel loaders fill
    /// vectors of these in place; a checked data set never holds one.
    pub(crate) fn unfilled() -> Self {
        Meeting {
            id: String::new(),
            date: FuzzyDate::day(jiff::civil::Date::MIN),
            date_note: None,
            place: None,
            kind: MeetingKind::Meeting,
            status: Status::Held,
            participants: Vec::new(),
            sides: Vec::new(),
            sources: Vec::new(),
            notes: None,
        }
    }

    /// The participants' actor indices, in the order listed.
    pub fn actors(&self) -> impl Iterator<Item = ActorIndex> + '_ {
        self.participants.iter().map(|p| p.actor)
    }

    /// True when `actor` took part.
    pub fn has(&self, actor: ActorIndex) -> bool {
        self.participants.iter().any(|p| p.actor == actor)
    }

    /// True when every participant is on one side: people present together, whom the record
    /// does not make "met".
    pub fn is_presence(&self) -> bool {
        self.participants
            .split_first()
            .is_none_or(|(first, rest)| rest.iter().all(|p| p.side == first.side))
    }

    /// The side `actor` was on, if they took part.
    pub fn side_of(&self, actor: ActorIndex) -> Option<u32> {
        self.participants
            .iter()
            .find(|p| p.actor == actor)
            .map(|p| p.side)
    }

    /// True when `a` and `b` both took part, on different sides.
    pub fn across(&self, a: ActorIndex, b: ActorIndex) -> bool {
        matches!((self.side_of(a), self.side_of(b)), (Some(x), Some(y)) if x != y)
    }

    /// Every pair of participants on different sides, each pair once, in listed order.
    pub fn cross_pairs(&self) -> impl Iterator<Item = (ActorIndex, ActorIndex)> + '_ {
        self.participants
            .iter()
            .enumerate()
            .flat_map(move |(i, a)| {
                self.participants[i + 1..]
                    .iter()
                    .filter(move |b| b.side != a.side)
                    .map(move |b| (a.actor, b.actor))
            })
    }

    /// The participants on another side than `actor`'s (everyone else if `actor` is absent).
    pub fn counterparts(&self, actor: ActorIndex) -> impl Iterator<Item = ActorIndex> + '_ {
        let side = self.side_of(actor);
        self.participants
            .iter()
            .filter(move |p| p.actor != actor && Some(p.side) != side)
            .map(|p| p.actor)
    }

    /// The name of side `side`, when the record names its sides.
    pub fn side_name(&self, side: u32) -> Option<&str> {
        self.sides
            .get(side as usize)
            .and_then(|s| s.name.as_deref())
    }
}

/// A publication that reports meetings.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// Stable id, e.g. `joongang-2016-06-29`.
    pub id: String,
    /// The outlet, e.g. "Korea JoongAng Daily".
    pub publication: String,
    /// The headline.
    pub title: Option<String>,
    /// When it was published, as precisely as known.
    pub published: Option<FuzzyDate>,
    /// Where it can be read, if known.
    pub url: Option<String>,
    /// Editors' notes, e.g. how the publication date was derived.
    pub notes: Option<String>,
}

impl Source {
    /// A slot for a source not yet decoded: no id, no publication. Parallel loaders fill
    /// vectors of these in place; a checked data set never holds one.
    pub(crate) fn unfilled() -> Self {
        Source {
            id: String::new(),
            publication: String::new(),
            title: None,
            published: None,
            url: None,
            notes: None,
        }
    }
}

/// Every checked record of a data set, with ids resolved to indices.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dataset {
    /// Actors; an actor's position is its [`ActorIndex`].
    pub actors: Vec<Actor>,
    /// Sources; a source's position is its [`SourceIndex`].
    pub sources: Vec<Source>,
    /// Roles of actors in parties, states and organisations.
    pub affiliations: Vec<Affiliation>,
    /// Meetings; a meeting's position is its [`MeetingIndex`].
    pub meetings: Vec<Meeting>,
}

impl Dataset {
    /// The actor at `index`.
    pub fn actor(&self, index: ActorIndex) -> &Actor {
        &self.actors[index.index()]
    }

    /// The meeting at `index`.
    pub fn meeting(&self, index: MeetingIndex) -> &Meeting {
        &self.meetings[index.index()]
    }

    /// The source at `index`.
    pub fn source(&self, index: SourceIndex) -> &Source {
        &self.sources[index.index()]
    }
}
