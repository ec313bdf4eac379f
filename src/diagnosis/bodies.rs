//! What the body says. The error formats APIs use (RFC 9457 problem details, GraphQL, JSON:API, the
//! vendors' own shapes, XML errors) are knowledge: `src/knowledge/bodies/*.toml` says how to recognise
//! each, where its code, message, status and request id live, and what each vendor code means. This
//! module is the one reader over those tables, plus the rules that compare the body with the status
//! (HTML where JSON was expected, a 200 that says it failed).

use super::precedence::Precedence;
use super::{Evidence, FindingKind, Notes, Severity, Shown};
use crate::catalog::{Side, Status, StatusClass};
use crate::knowledge::{self, Condition, Format, Slots, CODES, FORMATS};
use crate::paste::InputKind;
use crate::paste::{Body, Exchange, MediaKind};
use crate::shown;
use serde_json::Value;

pub(super) fn read(exchange: &Exchange, notes: &mut Notes) {
    let Some(body) = &exchange.body else { return };
    match body.media {
        MediaKind::Json => {
            if let Some(json) = &body.json {
                let reader = Reader::Json(json);
                let format = find_format(&reader, false, exchange);
                if let Some(format) = format {
                    read_format(format, &reader, exchange, notes);
                }
                if let Some((code, pointer)) = status_named_by_its_key(json) {
                    notes.code_hint(code, Evidence::body(&pointer, &code.to_string()));
                }
                if let Some((code, pointer, phrase)) = number_beside_its_phrase(json) {
                    notes.code_hint(code, Evidence::body(&pointer, &format!("{code} {phrase}")));
                }
                if let Some((code, pointer, phrase)) = field_named_a_status(json) {
                    notes.code_hint(code, Evidence::body(&pointer, &phrase));
                }
                if let Some((code, pointer)) = common_status_as_code(json) {
                    notes.code_hint(code, Evidence::body(&pointer, &code.to_string()));
                }
                // Last, as the weakest: a message that is an official error phrase and nothing
                // else ("Too Many Requests"). Vendors' own phrases ("Invalid token") name no status.
                if let Some(format) = format {
                    if let Some((pointer, m)) = reader.first(format.message) {
                        let phrase = m.trim().trim_end_matches('.');
                        if let Some(status) = crate::catalog::all()
                            .iter()
                            .find(|s| s.code >= 400 && s.official && is_phrase_of(s, phrase))
                        {
                            notes
                                .code_hint(status.code, Evidence::body(&reader.label(pointer), &m));
                        }
                    }
                }
            }
        }
        MediaKind::Xml => {
            let reader = Reader::Xml(body);
            if let Some(format) = find_format(&reader, true, exchange) {
                read_format(format, &reader, exchange, notes);
            } else if let Some(message) = body.xml_field("Message") {
                // An XML error no format knows still says something in its own words.
                notes.server_message(first_line(message));
            }
        }
        MediaKind::Html => {
            if let Some(title) = body.html_title.as_ref().or(body.html_heading.as_ref()) {
                notes.server_message(title);
            }
            for (label, text) in [
                ("HTML title", &body.html_title),
                ("HTML heading", &body.html_heading),
            ] {
                if let Some(code) = text.as_deref().and_then(status_in_title) {
                    notes.code_hint(code, Evidence::body(label, text.as_deref().unwrap_or("")));
                }
            }
            if let (Some(title), Some(heading)) = (&body.html_title, &body.html_heading) {
                if let Some(code) = status_of_stock_title(title, heading) {
                    notes.code_hint(code, Evidence::body("HTML title", title));
                }
            }
            // HTTP.sys's and other servers' stock pages: an error's registered phrase alone as the
            // title ("<TITLE>Length Required</TITLE>" over "HTTP Error 411.").
            if let Some(title) = &body.html_title {
                if let Some(status) = crate::catalog::all()
                    .iter()
                    .find(|s| s.code >= 400 && s.official && is_phrase_of(s, title.trim()))
                {
                    notes.code_hint(status.code, Evidence::body("HTML title", title));
                }
            }
        }
        MediaKind::Text => {
            // The first line of a response's text body is the server's message. Text pasted alone
            // is the server's only when it is short: a longer paste starts with the person's own
            // words ("Hi all,", a command line), and an error message is the client's, not the server's.
            let mut lines = body
                .text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .peekable();
            // The person's note of the request above it ("POST https://… → 403"), or their lead-in
            // ("I get this error:"), is not the server's words: the line after it is.
            while lines
                .peek()
                .is_some_and(|l| names_a_request(l) || super::lead_in(l))
            {
                lines.next();
            }
            let first = lines.next().unwrap_or("");
            // Text a client's or browser's own wording marks (a console line) is that client's
            // report, shown as "Reported by", not the server's words.
            let from_server = match exchange.kind {
                InputKind::Body => lines.count() < 3 && exchange.client.is_none(),
                InputKind::Message
                | InputKind::Unrecognised
                | InputKind::ClientError
                | InputKind::NetworkError => false,
                _ => true,
            };
            if from_server && first.len() <= 300 {
                notes.server_message(first);
            }
        }
    }
}

