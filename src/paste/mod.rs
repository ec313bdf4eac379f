//! Reading a paste: turn whatever text the user pasted into an [`Exchange`].
//!
//! People paste bare codes, status lines, raw responses, `curl -v` output, DevTools header blocks, HAR
//! files, console errors from HTTP client libraries, access-log lines, JSON/XML/HTML bodies, and
//! network errors that never reached HTTP. Each reader here recognises one shape and is lenient about
//! line endings, indentation and missing blank lines. Nothing here judges what the paste means: that is
//! `diagnosis`.

pub(crate) mod body;
mod clients;
mod curl;
mod embedded;
mod har;
mod head;
mod logs;
mod network;
mod printed;
mod shared;

use shared::lines;

pub use crate::knowledge::NetworkErrorKind;
pub use body::{visible_text, Body, MediaKind};
pub(crate) use shared::prefix;
pub(crate) use shared::url_in;
pub use shared::NetworkError;

use serde::Serialize;
use std::collections::BTreeSet;

/// What kind of input the paste was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    Empty,
    /// `429`
    BareCode,
    /// `HTTP/1.1 503 Service Unavailable`, `HTTP/2 404`
    StatusLine,
    /// `404 Not Found`
    ReasonLine,
    /// A status line, headers and perhaps a body.
    RawResponse,
    /// Header blocks copied from browser DevTools (`:status: 504`, "Status Code: 504", name/value lines).
    DevtoolsHeaders,
    /// `curl -v` output (`>`, `<`, `*` lines).
    CurlVerbose,
    /// A response body alone: JSON, XML, HTML or text.
    Body,
    /// A browser HAR file.
    Har,
    /// An error string from an HTTP client library (axios, requests, .NET, Java, PowerShell).
    ClientError,
    /// A line of a web server access log (combined log format).
    AccessLog,
    /// An error that is not an HTTP status at all: CORS, DNS, TCP, TLS, timeouts.
    NetworkError,
    /// An error message (an exception, a CLI's or a console's output) with the status or the error
    /// body inside its text.
    Message,
    /// Text we could not make sense of.
    Unrecognised,
}

impl InputKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Empty => "nothing",
            Self::BareCode => "a status code",
            Self::StatusLine => "a status line",
            Self::ReasonLine => "a status code with its reason phrase",
            Self::RawResponse => "a raw HTTP response",
            Self::DevtoolsHeaders => "headers copied from browser DevTools",
            Self::CurlVerbose => "curl output",
            Self::Body => "a response body",
            Self::Har => "a HAR file",
            Self::ClientError => "an HTTP client library error",
            Self::AccessLog => "an access-log line",
            Self::NetworkError => "a network or browser error",
            Self::Message => "an error message",
            Self::Unrecognised => "text without an HTTP status",
        }
    }
}

/// The status of the response, as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusLine {
    pub code: u16,
    /// The reason phrase as the server sent it, if it sent one.
    pub reason: Option<String>,
    /// `HTTP/1.1`, `HTTP/2`… when known.
    pub version: Option<String>,
}

/// One header, as sent (name case kept, repeated names kept in order).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Header {
    pub name: String,
    pub value: String,
}

/// The request, when the paste shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Request {
    pub method: Option<String>,
    /// The path or full URL.
    pub target: Option<String>,
    pub headers: Vec<Header>,
}

/// Another failing entry of a HAR file, listed beside the one diagnosed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OtherEntry {
    pub method: String,
    pub url: String,
    pub status: u16,
}

/// One request of a paste that holds many (a HAR file), for the table of requests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Its position among the paste's requests (0-based), as `diagnose(text, { exchange })` takes it.
    pub index: usize,
    pub method: String,
    pub url: String,
    /// 0: no HTTP response (blocked, cancelled, failed).
    pub status: u16,
    /// The browser's total time for it, in milliseconds.
    pub time_ms: Option<u32>,
    /// Read in full for a failed request (the first [`har::DIAGNOSED_ROWS`] of them), to diagnose it.
    pub exchange: Option<Box<Exchange>>,
}

impl Row {
    pub fn failed(&self) -> bool {
        self.status == 0 || self.status >= 400
    }
}

