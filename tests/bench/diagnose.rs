//! Host benchmarks of the engine (criterion), for catching regressions: `cargo bench`.
//!
//! - `paste/fixtures` and `diagnose/<fixture>`: every real-world paste in `tests/fixtures/`.
//! - `growing/…`: a raw response whose JSON body grows, a HAR file with more and more entries, and
//!   plain text, at 100 kB, 1 MB and 10 MB — time per byte must stay flat (linear).
//!
//! It measures; it asserts nothing. The browser figures (size, start-up, JS calls) are in
//! `benches/browser.mjs`; both run from `.ci/bench`.

#[cfg(not(target_arch = "wasm32"))]
mod host {
    use criterion::{BenchmarkId, Criterion, Throughput};
    use std::hint::black_box;
    use std::time::Duration;

    fn json_response(bytes: usize) -> String {
        let mut body = String::from("{\"items\":[");
        let mut i = 0;
        while body.len() < bytes {
            body.push_str(&format!(
                "{{\"id\":{i},\"name\":\"item {i}\",\"tags\":[\"a\",\"b\"]}},"
            ));
            i += 1;
        }
        body.push_str("{}],\"error\":{\"message\":\"partial failure\"}}");
        format!("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nX-Request-Id: abc\r\n\r\n{body}")
    }

    fn har(bytes: usize) -> String {
        let entry = r#"{"request":{"method":"GET","url":"https://api.example.com/v1/items?page=1","headers":[{"name":"Cookie","value":"session=abc"}]},"response":{"status":200,"statusText":"OK","headers":[{"name":"content-type","value":"application/json"}],"content":{"mimeType":"application/json","text":"{\"ok\":true}"}}}"#;
        let failing = r#"{"request":{"method":"POST","url":"https://api.example.com/v1/orders","headers":[]},"response":{"status":503,"statusText":"Service Unavailable","headers":[{"name":"Retry-After","value":"30"}],"content":{"mimeType":"application/json","text":"{\"message\":\"busy\"}"}}}"#;
        let mut entries = Vec::new();
        let mut size = 0;
        while size < bytes {
            entries.push(entry);
            size += entry.len();
        }
        entries.push(failing);
        format!(
            "{{\"log\":{{\"version\":\"1.2\",\"creator\":{{\"name\":\"bench\"}},\"entries\":[{}]}}}}",
            entries.join(",")
        )
    }

    fn text(bytes: usize) -> String {
        "upstream request timeout while reading the response; ".repeat(bytes / 54 + 1)
    }

    fn fixtures() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut all: Vec<(String, String)> = std::fs::read_dir(dir)
            .expect("tests/fixtures")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
            .filter_map(|p| {
                let name = p.file_name()?.to_string_lossy().into_owned();
                Some((name, std::fs::read_to_string(&p).ok()?))
            })
            .collect();
        all.sort();
        all
    }

    pub fn run() {
        let mut c = Criterion::default()
            .warm_up_time(Duration::from_millis(300))
            .measurement_time(Duration::from_millis(800))
            .configure_from_args();
        let fixtures = fixtures();

        let mut group = c.benchmark_group("paste");
        group.throughput(Throughput::Bytes(
            fixtures.iter().map(|(_, t)| t.len() as u64).sum(),
        ));
        group.bench_function("fixtures", |b| {
            b.iter(|| {
                for (_, text) in &fixtures {
                    black_box(http_troubleshooter::paste::read(black_box(text)));
                }
            })
        });
        group.finish();

        let mut group = c.benchmark_group("diagnose");
        for (name, text) in &fixtures {
            group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| {
                b.iter(|| black_box(http_troubleshooter::diagnose(black_box(text))))
            });
        }
        group.finish();

        let mut group = c.benchmark_group("growing");
        group.sample_size(10);
        for (kind, make) in [
            ("json-response", json_response as fn(usize) -> String),
            ("har", har),
            ("plain-text", text),
        ] {
            for size in [100_000, 1_000_000, 10_000_000] {
                let input = make(size);
                group.throughput(Throughput::Bytes(input.len() as u64));
                group.bench_with_input(BenchmarkId::new(kind, size), &input, |b, input| {
                    b.iter(|| black_box(http_troubleshooter::diagnose(black_box(input))))
                });
            }
        }
        group.finish();
        c.final_summary();
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    host::run();
}