/// "POST https://api.example.com/run → 403", "GET /v1/users": a method and the URL or path it went to.
/// Or the command that sent it, at a shell's prompt ("$ curl http://127.0.0.1:8080", "% wget …").
fn names_a_request(line: &str) -> bool {
    let mut words = line.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|w| matches!(*w, "$" | "%" | "#" | ">"))
    {
        words.next();
        return words.next().is_some_and(|command| {
            matches!(
                command,
                "curl" | "wget" | "http" | "https" | "xh" | "curlie"
            )
        });
    }
    let method = words.next().unwrap_or("");
    let target = words.next().unwrap_or("");
    matches!(
        method,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    ) && (target.starts_with("http://")
        || target.starts_with("https://")
        || target.starts_with('/'))
}

/// A body seen through pointers: JSON pointers into a JSON body, element names in an XML body.
enum Reader<'a> {
    Json(&'a Value),
    Xml(&'a Body),
}

impl Reader<'_> {
    /// Every scalar value at a pointer, as text.
    fn values(&self, pointer: &str) -> Vec<String> {
        self.scalars(pointer, true)
    }

    /// The values at a pointer that can be a message, a status or a detail: `{"error": true,
    /// "reason": …}` (Open-Meteo) says no "true"; conditions (`/ok=false`) and codes (Discord's
    /// `"global": true`) still read booleans.
    fn words(&self, pointer: &str) -> Vec<String> {
        self.scalars(pointer, false)
    }

    fn scalars(&self, pointer: &str, booleans: bool) -> Vec<String> {
        match self {
            // A list of scalars (a GraphQL `path`) reads as one dotted value.
            Reader::Json(json) => knowledge::values_at(json, pointer)
                .into_iter()
                .filter(|v| booleans || !v.is_boolean())
                .filter_map(|v| match v {
                    Value::Array(items)
                        if !items.is_empty()
                            && items.iter().all(|i| !i.is_object() && !i.is_array()) =>
                    {
                        Some(
                            items
                                .iter()
                                .filter_map(knowledge::scalar)
                                .collect::<Vec<_>>()
                                .join("."),
                        )
                    }
                    other => knowledge::scalar(other),
                })
                .collect(),
            Reader::Xml(body) => body
                .xml_field(pointer.trim_start_matches('/'))
                .map(|v| vec![v.to_string()])
                .unwrap_or_default(),
        }
    }

    fn first(&self, pointers: &[&'static str]) -> Option<(&'static str, String)> {
        pointers
            .iter()
            .find_map(|p| self.words(p).into_iter().next().map(|v| (*p, v)))
    }

    fn present(&self, pointer: &str) -> bool {
        match self {
            Reader::Json(json) => knowledge::values_at(json, pointer)
                .iter()
                .any(|v| !v.is_null()),
            Reader::Xml(body) => body.xml_field(pointer.trim_start_matches('/')).is_some(),
        }
    }

    fn label(&self, pointer: &str) -> String {
        match self {
            Reader::Json(_) => knowledge::label(pointer),
            Reader::Xml(_) => pointer.trim_start_matches('/').to_string(),
        }
    }
}

fn holds(condition: &Condition, reader: &Reader, exchange: &Exchange) -> bool {
    match condition {
        Condition::Exists(p) => reader.present(p),
        Condition::Absent(p) => !reader.present(p),
        Condition::Equals(p, v) => reader.values(p).iter().any(|x| x == v),
        Condition::Contains(p, v) => reader
            .values(p)
            .iter()
            .any(|x| x.to_ascii_lowercase().contains(v)),
        Condition::Header(name, v) => exchange
            .header(name)
            .is_some_and(|h| h.to_ascii_lowercase().contains(v)),
    }
}

fn find_format(reader: &Reader, xml: bool, exchange: &Exchange) -> Option<&'static Format> {
    FORMATS
        .iter()
        .filter(|f| f.xml == xml)
        .find(|f| f.when.iter().all(|c| holds(c, reader, exchange)))
}