impl Exchange {
    /// The failed rows other than the one read: the list beside it.
    fn other_failed_rows(&self) -> Vec<OtherEntry> {
        self.rows
            .iter()
            .filter(|r| r.failed() && Some(r.index) != self.chosen)
            .map(|r| OtherEntry {
                method: r.method.clone(),
                url: r.url.clone(),
                status: r.status,
            })
            .collect()
    }
}

/// Everything the paste told us, split into its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    pub kind: InputKind,
    pub status: Option<StatusLine>,
    /// Response headers, in order.
    pub headers: Vec<Header>,
    pub body: Option<Body>,
    pub request: Option<Request>,
    /// Set when the paste is an error that never produced an HTTP status.
    pub network_error: Option<NetworkError>,
    /// For client-library errors: which library said it, and the message line.
    pub client: Option<ClientReport>,
    /// For log lines: which format, and the fields it names.
    pub log: Option<LogReport>,
    /// Other failing HAR entries, or other error lines of a log.
    pub others: Vec<OtherEntry>,
    /// Every request of a HAR file, in order (empty for a paste of one exchange).
    pub rows: Vec<Row>,
    /// Which of `rows` this exchange is.
    pub chosen: Option<usize>,
    /// Things the reader noticed about the paste itself ("the JSON is cut off"), masked.
    pub notes: Vec<crate::diagnosis::Shown>,
    /// Knowledge entries the reader used to read it (a `[[status_wording]]`).
    pub entries: Vec<&'static str>,
    /// The status came only from a reason phrase written without a number ("Forbidden - a valid
    /// key must be sent"): an entry that knows the vendor's documented status for those words wins.
    pub status_from_phrase: bool,
    /// The error message's own text (its first 20 kB), when the status or body came from inside it:
    /// pages and wordings are looked for there too.
    pub message_text: Option<String>,
    /// A console line's source location before the request (`question_grpc_web_pb.js:221`): the
    /// script's name says which library made the request, so pages are looked for there too.
    pub source_location: Option<String>,
}

/// A log line, read by its format's knowledge entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogReport {
    /// The `[[log]]` entry's id, also the scope of its codes.
    pub id: &'static str,
    pub name: &'static str,
    pub line: String,
    /// The format's own error code on that line (`H12`, `backend_timeout`).
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// A load balancer's line whose backend field holds the error status: the backend answered it
    /// and the load balancer passed it on ("503 503" in a Classic ELB line).
    pub backend_answered: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClientReport {
    /// The knowledge's id for the client (`python-requests`).
    pub id: &'static str,
    /// Its name as people know it ("Python requests").
    pub name: &'static str,
    pub message: String,
    /// A vendor code the tool printed (`Error from server (Forbidden)`), where its knowledge says.
    #[serde(skip)]
    pub code: Option<PrintedCode>,
}

/// A vendor code printed by a client, the knowledge entry that explains it, and the line it was on.
#[derive(Clone, Debug)]
pub struct PrintedCode {
    pub value: String,
    pub entry: &'static crate::knowledge::Code,
    pub line: String,
}

impl PartialEq for PrintedCode {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.entry.id == other.entry.id && self.line == other.line
    }
}

impl Eq for PrintedCode {}

impl Exchange {
    pub(crate) fn new(kind: InputKind) -> Self {
        Exchange {
            kind,
            status: None,
            headers: Vec::new(),
            body: None,
            request: None,
            network_error: None,
            client: None,
            log: None,
            others: Vec::new(),
            rows: Vec::new(),
            chosen: None,
            notes: Vec::new(),
            entries: Vec::new(),
            status_from_phrase: false,
            message_text: None,
            source_location: None,
        }
    }

    /// The first response header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }

    /// The status code, if the paste has one.
    pub fn code(&self) -> Option<u16> {
        self.status.as_ref().map(|s| s.code)
    }

    /// A 301–303 to a request other than GET or HEAD: clients follow it with a GET and drop the
    /// body (RFC 9110 §15.4), so the request that arrives is not the one that was sent.
    pub fn redirect_changes_method(&self) -> bool {
        self.code().is_some_and(|c| (301..=303).contains(&c))
            && self
                .request
                .as_ref()
                .and_then(|r| r.method.as_deref())
                .is_some_and(|m| m != "GET" && m != "HEAD")
    }
}

