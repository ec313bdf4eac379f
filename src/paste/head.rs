//! Status lines, raw HTTP/1.x and HTTP/2 response heads, and header blocks copied from DevTools.

use super::shared::{
    attach_body, classify, header_line, is_header_name, lines, named_status, read_header_block,
    request_line, status_line,
};
use super::{Exchange, Header, InputKind, Request, StatusLine};

/// `429` alone. Other all-digit input ("12", "1000") is kept as a bare code with no status and a note,
/// so the user hears that it is not a status code rather than that we could not read it.
pub(super) fn bare_code(trimmed: &str) -> Option<Exchange> {
    if trimmed.is_empty() || trimmed.len() > 12 || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // 0 is what browsers and HAR files report when no response arrived: a failure, not a number to
    // correct.
    if trimmed.bytes().all(|b| b == b'0') {
        let mut exchange = Exchange::new(InputKind::NetworkError);
        exchange.network_error = classify("status: 0");
        if exchange.network_error.is_some() {
            return Some(exchange);
        }
    }
    let mut exchange = Exchange::new(InputKind::BareCode);
    match trimmed.parse::<u16>() {
        Ok(code) if (100..=999).contains(&code) => {
            exchange.status = Some(StatusLine {
                code,
                reason: None,
                version: None,
            });
        }
        _ => exchange.notes.push(crate::shown!(
            "{} is not an HTTP status code: status codes are three-digit numbers from 100 to 999.",
            crate::diagnosis::redact::mask(trimmed)
        )),
    }
    Some(exchange)
}

/// A status line first, then headers, then (after a blank line, or at the first line that is not a
/// header) the body.
pub(super) fn raw_response(trimmed: &str) -> Option<Exchange> {
    let all: Vec<&str> = lines(trimmed).collect();
    // `$ curl -i …` (and its continuation lines) may come before the status line.
    let start = all.iter().take(8).position(|l| status_line(l).is_some())?;
    let before = &all[..start];
    // A heading the person wrote above it ("====== Response ======") is not a command.
    let labelled = before.iter().all(|l| l.trim().is_empty() || is_label(l));
    let command = if labelled { &all[..0] } else { before };
    if !command.is_empty() && !is_command(command) {
        return None;
    }
    let status = status_line(all[start])?;
    let rest: Vec<&str> = all[start + 1..].to_vec();
    // `curl -iL` prints every response of the chain: after a 1xx interim answer or a redirect it
    // followed, the next status line is the answer (a 301 to https, then the API's 401).
    if matches!(status.code, 100..=199 | 300..=399) {
        if let Some(next) = rest.iter().position(|l| status_line(l).is_some()) {
            let mut exchange = raw_response(&rest[next..].join("\n"))?;
            if !command.is_empty() {
                exchange.request = Some(request_from_command(&command.join(" ")));
            }
            return Some(exchange);
        }
    }
    let mut exchange = Exchange::new(if rest.iter().all(|l| l.trim().is_empty()) {
        InputKind::StatusLine
    } else {
        InputKind::RawResponse
    });
    let (headers, body_start) = read_header_block(&rest);
    exchange.headers = headers;
    exchange.status = Some(status);
    if !command.is_empty() {
        exchange.request = Some(request_from_command(&command.join(" ")));
    }
    attach_body(&mut exchange, &rest[body_start..]);
    Some(exchange)
}

/// A raw request followed by its raw response, as Burp, Fiddler, ZAP or an HTTP log prints them:
/// `POST /v2/charges HTTP/1.1`, headers, perhaps a body, then `HTTP/1.1 403 Forbidden` and the rest.
pub(super) fn request_then_response(trimmed: &str) -> Option<Exchange> {
    let first = trimmed.lines().next()?;
    let (method, target) = request_line(first)?;
    // Where the response's status line starts (byte offset), searching line by line.
    let mut offset = 0;
    let mut response_at = None;
    for raw in trimmed.split('\n') {
        if offset > 0 && status_line(raw).is_some() {
            response_at = Some(offset);
            break;
        }
        offset += raw.len() + 1;
    }
    let response_at = response_at?;
    let mut exchange = raw_response(&trimmed[response_at..])?;
    let request_lines: Vec<&str> = lines(&trimmed[..response_at]).skip(1).collect();
    let (headers, _) = read_header_block(&request_lines);
    exchange.request = Some(Request {
        method: Some(method),
        target: Some(target),
        headers,
    });
    Some(exchange)
}

