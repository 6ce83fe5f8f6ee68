//! The checks that turn decoded RON records into a [`Dataset`] whose ids all resolve, one
//! pass per kind of record: actor ids, sources, affiliations, then meetings, with the
//! reference, date and participant checks they share.

use std::collections::HashMap;

use super::{Checker, Decoded, List, Origin};
use crate::model::{
    Actor, ActorIndex, ActorKind, Affiliation, Citation, Dataset, FuzzyDate, Meeting, Participant,
    Side, Source, SourceIndex,
};
use crate::names::{closest, did_you_mean};
use crate::store::raw::{
    RawAffiliation, RawCitation, RawFile, RawMeeting, RawParticipant, RawSource,
};

/// Checks every record, in passes, into a data set; the problems stay in `checker`.
pub(super) fn check(checker: &mut Checker<'_>) -> Dataset {
    let files = checker.files;
    let mut dataset = Dataset::default();
    // Actors first, so that every later reference can be resolved and suggested against.
    let actors = Ids::new(check_actors(checker, files, &mut dataset));
    let sources = Ids::new(check_sources(checker, files, &mut dataset));
    let refs = References { actors, sources };
    for (origin, raw) in records(files, |f| &f.affiliations, List::Affiliations) {
        check_affiliation(checker, &refs, &mut dataset, origin, raw);
    }
    let mut meeting_ids: HashMap<&str, Origin> = HashMap::new();
    for (origin, raw) in records(files, |f| &f.meetings, List::Meetings) {
        if let Some(first) = meeting_ids.get(raw.id.as_str()) {
            duplicate(checker, origin, "meeting", &raw.id, *first);
            continue;
        }
        meeting_ids.insert(raw.id.as_str(), origin);
        if let Some(meeting) = check_meeting(checker, &refs, origin, raw) {
            dataset.meetings.push(meeting);
        }
    }
    dataset
}

/// Every record of `kind` across the files, with where it is.
fn records<'a, T: 'a>(
    files: &'a [Decoded<'a>],
    list: fn(&'a RawFile) -> &'a Vec<T>,
    kind: List,
) -> impl Iterator<Item = (Origin, &'a T)> + 'a {
    files.iter().enumerate().flat_map(move |(file, decoded)| {
        list(&decoded.raw)
            .iter()
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

/// Reports a record whose id an earlier record of the same kind already has.
fn duplicate(checker: &mut Checker<'_>, origin: Origin, kind: &str, id: &str, first: Origin) {
    let place = checker.describe(first, id);
    checker.at_value(
        origin,
        id,
        format!("duplicate {kind} id \"{id}\" (first defined at {place})"),
    );
}

/// The ids pass for actors: each id valid and defined once.
fn check_actors<'a>(
    checker: &mut Checker<'_>,
    files: &'a [Decoded<'a>],
    dataset: &mut Dataset,
) -> HashMap<&'a str, (ActorIndex, Origin)> {
    let mut ids: HashMap<&str, (ActorIndex, Origin)> = HashMap::new();
    for (origin, raw) in records(files, |f| &f.actors, List::Actors) {
        if let Some(message) = invalid_id(&raw.id) {
            checker.at_value(
                origin,
                &raw.id,
                format!("actor id \"{}\" {message}", raw.id),
            );
        }
        if let Some((_, first)) = ids.get(raw.id.as_str()) {
            duplicate(checker, origin, "actor", &raw.id, *first);
            continue;
        }
        ids.insert(
            raw.id.as_str(),
            (ActorIndex(dataset.actors.len() as u32), origin),
        );
        dataset.actors.push(Actor {
            id: raw.id.clone(),
            name: raw.name.clone(),
            kind: raw.kind,
            aliases: raw.aliases.clone(),
            native_name: raw.native_name.clone(),
            notes: raw.notes.clone(),
        });
    }
    ids
}

/// The sources pass: each id defined once, each publication date valid.
fn check_sources<'a>(
    checker: &mut Checker<'_>,
    files: &'a [Decoded<'a>],
    dataset: &mut Dataset,
) -> HashMap<&'a str, (SourceIndex, Origin)> {
    let mut ids: HashMap<&str, (SourceIndex, Origin)> = HashMap::new();
    for (origin, raw) in records(files, |f| &f.sources, List::Sources) {
        if let Some((_, first)) = ids.get(raw.id.as_str()) {
            duplicate(checker, origin, "source", &raw.id, *first);
            continue;
        }
        let source = check_source(checker, origin, raw);
        ids.insert(
            raw.id.as_str(),
            (SourceIndex(dataset.sources.len() as u32), origin),
        );
        dataset.sources.push(source);
    }
    ids
}