/// Read any pasted text. Never fails: text we cannot read comes back as [`InputKind::Unrecognised`]
/// with a note saying so.
/// Read request `index` of a paste that holds many (a HAR file) instead of the one [`read`] picks;
/// any other paste, or an index past its requests, reads as [`read`] does.
pub fn read_request(text: &str, index: usize) -> Exchange {
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with(['{', '[']) {
        if let Some(exchange) = har::read_at(trimmed, Some(index)) {
            if exchange.chosen == Some(index) {
                return exchange;
            }
        }
    }
    let first = read(text);
    let chosen = match first.kind {
        InputKind::CurlVerbose if !first.rows.is_empty() => curl::read_at(trimmed, Some(index)),
        InputKind::AccessLog if !first.rows.is_empty() => {
            logs::read_at(trimmed, Some(index)).map(|mut exchange| {
                exchange.message_text = first.message_text.clone();
                exchange.client = first.client.clone();
                exchange
            })
        }
        _ => None,
    };
    match chosen {
        Some(exchange) if exchange.chosen == Some(index) => exchange,
        _ => first,
    }
}

/// The status a sentence names ("402 Client Error: Payment Required for url", "status code 503") and
/// the wording that named it, for messages found inside a body.
pub(crate) fn named_status_in(text: &str) -> Option<(StatusLine, Option<&'static str>)> {
    shared::named_status(text)
}

/// The note on a paste no reader recognised; the diagnosis drops it when knowledge explained the
/// text after all (a message that a page's words match).
pub const UNRECOGNISED: &str =
    "No HTTP status line, header or known error message was found in the paste.";

pub fn read(text: &str) -> Exchange {
    let mut exchange = read_shape(text);
    // A client's error line or a log line has no body; its own text is where a page's or a tool's
    // fixed wording shows (Django's "Forbidden (CSRF cookie not set.)" above its access-log line).
    // So is the text around a response the page's code could not read (Tiingo's plain-text notice
    // under Python's JSONDecodeError).
    let unread = exchange
        .network_error
        .as_ref()
        .is_some_and(NetworkError::response_received);
    if exchange.body.is_none()
        && exchange.message_text.is_none()
        && (unread || matches!(exchange.kind, InputKind::ClientError | InputKind::AccessLog))
    {
        exchange.message_text = Some(shared::head(text.trim()));
    }
    // Response headers the program printed as an object inside its message.
    if exchange.headers.is_empty()
        && matches!(
            exchange.kind,
            InputKind::Message
                | InputKind::ClientError
                | InputKind::NetworkError
                | InputKind::Unrecognised
        )
    {
        exchange.headers = printed::headers(text);
        if !exchange.headers.is_empty() {
            // Headers were found after all.
            exchange.notes.retain(|n| n.as_str() != UNRECOGNISED);
        }
    }
    // Which client produced it: its markers (an exception's name), or the one client that prints the
    // failure's wording. Only for pastes that are a client's own output: a response body that quotes
    // "java.net." was not reported by Java. Markers sit in the first lines of a trace.
    let own_output = matches!(
        exchange.kind,
        InputKind::NetworkError | InputKind::Unrecognised | InputKind::Message
    ) || (exchange.kind == InputKind::Body
        && exchange.body.as_ref().is_some_and(|b| {
            // Plain text, or "JSON" that does not parse: a prompt like "[user]$ ./trivy …".
            b.media == MediaKind::Text || (b.media == MediaKind::Json && b.json.is_none())
        }));
    // A client's error line heading the paste names it whatever follows (an axios error object
    // given to `diagnose()` is written as its error line, then the response as raw HTTP).
    let headed_by_client =
        || clients::identify(text.trim_start().lines().next().unwrap_or("")).is_some();
    if exchange.client.is_none() && (own_output || headed_by_client()) {
        let trimmed = shared::prefix(text.trim(), 64 * 1024);
        let client = clients::identify(trimmed).or_else(|| {
            exchange
                .network_error
                .as_ref()
                .and_then(|e| e.client)
                .and_then(crate::knowledge::client)
        });
        if let Some(client) = client {
            // The client's line without the marks a log collector put before it (Node's stack line
            // behind "svc.1.id@node    | "), unless the mark is the client's own marker (Terraform's box).
            let plain = undecorate(trimmed);
            let line = client
                .markers
                .iter()
                .find_map(|m| {
                    plain
                        .as_deref()
                        .and_then(|p| lines(p).find(|l| l.contains(m)))
                })
                .or_else(|| {
                    client
                        .markers
                        .iter()
                        .find_map(|m| lines(trimmed).find(|l| l.contains(m)))
                })
                .or_else(|| exchange.network_error.as_ref().map(|e| e.message.as_str()))
                .unwrap_or("")
                .trim()
                .to_string();
            exchange.client = Some(ClientReport {
                id: client.id,
                name: client.name,
                message: line,
                code: clients::printed_code(client, trimmed),
            });
        }
    }
    exchange
}

