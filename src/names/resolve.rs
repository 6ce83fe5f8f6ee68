//! Turns what a user types ("kim jong-un", "Díaz Canel", "xi") into one actor, or explains why
//! it cannot: every command that names an actor goes through here.

use std::collections::HashMap;

use super::{fold, similarity};
use crate::model::{ActorIndex, ActorKind, Dataset};

/// How loosely a typed name may be matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Matching {
    /// Only an id, a name or an alias (folded), or a unique whole-word prefix of an id, picks
    /// an actor; anything looser is an error that lists the candidates.
    #[default]
    Strict,
    /// Also take a unique best loose match: a word inside a longer name, or a close spelling.
    Fuzzy,
}

/// How a name was matched to an actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// The id, name or an alias, ignoring case, accents and punctuation.
    Exact,
    /// A unique prefix of whole words of an id (`xi` for `xi-jinping`).
    IdPrefix(String),
    /// A unique prefix or whole word of a name or alias (only with [`Matching::Fuzzy`]).
    Prefix(String),
    /// A close spelling of a name or alias (only with [`Matching::Fuzzy`]).
    Fuzzy(String),
}

/// One actor found for a name, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The actor.
    pub actor: ActorIndex,
    /// How the name matched.
    pub how: Match,
}

/// A candidate listed when a name is unknown or ambiguous.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Actor id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Actor kind.
    pub kind: ActorKind,
    /// Why it was listed, e.g. `one letter from "kim yong nam"`; empty for an exact match.
    pub why: String,
}

/// A name that does not pick out exactly one actor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// No id, name or alias is this name; the candidates are only loose matches.
    #[error("no actor is called \"{query}\"{}", suggest(.suggestions))]
    Unknown {
        /// What was typed.
        query: String,
        /// The closest names, best first, each with why it was listed.
        suggestions: Vec<Candidate>,
    },
    /// Several actors match equally.
    #[error("\"{query}\" is ambiguous; it matches {}", list(.candidates))]
    Ambiguous {
        /// What was typed.
        query: String,
        /// Every match, by id.
        candidates: Vec<Candidate>,
    },
}

fn describe(c: &Candidate) -> String {
    if c.why.is_empty() {
        format!("{} ({}, {})", c.id, c.name, c.kind)
    } else {
        format!("{} ({}, {}: {})", c.id, c.name, c.kind, c.why)
    }
}

fn suggest(suggestions: &[Candidate]) -> String {
    if suggestions.is_empty() {
        return "; `whomet actors` lists every actor".to_string();
    }
    let shown: Vec<String> = suggestions.iter().map(describe).collect();
    format!("; candidates: {}; give one of their ids", shown.join(", "))
}

fn list(candidates: &[Candidate]) -> String {
    let shown: Vec<String> = candidates.iter().map(describe).collect();
    format!("{}; give the id to choose", shown.join(", "))
}

/// Names longer than this cannot be a typo of any actor's name; they skip the fuzzy scan,
/// which costs time in the product of the two lengths.
const LONGEST_LOOSE_QUERY: usize = 200;

/// How many candidates an error lists at most.
const CANDIDATES_SHOWN: usize = 5;

/// A loose match of one key, ranked: whole-word matches first, then fewer edits, then
/// higher similarity.
#[derive(Debug, Clone)]
struct Loose<'a> {
    rank: (u8, usize, std::cmp::Reverse<u64>),
    actor: ActorIndex,
    key: &'a str,
    why: String,
}

/// Folded names and aliases of every actor, for resolution.
#[derive(Debug, Default)]
pub struct NameIndex {
    exact: HashMap<String, Vec<ActorIndex>>,
    keys: Vec<(String, ActorIndex)>,
    ids: Vec<String>,
    candidates: Vec<Candidate>,
}