/// `com.amazon.coral.service#ThrottlingException`, `ThrottlingException:http://internal…` → the name.
fn bare_code(value: &str) -> &str {
    let value = value.rsplit('#').next().unwrap_or(value);
    // A problem type is a URL (X's "https://api.twitter.com/2/problems/unsupported-authentication"):
    // its last segment names the error.
    if value.contains("://") {
        if let Some(last) = value.trim_end_matches('/').rsplit('/').next() {
            return last;
        }
    }
    match value.split_once(':') {
        Some((name, _)) if !name.is_empty() && !name.contains(' ') => name,
        _ => value,
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}

fn read_format(format: &'static Format, reader: &Reader, exchange: &Exchange, notes: &mut Notes) {
    notes.matched(format.id);
    let name = if format.named_when.is_empty()
        || format.named_when.iter().any(|c| holds(c, reader, exchange))
    {
        format.name
    } else {
        "API"
    };
    let message = reader
        .first(format.message)
        .map(|(p, m)| (p, first_line(&m).to_string()));
    if let Some((_, m)) = &message {
        notes.server_message(m);
    }
    if let Some((pointer, value)) = reader.first(format.status) {
        if let Ok(code) = value.trim().parse::<u16>() {
            notes.code_hint(code, Evidence::body(&reader.label(pointer), &value));
        }
    }
    // A message that names the error status in words ("402 Client Error: Payment Required for url",
    // a proxy's body quoting requests' exception): the status of the call it reports.
    if let Some((pointer, m)) = &message {
        if let Some((status, _)) = crate::paste::named_status_in(m).filter(|(s, _)| s.code >= 400) {
            notes.code_hint(status.code, Evidence::body(&reader.label(pointer), m));
        }
    }
    for pointer in format.request_id {
        for value in reader.values(pointer) {
            // A dashboard URL ending in the id (`…/logs/req_123`) gives the id.
            let value = if value.starts_with("https://") {
                let last = value.split('?').next().unwrap_or(&value);
                last.rsplit('/').next().unwrap_or(last).to_string()
            } else {
                first_line(&value).to_string()
            };
            notes.request_id(&reader.label(pointer), &value);
        }
    }
    if let Some((pointer, value)) = reader.first(format.retry_after) {
        let evidence = Evidence::body(&reader.label(pointer), &value);
        notes.retry_hint = Some((evidence, value, format.retry_unit));
    }
    if let Some(component) = format.component.and_then(knowledge::component) {
        notes.matched(component.id);
        notes.answered_by(component.name);
    }

    // Every code the body names, in the format's order; the first the knowledge explains wins.
    let mut named: Vec<(&'static str, String)> = Vec::new();
    for pointer in format.codes {
        for value in reader.values(pointer) {
            if !named.iter().any(|(_, v)| *v == value) {
                named.push((pointer, value));
            }
        }
    }
    let mut evidence: Vec<Evidence> = named
        .iter()
        .map(|(p, v)| Evidence::body(&reader.label(p), v))
        .collect();
    if let Some((p, m)) = &message {
        evidence.push(Evidence::body(&reader.label(p), m));
    }
    for pointer in format.details {
        for value in reader.words(pointer) {
            if value.starts_with("https://") || value.starts_with("http://") {
                notes.step(shown!(
                    "Read the API's page for this error: {}",
                    super::quote(super::redact::mask(&value)),
                ));
            }
            evidence.push(Evidence::body(&reader.label(pointer), first_line(&value)));
        }
    }
    let slots = |code: Option<&str>| Slots {
        code: code.map(super::redact::mask),
        message: message
            .as_ref()
            .map(|(_, m)| super::quote(super::redact::mask(m))),
        name: Some(name),
        status: exchange.code(),
        host: None,
    };
    let explained = named.iter().find_map(|(_, value)| {
        let bare = bare_code(value);
        knowledge::code(format.id, value)
            .or_else(|| knowledge::code(format.id, bare))
            .map(|entry| (entry, bare.to_string()))
    });
    match explained {
        Some((entry, code)) => {
            notes.apply(entry.id, &entry.meaning, &slots(Some(&code)), evidence);
            hidden_failure(format, Some(entry), &slots(Some(&code)), exchange, notes);
        }
        None => {
            // A format may look a message up as a code ("Bad credentials"); an unknown message is
            // not a code to put in a title.
            // A flag ({"error": true}) is a code only where an entry explains it (Discord's
            // "global": true), never a title's "API error true".
            let code = named
                .iter()
                .map(|(_, v)| bare_code(v))
                .filter(|c| !matches!(*c, "true" | "false"))
                .find(|c| c.len() <= 64 && !c.contains(char::is_whitespace))
                .map(str::to_string);
            if !evidence.is_empty() {
                notes.add(
                    format.kind,
                    Severity::Problem,
                    match &code {
                        Some(c) => shown!("{} error {}", name, super::redact::mask(c)),
                        None => shown!("{} error", name),
                    },
                    "The body carries the API's own error; its code and message say what failed. Search the API's documentation for the code.",
                    evidence,
                );
            }
            hidden_failure(format, None, &slots(code.as_deref()), exchange, notes);
        }
    }
    if let (Some(pointer), Reader::Json(json)) = (format.fields, reader) {
        field_errors(knowledge::values_at(json, pointer).first().copied(), notes);
    }
}

/// Formats whose servers answer 200 even when the call failed (GraphQL): a success status with
/// errors is not a success. When the code's entry already gives the verdict, it stands; otherwise the
/// verdict says the status hides a failure.
fn hidden_failure(
    format: &Format,
    entry: Option<&knowledge::Code>,
    slots: &Slots,
    exchange: &Exchange,
    notes: &mut Notes,
) {
    // A body that names an error status itself (AniList's GraphQL error with "status": 403, pasted
    // without its status line) was not sent with 200.
    let named = exchange
        .body
        .as_ref()
        .and_then(|b| b.json.as_ref())
        .and_then(|json| {
            status_named_by_its_key(json)
                .map(|(code, _)| code)
                .or_else(|| number_beside_its_phrase(json).map(|(code, _, _)| code))
                .or_else(|| common_status_as_code(json).map(|(code, _)| code))
        });
    if !format.hides_status
        || !exchange
            .code()
            .or(named)
            .is_none_or(|c| (200..300).contains(&c))
    {
        return;
    }
    // A body pasted without any status: it may have come with 200 (GraphQL servers) or with an error
    // status (REST APIs that copy GraphQL's error shape, such as Directus's 403): say so, and let
    // the error's own explanation give the verdict.
    if exchange.code().is_none() && named.is_none() {
        notes.add(
            FindingKind::SuccessButFailed,
            Severity::Warning,
            "The HTTP status may hide this failure",
            shown!(
                "{} servers often answer 200 OK even when the request failed: act on the error in the body, whatever the status.",
                format.name,
            ),
            Vec::new(),
        );
        return;
    }
    notes.add(
        FindingKind::SuccessButFailed,
        Severity::Problem,
        "The HTTP status hides this failure",
        shown!(
            "{} servers answer 200 OK even when the request failed: treat this response as a failure and act on its error.",
            format.name,
        ),
        Vec::new(),
    );
    if entry.is_some_and(|e| e.meaning.verdict.is_some()) {
        return;
    }
    let what = entry
        .map(|e| knowledge::fill(e.meaning.title.get(), slots))
        .unwrap_or_else(|| Shown::from("the server reports an error for part of the request"));
    notes.verdict(
        Precedence::HiddenFailure,
        shown!(
            "The HTTP status says OK, but the {} response carries an error: {}.",
            format.name,
            super::lower_first(what),
        ),
    );
}

fn field_errors(errors: Option<&Value>, notes: &mut Notes) {
    let Some(list) = errors.and_then(Value::as_array) else {
        return;
    };
    for item in list.iter().take(8) {
        // Where: a JSON pointer, a field name, or a location list (`"loc": ["body", "email"]`).
        let location = item.get("loc").and_then(Value::as_array).map(|parts| {
            parts
                .iter()
                .filter_map(knowledge::scalar)
                .collect::<Vec<_>>()
                .join(".")
        });
        let pointer = knowledge::first_scalar(
            item,
            &[
                "/pointer",
                "/source/pointer",
                "/source/parameter",
                "/field",
                "/name",
                "/param",
                "/path",
                "/location",
            ],
        )
        .map(|(_, v)| v)
        .or(location.filter(|l| !l.is_empty()));
        let message = knowledge::first_scalar(
            item,
            &[
                "/detail",
                "/message",
                "/msg",
                "/description",
                "/issue",
                "/reason",
                "/title",
                "/code",
            ],
        )
        .map(|(_, v)| v)
        .unwrap_or_else(|| "invalid".to_string());
        let message = message.as_str();
        let Some(pointer) = pointer else { continue };
        let field = super::redact::mask(&pointer);
        let pointer = pointer.as_str();
        notes.add(
            FindingKind::FieldInvalid,
            Severity::Problem,
            shown!("Invalid field {}", field),
            shown!(
                "The server rejects “{}”: {}",
                field,
                super::quote(super::redact::mask(message)),
            ),
            vec![
                Evidence::body("errors[].pointer", pointer),
                Evidence::body("errors[].detail", message),
            ],
        );
        notes.step(shown!(
            "Fix the field “{}” in the request body: {}",
            field,
            super::quote(super::redact::mask(message)),
        ));
    }
}

/// "502 Bad Gateway", "api.example.com | 522: Connection timed out": a status code followed by its
/// catalog phrase in a page title or heading.
fn status_in_title(title: &str) -> Option<u16> {
    let bytes = title.as_bytes();
    (0..bytes.len().saturating_sub(2)).find_map(|at| {
        let digits = bytes.get(at..at + 3)?;
        let boundary_before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let boundary_after = bytes.get(at + 3).is_none_or(|b| !b.is_ascii_alphanumeric());
        if !digits.iter().all(u8::is_ascii_digit) || !boundary_before || !boundary_after {
            return None;
        }
        let code: u16 = title[at..at + 3].parse().ok()?;
        let status = crate::catalog::lookup(code)?;
        // A title that opens with an error status and a separator is a stock error page's, whatever
        // its words (IIS: "502 - Web server received an invalid response while acting as a gateway
        // or proxy server.", "404 - File or directory not found.").
        // The words are a sentence (IIS ends them with a full stop), not a site's title ("404 -
        // Studio | Home").
        let rest = &title[at + 3..];
        let sentence = rest.trim_end().ends_with('.') && !rest.contains('|');
        if at == 0
            && code >= 400
            && sentence
            && [" - ", " – ", ": "].iter().any(|s| rest.starts_with(s))
        {
            return Some(code);
        }
        let phrase = title[at + 3..]
            .trim_start_matches([':', ' ', '-'])
            .split('|')
            .next()?
            .trim();
        status.answers_to(phrase).then_some(code)
    })
}

/// A server's stock page titles itself with the status and the server's own reason phrase, and
/// repeats the words as its heading: Apache's "502 Proxy Error" over "Proxy Error", nginx's "401
/// Authorization Required" over the same. The phrase need not be the registered one.
fn status_of_stock_title(title: &str, heading: &str) -> Option<u16> {
    let title = title.trim();
    let (digits, words) = title.split_at_checked(3)?;
    let code: u16 = digits.parse().ok()?;
    let words = words.strip_prefix(' ')?.trim();
    let heading = heading.trim();
    let repeated = heading.eq_ignore_ascii_case(title) || heading.eq_ignore_ascii_case(words);
    let is_words = words.chars().any(char::is_alphabetic);
    ((400..=599).contains(&code)
        && digits.bytes().all(|b| b.is_ascii_digit())
        && is_words
        && repeated
        && crate::catalog::lookup(code).is_some())
    .then_some(code)
}

/// Bodies that contradict the status line.
pub(super) fn mismatches(exchange: &Exchange, status: &Status, notes: &mut Notes) {
    let Some(body) = &exchange.body else { return };
    // The error body names another error status with that status's own phrase
    // ({"code":413,"message":"Request Entity Too Large"} printed as "code '404'"): the server that
    // wrote the body answered that status, and something in between (a proxy, a gateway, a custom
    // error handler, an inner call's wrapper) reported another. What the body's status means is the
    // failure to fix.
    if let Some((stated, pointer, phrase)) = body.json.as_ref().and_then(number_beside_its_phrase) {
        if let Some(inner) =
            crate::catalog::lookup(stated).filter(|_| stated != status.code && status.code >= 400)
        {
            let finding = notes.add_at(
                FindingKind::BodyStatusDiffers,
                Severity::Problem,
                shown!(
                    "The body says {} {}; the status says {}",
                    stated,
                    inner.phrase,
                    status.code
                ),
                shown!(
                    "The error body was written for a {}: {} The response was reported as {}: a proxy, a gateway, a custom error handler or a service wrapping an inner call changed it on the way. Fix what the body's {} means first; then, if the {} surprises you, find what rewrote it.",
                    stated,
                    super::lower_first(inner.summary),
                    status.code,
                    stated,
                    status.code,
                ),
                vec![Evidence::body(&pointer, &format!("{stated} {phrase}"))],
                false,
            );
            // The body's status is the cause: its steps, not the reported status's, are the answer.
            notes.settle(
                finding,
                Precedence::Mismatch,
                shown!(
                    "The error body says {} {}: {} The {} around it was set by something in between.",
                    stated,
                    inner.phrase,
                    super::lower_first(inner.summary),
                    status.code,
                ),
                inner.caller_steps.iter().take(2).map(|s| Shown::from(*s)).collect(),
                false,
            );
        }
    }
    let lower: String = body
        .text
        .chars()
        .take(20_000)
        .collect::<String>()
        .to_ascii_lowercase();
    // JSON sent as text/html or text/plain: clients that decode by the header (REST Assured, dio,
    // Retrofit's converters, jQuery) treat it as a page or as text and fail to read it.
    // The header is checked first: only a body labelled as a page or as text is parsed again.
    let declared = body.content_type.as_deref().unwrap_or("");
    let lower_declared = declared.to_ascii_lowercase();
    let mislabelled = (lower_declared.contains("html") || lower_declared.starts_with("text/plain"))
        && body.text.trim_start().starts_with(['{', '['])
        && serde_json::from_str::<serde::de::IgnoredAny>(body.text.trim()).is_ok();
    if mislabelled {
        let shown_type = super::redact::mask(declared);
        notes.add(
            FindingKind::JsonLabelledAsHtml,
            Severity::Warning,
            shown!("The body is JSON, but it was sent as {}", shown_type.clone()),
            "Clients that decode a response by its Content-Type (REST Assured, dio, Retrofit's converters, jQuery, axios with a set responseType) treat this body as a page or as text and fail to read it, although it is valid JSON. Tools that guess from the content (Postman, browsers' viewers) show it fine, which hides the problem.",
            vec![Evidence::header("Content-Type", declared)],
        );
        if status.class == StatusClass::Success {
            notes.verdict(
                Precedence::Mismatch,
                shown!(
                    "The request succeeded, but its JSON body is labelled {}: clients that decode by Content-Type fail to read it.",
                    shown_type,
                ),
            );
        }
        notes.step("Have the server send this response with Content-Type: application/json; until it does, tell the client to parse the body as JSON whatever the header says (REST Assured: registerParser(\"text/html\", Parser.JSON); dio: responseType plain, then jsonDecode).");
        return;
    }
    if body.media == MediaKind::Html {
        let login = (lower.contains("<form") && lower.contains("password"))
            || ["sign in", "log in", "login"].iter().any(|w| {
                body.html_title
                    .as_deref()
                    .unwrap_or("")
                    .to_ascii_lowercase()
                    .contains(w)
            });
        let wanted_json = exchange.request.as_ref().is_some_and(|r| {
            r.headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case("accept") && h.value.contains("json"))
        }) || exchange
            .request
            .as_ref()
            .and_then(|r| r.target.as_deref())
            .is_some_and(looks_like_api);
        if login {
            notes.add(
                FindingKind::LoginPage,
                Severity::Problem,
                "You got a login page, not the API",
                "The response is an HTML sign-in page. The request was redirected to (or intercepted by) a login: an expired session, an SSO/identity proxy in front of the API, or a URL that points at the website instead of the API.",
                vec![Evidence::body("HTML title", body.html_title.as_deref().unwrap_or("sign-in form"))],
            );
            notes.verdict(Precedence::WrongPlace, "Instead of the API's answer you got an HTML login page: the request was not authenticated the way the API expects, or it went to the website instead of the API.");
            notes.step("Call the API host and path from the docs (not the website), and authenticate with an API token rather than a browser session.");
            notes.side(Precedence::WrongPlace, Side::Client);
        } else if wanted_json || status.class == StatusClass::Success {
            notes.add(
                FindingKind::HtmlInsteadOfJson,
                Severity::Warning,
                "HTML where JSON was expected",
                "An API answered with an HTML page. That usually means a proxy, CDN or web server answered instead of the API, or the URL points at the wrong host or path.",
                vec![Evidence::body("HTML title", body.html_title.as_deref().or(body.html_heading.as_deref()).unwrap_or("HTML page"))],
            );
        }
    }
    if status.class == StatusClass::Success {
        if let Some(json) = &body.json {
            let failed_flag = json.get("success") == Some(&Value::Bool(false))
                || json.get("status").and_then(Value::as_str).is_some_and(|s| {
                    s.eq_ignore_ascii_case("error") || s.eq_ignore_ascii_case("fail")
                });
            let has_error = json.get("ok") == Some(&Value::Bool(false))
                || (json.get("errors").is_some() && json.get("data").is_none_or(Value::is_null));
            // A format that knows its servers answer 200 for failures has said so already.
            let said = notes
                .findings
                .iter()
                .any(|f| f.kind == FindingKind::SuccessButFailed);
            if (failed_flag || has_error) && !said {
                notes.add(
                    FindingKind::SuccessButFailed,
                    Severity::Problem,
                    shown!("The status says {} but the body says it failed", status.code),
                    "Some APIs report errors in the body with a 200 status. Treat this as a failure and check the error in the body.",
                    vec![Evidence::body("body", &json.to_string())],
                );
                notes.verdict(
                    Precedence::Mismatch,
                    shown!(
                        "The HTTP status is {} {}, but the body reports a failure.",
                        status.code,
                        status.phrase,
                    ),
                );
            }
        }
    }
    if let (Some(error), true) = (
        &body.json_error,
        exchange
            .header("content-type")
            .is_some_and(|c| c.contains("json")),
    ) {
        notes.add(
            FindingKind::BodyUnreadable,
            Severity::Warning,
            "The JSON body could not be read",
            shown!(
                "The Content-Type says JSON but the body is not valid JSON ({}).",
                super::redact::mask(error)
            ),
            Vec::new(),
        );
    }
}

fn looks_like_api(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.contains("/api")
        || lower.contains("api.")
        || lower.contains("/v1")
        || lower.contains("/v2")
        || lower.contains("/v3")
        || lower.contains("graphql")
        || lower.ends_with(".json")
}

/// An error status under a key that can only mean the HTTP status (`httpStatus`,
/// `httpStatusCode`…), at any depth: SDKs serialise their errors with the response's status nested
/// inside (the AWS SDK's `"$metadata": {"httpStatusCode": 403}`, Braintree's drop-in error four
/// objects deep). The shallowest wins: an outer one is what this client received.
fn status_named_by_its_key(json: &Value) -> Option<(u16, String)> {
    const KEYS: [&str; 5] = [
        "httpStatus",
        "httpStatusCode",
        "http_status",
        "http_status_code",
        "HTTPStatusCode",
    ];
    let mut level: Vec<(String, &Value)> = vec![(String::new(), json)];
    let mut seen = 0usize;
    for _ in 0..12 {
        let mut next = Vec::new();
        for (path, value) in level {
            seen += 1;
            if seen > 5_000 {
                return None;
            }
            match value {
                Value::Object(map) => {
                    for key in KEYS {
                        let code = match map.get(key) {
                            Some(Value::Number(n)) => {
                                n.as_u64().and_then(|n| u16::try_from(n).ok())
                            }
                            Some(Value::String(s)) if s.len() == 3 => s.parse().ok(),
                            _ => None,
                        };
                        if let Some(code) = code.filter(|c| (400..=599).contains(c)) {
                            if crate::catalog::lookup(code).is_some() {
                                return Some((code, format!("{path}/{key}")));
                            }
                        }
                    }
                    next.extend(map.iter().map(|(k, v)| (format!("{path}/{k}"), v)));
                }
                Value::Array(items) => {
                    next.extend(
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, v)| (format!("{path}/{i}"), v)),
                    );
                }
                _ => {}
            }
        }
        if next.is_empty() {
            return None;
        }
        level = next;
    }
    None
}

