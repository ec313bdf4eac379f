//! How long a diagnosis takes as the paste grows: prints figures, asserts nothing.
//! Run with `cargo bench` (release build). Inputs: a raw response whose JSON body grows, a HAR file
//! with more and more entries, and plain text.

use std::time::Instant;

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

fn time(label: &str, input: &str) {
    // Warm up once, then take the best of three.
    let _ = http_troubleshooter::diagnose(input);
    let best = (0..3)
        .map(|_| {
            let start = Instant::now();
            let d = http_troubleshooter::diagnose(input);
            std::hint::black_box(d);
            start.elapsed()
        })
        .min()
        .unwrap_or_default();
    let mb = input.len() as f64 / 1_000_000.0;
    println!(
        "{label:<14} {:>8.2} MB  {:>9.2} ms  {:>8.1} MB/s",
        mb,
        best.as_secs_f64() * 1000.0,
        mb / best.as_secs_f64()
    );
}

fn main() {
    println!("diagnose() on the host, release build, best of 3");
    for size in [100_000, 1_000_000, 10_000_000] {
        time("JSON response", &json_response(size));
    }
    for size in [100_000, 1_000_000, 10_000_000] {
        time("HAR file", &har(size));
    }
    for size in [100_000, 1_000_000, 10_000_000] {
        time("plain text", &text(size));
    }
}
