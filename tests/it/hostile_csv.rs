//! Hostile input to the CSV reader: stray quotes, lone `\r`, CRLF, blank lines, byte-order
//! marks mid-file and a corpus of mutated files. The meetings file is cut into pieces parsed
//! in parallel; whatever the number of pieces, the data set and every message must be the
//! ones the sequential parse gives, with lines numbered as an editor numbers them.

use whomet::store::csv::{parse_pair_in_parts, CsvInput, CsvOptions};

/// The piece counts every test compares.
const PARTS: [usize; 4] = [1, 2, 3, 7];

const ACTORS: &str = "id,name,kind,aliases\r\n\
    a1,\"Marín, Ximena\",person,\"Marín|MARÍN\"\r\n\
    a2,Cuba,state,\r\n\
    a3,\"The \"\"Party\"\"\",party,\r\n\
    kim,Kim Jong-un,person,KJU\r\n";

/// What a parse gives, as text: the data set and report, or the error listing.
fn outcome(actors: &[u8], meetings: &[u8], parts: usize, skip_bad: bool) -> String {
    let result = parse_pair_in_parts(
        CsvInput {
            name: "actors.csv",
            bytes: actors,
        },
        CsvInput {
            name: "meetings.csv",
            bytes: meetings,
        },
        CsvOptions { skip_bad },
        parts,
    );
    match result {
        Ok(import) => format!("{:#?}\n{:#?}", import.dataset, import.report),
        Err(e) => errors_text(&e),
    }
}

