//! Evidence inside prose. What people paste into an issue or a chat often starts with their own
//! words, a stack trace or a log prefix, and the status line, the sentence that names the status or
//! the error body comes later: "I get this:", then `HTTP/1.1 503 …`; `openai.RateLimitError: Error
//! code: 429 - {'error': …}`; `HttpResponseException: 404 Not Found` above a JSON body. This reader is
//! tried after every reader that reads a whole paste.

use super::shared::{
    balanced, head, inspect_to_json, method_near, named_status, phrase_status, plain_spaces,
    prefix, status_line, urls_in, WORDING_SCAN,
};
use super::{Body, Exchange, InputKind, MediaKind, Request};

pub(super) fn read(trimmed: &str) -> Option<Exchange> {
    let scanned = prefix(trimmed, WORDING_SCAN);
    // A status line later in the paste: read from there with every whole-paste reader (headers and
    // body come with it).
    let mut offset = 0;
    for (i, line) in scanned.split('\n').enumerate().take(2000) {
        let start = line.trim_start().trim_start_matches("< ");
        if i > 0 && status_line(start).is_some() && !labelled_expected(&trimmed[..offset]) {
            if let Some(mut exchange) = super::read_whole(trimmed[offset..].trim()) {
                if exchange.status.is_some() {
                    // The lines above the status line (a server's startup log, the command that
                    // was run) are where a page's or a tool's fixed wording may show.
                    let before = trimmed[..offset].trim();
                    if exchange.message_text.is_none() && !before.is_empty() {
                        exchange.message_text = Some(head(before));
                    }
                    return Some(exchange);
                }
            }
        }
        offset += line.len() + 1;
    }
    // A paste that is one whole JSON document is a body, read whole by the last resort: an object
    // inside it (UPS's `trackResponse.shipment[0].warnings[0]`) is part of that body, not the error
    // body a message quotes.
    if trimmed.starts_with(['{', '[']) && serde_json::from_str::<serde_json::Value>(trimmed).is_ok()
    {
        return None;
    }
    let body = embedded_body(scanned);
    // A sentence that names the status, with the error body it quotes.
    // A phrase is weaker evidence than an error body that carries a number: litellm's
    // "BadRequestError" around Vertex's `{"error": {"code": 403, …}}` is about the 403.
    let numbered = named_status(trimmed);
    let from_phrase = numbered.is_none();
    let named = numbered.or_else(|| {
        if body.as_ref().is_some_and(names_error_number) {
            return None;
        }
        phrase_status(trimmed).map(|s| (s, None))
    });
    if let Some((status, wording)) = named {
        let mut exchange = Exchange::new(InputKind::Message);
        exchange.status_from_phrase = from_phrase;
        exchange.message_text = Some(head(trimmed));
        exchange.status = Some(status);
        exchange.entries.extend(wording);
        // The request's URL, not a link the error body quotes ("read the docs: https://…",
        // GitHub's documentation_url).
        let quoted = |url: &String| body.as_ref().is_some_and(|b| b.text.contains(url.as_str()));
        if let Some(url) =
            urls_in(trimmed).find(|url| !quoted(url) && !super::shared::pointed_to(trimmed, url))
        {
            exchange.request = Some(Request {
                method: method_near(trimmed),
                target: Some(url),
                headers: Vec::new(),
            });
        }
        // Without an error body, the text itself is kept as the body: a server's stock text
        // ("502 Bad Gateway", "nginx/1.6.2") in it still says who answered.
        exchange.body = body.or_else(|| Some(Body::sniff(trimmed, None)));
        return Some(exchange);
    }
    // An error body inside the text, without a status: its format may name one. A paste that is
    // nothing but the body is read as a body by the last resort instead.
    let body = body?;
    // A paste that is the body itself (only a little text after it) is read as a body by the last
    // resort; a label before it ("Error: {…}") makes it a message that quotes the body.
    if trimmed.starts_with(['{', '[']) && body.text.len() + 16 >= trimmed.len() {
        return None;
    }
    let mut exchange = Exchange::new(InputKind::Message);
    exchange.message_text = Some(head(trimmed));
    exchange.body = Some(body);
    Some(exchange)
}

