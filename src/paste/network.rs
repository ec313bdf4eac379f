//! Errors that are not an HTTP status: the request never got (or the page was never allowed to read)
//! an HTTP answer. CORS console messages, `Failed to fetch`, Chromium's `net::ERR_*`, curl exit codes,
//! Node.js socket errors, TLS and certificate failures.

use super::shared::{classify, lines, named_status, prefix, WORDING_SCAN};
use super::NetworkErrorKind;
use super::{Exchange, InputKind, Request, StatusLine};

pub(super) fn read(trimmed: &str) -> Option<Exchange> {
    let trimmed = prefix(trimmed, WORDING_SCAN);
    let error = classify(trimmed)?;
    let mut exchange = Exchange::new(InputKind::NetworkError);
    // The status some wordings print beside the failure: the preflight's or the proxy's answer. An
    // editor or a commit message may have wrapped the line inside those words ("Status\ncode: 200"):
    // a line break counts as the space it replaced (one byte for one, so positions still agree).
    let lower = trimmed.to_lowercase().replace('\n', " ");
    exchange.status = error.status_before.iter().find_map(|before| {
        lower.match_indices(before).find_map(|(at, _)| {
            three_digits(&lower[at + before.len()..]).map(|code| StatusLine {
                code,
                reason: None,
                version: None,
            })
        })
    });
    // "Failed to fetch" is also what apt, docker and others print before a status they got: a
    // generic failure wording gives way to a status named in the same text. A specific failure
    // keeps it as the status beside it (Safari's "responded with a status of 403 (Forbidden)"
    // after a failed preflight). A failure that got no answer keeps no success status (the "HTTP 200
    // OK" lines of a verbose log before it were other requests), and one where nothing answered at
    // all (Go's "proxyconnect tcp: … refused") keeps no status: Docker's "(HTTP code 500)" around it
    // is the daemon's wrapper.
    if exchange.status.is_none() && !error.nothing_answered {
        if let Some((status, wording)) =
            named_status(trimmed).filter(|(status, _)| !(error.no_answer && status.code < 400))
        {
            if matches!(
                error.kind,
                NetworkErrorKind::FetchFailed | NetworkErrorKind::Other
            ) {
                return None;
            }
            exchange.status = Some(status);
            exchange.entries.extend(wording);
        }
    }
    // An edge's error page that describes the failure behind it comes with its own status.
    if exchange.status.is_none() {
        exchange.status = error.served_as.map(|code| StatusLine {
            code,
            reason: None,
            version: None,
        });
    }
    exchange.network_error = Some(error);
    // Chromium prints the failed request as "GET https://… net::ERR_FAILED 200" or, for an error
    // status, "OPTIONS https://… 404 (Not Found)"; keep method and URL, and a status it names.
    for line in lines(trimmed) {
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
    if source_location(line).is_some() {
        words.next();
    }
    let is_url = |w: &str| w.starts_with("http://") || w.starts_with("https://");
    // Chromium leaves the method out of a failed load's line: `https://… net::ERR_ABORTED 504 (…)`.
    // Only then: a URL alone at the start of a line is not a request.
    let first = words.next()?;
    let (method, url) = if is_url(first) {
        if !words.peek().is_some_and(|w| w.starts_with("net::ERR_")) {
            return None;
        }
        (None, first)
    } else {
        (Some(first), words.next()?)
    };
    if !(method.is_none_or(|m| m.len() <= 7 && m.bytes().all(|b| b.is_ascii_uppercase()))
        && is_url(url))
    {
        return None;
    }
    let request = Request {
        method: method.map(str::to_string),
        // Go's clients end the URL with a colon before the status ("POST https://…/clusters: 422").
        target: Some(url.trim_end_matches(':').to_string()),
        headers: Vec::new(),
    };
    let rest: Vec<&str> = words.collect();
    let status = match rest.as_slice() {
        // Chromium: 404 (Not Found)
        [code, reason @ ..]
            if code.len() == 3 && reason.first().is_some_and(|r| r.starts_with('(')) =>
        {
            three_digits(code).map(|code| StatusLine {
                code,
                reason: parenthesised(reason),
                version: None,
            })
        }
        // Chromium, for a request that failed after its answer came (CORS): net::ERR_FAILED 503.
        // A 200 there is the answer the page was not allowed to read: no status of its own.
        [error, code, reason @ ..] if error.starts_with("net::ERR_") => three_digits(code)
            .filter(|c| *c >= 300)
            .map(|code| StatusLine {
                code,
                // Vite's dev server: `net::ERR_ABORTED 504 (Outdated Optimize Dep)`.
                reason: parenthesised(reason),
                version: None,
            }),
        // Firefox: [HTTP/2 404 Not Found 31ms]
        [version, code, ..] if version.starts_with("[HTTP/") => {
            three_digits(code).map(|code| StatusLine {
                code,
                reason: None,
                version: Some(version.trim_start_matches('[').to_string()),
            })
        }
        _ => None,
    };
    Some((request, status))
}

/// The caller's file and line a console prints before a request (`api.js:14 GET …`).
fn source_location(line: &str) -> Option<&str> {
    line.split_whitespace()
        .next()
        .filter(|w| w.contains(':') && !w.starts_with("http"))
}

/// A console line that names a request's status (and no failure): `GET https://… 404 (Not Found)`.
pub(super) fn console_status(trimmed: &str) -> Option<Exchange> {
    let (line, request, status) = lines(trimmed)
        .take(50)
        .filter(|line| !line.contains("net::ERR_"))
        .find_map(|line| console_request(line).and_then(|(r, s)| Some((line, r, s?))))?;
    // Words after the status that are not a bracketed phrase: a client's own message on the same
    // line (godo's `POST https://…: 422 (request "<id>") validation error: …`).
    let message_after = status.reason.is_none()
        && line
            .split_whitespace()
            .skip_while(|w| *w != status.code.to_string())
            .nth(2)
            .is_some();
    let mut exchange = Exchange::new(InputKind::StatusLine);
    exchange.status = Some(status);
    exchange.request = Some(request);
    exchange.source_location = source_location(line).map(str::to_string);
    // The console's other lines are the page's own words about the failure ("Error: CSRF token
    // missing at checkCsrf" above the request line): pages and wordings are looked for there too.
    if message_after {
        exchange.message_text = Some(super::shared::head(trimmed));
    }
    if trimmed.lines().nth(1).is_some() {
        exchange.message_text = Some(super::shared::head(trimmed));
        // The response's error body, copied from the Network panel's Response tab under the line
        // ("POST https://… 403 (Forbidden)", then `{"error":{"code":"insufficient_scope",…}}`).
        exchange.body = super::embedded::embedded_body(trimmed);
    }
    Some(exchange)
}

/// The reason phrase Chromium prints in brackets after a status ("(Not Found)"), without them.
fn parenthesised(words: &[&str]) -> Option<String> {
    let joined = words.join(" ");
    let inner = joined.strip_prefix('(')?;
    let inner = inner.strip_suffix(')').unwrap_or(inner);
    // Only a phrase in brackets: godo's `422 (request "<id>") validation error: …` brackets a
    // request id, and the client's message follows.
    (!inner.is_empty() && !inner.contains([')', '"'])).then(|| inner.to_string())
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
