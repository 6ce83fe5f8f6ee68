//! Shortest chains of meetings between two actors: one, all, or the k shortest (Yen), with
//! actors avoided, intermediates restricted by kind, and optional hops through a shared
//! party, state or organisation.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashSet};

use serde::Serialize;

use crate::graph::{Adjacency, MeetingFilter, MeetingGraph};
use crate::model::{ActorIndex, ActorKind, MeetingIndex};
use crate::query::contacts::first_citation;

/// Constraints on the chains a path query may use.
#[derive(Debug, Clone, Default)]
pub struct PathOptions {
    /// Window of meetings used; only held meetings count.
    pub filter: MeetingFilter,
    /// Actors a chain must not pass through.
    pub avoid: Vec<ActorIndex>,
    /// When set, intermediate actors must be of this kind (affiliation bodies excepted).
    pub only_kind: Option<ActorKind>,
    /// Lets a hop go from a member to its party, state or organisation and on to another member.
    pub via_affiliations: bool,
}

/// What a hop rests on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A held meeting of both actors (the earliest in the window).
    Meeting(MeetingIndex),
    /// An affiliation (index into `Dataset::affiliations`) of one actor to the other.
    Affiliation(usize),
}

/// One step of a chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hop {
    /// Where the step starts.
    pub from: ActorIndex,
    /// Where it ends.
    pub to: ActorIndex,
    /// The meeting or affiliation it rests on.
    pub via: Via,
    /// Held meetings of the pair in the window (0 for an affiliation hop).
    pub meetings: usize,
}

impl Hop {
    /// The meeting this hop cites, if it is a meeting hop.
    pub fn meeting(&self) -> Option<MeetingIndex> {
        match self.via {
            Via::Meeting(m) => Some(m),
            Via::Affiliation(_) => None,
        }
    }
}

/// A chain of actors and the hops between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// Actors from start to end.
    pub actors: Vec<ActorIndex>,
    /// One hop per consecutive pair of actors.
    pub hops: Vec<Hop>,
}

/// The graph a path search walks: the met projection in the window, plus affiliation links,
/// minus avoided actors.
pub struct SearchGraph<'a> {
    graph: &'a MeetingGraph,
    adjacency: Cow<'a, Adjacency>,
    affiliation_links: Vec<Vec<(u32, usize)>>,
    blocked: Vec<bool>,
    options: PathOptions,
}

impl<'a> SearchGraph<'a> {
    /// Prepares the search graph for `options`.
    pub fn new(graph: &'a MeetingGraph, options: &PathOptions) -> Self {
        let mut options = options.clone();
        options.filter.status = Some(crate::model::Status::Held);
        let adjacency = graph.projection(&options.filter);
        let mut affiliation_links = Vec::new();
        if options.via_affiliations {
            affiliation_links = vec![Vec::new(); graph.actor_count()];
            for (i, affiliation) in graph.data().affiliations.iter().enumerate() {
                if affiliation.overlaps(options.filter.from, options.filter.to) {
                    affiliation_links[affiliation.actor.index()].push((affiliation.of.0, i));
                    affiliation_links[affiliation.of.index()].push((affiliation.actor.0, i));
                }
            }
            for links in &mut affiliation_links {
                links.sort_unstable();
                links.dedup_by_key(|(other, _)| *other);
            }
        }
        let mut blocked = vec![false; graph.actor_count()];
        for a in &options.avoid {
            blocked[a.index()] = true;
        }
        SearchGraph {
            graph,
            adjacency,
            affiliation_links,
            blocked,
            options,
        }
    }

    fn node_count(&self) -> usize {
        self.graph.actor_count()
    }

    /// True when `v` may appear inside a chain from `from` to `to`.
    fn may_pass(&self, v: u32, from: u32, to: u32) -> bool {
        if v == from || v == to {
            return true;
        }
        if self.blocked[v as usize] {
            return false;
        }
        match self.options.only_kind {
            None => true,
            Some(kind) => {
                let actor_kind = self.graph.actor(ActorIndex(v)).kind;
                actor_kind == kind
                    || (self.options.via_affiliations
                        && actor_kind != ActorKind::Person
                        && !self.affiliation_links[v as usize].is_empty())
            }
        }
    }