/// A status number beside that status's own phrase in one error object (`{code: 410, status:
/// 'Gone'}`, `{"status": 404, "error": "NOT_FOUND"}`): whatever the vendor, the body names its status.
/// A bare number does not count (Facebook's `"code": 506` is not a status), nor a phrase alone.
fn number_beside_its_phrase(json: &Value) -> Option<(u16, String, String)> {
    const NUMBERS: [&str; 6] = [
        "code",
        "status",
        "statusCode",
        "status_code",
        "httpStatus",
        "http_status",
    ];
    const PHRASES: [&str; 8] = [
        "status",
        "error",
        "message",
        "reason",
        "statusText",
        "title",
        "name",
        "code",
    ];
    for (prefix, map) in error_objects(json) {
        for key in NUMBERS {
            let Some(code) = map
                .get(key)
                .and_then(Value::as_u64)
                .and_then(|n| u16::try_from(n).ok())
                .filter(|n| (400..=599).contains(n))
            else {
                continue;
            };
            let Some(status) = crate::catalog::lookup(code) else {
                continue;
            };
            let phrase = PHRASES.iter().find_map(|k| {
                map.get(*k)
                    .and_then(Value::as_str)
                    .filter(|s| is_phrase_of(status, s))
            });
            if let Some(phrase) = phrase {
                return Some((code, format!("{prefix}/{key}"), phrase.to_string()));
            }
        }
    }
    None
}

