//! The meeting graph: actors as petgraph nodes, one edge per pair of actors that met, each
//! edge carrying the held meetings behind it in date order; plus the indexes queries need.

mod adjacency;
pub mod blocs;
mod build;
mod records;

use build::{pairs_and_actors, petgraph_of, sorted_by_date, sorted_by_id, Packing};

pub use adjacency::Adjacency;

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use jiff::civil::Date;
use petgraph::graph::{EdgeIndex, UnGraph};

use crate::model::{
    Actor, ActorIndex, ActorKind, Certainty, Counting, Dataset, FuzzyDate, Meeting, MeetingIndex,
    SourceIndex, Status,
};

/// Days since 1970-01-01; open bounds (`Date::MIN`, `Date::MAX`) map to [`OPEN_START_DAY`] and
/// [`OPEN_END_DAY`].
pub fn day_number(date: Date) -> i32 {
    if date == Date::MIN {
        return OPEN_START_DAY;
    }
    if date == Date::MAX {
        return OPEN_END_DAY;
    }
    days_from_civil(
        i32::from(date.year()),
        date.month() as u32,
        date.day() as u32,
    )
}

/// [`day_number`] of a date's earliest and latest days, reckoned from its points without
/// building calendar dates (the date order of a million meetings asks for both of each).
pub(crate) fn day_bounds(date: &FuzzyDate) -> (i32, i32) {
    let day = |(year, month, day): (i16, i8, i8)| match (year, month, day) {
        (-9999, 1, 1) => OPEN_START_DAY,
        (9999, 12, 31) => OPEN_END_DAY,
        _ => days_from_civil(i32::from(year), month as u32, day as u32),
    };
    let (start, end) = date.bound_points();
    (
        start.map_or(OPEN_START_DAY, |p| day(p.first_ymd())),
        end.map_or(OPEN_END_DAY, |p| day(p.last_ymd())),
    )
}

/// Days from 1970-01-01 to a proleptic Gregorian date, in integer arithmetic (Hinnant's
/// `days_from_civil`): a million meetings ask for two each when the graph is built, and a
/// calendar duration costs several times as much.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400) as u32;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era as i32 - 719_468
}

/// The day number of an open start: before every calendar day, yet above `i32::MIN`, which
/// searches keep for an open window and for "not yet", so that a meeting with an open bound
/// is a meeting like any other to them. It mirrors [`OPEN_END_DAY`] (`-d` swaps the two).
pub const OPEN_START_DAY: i32 = -OPEN_END_DAY;

/// The day number of an open end: after every calendar day, yet below `i32::MAX` ("never").
pub const OPEN_END_DAY: i32 = i32::MAX - 1;

/// The date of a day number from [`day_number`]; open days and sentinels map back to the open
/// bounds.
pub fn date_of_day(day: i32) -> Date {
    match day {
        i32::MIN..=OPEN_START_DAY => Date::MIN,
        OPEN_END_DAY..=i32::MAX => Date::MAX,
        _ => EPOCH
            .checked_add(jiff::Span::new().days(i64::from(day)))
            .unwrap_or(if day < 0 { Date::MIN } else { Date::MAX }),
    }
}

const EPOCH: Date = Date::constant(1970, 1, 1);

/// Per-meeting data for time-ordered searches, in flat arrays indexed by meeting.
#[derive(Debug, Clone, Default)]
pub struct MeetingTimes {
    /// Earliest and latest day of each meeting, as day numbers.
    pub bounds: Vec<(i32, i32)>,
    /// Whether each meeting counts as its cross-side participants meeting
    /// ([`Counting::counts`]): held, two or more sides.
    pub held: Vec<bool>,
    offsets: Vec<u32>,
    actors: Vec<u32>,
    sides: Vec<u32>,
    held_offsets: Vec<u32>,
    held_entries: Vec<HeldEntry>,
    /// Per actor, the widest day range among its held meetings (0 when all are exact days).
    held_widths: Vec<u32>,
    ranged_offsets: Vec<u32>,
    ranged_ends: Vec<HeldEntry>,
}