/// Whether the label above a status line says it is what the writer expected, not what they got
/// (an issue form's "Expected output:" above "HTTP/1.1 200 OK", then "Actual output:" and the real one).
fn labelled_expected(before: &str) -> bool {
    let label = before
        .rsplit('\n')
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .trim_start_matches(['#', '*', ' '])
        .to_ascii_lowercase();
    label.len() <= 40 && label.starts_with("expected")
}

/// Whether the label just before an object (the text before it on its line, or else the line above)
/// names the request, not the response.
fn labelled_request(before: &str) -> bool {
    let mut lines = before.rsplit('\n');
    let same_line = lines.next().unwrap_or("").trim();
    let label = if same_line.is_empty() {
        lines.map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
    } else {
        same_line
    };
    let label = label.to_ascii_lowercase();
    // A label that starts with the word ("Request Data -", "request body:"), not an exception that
    // names a status ("RestClient::BadRequest: 400 Bad Request").
    label.len() <= 40 && label.starts_with("request") && !label.contains("response")
}

/// A printed response whose body is a string that holds JSON (`{ statusCode: 403, data: '{\n' +
/// '  "title": "Unsupported Authentication", …' }`, as util.inspect prints a text body): the JSON
/// inside is the error body.
fn string_held_body(json: &str) -> Option<String> {
    let serde_json::Value::Object(map) = serde_json::from_str(json).ok()? else {
        return None;
    };
    ["data", "body", "responseBody", "responseText"]
        .iter()
        .filter_map(|key| map.get(*key)?.as_str())
        .map(str::trim)
        .find(|inner| {
            inner.starts_with('{')
                && serde_json::from_str::<serde_json::Value>(inner).is_ok_and(|v| v.is_object())
        })
        .map(str::to_string)
}

