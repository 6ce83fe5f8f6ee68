//! The checks that turn decoded RON records into a [`Dataset`] whose ids all resolve, one
//! pass per kind of record: actor ids, sources, affiliations, then meetings, with the
//! reference, date and participant checks they share. Each pass moves the records' strings
//! into the data set and frees a file's records once it is through them, so that the raw
//! records and the data set are never both whole in memory.

use std::cell::OnceCell;
use std::fmt;
use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::{Checker, List, Origin};
use crate::model::{
    Actor, ActorIndex, ActorKind, Affiliation, Citation, Dataset, FuzzyDate, Meeting, Participant,
    Side, Source, SourceIndex,
};
use crate::names::{closest, did_you_mean};
use crate::store::raw::{
    RawAffiliation, RawCitation, RawFile, RawMeeting, RawParticipant, RawSource,
};

/// Checks every record, in passes, into a data set; the problems stay in `checker`.
pub(super) fn check(checker: &mut Checker<'_>, mut raws: Vec<RawFile>) -> Dataset {
    let refs = check_references(checker, &mut raws);
    let affiliations = check_affiliations(checker, &refs, &mut raws);
    let mut meetings = MeetingsPass::with_capacity(count(&mut raws, |f| &mut f.meetings));
    meetings.check(checker, &refs, &mut raws);
    assemble(refs, affiliations, meetings)
}

/// The actors pass, then the sources pass: what every later reference resolves against.
/// Actors come first, so that every later reference can be resolved and suggested against.
pub(super) fn check_references(checker: &mut Checker<'_>, raws: &mut [RawFile]) -> References {
    let actors = check_actors(checker, raws);
    let sources = check_sources(checker, raws);
    References { actors, sources }
}

/// The affiliations pass, over every file.
pub(super) fn check_affiliations(
    checker: &mut Checker<'_>,
    refs: &References,
    raws: &mut [RawFile],
) -> Vec<Affiliation> {
    let mut affiliations = Vec::new();
    for (origin, raw) in drain(raws, |f| &mut f.affiliations, List::Affiliations) {
        check_affiliation(checker, refs, &mut affiliations, origin, raw);
    }
    affiliations
}

/// The data set of the passes' records.
pub(super) fn assemble(
    refs: References,
    affiliations: Vec<Affiliation>,
    meetings: MeetingsPass,
) -> Dataset {
    Dataset {
        actors: refs.actors.records,
        sources: refs.sources.records,
        affiliations,
        meetings: meetings.finish(),
    }
}

/// Every record of `kind` across the files, with where it is, taken out of the files: each
/// file's list is freed once it is through.
fn drain<'a, T: 'a>(
    raws: &'a mut [RawFile],
    list: fn(&mut RawFile) -> &mut Vec<T>,
    kind: List,
) -> impl Iterator<Item = (Origin, T)> + 'a {
    raws.iter_mut().enumerate().flat_map(move |(file, raw)| {
        std::mem::take(list(raw))
            .into_iter()
            .enumerate()
            .map(move |(index, raw)| {
                let origin = Origin {
                    file,
                    list: kind,
                    index,
                };
                (origin, raw)
            })
    })
}

/// How many records of `kind` the files hold.
pub(super) fn count<T>(raws: &mut [RawFile], list: fn(&mut RawFile) -> &mut Vec<T>) -> usize {
    raws.iter_mut().map(|raw| list(raw).len()).sum()
}

/// What a message is about, e.g. `meeting "m1"`: formatted only when a problem is reported,
/// not once per record.
#[derive(Clone, Copy)]
struct What<'s> {
    kind: &'static str,
    id: &'s str,
}

impl fmt::Display for What<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} \"{}\"", self.kind, self.id)
    }
}

/// Reports a record whose id an earlier record of the same kind already has.
fn duplicate(checker: &mut Checker<'_>, origin: Origin, kind: &str, id: &str, first: Origin) {
    let place = checker.describe(first, id);
    checker.at_value(
        origin,
        id,
        format!("duplicate {kind} id \"{id}\" (first defined at {place})"),
    );
}