/// The held meetings in date order, with their participants laid out in the same order, so
/// that a scan through time reads memory front to back ([`MeetingGraph::dated_meetings`]);
/// apart from [`MeetingTimes`], which whole-network reach uses without it.
#[derive(Debug, Clone, Default)]
pub struct DatedMeetings {
    dated: Vec<DatedMeeting>,
    /// (actor, side) of each participant of `dated`'s meetings, meeting after meeting.
    members: Vec<(u32, u32)>,
    /// Parallel to `members`: whether the actor has another held meeting of the same first day.
    shares_first_day: Vec<bool>,
    /// Per actor, where its spans in `running` begin (one more entry at the end).
    running_offsets: Vec<u32>,
    /// Per actor, the days on which one of its ranged held meetings, begun on an earlier day,
    /// still runs: disjoint `(first, last)` spans in order.
    running: Vec<(i32, i32)>,
}

impl DatedMeetings {
    /// The held meetings in date order (earliest day, then latest, then as
    /// [`MeetingGraph::meetings_by_date`]).
    pub fn all(&self) -> &[DatedMeeting] {
        &self.dated
    }

    /// Where the participants of the `i`-th meeting sit in `members`.
    fn member_range(&self, i: usize) -> Range<usize> {
        let start = if i == 0 { 0 } else { self.dated[i - 1].end };
        start as usize..self.dated[i].end as usize
    }

    /// (actor, side) of each participant of the `i`-th meeting of [`Self::all`].
    pub fn members(&self, i: usize) -> &[(u32, u32)] {
        &self.members[self.member_range(i)]
    }

    /// Parallel to [`Self::members`]: whether each participant has another held meeting
    /// with the same first day, which a scan through time would otherwise find out by
    /// marking every participant of every meeting it passes.
    pub fn shares_first_day(&self, i: usize) -> &[bool] {
        &self.shares_first_day[self.member_range(i)]
    }

    /// The days, as disjoint `(first, last)` spans in order, on which a ranged held meeting of
    /// `actor` begun on an earlier day still runs: only then can an actor who hears in a
    /// meeting beginning that day pass the word on through one begun before.
    pub fn running_spans(&self, actor: ActorIndex) -> &[(i32, i32)] {
        &self.running[self.running_offsets[actor.index()] as usize
            ..self.running_offsets[actor.index() + 1] as usize]
    }
}

/// A held meeting in the date-ordered layout of [`DatedMeetings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatedMeeting {
    /// First day of the meeting.
    pub earliest: i32,
    /// Last day of the meeting.
    pub latest: i32,
    /// The meeting.
    pub meeting: MeetingIndex,
    /// End of its participants in the members list (they start where the previous ends).
    end: u32,
}

/// One held meeting of an actor, with its day bounds inline so scans read memory in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct HeldEntry {
    /// Latest day of the meeting (entries are sorted by it).
    pub latest: i32,
    /// Earliest day of the meeting.
    pub earliest: i32,
    /// The meeting.
    pub meeting: MeetingIndex,
}

impl MeetingTimes {
    /// The held meetings of `actor` that span more than one day, in the order of
    /// [`Self::held_of`]: a short list beside the long one, for the scan's question of which
    /// begun meetings still run today.
    pub fn ranged_of(&self, actor: ActorIndex) -> &[HeldEntry] {
        &self.ranged_ends[self.ranged_offsets[actor.index()] as usize
            ..self.ranged_offsets[actor.index() + 1] as usize]
    }

    /// The held meetings of `actor`, sorted by latest day, then earliest day, then index.
    pub fn held_of(&self, actor: ActorIndex) -> &[HeldEntry] {
        &self.held_entries[self.held_offsets[actor.index()] as usize
            ..self.held_offsets[actor.index() + 1] as usize]
    }

    /// The widest `latest - earliest` among the held meetings of `actor`, in days (a meeting
    /// with an open bound is as wide as the calendar, which needs all 32 bits).
    pub fn held_width(&self, actor: ActorIndex) -> u32 {
        self.held_widths[actor.index()]
    }

