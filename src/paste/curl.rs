//! `curl -v` output: `*` info lines, `>` request lines, `<` response lines, then the body.
//! With `-L` or `Expect: 100-continue` there can be several responses; the last final one counts.

use super::shared::{
    attach_body, classify, header_line, lines, read_header_block, request_line, status_line,
};
use super::{Exchange, InputKind, Request, Row, StatusLine};

pub(super) fn read(text: &str) -> Option<Exchange> {
    read_at(text, None)
}

/// [`read`]; with `-L` (several requests in one trace) every request is listed as a row, and
/// `choose` picks the one diagnosed (by default the last, or a redirect that changed the method).
pub(super) fn read_at(text: &str, choose: Option<usize>) -> Option<Exchange> {
    let mut exchange = read_one(text)?;
    let hops = hops(text);
    if hops.len() < 2 {
        return Some(exchange);
    }
    let read_hops: Vec<Option<Exchange>> = hops.iter().map(|h| read_one(h)).collect();
    let last = hops.len() - 1;
    // By default the last request; but when it succeeded after a 301–303 that turned a POST (or
    // PUT, PATCH, DELETE) into a GET, that redirect is what went wrong (curl's "Switch from POST
    // to GET"): the body was dropped and the final 200 answers another request.
    let changed_method = read_hops
        .iter()
        .position(|hop| hop.as_ref().is_some_and(Exchange::redirect_changes_method));
    let last_failed = read_hops[last]
        .as_ref()
        .and_then(Exchange::code)
        .is_none_or(|c| c >= 400);
    let default = changed_method.filter(|_| !last_failed).unwrap_or(last);
    let chosen = choose.filter(|i| *i < hops.len()).unwrap_or(default);
    if chosen != last {
        if let Some(Some(one)) = read_hops.get(chosen) {
            exchange = one.clone();
        }
    }
    exchange.chosen = Some(chosen);
    exchange.rows = read_hops
        .into_iter()
        .enumerate()
        .filter_map(|(index, one)| {
            let one = one?;
            let request = one.request.as_ref()?;
            let target = request.target.clone().unwrap_or_default();
            let host = request
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("host"))
                .map(|h| h.value.clone());
            let url = match host {
                Some(host) if target.starts_with('/') => {
                    let scheme = if hops[index].contains(" port 80") {
                        "http"
                    } else {
                        "https"
                    };
                    format!("{scheme}://{host}{target}")
                }
                _ => target,
            };
            let status = one.status.as_ref().map_or(0, |s| s.code);
            let failed = status == 0 || status >= 400;
            Some(Row {
                index,
                method: request.method.clone().unwrap_or_default(),
                url,
                status,
                time_ms: None,
                exchange: (failed && index != chosen).then(|| Box::new(one)),
            })
        })
        .collect();
    Some(exchange)
}

/// A trace cut before each request line (`> GET /path HTTP/1.1`); the first part keeps what
/// came before the first request.
fn hops(text: &str) -> Vec<&str> {
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let rest = line.trim_start();
        if rest
            .strip_prefix("> ")
            .is_some_and(|r| request_line(r.trim()).is_some())
        {
            starts.push(at);
        }
        at += line.len();
    }
    if starts.len() < 2 {
        return Vec::new();
    }
    starts[0] = 0;
    starts
        .iter()
        .enumerate()
        .map(|(i, start)| &text[*start..starts.get(i + 1).copied().unwrap_or(text.len())])
        .collect()
}