fn check_source(checker: &mut Checker<'_>, origin: Origin, raw: &RawSource) -> Source {
    let published = raw
        .published
        .as_deref()
        .and_then(|text| parse_date(checker, origin, text, &format!("source \"{}\"", raw.id)));
    Source {
        id: raw.id.clone(),
        publication: raw.publication.clone(),
        title: raw.title.clone(),
        published,
        url: raw.url.clone(),
        notes: raw.notes.clone(),
    }
}

/// Ids of one kind of record with their places, and the ids sorted for suggestions.
struct Ids<'a, I> {
    by_id: HashMap<&'a str, (I, Origin)>,
    sorted: Vec<&'a str>,
}

impl<'a, I: Copy> Ids<'a, I> {
    fn new(by_id: HashMap<&'a str, (I, Origin)>) -> Self {
        let mut sorted: Vec<&str> = by_id.keys().copied().collect();
        sorted.sort_unstable();
        Ids { by_id, sorted }
    }

    fn get(&self, id: &str) -> Option<I> {
        self.by_id.get(id).map(|(index, _)| *index)
    }

    /// A " (did you mean …?)" hint for an unknown id, or nothing (also when over budget).
    fn hint(&self, checker: &mut Checker<'_>, id: &str) -> String {
        if !checker.may_hint(id, self.sorted.len()) {
            return String::new();
        }
        did_you_mean(&closest(id, self.sorted.iter().copied(), 3))
    }
}

/// The references pass's tables: what actor and source ids resolve to.
struct References<'a> {
    actors: Ids<'a, ActorIndex>,
    sources: Ids<'a, SourceIndex>,
}

impl References<'_> {
    /// The actor `id` names, or a reported problem.
    fn actor(
        &self,
        checker: &mut Checker<'_>,
        origin: Origin,
        id: &str,
        what: &str,
    ) -> Option<ActorIndex> {
        let found = self.actors.get(id);
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
        raw: &[RawCitation],
        what: &str,
    ) -> Vec<Citation> {
        raw.iter()
            .filter_map(|c| match self.sources.get(&c.source) {
                Some(source) => Some(Citation {
                    source,
                    evidence: c.evidence.clone(),
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
    refs: &References<'_>,
    dataset: &mut Dataset,
    origin: Origin,
    raw: &RawAffiliation,
) {
    let what = format!("affiliation of \"{}\"", raw.actor);
    let actor = refs.actor(checker, origin, &raw.actor, &what);
    let of = refs.actor(checker, origin, &raw.of, &what);
    if let Some(of) = of {
        if dataset.actor(of).kind == ActorKind::Person {
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
    let (from, to) = check_span(checker, origin, raw, &what);
    let sources = refs.citations(checker, origin, &raw.sources, &what);
    if let (Some(actor), Some(of)) = (actor, of) {
        dataset.affiliations.push(Affiliation {
            actor,
            of,
            role: raw.role.clone(),
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
    what: &str,
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

/// The meetings pass, one record with a new id: a valid date, two or more distinct known
/// participants, and at least one known source.
fn check_meeting(
    checker: &mut Checker<'_>,
    refs: &References<'_>,
    origin: Origin,
    raw: &RawMeeting,
) -> Option<Meeting> {
    let what = format!("meeting \"{}\"", raw.id);
    let date = parse_date(checker, origin, &raw.date, &what);
    let (participants, sides) = check_participants(checker, refs, origin, raw, &what);
    if raw.sources.is_empty() {
        checker.at_value(
            origin,
            &raw.id,
            format!("{what} cites no source; every meeting needs at least one"),
        );
    }
    let sources = refs.citations(checker, origin, &raw.sources, &what);
    Some(Meeting {
        id: raw.id.clone(),
        date: date?,
        date_note: raw.date_note.clone(),
        place: raw.place.clone(),
        kind: raw.kind,
        status: raw.status,
        participants,
        sides,
        sources,
        notes: raw.notes.clone(),
    })
}

/// The participants pass, one meeting: each known and listed once; two or more when each is
/// a side of its own, one or more on every side when sides are given.
fn check_participants(
    checker: &mut Checker<'_>,
    refs: &References<'_>,
    origin: Origin,
    raw: &RawMeeting,
    what: &str,
) -> (Vec<Participant>, Vec<Side>) {
    if !raw.participants.is_empty() && !raw.sides.is_empty() {
        checker.at_value(
            origin,
            &raw.id,
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
                    &raw.id,
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
            &raw.id,
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
fn report_twice(checker: &mut Checker<'_>, origin: Origin, actor: &str, what: &str) {
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
    what: &str,
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
