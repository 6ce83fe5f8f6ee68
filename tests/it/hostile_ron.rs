use whomet::store::{load_files, DataFile};

fn one_line(n: usize, escaped: bool) -> String {
    let mut s = String::from("(actors: [");
    for i in 0..n {
        if escaped {
            s.push_str(&format!("Actor(id: \"a\\u{{{:x}}}{i}\", name: \"A{i}\", kind: person),", 0x62));
        } else {
            s.push_str(&format!("Actor(id: \"a{i}\", name: \"A{i}\", kind: person),"));
        }
    }
    s.push_str("])");
    s
}

#[test]
fn scratch_timing() {
    for n in [20_000, 40_000] {
        for escaped in [false, true] {
            let text = one_line(n, escaped);
            let t = std::time::Instant::now();
            let _ = ron::Options::default().from_str::<whomet::store::raw::RawFile>(&text).unwrap();
            let ron_t = t.elapsed();
            let t = std::time::Instant::now();
            let r = load_files(&[DataFile { name: "a.ron".into(), bytes: text.into_bytes() }]);
            eprintln!("n={n} escaped={escaped} ron={ron_t:?} load={:?} ok={}", t.elapsed(), r.is_ok());
        }
    }
}
