//! Shared helpers for the host tests.
#![allow(dead_code)]

use http_troubleshooter::diagnosis::{self, Clock, Diagnosis};

/// The text of `tests/fixtures/NAME`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// The fixtures' responses carry `Date: Tue, 14 May 2024 09:21:07 GMT` (1715678467); diagnose "now".
pub const FIXTURE_NOW: i64 = 1_715_678_467;

pub fn diagnose_fixture(name: &str) -> Diagnosis {
    diagnosis::diagnose_at(
        &fixture(name),
        Clock {
            now: Some(FIXTURE_NOW),
        },
    )
}

/// Everything a diagnosis shows or copies, as one string: the JSON the JS API returns.
pub fn everything(d: &Diagnosis) -> String {
    serde_json::to_string(d).expect("a diagnosis serialises")
}

/// Titles and details of all findings, lower-cased, for "did it notice X" checks.
pub fn findings_text(d: &Diagnosis) -> String {
    d.findings
        .iter()
        .map(|f| {
            format!(
                "{} :: {} :: {}",
                f.title,
                f.detail,
                f.evidence
                    .iter()
                    .map(|e| format!("{}={}", e.name, e.value))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase()
}

pub fn request_ids(d: &Diagnosis) -> Vec<String> {
    d.request_ids.iter().map(|r| r.value.to_string()).collect()
}