fn read_one(text: &str) -> Option<Exchange> {
    let all: Vec<&str> = lines(text).map(|l| l.trim_start()).collect();
    let marked = |l: &&&str| l.starts_with("< ") || l.starts_with("> ") || **l == "<" || **l == ">";
    // With -i as well as -v, curl writes the response head to standard output without "< ": a
    // status line after the request stands for a marked one.
    let has_response = all.iter().any(|l| {
        l.strip_prefix("< ")
            .or(l.starts_with("HTTP/").then_some(*l))
            .and_then(status_line)
            .is_some()
    });
    let has_request = all.iter().any(|l| {
        l.strip_prefix("> ").is_some_and(|r| {
            r.split_whitespace()
                .nth(2)
                .is_some_and(|v| v.starts_with("HTTP/"))
        })
    });
    if !(has_response || has_request) || all.iter().filter(marked).count() < 2 {
        return None;
    }

    let mut exchange = Exchange::new(InputKind::CurlVerbose);
    let mut request = Request::default();
    let mut response_lines: Vec<&str> = Vec::new();
    let mut body_lines: Vec<&str> = Vec::new();
    let mut in_response = false;
    // Inside an unmarked response head (curl -v -i): its lines are headers until the blank line.
    let mut unmarked_head = false;
    // Inside a body whose lines are marked with "< " like the head's.
    let mut marked_body = false;
    // A failure curl described on a "* " line; its "curl: (N)" line, when pasted, says it better.
    let mut info_error = None;
    for line in &all {
        // curl marks its lines with "> " and "< "; a body line may start with "<" too (`<?xml`,
        // `<Error>`, `<html>`), so the space is required.
        let marker = |m: &str| {
            line.strip_prefix(m)
                .filter(|rest| rest.is_empty() || rest.starts_with(' '))
        };
        if let Some(rest) = marker(">") {
            let rest = rest.trim();
            if let Some((method, target)) = request_line(rest) {
                // A new request (a redirect followed with -L) replaces the previous one.
                request = Request {
                    method: Some(method),
                    target: Some(target),
                    headers: Vec::new(),
                };
            } else if let Some(h) = header_line(rest) {
                request.headers.push(h);
            }
        } else if let Some(rest) = marker("<") {
            let rest = rest.trim();
            if let Some(status) = status_line(rest) {
                // "< HTTP/1.1 200 Connection established" answers "> CONNECT host:443": the proxy
                // opened a tunnel, and the answer that matters comes through it (or never does).
                if request.method.as_deref() == Some("CONNECT") && (200..300).contains(&status.code)
                {
                    request = Request::default();
                    in_response = false;
                    continue;
                }
                start_response(&mut exchange, &mut response_lines, &mut body_lines, status);
                in_response = true;
                marked_body = false;
            } else if in_response && (marked_body || rest.starts_with(['{', '['])) {
                // The Databricks Go SDK's debug log marks the body's lines too ("< {").
                marked_body = true;
                body_lines.push(line.strip_prefix("< ").unwrap_or(rest));
            } else if in_response && !rest.is_empty() {
                // The same log marks each header with "* " ("< * Content-Type: …").
                response_lines.push(rest.strip_prefix("* ").unwrap_or(rest));
            }
        } else if let Some(status) = (request.method.is_some() && line.starts_with("HTTP/"))
            .then(|| status_line(line))
            .flatten()
        {
            start_response(&mut exchange, &mut response_lines, &mut body_lines, status);
            in_response = true;
            unmarked_head = true;
        } else if unmarked_head {
            if line.trim().is_empty() {
                unmarked_head = false;
            } else {
                response_lines.push(line.trim());
            }
        } else if line.starts_with("* ") || line.starts_with("{ [") || line.starts_with("} [") {
            if line.contains("Connected to") || line.contains("Trying") {
                continue;
            }
            // curl's own account of a failure, when the "curl: (35) …" line was not pasted:
            // "* error:0A000126:SSL routines::unexpected eof while reading". A status that arrives
            // later wins over it (a refused IPv6 address before IPv4 answered).
            if line.starts_with("* ") && info_error.is_none() {
                info_error = classify(line);
            }
        } else if let Some(error) = line
            .trim_start()
            .starts_with("curl: (")
            .then(|| classify(line))
            .flatten()
        {
            exchange.network_error.get_or_insert(error);
        } else if in_response && !line.starts_with('*') {
            // curl prints its "* Connection #0 … left intact" right after a body with no final
            // newline, on the same line.
            let end = [
                "* Connection #",
                "* Closing connection",
                "* shutting down connection",
            ]
            .iter()
            .filter_map(|marker| line.find(marker))
            .min()
            .unwrap_or(line.len());
            body_lines.push(&line[..end]);
        }
    }
    if exchange.network_error.is_none() {
        exchange.network_error = info_error;
    }
    let (headers, _) = read_header_block(&response_lines);
    exchange.headers = headers;
    // Body lines keep their original indentation only approximately; JSON and HTML do not mind.
    while body_lines.first().is_some_and(|l| l.trim().is_empty()) {
        body_lines.remove(0);
    }
    attach_body(&mut exchange, &body_lines);
    if request.method.is_some() {
        exchange.request = Some(request);
    }
    if exchange.status.is_some() {
        // A status was received: a later curl error (e.g. a timeout while reading the body) is
        // secondary, keep it as a note.
        if let Some(error) = exchange.network_error.take() {
            exchange.notes.push(crate::shown!(
                "curl also reported: {}",
                crate::diagnosis::redact::mask(&error.message)
            ));
        }
    } else if exchange.network_error.is_some() {
        exchange.kind = InputKind::NetworkError;
    }
    Some(exchange)
}

/// A response's status line: keep only the last final response; 1xx interim responses and earlier
/// redirects go.
fn start_response<'a>(
    exchange: &mut Exchange,
    response_lines: &mut Vec<&'a str>,
    body_lines: &mut Vec<&'a str>,
    status: StatusLine,
) {
    if status.code >= 200 || exchange.status.is_none() {
        response_lines.clear();
        body_lines.clear();
        exchange.status = Some(status);
    }
}