/// A bare `"code"` number beside an error message, when the number is one of the error statuses
/// APIs answer every day (`{"code": 503, "error": "Exceeded Limit", "message": …}`,
/// `{"code": 400, "message": "APIError AA001: …"}`): vendors that mirror the status in the body
/// write it there. Rarer numbers stay unread (Facebook's `"code": 506` is its own code, not 506).
fn common_status_as_code(json: &Value) -> Option<(u16, String)> {
    // 402 too: AI gateways answer out-of-credit with it (OpenRouter's {"error": {"code": 402,
    // "message": "More credits are required…"}}, wrapped once more by the tools that pass it on).
    const COMMON: [u16; 16] = [
        400, 401, 402, 403, 404, 405, 409, 410, 413, 415, 422, 429, 500, 502, 503, 504,
    ];
    const MESSAGES: [&str; 6] = [
        "message",
        "msg",
        "error",
        "detail",
        "error_description",
        "errorMessage",
    ];
    // "ret" is the same field in many Chinese APIs' bodies: {"msg":"token invalid","ret":401}.
    // "status_code" as a number ({"message":"project not ready","status_code":503}); Midtrans writes
    // its own codes there as strings ("407"), which are not read. "errorCode"/"error_code" beside a
    // message ({"errorCode": 401, "error": "Not authorized API token."}) likewise, and a "status"
    // inside the error object beside an inner error's message (an OpenAI-compatible proxy's
    // {"error": {"status": 401, "error": {"message": …}}}), and Apiman's "responseCode" beside its
    // message ({"failureCode": 10005, "message": "Rate limit exceeded.", "responseCode": 429}).
    error_objects(json).find_map(|(prefix, map)| {
        let (key, code) = [
            "code",
            "ret",
            "status_code",
            "errorCode",
            "error_code",
            "status",
            "responseCode",
            // IBM Quantum's {"error": {"statusCode": 503, "name": "MAINTENANCE", "message": "Planned
            // maintenance…", "code": 1999}}.
            "statusCode",
        ]
        .iter()
        .find_map(|key| {
            map.get(*key)
                .and_then(Value::as_u64)
                .and_then(|n| u16::try_from(n).ok())
                .filter(|n| COMMON.contains(n))
                .map(|n| (*key, n))
        })?;
        // Or a message inside an error object beside the code (Printful: {"code":401,"result":…,
        // "error":{"reason":"Unauthorized","message":"The access token provided is invalid."}}).
        let said = MESSAGES.iter().any(|k| {
            map.get(*k)
                .and_then(Value::as_str)
                .is_some_and(|m| !m.trim().is_empty())
        }) || map
            .get("error")
            .and_then(|e| e.get("message"))
            .and_then(Value::as_str)
            .is_some_and(|m| !m.trim().is_empty())
            // Or a list of messages (Nutanix: {"state": "ERROR", "code": 401, "message_list":
            // [{"reason": "AUTHENTICATION_REQUIRED", "message": "Authentication required."}]}).
            || ["message_list", "messages", "errors", "error_messages"]
                .iter()
                .any(|k| map.get(*k).and_then(Value::as_array).is_some_and(|a| !a.is_empty()));
        said.then(|| (code, format!("{prefix}/{key}")))
    })
}

