//! Which actors and edges a DOT picture holds ([`select`]), in named steps: meetings passing
//! the filter, actors by kind and count, the ego network, the top scorers, the path's actors,
//! then the edges between what is kept.

use std::collections::{BTreeMap, VecDeque};

use super::{ActorScores, DotOptions, Highlight};
use crate::error::Error;
use crate::graph::MeetingGraph;
use crate::model::{ActorIndex, MeetingIndex, Status};

/// The actors and edges chosen for a picture.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DotSelection {
    /// Actors to draw, in id order.
    pub actors: Vec<ActorIndex>,
    /// Edges to draw, in order of their ends' ids.
    pub edges: Vec<SelectedEdge>,
    /// Meetings per actor that pass the filter (indexed by [`ActorIndex`]).
    pub meeting_counts: Vec<usize>,
    /// With `top`: how many of the candidates scored above zero, when fewer than asked for.
    pub top_scorers: Option<usize>,
}

/// One drawn edge: the meetings of a pair that share a held/not-held status.
#[derive(Debug, Clone, PartialEq)]
pub struct SelectedEdge {
    /// The end with the smaller id.
    pub a: ActorIndex,
    /// The other end.
    pub b: ActorIndex,
    /// The meetings behind the edge, in date order; empty for a path hop outside the filter.
    pub meetings: Vec<MeetingIndex>,
    /// True when the meetings took place; false for scheduled, cancelled or declined ones.
    pub held: bool,
    /// Where the edge stands on the highlighted path, if it does.
    pub hop: Option<PathHop>,
}

/// An edge's place on the highlighted path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PathHop {
    /// The hop number, from 1.
    pub number: usize,
    /// The meeting the path cites for the hop.
    pub meeting: Option<MeetingIndex>,
}

/// The meetings of one pair passing the filter, held and not held apart, in date order.
#[derive(Default)]
struct PairMeetingsAcc {
    held: Vec<MeetingIndex>,
    other: Vec<MeetingIndex>,
}

/// Pairs of actors (smaller index first) with their meetings.
type PairMeetings = BTreeMap<(ActorIndex, ActorIndex), PairMeetingsAcc>;

/// Hops of the highlighted path by pair (smaller index first): `(from, to, place)`.
type PathHops = BTreeMap<(ActorIndex, ActorIndex), (ActorIndex, ActorIndex, PathHop)>;

/// Chooses the actors and edges to draw.
///
/// Order of filters: meetings pass the date window and status; actors need `min_meetings` of
/// them and one of `kinds`; `around` keeps the ego network (breadth-first over the drawn
/// meetings, every kind); `top` keeps the highest scoring; the path's actors and the centre are
/// always kept.
///
/// # Errors
/// [`Error::Usage`] when `top` is given without `rank`, or scores do not cover every actor.
pub fn select(graph: &MeetingGraph, options: &DotOptions) -> Result<DotSelection, Error> {
    check_scores(graph, options)?;
    let (counts, pairs) = pair_meetings(graph, options);
    let mut keep = kept_by_kind_and_count(graph, options, &counts);
    if let Some(centre) = options.around {
        keep_ego_network(&mut keep, &pairs, centre, options.depth);
    }
    let mut top_scorers = None;
    if let Some(top) = options.top {
        top_scorers = keep_top(graph, options, &mut keep, top)?;
    }
    if options.path_only && options.path.is_some() {
        keep.iter_mut().for_each(|k| *k = false);
    }
    let path_actors: Vec<ActorIndex> = options
        .path
        .as_ref()
        .map(Highlight::actors)
        .unwrap_or_default();
    for a in &path_actors {
        keep[a.index()] = true;
    }
    let mut actors: Vec<ActorIndex> = (0..graph.actor_count() as u32)
        .map(ActorIndex)
        .filter(|a| keep[a.index()])
        .collect();
    actors.sort_by(|x, y| graph.actor(*x).id.cmp(&graph.actor(*y).id));
    let edges = edges(graph, &pairs, &keep, path_hops(options.path.as_ref()));
    Ok(DotSelection {
        actors,
        edges,
        meeting_counts: counts,
        top_scorers,
    })
}