impl NameIndex {
    /// Indexes ids, names, aliases and native names.
    pub fn new(data: &Dataset) -> Self {
        let mut index = NameIndex::default();
        for (i, actor) in data.actors.iter().enumerate() {
            let a = ActorIndex(i as u32);
            let mut names: Vec<&str> = vec![&actor.id, &actor.name];
            names.extend(actor.aliases.iter().map(String::as_str));
            names.extend(actor.native_name.as_deref());
            for name in names {
                for key in [fold(name), name.to_lowercase()] {
                    if key.is_empty() {
                        continue;
                    }
                    let entry = index.exact.entry(key.clone()).or_default();
                    if !entry.contains(&a) {
                        entry.push(a);
                        index.keys.push((key, a));
                    }
                }
            }
            index.ids.push(fold(&actor.id));
            index.candidates.push(Candidate {
                id: actor.id.clone(),
                name: actor.name.clone(),
                kind: actor.kind,
                why: String::new(),
            });
        }
        index
    }

    fn candidate(&self, actor: ActorIndex, why: String) -> Candidate {
        Candidate {
            why,
            ..self.candidates[actor.index()].clone()
        }
    }

    fn candidates(&self, mut actors: Vec<ActorIndex>) -> Vec<Candidate> {
        actors.sort();
        actors.dedup();
        let mut out: Vec<Candidate> = actors
            .into_iter()
            .map(|a| self.candidates[a.index()].clone())
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }

    /// Resolves a typed name to one actor.
    ///
    /// Always tried: the exact id; the id, name or an alias folded (case, accents and
    /// punctuation ignored); a unique prefix of whole words of an id (`xi`). With
    /// [`Matching::Fuzzy`] also a unique word or prefix of a name, then a close spelling.
    /// Anything else is an error listing the ranked candidates and why each matched, so that
    /// "Kim Jong Nam" never silently becomes Kim Yong Nam.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use whomet::names::Matching;
    /// use whomet::store::{load, DataLocation};
    /// let graph = load(&DataLocation::Embedded)?;
    /// let xi = graph.names().resolve(graph.data(), "Xi Jinping", Matching::Strict)?;
    /// assert_eq!(graph.actor(xi.actor).id, "xi-jinping");
    /// assert!(graph.names().resolve(graph.data(), "Kim Jong Nam", Matching::Strict).is_err());
    /// # Ok(()) }
    /// ```
    pub fn resolve(
        &self,
        data: &Dataset,
        query: &str,
        matching: Matching,
    ) -> Result<Resolved, ResolveError> {
        if let Some(i) = data.actors.iter().position(|a| a.id == query) {
            return Ok(Resolved {
                actor: ActorIndex(i as u32),
                how: Match::Exact,
            });
        }
        let folded = fold(query);
        for key in [folded.clone(), query.to_lowercase()] {
            if let Some(actors) = self.exact.get(&key) {
                return self.one_of(query, actors.clone(), Match::Exact);
            }
        }
        if folded.is_empty() {
            return Err(ResolveError::Unknown {
                query: query.to_string(),
                suggestions: Vec::new(),
            });
        }
        let words = format!("{folded} ");
        let by_id: Vec<ActorIndex> = (0..self.ids.len())
            .filter(|&i| self.ids[i].starts_with(&words))
            .map(|i| ActorIndex(i as u32))
            .collect();
        if !by_id.is_empty() {
            let key = self.ids[by_id[0].index()].clone();
            return self.one_of(query, by_id, Match::IdPrefix(key));
        }
        if matching == Matching::Fuzzy {
            if let Some(resolved) = self.loosely(query, &folded)? {
                return Ok(resolved);
            }
        }
        Err(ResolveError::Unknown {
            query: query.to_string(),
            suggestions: self.suggestions(&folded),
        })
    }