    /// Calls `visit` on each neighbour of `v`; stops early when it returns false.
    fn neighbors(&self, v: u32, mut visit: impl FnMut(u32) -> bool) -> bool {
        for &w in self.adjacency.neighbors(v) {
            if !visit(w) {
                return false;
            }
        }
        if let Some(links) = self.affiliation_links.get(v as usize) {
            for &(w, _) in links {
                if !visit(w) {
                    return false;
                }
            }
        }
        true
    }

    /// Breadth-first distances from `source` over actors allowed in a `from`–`to` chain.
    fn distances(&self, source: u32, from: u32, to: u32, removed: &Removed) -> Vec<u32> {
        let mut dist = vec![u32::MAX; self.node_count()];
        if removed.nodes.contains(&source) {
            return dist;
        }
        dist[source as usize] = 0;
        let mut queue = std::collections::VecDeque::from([source]);
        while let Some(v) = queue.pop_front() {
            // Only endpoints stop here: an endpoint is never an intermediate.
            if v != source && (v == from || v == to) {
                continue;
            }
            let next = dist[v as usize] + 1;
            self.neighbors(v, |w| {
                if dist[w as usize] == u32::MAX
                    && self.may_pass(w, from, to)
                    && !removed.blocks(v, w)
                {
                    dist[w as usize] = next;
                    queue.push_back(w);
                }
                true
            });
        }
        dist
    }

    /// The hop between two adjacent actors of a chain.
    fn hop(&self, a: u32, b: u32) -> Hop {
        let (from, to) = (ActorIndex(a), ActorIndex(b));
        let meetings = self.graph.between(from, to, &self.options.filter);
        if let Some(&first) = meetings.first() {
            return Hop {
                from,
                to,
                via: Via::Meeting(first),
                meetings: meetings.len(),
            };
        }
        let link = self.affiliation_links[a as usize]
            .iter()
            .find(|(w, _)| *w == b)
            .map(|(_, i)| *i)
            .expect("a hop rests on a meeting or an affiliation");
        Hop {
            from,
            to,
            via: Via::Affiliation(link),
            meetings: 0,
        }
    }

    fn to_path(&self, nodes: &[u32]) -> Path {
        Path {
            actors: nodes.iter().map(|&v| ActorIndex(v)).collect(),
            hops: nodes.windows(2).map(|w| self.hop(w[0], w[1])).collect(),
        }
    }

    fn id_of(&self, v: u32) -> &str {
        &self.graph.actor(ActorIndex(v)).id
    }
}

/// Nodes and edges a Yen spur search may not use.
#[derive(Default)]
struct Removed {
    nodes: HashSet<u32>,
    edges: HashSet<(u32, u32)>,
}

impl Removed {
    fn blocks(&self, v: u32, w: u32) -> bool {
        self.nodes.contains(&w) || self.edges.contains(&(v.min(w), v.max(w)))
    }
}

/// Reusable buffers for fast point-to-point searches on an [`Adjacency`].
pub struct PathFinder<'a> {
    adjacency: &'a Adjacency,
    stamp: Vec<u32>,
    side: Vec<u8>,
    parent: Vec<u32>,
    generation: u32,
    front: [Vec<u32>; 2],
    next: Vec<u32>,
}

impl<'a> PathFinder<'a> {
    /// Prepares buffers sized for `adjacency`.
    pub fn new(adjacency: &'a Adjacency) -> Self {
        let n = adjacency.node_count();
        PathFinder {
            adjacency,
            stamp: vec![0; n],
            side: vec![0; n],
            parent: vec![0; n],
            generation: 0,
            front: [Vec::new(), Vec::new()],
            next: Vec::new(),
        }
    }

