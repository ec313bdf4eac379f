//! Response bodies: what kind they are, and the parts a diagnosis quotes (the JSON value, an HTML
//! page's title and first heading, an XML error's fields).

use quick_xml::events::Event;
use quick_xml::Reader;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MediaKind {
    Json,
    Xml,
    Html,
    Text,
}

impl MediaKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Json => "JSON",
            Self::Xml => "XML",
            Self::Html => "HTML",
            Self::Text => "plain text",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Body {
    pub text: String,
    pub media: MediaKind,
    /// The Content-Type the server declared, if any.
    pub content_type: Option<String>,
    /// The parsed value of a JSON body.
    pub json: Option<serde_json::Value>,
    /// Why a body that looks like JSON could not be read.
    pub json_error: Option<String>,
    pub html_title: Option<String>,
    pub html_heading: Option<String>,
    /// Leaf elements of an XML body, in document order (`Code`, `Message`, `RequestId`…).
    pub xml_fields: Vec<(String, String)>,
}

/// Bodies larger than this are kept whole but only their start is searched for titles and XML fields.
const SCAN_LIMIT: usize = 256 * 1024;
const XML_FIELD_LIMIT: usize = 200;

impl Body {
    /// Classify `text` using the declared content type first, then its first characters.
    pub fn sniff(text: &str, content_type: Option<&str>) -> Body {
        let declared = content_type.map(str::to_ascii_lowercase);
        let start = text.trim_start();
        let lower_start: String = start
            .chars()
            .take(64)
            .collect::<String>()
            .to_ascii_lowercase();
        let media = match declared.as_deref() {
            Some(ct) if ct.contains("json") => MediaKind::Json,
            Some(ct) if ct.contains("html") => MediaKind::Html,
            Some(ct) if ct.contains("xml") => MediaKind::Xml,
            Some(ct) if ct.starts_with("text/plain") => MediaKind::Text,
            // An array of error objects or strings; "[Error] …", "[user]$ …" and "[2024-…] …" are
            // text that happens to start with a bracket.
            _ if start.starts_with('{')
                || (start.starts_with('[')
                    && start[1..].trim_start().starts_with(['{', '[', '"', ']'])) =>
            {
                MediaKind::Json
            }
            _ if lower_start.starts_with("<!doctype html")
                || lower_start.starts_with("<html")
                || lower_start.starts_with("<head")
                || lower_start.starts_with("<body")
                || lower_start.starts_with("<title")
                || lower_start.starts_with("<center") =>
            {
                MediaKind::Html
            }
            _ if start.starts_with('<') => MediaKind::Xml,
            _ => MediaKind::Text,
        };
        let mut body = Body {
            text: text.to_string(),
            media,
            content_type: content_type.map(str::to_string),
            json: None,
            json_error: None,
            html_title: None,
            html_heading: None,
            xml_fields: Vec::new(),
        };
        match media {
            MediaKind::Json => match parse_json(start).or_else(|error| {
                // Indentation copied from a web page or a chat (no-break or ideographic spaces).
                // A repair of a printed body, never of a body a response declared as JSON: a
                // server's broken JSON stays broken.
                let repaired = |repair: fn(&str) -> Option<String>| {
                    declared
                        .is_none()
                        .then(|| repair(start))
                        .flatten()
                        .and_then(|text| parse_json(&text).ok())
                };
                super::shared::plain_spaces(start)
                    .and_then(|plain| parse_json(&plain).ok())
                    // Quotes an issue tracker, a chat or a word processor made typographic
                    // ({“status”:“error”,…}).
                    .or_else(|| repaired(straight_quotes))
                    // A program's print of the parsed body, not the body: Python's repr
                    // ({'error': {'code': 'TOKEN_MISSING'}}) or Node's util.inspect ({ error: 'x' }).
                    // Without a declared JSON type only: a server's broken JSON stays broken.
                    .or_else(|| {
                        let literal = declared.is_none()
                            && (start.starts_with("{'")
                                || start.starts_with("[{'")
                                || start.starts_with("{ ")
                                    && start[1..].trim_start().starts_with(char::is_alphabetic));
                        literal
                            .then(|| super::shared::inspect_to_json(start))
                            .and_then(|json| parse_json(&json).ok())
                    })
                    // A terminal or a log wrapped the long lines of a printed body, breaking its
                    // strings ("insufficient authenticatio\nn scopes").
                    .or_else(|| repaired(unwrap_strings))
                    // The person's or a program's own lines after the body (Tyk's log line under
                    // the response it answered): the value before them is the body.
                    .or_else(|| leading_value(start).and_then(|json| parse_json(json).ok()))
                    .ok_or(error)
            }) {
                Ok(value) => body.json = Some(quoted_error_body(value)),
                Err(error) => {
                    body.json_error = Some(describe_json_error(&error));
                    // A body cut off by the paste (or by a tool's "Truncated server response:")
                    // still says what it says before the cut.
                    if error.classify() == serde_json::error::Category::Eof {
                        body.json = close_cut_json(start).and_then(|whole| parse_json(&whole).ok());
                    }
                    // A body declared as JSON that is really an HTML page is a finding of its own.
                    if lower_start.starts_with('<') {
                        body.media = MediaKind::Html;
                        body.read_html();
                    }
                }
            },
            MediaKind::Html => body.read_html(),
            MediaKind::Xml => {
                body.xml_fields = xml_fields(scan_prefix(text));
                if body.xml_fields.is_empty() && lower_start.contains("<html") {
                    body.media = MediaKind::Html;
                    body.read_html();
                }
            }
            MediaKind::Text => {}
        }
        body
    }