/// An error object's code, status or category whose whole value is a registered error phrase, as
/// code writes it (HubSpot's `"category": "CONFLICT"`, `"code": "NOT_FOUND"`, `"error": "Bad
/// Request"`): the vendor named the status in words. GraphQL's `extensions.code` is not read: its
/// codes come with 200 as often as not.
fn field_named_a_status(json: &Value) -> Option<(u16, String, String)> {
    const FIELDS: [&str; 8] = [
        "code",
        "status",
        "error",
        "category",
        "type",
        "errorCode",
        "error_code",
        "statusText",
    ];
    // Not a GraphQL error's type ("NOT_FOUND" comes with 200 from GitHub's GraphQL API): only a
    // number there names the status.
    // A JSON:API error's `status` is the status by definition (IT Glue writes Rails' symbol there:
    // `"status": "unprocessable_entity"`); a GraphQL response has `data` beside its errors, which
    // JSON:API forbids, and its error's status in words comes with 200 as often as not.
    let graphql = json.get("data").is_some();
    for (prefix, map) in error_objects(json) {
        for key in FIELDS {
            if prefix == "/errors/0" && (key != "status" || graphql) {
                continue;
            }
            let Some(value) = map.get(key).and_then(Value::as_str) else {
                continue;
            };
            if value.len() > 40 {
                continue;
            }
            let status = crate::catalog::all()
                .iter()
                .find(|s| s.code >= 400 && s.official && is_phrase_of(s, value));
            if let Some(status) = status {
                return Some((status.code, format!("{prefix}/{key}"), value.to_string()));
            }
        }
    }
    None
}

