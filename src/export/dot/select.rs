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
    /// Meetings per actor that pass the filter (indexed by [`ActorIndex`]); exact for every
    /// actor drawn (with `around`, actors outside the ego network are not counted).
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
    let (counts, pairs) = match options.around {
        // A path's actors may lie outside the ego network; only the whole table has their pairs.
        Some(centre) if options.path.is_none() => ego_pair_meetings(graph, options, centre),
        _ => pair_meetings(graph, options),
    };
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
    let passing: Vec<MeetingIndex> = graph
        .meetings_by_date()
        .iter()
        .copied()
        .filter(|&m| graph.passes(&options.filter, graph.meeting(m)))
        .collect();
    tally_pairs(graph, &passing)
}

/// Meetings per actor and each pair's meetings across sides, over `meetings` (in date order).
fn tally_pairs(graph: &MeetingGraph, meetings: &[MeetingIndex]) -> (Vec<usize>, PairMeetings) {
    let mut counts = vec![0usize; graph.actor_count()];
    let mut pairs = PairMeetings::new();
    for &m in meetings {
        for p in &graph.meeting(m).participants {
            counts[p.actor.index()] += 1;
        }
        let meeting = graph.meeting(m);
        let cross: Vec<_> = meeting.cross_pairs().collect();
        add_pairs(&mut pairs, m, meeting.status == Status::Held, &cross, None);
    }
    (counts, pairs)
}

/// Adds meeting `m` to the list of each pair in `cross` (its pairs across sides); with
/// `within`, only of pairs of two actors it marks.
fn add_pairs(
    pairs: &mut PairMeetings,
    m: MeetingIndex,
    held: bool,
    cross: &[(ActorIndex, ActorIndex)],
    within: Option<&[bool]>,
) {
    for &(x, y) in cross {
        if within.is_some_and(|w| !(w[x.index()] && w[y.index()])) {
            continue;
        }
        let acc = pairs.entry((x.min(y), x.max(y))).or_default();
        let list = if held { &mut acc.held } else { &mut acc.other };
        if list.last() != Some(&m) {
            list.push(m);
        }
    }
}

/// The same as [`pair_meetings`] for what an ego network keeps, from the centre's own records
/// outwards instead of every meeting: the meetings of every actor within `depth` steps, so each
/// such actor's count and every pair among them are complete. Pairs with an actor further out
/// are left out (the breadth-first search over the pairs kept finds the same ego network), and
/// such actors' counts are left at zero; they are not kept.
fn ego_pair_meetings(
    graph: &MeetingGraph,
    options: &DotOptions,
    centre: ActorIndex,
) -> (Vec<usize>, PairMeetings) {
    if options.filter.is_all_held() {
        return ego_held_pairs(graph, centre, options.depth);
    }
    let passing = |a: ActorIndex| {
        graph
            .meetings_of(a)
            .iter()
            .copied()
            .filter(|&m| graph.passes(&options.filter, graph.meeting(m)))
    };
    let mut within = vec![false; graph.actor_count()];
    within[centre.index()] = true;
    let mut ego = vec![centre];
    let mut frontier = vec![centre];
    for _ in 0..options.depth {
        let mut next = Vec::new();
        for &v in &frontier {
            for m in passing(v) {
                for other in graph.meeting(m).counterparts(v) {
                    if !within[other.index()] {
                        within[other.index()] = true;
                        next.push(other);
                    }
                }
            }
        }
        ego.extend_from_slice(&next);
        frontier = next;
    }
    let mut counts = vec![0usize; graph.actor_count()];
    let mut pairs = PairMeetings::new();
    let mut seen = vec![0u64; graph.data().meetings.len().div_ceil(64)];
    for &a in &ego {
        for m in passing(a) {
            counts[a.index()] += 1;
            let (word, bit) = (m.index() / 64, 1u64 << (m.index() % 64));
            if seen[word] & bit == 0 {
                seen[word] |= bit;
                let meeting = graph.meeting(m);
                let cross: Vec<_> = meeting.cross_pairs().collect();
                add_pairs(
                    &mut pairs,
                    m,
                    meeting.status == Status::Held,
                    &cross,
                    Some(&within),
                );
            }
        }
    }
    // Each pair's meetings were met actor by actor; put them in date order, day bounds first
    // (the date order agrees with them, and comparing dates is slow).
    let bounds = graph.day_bounds();
    let in_date_order = |list: &mut Vec<MeetingIndex>| {
        list.sort_by(|&p, &q| {
            bounds[p.index()]
                .cmp(&bounds[q.index()])
                .then_with(|| date_order(graph, p, q))
        });
    };
    for acc in pairs.values_mut() {
        in_date_order(&mut acc.held);
        in_date_order(&mut acc.other);
    }
    (counts, pairs)
}

