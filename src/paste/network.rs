//! Errors that are not an HTTP status: the request never got (or the page was never allowed to read)
//! an HTTP answer. CORS console messages, `Failed to fetch`, Chromium's `net::ERR_*`, curl exit codes,
//! Node.js socket errors, TLS and certificate failures.

use super::{Exchange, InputKind};
use serde::Serialize;

pub use crate::knowledge::NetworkErrorKind;
use crate::knowledge::FAILURES;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkError {
    pub kind: NetworkErrorKind,
    /// The line that said so, as pasted.
    pub message: String,
    /// The specific machine-readable name: `net::ERR_NAME_NOT_RESOLVED`, `curl (60)`, `ECONNRESET`.
    pub name: Option<String>,
    /// The knowledge entry that recognised it.
    #[serde(skip)]
    pub entry: &'static str,
    /// Steps for this wording, when it says more than its kind.
    #[serde(skip)]
    pub steps: &'static [&'static str],
    #[serde(skip)]
    pub detail: Option<&'static str>,
    /// The client that prints this wording, when only one does.
    #[serde(skip)]
    pub client: Option<&'static str>,
}

pub(super) fn read(trimmed: &str) -> Option<Exchange> {
    let error = classify(trimmed)?;
    let mut exchange = Exchange::new(InputKind::NetworkError);
    exchange.network_error = Some(error);
    // Chromium prints the failed request as "GET https://… net::ERR_FAILED 200"; keep method and URL.
    for line in super::lines(trimmed) {
        let mut parts = line.split_whitespace();
        if let (Some(method), Some(url)) = (parts.next(), parts.next()) {
            if method.bytes().all(|b| b.is_ascii_uppercase())
                && method.len() <= 7
                && (url.starts_with("http://") || url.starts_with("https://"))
            {
                exchange.request = Some(super::Request {
                    method: Some(method.to_string()),
                    target: Some(url.to_string()),
                    headers: Vec::new(),
                });
                break;
            }
        }
    }
    if exchange.request.is_none() {
        if let Some(url) = quoted_url(trimmed) {
            exchange.request = Some(super::Request {
                method: None,
                target: Some(url),
                headers: Vec::new(),
            });
        }
    }
    Some(exchange)
}

/// CORS messages name the URL in quotes: "Access to fetch at 'https://…' from origin …".
fn quoted_url(text: &str) -> Option<String> {
    let at = text.find("'http")?;
    let rest = &text[at + 1..];
    Some(rest[..rest.find('\'')?].to_string())
}

/// Recognise a failure without an HTTP status anywhere in `text` (`src/knowledge/network.toml` and
/// the other files' `[[failure]]`s). The most specific kind wins: a CORS message explains the
/// "Failed to fetch" printed after it.
pub(crate) fn classify(text: &str) -> Option<NetworkError> {
    let lower = text.to_ascii_lowercase();
    let (failure, at) = FAILURES
        .iter()
        .filter_map(|f| {
            f.needles
                .iter()
                .filter_map(|n| lower.find(n))
                .min()
                .map(|at| (f, at))
        })
        .min_by_key(|(f, at)| (f.kind, *at))?;
    // The machine-readable name: the matched entry's own names first, then any other entry's name
    // the text carries (`net::ERR_…`, `ECONNRESET`).
    let name = failure
        .names
        .iter()
        .find(|n| text.contains(*n))
        .or_else(|| {
            FAILURES
                .iter()
                .flat_map(|f| f.names.iter())
                .find(|n| text.contains(*n))
        })
        .map(|n| n.to_string());
    Some(NetworkError {
        kind: failure.kind,
        message: line_around(text, at),
        name,
        entry: failure.id,
        steps: failure.steps,
        detail: failure.detail,
        client: failure.client,
    })
}

/// The line of `text` containing byte offset `at`, trimmed (long lines shortened).
fn line_around(text: &str, at: usize) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = text[start..end].trim();
    if line.chars().count() > 400 {
        let cut: String = line.chars().take(400).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}