/// A heading above a pasted response, in a person's or a tool's words: "====== Response ======",
/// "Response:", "### Raw response" (tests/fixtures/edges/w74-gateways-9-08-tyk-upstream-host-lookup-failed.txt).
fn is_label(line: &str) -> bool {
    let words: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 3 && words.iter().any(|w| w.eq_ignore_ascii_case("response"))
}

/// A shell command line (and its `\` continuations) pasted above the output.
fn is_command(lines: &[&str]) -> bool {
    let first = lines[0].trim_start();
    let prompt = [
        "$ ", "$> ", "% ", "# ", "> ", "PS ", "curl ", "http ", "https ", "wget ", "xh ",
    ]
    .iter()
    .any(|p| first.starts_with(p))
        // A prompt with its path or user before it: "C:\Users\me>curl -I …", "me@box:~$ curl -i …".
        || ["curl ", "http ", "https ", "wget ", "xh "].iter().any(|c| {
            first.match_indices(c).any(|(at, _)| {
                first[..at]
                    .trim_end()
                    .ends_with(['>', '$', '#', '%'])
            })
        });
    prompt
        && lines.windows(2).all(|pair| {
            pair[0].trim_end().ends_with('\\')
                || pair[0].trim_end().ends_with('`')
                || pair[1].trim().is_empty()
        })
}

/// The method, URL and `-H` headers of a curl (or HTTPie) command line.
pub(crate) fn request_from_command(command: &str) -> Request {
    let words = shell_words(command);
    let mut request = Request::default();
    let mut has_data = false;
    let mut head = false;
    let mut i = 0;
    while i < words.len() {
        let word = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        match word {
            "-X" | "--request" => {
                request.method = next.map(str::to_ascii_uppercase);
                i += 1;
            }
            // HEAD: curl -I, --head, and -I among combined short flags (-sI, -Iv).
            "--head" => head = true,
            _ if word.starts_with('-')
                && !word.starts_with("--")
                && word.len() > 1
                && word[1..].chars().all(|c| c.is_ascii_alphabetic())
                && word[1..].contains('I')
                && !word[1..].contains(['H', 'X', 'd', 'F', 'u', 'o', 'e', 'A', 'b', 'c', 'T']) =>
            {
                head = true
            }
            "-H" | "--header" => {
                if let Some(h) = next.and_then(header_line) {
                    request.headers.push(h);
                }
                i += 1;
            }
            "-d" | "--data" | "--data-raw" | "--data-binary" | "--data-urlencode" | "-F"
            | "--form" | "--json" => {
                has_data = true;
                i += 1;
            }
            "-u" | "--user" => {
                // Basic credentials: keep that they were sent, never their value.
                request.headers.push(Header {
                    name: "Authorization".into(),
                    value: "Basic (from -u)".into(),
                });
                i += 1;
            }
            _ if request.target.is_none()
                && (word.starts_with("http://") || word.starts_with("https://")) =>
            {
                request.target = Some(word.to_string());
            }
            _ if word.starts_with("-X") && word.len() > 2 => {
                request.method = Some(word[2..].to_ascii_uppercase())
            }
            _ => {}
        }
        i += 1;
    }
    if request.method.is_none() {
        request.method = Some(
            if head && command.contains("curl") {
                "HEAD"
            } else if has_data {
                "POST"
            } else {
                "GET"
            }
            .to_string(),
        );
    }
    request
}

/// Split a command line into words, honouring single and double quotes.
fn shell_words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut in_word = false;
    for c in command.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => current.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {}
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            (None, c) => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