/// Positions of ids, looked up by the id text kept elsewhere (in the records themselves), so
/// that no id is copied for the table. Each entry carries the id's hash, length and first 16
/// bytes: millions of participant lookups would otherwise each follow the record and then its
/// string to memory, two cache misses, where a short id is settled by the entry alone.
#[derive(Default)]
struct IdTable {
    table: HashTable<Entry>,
    hasher: DefaultHashBuilder,
}

/// An id's hash, position, length and first bytes.
#[derive(Clone, Copy)]
struct Entry {
    hash: u64,
    index: u32,
    len: u32,
    head: [u8; 16],
}

fn head(id: &str) -> [u8; 16] {
    let mut head = [0u8; 16];
    let n = id.len().min(16);
    head[..n].copy_from_slice(&id.as_bytes()[..n]);
    head
}

impl IdTable {
    fn with_capacity(n: usize) -> Self {
        IdTable {
            table: HashTable::with_capacity(n),
            hasher: DefaultHashBuilder::default(),
        }
    }

    /// The position of `id`, where `key` gives the id at each position.
    fn get<'k>(&self, id: &str, key: impl Fn(u32) -> &'k str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        let first = head(id);
        self.table
            .find(hash, |e| {
                e.hash == hash
                    && e.len as usize == id.len()
                    && e.head == first
                    && (id.len() <= 16 || key(e.index) == id)
            })
            .map(|e| e.index)
    }

    /// Adds position `index` for `id`, which is not yet in the table.
    fn insert(&mut self, id: &str, index: u32) {
        let hash = self.hasher.hash_one(id);
        let entry = Entry {
            hash,
            index,
            len: id.len() as u32,
            head: head(id),
        };
        self.table.insert_unique(hash, entry, |e| e.hash);
    }
}

/// A record with an id.
trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for Actor {
    fn key(&self) -> &str {
        &self.id
    }
}

impl Keyed for Source {
    fn key(&self) -> &str {
        &self.id
    }
}

/// The checked records of one kind with their places, found by id, and the ids sorted for
/// suggestions once the first unknown id needs them.
struct Known<T> {
    records: Vec<T>,
    origins: Vec<Origin>,
    ids: IdTable,
    sorted: OnceCell<Vec<u32>>,
}

impl<T: Keyed> Known<T> {
    fn with_capacity(n: usize) -> Self {
        Known {
            records: Vec::with_capacity(n),
            origins: Vec::with_capacity(n),
            ids: IdTable::with_capacity(n),
            sorted: OnceCell::new(),
        }
    }

    fn get(&self, id: &str) -> Option<u32> {
        let records = &self.records;
        self.ids.get(id, |i| records[i as usize].key())
    }

    /// Adds a record whose id is not yet known.
    fn push(&mut self, record: T, origin: Origin) {
        let index = self.records.len() as u32;
        self.records.push(record);
        self.origins.push(origin);
        self.ids.insert(self.records[index as usize].key(), index);
    }

    /// A " (did you mean …?)" hint for an unknown id, or nothing (also when over budget).
    fn hint(&self, checker: &mut Checker<'_>, id: &str) -> String {
        if !checker.may_hint(id, self.records.len()) {
            return String::new();
        }
        let sorted = self.sorted.get_or_init(|| {
            let mut sorted: Vec<u32> = (0..self.records.len() as u32).collect();
            sorted.sort_unstable_by(|&a, &b| {
                self.records[a as usize]
                    .key()
                    .cmp(self.records[b as usize].key())
            });
            sorted
        });
        let candidates = sorted.iter().map(|&i| self.records[i as usize].key());
        did_you_mean(&closest(id, candidates, 3))
    }
}

