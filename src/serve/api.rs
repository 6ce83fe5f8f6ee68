//! The routes: the embedded page, and a JSON API whose every answer is one of the library's
//! own queries in the README's JSON shapes. Nothing here changes data.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use jiff::civil::Date;
use serde_json::{json, Value};

use super::ego::{ego_network, EgoRequest};
use super::http::{Reply, Target};
use crate::algo::centrality::Measure;
use crate::export::dot::{dot, ActorScores, DrawRequest, EdgeLabels};
use crate::graph::{MeetingFilter, MeetingGraph};
use crate::model::{ActorIndex, Certainty, PartialDate, Status};
use crate::names::{Candidate, Match, Matching, ResolveError};
use crate::query::communities::{membership, CommunityQuery};
use crate::query::contacts::between;
use crate::query::listing::summary;
use crate::query::path::{path_query, PathMode, PathOptions};
use crate::query::profile::profile;
use crate::query::temporal::{time_ordered_report, TemporalOptions};

/// Most centrality results kept; each is one float per actor.
const CACHED_SCORES: usize = 16;
/// Above this many actors only the measures linear in the graph's size are computed per
/// request; the others take minutes on such graphs and are for `whomet centrality`.
const LARGE_GRAPH: usize = 20_000;
/// Most candidates a search lists.
const CANDIDATES: usize = 10;
/// Deepest ego network served.
const MAX_DEPTH: usize = 3;
/// Nodes drawn when the request does not say.
const DEFAULT_LIMIT: usize = 500;

type ScoreKey = (Measure, Option<Date>, Option<Date>);

/// What the server computes once and shares between requests: centrality scores per measure
/// and window.
#[derive(Debug, Default)]
pub struct ScoreCache {
    scores: Mutex<HashMap<ScoreKey, Arc<ActorScores>>>,
    communities: Mutex<HashMap<CommunityKey, Arc<Vec<Option<u32>>>>>,
}

/// A window of held meetings, as the communities were computed for it.
type CommunityKey = (Option<Date>, Option<Date>, Certainty);

impl ScoreCache {
    /// Builds what the first requests would otherwise wait for: the search indexes the graph
    /// makes on first use, and the default scores nodes are sized by.
    pub fn warm(&self, graph: &MeetingGraph) {
        rayon::join(
            || {
                graph.dated_meetings();
                let _ = self.scores(graph, &MeetingFilter::default(), Measure::Degree);
            },
            || {
                graph.names();
                let _ = graph.meetings_citing(crate::model::SourceIndex(0)).next();
            },
        );
    }

    /// Each actor's community (Leiden with the CLI's defaults) over the held meetings of
    /// the filter's window, computed once per window.
    fn communities(
        &self,
        graph: &MeetingGraph,
        filter: &MeetingFilter,
    ) -> Result<Arc<Vec<Option<u32>>>, Reply> {
        let key = (filter.from, filter.to, filter.window);
        if let Some(hit) = self
            .communities
            .lock()
            .ok()
            .and_then(|c| c.get(&key).cloned())
        {
            return Ok(hit);
        }
        let query = CommunityQuery {
            from: filter.from,
            to: filter.to,
            window: filter.window,
            ..CommunityQuery::default()
        };
        let of =
            Arc::new(membership(graph, &query).map_err(|e| Reply::error(500, &e.to_string()))?);
        if let Ok(mut cache) = self.communities.lock() {
            if cache.len() >= CACHED_SCORES {
                cache.clear();
            }
            cache.insert(key, Arc::clone(&of));
        }
        Ok(of)
    }

    fn scores(
        &self,
        graph: &MeetingGraph,
        filter: &MeetingFilter,
        measure: Measure,
    ) -> Result<Arc<ActorScores>, Reply> {
        let key = (measure, filter.from, filter.to);
        if let Some(hit) = self.scores.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return Ok(hit);
        }
        // Computed outside the lock so that one slow measure does not hold up other requests.
        let scores = Arc::new(
            ActorScores::compute(graph, filter, measure)
                .map_err(|e| Reply::error(500, &e.to_string()))?,
        );
        if let Ok(mut cache) = self.scores.lock() {
            if cache.len() >= CACHED_SCORES {
                cache.clear();
            }
            cache.insert(key, Arc::clone(&scores));
        }
        Ok(scores)
    }
}