/// A `WWW-Authenticate` (or `Proxy-Authenticate`) challenge on its own line, with or without its
/// field name: `Bearer realm="api", error="invalid_token", error_description="…"`. Such a challenge is
/// sent with 401 (407 for a proxy's), and RFC 6750's `error` names the status it comes with:
/// invalid_request 400, insufficient_scope 403. The status is implied, so an entry that documents
/// another one for the same words wins.
pub(super) fn auth_challenge(trimmed: &str) -> Option<Exchange> {
    if trimmed.contains('\n') || trimmed.len() > 2000 {
        return None;
    }
    let lower = trimmed.to_ascii_lowercase();
    let (name, value) = if lower.starts_with("www-authenticate:") {
        (
            "WWW-Authenticate",
            trimmed["www-authenticate:".len()..].trim(),
        )
    } else if lower.starts_with("proxy-authenticate:") {
        (
            "Proxy-Authenticate",
            trimmed["proxy-authenticate:".len()..].trim(),
        )
    } else {
        ("WWW-Authenticate", trimmed)
    };
    // A scheme token, a space, then an auth-param naming a realm or an error.
    let (scheme, params) = value.split_once(' ')?;
    let token = !scheme.is_empty()
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    let params = params.trim_start().to_ascii_lowercase();
    let has = |name: &str| params.starts_with(name) || params.contains(&format!(", {name}"));
    // A registered scheme (IANA's HTTP Authentication Schemes) with a realm or an error, or any
    // scheme with a realm: a log's `ERR  error="…"` is not a challenge.
    const SCHEMES: [&str; 10] = [
        "basic",
        "bearer",
        "digest",
        "negotiate",
        "ntlm",
        "dpop",
        "hoba",
        "mutual",
        "oauth",
        "vapid",
    ];
    let registered = SCHEMES.contains(&scheme.to_ascii_lowercase().as_str());
    if !token || !(has("realm=") || (registered && has("error="))) {
        return None;
    }
    let code = if name == "Proxy-Authenticate" {
        407
    } else if params.contains("error=\"invalid_request\"") {
        400
    } else if params.contains("error=\"insufficient_scope\"") {
        403
    } else {
        401
    };
    let mut exchange = Exchange::new(InputKind::DevtoolsHeaders);
    exchange.status = Some(StatusLine {
        code,
        reason: None,
        version: None,
    });
    exchange.status_from_phrase = true;
    // Its words are where a vendor's own wording shows (Azure Maps' error_description).
    exchange.message_text = Some(trimmed.to_string());
    exchange.headers.push(Header {
        name: name.to_string(),
        value: value.to_string(),
    });
    exchange.notes.push(crate::shown!(
        "Only an authentication challenge was pasted: such a challenge comes with status {}, so {} is assumed.",
        code,
        code,
    ));
    Some(exchange)
}

/// `404 Not Found` on its own line; or an error status before a sentence of the server's, as the SDKs
/// Stainless generates (openai-node, anthropic-sdk-typescript and their kin) print an error:
/// `${status} ${message}` ("401 Incorrect API key provided: sk-…. You can find your API key at …").
pub(super) fn reason_line(trimmed: &str) -> Option<Exchange> {
    if trimmed.contains('\n') || trimmed.len() > 2000 {
        return None;
    }
    let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() != 3 {
        return None;
    }
    let reason = trimmed[3..]
        .trim_start_matches([' ', '\t', '-', ':'])
        .trim();
    if reason.is_empty()
        || !trimmed[3..].starts_with([' ', '\t', '-', ':'])
        || !reason.chars().next().is_some_and(char::is_alphabetic)
    {
        return None;
    }
    let code: u16 = digits.parse().ok()?;
    if !(100..=999).contains(&code) {
        return None;
    }
    // Longer than any reason phrase, it is a message: only an error status before a sentence of its
    // own ("500 requests were sent today" is a count, not a status).
    if trimmed.len() > 80 {
        if !(400..=599).contains(&code)
            || !reason.chars().next().is_some_and(char::is_uppercase)
            || reason.split_whitespace().count() < 3
        {
            return None;
        }
        let mut exchange = Exchange::new(InputKind::Message);
        exchange.status = Some(StatusLine {
            code,
            reason: None,
            version: None,
        });
        exchange.message_text = Some(trimmed.to_string());
        return Some(exchange);
    }
    let mut exchange = Exchange::new(InputKind::ReasonLine);
    exchange.status = Some(StatusLine {
        code,
        reason: Some(reason.to_string()),
        version: None,
    });
    Some(exchange)
}