/// The ids pass for actors: each id valid and defined once.
fn check_actors(checker: &mut Checker<'_>, raws: &mut [RawFile]) -> Known<Actor> {
    let mut known = Known::with_capacity(count(raws, |f| &mut f.actors));
    for (origin, raw) in drain(raws, |f| &mut f.actors, List::Actors) {
        if let Some(message) = invalid_id(&raw.id) {
            checker.at_value(
                origin,
                &raw.id,
                format!("actor id \"{}\" {message}", raw.id),
            );
        }
        if let Some(first) = known.get(&raw.id) {
            let first = known.origins[first as usize];
            duplicate(checker, origin, "actor", &raw.id, first);
            continue;
        }
        known.push(Actor::from(raw), origin);
    }
    known
}

/// The sources pass: each id defined once, each publication date valid.
fn check_sources(checker: &mut Checker<'_>, raws: &mut [RawFile]) -> Known<Source> {
    let mut known = Known::with_capacity(count(raws, |f| &mut f.sources));
    for (origin, raw) in drain(raws, |f| &mut f.sources, List::Sources) {
        if let Some(first) = known.get(&raw.id) {
            let first = known.origins[first as usize];
            duplicate(checker, origin, "source", &raw.id, first);
            continue;
        }
        let source = check_source(checker, origin, raw);
        known.push(source, origin);
    }
    known
}

fn check_source(checker: &mut Checker<'_>, origin: Origin, raw: RawSource) -> Source {
    let what = What {
        kind: "source",
        id: &raw.id,
    };
    let published = raw
        .published
        .as_deref()
        .and_then(|text| parse_date(checker, origin, text, what));
    let RawSource {
        id,
        publication,
        title,
        url,
        notes,
        ..
    } = raw;
    Source {
        id,
        publication,
        title,
        published,
        url,
        notes,
    }
}

/// The references pass's tables: what actor and source ids resolve to.
pub(super) struct References {
    actors: Known<Actor>,
    sources: Known<Source>,
}

impl References {
    /// The actor `id` names, or a reported problem.
    fn actor(
        &self,
        checker: &mut Checker<'_>,
        origin: Origin,
        id: &str,
        what: What<'_>,
    ) -> Option<ActorIndex> {
        let found = self.actors.get(id).map(ActorIndex);
        if found.is_none() && checker.reports_unknown(List::Actors) {
            let hint = self.actors.hint(checker, id);
            checker.at_value(
                origin,
                id,
                format!("{what} names unknown actor \"{id}\"{hint}"),
            );
        }
        found
    }

    /// The citations whose sources resolve; each unknown one is reported.
    fn citations(
        &self,
        checker: &mut Checker<'_>,
        origin: Origin,
        raw: Vec<RawCitation>,
        what: What<'_>,
    ) -> Vec<Citation> {
        raw.into_iter()
            .filter_map(|c| match self.sources.get(&c.source) {
                Some(source) => Some(Citation {
                    source: SourceIndex(source),
                    evidence: c.evidence,
                }),
                None => {
                    if checker.reports_unknown(List::Sources) {
                        let hint = self.sources.hint(checker, &c.source);
                        checker.at_value(
                            origin,
                            &c.source,
                            format!("{what} cites unknown source \"{}\"{hint}", c.source),
                        );
                    }
                    None
                }
            })
            .collect()
    }
}

/// The affiliations pass, one record: both actors known, the group not a person, the dates
/// valid and in order, the sources known.
fn check_affiliation(
    checker: &mut Checker<'_>,
    refs: &References,
    affiliations: &mut Vec<Affiliation>,
    origin: Origin,
    raw: RawAffiliation,
) {
    let what = What {
        kind: "affiliation of",
        id: &raw.actor,
    };
    let actor = refs.actor(checker, origin, &raw.actor, what);
    let of = refs.actor(checker, origin, &raw.of, what);
    if let Some(of) = of {
        if refs.actors.records[of.index()].kind == ActorKind::Person {
            checker.at_value(
                origin,
                &raw.of,
                format!(
                    "{what} is to \"{}\", a person; expected a party, state or organization",
                    raw.of
                ),
            );
        }
    }
    let (from, to) = check_span(checker, origin, &raw, what);
    let sources = refs.citations(checker, origin, raw.sources, what);
    if let (Some(actor), Some(of)) = (actor, of) {
        affiliations.push(Affiliation {
            actor,
            of,
            role: raw.role,
            from,
            to,
            sources,
        });
    }
}

