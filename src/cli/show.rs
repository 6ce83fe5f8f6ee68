//! `whomet show`: one actor's profile: names, notes, roles with citations, meetings by year,
//! presences, visits and the sources that mention it.

use std::io::Write;

use whomet::model::Certainty;
use whomet::query::contacts::TimelineEntry;
use whomet::query::profile::{profile, AffiliationRow, Profile, SourceRow};
use whomet::{Error, MeetingGraph};

use super::{cited_meeting_cells, meeting_notes, StatusArg};
use super::{emit, io_error, resolve_actor, Context, Format, Table, Window};

/// Arguments of `whomet show`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  whomet show kim-jong-un\n  whomet show \"Diaz-Canel\" --from 2018 --format json"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    /// The actor (id, name or alias)
    actor: String,
    #[command(flatten)]
    window: Window,
    /// Which statuses to list
    #[arg(long, value_enum, default_value_t = StatusArg::All)]
    status: StatusArg,
}

/// Prints the profile as sections of tables, as JSON, or as one CSV with a `section` column.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let actor = resolve_actor(graph, context.matching, &args.actor)?;
    let filter = args
        .window
        .filter(args.status.status(), Certainty::Possible);
    let profile = profile(graph, actor, &filter);
    match context.format {
        Format::Table => print_sections(context.out, &profile),
        Format::Json | Format::Csv => {
            emit(context.out, context.format, &long_table(&profile), &profile).map_err(io_error)
        }
    }
}

const MEETING_COLUMNS: &[&str] = &[
    "date",
    "meeting",
    "status",
    "kind",
    "place",
    "counterparts",
    "source",
];

fn print_sections(out: &mut dyn Write, p: &Profile) -> Result<(), Error> {
    let w = |out: &mut dyn Write, text: String| {
        let text = whomet::printable::escaped(&text).into_owned();
        writeln!(out, "{}", super::output::wrapped(&text, "")).map_err(io_error)
    };
    let native = p
        .native_name
        .as_ref()
        .map(|n| format!(" · {n}"))
        .unwrap_or_default();
    w(out, format!("{} ({}) · {}{native}", p.name, p.id, p.kind))?;
    if !p.aliases.is_empty() {
        w(out, format!("also: {}", p.aliases.join("; ")))?;
    }
    if let Some(notes) = &p.notes {
        w(out, format!("notes: {notes}"))?;
    }
    section(out, "Roles", &role_table(&p.roles, false))?;
    if !p.members.is_empty() {
        section(out, "Roles held in it", &role_table(&p.members, true))?;
    }
    let mut all_entries: Vec<&TimelineEntry> = Vec::new();
    if p.meetings.is_empty() {
        section(out, "Meetings", &Table::new(MEETING_COLUMNS))?;
    }
    for year in &p.meetings {
        let title = match year.year {
            Some(y) => format!("Meetings in {y} ({})", year.meetings.len()),
            None => format!("Meetings, undated ({})", year.meetings.len()),
        };
        section(out, &title, &entry_table(&year.meetings))?;
        all_entries.extend(&year.meetings);
    }
    if !p.presences.is_empty() {
        section(
            out,
            "Present on one side, met nobody",
            &entry_table(&p.presences),
        )?;
        all_entries.extend(&p.presences);
    }
    if !p.visits.is_empty() {
        section(out, "State visits", &entry_table(&p.visits))?;
        all_entries.extend(&p.visits);
    }
    meeting_notes(out, all_entries.iter().map(|e| &e.meeting))?;
    section(out, "Sources", &source_table(&p.sources))?;
    super::possible_note(out, p.possibly_inside())
}

fn section(out: &mut dyn Write, title: &str, table: &Table) -> Result<(), Error> {
    writeln!(out, "\n{title}").map_err(io_error)?;
    if table.rows.is_empty() {
        return writeln!(out, "  (none)").map_err(io_error);
    }
    super::output::write_table(out, table).map_err(io_error)
}