/// The first JSON object (or Python/JavaScript literal, or JSON escaped inside a string) in the text,
/// or the HTML page that starts on a line of its own.
pub(super) fn embedded_body(text: &str) -> Option<Body> {
    let unescaped;
    let text = if text.contains("{\\\"") {
        unescaped = text.replace("\\\"", "\"");
        unescaped.as_str()
    } else {
        text
    };
    if let Some(body) = json_lines_error(text) {
        return Some(body);
    }
    for (at, _) in text.match_indices('{').take(40) {
        let Some(block) = balanced(text, at) else {
            // An object that never closes: the paste (or the tool's "Truncated server response:")
            // cut it. What it says before the cut still counts.
            // A Python dict the paste cut off (an SDK's "{'error': {'code': 429, …" with its last
            // brace missing) is read the same way, as JSON.
            // Guzzle quotes at most 120 bytes of a body and writes " (truncated...)" after them
            // (its BodySummarizer): the body stops there, not at the end of the paste.
            let end = text[at..]
                .find(" (truncated...)")
                .map_or(text.len(), |cut| at + cut);
            let rest = text[at + 1..end].trim_start();
            let cut = if rest.starts_with('"') {
                Some(std::borrow::Cow::Borrowed(&text[at..end]))
            } else if rest.starts_with('\'') {
                Some(std::borrow::Cow::Owned(inspect_to_json(&text[at..end])))
            } else {
                None
            };
            if let Some(body) = cut
                .map(|cut| Body::sniff(&cut, None))
                .filter(|body| body.json.as_ref().is_some_and(looks_like_error))
            {
                return Some(body);
            }
            continue;
        };
        // A key and its value: JSON's ':' or Ruby's "=>".
        if !(block.contains(':') || block.contains("=>")) || block.len() < 7 {
            continue;
        }
        // What the program sent, under its label ("Request Data -", "Request body:"), is not the
        // error body: messaging-api-telegram prints the request's JSON before the response's.
        if labelled_request(&text[..at]) {
            continue;
        }
        let parses = |json: &str| serde_json::from_str::<serde_json::Value>(json).is_ok();
        let json = if parses(block) {
            block.to_string()
        } else if let Some(plain) = plain_spaces(block).filter(|plain| parses(plain)) {
            plain
        } else if let Some(joined) =
            // A terminal wrapped the printed line inside one of its strings ("invalid\nx-api-key").
            super::body::unwrap_strings(block).filter(|joined| parses(joined))
        {
            joined
        } else {
            let converted = inspect_to_json(block);
            if serde_json::from_str::<serde_json::Value>(&converted).is_err() {
                continue;
            }
            converted
        };
        let json = string_held_body(&json).unwrap_or(json);
        let body = Body::sniff(&json, None);
        if body.media == MediaKind::Json && body.json.as_ref().is_some_and(looks_like_error) {
            return Some(body);
        }
    }
    let mut offset = 0;
    for line in text.split('\n').take(2000) {
        let start = line.trim_start();
        let lower = start.get(..14).unwrap_or(start).to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
            return Some(Body::sniff(text[offset..].trim(), None));
        }
        // A page printed after an exception's label on the same line (pytest's "AssertionError:
        // <html>" for `assert r.status_code == 200, r.text`, "Error: <!DOCTYPE html>…"), up to its
        // end: what the runner prints after it is not the page.
        if line.contains(": <") {
            let lower = line.to_ascii_lowercase();
            if let Some(at) = [": <html", ": <!doctype html"]
                .iter()
                .filter_map(|m| lower.find(m))
                .min()
            {
                let rest = &text[offset + at + 2..];
                let end = rest
                    .to_ascii_lowercase()
                    .rfind("</html>")
                    .map_or(rest.len(), |end| end + "</html>".len());
                return Some(Body::sniff(rest[..end].trim(), None));
            }
        }
        // An XML error document quoted in a traceback (boto's S3 errors), or after an error's label
        // on the same line ("Error: <?xml …><Error><Code>AuthorizationPermissionMismatch…" from an
        // Azure Storage client), cut after its root's end.
        // Only after a lone label ("Error:", an exception's name): a message that quotes the XML
        // mid-sentence (Guzzle's "… resulted in a `404 Not Found` response: <?xml …" inside a
        // crash page) is about something else.
        let labelled_xml = line
            .to_ascii_lowercase()
            .find(": <?xml")
            .filter(|&at| !line[..at].trim().contains(char::is_whitespace))
            .map(|at| at + 2);
        if lower.starts_with("<?xml")
            || lower.starts_with("<error>")
            || lower.starts_with("<errorresponse")
            || labelled_xml.is_some()
        {
            let rest = &text[offset + labelled_xml.unwrap_or(0)..];
            let end = ["</Error>", "</ErrorResponse>"]
                .iter()
                .filter_map(|tag| rest.rfind(tag).map(|at| at + tag.len()))
                .max()
                .unwrap_or(rest.len());
            let body = Body::sniff(rest[..end].trim(), None);
            if body.media == MediaKind::Xml {
                return Some(body);
            }
        }
        offset += line.len() + 1;
    }
    None
}

/// A stream of JSON objects, one per line (Docker's push and pull progress through its API, a
/// structured log): the error is the last line that carries one, not the first line's progress
/// (`{"status":"The push refers to repository …"}`, then `{"errorDetail":{…},"error":"denied: …"}`).
fn json_lines_error(text: &str) -> Option<Body> {
    let objects: Vec<(&str, serde_json::Value)> = text
        .lines()
        .take(2000)
        .map(str::trim)
        .filter(|l| l.starts_with('{') && l.ends_with('}'))
        .filter_map(|l| Some((l, serde_json::from_str::<serde_json::Value>(l).ok()?)))
        .collect();
    if objects.len() < 2 {
        return None;
    }
    let (line, _) = objects.iter().rev().find(|(_, value)| {
        ["error", "errorDetail", "errors"]
            .iter()
            .any(|k| value.get(k).is_some_and(|v| !v.is_null()))
    })?;
    Some(Body::sniff(line, None))
}