/// Fields of DevTools' "General" section, which have spaces in their names.
const GENERAL_FIELDS: [&str; 5] = [
    "Request URL",
    "Request Method",
    "Status Code",
    "Remote Address",
    "Referrer Policy",
];

/// Section titles DevTools puts in a copied block.
const SECTION_TITLES: [&str; 8] = [
    "General",
    "Response Headers",
    "Request Headers",
    "Query String Parameters",
    "Payload",
    "Raw",
    "View source",
    "View parsed",
];

#[derive(PartialEq)]
enum Section {
    General,
    Response,
    Request,
}

/// Header blocks from browser DevTools: "name: value" lines or name and value on alternating lines,
/// with the General section ("Status Code: 504 Gateway Timeout") and HTTP/2 pseudo-headers
/// (`:status: 504`). Also plain header blocks without any status.
pub(super) fn devtools(trimmed: &str) -> Option<Exchange> {
    let all: Vec<&str> = lines(trimmed)
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut exchange = Exchange::new(InputKind::DevtoolsHeaders);
    let mut request = Request::default();
    let mut section = Section::Response;
    let mut recognised = 0usize;
    let mut i = 0;
    while i < all.len() {
        let line = all[i];
        let title = line.trim_end_matches(':');
        if let Some(t) = SECTION_TITLES
            .iter()
            .find(|t| t.eq_ignore_ascii_case(title))
        {
            section = match *t {
                "General" => Section::General,
                "Request Headers" => Section::Request,
                _ => Section::Response,
            };
            recognised += 1;
            i += 1;
            continue;
        }
        // Raw-view status line inside a DevTools block.
        if let Some(status) = status_line(line) {
            exchange.status.get_or_insert(status);
            recognised += 1;
            i += 1;
            continue;
        }
        // "Reason : Forbidden": whitespace before the colon is never a header line (RFC 9112
        // section 5.1 forbids it, and no browser copies one): an exception's printed fields
        // (Tweetinvi's TwitterException) are read as text, where their words are recognised.
        let general = general_field(line);
        if general.is_none()
            && line
                .split_once(':')
                .is_some_and(|(n, _)| !n.trim().is_empty() && n.ends_with([' ', '\t']))
        {
            break;
        }
        let (name, value, used) = match general {
            Some((name, Some(value))) => (name.to_string(), value.to_string(), 1),
            Some((name, None)) if i + 1 < all.len() => {
                (name.to_string(), all[i + 1].to_string(), 2)
            }
            _ => match header_line(line) {
                Some(h) if !h.value.is_empty() => (h.name, h.value, 1),
                Some(h) if i + 1 < all.len() => (h.name, all[i + 1].to_string(), 2),
                _ if is_header_name(line) && i + 1 < all.len() => {
                    (line.to_string(), all[i + 1].to_string(), 2)
                }
                _ => break,
            },
        };
        recognised += 1;
        i += used;
        // Without section titles, the request's pseudo-headers start the request headers.
        if matches!(
            name.as_str(),
            ":authority" | ":method" | ":path" | ":scheme"
        ) {
            section = Section::Request;
        }
        apply_devtools_field(&mut exchange, &mut request, &section, name, value);
    }
    // A block we mostly could not read is not a header block.
    let consumed_all = i >= all.len();
    if recognised < 2 || (!consumed_all && recognised * 2 < all.len()) {
        return None;
    }
    if exchange.status.is_none() && exchange.headers.is_empty() {
        return None;
    }
    // Without a status, "name: value" lines are headers only if one of them is an HTTP field: a
    // log record (Ocelot's "warn: …" / "Message: …") or a printed object (Cloud Armor's
    // `enforcedSecurityPolicy: {`) is read as text instead, where its own words can be recognised.
    if exchange.status.is_none()
        && !exchange
            .headers
            .iter()
            .chain(request.headers.iter())
            // "WARNING: [pool web] …" is a log level (php-fpm), not RFC 9111's Warning field,
            // whose value starts with a three-digit warn-code ("199 - …").
            .any(|h| {
                let warn_code = h
                    .value
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit());
                is_http_field(&h.name) && (warn_code || !h.name.eq_ignore_ascii_case("warning"))
            })
    {
        return None;
    }
    // "key: value" lines without a status line may be an error object printed by a client
    // (`status: 529,` in a Node dump): a status named in the text is the better reading.
    if exchange.status.is_none() && named_status(trimmed).is_some() {
        return None;
    }
    // Likewise a failure the text names (HTTPlug's "curl-client:" headings over "NetworkException:
    // Timeout was reached" lines pass for "name: value" pairs).
    if exchange.status.is_none() && super::shared::classify(trimmed).is_some() {
        return None;
    }
    if request.method.is_some() || request.target.is_some() || !request.headers.is_empty() {
        exchange.request = Some(request);
    }
    if i < all.len() {
        attach_body(&mut exchange, &all[i..]);
    }
    if exchange.status.is_none() {
        exchange
            .notes
            .push("The headers do not include the status code (look for \"Status Code\" in DevTools' General section).".into());
    }
    Some(exchange)
}