/// The error objects of a JSON body where vendors put their status and code: the top (or the first
/// item of a top-level array) and its `error` object, with their pointers.
fn error_objects(
    json: &Value,
) -> impl Iterator<Item = (&'static str, &serde_json::Map<String, Value>)> {
    let top = json.get(0).unwrap_or(json);
    // Riot Games: {"status": {"message": "Forbidden", "status_code": 403}}; a GraphQL API's first
    // error (AniList: {"errors": [{"message": "…", "status": 403}], "data": null}).
    [
        ("", Some(top)),
        ("/error", top.get("error")),
        ("/status", top.get("status")),
        ("/errors/0", top.get("errors").and_then(|e| e.get(0))),
    ]
    .into_iter()
    .filter_map(|(prefix, value)| Some((prefix, value?.as_object()?)))
}

/// Whether `text` is `status`'s registered phrase or an older name of it, however it is written
/// ("Not Found", "NOT_FOUND", "notFound").
pub(super) fn is_phrase_of(status: &Status, text: &str) -> bool {
    let wanted = crate::catalog::normalise_phrase(text);
    !wanted.is_empty()
        && std::iter::once(status.phrase)
            .chain(status.aliases.iter().copied())
            .any(|p| crate::catalog::normalise_phrase(p) == wanted)
}