/// The dates pass for an affiliation: `from` and `to` valid, and not ending before starting.
fn check_span(
    checker: &mut Checker<'_>,
    origin: Origin,
    raw: &RawAffiliation,
    what: What<'_>,
) -> (Option<FuzzyDate>, Option<FuzzyDate>) {
    let from = raw
        .from
        .as_deref()
        .and_then(|t| parse_date(checker, origin, t, what));
    let to = raw
        .to
        .as_deref()
        .and_then(|t| parse_date(checker, origin, t, what));
    if let (Some(f), Some(t)) = (from, to) {
        if t.latest() < f.earliest() {
            checker.at_value(
                origin,
                raw.to.as_deref().unwrap_or_default(),
                format!("{what} ends ({t}) before it starts ({f})"),
            );
        }
    }
    (from, to)
}

/// The meetings pass: each id defined once, then each meeting checked. It may take the
/// files' meetings in several goes, in file order, as they are decoded.
pub(super) struct MeetingsPass {
    /// Every meeting id defined, in order (a meeting that fails its checks still defines its
    /// id), with its place; the accepted meetings take their ids from here at the end.
    ids: Vec<String>,
    origins: Vec<Origin>,
    table: IdTable,
    meetings: Vec<Meeting>,
    id_of: Vec<u32>,
}

impl MeetingsPass {
    /// A pass with room for `n` meetings.
    pub(super) fn with_capacity(n: usize) -> Self {
        MeetingsPass {
            ids: Vec::with_capacity(n),
            origins: Vec::with_capacity(n),
            table: IdTable::with_capacity(n),
            meetings: Vec::with_capacity(n),
            id_of: Vec::with_capacity(n),
        }
    }

    /// Room for `additional` more meetings.
    pub(super) fn reserve(&mut self, additional: usize) {
        self.ids.reserve(additional);
        self.origins.reserve(additional);
        self.table.table.reserve(additional, |e| e.hash);
        self.meetings.reserve(additional);
        self.id_of.reserve(additional);
    }

    /// Checks the meetings the files hold now, taking them out of the files.
    pub(super) fn check(
        &mut self,
        checker: &mut Checker<'_>,
        refs: &References,
        raws: &mut [RawFile],
    ) {
        for (origin, mut raw) in drain(raws, |f| &mut f.meetings, List::Meetings) {
            let ids = &self.ids;
            if let Some(first) = self.table.get(&raw.id, |i| ids[i as usize].as_str()) {
                let first = self.origins[first as usize];
                duplicate(checker, origin, "meeting", &raw.id, first);
                continue;
            }
            let id = std::mem::take(&mut raw.id);
            let meeting = check_meeting(checker, refs, origin, &id, raw);
            let index = self.ids.len() as u32;
            self.ids.push(id);
            self.origins.push(origin);
            self.table.insert(&self.ids[index as usize], index);
            if let Some(meeting) = meeting {
                self.meetings.push(meeting);
                self.id_of.push(index);
            }
        }
    }

    /// The accepted meetings, with their ids.
    fn finish(mut self) -> Vec<Meeting> {
        for (meeting, &index) in self.meetings.iter_mut().zip(&self.id_of) {
            meeting.id = std::mem::take(&mut self.ids[index as usize]);
        }
        self.meetings
    }
}

