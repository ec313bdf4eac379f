//! Any input returns a diagnosis, never a panic: empty, binary garbage, huge, deeply nested, cut off,
//! and every fixture truncated and mangled at many points.

mod common;
use http_troubleshooter::diagnose;
use http_troubleshooter::paste::InputKind;

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

#[test]
fn empty_and_blank_input() {
    for text in ["", " ", "\n\n\t", "\u{feff}"] {
        let d = diagnose(text);
        assert_eq!(d.input_kind, InputKind::Empty);
        assert_eq!(d.code, None);
        assert!(!d.verdict.is_empty());
    }
}

#[test]
fn binary_garbage_gets_a_clear_message() {
    let mut rng = Lcg(7);
    for _ in 0..200 {
        let len = (rng.next() % 4000) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        let text = String::from_utf8_lossy(&bytes);
        let d = diagnose(&text);
        assert!(!d.verdict.is_empty());
    }
    let d = diagnose("\u{0}\u{1}\u{2}\u{fffd}\u{fffd}garbage\u{7f}");
    assert_eq!(d.code, None);
    assert!(
        d.verdict.contains("Could not find an HTTP status"),
        "{}",
        d.verdict
    );
}

#[test]
fn huge_inputs() {
    // 10 MB of JSON body behind a status line, and 10 MB of text.
    let body = format!("{{\"items\":[{}0]}}", "1,".repeat(5_000_000));
    let d = diagnose(&format!(
        "HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\n{body}"
    ));
    assert_eq!(d.code, Some(500));
    let d = diagnose(&"x".repeat(10_000_000));
    assert_eq!(d.code, None);
    // One 1 MB header line.
    let d = diagnose(&format!(
        "HTTP/1.1 431 Request Header Fields Too Large\nX-Big: {}\n",
        "a".repeat(1_000_000)
    ));
    assert_eq!(d.code, Some(431));
    assert!(d.report.len() < 20_000, "quotes are shortened");
}

#[test]
fn deeply_nested_json() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let d = diagnose(&deep);
    assert_eq!(d.code, None);
    let deep_object = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let d = diagnose(&format!(
        "HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{deep_object}"
    ));
    assert_eq!(d.code, Some(400));
    assert!(
        d.findings
            .iter()
            .any(|f| f.detail.contains("could not be read")),
        "the body is reported unreadable"
    );
}

#[test]
fn half_pasted_har_and_odd_har_shapes() {
    let har = common::fixture("har-mixed.har");
    for cut in [10, 100, har.len() / 3, har.len() / 2, har.len() - 5] {
        let d = diagnose(
            &har[..har
                .char_indices()
                .map(|(i, _)| i)
                .take_while(|i| *i <= cut)
                .last()
                .unwrap()],
        );
        assert!(!d.verdict.is_empty());
    }
    for odd in [
        r#"{"log":{"entries":"nope"}}"#,
        r#"{"log":{"entries":[1,2,"x",null,{"response":{"status":"500"}}]}}"#,
        r#"{"log":{"entries":[{"response":{"status":99999999999}}]}}"#,
        r#"{"log":{"entries":[]}}"#,
        r#"{"log":{"entries":[{"request":{"url":"https://a.example/?token=s3cr3t"},"response":{"status":0}}]}}"#,
    ] {
        let d = diagnose(odd);
        assert!(!d.verdict.is_empty(), "{odd}");
        assert!(!http_troubleshooter::diagnosis::redact::looks_secret(
            &d.report
        ));
        assert!(!d.report.contains("s3cr3t"), "{odd}");
    }
}

#[test]
fn every_fixture_truncated_and_mangled() {
    fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect(&path, out);
            } else if path.extension().is_none_or(|e| e != "toml" && e != "md") {
                out.push(path);
            }
        }
    }
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    collect(std::path::Path::new(&dir), &mut paths);
    paths.sort();
    // Thousands of fixtures, each cut and mangled dozens of times in a debug build: the work is
    // shared among the machine's cores (each worker with its own seeded generator, so a failure
    // names its fixture and replays the same way).
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(8);
    std::thread::scope(|scope| {
        for worker in 0..workers {
            let paths = &paths;
            let dir = &dir;
            scope.spawn(move || {
                let mut rng = Lcg(42 + worker as u64);
                for path in paths.iter().skip(worker).step_by(workers) {
                    mangle_fixture(path, std::path::Path::new(dir), &mut rng);
                }
            });
        }
    });
}