    /// The old, loose rules: a unique word or prefix of a name, else a unique closest spelling
    /// (one edit, two in long names).
    fn loosely(&self, query: &str, folded: &str) -> Result<Option<Resolved>, ResolveError> {
        let word = format!(" {folded}");
        let mut partial: Vec<(ActorIndex, &str)> = self
            .keys
            .iter()
            .filter(|(key, _)| key.starts_with(folded) || key.contains(&word))
            .map(|(key, a)| (*a, key.as_str()))
            .collect();
        partial.sort();
        partial.dedup_by_key(|(a, _)| *a);
        if !partial.is_empty() {
            let how = Match::Prefix(partial[0].1.to_string());
            let actors = partial.into_iter().map(|(a, _)| a).collect();
            return self.one_of(query, actors, how).map(Some);
        }
        if folded.len() > LONGEST_LOOSE_QUERY {
            return Ok(None);
        }
        let allowed = if folded.chars().count() >= 16 { 2 } else { 1 };
        let mut edits: Vec<(usize, ActorIndex, &str)> = self
            .keys
            .iter()
            .filter(|(key, _)| key.len().abs_diff(folded.len()) <= allowed)
            .map(|(key, a)| (strsim::damerau_levenshtein(folded, key), *a, key.as_str()))
            .collect();
        edits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        Ok(match edits.as_slice() {
            [(best, actor, key), rest @ ..]
                if *best <= allowed
                    && rest
                        .iter()
                        .find(|r| r.1 != *actor)
                        .is_none_or(|r| r.0 > *best) =>
            {
                Some(Resolved {
                    actor: *actor,
                    how: Match::Fuzzy(key.to_string()),
                })
            }
            _ => None,
        })
    }

    /// The ranked loose candidates for a name that matched nothing exactly.
    fn suggestions(&self, folded: &str) -> Vec<Candidate> {
        let word = format!(" {folded}");
        let long = folded.len() > LONGEST_LOOSE_QUERY;
        let mut loose: Vec<Loose<'_>> = Vec::new();
        for (key, actor) in &self.keys {
            if key.starts_with(folded) || key.contains(&word) {
                loose.push(Loose {
                    rank: (0, 0, std::cmp::Reverse(0)),
                    actor: *actor,
                    key,
                    why: format!("a word of \"{key}\""),
                });
                continue;
            }
            // Keys far longer or shorter cannot be close spellings; skipping them keeps a
            // pasted paragraph from costing seconds.
            if long || key.len().abs_diff(folded.len()) > 3 + folded.len() / 4 {
                continue;
            }
            let edits = strsim::damerau_levenshtein(folded, key);
            let score = similarity(folded, key);
            if edits <= 3 || score >= 0.85 {
                let why = match edits {
                    1 => format!("one letter from \"{key}\""),
                    n if n <= 3 => format!("{n} letters from \"{key}\""),
                    _ => format!("spelt like \"{key}\""),
                };
                loose.push(Loose {
                    rank: (1, edits, std::cmp::Reverse((score * 1e9) as u64)),
                    actor: *actor,
                    key,
                    why,
                });
            }
        }
        let id = |l: &Loose<'_>| self.candidates[l.actor.index()].id.as_str();
        loose.sort_by(|a, b| (a.rank, id(a), a.key).cmp(&(b.rank, id(b), b.key)));
        let mut seen = Vec::new();
        loose.retain(|l| {
            let fresh = !seen.contains(&l.actor);
            seen.push(l.actor);
            fresh
        });
        loose
            .into_iter()
            .take(CANDIDATES_SHOWN)
            .map(|l| self.candidate(l.actor, l.why))
            .collect()
    }

