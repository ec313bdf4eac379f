//! Errors that are not an HTTP status: the request never got (or the page was never allowed to read)
//! an HTTP answer. CORS console messages, `Failed to fetch`, Chromium's `net::ERR_*`, curl exit codes,
//! Node.js socket errors, TLS and certificate failures.

use super::{Exchange, InputKind, Request, StatusLine};
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
    /// Where this wording prints the status it got beside the failure.
    #[serde(skip)]
    pub status_before: &'static [&'static str],
}

pub(super) fn read(trimmed: &str) -> Option<Exchange> {
    let error = classify(trimmed)?;
    let mut exchange = Exchange::new(InputKind::NetworkError);
    // The status some wordings print beside the failure: the preflight's or the proxy's answer.
    let lower = trimmed.to_lowercase();
    exchange.status = error.status_before.iter().find_map(|before| {
        lower.match_indices(before).find_map(|(at, _)| {
            three_digits(&lower[at + before.len()..]).map(|code| StatusLine { code, reason: None, version: None })
        })
    });
    exchange.network_error = Some(error);
    // Chromium prints the failed request as "GET https://… net::ERR_FAILED 200" or, for an error
    // status, "OPTIONS https://… 404 (Not Found)"; keep method and URL, and a status it names.
    for line in super::lines(trimmed) {
        if let Some((request, status)) = console_request(line) {
            exchange.request = Some(request);
            if exchange.status.is_none() {
                exchange.status = status;
            }
            break;
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

/// A browser console's line for a request: Chromium's `GET https://… 404 (Not Found)` (file and
/// line of the caller may come first) and Firefox's `GET https://… [HTTP/2 404 Not Found 31ms]`.
/// The status is given only when the line names one.
pub(super) fn console_request(line: &str) -> Option<(Request, Option<StatusLine>)> {
    let mut words = line.split_whitespace().peekable();
    // "api.js:14 GET …": skip a leading source location.
    if words.peek().is_some_and(|w| w.contains(':') && !w.starts_with("http")) {
        words.next();
    }
    let method = words.next()?;
    let url = words.next()?;
    if !(method.len() <= 7
        && method.bytes().all(|b| b.is_ascii_uppercase())
        && (url.starts_with("http://") || url.starts_with("https://")))
    {
        return None;
    }
    let request = Request {
        method: Some(method.to_string()),
        target: Some(url.to_string()),
        headers: Vec::new(),
    };
    let rest: Vec<&str> = words.collect();
    let status = match rest.as_slice() {
        // Chromium: 404 (Not Found)
        [code, reason @ ..] if code.len() == 3 && reason.first().is_some_and(|r| r.starts_with('(')) => {
            let reason = reason.join(" ");
            three_digits(code).map(|code| StatusLine {
                code,
                reason: Some(reason.trim_start_matches('(').trim_end_matches(')').to_string()).filter(|r| !r.is_empty()),
                version: None,
            })
        }
        // Firefox: [HTTP/2 404 Not Found 31ms]
        [version, code, ..] if version.starts_with("[HTTP/") => three_digits(code).map(|code| StatusLine {
            code,
            reason: None,
            version: Some(version.trim_start_matches('[').to_string()),
        }),
        _ => None,
    };
    Some((request, status))
}

/// A console line that names a request's status (and no failure): `GET https://… 404 (Not Found)`.
pub(super) fn console_status(trimmed: &str) -> Option<Exchange> {
    let (request, status) = super::lines(trimmed)
        .take(50)
        .find_map(|line| console_request(line).and_then(|(r, s)| Some((r, s?))))?;
    let mut exchange = Exchange::new(InputKind::StatusLine);
    exchange.status = Some(status);
    exchange.request = Some(request);
    Some(exchange)
}

/// A status code at the start of `text` (exactly three digits, 100–999).
fn three_digits(text: &str) -> Option<u16> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let code: u16 = digits.parse().ok()?;
    (digits.len() == 3 && code >= 100).then_some(code)
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
        status_before: failure.status_before,
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