    /// The day `day` plus [`MeetingTimes::held_width`]: the held meetings of `actor` ending
    /// after it begin after `day`. `None` when that is past the last day numbers can hold, so
    /// that every meeting may begin by `day`.
    pub fn held_reach(&self, actor: ActorIndex, day: i32) -> Option<i32> {
        i32::try_from(i64::from(day) + i64::from(self.held_width(actor))).ok()
    }

    /// The participants of meeting `m`, as actor indices.
    pub fn participants(&self, m: MeetingIndex) -> &[u32] {
        &self.actors[self.offsets[m.index()] as usize..self.offsets[m.index() + 1] as usize]
    }

    /// The side of each participant of meeting `m`, parallel to [`Self::participants`].
    pub fn sides(&self, m: MeetingIndex) -> &[u32] {
        &self.sides[self.offsets[m.index()] as usize..self.offsets[m.index() + 1] as usize]
    }
}

/// The held meetings behind one edge: a range into the graph's flat pair-meeting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PairMeetings {
    start: u32,
    len: u32,
}

impl PairMeetings {
    fn range(self) -> Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }

    /// Number of held meetings between the pair.
    pub fn count(self) -> u32 {
        self.len
    }
}

/// Which meetings a query looks at: a date window and a set of statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingFilter {
    /// First day of the window; a meeting counts when its date range overlaps the window.
    pub from: Option<Date>,
    /// Last day of the window.
    pub to: Option<Date>,
    /// Statuses let through; `None` lets every status through.
    pub status: Option<Status>,
    /// Whether a meeting must lie wholly in the window (`Certain`) or may only overlap it.
    pub window: Certainty,
}

impl Default for MeetingFilter {
    fn default() -> Self {
        MeetingFilter {
            from: None,
            to: None,
            status: Some(Status::Held),
            window: Certainty::Possible,
        }
    }
}

impl MeetingFilter {
    /// Held meetings in the window `from..=to`.
    pub fn held_between(from: Option<Date>, to: Option<Date>) -> Self {
        MeetingFilter {
            from,
            to,
            status: Some(Status::Held),
            window: Certainty::Possible,
        }
    }

    /// True when the meeting passes the filter: its status, and its date range inside the
    /// window (wholly, with [`Certainty::Certain`]; overlapping it, with `Possible`).
    pub fn accepts(&self, meeting: &Meeting) -> bool {
        self.status.is_none_or(|s| meeting.status == s) && self.inside(meeting).is_some()
    }

    /// Whether the meeting is certainly or only possibly inside the window under this filter,
    /// `None` when outside (or only possibly inside a `Certain` window). Without a window
    /// every meeting is certainly inside.
    pub fn inside(&self, meeting: &Meeting) -> Option<Certainty> {
        if meeting.date.within(self.from, self.to) {
            Some(Certainty::Certain)
        } else if self.window == Certainty::Possible && meeting.date.overlaps(self.from, self.to) {
            Some(Certainty::Possible)
        } else {
            None
        }
    }