fn role_table(rows: &[AffiliationRow], by_member: bool) -> Table {
    let mut table = Table::new(&["of", "role", "from", "to", "source"]);
    if by_member {
        table.headers[0] = "who";
    }
    for r in rows {
        table.push(vec![
            if by_member {
                r.actor_name.clone()
            } else {
                r.of_name.clone()
            },
            r.role.clone(),
            r.from.clone().unwrap_or_default(),
            r.to.clone().unwrap_or_default(),
            r.sources
                .iter()
                .map(|s| s.short())
                .collect::<Vec<_>>()
                .join("; "),
        ]);
    }
    table
}

fn entry_table(entries: &[TimelineEntry]) -> Table {
    let mut table = Table::new(MEETING_COLUMNS);
    for e in entries {
        table.push(cited_meeting_cells(&e.meeting, e.counterparts.join(", ")));
    }
    table
}

fn source_table(rows: &[SourceRow]) -> Table {
    let mut table = Table::new(&["source", "publication", "published", "title", "cited by"]);
    for s in rows {
        table.push(vec![
            s.id.clone(),
            s.publication.clone(),
            s.published.clone().unwrap_or_default(),
            s.title.clone().unwrap_or_default(),
            cited_by(s),
        ]);
    }
    table
}

fn cited_by(s: &SourceRow) -> String {
    let mut parts = Vec::new();
    if !s.meetings.is_empty() {
        parts.push(format!("{} meetings", s.meetings.len()));
    }
    if s.affiliations > 0 {
        parts.push(format!("{} roles", s.affiliations));
    }
    parts.join(", ")
}

/// The profile as one table: a row per fact, named by its `section` (actor, role, member,
/// meeting, presence, visit, source).
fn long_table(p: &Profile) -> Table {
    let mut table = Table::new(&[
        "section", "id", "date", "status", "kind", "place", "with", "role", "source", "notes",
    ]);
    table.push(vec![
        "actor".into(),
        p.id.clone(),
        String::new(),
        String::new(),
        p.kind.to_string(),
        String::new(),
        p.name.clone(),
        p.aliases.join("|"),
        String::new(),
        p.notes.clone().unwrap_or_default(),
    ]);
    for (section, rows) in [("role", &p.roles), ("member", &p.members)] {
        for r in rows {
            let span = match (&r.from, &r.to) {
                (None, None) => String::new(),
                (from, to) => format!(
                    "{}..{}",
                    from.as_deref().unwrap_or(""),
                    to.as_deref().unwrap_or("")
                ),
            };
            table.push(vec![
                section.into(),
                r.of.clone(),
                span,
                String::new(),
                String::new(),
                String::new(),
                r.actor.clone(),
                r.role.clone(),
                r.sources
                    .iter()
                    .map(|s| s.id.clone())
                    .collect::<Vec<_>>()
                    .join("|"),
                String::new(),
            ]);
        }
    }
    let entries = p
        .meetings
        .iter()
        .flat_map(|y| y.meetings.iter().map(|e| ("meeting", e)))
        .chain(p.presences.iter().map(|e| ("presence", e)))
        .chain(p.visits.iter().map(|e| ("visit", e)));
    for (section, e) in entries {
        let m = &e.meeting;
        table.push(vec![
            section.into(),
            m.id.clone(),
            m.date.clone(),
            m.status.to_string(),
            m.kind.clone(),
            m.place.clone().unwrap_or_default(),
            e.counterparts.join("|"),
            e.role.clone().unwrap_or_default(),
            m.sources
                .iter()
                .map(|s| s.id.clone())
                .collect::<Vec<_>>()
                .join("|"),
            m.notes.clone().unwrap_or_default(),
        ]);
    }
    for s in &p.sources {
        table.push(vec![
            "source".into(),
            s.id.clone(),
            s.published.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
            s.publication.clone(),
            String::new(),
            s.url.clone().unwrap_or_default(),
            s.notes.clone().unwrap_or_default(),
        ]);
    }
    table
}
