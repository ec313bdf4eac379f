//! Diagnose a file (or standard input) and print the diagnosis as JSON: `cargo run --example diagnose -- FILE`.
use std::io::Read;

fn main() {
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) => text = std::fs::read_to_string(path).expect("readable file"),
        None => {
            std::io::stdin().read_to_string(&mut text).expect("stdin");
        }
    }
    let diagnosis = http_troubleshooter::diagnose(&text);
    println!(
        "{}",
        serde_json::to_string_pretty(&diagnosis).expect("serialisable")
    );
}
