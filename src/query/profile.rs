//! An actor's profile (`whomet show`) and the listings of affiliations and sources: what the
//! editors recorded about an actor beyond its meetings, each fact with its citations.

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;
use serde::Serialize;

use crate::graph::{MeetingFilter, MeetingGraph};
use crate::model::{
    ActorIndex, ActorKind, Affiliation, Certainty, Citation, MeetingIndex, SourceIndex,
};
use crate::query::contacts::{timeline, TimelineEntry};
use crate::query::listing::CitationRow;

/// One affiliation as listed (JSON: `{"actor","actor_name","of","of_name","role","from",
/// "to","sources":[…]}`; open ends are `null`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AffiliationRow {
    /// The member's id.
    pub actor: String,
    /// The member's name.
    pub actor_name: String,
    /// The party, state or organisation's id.
    pub of: String,
    /// Its name.
    pub of_name: String,
    /// The office or role.
    pub role: String,
    /// When the role began, in date notation, or `null` when not recorded.
    pub from: Option<String>,
    /// When it ended, or `null`.
    pub to: Option<String>,
    /// Where the role is attested.
    pub sources: Vec<CitationRow>,
}

impl AffiliationRow {
    fn new(graph: &MeetingGraph, a: &Affiliation) -> Self {
        let data = graph.data();
        AffiliationRow {
            actor: graph.actor(a.actor).id.clone(),
            actor_name: graph.actor(a.actor).name.clone(),
            of: graph.actor(a.of).id.clone(),
            of_name: graph.actor(a.of).name.clone(),
            role: a.role.clone(),
            from: a.from.map(|d| d.to_string()),
            to: a.to.map(|d| d.to_string()),
            sources: a
                .sources
                .iter()
                .map(|c| CitationRow::new(data, c))
                .collect(),
        }
    }
}

/// Which affiliations or sources to list; every field narrows the listing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordFilter {
    /// Only records about this actor (as member, or as the party or state).
    pub actor: Option<ActorIndex>,
    /// Only records about this party, state or organisation, or one of its members.
    pub of: Option<ActorIndex>,
    /// Only affiliations that may have run on or after this day; only sources published on
    /// or after it.
    pub from: Option<Date>,
    /// Likewise, on or before this day.
    pub to: Option<Date>,
}

/// The affiliations passing `filter`, sorted by member id, then party or state id, then start.
///
/// ```
/// use whomet::query::profile::{affiliations, RecordFilter};
/// let graph = whomet::store::load(&whomet::store::DataLocation::Embedded)?;
/// let choe = graph.actor_by_id("choe-ryong-hae").unwrap();
/// let roles = affiliations(&graph, &RecordFilter { actor: Some(choe), ..Default::default() });
/// assert!(roles.iter().any(|r| r.of == "workers-party-of-korea"));
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn affiliations(graph: &MeetingGraph, filter: &RecordFilter) -> Vec<AffiliationRow> {
    let data = graph.data();
    // An actor's own affiliations come from the graph's index, not a pass over all of them.
    let candidates: Vec<&Affiliation> = match filter.actor {
        Some(x) => graph
            .affiliations_of(x)
            .map(|i| &data.affiliations[i])
            .collect(),
        None => data.affiliations.iter().collect(),
    };
    let mut rows: Vec<(&Affiliation, AffiliationRow)> = candidates
        .into_iter()
        .filter(|a| filter.actor.is_none_or(|x| a.actor == x || a.of == x))
        .filter(|a| filter.of.is_none_or(|x| a.of == x || a.actor == x))
        .filter(|a| a.overlaps(filter.from, filter.to))
        .map(|a| (a, AffiliationRow::new(graph, a)))
        .collect();
    rows.sort_by(|(a, x), (b, y)| {
        (&x.actor, &x.of)
            .cmp(&(&y.actor, &y.of))
            .then_with(|| start_key(a).cmp(&start_key(b)))
            .then_with(|| x.role.cmp(&y.role))
    });
    rows.into_iter().map(|(_, row)| row).collect()
}

fn start_key(a: &Affiliation) -> (Date, Date) {
    a.from
        .map_or((Date::MIN, Date::MIN), |d| (d.earliest(), d.latest()))
}

