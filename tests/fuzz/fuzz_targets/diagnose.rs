//! Any bytes through the whole engine. Beyond "no panic": the result serialises, and nothing
//! token-shaped (a JWT, a vendor key, an AWS key id) survives into anything it shows or reports.
#![no_main]
use http_troubleshooter::diagnosis::{diagnose_at, redact, Clock};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let d = diagnose_at(&text, Clock { now: Some(1_700_000_000) });
    let shown = serde_json::to_string(&d).expect("a diagnosis always serialises");
    // The paste itself may contain secrets; what we show must not.
    assert!(!redact::looks_secret(&shown), "a secret survived: {shown}");
});