    /// One shortest path from `from` to `to` as node ids, by bidirectional breadth-first
    /// search that always grows the smaller frontier.
    ///
    /// Complexity: O(V + E) in the worst case; far less on small-world graphs.
    ///
    /// ```
    /// use whomet::graph::Adjacency;
    /// use whomet::query::path::PathFinder;
    /// let g = Adjacency::from_pairs(4, &[(0, 1, 1), (1, 2, 1), (2, 3, 1)]);
    /// assert_eq!(PathFinder::new(&g).shortest(0, 3), Some(vec![0, 1, 2, 3]));
    /// ```
    pub fn shortest(&mut self, from: u32, to: u32) -> Option<Vec<u32>> {
        if from == to {
            return Some(vec![from]);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamp.fill(0);
            self.generation = 1;
        }
        let generation = self.generation;
        for (side, start) in [(0u8, from), (1u8, to)] {
            self.stamp[start as usize] = generation;
            self.side[start as usize] = side;
            self.parent[start as usize] = start;
            self.front[side as usize].clear();
            self.front[side as usize].push(start);
        }
        while !self.front[0].is_empty() && !self.front[1].is_empty() {
            let side = if self.front[0].len() <= self.front[1].len() {
                0
            } else {
                1
            };
            let frontier = std::mem::take(&mut self.front[side]);
            self.next.clear();
            for &v in &frontier {
                for &w in self.adjacency.neighbors(v) {
                    let wi = w as usize;
                    if self.stamp[wi] != generation {
                        self.stamp[wi] = generation;
                        self.side[wi] = side as u8;
                        self.parent[wi] = v;
                        self.next.push(w);
                    } else if self.side[wi] != side as u8 {
                        let (a, b) = if side == 0 { (v, w) } else { (w, v) };
                        self.front[side] = frontier;
                        return Some(self.join(a, b));
                    }
                }
            }
            self.front[side] = frontier;
            std::mem::swap(&mut self.front[side], &mut self.next);
        }
        None
    }

    /// Joins the half from `from` ending at `a` with the half from `to` ending at `b`.
    fn join(&self, a: u32, b: u32) -> Vec<u32> {
        let mut left = vec![a];
        while self.parent[*left.last().expect("non-empty") as usize]
            != *left.last().expect("non-empty")
        {
            left.push(self.parent[*left.last().expect("non-empty") as usize]);
        }
        left.reverse();
        let mut v = b;
        left.push(v);
        while self.parent[v as usize] != v {
            v = self.parent[v as usize];
            left.push(v);
        }
        left
    }
}

/// One shortest chain of meetings from `from` to `to`, if any.
///
/// ```
/// use whomet::query::path::{shortest_path, PathOptions};
/// use whomet::store::{load, DataLocation};
/// let graph = load(&DataLocation::Embedded)?;
/// let xi = graph.actor_by_id("xi-jinping").unwrap();
/// let kim = graph.actor_by_id("kim-jong-un").unwrap();
/// let path = shortest_path(&graph, xi, kim, &PathOptions::default()).unwrap();
/// assert_eq!(path.hops.len(), 2); // via the Cuban envoy Salvador Valdes Mesa
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn shortest_path(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &PathOptions,
) -> Option<Path> {
    let search = SearchGraph::new(graph, options);
    shortest_in(&search, from.0, to.0, &Removed::default()).map(|nodes| search.to_path(&nodes))
}

fn plain(options: &PathOptions) -> bool {
    options.avoid.is_empty() && options.only_kind.is_none() && !options.via_affiliations
}

/// A shortest path in the search graph, ties broken towards smaller actor ids at each step.
fn shortest_in(
    search: &SearchGraph<'_>,
    from: u32,
    to: u32,
    removed: &Removed,
) -> Option<Vec<u32>> {
    if plain(&search.options) && removed.nodes.is_empty() && removed.edges.is_empty() {
        return PathFinder::new(&search.adjacency).shortest(from, to);
    }
    let dist_to = search.distances(to, from, to, removed);
    if dist_to[from as usize] == u32::MAX {
        return None;
    }
    let mut path = vec![from];
    let mut v = from;
    while v != to {
        let want = dist_to[v as usize] - 1;
        let mut best: Option<u32> = None;
        search.neighbors(v, |w| {
            if dist_to[w as usize] == want
                && !removed.blocks(v, w)
                && best.is_none_or(|b| search.id_of(w) < search.id_of(b))
            {
                best = Some(w);
            }
            true
        });
        v = best.expect("distances lead to the target");
        path.push(v);
    }
    Some(path)
}