    fn read_html(&mut self) {
        let scan = scan_prefix(&self.text);
        self.html_title = element_text(scan, "title");
        self.html_heading = element_text(scan, "h1");
    }

    /// The first XML field with this name (case-insensitive).
    pub fn xml_field(&self, name: &str) -> Option<&str> {
        self.xml_fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A note about the body itself, for the reader.
    pub fn note(&self) -> Option<crate::diagnosis::Shown> {
        if self.json.is_some() && self.json_error.is_some() {
            return Some(crate::shown!(
                "The JSON body stops before its end, as if the paste was cut off; what it says up \
                 to the cut was read."
            ));
        }
        self.json_error.as_ref().map(|e| {
            crate::shown!(
                "The body looks like JSON but could not be read: {}.",
                crate::diagnosis::redact::mask(e)
            )
        })
    }

    /// Short plain text that reads like an error message from a server or proxy.
    pub fn looks_like_server_message(&self) -> bool {
        const WORDS: [&str; 12] = [
            "error",
            "upstream",
            "failed",
            "denied",
            "timeout",
            "timed out",
            "unavailable",
            "invalid",
            "not found",
            "forbidden",
            "unauthorized",
            "refused",
        ];
        let lower = self.text.to_ascii_lowercase();
        self.text.len() < 4000 && WORDS.iter().any(|w| lower.contains(w))
    }
}

/// A wrapper's error whose message is the upstream's whole JSON error as a string (an editor plugin or
/// a gateway passing Google's `{"error":{"code":400,"message":"API key expired…"}}` on inside
/// `{"error":{"message":"{\n  \"error\": …","code":400}}`): the upstream's body, which says more.
fn quoted_error_body(value: serde_json::Value) -> serde_json::Value {
    let inner = [
        "/error/message",
        "/message",
        "/error",
        "/detail",
        "/errorMessage",
    ]
    .iter()
    .filter_map(|pointer| value.pointer(pointer)?.as_str())
    .map(str::trim)
    .filter(|text| text.ends_with('}'))
    // The upstream's body alone, or after a short label: the OpenAI SDK's "Error code: 401 - {'error':
    // {…}}" (a Python dict) as a tool passes it on in its own `{'type': 'error', 'message': …}`.
    // After a label, only an upstream's whole error envelope counts: a wrapper's "BedrockException -
    // {\"message\": …}" is its own summary beside the code it carries.
    .filter_map(|text| {
        let at = text.find('{')?;
        (at <= 60 && !text[..at].contains(['\n', '"'])).then_some((at > 0, &text[at..]))
    })
    .find_map(|(labelled, text)| {
        parse_json(text)
            .ok()
            .or_else(|| {
                text.starts_with("{'")
                    .then(|| super::shared::inspect_to_json(text))
                    .and_then(|json| parse_json(&json).ok())
            })
            .filter(|inner| {
                inner.get("error").is_some() || !labelled && inner.get("message").is_some()
            })
    });
    inner.unwrap_or(value)
}

/// How [`Body::json_error`] begins when the JSON simply stops (a cut-off paste).
pub const JSON_CUT_OFF: &str = "it stops before its end";

/// A JSON body as a value, keeping the first items of long arrays and objects: an error is
/// described at the top and in the first few items, and a 10 MB export's other items would cost
/// most of the time and memory of a diagnosis. The whole text is still checked as JSON.
fn parse_json(text: &str) -> Result<serde_json::Value, serde_json::Error> {
    use serde::de::DeserializeSeed;
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Bounded.deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// The first JSON object or array of `text`, when a line break and other lines follow it: where its
/// brackets close, outside strings.
fn leading_value(text: &str) -> Option<&str> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (at, c) in text.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    let end = at + 1;
                    let rest = &text[end..];
                    let next_line = rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n');
                    return (next_line && !rest.trim().is_empty()).then(|| &text[..end]);
                }
            }
            _ => {}
        }
    }
    None
}

