//! HAR files ("Save all as HAR"): find the failing entries, pick the one to diagnose, list the rest.
//! A HAR cut off mid-paste is still searched for the statuses it shows.

use super::shared::attach_body;
use super::{Exchange, Header, InputKind, Request, Row, StatusLine};
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::borrow::Cow;

/// How many failed requests of one HAR are read in full for the table of requests (each gets its
/// own one-line diagnosis); later ones are listed with their status only.
pub const DIAGNOSED_ROWS: usize = 100;
/// How many requests of one HAR are listed at most.
pub const LISTED_ROWS: usize = 5000;

/// `Some` when the text is (or starts like) a HAR file; `None` lets other readers try. `choose`
/// picks the request to diagnose (by its index); by default the most significant failure.
pub(super) fn read_at(text: &str, choose: Option<usize>) -> Option<Exchange> {
    // A HAR is an object. serde reads a struct from an array too (its elements in field order), so
    // a JSON array of error objects would otherwise pass for a HAR with no requests.
    if !text.trim_start().starts_with('{') {
        return None;
    }
    // Fast path: only the fields we use, borrowed from the text where JSON escapes allow; everything
    // else (timings, cookies, page data) is skipped without being built.
    let parsed: Value;
    let mut truncated = false;
    let entries: Vec<Entry> = match serde_json::from_str::<Har>(text) {
        Ok(har) => har.log.entries,
        // Valid JSON of another shape (a field of an odd type): the slower, lenient reading.
        Err(e) if e.is_data() => {
            parsed = serde_json::from_str(text).ok()?;
            let list = parsed.get("log")?.get("entries")?.as_array()?;
            list.iter().map(Entry::from_value).collect()
        }
        Err(_) if looks_like_har(text) => {
            let complete = complete_entries(text);
            if complete.is_empty() {
                return Some(read_truncated(text));
            }
            truncated = true;
            complete
        }
        Err(_) => return None,
    };
    let mut exchange = Exchange::new(InputKind::Har);
    if truncated {
        exchange.notes.push(crate::shown!(
            "The HAR file is incomplete (the paste seems cut off); the {} complete requests in it were read.",
            entries.len()
        ));
    }
    let failing: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.response.status == 0 || e.response.status >= 400)
        .collect();
    let Some(chosen) = choose
        .and_then(|i| entries.get(i))
        .or_else(|| failing.iter().copied().max_by_key(|e| e.relevance()))
        .or_else(|| entries.last())
    else {
        exchange
            .notes
            .push("The HAR file has no requests in it.".into());
        return Some(exchange);
    };
    if failing.is_empty() {
        exchange.notes.push(crate::shown!(
            "None of the {} requests in the HAR file failed (no status of 400 or more, none blocked); showing the last one.",
            entries.len()
        ));
    }
    fill_from_entry(&mut exchange, chosen);
    exchange.chosen = entries.iter().position(|e| std::ptr::eq(e, chosen));
    if entries.len() > 1 {
        let mut diagnosed = 0;
        exchange.rows = entries
            .iter()
            .take(LISTED_ROWS)
            .enumerate()
            .map(|(index, entry)| {
                let status = entry.response.status;
                let failed = status == 0 || status >= 400;
                let full = failed && diagnosed < DIAGNOSED_ROWS && !std::ptr::eq(entry, chosen);
                diagnosed += usize::from(full);
                Row {
                    index,
                    method: entry.request.method.to_string(),
                    url: entry.request.url.to_string(),
                    status,
                    time_ms: entry.time,
                    exchange: full.then(|| {
                        let mut one = Exchange::new(InputKind::Har);
                        fill_from_entry(&mut one, entry);
                        Box::new(one)
                    }),
                }
            })
            .collect();
        exchange.others = exchange.other_failed_rows();
    }
    Some(exchange)
}

/// The entries of a HAR file cut off somewhere: every entry before the cut, read one by one.
fn complete_entries(text: &str) -> Vec<Entry<'_>> {
    let Some(list) = text
        .find("\"entries\"")
        .and_then(|at| text[at..].find('[').map(|open| at + open + 1))
    else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    let mut rest = &text[list..];
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if !rest.starts_with('{') {
            break;
        }
        let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Entry>();
        match stream.next() {
            Some(Ok(entry)) => {
                entries.push(entry);
                rest = &rest[stream.byte_offset()..];
            }
            // The entry the paste cut through.
            _ => break,
        }
    }
    entries
}

