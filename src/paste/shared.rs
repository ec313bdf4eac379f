//! What the paste readers share. Readers import from here (and the types in `mod.rs`), never from
//! each other, so each can be read, and reordered in `READERS`, on its own.

use super::{Body, Exchange, Header, StatusLine};
use crate::catalog;
use crate::knowledge::{NetworkErrorKind, FAILURES, STATUS_WORDINGS};
use serde::Serialize;

/// `HTTP/1.1 503 Service Unavailable`, `HTTP/2 404`, `http/1.0 200 OK`.
pub(crate) fn status_line(line: &str) -> Option<StatusLine> {
    let line = line.trim();
    let (version, rest) = line.split_once(|c: char| c.is_ascii_whitespace())?;
    let upper = version.to_ascii_uppercase();
    let number = upper.strip_prefix("HTTP/")?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let rest = rest.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 3 {
        return None;
    }
    let code: u16 = digits.parse().ok()?;
    if !(100..=999).contains(&code) {
        return None;
    }
    let after = &rest[3..];
    if !after.is_empty() && !after.starts_with(|c: char| c.is_ascii_whitespace()) {
        return None;
    }
    let reason = after.trim();
    Some(StatusLine {
        code,
        reason: (!reason.is_empty()).then(|| reason.to_string()),
        version: Some(upper),
    })
}

/// Headers up to a blank line or the first line that is not a header; returns them and the index of
/// the first body line. httparse reads a well-formed block; a lenient line reader takes the rest
/// (spaces before colons, indentation, a missing blank line).
pub(crate) fn read_header_block(rest: &[&str]) -> (Vec<Header>, usize) {
    let mut end = 0;
    while end < rest.len() {
        let line = rest[end];
        if line.trim().is_empty() {
            break;
        }
        // Folded continuation lines (obs-fold) belong to the header before them.
        let folded = end > 0 && line.starts_with([' ', '\t']) && header_line(line).is_none();
        if !folded && header_line(line).is_none() {
            break;
        }
        end += 1;
    }
    let block = &rest[..end];
    let headers = parse_with_httparse(block).unwrap_or_else(|| lenient_headers(block));
    // Skip the blank line itself.
    let body_start = if end < rest.len() && rest[end].trim().is_empty() {
        end + 1
    } else {
        end
    };
    (headers, body_start)
}

fn parse_with_httparse(block: &[&str]) -> Option<Vec<Header>> {
    if block.is_empty() {
        return Some(Vec::new());
    }
    let mut head = String::from("HTTP/1.1 200 OK\r\n");
    for line in block {
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let mut storage = vec![httparse::EMPTY_HEADER; block.len()];
    let mut response = httparse::Response::new(&mut storage);
    match response.parse(head.as_bytes()) {
        Ok(httparse::Status::Complete(_)) => Some(
            response
                .headers
                .iter()
                .map(|h| Header {
                    name: h.name.to_string(),
                    value: String::from_utf8_lossy(h.value).trim().to_string(),
                })
                .collect(),
        ),
        _ => None,
    }
}

fn lenient_headers(block: &[&str]) -> Vec<Header> {
    let mut headers: Vec<Header> = Vec::new();
    for line in block {
        match header_line(line) {
            Some(h) => headers.push(h),
            None => {
                if let Some(last) = headers.last_mut() {
                    last.value.push(' ');
                    last.value.push_str(line.trim());
                }
            }
        }
    }
    headers
}

pub(crate) fn attach_body(exchange: &mut Exchange, body_lines: &[&str]) {
    let text = body_lines.join("\n");
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let body = Body::sniff(text, exchange.header("content-type"));
    if let Some(note) = body.note() {
        exchange.notes.push(note);
    }
    exchange.body = Some(body);
}

/// `GET /path HTTP/1.1`: the method and target of a request line.
pub(crate) fn request_line(line: &str) -> Option<(String, String)> {
    let mut parts = line.split_whitespace();
    let method = parts.next()?;
    let target = parts.next()?;
    let version = parts.next()?;
    (method.bytes().all(|b| b.is_ascii_uppercase()) && version.starts_with("HTTP/"))
        .then(|| (method.to_string(), target.to_string()))
}

/// The first URL in the text that is not a link the message points the reader to.
pub(crate) fn url_in(text: &str) -> Option<String> {
    urls_in(text).find(|url| !pointed_to(text, url))
}

/// Whether the message points the reader to `url` ("…read the docs: https://…", "You can find your API
/// key at https://…") rather than naming the request: a link for the person, not where the call went.
pub(crate) fn pointed_to(text: &str, url: &str) -> bool {
    let Some(at) = text.find(url) else {
        return false;
    };
    let before = text[..at]
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    [
        "docs: ",
        "docs at ",
        "documentation: ",
        "documentation at ",
        "see ",
        "see: ",
        "visit ",
        "learn more: ",
        "learn more at ",
        "more information: ",
        "more info: ",
        "read more: ",
        "refer to ",
        "head to: ",
        "head to ",
        "key at ",
    ]
    .iter()
    .any(|words| before.ends_with(words))
}

/// Every http(s) URL in the text, in order.
pub(crate) fn urls_in(text: &str) -> impl Iterator<Item = String> + '_ {
    text.match_indices("http")
        .filter(|(at, _)| {
            let rest = &text[*at..];
            rest.starts_with("https://") || rest.starts_with("http://")
        })
        .map(|(at, _)| {
            let url: String = text[at..]
                .chars()
                .take_while(|c| {
                    !c.is_whitespace() && !matches!(c, '\'' | '"' | '`' | ',' | ')' | '>' | '<')
                })
                .collect();
            url.trim_end_matches(['.', ':']).to_string()
        })
}