    /// True when the filter has a window (either end).
    pub fn has_window(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// True when the filter is the default "every held meeting".
    pub fn is_all_held(&self) -> bool {
        !self.has_window() && self.status == Some(Status::Held)
    }
}

/// Per actor, how many pairs `(x, y)` with `x < y` have `x` below it: the index of its first
/// edge to a higher actor, since the edges were added in that order.
fn upper_pair_starts(adjacency: &Adjacency) -> Vec<u32> {
    let n = adjacency.node_count();
    let mut starts = Vec::with_capacity(n + 1);
    let mut total = 0u32;
    starts.push(0);
    for v in 0..n as u32 {
        let neighbours = adjacency.neighbors(v);
        total += (neighbours.len() - neighbours.partition_point(|&b| b <= v)) as u32;
        starts.push(total);
    }
    starts
}

/// A loaded, checked data set as a graph, with indexes by id, by actor and by pair.
#[derive(Debug)]
pub struct MeetingGraph {
    data: Dataset,
    /// The petgraph view, built on first use: every query reads the CSR and the pair lists.
    graph: OnceLock<UnGraph<ActorIndex, PairMeetings, u32>>,
    /// Per pair edge, in pair order (the petgraph edge order), where its meetings begin in
    /// `pair_meetings`; one more entry at the end.
    pair_starts: Vec<u32>,
    pair_meetings: Vec<MeetingIndex>,
    /// Per actor, the index of its first edge to an actor of higher index: edges are added in
    /// pair order, so those of actor `a` are consecutive (see [`MeetingGraph::upper_pairs`]).
    upper_pair_start: Vec<u32>,
    actor_meeting_offsets: Vec<u32>,
    actor_meetings: Vec<MeetingIndex>,
    meetings_by_date: Vec<MeetingIndex>,
    adjacency: Adjacency,
    actor_by_id: HashMap<String, ActorIndex>,
    meeting_by_id: Vec<MeetingIndex>,
    names: OnceLock<crate::names::NameIndex>,
    meeting_times: OnceLock<MeetingTimes>,
    dated_meetings: OnceLock<DatedMeetings>,
    records: OnceLock<records::RecordIndex>,
    components: OnceLock<crate::algo::components::Components>,
    counting: Counting,
}

impl MeetingGraph {
    /// Builds the graph from a checked data set, counting only meetings (not state visits).
    pub fn new(data: Dataset) -> Self {
        Self::with_counting(data, Counting::default())
    }

    /// Builds the graph from a checked data set; `counting` says which held records make
    /// their cross-side participants an edge.
    ///
    /// Complexity: O(P log P) for P cross-side participant pairs of counted meetings.
    pub fn with_counting(data: Dataset, counting: Counting) -> Self {
        let actor_count = data.actors.len();
        let in_id_order = crate::model::in_id_order(&data.meetings);
        let (meetings_by_date, meeting_by_id) = rayon::join(
            || sorted_by_date(&data, in_id_order),
            || sorted_by_id(&data, in_id_order),
        );
        let mut rank = vec![0u32; data.meetings.len()];
        for (r, m) in meetings_by_date.iter().enumerate() {
            rank[m.index()] = r as u32;
        }

        let packing = Packing::new(actor_count, data.meetings.len());
        let by_date = &meetings_by_date;
        let pairs_task = || {
            if packing.fits_u64() {
                pairs_and_actors::<u64>(&data, counting, &rank, packing, by_date)
            } else {
                pairs_and_actors::<u128>(&data, counting, &rank, packing, by_date)
            }
        };
        let ids_task = || {
            data.actors
                .iter()
                .enumerate()
                .map(|(i, a)| (a.id.clone(), ActorIndex(i as u32)))
                .collect()
        };
        let (((pair_starts, pair_meetings, adjacency), (per_actor, actor_meetings)), actor_by_id) =
            rayon::join(pairs_task, ids_task);
        drop(rank);
        let upper_pair_start = upper_pair_starts(&adjacency);

        MeetingGraph {
            data,
            graph: OnceLock::new(),
            pair_starts,
            pair_meetings,
            upper_pair_start,
            actor_meeting_offsets: per_actor,
            actor_meetings,
            meetings_by_date,
            adjacency,
            actor_by_id,
            meeting_by_id,
            names: OnceLock::new(),
            meeting_times: OnceLock::new(),
            dated_meetings: OnceLock::new(),
            records: OnceLock::new(),
            components: OnceLock::new(),
            counting,
        }
    }

    /// Which records count as "met" in this graph.
    pub fn counting(&self) -> Counting {
        self.counting
    }

    /// True when the record passes `filter` and relates its sides ([`Counting::relates`]):
    /// the test every "who met whom" query applies.
    pub fn passes(&self, filter: &MeetingFilter, meeting: &Meeting) -> bool {
        filter.accepts(meeting) && self.counting.relates(meeting)
    }

    /// The checked records.
    pub fn data(&self) -> &Dataset {
        &self.data
    }

    /// The petgraph structure: node `i` is actor `i`, one edge per pair that met (on
    /// different sides of a counted meeting), edges in pair order (by lower, then higher
    /// index), each weighted by its pair's meetings. Built on first use, as no query walks it.
    pub fn petgraph(&self) -> &UnGraph<ActorIndex, PairMeetings, u32> {
        self.graph
            .get_or_init(|| petgraph_of(&self.adjacency, &self.pair_starts))
    }

