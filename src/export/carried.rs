//! What each export format has no place for, so that an export says so on stderr instead of
//! silently dropping what the editors wrote (the JSON dump, the neo4j-admin files and the
//! Parquet tables carry all).

use std::collections::HashSet;

use crate::export::selection::Selection;

/// The formats that leave something out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// The CSV interchange pair.
    Csv,
    /// Cypher statements.
    Cypher,
    /// GraphML or GEXF: pairs and actors, not meeting records.
    Network,
}

/// What `carrier` cannot hold of `selection`, one "what (count)" each, in a fixed order.
///
/// ```
/// use whomet::export::carried::{not_carried, Carrier};
/// use whomet::export::selection::{ExportFilter, Selection};
/// let graph = whomet::store::load(&whomet::store::DataLocation::Embedded)?;
/// let lost = not_carried(&Selection::new(&graph, &ExportFilter::default()), Carrier::Csv);
/// assert!(lost[0].starts_with("affiliations ("));
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn not_carried(selection: &Selection<'_>, carrier: Carrier) -> Vec<String> {
    use Carrier::{Csv, Cypher, Network};
    let data = selection.graph.data();
    let kept: HashSet<_> = selection.actors.iter().copied().collect();
    let meetings = || selection.meetings.iter().map(|m| data.meeting(m.index));
    let actors = || selection.actors.iter().map(|&a| data.actor(a));
    let mut cited: Vec<_> = meetings()
        .flat_map(|m| &m.sources)
        .map(|c| c.source)
        .collect();
    cited.sort_by_key(|s| s.index());
    cited.dedup();
    let rows: [(&str, &[Carrier], usize); 11] = [
        (
            "affiliations",
            &[Csv, Cypher, Network],
            data.affiliations
                .iter()
                .filter(|a| kept.contains(&a.actor) && kept.contains(&a.of))
                .count(),
        ),
        (
            "citation evidence",
            &[Csv, Cypher, Network],
            meetings()
                .flat_map(|m| &m.sources)
                .filter(|c| c.evidence.is_some())
                .count(),
        ),
        (
            "date notes",
            &[Csv, Cypher, Network],
            meetings().filter(|m| m.date_note.is_some()).count(),
        ),
        (
            "meeting notes",
            &[Cypher, Network],
            meetings().filter(|m| m.notes.is_some()).count(),
        ),
        (
            "side names",
            &[Csv, Network],
            meetings()
                .flat_map(|m| &m.sides)
                .filter(|s| s.name.is_some())
                .count(),
        ),
        (
            "roles",
            &[Network],
            meetings()
                .flat_map(|m| &m.participants)
                .filter(|p| p.role.is_some())
                .count(),
        ),
        (
            "roles containing | (written with /)",
            &[Csv],
            meetings()
                .flat_map(|m| &m.participants)
                .filter(|p| p.role.as_deref().is_some_and(|r| r.contains('|')))
                .count(),
        ),
        (
            "places",
            &[Network],
            meetings().filter(|m| m.place.is_some()).count(),
        ),
        (
            "actor notes",
            &[Csv, Cypher, Network],
            actors().filter(|a| a.notes.is_some()).count(),
        ),
        (
            "native-script names",
            &[Csv, Cypher, Network],
            actors().filter(|a| a.native_name.is_some()).count(),
        ),
        (
            "source titles, dates and notes",
            &[Csv, Cypher, Network],
            cited
                .iter()
                .map(|&s| data.source(s))
                .filter(|s| s.title.is_some() || s.published.is_some() || s.notes.is_some())
                .count(),
        ),
    ];
    rows.into_iter()
        .filter(|(_, lost_by, n)| *n > 0 && lost_by.contains(&carrier))
        .map(|(what, _, n)| format!("{what} ({n})"))
        .collect()
}