/// Answers one request: `method` and the request target `url` (path and query).
pub fn respond(graph: &MeetingGraph, cache: &ScoreCache, method: &str, url: &str) -> Reply {
    if method != "GET" && method != "HEAD" {
        return Reply::error(
            405,
            "this server is read-only: only GET and HEAD are answered",
        );
    }
    let target = match Target::parse(url) {
        Ok(t) => t,
        Err(reply) => return reply,
    };
    let segments: Vec<&str> = target.segments.iter().map(String::as_str).collect();
    let answer = match segments.as_slice() {
        ["api", "meta"] => Ok(meta(graph)),
        ["api", "search"] => search(graph, &target),
        ["api", "actor", id] => actor_profile(graph, &target, id),
        ["api", "ego", id] => ego(graph, cache, &target, id),
        ["api", "between", a, b] => pair(graph, &target, a, b),
        ["api", "path"] => path(graph, &target),
        ["api", "dot"] => dot_text(graph, &target),
        ["api", ..] => Err(Reply::error(
            404,
            "no such endpoint; see the README's table",
        )),
        _ => Ok(asset(url)),
    };
    answer.unwrap_or_else(|reply| reply)
}

fn asset(url: &str) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    match super::assets::find(path) {
        Some(a) => Reply {
            status: 200,
            content_type: a.content_type,
            body: a.body.to_vec(),
            cache: "max-age=300",
        },
        None => Reply::error(404, "not found"),
    }
}

/// The window of `from`, `to` and `within`, with `status` (default `default_status`; `all`
/// for every status).
fn window(target: &Target, default_status: Option<Status>) -> Result<MeetingFilter, Reply> {
    let date = |name: &str| -> Result<Option<PartialDate>, Reply> {
        target
            .param(name)
            .map(|t| {
                t.parse::<PartialDate>()
                    .map_err(|e| Reply::error(400, &format!("{name}: {e}")))
            })
            .transpose()
    };
    let window = match target.param("within") {
        None | Some("possible") => Certainty::Possible,
        Some("certain") => Certainty::Certain,
        Some(other) => {
            return Err(Reply::error(
                400,
                &format!("within: expected possible or certain, not {other:?}"),
            ))
        }
    };
    let status = match target.param("status") {
        None => default_status,
        Some("all") => None,
        Some(text) => Some(
            Status::ALL
                .into_iter()
                .find(|s| s.as_str() == text)
                .ok_or_else(|| {
                    Reply::error(
                        400,
                        &format!("status: expected held, scheduled, cancelled, declined or all, not {text:?}"),
                    )
                })?,
        ),
    };
    Ok(MeetingFilter {
        from: date("from")?.map(|d| d.first_day()),
        to: date("to")?.map(|d| d.last_day()),
        status,
        window,
    })
}

fn candidate_json(c: &Candidate) -> Value {
    json!({ "id": c.id, "name": c.name, "kind": c.kind, "why": c.why })
}

fn candidates_of(error: &ResolveError) -> &[Candidate] {
    match error {
        ResolveError::Unknown { suggestions, .. } => suggestions,
        ResolveError::Ambiguous { candidates, .. } => candidates,
    }
}

/// Resolves a name strictly, as the CLI does without `--fuzzy`; 404 with the candidates.
fn actor(graph: &MeetingGraph, name: &str) -> Result<ActorIndex, Reply> {
    graph
        .names()
        .resolve(graph.data(), name, Matching::Strict)
        .map(|r| r.actor)
        .map_err(|e| {
            let list: Vec<Value> = candidates_of(&e)
                .iter()
                .take(CANDIDATES)
                .map(candidate_json)
                .collect();
            let mut reply =
                Reply::json(404, &json!({ "error": e.to_string(), "candidates": list }));
            reply.status = 404;
            reply
        })
}

