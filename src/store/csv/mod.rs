//! Reads the CSV interchange pair (`actors.csv`, `meetings.csv`) into a checked [`Dataset`].
//!
//! The format is the one `../shared/bench/README.md` pins: UTF-8, a header row, RFC 4180
//! quoting, CRLF or LF. Actors are `id,name,kind,aliases` (aliases split on `|`); meetings are
//! `id,date,participants,place,source` (participants split on `|`; each distinct source URL
//! becomes one [`Source`](crate::model::Source) whose id is the URL and whose publication is
//! the URL's host), optionally followed by any of `status,kind,roles,notes`
//! ([`OPTIONAL_MEETING_COLUMNS`]). Without them every meeting is `held` and of kind `meeting`.
//!
//! A million meetings must become a graph in well under two seconds, so the meetings file is
//! cut at record boundaries into one chunk per thread, chunks are parsed in parallel into
//! records that borrow nothing (plain lines split on their commas, quoted ones by the `csv`
//! crate's tokenizer, see `records`), and ids are looked up in hash tables that index the
//! record vectors instead of holding copies of the ids.

mod actors;
mod columns;
mod header;
mod lines;
mod meetings;
mod optional;
mod ranges;
mod records;
mod validate;

use std::path::Path;

use hashbrown::DefaultHashBuilder;

pub use header::{ACTOR_COLUMNS, MEETING_COLUMNS, OPTIONAL_MEETING_COLUMNS};
pub use meetings::source_for;

use crate::model::Dataset;
use crate::store::diagnostic::{LoadError, Problem};
use actors::parse_actors;
use lines::lines_at;
use meetings::{parse_meetings, plan_meetings};
use ranges::Body;

/// The actors file's name in a data folder.
pub const ACTORS_FILE: &str = "actors.csv";

/// The meetings file's name in a data folder.
pub const MEETINGS_FILE: &str = "meetings.csv";

/// How many problems of one file are listed; a wholly wrong file (say, every date in another
/// format) would otherwise print a million lines where the first hundred show the pattern.
pub const LISTED_PER_FILE: usize = 100;

/// How many unknown actor ids get a "did you mean" suggestion, the first listed in the file:
/// each costs a scan of every actor id, so a file of bad ids must not turn into minutes of
/// suggesting.
const SUGGESTED_PER_FILE: usize = 20;

/// How to treat bad rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Leave out bad rows (and meetings naming left-out actors) instead of failing.
    pub skip_bad: bool,
}

/// One CSV file's name (as shown in messages) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct CsvInput<'a> {
    /// Name shown in messages, e.g. `data/meetings.csv`.
    pub name: &'a str,
    /// The file's bytes.
    pub bytes: &'a [u8],
}

/// What reading a CSV pair found, beside the data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvReport {
    /// Data rows in the actors file.
    pub actor_rows: usize,
    /// Actor rows left out as bad.
    pub actors_skipped: usize,
    /// Data rows in the meetings file.
    pub meeting_rows: usize,
    /// Meeting rows left out as bad.
    pub meetings_skipped: usize,
    /// The first [`LISTED_PER_FILE`] problems of each file, then one line counting the rest.
    pub problems: Vec<Problem>,
    /// Every problem found, listed or not.
    pub problem_count: usize,
}

/// A CSV pair read into a data set.
#[derive(Debug, Clone)]
pub struct CsvImport {
    /// The checked records.
    pub dataset: Dataset,
    /// Row and problem counts.
    pub report: CsvReport,
}

/// True when `dir` holds both `actors.csv` and `meetings.csv`.
pub fn is_csv_dir(dir: &Path) -> bool {
    dir.join(ACTORS_FILE).is_file() && dir.join(MEETINGS_FILE).is_file()
}

/// Reads `dir/actors.csv` and `dir/meetings.csv`, failing on any bad row.
pub fn load_dir(dir: &Path) -> Result<Dataset, LoadError> {
    read_pair(
        &dir.join(ACTORS_FILE),
        &dir.join(MEETINGS_FILE),
        CsvOptions::default(),
    )
    .map(|import| import.dataset)
}