fn looks_like_har(text: &str) -> bool {
    let start: String = text.chars().take(2000).collect();
    start.contains("\"log\"") && (start.contains("\"entries\"") || start.contains("\"creator\""))
}

#[derive(Deserialize)]
struct Har<'a> {
    #[serde(borrow)]
    log: Log<'a>,
}

#[derive(Deserialize)]
struct Log<'a> {
    #[serde(borrow, default)]
    entries: Vec<Entry<'a>>,
}

/// The parts of a HAR entry the diagnosis uses. Strings are lenient: a missing field or one of
/// another type reads as empty.
#[derive(Deserialize, Default)]
#[serde(default)]
struct Entry<'a> {
    #[serde(borrow, rename = "_resourceType", deserialize_with = "lenient_str")]
    resource_type: Cow<'a, str>,
    /// The total time in milliseconds (a decimal number in HAR).
    #[serde(deserialize_with = "lenient_time")]
    time: Option<u32>,
    #[serde(borrow)]
    request: HarRequest<'a>,
    #[serde(borrow)]
    response: HarResponse<'a>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HarRequest<'a> {
    #[serde(borrow, deserialize_with = "lenient_str")]
    method: Cow<'a, str>,
    #[serde(borrow, deserialize_with = "lenient_str")]
    url: Cow<'a, str>,
    #[serde(borrow)]
    headers: Vec<NameValue<'a>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HarResponse<'a> {
    #[serde(deserialize_with = "lenient_status")]
    status: u16,
    #[serde(borrow, rename = "statusText", deserialize_with = "lenient_str")]
    status_text: Cow<'a, str>,
    #[serde(borrow, rename = "httpVersion", deserialize_with = "lenient_str")]
    http_version: Cow<'a, str>,
    #[serde(borrow)]
    headers: Vec<NameValue<'a>>,
    #[serde(borrow)]
    content: Content<'a>,
    #[serde(borrow, rename = "_error", deserialize_with = "lenient_str")]
    error: Cow<'a, str>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Content<'a> {
    #[serde(borrow, deserialize_with = "lenient_str")]
    text: Cow<'a, str>,
    #[serde(borrow, deserialize_with = "lenient_str")]
    encoding: Cow<'a, str>,
    #[serde(borrow, rename = "mimeType", deserialize_with = "lenient_str")]
    mime_type: Cow<'a, str>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NameValue<'a> {
    #[serde(borrow, deserialize_with = "lenient_str")]
    name: Cow<'a, str>,
    #[serde(borrow, deserialize_with = "lenient_str")]
    value: Cow<'a, str>,
}

/// A string field, or empty when it holds anything else (null, a number, an object).
fn lenient_str<'de, D: Deserializer<'de>>(d: D) -> Result<Cow<'de, str>, D::Error> {
    Ok(match d.deserialize_any(LooseVisitor)? {
        Loose::Borrowed(s) => Cow::Borrowed(s),
        Loose::Owned(s) => Cow::Owned(s),
        Loose::Number(_) | Loose::Decimal(_) | Loose::Other => Cow::Borrowed(""),
    })
}

/// A status: a number (or numeric string) that fits a u16; 0 for anything else.
fn lenient_status<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let number = match d.deserialize_any(LooseVisitor)? {
        Loose::Borrowed(s) => s.trim().parse().ok(),
        Loose::Owned(s) => s.trim().parse().ok(),
        Loose::Number(n) => Some(n),
        Loose::Decimal(_) | Loose::Other => None,
    };
    Ok(number.and_then(|n| u16::try_from(n).ok()).unwrap_or(0))
}

/// A time in milliseconds, rounded; `None` for anything but a non-negative number.
fn lenient_time<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Ok(match d.deserialize_any(LooseVisitor)? {
        Loose::Number(n) => u32::try_from(n).ok(),
        Loose::Decimal(n) => (0.0..4.0e9).contains(&n).then_some((n + 0.5) as u32),
        _ => None,
    })
}

