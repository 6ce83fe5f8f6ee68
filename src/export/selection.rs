//! What an interchange export holds: the actors and meetings passing the query filters, and
//! the pairs of actors who met in them.

use crate::graph::{MeetingFilter, MeetingGraph};
use crate::model::{ActorIndex, ActorKind, FuzzyDate, MeetingIndex};

/// The filters every export takes, as the queries do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportFilter {
    /// Which meetings: a date window and a status (default: every held meeting).
    pub meetings: MeetingFilter,
    /// Only actors of this kind; meetings keep only such participants and are left out when
    /// fewer than two remain (one, for a presence).
    pub kind: Option<ActorKind>,
}

/// One exported meeting and the participants it keeps under the filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectedMeeting {
    /// The meeting.
    pub index: MeetingIndex,
    /// Its participants that pass the kind filter, in the order listed.
    pub participants: Vec<ActorIndex>,
    /// The side of each kept participant, aligned with `participants`.
    pub sides: Vec<u32>,
}

/// One pair of actors who met, with the meetings behind the pair in date order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair<'a> {
    /// The actor whose id sorts first.
    pub a: ActorIndex,
    /// The other actor.
    pub b: ActorIndex,
    /// The pair's meetings, in date order (ties by id).
    pub meetings: &'a [MeetingIndex],
}

impl Pair<'_> {
    /// The first and last meeting dates and the meeting ids joined by `|`, as the GraphML and
    /// GEXF edge attributes give them; `None` for a pair without meetings.
    pub fn summary(&self, graph: &MeetingGraph) -> Option<(FuzzyDate, FuzzyDate, String)> {
        let (&first, &last) = (self.meetings.first()?, self.meetings.last()?);
        let ids: Vec<&str> = self
            .meetings
            .iter()
            .map(|&m| graph.meeting(m).id.as_str())
            .collect();
        Some((
            graph.meeting(first).date,
            graph.meeting(last).date,
            ids.join("|"),
        ))
    }
}

/// The actors and meetings an export writes.
#[derive(Debug)]
pub struct Selection<'g> {
    /// The graph exported from.
    pub graph: &'g MeetingGraph,
    /// The filters applied.
    pub filter: ExportFilter,
    /// Actors passing the kind filter, in id order; actors without meetings stay.
    pub actors: Vec<ActorIndex>,
    /// Meetings passing the filters, in date order (ties by id).
    pub meetings: Vec<SelectedMeeting>,
    /// `(a, b, start, len)` into `pair_meetings`, sorted by the ids of `a` then `b`.
    pairs: Vec<(ActorIndex, ActorIndex, u32, u32)>,
    pair_meetings: Vec<MeetingIndex>,
}