/// [`ego_pair_meetings`] for every held meeting in any time (the explorer's usual request):
/// the graph's own pair edges already hold each pair's held meetings in date order, so no
/// record is read.
fn ego_held_pairs(
    graph: &MeetingGraph,
    centre: ActorIndex,
    depth: usize,
) -> (Vec<usize>, PairMeetings) {
    let adjacency = graph.adjacency();
    let mut within = vec![false; graph.actor_count()];
    within[centre.index()] = true;
    let mut ego = vec![centre];
    let mut frontier = vec![centre.0];
    for _ in 0..depth {
        let mut next = Vec::new();
        for &v in &frontier {
            for &w in adjacency.neighbors(v) {
                if !within[w as usize] {
                    within[w as usize] = true;
                    next.push(w);
                }
            }
        }
        ego.extend(next.iter().map(|&w| ActorIndex(w)));
        frontier = next;
    }
    let times = graph.meeting_times();
    let mut counts = vec![0usize; graph.actor_count()];
    let mut pairs = PairMeetings::new();
    for &a in &ego {
        counts[a.index()] = times.held_of(a).len();
        for (b, held) in graph.upper_pairs(a) {
            if within[b.index()] {
                let acc = PairMeetingsAcc {
                    held: held.to_vec(),
                    other: Vec::new(),
                };
                pairs.insert((a, b), acc);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::MeetingFilter;
    use crate::store::{load, DataLocation};

    /// The ego network read from the centre outwards keeps what the whole pair table keeps.
    #[test]
    fn ego_selection_matches_the_whole_table() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("graph");
        let graph = load(&DataLocation::Dir(dir)).expect("the bundled data loads");
        let every_status = MeetingFilter {
            status: None,
            ..MeetingFilter::default()
        };
        let certainly_inside = MeetingFilter {
            window: crate::model::Certainty::Certain,
            ..MeetingFilter::held_between("2016-01-01".parse().ok(), "2019-12-31".parse().ok())
        };
        let filters = [MeetingFilter::default(), every_status, certainly_inside];
        for centre in (0..graph.actor_count() as u32).map(ActorIndex) {
            for (depth, filter) in (1..=3).zip(filters) {
                let options = DotOptions {
                    filter,
                    around: Some(centre),
                    depth,
                    min_meetings: 2,
                    ..DotOptions::default()
                };
                let whole = {
                    let (counts, pairs) = pair_meetings(&graph, &options);
                    let mut keep = kept_by_kind_and_count(&graph, &options, &counts);
                    keep_ego_network(&mut keep, &pairs, centre, depth);
                    (
                        keep.clone(),
                        edges(&graph, &pairs, &keep, PathHops::new()),
                        counts,
                    )
                };
                let selection = select(&graph, &options).expect("selects");
                let kept: Vec<ActorIndex> = (0..graph.actor_count() as u32)
                    .map(ActorIndex)
                    .filter(|a| whole.0[a.index()])
                    .collect();
                let mut drawn = selection.actors.clone();
                drawn.sort();
                assert_eq!(drawn, kept, "actors around {centre:?} at depth {depth}");
                assert_eq!(selection.edges, whole.1, "edges around {centre:?}");
                for a in &kept {
                    assert_eq!(selection.meeting_counts[a.index()], whole.2[a.index()]);
                }
            }
        }
    }
}
