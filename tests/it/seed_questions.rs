//! Real questions about the bundled data, with answers worked out by hand from the articles.

use whomet::graph::MeetingFilter;
use whomet::model::{parse_day, Status};
use whomet::query::contacts::{between, met, ContactOrder};
use whomet::query::path::{path_query, shortest_path, PathMode, PathOptions};
use whomet::query::temporal::{reach, time_ordered_path, Certainty, TemporalOptions};
use whomet::store::{load, DataLocation};
use whomet::MeetingGraph;

fn graph() -> MeetingGraph {
    load(&DataLocation::Dir("graph".into())).expect("bundled data loads")
}

fn id(graph: &MeetingGraph, name: &str) -> whomet::model::ActorIndex {
    graph
        .names()
        .resolve(graph.data(), name, whomet::names::Matching::Strict)
        .expect("known name")
        .actor
}

/// "Whom did Kim Jong Un meet?" The articles name seven counterparts across the table; his
/// wife sat on his side of the dinner, he only watched the Chinese troupe, and the Mongolian
/// president's visit was a snub (declined), not a meeting.
#[test]
fn whom_kim_jong_un_met() {
    let g = graph();
    let kim = id(&g, "Kim Jong-un");
    let report = met(&g, kim, &MeetingFilter::default(), ContactOrder::Id);
    let ids: Vec<&str> = report.met.iter().map(|c| c.actor.as_str()).collect();
    assert_eq!(
        ids,
        [
            "dennis-rodman",
            "li-yuanchao",
            "lis-cuesta-perasa",
            "liu-yunshan",
            "miguel-diaz-canel",
            "moon-jae-in",
            "salvador-valdes-mesa",
        ]
    );
    let all = met(
        &g,
        kim,
        &MeetingFilter {
            status: None,
            ..MeetingFilter::default()
        },
        ContactOrder::Id,
    );
    let snub = all
        .met
        .iter()
        .find(|c| c.actor == "tsakhiagiin-elbegdorj")
        .expect("listed with --status all");
    assert_eq!(snub.meetings[0].status, Status::Declined);
    assert_eq!(snub.held, 0);
}

/// "How often did Kim Jong Un and Díaz-Canel meet?" Once in October 2015 (as first vice
/// president) and four times during the November 2018 state visit.
#[test]
fn kim_and_diaz_canel_meetings() {
    let g = graph();
    let rows = between(
        &g,
        id(&g, "kim jong un"),
        id(&g, "díaz canel"),
        &MeetingFilter::default(),
    );
    let dates: Vec<&str> = rows.iter().map(|m| m.date.as_str()).collect();
    assert_eq!(
        dates,
        [
            "2015-10",
            "2018-11-04",
            "2018-11-04..2018-11-06",
            "2018-11-05",
            "2018-11-05"
        ]
    );
}

/// "How is Xi Jinping connected to Ri Su-yong?" Through the Cuban envoy Valdes Mesa, who met
/// Xi in Beijing on Monday 27 June 2016 and was given a dinner by Ri Su-yong in Pyongyang.
#[test]
fn xi_jinping_to_ri_su_yong() {
    let g = graph();
    let report = path_query(
        &g,
        id(&g, "Xi Jinping"),
        id(&g, "Ri Su-yong"),
        &PathOptions::default(),
        PathMode::All(10),
    );
    assert!(report.found);
    assert_eq!(report.paths.len(), 1);
    let path = &report.paths[0];
    assert_eq!(
        path.actors,
        ["xi-jinping", "salvador-valdes-mesa", "ri-su-yong"]
    );
    assert_eq!(
        path.hops[0].meeting.as_deref(),
        Some("2016-06-27-valdes-mesa-xi-jinping")
    );
    assert_eq!(path.hops[0].date, "2016-06-27");
    assert_eq!(path.hops[0].place.as_deref(), Some("Beijing"));
    assert!(path.hops[0].source.starts_with("Korea JoongAng Daily"));
    assert_eq!(
        path.hops[1].meeting.as_deref(),
        Some("2016-06-28-ri-su-yong-valdes-mesa-dinner")
    );
}