type Reader = fn(&str) -> Option<Exchange>;

/// Every shape of paste and its reader, in order of precedence: the first that recognises the text
/// reads it. Whole HTTP messages first (a response body may quote a log line or an error message);
/// logs before DevTools blocks (a log's "#Fields:" line passes for a header); a whole HTML or XML
/// body before the text readers (its text may say "timed out" without being our failure); a client's
/// own error line before the failure wordings (it names the status); evidence inside prose last.
const READERS: &[(&str, Reader)] = &[
    ("a bare status code", head::bare_code),
    ("a HAR file", har_file),
    ("curl -v output", curl::read),
    ("a request and its response", head::request_then_response),
    ("a raw response", head::raw_response),
    ("a log line", logs::read),
    ("an authentication challenge", head::auth_challenge),
    ("DevTools headers", head::devtools),
    ("an HTML or XML body", markup),
    ("a client library's or tool's error line", clients::read),
    ("a network, TLS, DNS or browser failure", network::read),
    ("a browser console request line", network::console_status),
    ("an access-log line", clients::access_log),
    ("a status and its reason phrase", head::reason_line),
    ("evidence inside prose", embedded::read),
];

fn har_file(trimmed: &str) -> Option<Exchange> {
    trimmed
        .starts_with(['{', '['])
        .then(|| har::read_at(trimmed, None))
        .flatten()
}

/// An HTML or XML body: its text may mention "timed out" or "refused", which is not an error of ours.
fn markup(trimmed: &str) -> Option<Exchange> {
    // A tag, a comment or a declaration: "<html", "<!DOCTYPE", "<?xml". OkHttp's log ("<-- HTTP
    // FAILED: java.net.UnknownHostException") and a quoted "< HTTP/1.1" line are not markup.
    // A tag's name ends at a space, ">" or "/": Foundation's "<NSHTTPURLResponse: 0x7fab…>" is a
    // printed object, not a tag.
    let tag = trimmed.strip_prefix('<').is_some_and(|rest| {
        if rest.starts_with(['!', '?']) {
            return true;
        }
        let name = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .map_or(rest, |end| &rest[..end]);
        let after = rest[name.len()..].chars().next();
        // After the name and a space, a tag has an attribute or its end; a printed object has
        // other things: requests' "<Response [401]>", google-api's "<HttpError 429 when …>".
        let attribute = rest[name.len()..]
            .trim_start()
            .chars()
            .next()
            .is_none_or(|c| c.is_alphabetic() || matches!(c, '_' | ':' | '@' | '>' | '/'));
        // A level label in angle brackets (iOS syslog's "<Warning>: System.Net.WebException: …") is
        // a log line's prefix, not a tag.
        let label = rest[name.len()..].starts_with(">:");
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && !name.ends_with(':')
            && after.is_none_or(|c| c.is_whitespace() || c == '>' || c == '/')
            && attribute
            && !label
    });
    if !tag {
        return None;
    }
    let mut exchange = Exchange::new(InputKind::Body);
    // A saved page whose opening comment holds the response's head, as some tools save what they
    // fetched ("<!--\nGET http://… HTTP/1.1\nStatus code: 403\nserver: …\n-->"): the status and
    // headers are there, the page after it.
    if let Some((comment, page)) = trimmed
        .strip_prefix("<!--")
        .and_then(|rest| rest.split_once("-->"))
    {
        // Only a head: a request line or a "Status…" line of its own, not a page's comment that
        // mentions statuses ("shown for 502 and 504").
        let head = lines(comment).any(|l| {
            let l = l.trim();
            shared::request_line(l).is_some() || l.to_ascii_lowercase().starts_with("status")
        });
        if let Some((status, wording)) = shared::named_status(comment).filter(|_| head) {
            exchange.status = Some(status);
            exchange.entries.extend(wording);
            exchange.headers = lines(comment).filter_map(shared::header_line).collect();
            exchange.request = lines(comment)
                .find_map(|l| shared::request_line(l.trim()))
                .map(|(method, target)| Request {
                    method: Some(method),
                    target: Some(target),
                    headers: Vec::new(),
                });
            let body = Body::sniff(page.trim(), None);
            exchange.body = Some(body);
            return Some(exchange);
        }
    }
    let body = Body::sniff(trimmed, None);
    if let Some(note) = body.note() {
        exchange.notes.push(note);
    }
    exchange.body = Some(body);
    Some(exchange)
}