/// An object with the keys error bodies have (a request body quoted in a command line has none).
fn looks_like_error(value: &serde_json::Value) -> bool {
    const KEYS: [&str; 20] = [
        "error",
        "errors",
        "message",
        "msg",
        "code",
        "status",
        "statusCode",
        "detail",
        "details",
        "fault",
        "title",
        "error_description",
        "errorMessage",
        "reason",
        "error_code",
        "errorCode",
        "error_message",
        "status_code",
        "errcode",
        "errmsg",
    ];
    // Telegram's and Slack's {"ok": false, …} say it too.
    value.as_object().is_some_and(|o| {
        KEYS.iter().any(|k| o.contains_key(*k))
            || o.get("ok") == Some(&serde_json::Value::Bool(false))
    })
}

/// Whether an error body carries an error status as a number where JSON error bodies usually do
/// (`code`, `status`, `statusCode`, at the top or under `error`, or in the first item of an array).
fn names_error_number(body: &Body) -> bool {
    let Some(json) = &body.json else {
        return false;
    };
    let json = json.get(0).unwrap_or(json);
    [
        "/code",
        "/status",
        "/statusCode",
        "/error/code",
        "/error/status",
    ]
    .iter()
    .filter_map(|p| json.pointer(p).and_then(serde_json::Value::as_u64))
    .any(|n| (400..=599).contains(&n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paste::shared::named_status;

    fn code(text: &str) -> Option<u16> {
        named_status(text).map(|(s, _)| s.code)
    }

    #[test]
    fn a_status_is_found_by_its_phrase_or_its_words_anywhere_in_a_sentence() {
        assert_eq!(
            code("Twitter API returned a 403 (Forbidden), Invalid request"),
            Some(403)
        );
        assert_eq!(code("resulted in a '401 Unauthorized' response"), Some(401));
        assert_eq!(
            code("file could not be downloaded (HTTP/1.1 404 Not Found)"),
            Some(404)
        );
        assert_eq!(
            code("E: Failed to fetch https://x/InRelease  403  Forbidden [IP: 1.2.3.4 443]"),
            Some(403)
        );
        assert_eq!(
            code("openai.RateLimitError: Error code: 429 - {'error': {}}"),
            Some(429)
        );
        assert_eq!(code("Status Code: 502"), Some(502));
        assert_eq!(code("504: GATEWAY_TIMEOUT"), Some(504));
        assert_eq!(code("HTTP Error 500.19 - Internal Server Error"), Some(500));
        assert_eq!(
            code("The remote server returned an error: (403) Forbidden."),
            Some(403)
        );
        assert_eq!(
            code("<HttpError 429 when requesting https://x returned \"quota\">"),
            Some(429)
        );
        assert_eq!(
            code("#<Response @status_code=\"403\", @body=\"\">"),
            Some(403)
        );
        // The first named status wins.
        assert_eq!(code("status code 503, then later 404 Not Found"), Some(503));
        // Numbers that are not statuses with their phrase or their words are not read.
        assert_eq!(code("I tried 404 times and it failed"), None);
        assert_eq!(code("Error code: 1015"), None);
        assert_eq!(code("listening on port 8080, pid 4041"), None);
        assert_eq!(code("see https://example.com/404 Not Found"), None);
        assert_eq!(code("404 Not Foundation"), None);
    }

    #[test]
    fn the_error_body_inside_a_sentence_is_read_even_as_a_python_repr() {
        let body = embedded_body(
            "Error code: 402 - {'error': {'message': 'Insufficient Balance', 'param': None}}",
        )
        .unwrap();
        assert_eq!(body.media, MediaKind::Json);
        assert!(
            body.text.contains("\"Insufficient Balance\""),
            "{}",
            body.text
        );
        let body = embedded_body(r#"@body="{\"errors\":[{\"message\":\"denied\"}]}""#).unwrap();
        assert!(body.text.contains("\"denied\""), "{}", body.text);
        assert!(embedded_body("use {name} in the template").is_none());
        let body = embedded_body("botocore.exceptions.ClientError: An error occurred\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error>\nTraceback follows").unwrap();
        assert_eq!(body.media, MediaKind::Xml);
        assert_eq!(body.xml_field("Code"), Some("SignatureDoesNotMatch"));
        // A request body quoted in a command line is not an error body.
        assert!(
            embedded_body("gcloud pubsub topics publish t --message='{\"object\":\"a.csv\"}'")
                .is_none()
        );
    }
}
