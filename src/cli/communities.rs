//! `whomet communities`: Leiden communities of the meeting graph, in a date window or over
//! sliding windows with ids kept across windows.

use whomet::model::Certainty;
use whomet::query::communities::{
    communities, over_time, Communities, CommunityQuery, CommunitySeries,
};
use whomet::{Error, MeetingGraph};

use super::{emit, io_error, Context, Format, Sliding, Table, Window};

const AFTER_LONG_HELP: &str = "\
Leiden (Traag, Waltman & van Eck 2019) maximising modularity with resolution R:
  Q = 1/(2m) * sum_ij [A_ij - R * k_i * k_j / (2m)] * [c_i = c_j]
over the graph of held meetings in the window: A_ij = 1 for a pair that met (the number of their
meetings with --weighted), k_i = sum_j A_ij, 2m = sum_i k_i. Iterations run until one changes
nothing (at most 50). Node orders are drawn from --seed, single-threaded: the same data and seed
give the same communities on any machine. Actors who met no one in the window are left out.
Communities are listed largest first, ties by smallest member id, and numbered 1.. in that order.

--over-time: one partition per window; a community keeps its id in the next window when more than
half of its members present there are in one new community (its best match); two old communities
keeping their id in the same new one is a merge (the larger overlap gives the id), and an old one
with at least two and a quarter of its present members in each of two or more new ones is a split.

Examples:
  whomet communities
  whomet communities --from 2018 --to 2019 --format json
  whomet communities --over-time --window 2y --step 1y";

/// Arguments of `whomet communities`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_LONG_HELP)]
#[command(
    after_help = "Examples:\n  whomet communities\n  whomet communities --from 2018 --to 2019 --format json\n  whomet communities --over-time --window 2y --step 1y"
)]
pub struct Args {
    #[command(flatten)]
    pub shape: super::args::FormatArg,
    #[command(flatten)]
    window: Window,
    /// Resolution: above 1 gives more, smaller communities
    #[arg(long, value_name = "R", default_value_t = 1.0)]
    resolution: f64,
    /// Seed of Leiden's node orders
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
    /// Weight pairs by their number of meetings
    #[arg(long)]
    weighted: bool,
    /// Members shown per community in the table (all in CSV and JSON); 0 shows all
    #[arg(long, value_name = "N", default_value_t = 8)]
    members: usize,
    #[command(flatten)]
    sliding: Sliding,
}

/// Lists communities, or their course over time.
pub fn run(graph: &MeetingGraph, args: &Args, context: &mut Context<'_>) -> Result<(), Error> {
    let query = CommunityQuery {
        from: args.window.first_day(),
        to: args.window.last_day(),
        window: args.window.certainty(Certainty::Certain),
        resolution: args.resolution,
        seed: args.seed,
        weighted: args.weighted,
    };
    if args.sliding.over_time {
        let series = over_time(graph, &query, args.sliding.width, args.sliding.step)?;
        let table = series_table(&series, context.format, args.members);
        return emit(context.out, context.format, &table, &series).map_err(io_error);
    }
    let found = communities(graph, &query)?;
    if context.format == Format::Table {
        super::note(format_args!(
            "modularity {:.6}; {} communities of {} actors ({} met no one in the window)",
            found.modularity,
            found.communities.len(),
            found.actors,
            found.isolated
        ));
    }
    let table = communities_table(graph, &found, context.format, args.members);
    emit(context.out, context.format, &table, &found).map_err(io_error)
}

/// The first `limit` members (all when 0), with a count of the rest.
fn member_cell(members: &[String], limit: usize) -> String {
    if limit == 0 || members.len() <= limit {
        return members.join(", ");
    }
    format!(
        "{}, … (+{})",
        members[..limit].join(", "),
        members.len() - limit
    )
}

/// CSV: one row per member (tidy); table: one row per community.
fn communities_table(
    graph: &MeetingGraph,
    found: &Communities,
    format: Format,
    limit: usize,
) -> Table {
    if format == Format::Csv {
        let mut table = Table::new(&["community", "size", "actor", "name"]);
        for c in &found.communities {
            for id in &c.members {
                let name = graph
                    .actor_by_id(id)
                    .map(|a| graph.actor(a).name.clone())
                    .unwrap_or_default();
                table.push(vec![c.id.to_string(), c.size.to_string(), id.clone(), name]);
            }
        }
        return table;
    }
    let mut table = Table::new(&["community", "size", "members"]);
    for c in &found.communities {
        table.push(vec![
            c.id.to_string(),
            c.size.to_string(),
            member_cell(&c.members, limit),
        ]);
    }
    table
}

/// What happened to each community of a window, for its row.
fn history(series: &CommunitySeries, window: usize, id: u32) -> String {
    let from = &series.windows[window].from;
    let mut notes = Vec::new();
    for e in series.events.iter().filter(|e| &e.window_from == from) {
        let list = |ids: &[u32]| ids.iter().map(u32::to_string).collect::<Vec<_>>().join("+");
        if e.kind == "merge" && e.into.contains(&id) {
            notes.push(format!("merge of {}", list(&e.from)));
        }
        if e.kind == "split" && e.into.contains(&id) {
            notes.push(format!("split of {} into {}", list(&e.from), list(&e.into)));
        }
    }
    let earlier = window
        .checked_sub(1)
        .map(|w| series.windows[w].communities.iter().any(|c| c.id == id))
        .unwrap_or(false);
    if notes.is_empty() {
        return if earlier { "kept" } else { "new" }.to_string();
    }
    notes.join("; ")
}

/// CSV: one row per window, community and member; table: one row per window and community.
fn series_table(series: &CommunitySeries, format: Format, limit: usize) -> Table {
    if format == Format::Csv {
        let mut table = Table::new(&["window_from", "window_to", "community", "size", "actor"]);
        for w in &series.windows {
            for c in &w.communities {
                for id in &c.members {
                    table.push(vec![
                        w.from.clone(),
                        w.to.clone(),
                        c.id.to_string(),
                        c.size.to_string(),
                        id.clone(),
                    ]);
                }
            }
        }
        return table;
    }
    let mut table = Table::new(&[
        "window_from",
        "window_to",
        "modularity",
        "community",
        "size",
        "history",
        "members",
    ]);
    for (i, w) in series.windows.iter().enumerate() {
        for c in &w.communities {
            table.push(vec![
                w.from.clone(),
                w.to.clone(),
                format!("{:.4}", w.modularity),
                c.id.to_string(),
                c.size.to_string(),
                history(series, i, c.id),
                member_cell(&c.members, limit),
            ]);
        }
    }
    table
}
