//! The folder load for the usual layout (actors, sources and affiliations in files of their
//! own, each year's meetings in a file under `meetings/`). It checks the meeting files a batch
//! at a time while the next batch is decoded, so that the whole folder's decoded meetings are
//! never in memory beside the data set they become: decoded records hold every reference as a
//! string of its own, which made the plain load's peak half as much again as the data set's.
//!
//! The outcome is the plain load's, record for record and problem for problem: the same passes
//! run in the same order over the same files. Any other layout, and a file that does not
//! parse, is left to the plain load, which reads the folder again.

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use super::check::{
    assemble, check_affiliations, check_references, count, MeetingsPass, References,
};
use super::{decode, failure, Checker, Decoded, Input, Outcome};
use crate::model::Dataset;
use crate::store::diagnostic::LoadError;
use crate::store::raw::RawFile;
use crate::store::walk::MAX_FILE_BYTES;

/// Meeting files decoded together, and checked together while the next batch is decoded.
const BATCH: usize = 8;

/// The outcome of loading a folder in the usual layout whose files all parse, or `None` to
/// load it the plain way.
pub(super) fn load_streamed(inputs: &[Input<'_>]) -> Option<Result<Dataset, LoadError>> {
    let mut paths = Vec::with_capacity(inputs.len());
    for input in inputs {
        match input {
            Input::OnDisk { name, path } => paths.push((name.as_str(), path.as_path())),
            Input::Held(_) => return None,
        }
    }
    let in_meetings: Vec<bool> = paths
        .iter()
        .map(|(_, path)| is_meeting_file(path))
        .collect();
    let meeting_files: Vec<usize> = (0..inputs.len()).filter(|&i| in_meetings[i]).collect();
    if meeting_files.is_empty() {
        return None;
    }
    // Each file's place for locating a problem, made before the checks that report them:
    // the text is read again when a problem needs it, and what was decoded is noted as each
    // file is, to tell whether it changed meanwhile.
    let files: Vec<Decoded<'_>> = paths
        .iter()
        .map(|&(name, path)| Decoded::on_disk(name, path, (0, 0)))
        .collect();
    let buffers = Mutex::new(Vec::new());
    let mut raws: Vec<RawFile> = inputs.iter().map(|_| RawFile::default()).collect();
    let others: Vec<usize> = (0..inputs.len()).filter(|&i| !in_meetings[i]).collect();
    let decoded: Vec<Option<(RawFile, (usize, u64))>> = others
        .par_iter()
        .map(|&i| clean(decode(&inputs[i], &buffers)))
        .collect();
    // The read buffers grew to the largest of these files (the sources of a large folder, a
    // sixth of its size): the meeting files get buffers of their own size.
    drop(buffers);
    for (&i, raw) in others.iter().zip(decoded) {
        let (raw, seen) = raw?;
        if !raw.meetings.is_empty() {
            return None;
        }
        raws[i] = raw;
        files[i].seen.set(seen);
    }
    let mut checker = Checker::new(&files, Vec::new(), &[]);
    let refs = check_references(&mut checker, &mut raws);
    let affiliations = check_affiliations(&mut checker, &refs, &mut raws);
    let meetings = check_meeting_files(
        &mut checker,
        &refs,
        &mut raws,
        Folder {
            inputs,
            meeting_files: &meeting_files,
            paths: &paths,
            files: &files,
        },
    )?;
    if checker.problems.is_empty() {
        return Some(Ok(assemble(refs, affiliations, meetings)));
    }
    drop((refs, affiliations, meetings));
    Some(Err(failure(checker, &files, &[])))
}

/// Whether a file is one of the meeting files: a file in a folder named `meetings`.
fn is_meeting_file(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|name| name == "meetings")
}

/// The records of a file that decoded without a problem, and the length and hash of the text
/// they came from.
fn clean(outcome: Outcome<'_>) -> Option<(RawFile, (usize, u64))> {
    match outcome {
        Outcome::Read {
            decoded: Some(both),
            problems,
            unparsed: None,
        } if problems.is_empty() => {
            let (decoded, raw) = *both;
            Some((raw, decoded.seen.get()))
        }
        _ => None,
    }
}

/// What the meetings pass reads of the folder: every file to decode, which of them are the
/// meeting files, their names and paths, and their places for locating problems.
#[derive(Clone, Copy)]
struct Folder<'f, 'a> {
    inputs: &'f [Input<'a>],
    meeting_files: &'f [usize],
    paths: &'f [(&'a str, &'a Path)],
    files: &'f [Decoded<'a>],
}