/// The readers that take a whole paste (all but the last), for `embedded` to read from a line on.
fn read_whole(trimmed: &str) -> Option<Exchange> {
    READERS[..READERS.len() - 1]
        .iter()
        .find_map(|(_, reader)| reader(trimmed))
}

/// The text without the marks a tool prints down the left of a message it relays, when two lines or
/// more carry them: pytest's "E" and spaces before an exception's or failed assertion's lines
/// (<https://docs.pytest.org/en/stable/how-to/output.html>), Terraform's "│" down its diagnostic box
/// (<https://developer.hashicorp.com/terraform/cli/commands/validate>), the UTC time that GitHub
/// Actions' raw logs (tests/fixtures/cli/w4-gha-setup-node-unexpected-500.txt) and `docker logs -t`
/// (<https://docs.docker.com/reference/cli/docker/container/logs/>) put first. Without them, an HTML page or a
/// JSON body spread over those lines reads as if pasted alone. So do the names a log collector puts
/// before each line of a container's output: Docker Compose's "api_1    | "
/// (<https://docs.docker.com/reference/cli/docker/compose/logs/>, `--no-log-prefix`) and `docker
/// service logs`'s "name.1.taskid@node    | " (tests/fixtures/network/s27-net-03-swarm-log-enotfound-service.txt), `kubectl logs
/// --prefix`'s "[pod/name/container] "
/// (<https://kubernetes.io/docs/reference/kubectl/generated/kubectl_logs/>), and Meteor's server
/// console's "I20180629-12:38:32.129(-4)? " (tests/fixtures/vendors/w64-messaging-email-11-onesignal-not-subscribed-meteor.txt).
/// Lines without the mark stay.
fn undecorate(text: &str) -> Option<String> {
    // With each mark, whether a log format may start with it (load balancers' access logs start
    // with a UTC time too, and their reader wants it), and whether the mark is a name that repeats
    // (a container's): a table's first column ("Status | 403", "Code | denied") names each line
    // differently.
    let marks: [(Mark, bool, bool); 6] = [
        (pytest_mark, false, false),
        (utc_stamp, true, false),
        (terraform_mark, false, false),
        (compose_mark, false, true),
        (kubectl_mark, false, true),
        (meteor_mark, false, false),
    ];
    let (mark, a_log_may, _) = marks.into_iter().find(|(mark, _, repeats)| {
        let marked: Vec<&str> = lines(text)
            .take(2000)
            .filter_map(|l| mark(l).map(|rest| &l[..l.len() - rest.len()]))
            .collect();
        let names = || marked.iter().map(|m| m.trim_end()).collect::<BTreeSet<_>>();
        marked.len() >= 2 && (!repeats || names().len() < marked.len())
    })?;
    if a_log_may && logs::read(text.trim()).is_some() {
        return None;
    }
    Some(
        lines(text)
            .map(|l| mark(l).unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// A mark down the left of a line: the rest of the line after it, or none without it.
type Mark = fn(&str) -> Option<&str>;

/// The rest of a line after pytest's mark: "E" and at least three spaces (pytest aligns it with the
/// failing source line's indentation), or an "E" alone.
fn pytest_mark(l: &str) -> Option<&str> {
    (l.trim_end() == "E" || (l.starts_with("E   ") && !l[1..].trim_start().is_empty()))
        .then(|| l[1..].trim_start())
}

/// The rest of a line after Terraform's box edge, "│ ".
fn terraform_mark(l: &str) -> Option<&str> {
    l.strip_prefix('│')
        .map(|rest| rest.strip_prefix(' ').unwrap_or(rest))
}

/// The rest of a line after a leading "YYYY-MM-DDTHH:MM:SS[.fraction]Z " time.
fn utc_stamp(line: &str) -> Option<&str> {
    let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
    (word.ends_with('Z') && crate::diagnosis::time::parse_rfc3339(word).is_some()).then_some(rest)
}

/// The rest of a line after the service name Docker Compose prints before it, padded to a bar:
/// "api_1    | " (an empty line of output keeps only "api_1    |"). A name is one word (letters,
/// digits, "_", "-", "."), so a shell pipe ("curl -s … | jq") is not one.
fn compose_mark(l: &str) -> Option<&str> {
    let (name, rest) = l
        .split_once(" | ")
        .or_else(|| l.trim_end().strip_suffix(" |").map(|name| (name, "")))?;
    let name = name.trim_end();
    (name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'@')))
    .then_some(rest)
}

/// The rest of a line after `kubectl logs --prefix`'s "[pod/name/container] ".
fn kubectl_mark(l: &str) -> Option<&str> {
    let rest = l.strip_prefix("[pod/")?;
    let (source, rest) = rest.split_once("] ")?;
    (source.contains('/') && !source.contains(char::is_whitespace)).then_some(rest)
}

/// The rest of a line after Meteor's server console stamp: a level letter, the date, the time and
/// the zone offset, and a "?" when the line came from the app's output ("I20180629-12:38:32.129(-4)? ").
fn meteor_mark(l: &str) -> Option<&str> {
    let b = l.as_bytes();
    let stamp = b.len() > 10
        && matches!(b[0], b'I' | b'W' | b'E')
        && b[1..9].iter().all(u8::is_ascii_digit)
        && b[9] == b'-';
    if !stamp {
        return None;
    }
    let (time, rest) = l[10..].split_once('(')?;
    let (zone, rest) = rest.split_once(')')?;
    let clock = time.len() >= 8
        && time
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b':' | b'.'));
    let zone = zone
        .strip_prefix(['-', '+'])
        .unwrap_or(zone)
        .bytes()
        .all(|c| c.is_ascii_digit());
    (clock && zone).then(|| {
        let rest = rest.strip_prefix('?').unwrap_or(rest);
        rest.strip_prefix(' ').unwrap_or(rest)
    })
}

