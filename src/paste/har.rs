//! HAR files ("Save all as HAR"): find the failing entries, pick the one to diagnose, list the rest.
//! A HAR cut off mid-paste is still searched for the statuses it shows.

use super::head::attach_body;
use super::{Exchange, Header, InputKind, OtherEntry, Request, StatusLine};
use serde_json::Value;

/// `Some` when the text is (or starts like) a HAR file; `None` lets other readers try.
pub(super) fn read(text: &str) -> Option<Exchange> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) if looks_like_har(text) => return Some(read_truncated(text)),
        Err(_) => return None,
    };
    let entries = value.get("log")?.get("entries")?.as_array()?;
    let mut exchange = Exchange::new(InputKind::Har);
    let failing: Vec<&Value> = entries
        .iter()
        .filter(|e| {
            let status = entry_status(e);
            status == 0 || status >= 400
        })
        .collect();
    let Some(chosen) = failing
        .iter()
        .copied()
        .max_by_key(|e| relevance(e))
        .or_else(|| entries.last())
    else {
        exchange
            .notes
            .push("The HAR file has no requests in it.".into());
        return Some(exchange);
    };
    if failing.is_empty() {
        exchange.notes.push(format!(
            "None of the {} requests in the HAR file failed (no status of 400 or more, none blocked); showing the last one.",
            entries.len()
        ));
    }
    for entry in &failing {
        if std::ptr::eq(*entry, chosen) {
            continue;
        }
        exchange.others.push(OtherEntry {
            method: str_at(entry, &["request", "method"]).to_string(),
            url: str_at(entry, &["request", "url"]).to_string(),
            status: entry_status(entry),
        });
    }
    fill_from_entry(&mut exchange, chosen);
    Some(exchange)
}

fn looks_like_har(text: &str) -> bool {
    let start: String = text.chars().take(2000).collect();
    start.contains("\"log\"") && (start.contains("\"entries\"") || start.contains("\"creator\""))
}

/// Higher is more worth diagnosing: real statuses over blocked ones, API calls over assets, later
/// over earlier (the max keeps the last of equals).
fn relevance(entry: &Value) -> (u8, u8, u16) {
    let status = entry_status(entry);
    let resource = str_at(entry, &["_resourceType"]);
    let api = u8::from(matches!(resource, "xhr" | "fetch"))
        + u8::from(str_at(entry, &["response", "content", "mimeType"]).contains("json"));
    (u8::from(status != 0), api, status)
}

fn entry_status(entry: &Value) -> u16 {
    entry
        .get("response")
        .and_then(|r| r.get("status"))
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok())
        .unwrap_or(0)
}

fn str_at<'a>(value: &'a Value, path: &[&str]) -> &'a str {
    let mut v = value;
    for key in path {
        match v.get(key) {
            Some(next) => v = next,
            None => return "",
        }
    }
    v.as_str().unwrap_or("")
}

fn headers_at(value: &Value, path: &[&str]) -> Vec<Header> {
    let mut v = value;
    for key in path {
        match v.get(key) {
            Some(next) => v = next,
            None => return Vec::new(),
        }
    }
    v.as_array()
        .map(|list| {
            list.iter()
                .filter_map(|h| {
                    Some(Header {
                        name: h.get("name")?.as_str()?.to_string(),
                        value: h.get("value")?.as_str()?.to_string(),
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

fn fill_from_entry(exchange: &mut Exchange, entry: &Value) {
    let status = entry_status(entry);
    exchange.request = Some(Request {
        method: Some(str_at(entry, &["request", "method"]).to_string()).filter(|m| !m.is_empty()),
        target: Some(str_at(entry, &["request", "url"]).to_string()).filter(|u| !u.is_empty()),
        headers: headers_at(entry, &["request", "headers"]),
    });
    exchange.headers = headers_at(entry, &["response", "headers"]);
    if status == 0 {
        let error = str_at(entry, &["response", "_error"]);
        exchange.notes.push(if error.is_empty() {
            "The browser recorded this request with status 0: it got no HTTP response (blocked by CORS, an extension or the network, or cancelled).".to_string()
        } else {
            format!("The browser recorded this request with status 0 and the error {error}: it got no HTTP response.")
        });
        if let Some(error) = super::network::classify(error) {
            exchange.network_error = Some(error);
        }
        return;
    }
    let reason = str_at(entry, &["response", "statusText"]);
    exchange.status = Some(StatusLine {
        code: status,
        reason: (!reason.is_empty()).then(|| reason.to_string()),
        version: Some(str_at(entry, &["response", "httpVersion"]).to_ascii_uppercase())
            .filter(|v| v.starts_with("HTTP/")),
    });
    let content = str_at(entry, &["response", "content", "text"]);
    let encoding = str_at(entry, &["response", "content", "encoding"]);
    if !content.is_empty() && encoding != "base64" {
        let mime = str_at(entry, &["response", "content", "mimeType"]).to_string();
        if exchange.header("content-type").is_none() && !mime.is_empty() {
            exchange.headers.push(Header {
                name: "content-type".into(),
                value: mime,
            });
        }
        let lines: Vec<&str> = content.lines().collect();
        attach_body(exchange, &lines);
    }
}

/// A HAR pasted only in part: not valid JSON, so pick the statuses out of the text.
fn read_truncated(text: &str) -> Exchange {
    let mut exchange = Exchange::new(InputKind::Har);
    exchange.notes.push(
        "The HAR file is incomplete (the paste seems cut off), so only the statuses visible in it were read.".into(),
    );
    let mut statuses: Vec<u16> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("\"status\"") {
        rest = &rest[at + 8..];
        let after = rest
            .trim_start()
            .strip_prefix(':')
            .unwrap_or("")
            .trim_start();
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(code) = digits.parse::<u16>() {
            statuses.push(code);
        }
    }
    let worst = statuses
        .iter()
        .copied()
        .filter(|s| *s >= 400)
        .max_by_key(|s| (*s >= 500, *s));
    if let Some(code) = worst.or_else(|| statuses.iter().copied().find(|s| (100..=999).contains(s)))
    {
        if (100..=999).contains(&code) {
            exchange.status = Some(StatusLine {
                code,
                reason: None,
                version: None,
            });
        }
    }
    exchange
}