fn errors_text(e: &whomet::store::LoadError) -> String {
    e.problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The error listing, the same at every piece count.
fn errors(actors: &str, meetings: &str) -> Vec<String> {
    let one = outcome(actors.as_bytes(), meetings.as_bytes(), 1, false);
    assert_same_at_any_part_count(actors.as_bytes(), meetings.as_bytes());
    one.lines().map(str::to_string).collect()
}

/// Panics unless 1, 2, 3 and 7 pieces give byte-identical answers, with and without
/// `skip_bad`.
fn assert_same_at_any_part_count(actors: &[u8], meetings: &[u8]) {
    for skip_bad in [false, true] {
        let one = outcome(actors, meetings, 1, skip_bad);
        for parts in &PARTS[1..] {
            let many = outcome(actors, meetings, *parts, skip_bad);
            assert!(
                many == one,
                "{parts} parts differ (skip_bad {skip_bad}) on {:?}:\n--- 1 part\n{one}\n--- {parts} parts\n{many}",
                String::from_utf8_lossy(meetings)
            );
        }
    }
}

/// Ids of the meetings read with `parts` pieces, skipping bad rows.
fn meeting_ids(meetings: &str, parts: usize) -> Vec<String> {
    let import = parse_pair_in_parts(
        CsvInput {
            name: "actors.csv",
            bytes: ACTORS.as_bytes(),
        },
        CsvInput {
            name: "meetings.csv",
            bytes: meetings.as_bytes(),
        },
        CsvOptions { skip_bad: true },
        parts,
    )
    .expect("skip_bad reads any file with a good header");
    import.dataset.meetings.into_iter().map(|m| m.id).collect()
}

/// A meetings file where quote parity and the csv parser disagree: `ab"c` is data to the
/// parser, so the `"` opening m2's place starts a quoted field that runs over the `ghost`
/// lines, which parity takes for rows.
fn stray_quote_file() -> String {
    let mut file = String::from("id,date,participants,place,source\n");
    file.push_str("m1,2016,a1|a2,ab\"c,https://x.example/1\n");
    file.push_str("m2,2016,a1|a2,\"x\n");
    for i in 0..40 {
        file.push_str(&format!("ghost{i},2016,a1|a3,,https://x.example/g{i}\n"));
    }
    file.push_str("\",https://x.example/2\n");
    file.push_str("m3,2017,a2|a3,,https://x.example/3\n");
    file
}

#[test]
fn stray_quote_inside_field_gives_same_answer_at_any_thread_count() {
    let file = stray_quote_file();
    assert_same_at_any_part_count(ACTORS.as_bytes(), file.as_bytes());
}

#[test]
fn a_meeting_no_sequential_reader_finds_is_not_imported() {
    let file = stray_quote_file();
    for parts in PARTS {
        assert_eq!(
            meeting_ids(&file, parts),
            ["m1", "m2", "m3"],
            "{parts} parts"
        );
    }
    let import = parse_pair_in_parts(
        CsvInput {
            name: "actors.csv",
            bytes: ACTORS.as_bytes(),
        },
        CsvInput {
            name: "meetings.csv",
            bytes: file.as_bytes(),
        },
        CsvOptions::default(),
        2,
    )
    .unwrap();
    let data = import.dataset;
    assert_eq!(data.meetings[0].place.as_deref(), Some("ab\"c"));
    let place = data.meetings[1].place.as_deref().unwrap();
    assert!(place.starts_with("x\nghost0,") && place.ends_with("/g39"));
    assert_eq!(import.report.meeting_rows, 3);
}

#[test]
fn crlf_line_numbers_match_the_editor() {
    // Line 3 holds a quoted place over two lines, line 5 is blank, line 9 has a bad date.
    let meetings = "id,date,participants,place,source\r\n\
        m1,2016,a1|a2,,https://x.example/1\r\n\
        m2,2016,a1|a2,\"Pyong\r\nyang\",https://x.example/2\r\n\
        \r\n\
        m3,2016,a1|zz,,https://x.example/3\r\n\
        m4,2016,a1|a2,,https://x.example/4\r\n\
        m1,2016,a2|a3,,https://x.example/5\r\n\
        m6,2016-02-30,a1|a2,,https://x.example/6\r\n";
    assert_eq!(
        errors(ACTORS, meetings),
        [
            "meetings.csv:6: meeting \"m3\", column \"participants\": unknown actor \"zz\"",
            "meetings.csv:8: meeting \"m1\", column \"id\": duplicate meeting id (first defined at line 2)",
            "meetings.csv:9: meeting \"m6\", column \"date\": invalid date \"2016-02-30\": day 30 does not exist in 2016-02, which has 29 days (expected YYYY-MM-DD, YYYY-MM or YYYY)",
        ]
    );
    // The same file with LF line ends has the same lines.
    let lf = meetings.replace("\r\n", "\n");
    assert_eq!(errors(ACTORS, &lf), errors(ACTORS, meetings));
}

#[test]
fn cr_only_line_ends_are_read_with_the_lines_an_editor_shows() {
    let meetings = "id,date,participants,place,source\r\
        m1,2016,a1|a2,,https://x.example/1\r\
        m2,2016,a1|a2,\"Pyong\ryang\",https://x.example/2\r\
        m3,2016,a1|zz,,https://x.example/3\r\
        m1,2017,a1|a2,,https://x.example/4\r";
    assert_eq!(
        errors(ACTORS, meetings),
        [
            "meetings.csv:5: meeting \"m3\", column \"participants\": unknown actor \"zz\"",
            "meetings.csv:6: meeting \"m1\", column \"id\": duplicate meeting id (first defined at line 2)",
        ]
    );
    let good = meetings
        .replace("a1|zz", "a1|a3")
        .replace("m1,2017", "m4,2017");
    assert_eq!(meeting_ids(&good, 1), ["m1", "m2", "m3", "m4"]);
    let actors = ACTORS.replace("\r\n", "\r") + "zz,Zed,thing,\r";
    assert_eq!(
        errors(&actors, &good),
        ["actors.csv:6: actor \"zz\", column \"kind\": unknown kind \"thing\" (expected person, party, state or organization)"]
    );
}

#[test]
fn actor_lines_match_the_editor() {
    let actors = "\r\nid,name,kind,aliases\r\n\
        a1,\"Ann\r\nSecond line\",person,\r\n\
        \r\n\
        a1,Ann again,person,\r\n";
    let meetings = "id,date,participants,place,source\r\n";
    assert_eq!(
        errors(actors, meetings),
        ["actors.csv:6: actor \"a1\", column \"id\": duplicate actor id \"a1\" (first defined at line 3)"]
    );
    assert_eq!(
        errors("\n\nid,name,type,aliases\n", meetings),
        ["actors.csv:3: wrong header: expected the columns id,name,kind,aliases, found id,name,type,aliases"]
    );
}

#[test]
fn hints_do_not_depend_on_thread_count() {
    let mut meetings = String::from("id,date,participants,place,source\n");
    for i in 0..60 {
        meetings.push_str(&format!("m{i},2016,a1|kimm,,https://x.example/{i}\n"));
    }
    let listed = errors(ACTORS, &meetings);
    assert_eq!(listed.len(), 60);
    let hinted: Vec<usize> = (0..listed.len())
        .filter(|&i| listed[i].contains("did you mean"))
        .collect();
    assert_eq!(hinted, (0..20).collect::<Vec<_>>(), "{listed:#?}");
}

#[test]
fn the_listing_cap_does_not_depend_on_thread_count() {
    let mut meetings = String::from("id,date,participants,place,source\r\n");
    for i in 0..450 {
        let date = if i % 3 == 0 { "1999-99" } else { "1999" };
        meetings.push_str(&format!("m{i},{date},a1|a2|q{i},,https://x.example/\r\n"));
    }
    let listed = errors(ACTORS, &meetings);
    assert_eq!(listed.len(), 101);
    assert_eq!(
        listed.last().unwrap(),
        "meetings.csv:76: … and 500 more problems after this line (the first 100 are listed)"
    );
}

#[test]
fn a_byte_order_mark_mid_file_is_data_at_any_thread_count() {
    let mut meetings = String::from("id,date,participants,place,source\n");
    for i in 0..30 {
        let bom = if i % 4 == 1 { "\u{feff}" } else { "" };
        meetings.push_str(&format!("{bom}m{i},2016,a1|a2,,https://x.example/{i}\n"));
    }
    assert_same_at_any_part_count(ACTORS.as_bytes(), meetings.as_bytes());
    assert!(meeting_ids(&meetings, 7).contains(&"\u{feff}m1".to_string()));
}

/// A small valid pair's meetings file: quoted fields with commas, quotes and line ends, CRLF
/// and LF, several sources, sides.
fn corpus_seed() -> String {
    let mut file = String::from("id,date,participants,place,source\r\n");
    for i in 0..24 {
        let row = match i % 6 {
            0 => format!("m{i},2016-06-28,a1|a2,\"Havana, Cuba\",https://x.example/{i}\r\n"),
            1 => format!("m{i},2015,a2|a3|kim,\"Pyong\r\nyang\",https://x.example/{i}|https://x.example/0\r\n"),
            2 => format!("m{i},2015-10,a3|a1,\"The \"\"Hall\"\"\",https://x.example/shared\n"),
            3 => format!("m{i},2018,a1|a2;kim,,https://x.example/{i}\r\n"),
            4 => format!("m{i},2019-01-02,kim|a1,Hanoi,\"https://x.example/{i}|https://x.example/q,1\"\r\n"),
            _ => format!("m{i},2019,a2|a3,,https://x.example/{i}\n"),
        };
        file.push_str(&row);
    }
    file
}

/// A small seeded generator (xorshift64*), so that the corpus is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Applies one mutation: insert or delete a byte that matters to CSV, truncate, or repeat a
/// line.
fn mutate(file: &mut Vec<u8>, rng: &mut Rng) {
    const INSERTS: [&[u8]; 9] = [
        b"\"",
        b"\r",
        b"\n",
        b",",
        b"|",
        b"\r\n",
        b"\"\"",
        b"\xEF\xBB\xBF",
        b";",
    ];
    let at = rng.below(file.len() + 1);
    match rng.below(10) {
        0..=4 => {
            let insert = INSERTS[rng.below(INSERTS.len())];
            file.splice(at..at, insert.iter().copied());
        }
        5 | 6 => {
            // Delete the next byte CSV cares about.
            if let Some(i) = file[at.min(file.len())..]
                .iter()
                .position(|b| b"\",\r\n|".contains(b))
            {
                file.remove(at + i);
            }
        }
        7 => file.truncate(at),
        _ => {
            let start = file[..at]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let end = file[at..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(file.len(), |i| at + i + 1);
            let line = file[start..end].to_vec();
            let to = rng.below(file.len() + 1);
            file.splice(to..to, line);
        }
    }
}

#[test]
fn mutated_files_give_one_answer_at_any_thread_count() {
    let seed = corpus_seed();
    assert!(
        outcome(ACTORS.as_bytes(), seed.as_bytes(), 1, false).contains("Dataset"),
        "the seed is valid"
    );
    assert_same_at_any_part_count(ACTORS.as_bytes(), seed.as_bytes());
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for case in 0..300 {
        let mut meetings = seed.clone().into_bytes();
        let mut actors = ACTORS.as_bytes().to_vec();
        for _ in 0..1 + rng.below(3) {
            mutate(&mut meetings, &mut rng);
        }
        if case % 10 == 0 {
            mutate(&mut actors, &mut rng);
        }
        assert_same_at_any_part_count(&actors, &meetings);
        // Every line named exists in the file, counted as an editor counts.
        let text = outcome(&actors, &meetings, 3, false);
        let last_line = 1
            + meetings.iter().filter(|&&b| b == b'\n').count()
            + meetings
                .windows(2)
                .filter(|w| w[0] == b'\r' && w[1] != b'\n')
                .count()
            + usize::from(meetings.last() == Some(&b'\r'));
        for line in text.lines().filter(|l| l.starts_with("meetings.csv:")) {
            let number: usize = line["meetings.csv:".len()..]
                .split(':')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(1);
            assert!(
                number <= last_line,
                "case {case}: {line} past line {last_line}"
            );
        }
    }
}
