//! The data folder can hold anything: FIFOs, devices, links out of it and links in circles
//! give a prompt error naming the path (or are walked once), never a hang or a runaway read.

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use whomet::store::{load_dataset, DataLocation};

/// A copy of the curated data in a fresh folder.
fn data_folder() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("data");
    let data = load_dataset(&DataLocation::Embedded).unwrap();
    whomet::store::write::write_ron_dir(
        &data,
        &dir,
        whomet::store::write::WriteOptions::default(),
        &|_, _| {},
    )
    .unwrap();
    (temp, dir)
}

/// Loads `dir` on another thread and gives up after ten seconds, so that a regression hangs
/// one test instead of the suite.
fn load_within_seconds(dir: &Path) -> Result<usize, String> {
    let (send, receive) = mpsc::channel();
    let dir = dir.to_path_buf();
    std::thread::spawn(move || {
        let result = load_dataset(&DataLocation::Dir(dir))
            .map(|d| d.meetings.len())
            .map_err(|e| e.render(false));
        let _ = send.send(result);
    });
    receive
        .recv_timeout(Duration::from_secs(10))
        .expect("the load finished instead of hanging")
}

#[test]
fn a_fifo_named_ron_is_an_error_not_a_hang() {
    let (_temp, dir) = data_folder();
    let fifo = dir.join("pipe.ron");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let error = load_within_seconds(&dir).unwrap_err();
    assert!(
        error.contains("pipe.ron") && error.contains("not a regular file (a FIFO)"),
        "{error}"
    );
}

#[test]
fn a_link_to_dev_zero_is_an_error_not_a_runaway_read() {
    let (_temp, dir) = data_folder();
    symlink("/dev/zero", dir.join("zero.ron")).unwrap();
    let error = load_within_seconds(&dir).unwrap_err();
    assert!(
        error.contains("zero.ron") && error.contains("leads out of the data folder"),
        "{error}"
    );
}

#[test]
fn links_in_circles_are_walked_once() {
    let (_temp, dir) = data_folder();
    // Two links to the folder itself made the walk exponential.
    symlink(".", dir.join("again")).unwrap();
    symlink(".", dir.join("and-again")).unwrap();
    symlink("..", dir.join("meetings").join("back")).unwrap();
    let meetings = load_dataset(&DataLocation::Embedded)
        .unwrap()
        .meetings
        .len();
    assert_eq!(load_within_seconds(&dir), Ok(meetings));
}

#[test]
fn a_link_out_of_the_folder_is_named_not_followed() {
    let (temp, dir) = data_folder();
    // `up` leads to the folder holding the data folder, where other files live.
    std::fs::write(temp.path().join("unrelated.ron"), "not data").unwrap();
    symlink("..", dir.join("up")).unwrap();
    let error = load_within_seconds(&dir).unwrap_err();
    assert!(
        error.contains("up") && error.contains("leads out of the data folder"),
        "{error}"
    );
    assert!(!error.contains("unrelated.ron"), "{error}");
}

#[test]
fn every_unusable_path_is_listed_not_only_the_first() {
    let (_temp, dir) = data_folder();
    symlink("/dev/zero", dir.join("zero.ron")).unwrap();
    std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.ron"))
        .status()
        .unwrap();
    let error = load_within_seconds(&dir).unwrap_err();
    assert!(
        error.contains("zero.ron") && error.contains("pipe.ron"),
        "{error}"
    );
}

#[test]
fn import_force_into_the_folder_holding_its_input_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("pair");
    std::fs::create_dir(&dir).unwrap();
    let actors = dir.join("actors.csv");
    let meetings = dir.join("meetings.csv");
    std::fs::write(&actors, "id,name,kind,aliases\na,A,person,\nb,B,person,\n").unwrap();
    std::fs::write(
        &meetings,
        "id,date,participants,place,source\nm1,2016,a|b,,https://x.example/1\n",
    )
    .unwrap();
    crate::support::whomet()
        .args(["import", "--force", "--actors"])
        .arg(&actors)
        .arg("--meetings")
        .arg(&meetings)
        .arg("--out")
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("which the import would replace"));
    assert!(
        actors.is_file() && meetings.is_file(),
        "the input is still there"
    );
}

#[test]
fn force_onto_a_symlink_does_not_replace_the_link() {
    let temp = tempfile::tempdir().unwrap();
    let target = temp.path().join("real.dot");
    std::fs::write(&target, "keep").unwrap();
    let link = temp.path().join("link.dot");
    symlink(&target, &link).unwrap();
    crate::support::whomet()
        .args(["--data", "graph", "dot", "--force", "-o"])
        .arg(&link)
        .current_dir(crate::support::root())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("is a symbolic link"));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
}

#[test]
fn stale_staging_left_by_a_killed_write_is_removed_and_nothing_else() {
    let temp = tempfile::tempdir().unwrap();
    let stale_file = temp.path().join(".whomet-tmp-abc");
    let stale_dir = temp.path().join(".whomet-write-xyz");
    let fresh = temp.path().join(".whomet-tmp-fresh");
    let theirs = temp.path().join(".tmp-not-ours");
    std::fs::write(&stale_file, "x").unwrap();
    std::fs::create_dir(&stale_dir).unwrap();
    std::fs::write(&fresh, "x").unwrap();
    std::fs::write(&theirs, "x").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - Duration::from_secs(7200);
    for path in [&stale_file, &theirs] {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
    }
    std::fs::File::open(&stale_dir)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    whomet::store::atomic::write_atomic(&temp.path().join("out.txt"), b"new", false).unwrap();
    assert!(
        !stale_file.exists() && !stale_dir.exists(),
        "stale staging removed"
    );
    assert!(fresh.exists(), "a write that may still run is left alone");
    assert!(theirs.exists(), "files not whomet's are never touched");
}

/// Names in `dir` that whomet stages while writing.
fn staging_left_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".whomet-"))
        .collect()
}

#[test]
fn sigterm_during_an_import_leaves_no_staging_behind() {
    let temp = tempfile::tempdir().unwrap();
    let pair = temp.path().join("pair");
    if !crate::support::generate(&["--preset", "M"], &pair) {
        return;
    }
    let mut interrupted = 0;
    for (round, delay_ms) in [30u64, 150, 600, 2400, 5000].into_iter().enumerate() {
        let parent = temp.path().join(format!("round-{round}"));
        std::fs::create_dir(&parent).unwrap();
        let out = parent.join("graph");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_whomet"))
            .args(["import", "--actors"])
            .arg(pair.join("M/actors.csv"))
            .arg("--meetings")
            .arg(pair.join("M/meetings.csv"))
            .arg("--out")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        if child.try_wait().unwrap().is_none() {
            std::process::Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status()
                .unwrap();
            let status = child.wait().unwrap();
            if status.code() == Some(130) {
                interrupted += 1;
            }
        } else {
            child.wait().unwrap();
        }
        assert_eq!(
            staging_left_in(&parent),
            Vec::<String>::new(),
            "round {round} ({delay_ms} ms)"
        );
        // Either the import finished and its folder loads, or it never appeared.
        if out.exists() {
            load_within_seconds(&out).expect("a folder in place is complete");
        }
    }
    assert!(interrupted > 0, "at least one import was stopped mid-way");
}
