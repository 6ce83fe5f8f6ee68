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