    /// The meetings of pair edge `edge` (in pair order), as its petgraph weight.
    fn pair_of_edge(&self, edge: usize) -> PairMeetings {
        let (start, end) = (self.pair_starts[edge], self.pair_starts[edge + 1]);
        PairMeetings {
            start,
            len: end - start,
        }
    }

    /// The "met at least once" projection over every held meeting, in CSR form.
    pub fn adjacency(&self) -> &Adjacency {
        &self.adjacency
    }

    /// Number of actors.
    pub fn actor_count(&self) -> usize {
        self.data.actors.len()
    }

    /// The actor at `index`.
    pub fn actor(&self, index: ActorIndex) -> &Actor {
        self.data.actor(index)
    }

    /// The meeting at `index`.
    pub fn meeting(&self, index: MeetingIndex) -> &Meeting {
        self.data.meeting(index)
    }

    /// The actor with exactly this id.
    pub fn actor_by_id(&self, id: &str) -> Option<ActorIndex> {
        self.actor_by_id.get(id).copied()
    }

    /// The meeting with exactly this id.
    pub fn meeting_by_id(&self, id: &str) -> Option<MeetingIndex> {
        self.meeting_by_id
            .binary_search_by(|m| self.meeting(*m).id.as_str().cmp(id))
            .ok()
            .map(|i| self.meeting_by_id[i])
    }

    /// Every meeting, any status, in date order (ties by id).
    pub fn meetings_by_date(&self) -> &[MeetingIndex] {
        &self.meetings_by_date
    }

    /// Every meeting of `actor`, any status, in date order (ties by id).
    pub fn meetings_of(&self, actor: ActorIndex) -> &[MeetingIndex] {
        let v = actor.index();
        &self.actor_meetings
            [self.actor_meeting_offsets[v] as usize..self.actor_meeting_offsets[v + 1] as usize]
    }

    /// The petgraph edge between two actors, if they held a meeting: found by bisecting the
    /// lower one's neighbours, as edges are numbered in pair order.
    pub fn edge_between(&self, a: ActorIndex, b: ActorIndex) -> Option<EdgeIndex<u32>> {
        let (low, high) = if a < b { (a.0, b.0) } else { (b.0, a.0) };
        if low == high || high as usize >= self.actor_count() {
            return None;
        }
        let neighbours = self.adjacency.neighbors(low);
        let first = neighbours.partition_point(|&v| v <= low);
        let k = neighbours[first..].binary_search(&high).ok()?;
        Some(EdgeIndex::new(
            self.upper_pair_start[low as usize] as usize + k,
        ))
    }

    /// Each pair of `a` with an actor of higher index, in index order, with the pair's held
    /// meetings in date order: every pair once over all actors, read without walking
    /// petgraph's edge lists.
    pub fn upper_pairs(
        &self,
        a: ActorIndex,
    ) -> impl Iterator<Item = (ActorIndex, &[MeetingIndex])> + '_ {
        let neighbours = self.adjacency.neighbors(a.0);
        let first = neighbours.partition_point(|&b| b < a.0);
        let base = self.upper_pair_start[a.index()] as usize;
        neighbours[first..].iter().enumerate().map(move |(k, &b)| {
            (
                ActorIndex(b),
                self.pair_meetings(self.pair_of_edge(base + k)),
            )
        })
    }

    /// The held meetings behind a pair edge's weight, in date order.
    pub fn pair_meetings(&self, pair: PairMeetings) -> &[MeetingIndex] {
        &self.pair_meetings[pair.range()]
    }

    /// Held meetings of `a` and `b` together, in date order.
    pub fn held_between(&self, a: ActorIndex, b: ActorIndex) -> &[MeetingIndex] {
        match self.edge_between(a, b) {
            Some(edge) => self.pair_meetings(self.pair_of_edge(edge.index())),
            None => &[],
        }
    }