fn meta(graph: &MeetingGraph) -> Reply {
    let days = graph.meetings_by_date();
    let first = days
        .first()
        .and_then(|&m| crate::query::listing::bound(graph.meeting(m).date.earliest()));
    let last = graph
        .data()
        .meetings
        .iter()
        .filter_map(|m| crate::query::listing::bound(m.date.latest()))
        .max();
    let measures: Vec<&str> = Measure::ALL.iter().map(|m| m.as_str()).collect();
    Reply::json(
        200,
        &json!({
            "summary": summary(graph),
            "first": first,
            "last": last,
            "measures": measures,
            "large": graph.actor_count() > LARGE_GRAPH,
            "cytoscape": super::assets::CYTOSCAPE_VERSION,
        }),
    )
}

/// Suggestions for a typed name: the actor it picks out (strictly, else loosely) and the
/// ranked candidates from the library's resolution error.
fn search(graph: &MeetingGraph, target: &Target) -> Result<Reply, Reply> {
    let query = target
        .param("q")
        .ok_or_else(|| Reply::error(400, "q: give a name to search for"))?;
    let names = graph.names();
    let strict = names.resolve(graph.data(), query, Matching::Strict);
    let (resolved, candidates) = match &strict {
        Ok(r) => (Some(r.clone()), Vec::new()),
        Err(e) => (
            names.resolve(graph.data(), query, Matching::Fuzzy).ok(),
            candidates_of(e).iter().take(CANDIDATES).collect(),
        ),
    };
    let resolved = resolved.map(|r| {
        let a = graph.actor(r.actor);
        let (how, key) = match &r.how {
            Match::Exact => ("exact", None),
            Match::IdPrefix(k) => ("id_prefix", Some(k)),
            Match::Prefix(k) => ("prefix", Some(k)),
            Match::Fuzzy(k) => ("fuzzy", Some(k)),
        };
        json!({ "id": a.id, "name": a.name, "kind": a.kind, "how": how, "key": key })
    });
    let candidates: Vec<Value> = candidates.into_iter().map(candidate_json).collect();
    Ok(Reply::json(
        200,
        &json!({
            "query": query,
            "resolved": resolved,
            "candidates": candidates,
            "error": strict.err().map(|e| e.to_string()),
        }),
    ))
}

fn actor_profile(graph: &MeetingGraph, target: &Target, id: &str) -> Result<Reply, Reply> {
    let a = actor(graph, id)?;
    let filter = window(target, None)?;
    Ok(Reply::json(200, &profile(graph, a, &filter)))
}

fn number(target: &Target, name: &str, default: usize, max: usize) -> Result<usize, Reply> {
    match target.param(name) {
        None => Ok(default),
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                Reply::error(
                    400,
                    &format!("{name}: expected a whole number from 1 to {max}"),
                )
            }),
    }
}

fn measure(graph: &MeetingGraph, target: &Target) -> Result<Measure, Reply> {
    let m = match target.param("measure") {
        None => Measure::Degree,
        Some(text) => Measure::parse(text)
            .ok_or_else(|| Reply::error(400, &format!("measure: unknown measure {text:?}")))?,
    };
    let cheap = matches!(m, Measure::Degree | Measure::Strength | Measure::PageRank);
    if !cheap && graph.actor_count() > LARGE_GRAPH {
        return Err(Reply::error(
            400,
            &format!(
                "measure: {} is too slow to compute per request on {} actors; use degree, strength or pagerank here, or `whomet centrality`",
                m.as_str(),
                graph.actor_count()
            ),
        ));
    }
    Ok(m)
}

fn ego(
    graph: &MeetingGraph,
    cache: &ScoreCache,
    target: &Target,
    id: &str,
) -> Result<Reply, Reply> {
    let centre = actor(graph, id)?;
    let filter = window(target, Some(Status::Held))?;
    let request = EgoRequest {
        centre,
        depth: number(target, "depth", 1, MAX_DEPTH)?,
        filter,
        limit: number(target, "limit", DEFAULT_LIMIT, super::ego::MAX_NODES)?,
    };
    let scores = cache.scores(graph, &filter, measure(graph, target)?)?;
    let mut network =
        ego_network(graph, &scores, &request).map_err(|e| Reply::error(500, &e.to_string()))?;
    match target.param("communities") {
        None | Some("0") => {}
        Some("1") => {
            let of = cache.communities(graph, &filter)?;
            for node in &mut network.nodes {
                node.community = graph.actor_by_id(&node.id).and_then(|a| of[a.index()]);
            }
        }
        Some(other) => {
            return Err(Reply::error(
                400,
                &format!("communities: expected 0 or 1, not {other:?}"),
            ))
        }
    }
    Ok(Reply::json(200, &network))
}