    fn one_of(
        &self,
        query: &str,
        actors: Vec<ActorIndex>,
        how: Match,
    ) -> Result<Resolved, ResolveError> {
        let mut unique = actors;
        unique.sort();
        unique.dedup();
        if unique.len() == 1 {
            Ok(Resolved {
                actor: unique[0],
                how,
            })
        } else {
            Err(ResolveError::Ambiguous {
                query: query.to_string(),
                candidates: self.candidates(unique),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Actor;

    fn person(id: &str, name: &str, aliases: &[&str]) -> Actor {
        Actor {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::Person,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            native_name: None,
            notes: None,
        }
    }

    fn data() -> Dataset {
        Dataset {
            actors: vec![
                person("kim-jong-un", "Kim Jong Un", &["Kim Jong-un"]),
                person("kim-yong-nam", "Kim Yong Nam", &[]),
                person("raul-castro", "Raúl Castro", &["Raul Castro Ruz"]),
                person("fidel-castro", "Fidel Castro", &[]),
                person("miguel-diaz-canel", "Miguel Díaz-Canel", &["Diaz-Canel"]),
                person("xi-jinping", "Xi Jinping", &[]),
            ],
            ..Dataset::default()
        }
    }

    fn resolve(q: &str) -> Result<Resolved, ResolveError> {
        let d = data();
        NameIndex::new(&d).resolve(&d, q, Matching::Fuzzy)
    }

    fn strict(q: &str) -> Result<Resolved, ResolveError> {
        let d = data();
        NameIndex::new(&d).resolve(&d, q, Matching::Strict)
    }

    #[test]
    fn resolves_spellings() {
        for q in ["kim jong-un", "Kim Jong Un", "KIM-JONG-UN", "kim-jong-un"] {
            assert_eq!(resolve(q).unwrap().actor, ActorIndex(0), "{q}");
        }
        assert_eq!(resolve("díaz canel").unwrap().actor, ActorIndex(4));
        assert_eq!(resolve("diaz-canel").unwrap().how, Match::Exact);
    }

    #[test]
    fn prefix_and_fuzzy_say_so() {
        let r = resolve("xi").unwrap();
        assert_eq!(r.actor, ActorIndex(5));
        assert!(matches!(r.how, Match::IdPrefix(_)));
        let r = resolve("canel").unwrap();
        assert_eq!(r.actor, ActorIndex(4));
        assert!(matches!(r.how, Match::Prefix(_)));
        let r = resolve("kim jong unn").unwrap();
        assert_eq!(r.actor, ActorIndex(0));
        assert!(matches!(r.how, Match::Fuzzy(_)));
        // Two edits in a short name is another person, not a typo.
        let err = resolve("Kim Jong Il").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("no actor is called \"Kim Jong Il\"; candidates: kim-jong-un"),
            "{err}"
        );
    }

    #[test]
    fn ambiguous_and_unknown_names_list_candidates() {
        let err = resolve("Castro").unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"Castro\" is ambiguous; it matches fidel-castro (Fidel Castro, person), raul-castro (Raúl Castro, person); give the id to choose"
        );
        assert!(
            matches!(resolve("Kim").unwrap_err(), ResolveError::Ambiguous { candidates, .. } if candidates.len() == 2)
        );
        let err = resolve("Ximping").unwrap_err();
        assert!(matches!(err, ResolveError::Unknown { .. }), "{err}");
    }

    #[test]
    fn strict_takes_only_ids_names_aliases_and_id_prefixes() {
        assert_eq!(strict("Kim Jong-un").unwrap().how, Match::Exact);
        let r = strict("xi").unwrap();
        assert_eq!(r.actor, ActorIndex(5));
        assert!(matches!(r.how, Match::IdPrefix(_)));
        for (typed, listed, why) in [
            (
                "kim jong unn",
                "kim-jong-un",
                "one letter from \"kim jong un\"",
            ),
            (
                "Kim Jong Nam",
                "kim-yong-nam",
                "one letter from \"kim yong nam\"",
            ),
            ("Castro", "fidel-castro", "a word of \"fidel castro\""),
            ("Canel", "miguel-diaz-canel", "a word of"),
        ] {
            let err = strict(typed).unwrap_err();
            let ResolveError::Unknown { suggestions, .. } = &err else {
                panic!("{typed}: {err}");
            };
            assert_eq!(suggestions[0].id, listed, "{typed}: {err}");
            assert!(suggestions[0].why.starts_with(why), "{typed}: {err}");
        }
    }

    #[test]
    fn a_pasted_paragraph_is_answered_at_once() {
        // 100 KB that shares words with every Kim: listed as such, never scored letter by letter.
        let long = "kim ".repeat(25_000);
        for result in [strict(&long), resolve(&long)] {
            assert!(
                matches!(result, Err(ResolveError::Unknown { .. })),
                "{result:?}"
            );
        }
    }
}