/// A field name HTTP uses: hyphenated ones (`content-type`, `x-request-id`, `cf-ray`), the
/// single-word ones of RFC 9110 and common practice, and HTTP/2 pseudo-headers.
fn is_http_field(name: &str) -> bool {
    const SINGLE_WORD: &[&str] = &[
        "accept",
        "age",
        "allow",
        "authorization",
        "connection",
        "cookie",
        "date",
        "etag",
        "expect",
        "expires",
        "forwarded",
        "host",
        "link",
        "location",
        "nel",
        "origin",
        "pragma",
        "priority",
        "range",
        "referer",
        "server",
        "te",
        "trailer",
        "upgrade",
        "vary",
        "via",
        "warning",
        "status",
    ];
    let name = name.to_ascii_lowercase();
    // A hyphenated word whose parts are words, not numbers: "x-request-id" (and S3's "x-amz-id-2",
    // numbered last), not a tool's "guzzle-6-adapter:" heading or a log line's "2025-01-11T13" time.
    let parts: Vec<&str> = name.split('-').collect();
    let hyphenated = parts.len() > 1
        && !name.contains(' ')
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && !parts.iter().any(|part| part.is_empty())
        && !parts[..parts.len() - 1]
            .iter()
            .any(|part| part.bytes().all(|b| b.is_ascii_digit()));
    name.starts_with(':') || hyphenated || SINGLE_WORD.contains(&name.as_str())
}

fn general_field(line: &str) -> Option<(&'static str, Option<&str>)> {
    GENERAL_FIELDS.iter().find_map(|field| {
        let rest = line.strip_prefix(field)?;
        let rest = rest.trim_start();
        if rest.is_empty() || rest == ":" {
            return Some((*field, None));
        }
        let value = rest.strip_prefix(':')?.trim();
        Some((*field, (!value.is_empty()).then_some(value)))
    })
}

fn apply_devtools_field(
    exchange: &mut Exchange,
    request: &mut Request,
    section: &Section,
    name: String,
    value: String,
) {
    match name.as_str() {
        "Status Code" | ":status" => {
            let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(code) = digits.parse::<u16>() {
                if (100..=999).contains(&code) {
                    let reason = value[digits.len()..].trim();
                    // DevTools appends "(from disk cache)" and similar notes.
                    let reason = reason.split(" (").next().unwrap_or("").trim();
                    exchange.status = Some(StatusLine {
                        code,
                        reason: (!reason.is_empty()).then(|| reason.to_string()),
                        version: (name == ":status").then(|| "HTTP/2".to_string()),
                    });
                }
            }
        }
        "Request URL" => request.target = Some(value),
        "Request Method" | ":method" => request.method = Some(value),
        ":path" if request.target.is_none() => request.target = Some(value),
        "Remote Address" | "Referrer Policy" | ":authority" | ":scheme" | ":path" => {}
        _ if *section == Section::Request => request.headers.push(Header { name, value }),
        _ => exchange.headers.push(Header { name, value }),
    }
}
