//! Communities of the meeting graph as the CLI reports them: one Leiden partition of a date
//! window ([`communities`]), the community of every actor ([`membership`], for colouring and
//! export), and partitions over sliding windows matched across windows ([`over_time`]).

mod over_time;

use jiff::civil::Date;
use serde::Serialize;

use crate::algo::community::{leiden, EdgeWeights, LeidenOptions};
use crate::error::Error;
use crate::graph::{MeetingFilter, MeetingGraph};
use crate::model::{ActorIndex, Certainty};

pub use over_time::{over_time, CommunityEvent, CommunitySeries, WindowCommunities};

/// What to partition and how.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CommunityQuery {
    /// Held meetings on or after this day only.
    pub from: Option<Date>,
    /// Held meetings on or before this day only.
    pub to: Option<Date>,
    /// Whether a meeting must lie wholly in the window or may only overlap it.
    pub window: Certainty,
    /// Resolution γ.
    pub resolution: f64,
    /// Seed of Leiden's node orders.
    pub seed: u64,
    /// Weight pairs by their number of meetings.
    pub weighted: bool,
}

impl Default for CommunityQuery {
    fn default() -> Self {
        CommunityQuery {
            from: None,
            to: None,
            window: Certainty::Certain,
            resolution: 1.0,
            seed: 0,
            weighted: false,
        }
    }
}

impl CommunityQuery {
    fn options(&self) -> LeidenOptions {
        LeidenOptions {
            resolution: self.resolution,
            seed: self.seed,
            weights: if self.weighted {
                EdgeWeights::Meetings
            } else {
                EdgeWeights::Unit
            },
            ..LeidenOptions::default()
        }
    }

    fn check(&self) -> Result<(), Error> {
        if !(self.resolution.is_finite() && self.resolution > 0.0) {
            return Err(Error::Usage(format!(
                "--resolution must be a positive number, got {}",
                self.resolution
            )));
        }
        Ok(())
    }
}

/// One community: actor ids ascending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Community {
    /// 1 for the largest; stable across windows with `--over-time`.
    pub id: u32,
    /// Number of members.
    pub size: usize,
    /// Actor ids, ascending.
    pub members: Vec<String>,
}

/// A partition of the actors who met anyone in the window.
///
/// JSON: `{"modularity", "resolution", "seed", "weighted", "window": {"from", "to"},
/// "actors", "isolated", "communities": [{"id", "size", "members": [actor ids]}]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Communities {
    /// Modularity of the partition at the resolution.
    pub modularity: f64,
    /// Resolution γ.
    pub resolution: f64,
    /// Seed used.
    pub seed: u64,
    /// Whether meeting counts weighted the pairs.
    pub weighted: bool,
    /// The date window.
    pub window: Bounds,
    /// Actors in some community (those who met anyone in the window).
    pub actors: usize,
    /// Actors who met no one in the window, left out.
    pub isolated: usize,
    /// Largest first, ties by smallest member id; ids 1.. in this order.
    pub communities: Vec<Community>,
}

/// A date window as shown in output; open ends are `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bounds {
    /// First day, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    pub to: Option<String>,
}

impl Bounds {
    fn new(from: Option<Date>, to: Option<Date>) -> Self {
        Bounds {
            from: from.map(|d| d.to_string()),
            to: to.map(|d| d.to_string()),
        }
    }
}

/// Groups of actor indices of one window, largest first, ties by smallest id, and Q.
pub(crate) fn partition(
    graph: &MeetingGraph,
    query: &CommunityQuery,
    from: Option<Date>,
    to: Option<Date>,
) -> (Vec<Vec<ActorIndex>>, f64, usize) {
    let filter = MeetingFilter {
        from,
        to,
        window: query.window,
        ..MeetingFilter::default()
    };
    let g = graph.projection(&filter);
    let p = leiden(&g, &query.options());
    let mut groups: Vec<Vec<ActorIndex>> = vec![Vec::new(); p.count];
    let mut isolated = 0;
    for (v, &c) in p.membership.iter().enumerate() {
        if g.degree(v as u32) == 0 {
            isolated += 1;
        } else {
            groups[c as usize].push(ActorIndex(v as u32));
        }
    }
    groups.retain(|m| !m.is_empty());
    for members in &mut groups {
        members.sort_by(|a, b| graph.actor(*a).id.cmp(&graph.actor(*b).id));
    }
    groups.sort_by(|a, b| {
        b.len()
            .cmp(&a.len())
            .then_with(|| graph.actor(a[0]).id.cmp(&graph.actor(b[0]).id))
    });
    (groups, p.modularity, isolated)
}

fn ids(graph: &MeetingGraph, members: &[ActorIndex]) -> Vec<String> {
    members.iter().map(|&a| graph.actor(a).id.clone()).collect()
}

/// Leiden communities of the held meetings in the query's window.
///
/// ```
/// use whomet::query::communities::{communities, CommunityQuery};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let c = communities(&graph, &CommunityQuery::default())?;
/// assert!(c.modularity > 0.0);
/// assert_eq!(c.communities[0].id, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn communities(graph: &MeetingGraph, query: &CommunityQuery) -> Result<Communities, Error> {
    query.check()?;
    let (groups, modularity, isolated) = partition(graph, query, query.from, query.to);
    Ok(Communities {
        modularity,
        resolution: query.resolution,
        seed: query.seed,
        weighted: query.weighted,
        window: Bounds::new(query.from, query.to),
        actors: groups.iter().map(Vec::len).sum(),
        isolated,
        communities: groups
            .iter()
            .enumerate()
            .map(|(i, members)| Community {
                id: i as u32 + 1,
                size: members.len(),
                members: ids(graph, members),
            })
            .collect(),
    })
}

/// The community id (as in [`communities`]) of each actor by index; `None` for actors who met
/// no one in the window.
pub fn membership(graph: &MeetingGraph, query: &CommunityQuery) -> Result<Vec<Option<u32>>, Error> {
    query.check()?;
    let (groups, _, _) = partition(graph, query, query.from, query.to);
    let mut of = vec![None; graph.actor_count()];
    for (i, members) in groups.iter().enumerate() {
        for a in members {
            of[a.index()] = Some(i as u32 + 1);
        }
    }
    Ok(of)
}