fn pair(graph: &MeetingGraph, target: &Target, a: &str, b: &str) -> Result<Reply, Reply> {
    let (x, y) = (actor(graph, a)?, actor(graph, b)?);
    let filter = window(target, Some(Status::Held))?;
    Ok(Reply::json(
        200,
        &json!({
            "a": graph.actor(x).id,
            "b": graph.actor(y).id,
            "meetings": between(graph, x, y, &filter),
        }),
    ))
}

/// Names of the actors a path report lists, so the page can show them without asking again.
fn with_names(graph: &MeetingGraph, report: Value) -> Value {
    let mut names = BTreeMap::new();
    for path in report["paths"].as_array().into_iter().flatten() {
        for id in path["actors"].as_array().into_iter().flatten() {
            if let Some(a) = id.as_str().and_then(|id| graph.actor_by_id(id)) {
                names.insert(graph.actor(a).id.clone(), graph.actor(a).name.clone());
            }
        }
    }
    let mut report = report;
    if let Some(object) = report.as_object_mut() {
        object.insert("names".into(), json!(names));
    }
    report
}

fn path(graph: &MeetingGraph, target: &Target) -> Result<Reply, Reply> {
    let end = |name: &str| {
        target
            .param(name)
            .ok_or_else(|| Reply::error(400, &format!("{name}: give an actor")))
            .and_then(|n| actor(graph, n))
    };
    let (a, b) = (end("a")?, end("b")?);
    let window = window(target, Some(Status::Held))?;
    let options = PathOptions {
        filter: MeetingFilter::held_between(window.from, window.to),
        ..PathOptions::default()
    };
    let report = match target.param("order") {
        None | Some("shortest") => {
            serde_json::to_value(path_query(graph, a, b, &options, PathMode::One))
        }
        Some("time") => {
            let temporal = TemporalOptions {
                from: window.from,
                to: window.to,
                max_gap: None,
                certainty: window.window,
                actors: options.actors.clone(),
            };
            serde_json::to_value(time_ordered_report(graph, a, b, &options, &temporal))
        }
        Some(other) => {
            return Err(Reply::error(
                400,
                &format!("order: expected shortest or time, not {other:?}"),
            ))
        }
    }
    .map_err(|e| Reply::error(500, &e.to_string()))?;
    Ok(Reply::json(200, &with_names(graph, report)))
}

/// The DOT the CLI's `whomet dot` writes for the same selection.
fn dot_text(graph: &MeetingGraph, target: &Target) -> Result<Reply, Reply> {
    let around = target
        .param("around")
        .map(|n| actor(graph, n))
        .transpose()?;
    let path_between = match target.param("path") {
        None => None,
        Some(text) => match text.split_once(',') {
            Some((a, b)) => Some((actor(graph, a.trim())?, actor(graph, b.trim())?)),
            None => return Err(Reply::error(400, "path: expected two actors, A,B")),
        },
    };
    if around.is_none() && path_between.is_none() && graph.actor_count() > super::ego::MAX_NODES {
        return Err(Reply::error(
            400,
            "the whole network is too large to draw here: give around= or path=",
        ));
    }
    let measure = target
        .param("measure")
        .map(|_| measure(graph, target))
        .transpose()?;
    let request = DrawRequest {
        filter: window(target, Some(Status::Held))?,
        around,
        depth: number(target, "depth", 1, MAX_DEPTH)?,
        path_between,
        size_by: measure,
        min_meetings: 1,
        edge_labels: EdgeLabels::Dates,
        legend: true,
        ..DrawRequest::default()
    };
    let options = request
        .options(graph)
        .map_err(|e| Reply::error(400, &e.to_string()))?;
    let out = dot(graph, &options).map_err(|e| Reply::error(400, &e.to_string()))?;
    Ok(Reply::text("text/vnd.graphviz; charset=utf-8", out.text))
}