pub(crate) fn method_near(text: &str) -> Option<String> {
    // axios dumps `method: 'post'`; other libraries rarely say.
    let at = text.find("method: '").or_else(|| text.find("method: \""))?;
    let rest = &text[at + 9..];
    let method: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
    (!method.is_empty()).then(|| method.to_ascii_uppercase())
}

/// Split text into lines, accepting CRLF, LF or CR, without the line endings.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// A header field name as RFC 9110 allows it (a token), with DevTools' leading colon for pseudo-headers.
pub(crate) fn is_header_name(name: &str) -> bool {
    let name = name.strip_prefix(':').unwrap_or(name);
    !name.is_empty()
        && name.len() <= 100
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Parse "Name: value" leniently (spaces before the colon tolerated, pseudo-headers kept).
pub(crate) fn header_line(line: &str) -> Option<Header> {
    let line = line.trim();
    let (name, value) = if let Some(rest) = line.strip_prefix(':') {
        let (n, v) = rest.split_once(':')?;
        (format!(":{}", n.trim()), v)
    } else {
        let (n, v) = line.split_once(':')?;
        (n.trim().to_string(), v)
    };
    is_header_name(&name).then(|| Header {
        name,
        value: value.trim().to_string(),
    })
}

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
    pub steps: &'static [crate::knowledge::Prose],
    #[serde(skip)]
    pub detail: Option<crate::knowledge::Prose>,
    /// The verdict for this wording, when it knows the cause more exactly than its kind.
    #[serde(skip)]
    pub verdict: Option<crate::knowledge::Prose>,
    /// The headline for this wording, when it says more than its kind's.
    #[serde(skip)]
    pub headline: Option<crate::knowledge::Prose>,
    /// The side that must act, when this wording knows it better than its kind.
    #[serde(skip)]
    pub side: Option<crate::catalog::Side>,
    /// The client that prints this wording, when only one does.
    #[serde(skip)]
    pub client: Option<&'static str>,
    /// Where this wording prints the status it got beside the failure.
    #[serde(skip)]
    pub status_before: &'static [&'static str],
    /// No HTTP answer to this request: a success status beside it is another request's.
    #[serde(skip)]
    pub no_answer: bool,
    /// Not even a proxy answered: any status beside it is the wrapping program's.
    #[serde(skip)]
    pub nothing_answered: bool,
    /// The status of the error page this wording is, when the paste names none.
    #[serde(skip)]
    pub served_as: Option<u16>,
    /// The host name the failure names, as runtimes print it beside their words (Node's
    /// `hostname: 'db'`, Go's "lookup db", curl's "Could not resolve host: db").
    #[serde(skip)]
    pub host: Option<String>,
}

impl NetworkError {
    /// A response did arrive and the page's code could not read it (JSON.parse of an HTML page or
    /// a plain-text notice): the kind's `response_received`.
    pub fn response_received(&self) -> bool {
        self.kind.explanation().response_received
    }
}

/// Recognise a failure without an HTTP status anywhere in `text` (`src/knowledge/network.toml` and
/// the other files' `[[failure]]`s). The most specific kind wins: a CORS message explains the
/// "Failed to fetch" printed after it.
pub(crate) fn classify(text: &str) -> Option<NetworkError> {
    // The first line starts and the last line ends like every other, for wordings that are a whole
    // line ("Failed to fetch", "\nConnection error.\n"). Positions below are the text's: one less.
    let mut lower = String::with_capacity(text.len() + 2);
    lower.push('\n');
    lower.push_str(&fold_case(text));
    lower.push('\n');
    // A sentence the reporter's editor or terminal wrapped ("doesn't pass access\ncontrol check") is
    // still the sentence: wordings of several words are also looked for with line breaks read as
    // spaces (the same length, so positions stay those of the copy above).
    // Every match in the text is also one at the same place in the joined copy, so a sentence is
    // looked for there only.
    let joined = text
        .trim_end()
        .contains('\n')
        .then(|| lower.replace('\n', " "));
    let sentence = |n: &str| !n.contains('\n') && n.matches(' ').count() >= 3;
    // Of two wordings of the same kind, a family's generic one (Firefox's "Cross-Origin Request
    // Blocked" in any language) gives way to the specific reason that follows it on the line.
    // Every wording in the text, searched once: the choice below looks at them twice.
    let found: Vec<_> = FAILURES
        .iter()
        .filter_map(|f| {
            f.needles
                .iter()
                .filter_map(|n| {
                    let at = match joined.as_deref() {
                        Some(joined) if sentence(n) => joined.find(n),
                        _ => lower.find(n),
                    }?;
                    // In the text: one less for the line break put first, one more for a wording
                    // that begins with a line break (its own words start after it).
                    Some((at + usize::from(n.starts_with('\n'))).saturating_sub(1))
                })
                .min()
                // Words the wording needs besides (the fixed part after a variable value, or a
                // second line the same tool prints), anywhere in the paste.
                .filter(|_| f.all.iter().all(|w| lower.contains(w)))
                .filter(|_| !f.none.iter().any(|w| lower.contains(w)))
                .map(|at| (f, at))
        })
        .chain(
            // A wrapper's message whose cause is only the host its URL names.
            host_only_cause(text).into_iter().flat_map(|at| {
                FAILURES
                    .iter()
                    .filter(|f| f.host_only)
                    .map(move |f| (f, at))
            }),
        )
        .collect();
    // Within a kind and family, a wording whose cause is known exactly (its own verdict: esbuild's
    // installer that ignores npm's proxy) beats a plain runtime wording printed before it (Node's
    // "connect ETIMEDOUT"); then the first in the text.
    let &(failure, at) = found
        .iter()
        .min_by_key(|(f, at)| (f.kind, f.generic, f.verdict.is_none(), *at))?;
    // A kind may give way to a lower one whose specific wording proves more (a missing CORS header
    // proves the API answered, so "CORS request did not succeed" beside it is not the story).
    let yields_to = failure.kind.explanation().yields_to;
    let &(failure, at) = found
        .iter()
        .filter(|(f, _)| !f.generic && yields_to.contains(&f.kind))
        .min_by_key(|(f, at)| (f.kind, *at))
        .unwrap_or(&(failure, at));
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
        verdict: failure.verdict,
        headline: failure.headline,
        side: failure.side,
        client: failure.client,
        status_before: failure.status_before,
        no_answer: failure.no_answer,
        nothing_answered: failure.nothing_answered,
        served_as: failure.served_as,
        host: named_host(text),
    })
}