/// "Could word from Beijing have reached Kim Jong Un in time order by early July 2016?" Yes,
/// and certainly: Xi met Valdes Mesa on 27 June, before Mesa (who arrived on the 28th) met Kim
/// some time up to 1 July. Within June alone it is only possible, since the Kim meeting may
/// have fallen on 1 July. The reverse is not possible in 2016: Kim met Mesa after Mesa saw Xi.
#[test]
fn word_from_beijing_in_time_order() {
    let g = graph();
    let (xi, kim) = (id(&g, "xi jinping"), id(&g, "kim jong un"));
    let june = TemporalOptions {
        from: Some(parse_day("2016-06-01").unwrap()),
        to: Some(parse_day("2016-07-05").unwrap()),
        certainty: Certainty::Certain,
        ..TemporalOptions::default()
    };
    let june_only = TemporalOptions {
        to: Some(parse_day("2016-06-30").unwrap()),
        ..june.clone()
    };
    assert!(
        time_ordered_path(&g, xi, kim, &june_only).is_none(),
        "not certain within June"
    );
    let possible = TemporalOptions {
        certainty: Certainty::Possible,
        ..june_only
    };
    let maybe = time_ordered_path(&g, xi, kim, &possible).expect("possible within June");
    assert!(!maybe.certain);
    assert_eq!(maybe.hops[1].arrival.to_string(), "2016-06-28");
    let journey = time_ordered_path(&g, xi, kim, &june).expect("a certain chain exists");
    assert!(journey.certain);
    let ids: Vec<&str> = journey
        .actors
        .iter()
        .map(|&a| g.actor(a).id.as_str())
        .collect();
    assert_eq!(ids, ["xi-jinping", "salvador-valdes-mesa", "kim-jong-un"]);
    assert_eq!(
        journey.hops[1].arrival.to_string(),
        "2016-07-01",
        "certain only once the meeting's range has passed"
    );

    let year = TemporalOptions {
        from: Some(parse_day("2016-01-01").unwrap()),
        to: Some(parse_day("2016-12-31").unwrap()),
        ..TemporalOptions::default()
    };
    assert!(time_ordered_path(&g, kim, xi, &year).is_none());
    assert!(
        shortest_path(&g, kim, xi, &PathOptions::default()).is_some(),
        "the static path exists"
    );
}

/// "Who could have heard from Xi Jinping after 1 June 2016?" Valdes Mesa first (27 June), then
/// the Pyongyang officials he met on 28 June; Kim Jong Un possibly from 28 June.
#[test]
fn reach_from_xi_in_2016() {
    let g = graph();
    let options = TemporalOptions {
        from: Some(parse_day("2016-06-01").unwrap()),
        ..TemporalOptions::default()
    };
    let (report, _) = reach(&g, id(&g, "xi"), &options);
    let first: Vec<(&str, &str, u32)> = report
        .reached
        .iter()
        .take(7)
        .map(|r| {
            (
                r.actor.as_str(),
                r.earliest.as_deref().unwrap_or(""),
                r.hops,
            )
        })
        .collect();
    assert_eq!(
        first,
        [
            ("salvador-valdes-mesa", "2016-06-27", 1),
            ("choe-ryong-hae", "2016-06-28", 2),
            ("cuban-embassy-pyongyang", "2016-06-28", 2),
            ("kim-jong-un", "2016-06-28", 2),
            ("ri-chang-geun", "2016-06-28", 2),
            ("ri-su-yong", "2016-06-28", 2),
            ("sin-hong-chol", "2016-06-28", 2),
        ]
    );
    // Nobody from the March 2016 solidarity events: they came before the word left Beijing.
    assert!(report.reached.iter().all(|r| r.actor != "kim-sung-du"));
}

/// "Did Mike Pompeo meet Kim Yong-chol?" Only scheduled (for 8 November 2018) in the sources.
#[test]
fn pompeo_meeting_was_only_scheduled() {
    let g = graph();
    let (pompeo, kyc) = (id(&g, "Pompeo"), id(&g, "Kim Yong-chol"));
    assert!(between(&g, pompeo, kyc, &MeetingFilter::default()).is_empty());
    let any = between(
        &g,
        pompeo,
        kyc,
        &MeetingFilter {
            status: None,
            ..MeetingFilter::default()
        },
    );
    assert_eq!(any.len(), 1);
    assert_eq!(any[0].status, Status::Scheduled);
    assert_eq!(any[0].date, "2018-11-08");
    assert!(shortest_path(&g, pompeo, kyc, &PathOptions::default()).is_none());
}

/// "Is Fidel Castro linked to Kim Jong Un?" Not through any reported meeting; only through
/// shared affiliation with the Cuban state.
#[test]
fn fidel_castro_only_through_affiliations() {
    let g = graph();
    let (fidel, kim) = (id(&g, "Fidel Castro"), id(&g, "kim jong un"));
    let report = path_query(&g, fidel, kim, &PathOptions::default(), PathMode::One);
    assert!(!report.found);
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("through shared affiliations")),
        "{:?}",
        report.notes
    );
    let through = PathOptions {
        via_affiliations: true,
        ..PathOptions::default()
    };
    let report = path_query(&g, fidel, kim, &through, PathMode::One);
    assert_eq!(report.paths[0].hops[0].via, "affiliation");
    assert_eq!(report.paths[0].actors[1], "cuba");
}
