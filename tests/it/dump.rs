//! The JSON dump: export → import → export gives the same bytes, every record keeps its
//! meaning (a snub stays declined, scheduled talks stay scheduled), and a bad dump is refused
//! with the place of every problem.

use std::path::Path;

use whomet::model::{Dataset, Status};
use whomet::store::{load_dataset, DataLocation};

use crate::support::{root, whomet};

/// `whomet --data DATA export --as json -o OUT`.
fn export(data: &Path, out: &Path) {
    whomet()
        .arg("--data")
        .arg(data)
        .args(["export", "--as", "json", "-o"])
        .arg(out)
        .assert()
        .success();
}

fn import(dump: &Path, out: &Path) {
    whomet()
        .arg("import")
        .arg(dump)
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

/// Every record, in an order that does not depend on how the files are laid out.
fn canonical(data: &Dataset) -> String {
    let dump = whomet::store::dump::Dump {
        actors: data
            .actors
            .iter()
            .map(whomet::store::dump::raw_actor)
            .collect(),
        sources: data
            .sources
            .iter()
            .map(whomet::store::dump::raw_source)
            .collect(),
        affiliations: data
            .affiliations
            .iter()
            .map(|a| whomet::store::dump::raw_affiliation(data, a))
            .collect(),
        meetings: data
            .meetings
            .iter()
            .map(|m| whomet::store::dump::raw_meeting(data, m))
            .collect(),
        ..Default::default()
    };
    let mut lines: Vec<String> = [
        dump.actors
            .iter()
            .map(|r| format!("{r:?}"))
            .collect::<Vec<_>>(),
        dump.sources.iter().map(|r| format!("{r:?}")).collect(),
        dump.affiliations.iter().map(|r| format!("{r:?}")).collect(),
        dump.meetings.iter().map(|r| format!("{r:?}")).collect(),
    ]
    .concat();
    lines.sort();
    lines.join("\n")
}

#[test]
fn export_import_export_of_the_curated_data_is_byte_identical() {
    let temp = tempfile::tempdir().unwrap();
    let (first, folder, second) = (
        temp.path().join("a.json"),
        temp.path().join("data"),
        temp.path().join("b.json"),
    );
    export(&root().join("graph"), &first);
    import(&first, &folder);
    export(&folder, &second);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    // Nothing changed meaning: every record of the curated data is in the imported folder.
    let curated = load_dataset(&DataLocation::Dir(root().join("graph"))).unwrap();
    let imported = load_dataset(&DataLocation::Dir(folder)).unwrap();
    assert_eq!(canonical(&curated), canonical(&imported));
}

#[test]
fn a_round_trip_keeps_the_snub_declined_and_the_pompeo_talks_scheduled() {
    let temp = tempfile::tempdir().unwrap();
    let (dump, folder) = (temp.path().join("a.json"), temp.path().join("data"));
    export(&root().join("graph"), &dump);
    import(&dump, &folder);
    let data = load_dataset(&DataLocation::Dir(folder)).unwrap();
    let status = |id: &str| {
        data.meetings
            .iter()
            .find(|m| m.id == id)
            .unwrap_or_else(|| panic!("{id} survives the round trip"))
            .status
    };
    assert_eq!(status("2013-kim-jong-un-elbegdorj-snub"), Status::Declined);
    let scheduled: Vec<&str> = data
        .meetings
        .iter()
        .filter(|m| m.status == Status::Scheduled)
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(scheduled.len(), 1, "{scheduled:?}");
    assert!(scheduled[0].contains("pompeo"), "{scheduled:?}");
    // Evidence, sides and notes come back too.
    let dinner = data
        .meetings
        .iter()
        .find(|m| m.id == "2018-11-04-kim-jong-un-diaz-canel-dinner")
        .unwrap();
    assert_eq!(dinner.sides.len(), 2);
    assert!(dinner.notes.is_some());
    assert!(dinner.sources.iter().all(|c| c.evidence.is_some()));
}

#[test]
fn a_generated_set_round_trips_through_the_dump() {
    let temp = tempfile::tempdir().unwrap();
    if !crate::support::generate(&["--preset", "S"], temp.path()) {
        return;
    }
    let (first, folder, second) = (
        temp.path().join("a.json"),
        temp.path().join("data"),
        temp.path().join("b.json"),
    );
    export(&temp.path().join("S"), &first);
    import(&first, &folder);
    export(&folder, &second);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}

#[test]
fn a_bad_dump_lists_every_problem_at_its_line() {
    let temp = tempfile::tempdir().unwrap();
    let dump = temp.path().join("a.json");
    export(&root().join("graph"), &dump);
    let text = std::fs::read_to_string(&dump).unwrap();
    let broken = text
        .replacen(
            "\"actor\": \"kim-jong-un\"",
            "\"actor\": \"kim-jong-uun\"",
            1,
        )
        .replacen(
            "\"source\": \"joongang-2016-06-29\"",
            "\"source\": \"joongang-2016-06-28\"",
            1,
        );
    let bad = temp.path().join("bad.json");
    std::fs::write(&bad, &broken).unwrap();
    let line_of = |needle: &str| broken[..broken.find(needle).unwrap()].lines().count();
    let out = whomet()
        .arg("import")
        .arg(&bad)
        .arg("--out")
        .arg(temp.path().join("data"))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("unknown actor \"kim-jong-uun\""),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean \"kim-jong-un\""), "{stderr}");
    assert!(
        stderr.contains(&format!("bad.json:{}:", line_of("kim-jong-uun"))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("bad.json:{}:", line_of("joongang-2016-06-28"))),
        "{stderr}"
    );
    assert!(stderr.contains("2 errors in the data"), "{stderr}");
    assert!(!temp.path().join("data").exists(), "nothing is written");

    // Not JSON at all, or JSON of another shape: refused with the place.
    std::fs::write(&bad, &text[..300]).unwrap();
    whomet()
        .arg("import")
        .arg(&bad)
        .arg("--out")
        .arg(temp.path().join("data"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("not a whomet dump"));
    std::fs::write(&bad, text.replace("whomet-dump", "other")).unwrap();
    whomet()
        .arg("import")
        .arg(&bad)
        .arg("--out")
        .arg(temp.path().join("data"))
        .assert()
        .code(1)
        .stderr(predicates::str::contains("bad.json:2:3: format \"other\""));
}