/// Every shortest chain from `from` to `to`, in order of actor ids along the chain, at most
/// `limit` of them.
pub fn all_shortest_paths(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &PathOptions,
    limit: usize,
) -> Vec<Path> {
    let search = SearchGraph::new(graph, options);
    let removed = Removed::default();
    let dist_to = search.distances(to.0, from.0, to.0, &removed);
    if dist_to[from.index()] == u32::MAX {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut stack = vec![from.0];
    enumerate_shortest(&search, &dist_to, to.0, &mut stack, &mut out, limit);
    out.into_iter()
        .map(|nodes| search.to_path(&nodes))
        .collect()
}

fn enumerate_shortest(
    search: &SearchGraph<'_>,
    dist_to: &[u32],
    to: u32,
    stack: &mut Vec<u32>,
    out: &mut Vec<Vec<u32>>,
    limit: usize,
) {
    if out.len() >= limit {
        return;
    }
    let v = *stack.last().expect("non-empty");
    if v == to {
        out.push(stack.clone());
        return;
    }
    let want = dist_to[v as usize] - 1;
    let mut next: Vec<u32> = Vec::new();
    search.neighbors(v, |w| {
        if dist_to[w as usize] == want {
            next.push(w);
        }
        true
    });
    next.sort_by(|a, b| search.id_of(*a).cmp(search.id_of(*b)));
    next.dedup();
    for w in next {
        stack.push(w);
        enumerate_shortest(search, dist_to, to, stack, out, limit);
        stack.pop();
    }
}

/// The `k` shortest simple chains from `from` to `to` (Yen's algorithm), shortest first, ties
/// by the actor ids along the chain.
pub fn k_shortest_paths(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &PathOptions,
    k: usize,
) -> Vec<Path> {
    let search = SearchGraph::new(graph, options);
    let key = |p: &Vec<u32>| {
        (
            p.len(),
            p.iter()
                .map(|&v| search.id_of(v).to_string())
                .collect::<Vec<_>>(),
        )
    };
    let mut found: Vec<Vec<u32>> = Vec::new();
    let Some(first) = shortest_in(&search, from.0, to.0, &Removed::default()) else {
        return Vec::new();
    };
    found.push(first);
    let mut candidates: BTreeSet<(usize, Vec<String>, Vec<u32>)> = BTreeSet::new();
    while found.len() < k {
        let last = found.last().expect("non-empty").clone();
        for i in 0..last.len() - 1 {
            let spur = last[i];
            let root = &last[..=i];
            let mut removed = Removed::default();
            for p in &found {
                if p.len() > i && &p[..=i] == root {
                    removed
                        .edges
                        .insert((p[i].min(p[i + 1]), p[i].max(p[i + 1])));
                }
            }
            removed.nodes.extend(root[..i].iter().copied());
            if let Some(spur_path) = shortest_in(&search, spur, to.0, &removed) {
                let mut total = root[..i].to_vec();
                total.extend(spur_path);
                if !found.contains(&total) {
                    let (len, ids) = key(&total);
                    candidates.insert((len, ids, total));
                }
            }
        }
        match candidates.pop_first() {
            Some((_, _, best)) => found.push(best),
            None => break,
        }
    }
    found
        .into_iter()
        .map(|nodes| search.to_path(&nodes))
        .collect()
}

/// Which paths a query asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathMode {
    /// One shortest path.
    One,
    /// Every shortest path (up to a limit).
    All(usize),
    /// The k shortest simple paths.
    Shortest(usize),
}

/// A hop as reported (JSON: `{"from","to","meeting","date","via"}` plus extras).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HopRow {
    /// Start actor id.
    pub from: String,
    /// End actor id.
    pub to: String,
    /// Meeting id (null for an affiliation hop).
    pub meeting: Option<String>,
    /// Meeting date in the data's notation (for an affiliation hop, its span).
    pub date: String,
    /// `meeting` or `affiliation`.
    pub via: &'static str,
    /// Meeting place, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// First citation: publication and date.
    pub source: String,
    /// Held meetings of the pair in the window.
    pub meetings: usize,
    /// For an affiliation hop: the role that links the two.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