/// Scores to rank or size by must cover every actor.
fn check_scores(graph: &MeetingGraph, options: &DotOptions) -> Result<(), Error> {
    let n = graph.actor_count();
    let all: [&Option<ActorScores>; 2] = [&options.rank, &options.size];
    for scores in all.into_iter().flatten() {
        if scores.values.len() != n {
            return Err(Error::Usage(format!(
                "{} scores cover {} actors, the data has {n}",
                scores.measure,
                scores.values.len()
            )));
        }
    }
    Ok(())
}

/// Meetings per actor passing the filter (presences and uncounted visits left out), and each
/// pair's meetings across sides.
fn pair_meetings(graph: &MeetingGraph, options: &DotOptions) -> (Vec<usize>, PairMeetings) {
    let mut counts = vec![0usize; graph.actor_count()];
    let mut pairs = PairMeetings::new();
    for &m in graph.meetings_by_date() {
        let meeting = graph.meeting(m);
        if !graph.passes(&options.filter, meeting) {
            continue;
        }
        for p in &meeting.participants {
            counts[p.actor.index()] += 1;
        }
        for (x, y) in meeting.cross_pairs() {
            let key = (x.min(y), x.max(y));
            let acc = pairs.entry(key).or_default();
            let list = if meeting.status == Status::Held {
                &mut acc.held
            } else {
                &mut acc.other
            };
            if list.last() != Some(&m) {
                list.push(m);
            }
        }
    }
    (counts, pairs)
}

/// Per actor: whether it has `min_meetings` and one of `kinds`.
fn kept_by_kind_and_count(
    graph: &MeetingGraph,
    options: &DotOptions,
    counts: &[usize],
) -> Vec<bool> {
    (0..graph.actor_count())
        .map(|i| {
            let actor = graph.actor(ActorIndex(i as u32));
            counts[i] >= options.min_meetings
                && (options.kinds.is_empty() || options.kinds.contains(&actor.kind))
        })
        .collect()
}

/// Keeps only actors within `depth` drawn meetings of `centre` (breadth-first, every kind),
/// and the centre itself.
fn keep_ego_network(keep: &mut [bool], pairs: &PairMeetings, centre: ActorIndex, depth: usize) {
    let n = keep.len();
    let mut neighbours: Vec<Vec<ActorIndex>> = vec![Vec::new(); n];
    for &(a, b) in pairs.keys() {
        neighbours[a.index()].push(b);
        neighbours[b.index()].push(a);
    }
    let mut distance = vec![usize::MAX; n];
    distance[centre.index()] = 0;
    let mut queue = VecDeque::from([centre]);
    while let Some(v) = queue.pop_front() {
        let d = distance[v.index()];
        if d == depth {
            continue;
        }
        for &w in &neighbours[v.index()] {
            if distance[w.index()] == usize::MAX {
                distance[w.index()] = d + 1;
                queue.push_back(w);
            }
        }
    }
    for (i, k) in keep.iter_mut().enumerate() {
        *k &= distance[i] != usize::MAX;
    }
    keep[centre.index()] = true;
}

/// Keeps the `top` highest scoring of the kept actors by `options.rank` (ties by id), and
/// the centre. Only actors scoring above zero count: filling the picture with zeros would
/// pick them by id, which says nothing. Returns how many scored above zero when that is
/// fewer than `top`.
fn keep_top(
    graph: &MeetingGraph,
    options: &DotOptions,
    keep: &mut [bool],
    top: usize,
) -> Result<Option<usize>, Error> {
    let rank = options
        .rank
        .as_ref()
        .ok_or_else(|| Error::Usage("--top needs a measure to rank by (--by MEASURE)".into()))?;
    let mut kept: Vec<ActorIndex> = (0..graph.actor_count() as u32)
        .map(ActorIndex)
        .filter(|a| keep[a.index()])
        .collect();
    kept.sort_by(|x, y| {
        rank.values[y.index()]
            .total_cmp(&rank.values[x.index()])
            .then_with(|| graph.actor(*x).id.cmp(&graph.actor(*y).id))
    });
    let scorers = kept
        .iter()
        .take_while(|a| rank.values[a.index()] > 0.0)
        .count();
    for a in kept.into_iter().skip(top.min(scorers)) {
        keep[a.index()] = false;
    }
    if let Some(centre) = options.around {
        keep[centre.index()] = true;
    }
    Ok((scorers < top).then_some(scorers))
}