/// Reads a CSV pair from disk.
///
/// The meetings file is read in ranges, one per thread, and never held whole.
/// Returns every problem (the first [`LISTED_PER_FILE`] of each file) unless
/// `options.skip_bad`, in which case bad rows are left out and counted in the report.
pub fn read_pair(
    actors: &Path,
    meetings: &Path,
    options: CsvOptions,
) -> Result<CsvImport, LoadError> {
    let cannot = |path: &Path, e: std::io::Error| {
        LoadError::single(path.display().to_string(), format!("cannot read file: {e}"))
    };
    let actor_bytes = std::fs::read(actors).map_err(|e| cannot(actors, e))?;
    let meetings_len = std::fs::metadata(meetings)
        .map_err(|e| cannot(meetings, e))?
        .len();
    let actors_name = actors.display().to_string();
    let meetings_name = meetings.display().to_string();
    parse(
        CsvInput {
            name: &actors_name,
            bytes: &actor_bytes,
        },
        &meetings_name,
        Body::File(meetings, meetings_len),
        options,
        rayon::current_num_threads(),
    )
}

/// Parses a CSV pair held in memory.
///
/// ```
/// use whomet::store::csv::{parse_pair, CsvInput, CsvOptions};
/// let actors = CsvInput { name: "actors.csv", bytes: b"id,name,kind,aliases\na,Ann,person,\nb,Bo,state,B|Bee\n" };
/// let meetings = CsvInput {
///     name: "meetings.csv",
///     bytes: b"id,date,participants,place,source\nm1,2016-06,a|b,\"Havana, Cuba\",https://example.com/x\n",
/// };
/// let import = parse_pair(actors, meetings, CsvOptions::default())?;
/// assert_eq!(import.dataset.actors[1].aliases, ["B", "Bee"]);
/// assert_eq!(import.dataset.meetings[0].place.as_deref(), Some("Havana, Cuba"));
/// assert_eq!(import.dataset.sources[0].publication, "example.com");
/// # Ok::<(), whomet::store::LoadError>(())
/// ```
pub fn parse_pair(
    actors: CsvInput<'_>,
    meetings: CsvInput<'_>,
    options: CsvOptions,
) -> Result<CsvImport, LoadError> {
    let parts = rayon::current_num_threads();
    parse(
        actors,
        meetings.name,
        Body::Memory(meetings.bytes),
        options,
        parts,
    )
}

/// [`parse_pair`] with the meetings file cut into at most `parts` pieces, whatever the number
/// of threads, so that tests can check that the answer does not depend on it.
#[doc(hidden)]
pub fn parse_pair_in_parts(
    actors: CsvInput<'_>,
    meetings: CsvInput<'_>,
    options: CsvOptions,
    parts: usize,
) -> Result<CsvImport, LoadError> {
    parse(
        actors,
        meetings.name,
        Body::Memory(meetings.bytes),
        options,
        parts,
    )
}

