//! Error strings from HTTP client libraries, and access-log lines.

use super::shared::{
    attach_body, find_block, inspect_to_json, is_header_name, lines, method_near, prefix, url_in,
    WORDING_SCAN,
};
use super::{ClientReport, Exchange, InputKind, OtherEntry, PrintedCode, Request, StatusLine};

use crate::knowledge::{Client, CLIENTS};

/// A client library's, CLI's or browser's error line that names a status: the first client (in the
/// knowledge's order) whose `status_before` text is followed by a three-digit code.
pub(super) fn read(trimmed: &str) -> Option<Exchange> {
    let trimmed = prefix(trimmed, WORDING_SCAN);
    // A client whose own markers are in the text comes first: Ruby's "OpenURI::HTTPError: 403" is
    // open-uri's, although Python requests' "HTTPError: " wording (listed earlier) also fits it.
    let (marked, unmarked): (Vec<&Client>, Vec<&Client>) = CLIENTS
        .iter()
        .partition(|c| c.markers.iter().any(|m| trimmed.contains(m)));
    let unmarked = unmarked.into_iter().filter(|c| !c.status_needs_marker);
    for client in marked.into_iter().chain(unmarked) {
        for before in client.status_before {
            // The first occurrence followed by a three-digit code ("npm ERR! code E401" comes
            // before "npm ERR! 401 Unauthorized").
            let found = trimmed.match_indices(before).find_map(|(at, _)| {
                let after = &trimmed[at + before.len()..];
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                let code = digits.parse::<u16>().ok()?;
                (digits.len() == 3 && (100..=999).contains(&code))
                    .then_some((at, after, digits, code))
            });
            let Some((at, after, digits, code)) = found else {
                continue;
            };
            let line_start = trimmed[..at].rfind('\n').map_or(0, |i| i + 1);
            let line_end = trimmed[at..].find('\n').map_or(trimmed.len(), |i| at + i);
            let message = trimmed[line_start..line_end].trim().to_string();
            let mut exchange = Exchange::new(InputKind::ClientError);
            exchange.status = Some(StatusLine {
                code,
                reason: reason_after(client, &after[digits.len()..]),
                version: None,
            });
            exchange.client = Some(ClientReport {
                id: client.id,
                name: client.name,
                message,
                code: printed_code(client, trimmed),
            });
            if let Some(url) = url_in(trimmed) {
                exchange.request = Some(Request {
                    method: method_near(trimmed),
                    target: Some(url),
                    headers: Vec::new(),
                });
            }
            // Node's util.inspect dump of an error object carries the response (axios).
            if trimmed.contains("response: {") {
                axios_details(trimmed, &mut exchange);
            }
            // Other clients quote the error body in their message (Guzzle's "resulted in a `401
            // Unauthorized` response: {"error":{…}}"): the vendor's format can read it, and the
            // message around it stays readable for the pages that know its words.
            if exchange.body.is_none() {
                if let Some(body) = super::embedded::embedded_body(trimmed) {
                    exchange.body = Some(body);
                    exchange.message_text = Some(super::shared::head(trimmed));
                }
            }
            return Some(exchange);
        }
    }
    None
}

/// The client whose markers appear in the text (a stack trace, an exception name), for pastes that
/// were read some other way (a network failure, a console line): the first in the knowledge's
/// order, a `base` library only when no program built on it left its own markers.
pub(crate) fn identify(text: &str) -> Option<&'static Client> {
    let marked = |c: &&Client| c.markers.iter().any(|m| text.contains(m));
    CLIENTS
        .iter()
        .filter(|c| !c.base)
        .find(marked)
        .or_else(|| CLIENTS.iter().filter(|c| c.base).find(marked))
}

/// The first vendor code the client prints between one of its `codes` marker pairs, on one line,
/// that the knowledge explains. Every occurrence is tried: other lines hold `) ` or `: ` too. An
/// `after` of "\n" is the start of a line, an `until` of "\n" its end.
pub(super) fn printed_code(client: &'static Client, text: &str) -> Option<PrintedCode> {
    for at in client.codes {
        for line in lines(text).take(400) {
            let starts: Vec<usize> = if at.after == "\n" {
                vec![0]
            } else {
                line.match_indices(at.after)
                    .map(|(i, m)| i + m.len())
                    .collect()
            };
            for start in starts {
                let rest = &line[start..];
                let end = if at.until == "\n" {
                    Some(rest.len())
                } else {
                    rest.find(at.until)
                };
                let Some(end) = end else { continue };
                let value = rest[..end].trim();
                if value.is_empty() || value.len() > 64 {
                    continue;
                }
                if let Some(entry) = at
                    .scopes
                    .iter()
                    .find_map(|scope| crate::knowledge::code(scope, value))
                {
                    return Some(PrintedCode {
                        value: value.to_string(),
                        entry,
                        line: line.trim().to_string(),
                    });
                }
            }
        }
    }
    None
}