impl HopRow {
    /// The row for one hop.
    pub fn new(graph: &MeetingGraph, hop: &Hop) -> Self {
        let (from, to) = (
            graph.actor(hop.from).id.clone(),
            graph.actor(hop.to).id.clone(),
        );
        match hop.via {
            Via::Meeting(m) => {
                let meeting = graph.meeting(m);
                HopRow {
                    from,
                    to,
                    meeting: Some(meeting.id.clone()),
                    date: meeting.date.to_string(),
                    via: "meeting",
                    place: meeting.place.clone(),
                    source: first_citation(graph, m),
                    meetings: hop.meetings,
                    role: None,
                }
            }
            Via::Affiliation(i) => {
                let affiliation = &graph.data().affiliations[i];
                let span = format!(
                    "{}..{}",
                    affiliation.from.map(|d| d.to_string()).unwrap_or_default(),
                    affiliation.to.map(|d| d.to_string()).unwrap_or_default()
                );
                HopRow {
                    from,
                    to,
                    meeting: None,
                    date: if span == ".." { String::new() } else { span },
                    via: "affiliation",
                    place: None,
                    source: affiliation
                        .sources
                        .first()
                        .map(|c| crate::query::listing::CitationRow::new(graph.data(), c).short())
                        .unwrap_or_default(),
                    meetings: 0,
                    role: Some(affiliation.role.clone()),
                }
            }
        }
    }
}

/// A path as reported (JSON: `{"actors":[ids],"hops":[…]}`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathRow {
    /// Actor ids from start to end.
    pub actors: Vec<String>,
    /// Hops.
    pub hops: Vec<HopRow>,
}

impl PathRow {
    /// The row for one path.
    pub fn new(graph: &MeetingGraph, path: &Path) -> Self {
        PathRow {
            actors: path
                .actors
                .iter()
                .map(|&a| graph.actor(a).id.clone())
                .collect(),
            hops: path.hops.iter().map(|h| HopRow::new(graph, h)).collect(),
        }
    }
}

/// The answer to a path query (JSON: `{"from","to","found","paths":[…]}` plus `notes`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathReport {
    /// Start actor id.
    pub from: String,
    /// End actor id.
    pub to: String,
    /// Whether any path was found.
    pub found: bool,
    /// The paths, shortest first.
    pub paths: Vec<PathRow>,
    /// Plain-language remarks: truncation, and where a path exists when none was found.
    pub notes: Vec<String>,
}

/// Answers a static path query, explaining a miss: whether a path exists outside the window,
/// through affiliations, or without the avoided actors.
pub fn path_query(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &PathOptions,
    mode: PathMode,
) -> PathReport {
    let paths = match mode {
        PathMode::One => shortest_path(graph, from, to, options)
            .into_iter()
            .collect(),
        PathMode::All(limit) => all_shortest_paths(graph, from, to, options, limit),
        PathMode::Shortest(k) => k_shortest_paths(graph, from, to, options, k),
    };
    let mut notes = Vec::new();
    if let PathMode::All(limit) = mode {
        if paths.len() == limit {
            notes.push(format!(
                "listing stopped at {limit} shortest paths; there may be more"
            ));
        }
    }
    if paths.is_empty() {
        notes.extend(explain_miss(graph, from, to, options));
    }
    PathReport {
        from: graph.actor(from).id.clone(),
        to: graph.actor(to).id.clone(),
        found: !paths.is_empty(),
        paths: paths.iter().map(|p| PathRow::new(graph, p)).collect(),
        notes,
    }
}

/// Says where a path would exist when the constrained search found none.
pub fn explain_miss(
    graph: &MeetingGraph,
    from: ActorIndex,
    to: ActorIndex,
    options: &PathOptions,
) -> Vec<String> {
    let mut notes = vec![format!(
        "no chain of held meetings links {} and {} under these conditions",
        graph.actor(from).id,
        graph.actor(to).id
    )];
    let length = |o: &PathOptions| shortest_path(graph, from, to, o).map(|p| p.hops.len());
    if options.filter.from.is_some() || options.filter.to.is_some() {
        let mut wider = options.clone();
        wider.filter.from = None;
        wider.filter.to = None;
        if let Some(n) = length(&wider) {
            notes.push(format!(
                "a path of {n} hop(s) exists outside the --from/--to window"
            ));
        }
    }
    if !options.via_affiliations {
        let mut through = options.clone();
        through.via_affiliations = true;
        if let Some(n) = length(&through) {
            notes.push(format!(
                "a path of {n} hop(s) exists through shared affiliations (--via-affiliations)"
            ));
        }
    }
    if !options.avoid.is_empty() || options.only_kind.is_some() {
        let mut free = options.clone();
        free.avoid.clear();
        free.only_kind = None;
        if let Some(n) = length(&free) {
            notes.push(format!(
                "a path of {n} hop(s) exists without --avoid/--only-kind"
            ));
        }
    }
    notes
}
