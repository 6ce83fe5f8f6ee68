//! Turns what a user types ("kim jong-un", "Díaz Canel", "xi") into one actor, or explains why
//! it cannot: every command that names an actor goes through here.

use std::collections::HashMap;

use super::{fold, similarity};
use crate::model::{ActorIndex, ActorKind, Dataset};

/// How a name was matched to an actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match {
    /// The id, name or an alias, ignoring case, accents and punctuation.
    Exact,
    /// A unique prefix or whole word of a name or alias.
    Prefix(String),
    /// A close spelling of a name or alias.
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
}

/// A name that does not pick out exactly one actor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// Nothing matches.
    #[error("no actor is called \"{query}\"{}", suggest(.suggestions))]
    Unknown {
        /// What was typed.
        query: String,
        /// The closest names, best first.
        suggestions: Vec<Candidate>,
    },
    /// Several actors match.
    #[error("\"{query}\" is ambiguous; it matches {}", list(.candidates))]
    Ambiguous {
        /// What was typed.
        query: String,
        /// Every match, by id.
        candidates: Vec<Candidate>,
    },
}

fn describe(c: &Candidate) -> String {
    format!("{} ({}, {})", c.id, c.name, c.kind)
}

fn suggest(suggestions: &[Candidate]) -> String {
    if suggestions.is_empty() {
        return "; `whomet actors` lists every actor".to_string();
    }
    let shown: Vec<String> = suggestions.iter().map(describe).collect();
    format!(" (did you mean {}?)", shown.join(" or "))
}

fn list(candidates: &[Candidate]) -> String {
    let shown: Vec<String> = candidates.iter().map(describe).collect();
    format!("{}; give the id to choose", shown.join(", "))
}

/// Folded names and aliases of every actor, for resolution.
#[derive(Debug, Default)]
pub struct NameIndex {
    exact: HashMap<String, Vec<ActorIndex>>,
    keys: Vec<(String, ActorIndex)>,
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
            index.candidates.push(Candidate {
                id: actor.id.clone(),
                name: actor.name.clone(),
                kind: actor.kind,
            });
        }
        index
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
    /// Tries, in order: the exact id; the id, name or an alias folded (case, accents and
    /// punctuation ignored); a unique prefix or whole word; a close fuzzy match.
    pub fn resolve(&self, data: &Dataset, query: &str) -> Result<Resolved, ResolveError> {
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
        let word = format!(" {folded}");
        let mut partial: Vec<(ActorIndex, &str)> = self
            .keys
            .iter()
            .filter(|(key, _)| key.starts_with(&folded) || key.contains(&word))
            .map(|(key, a)| (*a, key.as_str()))
            .collect();
        partial.sort();
        partial.dedup_by_key(|(a, _)| *a);
        if !partial.is_empty() {
            let how = Match::Prefix(partial[0].1.to_string());
            return self.one_of(query, partial.into_iter().map(|(a, _)| a).collect(), how);
        }
        let mut scored: Vec<(f64, ActorIndex, &str)> = self
            .keys
            .iter()
            .map(|(key, a)| (similarity(&folded, key), *a, key.as_str()))
            .filter(|(score, _, _)| *score >= 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let mut seen = Vec::new();
        scored.retain(|(_, a, _)| {
            let fresh = !seen.contains(a);
            seen.push(*a);
            fresh
        });
        // Auto-correct only plain typos: one edit (two in long names), and a unique best.
        // "Kim Jong Il" is two edits from "Kim Jong Un" in a short name: a different man.
        let mut edits: Vec<(usize, ActorIndex, &str)> = self
            .keys
            .iter()
            .map(|(key, a)| (strsim::damerau_levenshtein(&folded, key), *a, key.as_str()))
            .collect();
        edits.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let allowed = if folded.chars().count() >= 16 { 2 } else { 1 };
        match edits.as_slice() {
            [(best, actor, key), rest @ ..]
                if *best <= allowed
                    && rest
                        .iter()
                        .find(|r| r.1 != *actor)
                        .is_none_or(|r| r.0 > *best) =>
            {
                Ok(Resolved {
                    actor: *actor,
                    how: Match::Fuzzy(key.to_string()),
                })
            }
            _ => Err(ResolveError::Unknown {
                query: query.to_string(),
                suggestions: scored
                    .iter()
                    .take(3)
                    .map(|(_, a, _)| self.candidates[a.index()].clone())
                    .collect(),
            }),
        }
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
        NameIndex::new(&d).resolve(&d, q)
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
        assert!(matches!(r.how, Match::Prefix(_)));
        let r = resolve("kim jong unn").unwrap();
        assert_eq!(r.actor, ActorIndex(0));
        assert!(matches!(r.how, Match::Fuzzy(_)));
        // Two edits in a short name is another person, not a typo.
        let err = resolve("Kim Jong Il").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("no actor is called \"Kim Jong Il\" (did you mean kim-jong-un"),
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
}