/// The host a runtime names beside its failure: after its own words, up to a space, quote, bracket,
/// colon (a port) or comma.
fn named_host(text: &str) -> Option<String> {
    const BEFORE: [&str; 8] = [
        "hostname: '",
        "ENOTFOUND ",
        "EAI_AGAIN ",
        "tcp: lookup ",
        "resolve host: ",
        "Failed to resolve '",
        "UnknownHostException: ",
        "could not translate host name \"",
    ];
    BEFORE.iter().find_map(|before| {
        let at = text.find(before)? + before.len();
        let name: String = text[at..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))
            .collect();
        (!name.is_empty()).then_some(name)
    })
}

/// Where a line says nothing but a host name as the cause of a request to that host (see
/// `Failure::host_only`): `…request for "https://auth.example.com/token": auth.example.com`, or
/// `auth.example.com executing POST https://auth.example.com/token`. In the first lines only.
fn host_only_cause(text: &str) -> Option<usize> {
    // A name with dots or a bare service name ("http://bla-risk-service/…": bla-risk-service).
    let is_host = |h: &str| {
        h.len() <= 253
            && !h.starts_with(['.', '-'])
            && h.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            && h.bytes().any(|b| b.is_ascii_alphabetic())
    };
    // A URL on the line has that host.
    let names = |line: &str, host: &str| {
        urls_in(line).any(|url| {
            url.split_once("://")
                .and_then(|(_, rest)| rest.split(['/', '?', '#', ':']).next())
                .is_some_and(|h| h.eq_ignore_ascii_case(host))
        })
    };
    // Where `host`, a slice of `text`, starts in it.
    let at = |host: &str| host.as_ptr() as usize - text.as_ptr() as usize;
    for line in text.split('\n').take(20) {
        let trimmed = line.trim_end();
        // Spring: the cause's message after the last ": ".
        if let Some((before, host)) = trimmed.rsplit_once(": ") {
            if is_host(host) && names(before, host) {
                return Some(at(host));
            }
        }
        // Feign: "<cause's message> executing <METHOD> <url>", after the exception's name.
        if let Some((head, request)) = trimmed.split_once(" executing ") {
            let host = head.rsplit(": ").next().unwrap_or(head).trim();
            if is_host(host) && names(request, host) {
                return Some(at(host));
            }
        }
    }
    None
}

/// `text` in lower case with every byte offset kept, so a match in it is a match at the same place in
/// `text`: letters of every script whose lower case is as long (Cyrillic, Greek, accented Latin: a
/// Russian Firefox's "Запрос из постороннего источника заблокирован" meets its lower-case needle);
/// the few whose lower case is longer or shorter stay as written.
pub(crate) fn fold_case(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
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

/// The `{ … }` block that starts at `marker` (which ends with `{`), braces included.
pub(crate) fn find_block<'a>(text: &'a str, marker: &str) -> Option<&'a str> {
    let at = text.find(marker)?;
    balanced(text, at + marker.len() - 1)
}

/// The balanced `{…}` or `[…]` block that opens at byte `open` (quotes and escapes respected).
pub(crate) fn balanced(text: &str, open: usize) -> Option<&str> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text[open..].char_indices() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(&text[open..open + i + 1]);
                }
            }
            _ => {}
        }
    }
    None
}