    /// Meetings of `a` and `b` together that pass `filter`, in date order.
    pub fn between(
        &self,
        a: ActorIndex,
        b: ActorIndex,
        filter: &MeetingFilter,
    ) -> Vec<MeetingIndex> {
        if filter.status == Some(Status::Held) {
            return self
                .held_between(a, b)
                .iter()
                .copied()
                .filter(|&m| filter.accepts(self.meeting(m)))
                .collect();
        }
        let (small, other) = if self.meetings_of(a).len() <= self.meetings_of(b).len() {
            (a, b)
        } else {
            (b, a)
        };
        self.meetings_of(small)
            .iter()
            .copied()
            .filter(|&m| {
                let meeting = self.meeting(m);
                meeting.across(small, other) && self.passes(filter, meeting)
            })
            .collect()
    }

    /// The "met" projection of the meetings passing `filter` (weights count meetings); the
    /// cached full projection when the filter is every held meeting.
    pub fn projection(&self, filter: &MeetingFilter) -> std::borrow::Cow<'_, Adjacency> {
        if filter.is_all_held() {
            return std::borrow::Cow::Borrowed(&self.adjacency);
        }
        let mut pairs = Vec::new();
        for meeting in &self.data.meetings {
            if !self.passes(filter, meeting) {
                continue;
            }
            pairs.extend(meeting.cross_pairs().map(|(a, b)| (a.0, b.0, 1)));
        }
        std::borrow::Cow::Owned(Adjacency::from_pairs(self.actor_count(), &pairs))
    }

    /// Actors of a kind, in id order.
    pub fn actors_of_kind(&self, kind: Option<ActorKind>) -> Vec<ActorIndex> {
        let mut out: Vec<ActorIndex> = (0..self.actor_count() as u32)
            .map(ActorIndex)
            .filter(|&a| kind.is_none_or(|k| self.actor(a).kind == k))
            .collect();
        out.sort_by(|a, b| self.actor(*a).id.cmp(&self.actor(*b).id));
        out
    }

    /// Each meeting's earliest and latest day as day numbers (see [`day_number`]), built on
    /// first use so that time-ordered queries compare integers.
    pub fn day_bounds(&self) -> &[(i32, i32)] {
        &self.meeting_times().bounds
    }

    /// The reverse indexes of the records, built on first use in one pass over them.
    fn records(&self) -> &records::RecordIndex {
        self.records
            .get_or_init(|| records::RecordIndex::new(&self.data, &self.meetings_by_date))
    }

    /// The records (any status) citing `source`, each once, in date order.
    pub fn meetings_citing(&self, source: SourceIndex) -> impl Iterator<Item = MeetingIndex> + '_ {
        self.records()
            .meetings_citing(source.index())
            .iter()
            .map(|&m| MeetingIndex(m))
    }

    /// The affiliations (indexes into `Dataset::affiliations`) citing `source`, each once.
    pub fn affiliations_citing(&self, source: SourceIndex) -> impl Iterator<Item = usize> + '_ {
        self.records()
            .affiliations_citing(source.index())
            .iter()
            .map(|&i| i as usize)
    }

    /// The affiliations (indexes into `Dataset::affiliations`) naming `actor` as member or as
    /// the party, state or organisation, in their order.
    pub fn affiliations_of(&self, actor: ActorIndex) -> impl Iterator<Item = usize> + '_ {
        self.records()
            .affiliations_of(actor.index())
            .iter()
            .map(|&i| i as usize)
    }

    /// The connected components of [`Self::adjacency`] (actors linked by any chain of
    /// counted meetings), built on first use: no time-ordered chain leaves its component.
    pub fn components(&self) -> &crate::algo::components::Components {
        self.components
            .get_or_init(|| crate::algo::components::connected_components(&self.adjacency))
    }

    /// Compact per-meeting day bounds, held flags and participants, built on first use, for
    /// searches that touch millions of meetings.
    pub fn meeting_times(&self) -> &MeetingTimes {
        self.meeting_times.get_or_init(|| {
            let meetings = &self.data.meetings;
            let mut offsets = Vec::with_capacity(meetings.len() + 1);
            let mut actors = Vec::new();
            let mut sides = Vec::new();
            offsets.push(0u32);
            for m in meetings {
                actors.extend(m.participants.iter().map(|p| p.actor.0));
                sides.extend(m.participants.iter().map(|p| p.side));
                offsets.push(actors.len() as u32);
            }
            let bounds: Vec<(i32, i32)> = meetings
                .iter()
                .map(|m| (day_number(m.date.earliest()), day_number(m.date.latest())))
                .collect();
            let mut held_offsets = vec![0u32; self.actor_count() + 1];
            let mut held_entries = Vec::new();
            let mut held_widths = Vec::with_capacity(self.actor_count());
            let mut ranged_offsets = vec![0u32; self.actor_count() + 1];
            let mut ranged_ends = Vec::new();
            for v in 0..self.actor_count() {
                let start = held_entries.len();
                held_entries.extend(
                    self.meetings_of(ActorIndex(v as u32))
                        .iter()
                        .filter(|m| self.counting.counts(&meetings[m.index()]))
                        .map(|&m| HeldEntry {
                            latest: bounds[m.index()].1,
                            earliest: bounds[m.index()].0,
                            meeting: m,
                        }),
                );
                held_entries[start..].sort_unstable();
                held_offsets[v + 1] = held_entries.len() as u32;
                let widest = held_entries[start..]
                    .iter()
                    .map(|e| e.latest.abs_diff(e.earliest))
                    .max();
                held_widths.push(widest.unwrap_or(0));
                ranged_ends.extend(
                    held_entries[start..]
                        .iter()
                        .filter(|e| e.earliest < e.latest),
                );
                ranged_offsets[v + 1] = ranged_ends.len() as u32;
            }
            let held: Vec<bool> = meetings.iter().map(|m| self.counting.counts(m)).collect();
            MeetingTimes {
                bounds,
                held,
                offsets,
                actors,
                sides,
                held_offsets,
                held_entries,
                held_widths,
                ranged_offsets,
                ranged_ends,
            }
        })
    }

    /// The held meetings in date order with their participants beside them, built on first
    /// use, for the time-ordered point queries.
    pub fn dated_meetings(&self) -> &DatedMeetings {
        self.dated_meetings.get_or_init(|| {
            let times = self.meeting_times();
            let mut dated = Vec::new();
            let mut members = Vec::new();
            for &m in self
                .meetings_by_date
                .iter()
                .filter(|m| times.held[m.index()])
            {
                let range =
                    times.offsets[m.index()] as usize..times.offsets[m.index() + 1] as usize;
                members.extend(
                    times.actors[range.clone()]
                        .iter()
                        .copied()
                        .zip(times.sides[range].iter().copied()),
                );
                let (earliest, latest) = times.bounds[m.index()];
                dated.push(DatedMeeting {
                    earliest,
                    latest,
                    meeting: m,
                    end: members.len() as u32,
                });
            }
            // Meetings come by first day: an actor's previous one shares the day or none does.
            let mut shares_first_day = vec![false; members.len()];
            let mut last_seen: Vec<Option<(i32, usize)>> = vec![None; self.actor_count()];
            let mut start = 0;
            for meeting in &dated {
                for at in start..meeting.end as usize {
                    let seen = &mut last_seen[members[at].0 as usize];
                    if let Some((_, before)) = seen.filter(|s| s.0 == meeting.earliest) {
                        shares_first_day[before] = true;
                        shares_first_day[at] = true;
                    }
                    *seen = Some((meeting.earliest, at));
                }
                start = meeting.end as usize;
            }
            let mut running_offsets = Vec::with_capacity(self.actor_count() + 1);
            let mut running: Vec<(i32, i32)> = Vec::new();
            running_offsets.push(0);
            for v in 0..self.actor_count() {
                let start = running.len();
                running.extend(
                    times
                        .ranged_of(ActorIndex(v as u32))
                        .iter()
                        .map(|e| (e.earliest + 1, e.latest)),
                );
                running[start..].sort_unstable();
                // Merge overlapping and touching spans.
                let mut kept = start;
                for at in start..running.len() {
                    let span = running[at];
                    if kept > start && span.0 <= running[kept - 1].1.saturating_add(1) {
                        running[kept - 1].1 = running[kept - 1].1.max(span.1);
                    } else {
                        running[kept] = span;
                        kept += 1;
                    }
                }
                running.truncate(kept);
                running_offsets.push(running.len() as u32);
            }
            DatedMeetings {
                dated,
                members,
                shares_first_day,
                running_offsets,
                running,
            }
        })
    }

    /// The name index, built on first use.
    pub fn names(&self) -> &crate::names::NameIndex {
        self.names
            .get_or_init(|| crate::names::NameIndex::new(&self.data))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day number by calendar arithmetic, as it was before the integer formula.
    fn by_duration(date: Date) -> i32 {
        (date.duration_since(EPOCH).as_secs() / 86_400) as i32
    }

    #[test]
    fn day_numbers_are_those_of_the_calendar() {
        let mut date = Date::constant(1600, 1, 1);
        while date < Date::constant(2400, 1, 1) {
            assert_eq!(day_number(date), by_duration(date), "{date}");
            date = date.tomorrow().expect("inside the calendar");
        }
        for year in -9999..=9999i16 {
            for (month, day) in [(1, 1), (2, 28), (3, 1), (12, 31)] {
                let date = Date::new(year, month, day).expect("a real day");
                if date != Date::MIN && date != Date::MAX {
                    assert_eq!(day_number(date), by_duration(date), "{date}");
                }
            }
            if let Ok(leap) = Date::new(year, 2, 29) {
                assert_eq!(day_number(leap), by_duration(leap), "{leap}");
            }
        }
        assert_eq!(day_number(Date::MIN), OPEN_START_DAY);
        assert_eq!(day_number(Date::MAX), OPEN_END_DAY);
        assert_eq!(date_of_day(day_number(EPOCH)), EPOCH);
    }

    /// Notations of every form: points of each precision in leap and common years (and the
    /// calendar's last year), with each qualifier, as ranges and as open bounds.
    fn notations() -> Vec<String> {
        let mut points = Vec::new();
        for year in [
            "0000", "1600", "1900", "2000", "2015", "2016", "2100", "9999",
        ] {
            points.push(year.to_string());
            for month in 1..=12 {
                points.push(format!("{year}-{month:02}"));
                for day in [1, 28, 29, 30, 31] {
                    let text = format!("{year}-{month:02}-{day:02}");
                    if text.parse::<crate::model::FuzzyDate>().is_ok() {
                        points.push(text);
                    }
                }
            }
        }
        let mut notations = Vec::new();
        for (i, point) in points.iter().enumerate() {
            for qualifier in ["", "?", "~", "%"] {
                notations.push(format!("{point}{qualifier}"));
            }
            notations.push(format!("..{point}"));
            notations.push(format!("{point}.."));
            // A few ranges from each point, across precisions.
            for other in points.iter().skip(i).step_by(37) {
                notations.push(format!("{point}..{other}"));
            }
        }
        notations
    }

    #[test]
    fn day_bounds_are_the_day_numbers_of_the_bounds() {
        for text in notations() {
            let Ok(date) = text.parse::<crate::model::FuzzyDate>() else {
                continue;
            };
            assert_eq!(
                day_bounds(&date),
                (day_number(date.earliest()), day_number(date.latest())),
                "{text}"
            );
        }
    }

    #[test]
    fn dates_with_the_same_bounds_and_form_are_equal() {
        let dates: Vec<crate::model::FuzzyDate> =
            notations().iter().filter_map(|t| t.parse().ok()).collect();
        let mut by_key = HashMap::new();
        for date in &dates {
            let key = (day_bounds(date), date.form());
            let first = by_key.entry(key).or_insert(*date);
            assert_eq!(first, date, "{first} and {date} share bounds and form");
        }
        // The forms do tell apart dates with the same bounds.
        assert!(
            by_key.len()
                > dates
                    .iter()
                    .map(day_bounds)
                    .collect::<std::collections::HashSet<_>>()
                    .len()
        );
    }
}