/// The meetings pass over the meeting files, a batch at a time in file order, each batch
/// checked while the next is decoded; `None` when a file does not parse or holds other
/// records.
fn check_meeting_files(
    checker: &mut Checker<'_>,
    refs: &References,
    raws: &mut [RawFile],
    folder: Folder<'_, '_>,
) -> Option<MeetingsPass> {
    let Folder {
        inputs,
        meeting_files,
        paths,
        files,
    } = folder;
    let size = |i: usize| std::fs::metadata(paths[i].1).map_or(0, |m| m.len());
    let sizes: Vec<u64> = meeting_files.iter().map(|&i| size(i)).collect();
    // A read buffer per thread, as large as the largest file: a buffer grown file by file
    // (a year's file is often larger than the one before) takes fresh pages each time, which
    // the kernel zeroes.
    let largest = sizes.iter().copied().max().unwrap_or(0).min(MAX_FILE_BYTES) as usize + 1;
    let buffers = Mutex::new(
        (0..rayon::current_num_threads())
            .map(|_| Vec::with_capacity(largest))
            .collect::<Vec<Vec<u8>>>(),
    );
    let buffers = &buffers;
    let decode_batch = |batch: &[usize]| -> Option<Vec<(RawFile, (usize, u64))>> {
        let decoded: Vec<Option<(RawFile, (usize, u64))>> = batch
            .par_iter()
            .map(|&i| {
                clean(decode(&inputs[i], buffers)).filter(|(raw, _)| {
                    raw.actors.is_empty() && raw.sources.is_empty() && raw.affiliations.is_empty()
                })
            })
            .collect();
        decoded.into_iter().collect()
    };
    let total_bytes: u64 = sizes.iter().sum();
    let batches: Vec<&[usize]> = meeting_files.chunks(BATCH).collect();
    let mut pass = MeetingsPass::with_capacity(0);
    let mut next = Some(decode_batch(batches[0]));
    for (k, batch) in batches.iter().enumerate() {
        for (&i, (raw, seen)) in batch.iter().zip(next.take().flatten()?) {
            raws[i] = raw;
            files[i].seen.set(seen);
        }
        if k == 0 {
            // Room for every meeting, judged by the first batch's meetings per byte, so that
            // the pass's vectors are not copied as they grow.
            let first_bytes: u64 = sizes[..batch.len()].iter().sum::<u64>().max(1);
            let first = count(raws, |f| &mut f.meetings) as u64;
            let expected = first.saturating_mul(total_bytes) / first_bytes;
            pass.reserve((expected + expected / 50) as usize);
        }
        // The check holds the checker, which cannot cross threads; the next batch is decoded
        // on the pool meanwhile.
        rayon::in_place_scope(|scope| {
            if let Some(following) = batches.get(k + 1) {
                let next = &mut next;
                let decode_batch = &decode_batch;
                scope.spawn(move |_| *next = Some(decode_batch(following)));
            }
            pass.check(checker, refs, raws);
        });
    }
    Some(pass)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::load::{load_dir, load_files, read_ron_dir};

    fn inputs(dir: &Path) -> Vec<Input<'static>> {
        crate::store::walk::walk(dir)
            .files
            .into_iter()
            .map(|path| Input::OnDisk {
                name: path.display().to_string(),
                path,
            })
            .collect()
    }

    const ACTORS: &str = "(actors: [Actor(id: \"a\", name: \"A\", kind: person), Actor(id: \"b\", name: \"B\", kind: state)])\n";
    const SOURCES: &str = "(sources: [Source(id: \"s\", publication: \"P\")])\n";

    fn meeting(id: &str, b: &str) -> String {
        format!("Meeting(id: \"{id}\", date: \"2016-06\", participants: [P(actor: \"a\"), P(actor: \"{b}\")], sources: [Cite(source: \"s\")])")
    }

    fn folder(files: &[(&str, String)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("meetings")).unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn the_bundled_folder_streams_into_the_plain_loads_data_set() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("graph");
        let streamed = load_streamed(&inputs(&dir))
            .expect("the usual layout")
            .expect("clean");
        let plain = load_files(&read_ron_dir(&dir).unwrap()).unwrap();
        assert_eq!(streamed, plain);
    }

    #[test]
    fn meetings_in_several_batches_keep_the_file_order() {
        let mut files = vec![
            ("actors.ron", ACTORS.to_string()),
            ("sources.ron", SOURCES.to_string()),
        ];
        let names: Vec<String> = (0..2 * BATCH + 3)
            .map(|i| format!("meetings/{i:03}.ron"))
            .collect();
        for (i, name) in names.iter().enumerate() {
            let text = format!(
                "(meetings: [{}, {}])",
                meeting(&format!("m{i}a"), "b"),
                meeting(&format!("m{i}b"), "b")
            );
            files.push((name.as_str(), text));
        }
        let dir = folder(&files);
        let streamed = load_streamed(&inputs(dir.path()))
            .expect("streams")
            .expect("clean");
        let plain = load_files(&read_ron_dir(dir.path()).unwrap()).unwrap();
        assert_eq!(streamed.meetings.len(), 2 * names.len());
        assert_eq!(streamed, plain);
    }

    #[test]
    fn another_layout_or_a_file_that_does_not_parse_is_left_to_the_plain_load() {
        let usual = || {
            vec![
                ("actors.ron", ACTORS.to_string()),
                ("sources.ron", SOURCES.to_string()),
                (
                    "meetings/2016.ron",
                    format!("(meetings: [{}])", meeting("m1", "b")),
                ),
            ]
        };
        // An actor defined in a meeting file, or a meeting outside one: another layout.
        let mut actor_among_meetings = usual();
        actor_among_meetings[2].1 = format!(
            "(actors: [Actor(id: \"c\", name: \"C\", kind: person)], meetings: [{}])",
            meeting("m1", "c")
        );
        let mut meeting_outside = usual();
        meeting_outside[1].1 = format!(
            "(sources: [Source(id: \"s\", publication: \"P\")], meetings: [{}])",
            meeting("m0", "b")
        );
        for files in [actor_among_meetings, meeting_outside] {
            let dir = folder(&files);
            assert!(load_streamed(&inputs(dir.path())).is_none());
            let loaded = load_dir(dir.path()).expect("loads the plain way");
            assert_eq!(
                loaded,
                load_files(&read_ron_dir(dir.path()).unwrap()).unwrap()
            );
        }
        // A meeting file that does not parse: the plain load reports it.
        let mut broken = usual();
        broken[2].1 = "(meetings: [Meeting(id: \"m1\",".to_string();
        let dir = folder(&broken);
        assert!(load_streamed(&inputs(dir.path())).is_none());
        let error = load_dir(dir.path()).expect_err("does not parse");
        let plain = load_files(&read_ron_dir(dir.path()).unwrap()).expect_err("does not parse");
        assert_eq!(error.problems, plain.problems);
        // The usual layout, clean, streams.
        let dir = folder(&usual());
        assert!(matches!(load_streamed(&inputs(dir.path())), Some(Ok(_))));
    }

    #[test]
    fn problems_found_while_streaming_are_the_plain_loads_in_its_order() {
        // A duplicate actor, an unknown source, and unknown actors and a bad date in meeting
        // files of different batches.
        let mut files = vec![
            (
                "actors.ron".to_string(),
                format!(
                    "(actors: [{}, Actor(id: \"a\", name: \"A again\", kind: person)])",
                    &ACTORS[10..ACTORS.len() - 3]
                ),
            ),
            ("sources.ron".to_string(), SOURCES.to_string()),
        ];
        for i in 0..2 * BATCH + 2 {
            let text = match i {
                1 => format!("(meetings: [{}])", meeting("m1", "x")),
                3 => format!(
                    "(meetings: [{}])",
                    meeting("m3", "b").replace("2016-06", "2016-13")
                ),
                12 => format!(
                    "(meetings: [{}])",
                    meeting("m12", "y").replace("Cite(source: \"s\")", "Cite(source: \"t\")")
                ),
                _ => format!("(meetings: [{}])", meeting(&format!("m{i}"), "b")),
            };
            files.push((format!("meetings/{i:03}.ron"), text));
        }
        let borrowed: Vec<(&str, String)> =
            files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
        let dir = folder(&borrowed);
        let streamed = load_streamed(&inputs(dir.path()))
            .expect("the usual layout")
            .expect_err("problems");
        let plain = load_files(&read_ron_dir(dir.path()).unwrap()).expect_err("problems");
        assert!(streamed.problems.len() >= 5, "{:?}", streamed.problems);
        assert_eq!(streamed.problems, plain.problems);
        assert_eq!(streamed.notes, plain.notes);
        // Each problem with its place and snippet, as the plain load renders it.
        let from_dir = load_dir(dir.path()).expect_err("problems");
        let held = plain
            .render(false)
            .replace(&dir.path().display().to_string(), "");
        assert_eq!(
            from_dir
                .render(false)
                .replace(&dir.path().display().to_string(), ""),
            held
        );
    }
}
