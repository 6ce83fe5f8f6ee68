//! The temporal queries through the CLI on the bundled data, and brokerage on hand-made
//! three-actor chains.

use super::*;

/// a–b in 2001, then b–c in 2002 (or the reverse order): three persons, one meeting a pair.
fn three(first: (usize, usize), second: (usize, usize)) -> MeetingGraph {
    let raw: Vec<RawMeeting> = vec![
        (vec![(first.0, 0), (first.1, 1)], "2001-05-01".into(), true),
        (
            vec![(second.0, 0), (second.1, 1)],
            "2002-05-01".into(),
            true,
        ),
    ];
    build(3, &raw)
}

#[test]
fn the_middle_actor_brokers_only_word_that_flows_forward_in_time() {
    let options = TemporalOptions::default();
    let (a, b) = (0u32, 1u32);
    // a met b in 2001, b met c in 2002: word from a reaches c through b.
    let forward = three((0, 1), (1, 2));
    let from_a = temporal_betweenness_from_sources(&forward, &[a], &options);
    assert!(from_a[b as usize] > 0.0, "{from_a:?}");
    // b met c in 2001, a met b in 2002: b cannot pass a's word on to c.
    let reversed = three((1, 2), (0, 1));
    let from_a = temporal_betweenness_from_sources(&reversed, &[a], &options);
    assert_eq!(from_a, vec![0.0; 3]);
    // Meetings have no direction: in the reversed order word from c reaches a through b, so
    // over all sources b brokers one ordered pair of the two in either order.
    assert_eq!(
        temporal_betweenness(&forward, &options),
        vec![0.0, 0.5, 0.0]
    );
    assert_eq!(
        temporal_betweenness(&reversed, &options),
        vec![0.0, 0.5, 0.0]
    );
    let only_c = temporal_betweenness_from_sources(&reversed, &[2], &options);
    assert!(only_c[b as usize] > 0.0);
}

fn day(value: &serde_json::Value) -> jiff::civil::Date {
    value.as_str().expect("a date").parse().expect("YYYY-MM-DD")
}

fn days(from: jiff::civil::Date, to: jiff::civil::Date) -> i64 {
    i64::from(from.until(to).expect("in range").get_days())
}

#[test]
fn each_criterion_on_the_bundled_data_is_cited_and_no_worse_than_the_earliest_arrival() {
    for certain in [false, true] {
        let mut args = vec!["path", "xi-jinping", "kim-jong-un", "--in-time-order"];
        if certain {
            args.push("--certain");
        }
        let earliest = json(&args);
        assert_eq!(earliest["criterion"], "earliest-arrival");
        let first = &earliest["paths"][0];
        assert!(first.get("span_days").is_none() && first.get("departure").is_none());
        let hops = first["hops"].as_array().unwrap();
        let (start, end) = (day(&hops[0]["arrival"]), day(&first["arrival"]));
        for (flag, criterion) in [
            ("--fastest", "fastest"),
            ("--latest-departure", "latest-departure"),
            ("--fewest-hops", "fewest-hops"),
        ] {
            let report = json(&[args.as_slice(), &[flag]].concat());
            assert_eq!(report["criterion"], criterion);
            assert_eq!(report["found"], true);
            let path = &report["paths"][0];
            for hop in path["hops"].as_array().unwrap() {
                for key in ["meeting", "date", "source", "earliest", "latest", "arrival"] {
                    assert!(
                        hop[key].as_str().is_some_and(|s| !s.is_empty()),
                        "{key} in {hop}"
                    );
                }
            }
            let n = path["hops"].as_array().unwrap().len();
            match criterion {
                "fastest" => {
                    let span = path["span_days"].as_i64().unwrap();
                    let (from, to) = (day(&path["departure"]), day(&path["arrival"]));
                    assert_eq!(span, days(from, to));
                    assert!(span <= days(start, end));
                }
                "latest-departure" => assert!(day(&path["departure"]) >= start),
                _ => assert!(n <= hops.len()),
            }
        }
    }
}

#[test]
fn unsupported_combinations_are_usage_errors() {
    for args in [
        &[
            "path",
            "xi-jinping",
            "kim-jong-un",
            "--in-time-order",
            "--fastest",
            "--max-gap",
            "30d",
        ][..],
        &["path", "xi-jinping", "kim-jong-un", "--fastest"],
        &[
            "path",
            "xi-jinping",
            "kim-jong-un",
            "--in-time-order",
            "--fastest",
            "--latest-departure",
        ],
        &[
            "centrality",
            "--measure",
            "temporal-betweenness",
            "--within",
            "certain",
        ],
        &[
            "centrality",
            "--measure",
            "temporal-closeness",
            "--weighted",
        ],
        &[
            "centrality",
            "--measure",
            "temporal-closeness",
            "--subgraph-kind",
            "person",
        ],
        &["centrality", "--measure", "degree", "--certain"],
    ] {
        whomet().args(args).assert().code(2);
    }
}