fn parse(
    actors: CsvInput<'_>,
    meetings_name: &str,
    meetings: Body<'_>,
    options: CsvOptions,
    parts: usize,
) -> Result<CsvImport, LoadError> {
    let hasher = DefaultHashBuilder::default();
    // The actors are read while the meetings file is cut into pieces and its slots made.
    let (actor_part, plan) = rayon::join(
        || parse_actors(actors, &hasher),
        || plan_meetings(meetings_name, meetings, parts),
    );
    let mut actor_part = actor_part?;
    let meeting_part = parse_meetings(meetings_name, meetings, plan?, &actor_part, &hasher)?;

    let actor_log = std::mem::take(&mut actor_part.log);
    let (actor_rows, actors_skipped) = (actor_part.rows, actor_log.bad_rows);
    let (meeting_rows, meetings_skipped) = (meeting_part.rows, meeting_part.log.bad_rows);
    let problem_count = actor_log.count + meeting_part.log.count;
    let mut problems = actor_log.listing(
        actors.name,
        |offsets| lines_at(actors.bytes, offsets),
        |_| String::new(),
    )?;
    problems.extend(meeting_part.log.listing(
        meetings_name,
        |offsets| lines_at(meetings.open(0, meetings.len())?, offsets),
        |id| actor_part.suggest(id),
    )?);
    let report = CsvReport {
        actor_rows,
        actors_skipped,
        meeting_rows,
        meetings_skipped,
        problems,
        problem_count,
    };
    if report.problem_count > 0 && !options.skip_bad {
        return Err(LoadError::from_parts(report.problems, Vec::new()));
    }
    Ok(CsvImport {
        dataset: Dataset {
            actors: actor_part.actors,
            sources: meeting_part.sources,
            affiliations: Vec::new(),
            meetings: meeting_part.meetings,
        },
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SourceIndex;

    const ACTORS: &str = "id,name,kind,aliases\r\n\
        a1,\"Marín, Ximena\",person,\"Marín|MARÍN\"\r\n\
        a2,Cuba,state,\r\n\
        a3,\"The \"\"Party\"\"\",party,\r\n";

    fn parse(actors: &str, meetings: &str, skip_bad: bool) -> Result<CsvImport, LoadError> {
        parse_pair(
            CsvInput {
                name: "actors.csv",
                bytes: actors.as_bytes(),
            },
            CsvInput {
                name: "meetings.csv",
                bytes: meetings.as_bytes(),
            },
            CsvOptions { skip_bad },
        )
    }

    fn errors(actors: &str, meetings: &str) -> Vec<String> {
        parse(actors, meetings, false)
            .unwrap_err()
            .problems
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reads_quoted_fields_crlf_and_lf() {
        let meetings = "id,date,participants,place,source\n\
            m1,2016-06-28,a1|a2,\"Havana, Cuba\",https://news.example.com/a?b=1\n\
            m2,2015,a2|a3|a1,,https://news.example.com/b\n\
            m3,2015-10,a3|a2,Pyongyang,https://news.example.com/a?b=1\n";
        let import = parse(ACTORS, meetings, false).unwrap();
        let data = &import.dataset;
        assert_eq!(data.actors.len(), 3);
        assert_eq!(data.actors[0].name, "Marín, Ximena");
        assert_eq!(data.actors[0].aliases, ["Marín", "MARÍN"]);
        assert_eq!(data.actors[2].name, "The \"Party\"");
        assert!(data.actors[1].aliases.is_empty());
        assert_eq!(data.meetings.len(), 3);
        assert_eq!(data.meetings[0].place.as_deref(), Some("Havana, Cuba"));
        assert_eq!(data.meetings[1].place, None);
        assert_eq!(data.meetings[1].date.to_string(), "2015");
        assert_eq!(data.meetings[2].date.to_string(), "2015-10");
        let ids: Vec<u32> = data.meetings[1].actors().map(|a| a.0).collect();
        assert_eq!(ids, [1, 2, 0]);
        // One source per distinct URL.
        assert_eq!(data.sources.len(), 2);
        assert_eq!(data.sources[0].id, "https://news.example.com/a?b=1");
        assert_eq!(data.sources[0].publication, "news.example.com");
        assert_eq!(data.meetings[2].sources[0].source, SourceIndex(0));
        assert_eq!(import.report.meeting_rows, 3);
        assert_eq!(import.report.problem_count, 0);
    }

    #[test]
    fn reports_bad_rows_with_line_and_column() {
        let meetings = "id,date,participants,place,source\n\
            m1,2016-06-32,a1|a2,Havana,https://x.example/1\n\
            m2,2016,a1|a22,Havana,https://x.example/2\n\
            m3,2016,a1,Havana,https://x.example/3\n\
            m4,2016,a1|a1|a2,Havana,https://x.example/4\n\
            m5,2016,a1|a2,Havana\n\
            m1,2016,a1|a2,Havana,https://x.example/6\n\
            m7,\"2016\n\",a1|a2,,\n";
        assert_eq!(
            errors(ACTORS, meetings),
            [
                "meetings.csv:2: meeting \"m1\", column \"date\": invalid date \"2016-06-32\": day 32 does not exist in 2016-06, which has 30 days (expected YYYY-MM-DD, YYYY-MM or YYYY)",
                "meetings.csv:3: meeting \"m2\", column \"participants\": unknown actor \"a22\" (did you mean \"a2\"?)",
                "meetings.csv:4: meeting \"m3\", column \"participants\": 1 participant listed; a meeting needs two or more actors separated by |",
                "meetings.csv:5: meeting \"m4\", column \"participants\": participant \"a1\" is listed twice; list each actor once",
                "meetings.csv:6: expected 5 columns (id,date,participants,place,source), found 4",
                "meetings.csv:7: meeting \"m1\", column \"id\": duplicate meeting id (first defined at line 2)",
                "meetings.csv:8: meeting \"m7\", column \"source\": no source; every meeting needs a source URL",
            ]
        );
    }

    #[test]
    fn finds_a_repeated_id_in_a_file_in_id_order() {
        let meetings = "id,date,participants,place,source\n\
            m1,2016,a1|a2,,https://x.example/1\n\
            m2,2016,a1|a2,,https://x.example/2\n\
            m2,2017,a1|a3,,https://x.example/3\n\
            m3,2017,a1|a3,,https://x.example/4\n";
        assert_eq!(
            errors(ACTORS, meetings),
            ["meetings.csv:4: meeting \"m2\", column \"id\": duplicate meeting id (first defined at line 3)"]
        );
        let ascending = meetings.replace("m2,2017", "m25,2017");
        assert_eq!(
            parse(ACTORS, &ascending, false)
                .unwrap()
                .dataset
                .meetings
                .len(),
            4
        );
    }

    #[test]
    fn reports_bad_actors_and_headers() {
        let actors = "id,name,kind,aliases\na1,Ann,persn,\na1,Ann again,person,\n,Nobody,person,\n";
        let meetings = "id,date,participants,place,source\n";
        assert_eq!(
            errors(actors, meetings),
            [
                "actors.csv:2: actor \"a1\", column \"kind\": unknown kind \"persn\" (expected person, party, state or organization)",
                "actors.csv:4: actor without id, column \"id\": the id is empty",
            ]
        );
        let header = errors("id,name,type,aliases\n", meetings);
        assert_eq!(
            header,
            ["actors.csv:1: wrong header: expected the columns id,name,kind,aliases, found id,name,type,aliases"]
        );
        let empty = errors("", meetings);
        assert_eq!(
            empty,
            ["actors.csv: the file is empty; expected a header row with the columns id,name,kind,aliases"]
        );
    }

    #[test]
    fn skip_bad_keeps_good_rows_and_counts() {
        let meetings = "\u{feff}id,date,participants,place,source\n\
            m1,2016,a1|a2,,https://x.example/1\n\
            m2,2016,a1|zz,,https://x.example/2\n\
            m3,2016-13,a1|a2,,https://x.example/3\n\
            m4,2016,a3|a2,,https://x.example/1\n";
        let import = parse(ACTORS, meetings, true).unwrap();
        let ids: Vec<&str> = import
            .dataset
            .meetings
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(ids, ["m1", "m4"]);
        assert_eq!(import.report.meeting_rows, 4);
        assert_eq!(import.report.meetings_skipped, 2);
        assert_eq!(import.report.problem_count, 2);
        assert_eq!(import.dataset.sources.len(), 1);
    }

    #[test]
    fn caps_the_listing_and_counts_the_rest() {
        let mut meetings = String::from("id,date,participants,place,source\n");
        for i in 0..250 {
            meetings.push_str(&format!("m{i},1999-99,a1|a2,,https://x.example/\n"));
        }
        let problems = parse(ACTORS, &meetings, false).unwrap_err().problems;
        assert_eq!(problems.len(), LISTED_PER_FILE + 1);
        assert_eq!(
            problems.last().unwrap().to_string(),
            "meetings.csv:101: … and 150 more problems after this line (the first 100 are listed)"
        );
    }

    #[test]
    fn graph_orders_meetings_like_fuzzy_dates() {
        // The graph's fast date sort must agree with FuzzyDate's order, ties by id.
        let dates = [
            "2016",
            "2016-01-01..2016-12-31",
            "2016?",
            "2016-06",
            "2016-06-28",
            "..2016-07-05",
            "2016-07..",
            "2015-10~",
            "2016-06-28",
            "2016",
            "1950-01-01",
            "2016-06%",
        ];
        let mut meetings = String::from("id,date,participants,place,source\n");
        for (i, date) in dates.iter().enumerate() {
            // Long ids sharing 16-byte prefixes exercise the string tie-break.
            let id = format!("meeting-with-a-long-common-prefix-{}", (i * 7) % 12);
            meetings.push_str(&format!("{id},{date},a1|a2,,https://x.example/{i}\n"));
        }
        let data = parse(ACTORS, &meetings, false).unwrap().dataset;
        let mut expected: Vec<usize> = (0..data.meetings.len()).collect();
        expected.sort_by(|&a, &b| {
            let (ma, mb) = (&data.meetings[a], &data.meetings[b]);
            ma.date.cmp(&mb.date).then_with(|| ma.id.cmp(&mb.id))
        });
        let graph = crate::graph::MeetingGraph::new(data);
        let got: Vec<usize> = graph.meetings_by_date().iter().map(|m| m.index()).collect();
        assert_eq!(got, expected);
        for m in graph.data().meetings.iter() {
            let found = graph.meeting_by_id(&m.id).unwrap();
            assert_eq!(graph.meeting(found).id, m.id);
        }
        assert_eq!(
            graph.meeting_by_id("meeting-with-a-long-common-prefix-99"),
            None
        );
    }

    #[test]
    fn any_number_of_chunks_reads_the_same() {
        // Bad rows, blank lines, quoted newlines, repeated and extra sources, spread so that
        // every chunking cuts through some of them.
        let mut meetings = String::from("id,date,participants,place,source\n");
        for i in 0..60 {
            let row = match i % 7 {
                0 => format!("m{i},2016-02-30,a1|a2,,https://x.example/{i}\n"),
                1 => format!("m{i},2016,a1|a2,\"Pyong\nyang\",https://x.example/{i}|https://x.example/0\n"),
                2 => "\n".to_string(),
                3 => format!("m{i},2017-05,a3|a2|a1,\"Havana, Cuba\",https://x.example/shared\n"),
                4 => format!("m{i},2018,a1|zz,,https://x.example/{i}\n"),
                5 => format!("m{},2018,a1|a2,,https://x.example/{i}\n", i - 2),
                _ => format!("m{i},2019-01-0{},a2|a3,,https://x.example/{i}|https://x.example/{}|https://x.example/shared\n", 1 + i % 9, i + 1),
            };
            meetings.push_str(&row);
        }
        let read = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| parse(ACTORS, &meetings, true).unwrap())
        };
        let one = read(1);
        assert_eq!(one.report.meeting_rows, 51);
        assert!(one.report.meetings_skipped > 0);
        for threads in [2, 3, 5, 8] {
            let many = read(threads);
            assert_eq!(many.dataset, one.dataset, "{threads} threads");
            assert_eq!(many.report, one.report, "{threads} threads");
        }
        // Every citation resolves to the source with its URL, each URL once.
        let data = &one.dataset;
        let mut ids: Vec<&str> = data.sources.iter().map(|s| s.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), data.sources.len());
        let shared = data
            .meetings
            .iter()
            .filter(|m| m.id == "m3")
            .flat_map(|m| &m.sources)
            .map(|c| data.source(c.source).id.as_str())
            .collect::<Vec<_>>();
        assert_eq!(shared, ["https://x.example/shared"]);
    }
}