/// `text` with the Unicode spaces that copying from a web page or a chat leaves in JSON indentation
/// (no-break spaces, CJK ideographic spaces, zero-width spaces) made plain, when it has any: JSON
/// allows only ASCII whitespace between its tokens.
pub(crate) fn plain_spaces(text: &str) -> Option<String> {
    let odd = |c: char| {
        matches!(
            c,
            '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{3000}' | '\u{feff}'
        )
    };
    text.contains(odd).then(|| {
        text.chars()
            .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}'))
            .map(|c| if odd(c) { ' ' } else { c })
            .collect()
    })
}

/// Convert util.inspect output (unquoted keys, single-quoted strings, `[Object]` placeholders) and
/// Python reprs (`None`, `True`, `False`) to JSON.
pub(crate) fn inspect_to_json(js: &str) -> String {
    let chars: Vec<char> = js.chars().collect();
    let mut out = String::with_capacity(js.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\'' | '"' => {
                let mut quote = c;
                out.push('"');
                i += 1;
                loop {
                    while i < chars.len() && chars[i] != quote {
                        match chars[i] {
                            '\\' if i + 1 < chars.len() => {
                                let next = chars[i + 1];
                                if next == '\'' {
                                    out.push('\'');
                                } else {
                                    out.push('\\');
                                    out.push(next);
                                }
                                i += 1;
                            }
                            '"' => out.push_str("\\\""),
                            other => out.push(other),
                        }
                        i += 1;
                    }
                    // util.inspect prints a long string as pieces joined by "+" over lines
                    // ('{\n' +\n    '  "title": …'): one string.
                    let after =
                        |from: usize| (from..chars.len()).find(|&k| !chars[k].is_whitespace());
                    let next = after(i + 1)
                        .filter(|&k| chars[k] == '+')
                        .and_then(|k| after(k + 1))
                        .filter(|&k| matches!(chars[k], '\'' | '"'));
                    match next {
                        Some(k) => {
                            quote = chars[k];
                            i = k + 1;
                        }
                        None => break,
                    }
                }
                out.push('"');
            }
            '[' if chars.get(i + 1).is_some_and(|n| n.is_ascii_uppercase()) => {
                // [Object], [Array], [Function: x], [class X]: opaque.
                while i < chars.len() && chars[i] != ']' {
                    i += 1;
                }
                out.push_str("null");
            }
            c if c.is_ascii_alphabetic() || c == '_' || c == '$' => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '$')
                {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                let mut j = i;
                while j < chars.len() && chars[j] == ' ' {
                    j += 1;
                }
                if chars.get(j) == Some(&':') {
                    out.push('"');
                    out.push_str(&word);
                    out.push('"');
                } else if j > i
                    && matches!(chars.get(j), Some('{' | '['))
                    && word.starts_with(|c: char| c.is_ascii_uppercase())
                {
                    // The type before a value: pretty-format's `Object {` and `Array [` (Jest,
                    // React Native's console), util.inspect's `ClassName {`.
                } else {
                    // JavaScript's words, and Python's (a repr: None, True, False).
                    out.push_str(match word.as_str() {
                        "true" | "True" => "true",
                        "false" | "False" => "false",
                        _ => "null",
                    });
                }
                continue;
            }
            // Ruby's Hash#inspect: `"success"=>false`, `{:error=>"…"}` (a symbol key), `nil`.
            '=' if chars.get(i + 1) == Some(&'>') => {
                out.push(':');
                i += 2;
                continue;
            }
            ':' if chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '_') =>
            {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && (chars[end].is_ascii_alphanumeric() || chars[end] == '_')
                {
                    end += 1;
                }
                let mut j = end;
                while j < chars.len() && chars[j] == ' ' {
                    j += 1;
                }
                if chars.get(j) == Some(&'=') && chars.get(j + 1) == Some(&'>') {
                    out.push('"');
                    out.extend(&chars[start..end]);
                    out.push('"');
                    i = end;
                    continue;
                }
                out.push(c);
            }
            // pretty-format's trailing commas (`"reason": "x",\n}`).
            ',' if chars[i + 1..]
                .iter()
                .find(|n| !n.is_whitespace())
                .is_some_and(|n| matches!(n, '}' | ']')) => {}
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// The status a sentence names: a number with its reason phrase ("returned a 403 (Forbidden)",
/// "'401 Unauthorized'"), or a number after the words of a `[[status_wording]]` ("Error code: 402",
/// "status code 503"). The first error in the text wins, else the first status.
pub(crate) fn named_status(text: &str) -> Option<(StatusLine, Option<&'static str>)> {
    let text = prefix(text, 64 * 1024);
    // The paste's last line ends like every other (a status closing it: "… invalid: 401").
    let mut lower = fold_case(text);
    lower.push('\n');
    // A status inside a quoted JSON object (`"statusCode":200` in a logged Lambda result) names
    // what that object says, not what happened: one outside any object comes first.
    let mut depth = Vec::with_capacity(text.len());
    let mut d = 0u32;
    for b in text.bytes() {
        match b {
            b'{' => d += 1,
            b'}' => d = d.saturating_sub(1),
            _ => {}
        }
        depth.push(d);
    }
    // Of several statuses (a log of many requests, retries before the failure), the first error
    // is what the paste is about: an error comes before a success named earlier.
    // Of several errors, the one on most lines wins (a loop of curl calls that got one 502 and then
    // 503s is about the 503), then the first.
    let mut found: Vec<(usize, StatusLine, Option<&'static str>)> = Vec::new();
    let mut consider = |at: usize, status: StatusLine, wording: Option<&'static str>| {
        found.push((at, status, wording));
    };
    for wording in STATUS_WORDINGS {
        // A 1xx named in a sentence is a step on the way ("RPC failed; HTTP 101 curl 16"), never
        // the outcome.
        // A success or redirect the catalog does not know is another number ("Program terminated
        // abnormally with error code: 256"), not a status.
        let wanted = |code: u16| {
            code >= 200
                && (!wording.errors_only || code >= 400)
                && (code >= 400 || catalog::lookup(code).is_some())
        };
        let status = |code| StatusLine {
            code,
            reason: None,
            version: None,
        };
        for before in wording.before {
            for (at, _) in lower.match_indices(before).take(50) {
                if wording.not_after.iter().any(|w| lower[..at].ends_with(w)) {
                    continue;
                }
                // A terminal may wrap the line right after the words ("status code:\n401,
                // reason phrase: …" in Maven's output).
                let rest = lower[at + before.len()..].trim_start_matches([
                    ' ', '"', '\'', '=', ':', '*', '`', '(', '（', '：', '\n', '\r',
                ]);
                let code = if wording.within_words > 0 {
                    // The first number among the next words, on the same line ("Request finished
                    // in 55.03ms 404", "[GIN] 2019/03/16 - 16:26:31 | 404 |").
                    let line = rest.split('\n').next().unwrap_or("");
                    // A whole word of three digits: "347.108ms" is a time, not a status.
                    line.split_whitespace()
                        .take(usize::try_from(wording.within_words).unwrap_or(0))
                        .map(|w| w.trim_end_matches([',', ';', ')', ']', '|', '"', '\'', '.']))
                        .filter(|w| w.len() == 3)
                        .find_map(code_at)
                } else {
                    code_at(rest)
                };
                if let Some(code) = code.filter(|c| wanted(*c)) {
                    consider(at, status(code), Some(wording.id));
                }
            }
        }
        for after in wording.after {
            for (at, _) in lower.match_indices(after).take(50) {
                let head = lower[..at].trim_end_matches(' ');
                let Some(start) = head.len().checked_sub(3) else {
                    continue;
                };
                let byte = |back: usize| start.checked_sub(back).map(|i| head.as_bytes()[i]);
                let word_end = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
                // "Error (404): " needs its opening bracket right before the number, itself not
                // glued to a word: "(port=443): " is a port, "Gateway.php(429): " a line number.
                let boundary = match after.as_bytes().first() {
                    Some(b')') => {
                        byte(1) == Some(b'(') && !word_end(byte(2)) && byte(2) != Some(b'.')
                    }
                    // A bracketed status with only a space after it must open its line
                    // ("[403] Could not find CSRF cookie"): "[nuxt] [unhandled] [500]" is a
                    // wrapper's, read after the upstream status it quotes.
                    Some(b']') => {
                        byte(1) == Some(b'[')
                            && !word_end(byte(2))
                            && (*after != "] " || matches!(byte(2), None | Some(b'\n')))
                    }
                    // Go's wrapped errors ("b2_authorize_account: 401: Invalid authorization
                    // token") and a status closing a line ("token expired or invalid: 401").
                    // The number must follow ": ", be a status the catalog knows, and not be a
                    // field of a printed object ("port: 443").
                    Some(b':' | b'\n') => {
                        let label = head
                            .get(..start.saturating_sub(2))
                            .unwrap_or("")
                            .rsplit(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                            .next()
                            .unwrap_or("");
                        // A word right before the colon: `"status": 403` is a JSON field, read
                        // with its body.
                        // Or a status opening a message: after a bracketed tag ("[httpOci] 403:
                        // Failed to fetch bearer token"), at the start of a line, or of a quoted
                        // line ("> 404: Cannot find module").
                        let opens = after.starts_with(':')
                            && matches!(
                                (byte(1), byte(2), byte(3)),
                                (None | Some(b'\n'), _, _)
                                    | (Some(b' '), Some(b']'), _)
                                    | (Some(b' '), Some(b'>'), None | Some(b'\n'))
                            );
                        let after_word = byte(1) == Some(b' ')
                            && byte(2) == Some(b':')
                            && byte(3).is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_');
                        head.get(start..)
                            .and_then(code_at)
                            .is_some_and(|c| catalog::lookup(c).is_some())
                            && (opens
                                || after_word
                                    && !matches!(
                                        label,
                                        "port"
                                            | "line"
                                            | "errno"
                                            | "pid"
                                            | "column"
                                            | "col"
                                            | "offset"
                                            | "length"
                                            | "size"
                                            | "bytes"
                                            | "count"
                                            | "id"
                                            | "timeout"
                                    ))
                    }
                    // A link checker's or a loop's "404 https://…" lines: the status opens the line.
                    Some(b' ') if after.contains("://") => matches!(byte(1), None | Some(b'\n')),
                    // "20:43:24.456 ERROR": the milliseconds of a time, not a status; nor is the
                    // port of "https://vpn.example.com:443 ERROR", "[::1]:443 error" or
                    // "10.0.0.5:502 error" ("tornado.access:403 GET" is a logger's status).
                    _ => {
                        let time_part = matches!(byte(1), Some(b'.' | b':' | b','))
                            && byte(2).is_some_and(|b| b.is_ascii_digit());
                        let port = byte(1) == Some(b':') && {
                            let host = head[..start - 1]
                                .rsplit(char::is_whitespace)
                                .next()
                                .unwrap_or("");
                            host.contains("://")
                                || host.ends_with(']')
                                || host == "localhost"
                                || (host.contains('.')
                                    && host.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
                        };
                        !word_end(byte(1)) && !time_part && !port
                    }
                };
                let code = head.get(start..).and_then(code_at);
                if let Some(code) = code.filter(|c| boundary && wanted(*c)) {
                    consider(start, status(code), Some(wording.id));
                }
            }
        }
    }
    let mut near = Vec::new();
    for line in lines(text).take(2000) {
        let line_at = line.as_ptr() as usize - text.as_ptr() as usize;
        let bytes = line.as_bytes();
        for i in 0..bytes.len().saturating_sub(2) {
            let boundary = i == 0
                || matches!(
                    bytes[i - 1],
                    b' ' | b'\t' | b'(' | b'[' | b'\'' | b'"' | b':' | b',' | b'=' | b'`' | b'>'
                );
            if !boundary {
                continue;
            }
            let Some(code) = code_at(&line[i..]) else {
                continue;
            };
            if let Some(reason) = phrase_after(code, &line[i + 3..])
                .or_else(|| phrase_before(code, &line[..i], &line[i + 3..]))
            {
                consider(
                    line_at + i,
                    StatusLine {
                        code,
                        reason: Some(reason),
                        version: None,
                    },
                    None,
                );
            } else if near_phrase_after(code, &line[i + 3..]) {
                // The words are the writer's, not a reason phrase the server sent: the weakest
                // reading, used only when nothing else names a status.
                near.push((
                    line_at + i,
                    StatusLine {
                        code,
                        reason: None,
                        version: None,
                    },
                    None,
                ));
            }
        }
    }
    // An error page's big number on a line of its own, then its words ("502\nIt looks like the dev
    // server has not been started yet."): as weak as a near phrase.
    if let Some(first) = lines(text).map(str::trim).find(|l| !l.is_empty()) {
        let code = code_at(first).filter(|c| {
            first.len() == 3 && *c >= 400 && catalog::lookup(*c).is_some_and(|s| s.official)
        });
        if let Some(code) = code.filter(|_| {
            lines(text)
                .filter(|l| !l.trim().is_empty())
                .nth(1)
                .is_some()
        }) {
            let at = first.as_ptr() as usize - text.as_ptr() as usize;
            near.push((
                at,
                StatusLine {
                    code,
                    reason: None,
                    version: None,
                },
                None,
            ));
        }
    }
    if found.is_empty() {
        found = near;
    }
    // A number the writer says they expected is not what came ("Expected HTTP 401 (Unauthorized),
    // but got HTTP 403" in Shopify's app check): when the text names another, that one is the status.
    let expected = |at: usize| {
        let mut start = at.saturating_sub(32);
        while !lower.is_char_boundary(start) {
            start += 1;
        }
        let line = lower[start..at].rsplit('\n').next().unwrap_or("");
        // "expected" right before it, with at most a word like "http" or "status code" between.
        line.rfind("expected ").is_some_and(|i| {
            let between = &line[i + "expected ".len()..];
            !line[..i].ends_with("un")
                && between.len() <= 16
                && !between.contains(|c: char| c.is_ascii_digit() || c == ',')
        })
    };
    if found.iter().any(|(at, _, _)| !expected(*at)) {
        found.retain(|(at, _, _)| !expected(*at));
    }
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_of = |at: usize| newlines.partition_point(|&i| i < at);
    let mut lines_per_code: Vec<(u16, usize)> = Vec::new();
    {
        let mut seen: Vec<(u16, usize)> = found
            .iter()
            .filter(|(at, s, _)| depth[*at] == 0 && s.code >= 400)
            .map(|(at, s, _)| (s.code, line_of(*at)))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for (code, _) in seen {
            match lines_per_code.last_mut() {
                Some((c, n)) if *c == code => *n += 1,
                _ => lines_per_code.push((code, 1)),
            }
        }
    }
    let lines = |code: u16| {
        lines_per_code
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(0, |(_, n)| *n)
    };
    // (inside an object, not an error, fewer lines, position): lowest wins.
    found
        .into_iter()
        .min_by_key(|(at, s, _)| {
            (
                depth[*at] > 0,
                s.code < 400,
                std::cmp::Reverse(lines(s.code)),
                *at,
            )
        })
        .map(|(_, s, w)| (s, w))
}

/// The status a text names by its reason phrase alone, when it names no number: "Proxy
/// Authentication Required", "ForbiddenError: invalid csrf token", "invalid_grant: Bad Request".
/// Only error phrases (registered, or a registered older name) written as whole words in one of the
/// ways programs print them: title case as the registry writes it; run together as an enum name
/// (.NET's `TooManyRequests`) or as a constant (Spring's `BAD_REQUEST`); lower case when three words or more ("request entity too large", as
/// body-parser writes it); a single word only when unmistakable ("Forbidden") or when it is the whole
/// message of an exception ("HttpClientResponseException: Conflict"). Prose ("the file was not
/// found") does not count.
pub(crate) fn phrase_status(text: &str) -> Option<StatusLine> {
    let text = prefix(text, 16 * 1024);
    let masked;
    let text = if text.contains("CategoryInfo") {
        masked = without_error_categories(text);
        masked.as_str()
    } else {
        text
    };
    let mut best: Option<(usize, u16, &'static str)> = None;
    for status in catalog::all()
        .iter()
        .filter(|s| s.code >= 400 && s.official)
    {
        for phrase in std::iter::once(status.phrase).chain(status.aliases.iter().copied()) {
            let Some(at) = phrase_at(text, phrase) else {
                continue;
            };
            if best.is_none_or(|(b, _, _)| at < b) {
                best = Some((at, status.code, status.phrase));
            }
        }
    }
    best.map(|(_, code, phrase)| StatusLine {
        code,
        reason: Some(phrase.to_string()),
        version: None,
    })
}

/// `text` with the category of each PowerShell error record blanked out, at the same length: in
/// `+ CategoryInfo : NotImplemented: (:) [Invoke-WebRequest], NotSupportedException` the word is
/// PowerShell's ErrorCategory
/// (<https://learn.microsoft.com/en-us/dotnet/api/system.management.automation.errorcategory>), not
/// a status's phrase.
fn without_error_categories(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let category = line.find("CategoryInfo").and_then(|at| {
            let after = at + line[at..].find(':')? + 1;
            let start = after + (line[after..].len() - line[after..].trim_start().len());
            let len = line[start..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(line.len() - start);
            Some((start, start + len))
        });
        match category {
            Some((start, end)) => {
                out.push_str(&line[..start]);
                out.extend(std::iter::repeat_n(' ', end - start));
                out.push_str(&line[end..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Where `text` first names `phrase` in one of the forms [`phrase_status`] accepts.
fn phrase_at(text: &str, phrase: &str) -> Option<usize> {
    let words = phrase.split([' ', '-']).filter(|w| !w.is_empty()).count();
    let whole = |hay: &str, needle: &str, suffix_ok: bool| {
        let bytes = hay.as_bytes();
        hay.match_indices(needle).map(|(at, _)| at).find(|&at| {
            let rest = &hay[at + needle.len()..];
            let before_ok = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
            let after_ok = !rest.starts_with(|c: char| c.is_ascii_alphanumeric())
                || (suffix_ok
                    && (rest.starts_with("Error")
                        || rest.starts_with("Exception")
                        // Symfony's HttpKernel exceptions: BadRequestHttpException (400).
                        || rest.starts_with("HttpException")));
            before_ok && after_ok
        })
    };
    let mut found: Vec<usize> = Vec::new();
    if words > 1 || matches!(phrase, "Unauthorized" | "Forbidden") {
        found.extend(whole(text, phrase, true));
    }
    if words > 1 {
        let compact: String = phrase.chars().filter(char::is_ascii_alphanumeric).collect();
        found.extend(whole(text, &compact, true));
    }
    if words > 1 || matches!(phrase, "Unauthorized" | "Forbidden") {
        // As a constant, the way Spring's HttpStatus, Micronaut, Ktor clients and SDK logs print it:
        // "status: BAD_REQUEST", "TOO_MANY_REQUESTS".
        // A longer constant that starts or ends with it ("NOT_FOUND_IN_CACHE") is another name.
        let constant = phrase.to_ascii_uppercase().replace([' ', '-'], "_");
        let bytes = text.as_bytes();
        let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        found.extend(text.match_indices(&constant).map(|(at, _)| at).find(|&at| {
            let end = at + constant.len();
            (at == 0 || !word(bytes[at - 1])) && bytes.get(end).is_none_or(|b| !word(*b))
        }));
    }
    if words > 2 {
        // Written all in lower case, as body-parser does: "Internal server error" inside gRPC's
        // "RST_STREAM with code 2 (Internal server error)" is not an HTTP status.
        found.extend(whole(text, &phrase.to_ascii_lowercase(), false));
    }
    if words == 1 {
        // The whole message of an exception or error: "…Exception: Conflict" at the end of its line.
        for (at, _) in text.match_indices(phrase) {
            let head = text[..at].trim_end_matches(' ');
            let tail = text[at + phrase.len()..].split('\n').next().unwrap_or("");
            if tail.trim().is_empty()
                && (head.ends_with("Exception:") || head.ends_with("Error:"))
                && head.len() < at
            {
                found.push(at);
                break;
            }
        }
    }
    found.into_iter().min()
}

/// Three digits at the start of `text`, not followed by another digit or a letter: 100–599, or a
/// vendor code beyond 599 that the catalog knows (LinkedIn's 999, which link checkers print bare).
fn code_at(text: &str) -> Option<u16> {
    let b = text.as_bytes();
    if b.len() < 3 || !b[..3].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if b.get(3).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let code: u16 = text[..3].parse().ok()?;
    ((100..=599).contains(&code) || catalog::lookup(code).is_some()).then_some(code)
}

/// The reason phrase of `code` (registered or a known alias) right after it, as written.
fn phrase_after(code: u16, rest: &str) -> Option<String> {
    let status = catalog::lookup(code)?;
    // IIS writes a sub-status: "HTTP Error 500.19 - Internal Server Error".
    let rest = match rest.strip_prefix('.') {
        Some(sub) if sub.starts_with(|c: char| c.is_ascii_digit()) => {
            sub.trim_start_matches(|c: char| c.is_ascii_digit())
        }
        _ => rest,
    };
    let rest = words_after_code(rest)?;
    std::iter::once(status.phrase)
        .chain(status.aliases.iter().copied())
        .find_map(|phrase| matches_phrase(rest, phrase))
        .map(|len| rest[..len].to_string())
}

/// The phrase written before the number in brackets: "raised a bad request (400) error" (the
/// qualtRics R client), "Not Found (404)". Only the registered phrase or an older name, whole.
fn phrase_before(code: u16, before: &str, after: &str) -> Option<String> {
    let before = before.strip_suffix('(')?.trim_end();
    after.strip_prefix(')')?;
    let status = catalog::lookup(code)?;
    let lower = before.to_ascii_lowercase();
    std::iter::once(status.phrase)
        .chain(status.aliases.iter().copied())
        .find(|phrase| {
            let phrase = phrase.to_ascii_lowercase();
            lower.strip_suffix(phrase.as_str()).is_some_and(|head| {
                head.is_empty() || head.ends_with(|c: char| !c.is_alphanumeric())
            })
        })
        .map(|phrase| before[before.len() - phrase.len()..].to_string())
}

/// Whether a server's own variant of the error's phrase follows `code` (see [`near_phrase`]).
fn near_phrase_after(code: u16, rest: &str) -> bool {
    let Some(status) = catalog::lookup(code).filter(|s| code >= 400 && s.official) else {
        return false;
    };
    words_after_code(rest).is_some_and(|words| near_phrase(words, status))
}

/// The words after a status number, past one to three separators ("404 (Not Found)", "404 - Not
/// Found"); none when the number runs straight into them or they are further away.
fn words_after_code(rest: &str) -> Option<&str> {
    let words = rest.trim_start_matches([' ', '(', ')', '[', ']', '\'', '"', '-', ':', ',']);
    (1..=3)
        .contains(&(rest.len() - words.len()))
        .then_some(words)
}

/// Whether `text` opens with a server's own variant of a registered error's phrase: a capitalised
/// word of the phrase first, two of its words in all, and the word the phrase ends on among them
/// ("413 Request body too large", "500 Internal Error", nginx's "405 Not Allowed"). A count or an id
/// in prose ("Processed 429 requests", "Batch 496 was sent", "RPC request 405: Method not found")
/// does not count.
fn near_phrase(text: &str, status: &catalog::Status) -> bool {
    let phrases = || std::iter::once(status.phrase).chain(status.aliases.iter().copied());
    let words = |p: &'static str| {
        p.split([' ', '-'])
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
    };
    let phrase_words: Vec<String> = phrases().flat_map(words).collect();
    let last_words: Vec<String> = phrases().filter_map(|p| words(p).next_back()).collect();
    let longest = phrases().map(|p| words(p).count()).max().unwrap_or(1);
    let mut shared: Vec<String> = Vec::new();
    for (i, word) in text.split(' ').enumerate().take(longest + 1) {
        let clean = word.trim_end_matches(['.', ',', ':', ';', '!']);
        if clean.is_empty() || !clean.chars().all(|c| c.is_alphabetic() || c == '-') {
            break;
        }
        let lower = clean.to_ascii_lowercase();
        let known = phrase_words.contains(&lower);
        if i == 0 && !(known && clean.starts_with(|c: char| c.is_uppercase())) {
            return false;
        }
        if known && !shared.contains(&lower) {
            shared.push(lower);
        }
        if clean.len() != word.len() {
            break;
        }
    }
    shared.len() >= 2 && shared.iter().any(|w| last_words.contains(w))
}

/// How many bytes of `text` spell `phrase` (case, spaces and hyphens ignored), ending at a word end.
fn matches_phrase(text: &str, phrase: &str) -> Option<usize> {
    let want: Vec<char> = phrase
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if want.is_empty() {
        return None;
    }
    let mut k = 0;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if c.to_lowercase().next() != Some(want[k]) {
                return None;
            }
            k += 1;
            if k == want.len() {
                let end = i + c.len_utf8();
                let next = text[end..].chars().next();
                return (!next.is_some_and(char::is_alphanumeric)).then_some(end);
            }
        } else if !matches!(c, ' ' | '-' | '\'' | '_') || i > 60 {
            return None;
        }
    }
    None
}

/// The first 20 kB of the text.
pub(crate) fn head(text: &str) -> String {
    prefix(text, 20_000).to_string()
}

/// How much of a paste the readers that look for wordings search: an error message, a console line
/// or a client's exception is short, and a megabyte of unrecognised text must not be searched once
/// per known wording.
pub(crate) const WORDING_SCAN: usize = 256 * 1024;

/// At most the first `max` bytes of `text`, cut at a character boundary.
pub(crate) fn prefix(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}