/// JSON text whose typographic double quotes (“ ”) were straight ones, when it has any.
fn straight_quotes(text: &str) -> Option<String> {
    text.contains(['\u{201c}', '\u{201d}'])
        .then(|| text.replace(['\u{201c}', '\u{201d}'], "\""))
}

/// JSON text with the line breaks inside its strings removed, when there are any: a JSON string
/// cannot hold a raw line break, so one there was put in by whatever wrapped the printed text.
pub(crate) fn unwrap_strings(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped, mut removed) = (false, false, false);
    for c in text.chars() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            } else if c == '\n' || c == '\r' {
                removed = true;
                continue;
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
    }
    removed.then_some(out)
}

/// How many items of one array or object are kept.
const KEPT_ITEMS: usize = 64;

struct Bounded;

impl<'de> serde::de::DeserializeSeed<'de> for Bounded {
    type Value = serde_json::Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(Bounded)
    }
}

impl<'de> serde::de::Visitor<'de> for Bounded {
    type Value = serde_json::Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(v.into())
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(serde_json::Value::Null)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while items.len() < KEPT_ITEMS {
            match seq.next_element_seed(Bounded)? {
                Some(v) => items.push(v),
                None => return Ok(items.into()),
            }
        }
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(items.into())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.len() < KEPT_ITEMS * 4 {
                object.insert(key, map.next_value_seed(Bounded)?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(object.into())
    }
}

/// JSON that stops before its end, closed where it stops: the open string ended, a dangling key
/// given `null`, every open object and array closed. When that does not parse, the last complete
/// member is kept instead. `None` when nothing is open, or no closing parses.
fn close_cut_json(text: &str) -> Option<String> {
    let mut stack: Vec<u8> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    // Where each member ended (a comma outside strings), with the depth there.
    let mut commas: Vec<(usize, usize)> = Vec::new();
    for (i, b) in text.bytes().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' => stack.push(b'}'),
            b'[' => stack.push(b']'),
            b'}' | b']' => {
                stack.pop()?;
            }
            b',' => commas.push((i, stack.len())),
            _ => {}
        }
    }
    if stack.is_empty() {
        return None;
    }
    let closers =
        |depth: usize| -> String { stack[..depth].iter().rev().map(|&b| b as char).collect() };
    let mut base = text.trim_end().to_string();
    if in_string {
        if escaped {
            base.pop();
        }
        base.push('"');
    }
    let base = base.trim_end_matches(',');
    let parses = |candidate: &str| serde_json::from_str::<serde::de::IgnoredAny>(candidate).is_ok();
    let tries = [
        format!("{base}{}", closers(stack.len())),
        format!("{base}:null{}", closers(stack.len())),
        format!("{base}null{}", closers(stack.len())),
    ];
    if let Some(whole) = tries.into_iter().find(|t| parses(t)) {
        return Some(whole);
    }
    commas
        .iter()
        .rev()
        .take(8)
        .map(|&(at, depth)| format!("{}{}", &text[..at], closers(depth)))
        .find(|t| parses(t))
}