/// One source as listed, with what cites it (JSON: `{"id","publication","title","published",
/// "url","notes","meetings":[ids],"affiliations","actors":[ids]}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SourceRow {
    /// Source id.
    pub id: String,
    /// The outlet.
    pub publication: String,
    /// The headline, or `null`.
    pub title: Option<String>,
    /// Publication date in date notation, or `null`.
    pub published: Option<String>,
    /// Address, or `null`.
    pub url: Option<String>,
    /// Editors' notes, e.g. how the publication date was derived, or `null`.
    pub notes: Option<String>,
    /// Ids of the meetings (of any status) citing it, in date order.
    pub meetings: Vec<String>,
    /// How many affiliations cite it.
    pub affiliations: usize,
    /// Ids of the actors it mentions: participants of the meetings and both ends of the
    /// affiliations that cite it, sorted.
    pub actors: Vec<String>,
}

/// The sources passing `filter`, sorted by id. `filter.actor` keeps sources that mention the
/// actor; `filter.of` those that mention the party or state or one of its members.
pub fn sources(graph: &MeetingGraph, filter: &RecordFilter) -> Vec<SourceRow> {
    let data = graph.data();
    // With an actor, only the sources its own records cite can qualify: gathering facts for
    // those alone keeps a profile on a million-meeting set from touching every source.
    let wanted: Option<std::collections::BTreeSet<SourceIndex>> = filter.actor.map(|x| {
        graph
            .meetings_of(x)
            .iter()
            .flat_map(|&m| graph.meeting(m).sources.iter().map(|c| c.source))
            .chain(
                graph
                    .affiliations_of(x)
                    .flat_map(|i| data.affiliations[i].sources.iter().map(|c| c.source)),
            )
            .collect()
    });
    let mut meetings: HashMap<usize, Vec<String>> = HashMap::new();
    let mut affiliation_counts: HashMap<usize, usize> = HashMap::new();
    let mut mentioned: HashMap<usize, Vec<ActorIndex>> = HashMap::new();
    let mut record = |s: SourceIndex, m: MeetingIndex| {
        let meeting = graph.meeting(m);
        meetings
            .entry(s.index())
            .or_default()
            .push(meeting.id.clone());
        mentioned
            .entry(s.index())
            .or_default()
            .extend(meeting.participants.iter().map(|p| p.actor));
    };
    match &wanted {
        // The graph's index of citing records, in the same date order as the scan below.
        Some(wanted) => {
            for &s in wanted {
                for m in graph.meetings_citing(s) {
                    record(s, m);
                }
            }
        }
        None => {
            for &m in graph.meetings_by_date() {
                for s in distinct_sources(&graph.meeting(m).sources) {
                    record(s, m);
                }
            }
        }
    }
    let mut count = |s: SourceIndex, a: &Affiliation| {
        *affiliation_counts.entry(s.index()).or_default() += 1;
        mentioned
            .entry(s.index())
            .or_default()
            .extend([a.actor, a.of]);
    };
    match &wanted {
        Some(wanted) => {
            for &s in wanted {
                for i in graph.affiliations_citing(s) {
                    count(s, &data.affiliations[i]);
                }
            }
        }
        None => {
            for a in &data.affiliations {
                for s in distinct_sources(&a.sources) {
                    count(s, a);
                }
            }
        }
    }
    let none: Vec<ActorIndex> = Vec::new();
    let mentions = |i: usize| mentioned.get(&i).unwrap_or(&none);
    let members_of = |of: ActorIndex| -> Vec<ActorIndex> {
        let mut members: Vec<ActorIndex> = data
            .affiliations
            .iter()
            .filter(|a| a.of == of)
            .map(|a| a.actor)
            .collect();
        members.push(of);
        members
    };
    let circle = filter.of.map(members_of);
    let candidates: Vec<usize> = match &wanted {
        Some(wanted) => wanted.iter().map(|s| s.index()).collect(),
        None => (0..data.sources.len()).collect(),
    };
    let mut rows: Vec<SourceRow> = candidates
        .into_iter()
        .map(|i| (i, &data.sources[i]))
        .filter(|(i, _)| filter.actor.is_none_or(|x| mentions(*i).contains(&x)))
        .filter(|(i, _)| {
            circle
                .as_ref()
                .is_none_or(|c| mentions(*i).iter().any(|a| c.contains(a)))
        })
        .filter(|(_, s)| {
            let (first, last) = s
                .published
                .map_or((Date::MIN, Date::MAX), |d| (d.earliest(), d.latest()));
            filter.from.is_none_or(|f| last >= f) && filter.to.is_none_or(|t| first <= t)
        })
        .map(|(i, s)| {
            let mut actors: Vec<String> = mentions(i)
                .iter()
                .map(|&a| graph.actor(a).id.clone())
                .collect();
            actors.sort();
            actors.dedup();
            SourceRow {
                id: s.id.clone(),
                publication: s.publication.clone(),
                title: s.title.clone(),
                published: s.published.map(|d| d.to_string()),
                url: s.url.clone(),
                notes: s.notes.clone(),
                meetings: meetings.get(&i).cloned().unwrap_or_default(),
                affiliations: affiliation_counts.get(&i).copied().unwrap_or(0),
                actors,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    rows
}

fn distinct_sources(citations: &[Citation]) -> Vec<SourceIndex> {
    let mut list: Vec<SourceIndex> = citations.iter().map(|c| c.source).collect();
    list.sort_by_key(|s| s.index());
    list.dedup();
    list
}

/// The meetings of one year in a profile.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct YearOfMeetings {
    /// The earliest year the meetings may fall in (`null` when the date has no start).
    pub year: Option<i16>,
    /// The meetings, in date order.
    pub meetings: Vec<TimelineEntry>,
}

/// Everything recorded about one actor (JSON keys as the fields; see the README).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Profile {
    /// Actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// Other names.
    pub aliases: Vec<String>,
    /// Name in its own script, or `null`.
    pub native_name: Option<String>,
    /// Editors' notes, or `null`.
    pub notes: Option<String>,
    /// Roles the actor held in parties, states and organisations, with citations.
    pub roles: Vec<AffiliationRow>,
    /// For a party, state or organisation: the roles others held in it.
    pub members: Vec<AffiliationRow>,
    /// Meetings across sides, of every status the filter lets through, by year.
    pub meetings: Vec<YearOfMeetings>,
    /// Records of the actor present with others on one side, where nobody met.
    pub presences: Vec<TimelineEntry>,
    /// State visits the actor made or hosted.
    pub visits: Vec<TimelineEntry>,
    /// Every source that mentions the actor, sorted by id.
    pub sources: Vec<SourceRow>,
}

impl Profile {
    /// How many of the listed meetings, presences and visits are only possibly inside the
    /// filter's window.
    pub fn possibly_inside(&self) -> usize {
        self.meetings
            .iter()
            .flat_map(|y| &y.meetings)
            .chain(&self.presences)
            .chain(&self.visits)
            .filter(|e| e.meeting.inside == Some(Certainty::Possible))
            .count()
    }
}

/// The profile of `actor`, its meetings, presences and visits passing `filter`; roles and
/// sources are listed whole, with roles narrowed to the window when it has one.
///
/// ```
/// use whomet::graph::MeetingFilter;
/// use whomet::query::profile::profile;
/// let graph = whomet::store::load(&whomet::store::DataLocation::Embedded)?;
/// let filter = MeetingFilter { status: None, ..Default::default() };
/// let p = profile(&graph, graph.actor_by_id("miguel-diaz-canel").unwrap(), &filter);
/// assert!(p.meetings.iter().any(|y| y.year == Some(2018)));
/// assert!(!p.sources.is_empty());
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn profile(graph: &MeetingGraph, actor: ActorIndex, filter: &MeetingFilter) -> Profile {
    let record = graph.actor(actor);
    let mut by_year: BTreeMap<Option<i16>, Vec<TimelineEntry>> = BTreeMap::new();
    let mut presences = Vec::new();
    let mut visits = Vec::new();
    for entry in timeline(graph, actor, filter) {
        match entry.meeting.record {
            "presence" => presences.push(entry),
            "state_visit" => visits.push(entry),
            _ => {
                let year = graph
                    .meeting_by_id(&entry.meeting.id)
                    .and_then(|m| graph.meeting(m).date.year());
                by_year.entry(year).or_default().push(entry)
            }
        }
    }
    let all = affiliations(
        graph,
        &RecordFilter {
            actor: Some(actor),
            from: filter.from,
            to: filter.to,
            ..Default::default()
        },
    );
    let (roles, members) = all.into_iter().partition(|r| r.actor == record.id);
    Profile {
        id: record.id.clone(),
        name: record.name.clone(),
        kind: record.kind,
        aliases: record.aliases.clone(),
        native_name: record.native_name.clone(),
        notes: record.notes.clone(),
        roles,
        members,
        meetings: by_year
            .into_iter()
            .map(|(year, meetings)| YearOfMeetings { year, meetings })
            .collect(),
        presences,
        visits,
        sources: sources(
            graph,
            &RecordFilter {
                actor: Some(actor),
                ..Default::default()
            },
        ),
    }
}