/// A vendor's error code printed in prose beside the vendor's name, where no body of that vendor's
/// format was read: an SDK's or a log's own text ("Twilio Client Error: [HTTP 400] 21608 : Unable to
/// create record"). The entries written for that format's codes explain it there too, so a vendor is
/// one entry for every shape its error is pasted in.
pub(super) fn codes_in_text(exchange: &Exchange, notes: &mut Notes) {
    if notes.cause_settled {
        return;
    }
    let mut text = String::new();
    let mut push = |t: &str| {
        let mut end = t.len().min(20_000);
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        text.push_str(&t[..end]);
        text.push('\n');
    };
    if let Some(message) = &exchange.message_text {
        push(message);
    }
    // A body a format read has had its codes looked up; only the text of others is prose.
    if let Some(body) = exchange.body.as_ref().filter(|b| b.json.is_none()) {
        push(&body.text);
    }
    if let Some(client) = &exchange.client {
        push(&client.message);
    }
    if let Some(log) = &exchange.log {
        push(&log.line);
    }
    if text.trim().is_empty() {
        return;
    }
    for format in FORMATS {
        let Some(vendor) = vendor_word(format.name) else {
            continue;
        };
        if notes.matched_entry(format.id) || !has_token(&text, vendor) {
            continue;
        }
        for entry in CODES.iter().filter(|c| c.scopes.contains(&format.id)) {
            if let Some(code) = entry
                .codes
                .iter()
                .find(|c| distinctive(c) && has_token(&text, c))
            {
                let slots = Slots {
                    code: Some(super::quote(super::redact::mask(code))),
                    name: Some(format.name),
                    ..Slots::default()
                };
                notes.apply(
                    entry.id,
                    &entry.meaning,
                    &slots,
                    vec![Evidence::of(
                        super::EvidenceSource::Paste,
                        &format!("{vendor} error code"),
                        code,
                    )],
                );
                return;
            }
        }
    }
}

/// The word that names a format's vendor in prose ("Twilio", "Stripe"), or none for a shape many
/// APIs share ("Problem details", "GraphQL", "API error object").
fn vendor_word(name: &str) -> Option<&str> {
    const SHARED: [&str; 7] = [
        "API", "Problem", "GraphQL", "JSON:API", "OAuth", "Cloud", "X",
    ];
    let word = name.split_whitespace().next()?;
    (word.len() >= 4
        && word.starts_with(|c: char| c.is_ascii_uppercase())
        && !SHARED.contains(&word))
    .then_some(word)
}

/// A code that cannot be an ordinary word, phrase or number of the text: "21608", "card_declined",
/// "AuthorizationPermissionMismatch", "REQUEST_DENIED"; not "invalid", "DENIED", "Not Found",
/// "AccessDenied" (many vendors' word) or "1020".
fn distinctive(code: &str) -> bool {
    let digits = code.chars().all(|c| c.is_ascii_digit());
    let upper = code.chars().filter(char::is_ascii_uppercase).count();
    let lower = code.chars().any(|c| c.is_ascii_lowercase());
    code.len() >= 5
        && !code.contains(char::is_whitespace)
        && (digits
            || code.contains(['_', '.'])
            || code.chars().any(|c| c.is_ascii_digit())
            || (upper >= 3 && lower))
}

/// `word` in `text` as a whole token (case as written): not inside a longer word or number.
fn has_token(text: &str, word: &str) -> bool {
    let inner = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(inner)
            && !text[at + word.len()..].chars().next().is_some_and(inner)
    })
}