fn describe_json_error(error: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => format!(
            "{JSON_CUT_OFF} (line {}), as if the paste was cut off",
            error.line()
        ),
        Category::Syntax => format!(
            "syntax error at line {}, column {}",
            error.line(),
            error.column()
        ),
        _ => error.to_string(),
    }
}

fn scan_prefix(text: &str) -> &str {
    if text.len() <= SCAN_LIMIT {
        return text;
    }
    let mut end = SCAN_LIMIT;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The text inside the first `<tag …>…</tag>`, tags stripped, entities decoded, spaces folded.
fn element_text(html: &str, tag: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = format!("<{tag}");
    let mut from = 0;
    let start = loop {
        let at = from + lower[from..].find(&open)?;
        let after = lower.as_bytes().get(at + open.len()).copied();
        if matches!(
            after,
            Some(b'>') | Some(b' ') | Some(b'\t') | Some(b'\n') | Some(b'\r')
        ) {
            break at;
        }
        from = at + open.len();
    };
    let content_start = start + lower[start..].find('>')? + 1;
    let close = format!("</{tag}");
    let content_end = content_start + lower[content_start..].find(&close)?;
    let text = strip_tags(&html[content_start..content_end]);
    let text = decode_entities(&text);
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!folded.is_empty()).then_some(folded)
}

/// The visible text of an HTML fragment: tags removed, entities decoded, white space folded.
pub fn visible_text(html: &str) -> String {
    decode_entities(&strip_tags(html))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// HTML character references decoded: every numeric one (`&#32;`, `&#x23;`; Akamai writes its
/// "Reference #" that way), XML's five (through quick-xml) and the named ones error pages use.
/// An unknown name is kept as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let decoded = after.find(';').filter(|end| *end <= 32).and_then(|end| {
            let name = &after[..end];
            let c = if let Some(number) = name.strip_prefix('#') {
                let value = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => number.parse::<u32>().ok(),
                };
                value.and_then(char::from_u32).map(String::from)
            } else {
                quick_xml::escape::resolve_predefined_entity(name)
                    .or(match name {
                        "nbsp" => Some(" "),
                        "ndash" => Some("–"),
                        "mdash" => Some("—"),
                        "hellip" => Some("…"),
                        "lsquo" => Some("‘"),
                        "rsquo" => Some("’"),
                        "ldquo" => Some("“"),
                        "rdquo" => Some("”"),
                        "copy" => Some("©"),
                        "middot" => Some("·"),
                        _ => None,
                    })
                    .map(String::from)
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push_str(&c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Leaf elements of an XML document with their text, in order. Stops quietly at malformed XML,
/// keeping what it read.
fn xml_fields(xml: &str) -> Vec<(String, String)> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut fields = Vec::new();
    let mut current: Option<String> = None;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                current = Some(String::from_utf8_lossy(e.local_name().as_ref()).into_owned());
                text.clear();
            }
            Ok(Event::Text(t)) => {
                if current.is_some() {
                    match t.unescape() {
                        Ok(s) => text.push_str(&s),
                        Err(_) => text.push_str(&String::from_utf8_lossy(t.as_ref())),
                    }
                }
            }
            Ok(Event::CData(t)) => {
                if current.is_some() {
                    text.push_str(&String::from_utf8_lossy(t.as_ref()));
                }
            }
            Ok(Event::End(_)) => {
                if let Some(name) = current.take() {
                    fields.push((name, text.trim().to_string()));
                    if fields.len() >= XML_FIELD_LIMIT {
                        break;
                    }
                }
                text.clear();
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_entities_are_decoded_numeric_ones_included() {
        assert_eq!(
            super::decode_entities("Reference&#32;&#35;18&#46;2c0a1f17&#46;1715678467 &amp; &#x41;&nbsp;&lt;b&gt; &unknown; & x"),
            "Reference #18.2c0a1f17.1715678467 & A <b> &unknown; & x"
        );
        assert_eq!(super::decode_entities("&#1114112; &#;"), "&#1114112; &#;");
    }
}