fn mangle_fixture(path: &std::path::Path, dir: &std::path::Path, rng: &mut Lcg) {
    // A panic below says which fixture it came from.
    struct Naming<'a>(&'a std::path::Path);
    impl Drop for Naming<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                eprintln!("while cutting and mangling {}", self.0.display());
            }
        }
    }
    let _naming = Naming(path);
    let text = std::fs::read_to_string(path).unwrap();
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    // The first fixtures are cut at ~60 points and mangled 20 times; the area folders' thousands
    // at ~12 points and 12 times each (every fixture is still cut through its start, middle and
    // end, and the shapes repeat across fixtures).
    let top = path.parent() == Some(dir);
    let (points, mangles) = if top { (60, 20) } else { (12, 12) };
    let step = (boundaries.len() / points).max(1);
    for at in boundaries.iter().step_by(step) {
        let _ = diagnose(&text[..*at]);
        let _ = diagnose(&text[*at..]);
    }
    for _ in 0..mangles {
        let mut chars: Vec<char> = text.chars().collect();
        for _ in 0..5 {
            if chars.is_empty() {
                break;
            }
            let i = (rng.next() as usize) % chars.len();
            chars[i] = ['\n', '"', '{', '}', ':', '<', '>', ' ', '\u{0}', 'é', '9']
                [(rng.next() % 11) as usize];
        }
        let mangled: String = chars.into_iter().collect();
        let _ = diagnose(&mangled);
    }
}

/// A paste longer than the limit is cut at a character boundary, still diagnosed from what was read,
/// and the diagnosis says how much was read.
#[test]
fn huge_pastes_are_read_up_to_the_limit_and_say_so() {
    use http_troubleshooter::diagnosis::{diagnose_limited, Clock};
    // A HAR file whose first entries fit under the limit and include a 503; then megabytes more.
    let entry = r#"{"request":{"method":"GET","url":"https://api.example.com/v1/items","headers":[]},"response":{"status":200,"statusText":"OK","headers":[],"content":{"mimeType":"application/json","text":"{\"ok\":true}"}}}"#;
    let failing = r#"{"request":{"method":"POST","url":"https://api.example.com/v1/orders","headers":[]},"response":{"status":503,"statusText":"Service Unavailable","headers":[{"name":"Retry-After","value":"30"}],"content":{"mimeType":"application/json","text":"{\"message\":\"busy\"}"}}}"#;
    let mut entries = vec![entry; 10];
    entries.push(failing);
    entries.extend(std::iter::repeat_n(entry, 30_000));
    let har = format!(
        "{{\"log\":{{\"version\":\"1.2\",\"entries\":[{}]}}}}",
        entries.join(",")
    );
    assert!(har.len() > 5_000_000);
    let d = diagnose_limited(&har, Clock::default(), 1_000_000);
    assert_eq!(d.code, Some(503));
    // The entries before the cut are read whole: the failing one keeps its headers.
    assert_eq!(d.retry.after_seconds, Some(30));
    assert!(serde_json::to_string(&d)
        .unwrap()
        .contains("complete requests in it were read"));
    let all = serde_json::to_string(&d).unwrap();
    assert!(all.contains("only its first 1.0 MB were read"), "{all}");

    // A JSON body cut by the limit is not reported as a cut-off paste on top of the limit's note.
    let raw = format!(
        "HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\n\r\n{{\"items\":[{}{{}}]}}",
        "{\"id\":1},".repeat(200_000)
    );
    let d = diagnose_limited(&raw, Clock::default(), 1_000_000);
    let all = serde_json::to_string(&d).unwrap();
    assert!(all.contains("only its first 1.0 MB were read"), "{all}");
    assert!(!all.contains("as if the paste was cut off"), "{all}");

    // A cut inside a multi-byte character does not panic: "é" is two bytes.
    let text = "HTTP/1.1 404 Not Found\r\n\r\n".to_string() + &"é".repeat(1_000);
    for limit in [27, 28, 29, 30] {
        let d = diagnose_limited(&text, Clock::default(), limit);
        assert_eq!(d.code, Some(404));
    }
    // Under the limit nothing is said about it.
    let d = diagnose_limited("HTTP/1.1 404 Not Found", Clock::default(), 1_000_000);
    assert!(!serde_json::to_string(&d).unwrap().contains("were read"));
}