/// A line quoted whole as Markdown inline code: `401 No auth credentials found`.
fn inline_code(l: &str) -> Option<&str> {
    let t = l.trim_ascii();
    t.strip_prefix('`')
        .and_then(|t| t.strip_suffix('`'))
        .filter(|inner| !inner.trim().is_empty() && !inner.contains('`'))
}

fn read_shape(text: &str) -> Exchange {
    let text = text.trim_start_matches('\u{feff}');
    // Markdown code fences around a paste (```, ```http) are not part of it, nor the backticks of a
    // line quoted as inline code (`401 No auth credentials found`).
    // (A substring search for "```" over a 4 MB HAR took a third of its time; a byte search first.)
    let fence = |l: &str| {
        let t = l.trim_ascii_start();
        t.starts_with("```") || t.starts_with("~~~")
    };
    let unfenced;
    let text = if (text.contains('`') || text.contains('~'))
        && lines(text).any(|l| fence(l) || inline_code(l).is_some())
    {
        unfenced = lines(text)
            .filter(|l| !fence(l))
            .map(|l| inline_code(l).unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        unfenced.as_str()
    } else {
        text
    };
    let undecorated;
    let text = match undecorate(text) {
        Some(plain) => {
            undecorated = plain;
            undecorated.as_str()
        }
        None => text,
    };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Exchange::new(InputKind::Empty);
    }
    if let Some(exchange) = READERS.iter().find_map(|(_, reader)| reader(trimmed)) {
        return exchange;
    }
    // Plain text can still be a body (Envoy's "upstream connect error…"); other text is unreadable.
    let body = Body::sniff(trimmed, None);
    let readable = body.media != MediaKind::Text || body.looks_like_server_message();
    let mut exchange = Exchange::new(if readable {
        InputKind::Body
    } else {
        InputKind::Unrecognised
    });
    if !readable {
        exchange.notes.push(UNRECOGNISED.into());
    }
    if let Some(note) = body.note() {
        exchange.notes.push(note);
    }
    exchange.body = Some(body);
    exchange
}
