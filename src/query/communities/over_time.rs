//! Communities over sliding windows, matched from one window to the next by shared members.
//!
//! A previous community's best match is the new community holding most of its members who
//! are present in the new window (ties: the new community listed first). It keeps its id
//! there when that is more than half of them; when several previous communities keep their
//! id in the same new community, the one with the largest overlap (ties: smaller id) gives
//! it, and the event is a merge. A previous community splits when two or more new
//! communities each hold at least two and at least a quarter of its present members.

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Serialize;

use super::{ids, partition, Community, CommunityQuery};
use crate::error::Error;
use crate::graph::MeetingGraph;
use crate::model::{ActorIndex, Period};
use crate::query::windows::{covered_span, sliding, MAX_WINDOWS};

/// The communities of one window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowCommunities {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Modularity of this window's partition.
    pub modularity: f64,
    /// Largest first, ties by smallest member id.
    pub communities: Vec<Community>,
}

/// A split or merge between one window and the next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommunityEvent {
    /// First day of the window where it shows.
    pub window_from: String,
    /// `split` or `merge`.
    pub kind: &'static str,
    /// Ids in the previous window.
    pub from: Vec<u32>,
    /// Ids in this window.
    pub into: Vec<u32>,
}

/// Communities per window with ids kept across windows.
///
/// JSON: `{"resolution", "seed", "weighted", "width", "step", "windows": [{"from", "to",
/// "modularity", "communities": [{"id", "size", "members"}]}], "events": [{"window_from",
/// "kind", "from", "into"}]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommunitySeries {
    /// Resolution γ.
    pub resolution: f64,
    /// Seed used in every window.
    pub seed: u64,
    /// Whether meeting counts weighted the pairs.
    pub weighted: bool,
    /// Width of each window.
    pub width: String,
    /// Step between window starts.
    pub step: String,
    /// The windows, in time order.
    pub windows: Vec<WindowCommunities>,
    /// Splits and merges, in time order.
    pub events: Vec<CommunityEvent>,
}

/// Windows of `width` every `step` over the query's span (default: the data's, its start
/// moved back to a calendar boundary of the step's unit, as centrality's series do).
fn windows(
    graph: &MeetingGraph,
    query: &CommunityQuery,
    width: Period,
    step: Period,
) -> Result<Vec<(Date, Date)>, Error> {
    let (Some(start), Some(end)) = covered_span(graph, query.from, query.to, step) else {
        return Ok(Vec::new());
    };
    sliding(start, end, width, step).map_err(|_| {
        Error::Usage(format!(
            "--window {width} --step {step} gives more than {MAX_WINDOWS} windows; take a longer step"
        ))
    })
}

/// Leiden in each window, ids carried over by member overlap, splits and merges listed.
///
/// ```
/// use whomet::query::communities::{over_time, CommunityQuery};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let s = over_time(&graph, &CommunityQuery::default(), "1y".parse()?, "1y".parse()?)?;
/// assert!(!s.windows.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn over_time(
    graph: &MeetingGraph,
    query: &CommunityQuery,
    width: Period,
    step: Period,
) -> Result<CommunitySeries, Error> {
    query.check()?;
    let mut out = Vec::new();
    let mut events = Vec::new();
    let mut previous: HashMap<ActorIndex, u32> = HashMap::new();
    let mut previous_ids: Vec<u32> = Vec::new();
    let mut next_id = 1u32;
    for (from, to) in windows(graph, query, width, step)? {
        let (groups, modularity, _) = partition(graph, query, Some(from), Some(to));
        let assigned = match_ids(&previous, &previous_ids, &groups, &mut next_id);
        let label = from.to_string();
        for (kind, before, after) in assigned.events {
            events.push(CommunityEvent {
                window_from: label.clone(),
                kind,
                from: before,
                into: after,
            });
        }
        previous.clear();
        for (members, &id) in groups.iter().zip(&assigned.ids) {
            for &a in members {
                previous.insert(a, id);
            }
        }
        previous_ids = assigned.ids.clone();
        out.push(WindowCommunities {
            from: label,
            to: to.to_string(),
            modularity,
            communities: groups
                .iter()
                .zip(&assigned.ids)
                .map(|(members, &id)| Community {
                    id,
                    size: members.len(),
                    members: ids(graph, members),
                })
                .collect(),
        });
    }
    Ok(CommunitySeries {
        resolution: query.resolution,
        seed: query.seed,
        weighted: query.weighted,
        width: width.to_string(),
        step: step.to_string(),
        windows: out,
        events,
    })
}

/// Ids for one window's groups and the events that lead to them.
struct Assigned {
    ids: Vec<u32>,
    events: Vec<(&'static str, Vec<u32>, Vec<u32>)>,
}

/// Matches `groups` against the previous window (actor → id; `previous_ids` in listing
/// order) by the rules in the module doc.
fn match_ids(
    previous: &HashMap<ActorIndex, u32>,
    previous_ids: &[u32],
    groups: &[Vec<ActorIndex>],
    next_id: &mut u32,
) -> Assigned {
    // overlap[(old id, new index)] = shared members; present[old id] = its members here.
    let mut overlap: HashMap<(u32, usize), usize> = HashMap::new();
    let mut present: HashMap<u32, usize> = HashMap::new();
    for (g, members) in groups.iter().enumerate() {
        for a in members {
            if let Some(&old) = previous.get(a) {
                *overlap.entry((old, g)).or_default() += 1;
                *present.entry(old).or_default() += 1;
            }
        }
    }
    let mut heirs: Vec<Vec<(u32, usize)>> = vec![Vec::new(); groups.len()];
    let mut events = Vec::new();
    for &old in previous_ids {
        let here = present.get(&old).copied().unwrap_or(0);
        let shares: Vec<(usize, usize)> = (0..groups.len())
            .filter_map(|g| overlap.get(&(old, g)).map(|&n| (g, n)))
            .collect();
        if let Some(&(g, n)) = shares
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        {
            if 2 * n > here {
                heirs[g].push((old, n));
            }
        }
        let parts: Vec<usize> = shares
            .iter()
            .filter(|&&(_, n)| n >= 2 && 4 * n >= here)
            .map(|&(g, _)| g)
            .collect();
        if parts.len() >= 2 {
            events.push(("split", old, parts));
        }
    }
    let mut ids = Vec::with_capacity(groups.len());
    let mut merges = Vec::new();
    for candidates in &mut heirs {
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let id = match candidates.first() {
            Some(&(old, _)) => old,
            None => {
                *next_id += 1;
                *next_id - 1
            }
        };
        if candidates.len() >= 2 {
            let mut from: Vec<u32> = candidates.iter().map(|c| c.0).collect();
            from.sort_unstable();
            merges.push(("merge", from, vec![id]));
        }
        ids.push(id);
    }
    let mut all: Vec<(&'static str, Vec<u32>, Vec<u32>)> = events
        .into_iter()
        .map(|(kind, old, parts)| (kind, vec![old], parts.iter().map(|&g| ids[g]).collect()))
        .collect();
    all.extend(merges);
    Assigned { ids, events: all }
}
