//! # http-troubleshooter
//!
//! Paste what an HTTP API gave you — a status code, a raw response, `curl -v` output, DevTools
//! headers, a HAR file, a client library's error, a JSON error body — and learn what happened, on
//! which side, what to do next, whether and when to retry, and what to send to support.
//!
//! Where things are:
//! - [`catalog`]: every HTTP status code (IANA and the vendor codes people hit), compiled from
//!   `src/catalog/statuses.toml` by `build.rs`.
//! - [`paste`]: reads any pasted text into an [`paste::Exchange`] (status, headers, body, request).
//! - [`diagnosis`]: turns an exchange into a [`diagnosis::Diagnosis`] from the evidence in it.
//! - `ui` (wasm32 only): the Yew widget; it renders diagnoses and catalog entries, it never parses.
//! - `js` (wasm32 only): the JavaScript API — `explainStatus`, `diagnose`, `listStatuses`, `mount`.
//!
//! The first three are plain Rust, tested on the host with `cargo test`.

pub mod catalog;
pub mod diagnosis;
pub mod knowledge;
pub mod paste;

#[cfg(target_arch = "wasm32")]
pub mod js;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod ui;

pub use diagnosis::{diagnose, Diagnosis};