/// The highlighted path's hops by pair. Hop edges run in path order, so the layered `dot`
/// layout draws the path left to right.
fn path_hops(path: Option<&Highlight>) -> PathHops {
    let mut hops = PathHops::new();
    if let Some(path) = path {
        for (i, hop) in path.hops.iter().enumerate() {
            let place = PathHop {
                number: i + 1,
                meeting: hop.meeting,
            };
            hops.insert(
                (hop.from.min(hop.to), hop.from.max(hop.to)),
                (hop.from, hop.to, place),
            );
        }
    }
    hops
}

/// Edges between kept actors (a held and a not-held edge per pair at most), the path's hops
/// included even where the filter hides their pair, sorted by their ends' ids.
fn edges(
    graph: &MeetingGraph,
    pairs: &PairMeetings,
    keep: &[bool],
    mut hops: PathHops,
) -> Vec<SelectedEdge> {
    let mut edges = Vec::new();
    for (&(x, y), acc) in pairs {
        if !keep[x.index()] || !keep[y.index()] {
            continue;
        }
        let (a, b) = ordered(graph, x, y);
        if let Some((from, to, place)) = hops.remove(&(x, y)) {
            edges.push(hop_edge(graph, from, to, place, &acc.held));
        } else if !acc.held.is_empty() {
            edges.push(SelectedEdge {
                a,
                b,
                meetings: acc.held.clone(),
                held: true,
                hop: None,
            });
        }
        if !acc.other.is_empty() {
            edges.push(SelectedEdge {
                a,
                b,
                meetings: acc.other.clone(),
                held: false,
                hop: None,
            });
        }
    }
    // Hops over pairs the filter hides still belong to the path.
    for (from, to, place) in hops.into_values() {
        edges.push(SelectedEdge {
            a: from,
            b: to,
            meetings: place.meeting.into_iter().collect(),
            held: true,
            hop: Some(place),
        });
    }
    edges.sort_by(|e, f| {
        let key = |e: &SelectedEdge| {
            let (a, b) = ordered(graph, e.a, e.b);
            (
                graph.actor(a).id.as_str(),
                graph.actor(b).id.as_str(),
                !e.held,
            )
        };
        key(e).cmp(&key(f))
    });
    edges
}

/// The edge of a path hop: the pair's held meetings plus the one the path cites.
fn hop_edge(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    place: PathHop,
    held: &[MeetingIndex],
) -> SelectedEdge {
    let mut meetings = held.to_vec();
    if let Some(m) = place.meeting {
        if !meetings.contains(&m) {
            meetings.push(m);
            meetings.sort_by(|p, q| date_order(graph, *p, *q));
        }
    }
    SelectedEdge {
        a: from,
        b: to,
        meetings,
        held: true,
        hop: Some(place),
    }
}

/// The two actors, the smaller id first.
fn ordered(graph: &MeetingGraph, x: ActorIndex, y: ActorIndex) -> (ActorIndex, ActorIndex) {
    if graph.actor(x).id <= graph.actor(y).id {
        (x, y)
    } else {
        (y, x)
    }
}

/// Meetings by date, ties by id.
fn date_order(graph: &MeetingGraph, p: MeetingIndex, q: MeetingIndex) -> std::cmp::Ordering {
    let (mp, mq) = (graph.meeting(p), graph.meeting(q));
    mp.date.cmp(&mq.date).then_with(|| mp.id.cmp(&mq.id))
}