/// The meetings pass, one record with a new id: a valid date, two or more distinct known
/// participants, and at least one known source. The meeting is returned without its id,
/// which the caller keeps.
fn check_meeting(
    checker: &mut Checker<'_>,
    refs: &References,
    origin: Origin,
    id: &str,
    raw: RawMeeting,
) -> Option<Meeting> {
    let what = What {
        kind: "meeting",
        id,
    };
    let date = parse_date(checker, origin, &raw.date, what);
    let (participants, sides) = check_participants(checker, refs, origin, id, &raw, what);
    if raw.sources.is_empty() {
        checker.at_value(
            origin,
            id,
            format!("{what} cites no source; every meeting needs at least one"),
        );
    }
    let sources = refs.citations(checker, origin, raw.sources, what);
    Some(Meeting {
        id: String::new(),
        date: date?,
        date_note: raw.date_note,
        place: raw.place,
        kind: raw.kind,
        status: raw.status,
        participants,
        sides,
        sources,
        notes: raw.notes,
    })
}

/// The participants pass, one meeting: each known and listed once; two or more when each is
/// a side of its own, one or more on every side when sides are given.
fn check_participants(
    checker: &mut Checker<'_>,
    refs: &References,
    origin: Origin,
    id: &str,
    raw: &RawMeeting,
    what: What<'_>,
) -> (Vec<Participant>, Vec<Side>) {
    if !raw.participants.is_empty() && !raw.sides.is_empty() {
        checker.at_value(
            origin,
            id,
            format!("{what} gives both participants and sides; list the participants in sides"),
        );
    }
    let mut participants: Vec<Participant> = Vec::with_capacity(raw.participants.len());
    let mut all_known = true;
    let mut add = |checker: &mut Checker<'_>, p: &RawParticipant, side: u32| match refs
        .actor(checker, origin, &p.actor, what)
    {
        Some(actor) if participants.iter().any(|q| q.actor == actor) => {
            all_known = false;
            report_twice(checker, origin, &p.actor, what);
        }
        Some(actor) => participants.push(Participant {
            actor,
            role: p.role.clone(),
            side,
        }),
        None => all_known = false,
    };
    let sides: Vec<Side> = if raw.sides.is_empty() {
        for (i, p) in raw.participants.iter().enumerate() {
            add(checker, p, i as u32);
        }
        Vec::new()
    } else {
        for (i, side) in raw.sides.iter().enumerate() {
            if side.members.is_empty() {
                let named = side
                    .name
                    .as_ref()
                    .map_or(String::new(), |n| format!(" ({n:?})"));
                checker.at_value(
                    origin,
                    id,
                    format!(
                        "{what} has an empty side {}{named}; every side needs a member",
                        i + 1
                    ),
                );
            }
            for p in &side.members {
                add(checker, p, i as u32);
            }
        }
        raw.sides
            .iter()
            .map(|s| Side {
                name: s.name.clone(),
            })
            .collect()
    };
    let needed = if raw.sides.is_empty() { 2 } else { 1 };
    if all_known && participants.len() < needed {
        checker.at_value(
            origin,
            id,
            format!(
                "{what} has {} participant{}; a meeting needs two or more distinct actors",
                participants.len(),
                if participants.len() == 1 { "" } else { "s" }
            ),
        );
    }
    (participants, sides)
}

/// Reports an actor listed a second time in one meeting, at the second mention.
fn report_twice(checker: &mut Checker<'_>, origin: Origin, actor: &str, what: What<'_>) {
    // The second mention, so that it is the one shown.
    checker.at_nth_value(
        origin,
        actor,
        1,
        format!("{what} lists participant \"{actor}\" twice; list each actor once"),
    );
}

/// A date, or a reported problem.
fn parse_date(
    checker: &mut Checker<'_>,
    origin: Origin,
    text: &str,
    what: What<'_>,
) -> Option<FuzzyDate> {
    match text.parse::<FuzzyDate>() {
        Ok(date) => Some(date),
        Err(e) => {
            checker.at_value(
                origin,
                text,
                format!(
                    "{what} has {e} (expected YYYY, YYYY-MM, YYYY-MM-DD or a range START..END)"
                ),
            );
            None
        }
    }
}

/// What is wrong with an actor id, if anything.
fn invalid_id(id: &str) -> Option<&'static str> {
    crate::model::id_flaw(id)
}