/// The reason phrase a client prints after the code, where its knowledge entry says it is.
fn reason_after(client: &Client, rest: &str) -> Option<String> {
    let after = client.reason_after?;
    let rest = rest.lines().next().unwrap_or("").trim_start();
    let at = if after.trim().is_empty() {
        0
    } else {
        rest.find(after)? + after.len()
    };
    let reason = &rest[at..];
    let reason = match client.reason_until {
        Some(until) => reason.split(until).next().unwrap_or(reason),
        None => reason,
    };
    let reason = reason.trim().trim_end_matches('.').trim();
    (!reason.is_empty() && reason.len() <= 80).then(|| reason.to_string())
}

/// axios errors printed by Node's util.inspect carry the request config and the response: status
/// text, headers and data. util.inspect prints JavaScript, not JSON, so it is converted first.
fn axios_details(text: &str, exchange: &mut Exchange) {
    let Some(response) = find_block(text, "response: {") else {
        return;
    };
    if let Some(at) = response.find("statusText: '") {
        let rest = &response[at + 13..];
        if let (Some(end), Some(status)) = (rest.find('\''), exchange.status.as_mut()) {
            status.reason = Some(rest[..end].to_string());
        }
    }
    if let Some(headers) = find_block(response, "headers: Object [AxiosHeaders] {")
        .or_else(|| find_block(response, "headers: {"))
    {
        exchange.headers = inspect_pairs(headers);
    }
    if let Some(config) = find_block(text, "config: {") {
        if let Some(headers) = find_block(config, "headers: Object [AxiosHeaders] {")
            .or_else(|| find_block(config, "headers: {"))
        {
            if let Some(request) = exchange.request.as_mut() {
                request.headers = inspect_pairs(headers);
            }
        }
    }
    if let Some(data) = find_block(response, "data: {") {
        let json = inspect_to_json(data);
        let lines: Vec<&str> = json.lines().collect();
        attach_body(exchange, &lines);
    } else if let Some(at) = response.find("data: '") {
        // A string body (HTML or text), as a single-quoted JS string, which util.inspect splits
        // into pieces joined by "+" when it is long: read as one string, its escapes undone.
        let rest = &response[at + 6..];
        let converted = inspect_to_json(rest);
        let whole = serde_json::Deserializer::from_str(&converted)
            .into_iter::<serde_json::Value>()
            .next()
            .and_then(Result::ok)
            .and_then(|v| v.as_str().map(str::to_string));
        if let Some(whole) = whole {
            let lines: Vec<&str> = whole.lines().collect();
            attach_body(exchange, &lines);
        } else {
            let end = rest
                .find("',\n")
                .or_else(|| rest.rfind('\''))
                .unwrap_or(rest.len());
            let lines: Vec<&str> = rest[..end].trim_start_matches('\'').lines().collect();
            attach_body(exchange, &lines);
        }
    }
}

/// `key: 'value'` lines directly inside a util.inspect block.
fn inspect_pairs(block: &str) -> Vec<super::Header> {
    block
        .lines()
        .filter_map(|line| {
            let line = line.trim().trim_end_matches(',');
            let (key, value) = line.split_once(": ")?;
            let key = key.trim().trim_matches('\'');
            let value = value.trim();
            let value = value.strip_prefix('\'')?.strip_suffix('\'')?;
            is_header_name(key).then(|| super::Header {
                name: key.to_string(),
                value: value.replace("\\'", "'"),
            })
        })
        .collect()
}

/// Combined/common log format: `host - user [time] "METHOD path HTTP/x" status size …`. With several
/// lines, the last failing one is diagnosed and the other failing ones listed.
pub(super) fn access_log(trimmed: &str) -> Option<Exchange> {
    let parsed: Vec<(String, String, u16)> = lines(trimmed).filter_map(log_line).collect();
    let total = lines(trimmed).filter(|l| !l.trim().is_empty()).count();
    if parsed.is_empty() || parsed.len() * 2 < total {
        return None;
    }
    let chosen = parsed
        .iter()
        .rposition(|(_, _, s)| *s >= 400)
        .unwrap_or(parsed.len() - 1);
    let mut exchange = Exchange::new(InputKind::AccessLog);
    let (method, path, status) = &parsed[chosen];
    exchange.status = Some(StatusLine {
        code: *status,
        reason: None,
        version: None,
    });
    exchange.request = Some(Request {
        method: Some(method.clone()),
        target: Some(path.clone()),
        headers: Vec::new(),
    });
    for (i, (method, path, status)) in parsed.iter().enumerate() {
        if i != chosen && *status >= 400 {
            exchange.others.push(OtherEntry {
                method: method.clone(),
                url: path.clone(),
                status: *status,
            });
        }
    }
    Some(exchange)
}

fn log_line(line: &str) -> Option<(String, String, u16)> {
    let open = line.find("] \"")?;
    let rest = &line[open + 3..];
    let close = rest.find('"')?;
    let request = &rest[..close];
    let mut parts = request.split_whitespace();
    let method = parts.next()?.to_string();
    let path = parts.next().unwrap_or("").to_string();
    let after = rest[close + 1..].trim_start();
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    let status: u16 = digits.parse().ok()?;
    (digits.len() == 3 && (100..=999).contains(&status)).then_some((method, path, status))
}