/// Any JSON value, kept only as far as a lenient field needs: a string (not copied when it has no
/// escapes), a whole non-negative number, a decimal number, or nothing.
enum Loose<'de> {
    Borrowed(&'de str),
    Owned(String),
    Number(u64),
    /// A number with a fraction or an exponent (HAR times).
    Decimal(f64),
    Other,
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose<'de>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Loose<'de>, E> {
        Ok(Loose::Borrowed(s))
    }
    fn visit_str<E>(self, s: &str) -> Result<Loose<'de>, E> {
        Ok(Loose::Owned(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Loose<'de>, E> {
        Ok(Loose::Owned(s))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Loose<'de>, E> {
        Ok(Loose::Number(n))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }
    fn visit_f64<E>(self, n: f64) -> Result<Loose<'de>, E> {
        Ok(Loose::Decimal(n))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }
    fn visit_unit<E>(self) -> Result<Loose<'de>, E> {
        Ok(Loose::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loose<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Loose<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
}

impl<'a> Entry<'a> {
    /// The lenient reading of one entry of an oddly typed HAR (already parsed as a `Value`).
    fn from_value(entry: &'a Value) -> Self {
        let text = |path: &[&str]| Cow::Borrowed(str_at(entry, path));
        let headers = |path: &[&str]| {
            let mut v = entry;
            for key in path {
                match v.get(key) {
                    Some(next) => v = next,
                    None => return Vec::new(),
                }
            }
            v.as_array()
                .map(|list| {
                    list.iter()
                        .map(|h| NameValue {
                            name: Cow::Borrowed(
                                h.get("name").and_then(Value::as_str).unwrap_or(""),
                            ),
                            value: Cow::Borrowed(
                                h.get("value").and_then(Value::as_str).unwrap_or(""),
                            ),
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        Entry {
            resource_type: text(&["_resourceType"]),
            time: entry
                .get("time")
                .and_then(Value::as_f64)
                .filter(|n| (0.0..4.0e9).contains(n))
                .map(|n| (n + 0.5) as u32),
            request: HarRequest {
                method: text(&["request", "method"]),
                url: text(&["request", "url"]),
                headers: headers(&["request", "headers"]),
            },
            response: HarResponse {
                status: match entry.get("response").and_then(|r| r.get("status")) {
                    Some(Value::Number(n)) => n.as_u64().and_then(|n| u16::try_from(n).ok()),
                    Some(Value::String(s)) => s.trim().parse().ok(),
                    _ => None,
                }
                .unwrap_or(0),
                status_text: text(&["response", "statusText"]),
                http_version: text(&["response", "httpVersion"]),
                headers: headers(&["response", "headers"]),
                content: Content {
                    text: text(&["response", "content", "text"]),
                    encoding: text(&["response", "content", "encoding"]),
                    mime_type: text(&["response", "content", "mimeType"]),
                },
                error: text(&["response", "_error"]),
            },
        }
    }

    /// Higher is more worth diagnosing: real statuses over blocked ones, API calls over assets,
    /// later over earlier (the max keeps the last of equals).
    fn relevance(&self) -> (u8, u8, u16) {
        let status = self.response.status;
        let api = u8::from(matches!(&*self.resource_type, "xhr" | "fetch"))
            + u8::from(self.response.content.mime_type.contains("json"));
        (u8::from(status != 0), api, status)
    }
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

fn headers(list: &[NameValue]) -> Vec<Header> {
    list.iter()
        .filter(|h| !h.name.is_empty())
        .map(|h| Header {
            name: h.name.to_string(),
            value: h.value.to_string(),
        })
        .collect()
}

fn fill_from_entry(exchange: &mut Exchange, entry: &Entry) {
    let status = entry.response.status;
    let request = &entry.request;
    exchange.request = Some(Request {
        method: Some(request.method.to_string()).filter(|m| !m.is_empty()),
        target: Some(request.url.to_string()).filter(|u| !u.is_empty()),
        headers: headers(&request.headers),
    });
    let response = &entry.response;
    exchange.headers = headers(&response.headers);
    if status == 0 {
        let error = &*response.error;
        exchange.notes.push(if error.is_empty() {
            crate::diagnosis::Shown::from("The browser recorded this request with status 0: it got no HTTP response (blocked by CORS, an extension or the network, or cancelled).")
        } else {
            crate::shown!("The browser recorded this request with status 0 and the error {}: it got no HTTP response.", crate::diagnosis::redact::mask(error))
        });
        if let Some(error) = super::shared::classify(error) {
            exchange.network_error = Some(error);
        }
        return;
    }
    let reason = &*response.status_text;
    exchange.status = Some(StatusLine {
        code: status,
        reason: (!reason.is_empty()).then(|| reason.to_string()),
        version: Some(response.http_version.to_ascii_uppercase())
            .filter(|v| v.starts_with("HTTP/")),
    });
    let content = &*response.content.text;
    if !content.is_empty() && response.content.encoding != "base64" {
        let mime = response.content.mime_type.to_string();
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