impl<'g> Selection<'g> {
    /// Selects from `graph` what passes `filter`.
    ///
    /// ```
    /// use whomet::export::selection::{ExportFilter, Selection};
    /// use whomet::store::{load, DataLocation};
    /// let graph = load(&DataLocation::Embedded)?;
    /// let all = Selection::new(&graph, &ExportFilter::default());
    /// assert_eq!(all.actors.len(), graph.actor_count());
    /// assert_eq!(all.pairs().count(), graph.adjacency().edge_count());
    /// # Ok::<(), whomet::store::LoadError>(())
    /// ```
    pub fn new(graph: &'g MeetingGraph, filter: &ExportFilter) -> Self {
        let keep = |a: ActorIndex| filter.kind.is_none_or(|k| graph.actor(a).kind == k);
        let actors = graph.actors_of_kind(filter.kind);
        let mut rank = vec![u32::MAX; graph.actor_count()];
        for (r, &a) in actors.iter().enumerate() {
            rank[a.index()] = r as u32;
        }
        let meetings: Vec<SelectedMeeting> = graph
            .meetings_by_date()
            .iter()
            .filter(|&&m| filter.meetings.accepts(graph.meeting(m)))
            .filter_map(|&m| {
                let meeting = graph.meeting(m);
                let (participants, sides): (Vec<ActorIndex>, Vec<u32>) = meeting
                    .participants
                    .iter()
                    .filter(|p| keep(p.actor))
                    .map(|p| (p.actor, p.side))
                    .unzip();
                let needed = if meeting.is_presence() { 1 } else { 2 };
                (participants.len() >= needed).then_some(SelectedMeeting {
                    index: m,
                    participants,
                    sides,
                })
            })
            .collect();

        // One (pair of id ranks, position in date order) per pair of participants on
        // different sides of a record that relates them: one sort groups them by pair with
        // each group in date order.
        let mut incidences: Vec<(u64, u32)> = Vec::new();
        for (position, meeting) in meetings.iter().enumerate() {
            // Only a held meeting makes its sides have met: a snub or scheduled talks
            // selected with `--status all` are listed, never an edge.
            let record = graph.meeting(meeting.index);
            if record.status != crate::model::Status::Held || !graph.counting().relates(record) {
                continue;
            }
            let kept = meeting.participants.iter().zip(&meeting.sides);
            for (i, (&x, &x_side)) in kept.clone().enumerate() {
                for (&y, _) in kept.clone().skip(i + 1).filter(|(_, &s)| s != x_side) {
                    let (rx, ry) = (rank[x.index()], rank[y.index()]);
                    let (lo, hi) = if rx < ry { (rx, ry) } else { (ry, rx) };
                    incidences.push(((u64::from(lo) << 32) | u64::from(hi), position as u32));
                }
            }
        }
        incidences.sort_unstable();
        let mut pairs = Vec::new();
        let mut pair_meetings = Vec::with_capacity(incidences.len());
        for group in incidences.chunk_by(|x, y| x.0 == y.0) {
            let start = pair_meetings.len() as u32;
            pair_meetings.extend(group.iter().map(|&(_, p)| meetings[p as usize].index));
            let (lo, hi) = ((group[0].0 >> 32) as usize, group[0].0 as u32 as usize);
            pairs.push((actors[lo], actors[hi], start, group.len() as u32));
        }
        Selection {
            graph,
            filter: *filter,
            actors,
            meetings,
            pairs,
            pair_meetings,
        }
    }

    /// Every pair of actors who met in the selected meetings, sorted by their ids.
    pub fn pairs(&self) -> impl Iterator<Item = Pair<'_>> + '_ {
        self.pairs.iter().map(|&(a, b, start, len)| Pair {
            a,
            b,
            meetings: &self.pair_meetings[start as usize..(start + len) as usize],
        })
    }

    /// The number of pairs.
    pub fn pair_count(&self) -> usize {
        self.pairs.len()
    }

    /// The sources a meeting cites, as written in the CSV interchange: the URL when known,
    /// else the source id.
    pub fn source_refs(&self, meeting: MeetingIndex) -> Vec<&'g str> {
        let data = self.graph.data();
        self.graph
            .meeting(meeting)
            .sources
            .iter()
            .map(|c| {
                let source = data.source(c.source);
                source.url.as_deref().unwrap_or(&source.id)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::store::{load, DataLocation};

    #[test]
    fn kind_filter_keeps_meetings_among_that_kind() {
        let graph = load(&DataLocation::Embedded).unwrap();
        let filter = ExportFilter {
            meetings: MeetingFilter {
                status: None,
                ..MeetingFilter::default()
            },
            kind: Some(ActorKind::Person),
        };
        let people = Selection::new(&graph, &filter);
        assert!(people
            .actors
            .iter()
            .all(|&a| graph.actor(a).kind == ActorKind::Person));
        for m in &people.meetings {
            assert!(m.participants.len() >= 2 || graph.meeting(m.index).is_presence());
            assert!(m
                .participants
                .iter()
                .all(|&a| graph.actor(a).kind == ActorKind::Person));
        }
        let held = Selection::new(&graph, &ExportFilter::default());
        assert!(held
            .meetings
            .iter()
            .all(|m| graph.meeting(m.index).status == Status::Held));
        for pair in held.pairs() {
            assert!(graph.actor(pair.a).id < graph.actor(pair.b).id);
            assert_eq!(pair.meetings, graph.held_between(pair.a, pair.b));
        }
    }
}
