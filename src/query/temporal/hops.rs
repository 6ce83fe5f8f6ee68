//! Fewest meetings on a time-ordered chain: rounds of one more meeting each (a hop-bounded
//! Bellman–Ford over arrival days), stopping at the first round that reaches the target.

use super::{Search, TemporalOptions, TimedHop};
use crate::graph::{date_of_day, MeetingGraph};
use crate::model::{ActorIndex, MeetingIndex};

/// One arrival: who passed the word, through which meeting, and the step before.
#[derive(Clone, Copy)]
struct Step {
    actor: u32,
    previous: u32,
    meeting: MeetingIndex,
    day: i32,
}

/// The hops of a time-ordered chain from `source` to `target` with the fewest meetings, ties
/// by earliest arrival; `None` when there is none.
///
/// Round h knows the earliest day each actor can hear within h meetings; only actors whose
/// day changed in round h − 1 can offer anything new in round h. The first round that reaches
/// the target gives the fewest hops, and its day is the earliest among such chains.
///
/// Complexity: O(H · P) for H rounds and P participations of held meetings.
pub(super) fn fewest_hops(
    graph: &MeetingGraph,
    source: ActorIndex,
    target: ActorIndex,
    options: &TemporalOptions,
) -> Option<Vec<TimedHop>> {
    let search = Search::new(graph, options, Some(target));
    let times = graph.meeting_times();
    let n = graph.actor_count();
    let mut steps = vec![Step {
        actor: source.0,
        previous: u32::MAX,
        meeting: MeetingIndex(u32::MAX),
        day: search.from_day,
    }];
    let mut day = vec![i32::MAX; n];
    let mut step_of = vec![u32::MAX; n];
    day[source.index()] = search.from_day;
    step_of[source.index()] = 0;
    let mut changed = vec![source.0];
    // This round's best offer per actor, and who got one.
    let mut offer: Vec<Option<Step>> = vec![None; n];
    let mut offered: Vec<u32> = Vec::new();
    while !changed.is_empty() {
        for &v in &changed {
            let t = day[v as usize];
            for entry in times.held_of(ActorIndex(v)) {
                let m = entry.meeting;
                let Some(at) = search.traverse(t, m, v == source.0) else {
                    continue;
                };
                let participants = times.participants(m);
                let sides = times.sides(m);
                let v_side = participants.iter().position(|&u| u == v).map(|i| sides[i]);
                for (&u, &side) in participants.iter().zip(sides) {
                    let ui = u as usize;
                    if u == source.0
                        || Some(side) == v_side
                        || at >= day[ui]
                        || offer[ui].is_some_and(|o| o.day <= at)
                        || !search.may_pass(ActorIndex(u))
                    {
                        continue;
                    }
                    if offer[ui].is_none() {
                        offered.push(u);
                    }
                    offer[ui] = Some(Step {
                        actor: u,
                        previous: step_of[v as usize],
                        meeting: m,
                        day: at,
                    });
                }
            }
        }
        offered.sort_unstable();
        changed.clear();
        for &u in &offered {
            let step = offer[u as usize].take().expect("offered");
            day[u as usize] = step.day;
            steps.push(step);
            step_of[u as usize] = steps.len() as u32 - 1;
            changed.push(u);
        }
        offered.clear();
        if step_of[target.index()] != u32::MAX {
            return Some(unwind(&steps, step_of[target.index()]));
        }
    }
    None
}

/// The hops that end in step `last`, first hop first.
fn unwind(steps: &[Step], last: u32) -> Vec<TimedHop> {
    let mut hops = Vec::new();
    let mut step = steps[last as usize];
    while step.previous != u32::MAX {
        let previous = steps[step.previous as usize];
        hops.push(TimedHop {
            from: ActorIndex(previous.actor),
            to: ActorIndex(step.actor),
            meeting: step.meeting,
            arrival: date_of_day(step.day),
        });
        step = previous;
    }
    hops.reverse();
    hops
}
