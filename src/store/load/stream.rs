//! The folder load for the usual layout (actors, sources and affiliations in files of their
//! own, each year's meetings in a file under `meetings/`). It checks the meeting files a batch
//! at a time while the next batch is decoded, so that the whole folder's decoded meetings are
//! never in memory beside the data set they become: decoded records hold every reference as a
//! string of its own, which made the plain load's peak half as much again as the data set's.
//!
//! The data set is the plain load's, record for record: the same passes run in the same order
//! over the same files. Any other layout, and any problem at all, is left to the plain load,
//! which reads the folder again and reports every problem as it always does.

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use super::check::{
    assemble, check_affiliations, check_references, count, MeetingsPass, References,
};
use super::{decode, Checker, Decoded, Input, Outcome};
use crate::model::Dataset;
use crate::store::raw::RawFile;
use crate::store::walk::MAX_FILE_BYTES;

/// Meeting files decoded together, and checked together while the next batch is decoded.
const BATCH: usize = 8;

/// The data set of a clean folder in the usual layout, or `None` to load it the plain way.
pub(super) fn load_streamed(inputs: &[Input<'_>]) -> Option<Dataset> {
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
    // Each file's place for locating a problem; a problem sends the load the plain way, so
    // these only ever locate the problems found before it does.
    let files: Vec<Decoded<'_>> = paths
        .iter()
        .map(|&(name, path)| Decoded {
            name,
            text: std::cell::OnceCell::new(),
            path: Some(path),
            seen: (0, 0),
            records: None,
        })
        .collect();
    let buffers = Mutex::new(Vec::new());
    let mut raws: Vec<RawFile> = inputs.iter().map(|_| RawFile::default()).collect();
    let others: Vec<usize> = (0..inputs.len()).filter(|&i| !in_meetings[i]).collect();
    let decoded: Vec<Option<RawFile>> = others
        .par_iter()
        .map(|&i| clean(decode(&inputs[i], &buffers)))
        .collect();
    // The read buffers grew to the largest of these files (the sources of a large folder, a
    // sixth of its size): the meeting files get buffers of their own size.
    drop(buffers);
    for (&i, raw) in others.iter().zip(decoded) {
        let raw = raw?;
        if !raw.meetings.is_empty() {
            return None;
        }
        raws[i] = raw;
    }
    let mut checker = Checker::new(&files, Vec::new(), &[]);
    let refs = check_references(&mut checker, &mut raws);
    let affiliations = check_affiliations(&mut checker, &refs, &mut raws);
    if !checker.problems.is_empty() {
        return None;
    }
    let meetings = check_meeting_files(
        &mut checker,
        &refs,
        &mut raws,
        (inputs, &meeting_files, &paths),
    )?;
    checker
        .problems
        .is_empty()
        .then(|| assemble(refs, affiliations, meetings))
}

/// Whether a file is one of the meeting files: a file in a folder named `meetings`.
fn is_meeting_file(path: &Path) -> bool {
    path.parent()
        .and_then(Path::file_name)
        .is_some_and(|name| name == "meetings")
}

/// The records of a file that decoded without a problem.
fn clean(outcome: Outcome<'_>) -> Option<RawFile> {
    match outcome {
        Outcome::Read {
            decoded: Some(both),
            problems,
            unparsed: None,
        } if problems.is_empty() => Some(both.1),
        _ => None,
    }
}

/// The meetings pass over the meeting files, a batch at a time in file order, each batch
/// checked while the next is decoded; `None` when a file is not clean or holds other records.
fn check_meeting_files(
    checker: &mut Checker<'_>,
    refs: &References,
    raws: &mut [RawFile],
    (inputs, meeting_files, paths): (&[Input<'_>], &[usize], &[(&str, &Path)]),
) -> Option<MeetingsPass> {
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
    let decode_batch = |batch: &[usize]| -> Option<Vec<RawFile>> {
        let decoded: Vec<Option<RawFile>> = batch
            .par_iter()
            .map(|&i| {
                clean(decode(&inputs[i], buffers)).filter(|raw| {
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
        for (&i, raw) in batch.iter().zip(next.take().flatten()?) {
            raws[i] = raw;
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
        if !checker.problems.is_empty() {
            return None;
        }
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
        let streamed = load_streamed(&inputs(&dir)).expect("the usual layout, clean");
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
        let streamed = load_streamed(&inputs(dir.path())).expect("streams");
        let plain = load_files(&read_ron_dir(dir.path()).unwrap()).unwrap();
        assert_eq!(streamed.meetings.len(), 2 * names.len());
        assert_eq!(streamed, plain);
    }

    #[test]
    fn another_layout_or_a_problem_is_left_to_the_plain_load() {
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
        // A problem in a meeting file: reported as the plain load reports it.
        let mut unknown = usual();
        unknown[2].1 = format!("(meetings: [{}])", meeting("m1", "x"));
        let dir = folder(&unknown);
        assert!(load_streamed(&inputs(dir.path())).is_none());
        let error = load_dir(dir.path()).expect_err("unknown actor");
        let plain = load_files(&read_ron_dir(dir.path()).unwrap()).expect_err("unknown actor");
        assert_eq!(error.problems, plain.problems);
        assert!(error.problems[0].message.contains("unknown actor \"x\""));
        // The usual layout, clean, streams.
        let dir = folder(&usual());
        assert!(load_streamed(&inputs(dir.path())).is_some());
    }
}
