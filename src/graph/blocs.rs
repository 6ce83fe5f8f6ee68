//! Which state or party an actor belongs with: the bloc it serves, directly or through the
//! party or organisation it holds a role in. Drawings box actors by it and exports label them.

use jiff::civil::Date;

use super::MeetingGraph;
use crate::model::{ActorIndex, ActorKind};

/// The actor of `kind` (a state or a party) that `actor` belongs with in the window: itself
/// when it is of that kind; else a body of that kind it holds a role in; else one reached
/// through a party or organisation it holds a role in (Choe Ryong-hae, vice chairman of the
/// Workers' Party, serves the DPRK when the party is affiliated with it). Several candidates:
/// the first by id, so answers are deterministic. `None` when the data ties it to none.
///
/// ```
/// use whomet::graph::blocs::bloc_of;
/// use whomet::model::ActorKind;
/// let graph = whomet::store::load(&whomet::store::DataLocation::Embedded)?;
/// let ri = graph.actor_by_id("ri-su-yong").unwrap();
/// let dprk = graph.actor_by_id("dprk").unwrap();
/// assert_eq!(bloc_of(&graph, ri, ActorKind::State, None, None), Some(dprk));
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn bloc_of(
    graph: &MeetingGraph,
    actor: ActorIndex,
    kind: ActorKind,
    from: Option<Date>,
    to: Option<Date>,
) -> Option<ActorIndex> {
    if graph.actor(actor).kind == kind {
        return Some(actor);
    }
    if !matches!(
        graph.actor(actor).kind,
        ActorKind::Person | ActorKind::Organization | ActorKind::Party
    ) {
        return None;
    }
    let bodies = |a: ActorIndex| -> Vec<ActorIndex> {
        let mut out: Vec<ActorIndex> = graph
            .data()
            .affiliations
            .iter()
            .filter(|f| f.actor == a && f.overlaps(from, to))
            .map(|f| f.of)
            .collect();
        out.sort_by(|x, y| graph.actor(*x).id.cmp(&graph.actor(*y).id));
        out.dedup();
        out
    };
    let direct = |a: ActorIndex| bodies(a).into_iter().find(|&b| graph.actor(b).kind == kind);
    direct(actor).or_else(|| {
        bodies(actor)
            .into_iter()
            .filter(|&b| graph.actor(b).kind != kind)
            .find_map(direct)
    })
}