#[test]
fn temporal_centrality_through_the_cli_matches_the_library() {
    let graph = whomet::store::load(&whomet::store::DataLocation::Dir(
        crate::support::root().join("graph"),
    ))
    .expect("bundled data loads");
    for certain in [false, true] {
        let options = options(certain, (None, None));
        let mut args = vec!["centrality", "--top", "0"];
        if certain {
            args.push("--certain");
        }
        for (measure, scores) in [
            ("temporal-closeness", temporal_closeness(&graph, &options)),
            (
                "temporal-betweenness",
                temporal_betweenness(&graph, &options),
            ),
        ] {
            let report = json(&[args.as_slice(), &["--measure", measure]].concat());
            assert_eq!(report["measure"], measure);
            let rows = report["scores"].as_array().unwrap();
            assert_eq!(rows.len(), graph.actor_count());
            for row in rows {
                let actor = graph.actor_by_id(row["actor"].as_str().unwrap()).unwrap();
                // serde_json reads floats back to within an ulp or so.
                let (got, want) = (row["score"].as_f64().unwrap(), scores[actor.index()]);
                assert!(
                    (got - want).abs() <= 1e-12 * want.abs().max(1.0),
                    "{got} vs {want}"
                );
            }
        }
    }
    // A certain chain is also possible, so no actor is closer over certain chains.
    let possible = temporal_closeness(&graph, &options(false, (None, None)));
    let certain = temporal_closeness(&graph, &options(true, (None, None)));
    assert!(possible.iter().zip(&certain).all(|(p, c)| c <= p));
    assert!(possible.iter().any(|&p| p > 0.0));
    // Sampling every actor is the exact measure, and a sample says so.
    let n = graph.actor_count().to_string();
    let all = json(&[
        "centrality",
        "--measure",
        "temporal-betweenness",
        "--samples",
        &n,
    ]);
    let exact = json(&["centrality", "--measure", "temporal-betweenness"]);
    assert_eq!(all["scores"], exact["scores"]);
    let sampled = json(&[
        "centrality",
        "--measure",
        "temporal-betweenness",
        "--samples",
        "10",
        "--seed",
        "3",
    ]);
    assert_eq!(sampled["sampled"]["sources"], 10);
}

#[test]
fn a_bounded_wait_places_a_month_dated_meeting_late_enough_for_the_next_hop() {
    // ann met bo some day in June 2016, bo met cy on 2016-07-05: within a wait of five days
    // or more the chain holds only if the June meeting was late in the month.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("actors.csv"),
        "id,name,kind,aliases\nann,Ann Lee,person,\nbo,Bo Park,person,\ncy,Cy Diaz,person,\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("meetings.csv"),
        "id,date,participants,place,source\n\
         m1,2016-06,ann|bo,Havana,https://news.example.com/m1\n\
         m2,2016-07-05,bo|cy,Pyongyang,https://news.example.com/m2\n",
    )
    .unwrap();
    let data = dir.path().to_str().unwrap();
    let chain = |gap: &str| {
        json(&[
            "--data",
            data,
            "path",
            "ann",
            "cy",
            "--in-time-order",
            "--max-gap",
            gap,
        ])
    };
    for (gap, first_day) in [
        ("5d", "2016-06-30"),
        ("10d", "2016-06-25"),
        ("1y", "2016-06-01"),
    ] {
        let report = chain(gap);
        assert_eq!(report["found"], true, "{gap}: {report}");
        let hops = report["paths"][0]["hops"].as_array().unwrap();
        assert_eq!(hops.len(), 2);
        assert_eq!(hops[0]["arrival"], first_day, "{gap}");
        assert_eq!(hops[1]["arrival"], "2016-07-05", "{gap}");
        assert_eq!(report["paths"][0]["arrival"], "2016-07-05");
    }
    let report = chain("4d");
    assert_eq!(report["found"], false);
    let notes: Vec<&str> = report["notes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert_eq!(
        notes[1],
        "with no bound on the waits, a time-ordered chain of 2 hop(s) arrives on 2016-07-05"
    );
}
