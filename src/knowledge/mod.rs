//! What the engine knows about the world — who answers HTTP requests (CDNs, proxies, gateways,
//! platforms, servers, API vendors), the error-body formats and vendors' code tables, default error
//! pages, client libraries, network failures and log lines — as static tables compiled by `build.rs`
//! from the TOML files beside this module (see `SCHEMA.md`). This module holds the types and the small
//! matchers over them; the rules in `diagnosis` decide what the matches mean for a paste.

use crate::catalog::{RetryPolicy, Side};
use crate::diagnosis::precedence::Precedence;
use crate::diagnosis::{Severity, Shown};
use serde_json::Value;

/// What a piece of knowledge means when it matches.
#[derive(Debug)]
pub struct Meaning {
    pub kind: FindingKind,
    pub severity: Severity,
    pub title: Prose,
    pub detail: Prose,
    pub verdict: Option<Prose>,
    pub precedence: Option<Precedence>,
    pub side: Option<Side>,
    pub retry: Option<RetryPolicy>,
    pub steps: &'static [Prose],
    /// The status this evidence implies when the paste has none.
    pub status: Option<u16>,
}

/// What sort of thing answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Cdn,
    Proxy,
    LoadBalancer,
    Gateway,
    Mesh,
    Platform,
    WebServer,
    Api,
}

impl Role {
    /// Something in front of the API rather than the API's own server.
    pub fn in_front(self) -> bool {
        !matches!(self, Role::WebServer | Role::Api)
    }

    pub fn answered_kind(self) -> FindingKind {
        match self {
            Role::Cdn => FindingKind::AnsweredByCdn,
            Role::Proxy => FindingKind::AnsweredByProxy,
            Role::LoadBalancer => FindingKind::AnsweredByLoadBalancer,
            Role::Gateway => FindingKind::AnsweredByGateway,
            Role::Mesh => FindingKind::AnsweredByMesh,
            Role::Platform => FindingKind::AnsweredByPlatform,
            Role::WebServer => FindingKind::AnsweredByWebServer,
            Role::Api => FindingKind::AnsweredByApi,
        }
    }
}

#[derive(Debug)]
pub struct Component {
    pub id: &'static str,
    pub name: &'static str,
    pub role: Role,
    /// (header name, value fragment), both lower case; an empty fragment matches any value.
    pub headers: &'static [(&'static str, &'static str)],
    pub request_ids: &'static [&'static str],
    pub report_headers: &'static [&'static str],
    /// Labels of the reference ids its error pages show as text ("Ray ID:").
    pub page_ids: &'static [&'static str],
    pub error_header: Option<&'static str>,
    pub error_scope: &'static str,
}

#[derive(Debug)]
pub enum Condition {
    Exists(&'static str),
    Absent(&'static str),
    Equals(&'static str, &'static str),
    Contains(&'static str, &'static str),
    Header(&'static str, &'static str),
}

#[derive(Debug)]
pub struct Format {
    pub id: &'static str,
    pub name: &'static str,
    pub xml: bool,
    pub when: &'static [Condition],
    /// When given, the body is this vendor's only if one of these holds; otherwise it is a shape
    /// other APIs share too, and its findings say "API" instead of the vendor's name.
    pub named_when: &'static [Condition],
    pub codes: &'static [&'static str],
    pub message: &'static [&'static str],
    pub details: &'static [&'static str],
    pub status: &'static [&'static str],
    pub request_id: &'static [&'static str],
    pub fields: Option<&'static str>,
    pub component: Option<&'static str>,
    pub kind: FindingKind,
    /// Servers that speak this format answer 200 even when the call failed (GraphQL).
    pub hides_status: bool,
    /// Where the body names how long to wait before retrying, and in what unit.
    pub retry_after: &'static [&'static str],
    pub retry_unit: Unit,
}

#[derive(Debug)]
pub struct Code {
    pub id: &'static str,
    /// The formats, components or logs whose codes these are.
    pub scopes: &'static [&'static str],
    pub codes: &'static [&'static str],
    pub meaning: Meaning,
}

#[derive(Debug)]
pub struct Page {
    pub id: &'static str,
    pub component: Option<&'static str>,
    pub all: &'static [&'static str],
    pub any: &'static [&'static str],
    /// Markers that rule the page out: text of another product that quotes this one's words.
    pub none: &'static [&'static str],
    pub statuses: &'static [u16],
    /// Words any program may print ("authentication failed", "rate limit"): tried only when the
    /// paste has no status, no failure and nothing else explained it.
    pub fallback: bool,
    /// The page's `status` is the one that matters: another status the paste names is an inner
    /// call's (Drupal's crash page around Guzzle's "404 Not Found") or a wrapper's (the Docker
    /// daemon's "(HTTP code 500)" around the registry's 401).
    pub status_wins: bool,
    /// Another protocol whose replies these words are (SMTP's "550 The from address …" as a mailer
    /// prints it): the number the paste names beside them is that protocol's code, not an HTTP status.
    pub protocol: Option<&'static str>,
    /// The words are a client library's own, raised before or without an HTTP request (MSAL.js's
    /// `interaction_in_progress`): no HTTP answer is involved, so a number beside them is no status.
    pub local: bool,
    pub meaning: Meaning,
}

impl Page {
    /// How narrowly the page is described: each `all` marker, an `any` list, a `none` list and a
    /// status list count one.
    pub fn specificity(&self) -> usize {
        self.all.len()
            + usize::from(!self.any.is_empty())
            + usize::from(!self.none.is_empty())
            + usize::from(!self.statuses.is_empty())
    }

    /// A narrower page of the same component that says something else, or a page that holds all
    /// of `general`'s `all` markers and more conditions: it wins over `general` wherever the two are
    /// written (a framework's page for one status over its catch-all page; Magento 2.0's wording of
    /// the ACL refusal over the page for every version's).
    pub fn refines(&self, general: &Page) -> bool {
        let same_component = self.component.is_some()
            && self.component == general.component
            && self.meaning.kind != general.meaning.kind;
        let holds_its_markers =
            !general.all.is_empty() && general.all.iter().all(|m| self.all.contains(m));
        (same_component || holds_its_markers) && self.specificity() > general.specificity()
    }

    /// The page explains only a client library's wrapping of the server's answer (Guzzle's
    /// "`POST …` resulted in a `403 Forbidden` response: …", Spring WebClient's exception): the
    /// words it wraps, when a page knows them, say more.
    pub fn wraps_answer(&self) -> bool {
        self.meaning.kind == FindingKind::LibraryStatusException
    }
}

#[derive(Debug)]
pub struct Client {
    pub id: &'static str,
    pub name: &'static str,
    pub language: Option<&'static str>,
    pub markers: &'static [&'static str],
    pub status_before: &'static [&'static str],
    pub reason_after: Option<&'static str>,
    pub reason_until: Option<&'static str>,
    /// Vendor codes the tool prints, and where their meanings are.
    pub codes: &'static [CodeAt],
    /// `status_before` counts only when a marker is in the paste too (a generic wording: gh's "HTTP ").
    pub status_needs_marker: bool,
    /// A library other programs are built on and print through (Go's net/http under Docker,
    /// Terraform, Helm): it names a paste only when no other client's markers are in it.
    pub base: bool,
    /// Line openings that are the tool's own words, never the server's (git's "fatal: ").
    pub own_lines: &'static [&'static str],
}

/// A vendor code printed between two markers on one line, looked up in these scopes in turn.
#[derive(Debug)]
pub struct CodeAt {
    pub after: &'static str,
    pub until: &'static str,
    pub scopes: &'static [&'static str],
}

/// What a rate-limit header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Says {
    Limit,
    Remaining,
    Used,
    /// "39/40": used of limit.
    UsedOfLimit,
    /// When the quota refills.
    Reset,
    /// A wait the server asks for, like Retry-After.
    Retry,
    Window,
}

/// How a time is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Seconds,
    Milliseconds,
    EpochSeconds,
    EpochMilliseconds,
    /// An HTTP-date or an RFC 3339 timestamp.
    Date,
    /// "6m0s", "1.5s", "20ms".
    Duration,
    /// By size: epoch milliseconds, epoch seconds or seconds; else a duration or a date.
    Auto,
}

/// Public host names that exist and resolve from any working network (package registries, code
/// hosts, certificate authorities): a DNS failure for one of them is the machine's resolver failing.
#[derive(Debug)]
pub struct PublicHosts {
    pub id: &'static str,
    /// Host names, matched exactly: a made-up subdomain of a public domain does not exist.
    pub hosts: &'static [&'static str],
}

/// The public host named in `text` ("Could not resolve host: registry.npmjs.org"), and the entry
/// that lists it.
pub fn public_host_in(text: &str) -> Option<(&'static str, String)> {
    let lower = text.to_ascii_lowercase();
    let tokens = lower
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .map(|t| t.trim_matches('.'));
    for token in tokens {
        for entry in PUBLIC_HOSTS {
            if entry.hosts.contains(&token) {
                return Some((entry.id, token.to_string()));
            }
        }
    }
    None
}

/// Words that come right before a status in an error message ("status code 503", "Error code: 402").
#[derive(Debug)]
pub struct StatusWording {
    pub id: &'static str,
    /// Lower case: the words right before the status.
    pub before: &'static [&'static str],
    /// Lower case: words that, ending right where `before` starts, make the number another one
    /// (aiohttp's "ContentLengthError: 400" is its parser's own code, not the server's status).
    pub not_after: &'static [&'static str],
    /// Lower case: the words right after the status (`401 Client Error: …`).
    pub after: &'static [&'static str],
    /// The status is the first number among this many words after `before` (0: right after it).
    pub within_words: i64,
    /// Only 4xx and 5xx count: the words also name other numbers (`"code": 190`).
    pub errors_only: bool,
    /// The words are a request log's: the status is one request's among many, and an error line
    /// an entry recognises beside a success here is the failure (its documented status wins).
    pub request_log: bool,
}

/// Whether the status wording `id` is a request log's (see [`StatusWording::request_log`]).
pub fn is_request_log_wording(id: &str) -> bool {
    STATUS_WORDINGS.iter().any(|w| w.id == id && w.request_log)
}

/// A rate-limit or retry header (file order is precedence).
#[derive(Debug)]
pub struct RateHeader {
    pub id: &'static str,
    /// Lower case; a trailing `*` matches any rest of the name.
    pub headers: &'static [&'static str],
    pub says: Says,
    pub unit: Unit,
    pub component: Option<&'static str>,
}

impl RateHeader {
    pub fn names(&self, header: &str) -> bool {
        self.headers.iter().any(|h| match h.strip_suffix('*') {
            Some(prefix) => {
                header.len() >= prefix.len()
                    && header.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
            }
            None => header.eq_ignore_ascii_case(h),
        })
    }
}

#[derive(Debug)]
pub struct Failure {
    pub id: &'static str,
    pub kind: NetworkErrorKind,
    pub needles: &'static [&'static str],
    /// Words that must all be in the paste as well, anywhere (the fixed parts around a value).
    pub all: &'static [&'static str],
    /// Words that must not be in the paste (lower case): another case around the same wording.
    pub none: &'static [&'static str],
    pub names: &'static [&'static str],
    pub client: Option<&'static str>,
    /// Steps for this wording, when it says more than its kind (a CORS preflight, credentials).
    pub steps: &'static [Prose],
    pub detail: Option<Prose>,
    /// The verdict for this wording, when its cause is known more exactly than its kind's.
    pub verdict: Option<Prose>,
    /// The headline for this wording, when it can say more than its kind's.
    pub headline: Option<Prose>,
    /// The side that must act, when this wording knows it better than its kind.
    pub side: Option<Side>,
    /// The wording every message of a family starts with (Firefox's "Cross-Origin Request
    /// Blocked"): a specific wording of the same kind wins over it wherever it is.
    pub generic: bool,
    /// Text (lower case) right before the status this wording prints beside the failure
    /// (Firefox's "Status code: 403", curl's "CONNECT tunnel failed, response 407").
    pub status_before: &'static [&'static str],
    /// The request got no HTTP answer (DNS, connect, TLS: the kind's `no_answer`): a success status
    /// beside it belongs to another request. An error status may still be a proxy's answer (the 502
    /// Caddy logged when it could not dial), so it stays.
    pub no_answer: bool,
    /// Nothing answered at all, not even a proxy (Go's "proxyconnect tcp: … refused"): any status
    /// beside it is the wrapping program's own (the Docker daemon's "(HTTP code 500)").
    pub nothing_answered: bool,
    /// The status of the error page this wording is (ngrok's ERR_NGROK_8012 page comes with 502):
    /// the status the visitor got when the paste names none.
    pub served_as: Option<u16>,
    /// Also the failure when a wrapper's message ends in nothing but the host name of the URL it
    /// names (Spring's `I/O error on POST request for "https://h/…": h`, Feign's `h executing POST
    /// https://h/…`): Java's UnknownHostException says only the host.
    pub host_only: bool,
}

#[derive(Debug)]
pub struct Network {
    pub kind: NetworkErrorKind,
    pub finding: FindingKind,
    pub headline: Prose,
    pub verdict: Prose,
    /// The verdict when the paste also names the status the failing step got ({status}).
    pub with_status: Option<Prose>,
    /// The verdict when the status beside the failure is a redirect (3xx): the redirect itself is the
    /// answer that failed (it carries no CORS headers), not an error to fix.
    pub with_redirect: Option<Prose>,
    pub detail: Prose,
    pub steps: &'static [Prose],
    /// Steps that come first when an error status (4xx, 5xx) was printed beside the failure: that
    /// answer is a failure of its own ({status}).
    pub steps_with_status: &'static [Prose],
    /// Steps that come first when the status beside the failure is a redirect.
    pub steps_with_redirect: &'static [Prose],
    pub side: Side,
    /// The side when an error status was printed beside the failure (the preflight's 404 is the
    /// API's configuration); without one, the status's own side from the catalog.
    pub side_with_status: Option<Side>,
    /// The side when the status beside the failure is a redirect (the caller must change the URL).
    pub side_with_redirect: Option<Side>,
    /// The side when the failure names a [[public_hosts]] host (a page calling a secret-key API
    /// from the browser is the caller's design to change).
    pub side_with_public_host: Option<Side>,
    pub retry: Option<RetryPolicy>,
    /// Whether a retry helps when a status stands beside the failure (the 502 of a proxy whose dial
    /// was refused: not until the upstream listens); without one, the status decides.
    pub retry_with_status: Option<RetryPolicy>,
    /// The request never left the client (blocked by the browser, refused at connect, failed in the
    /// TLS handshake): repeating it cannot apply it twice, whatever its method.
    pub never_sent: bool,
    /// A response did arrive and the page's code could not read it (JSON.parse of an HTML page):
    /// what the response itself says, when anything recognises it, explains more than the failure.
    pub response_received: bool,
    /// The error status beside the failure is a proxy's answer to this very failure (its dial to
    /// the server behind it was refused): the kind's steps come before the status's general ones,
    /// which are about an answer that was slow or wrong, not about an upstream nobody reached.
    pub status_caused: bool,
    /// The verdict when the host that failed is a public name that exists (github.com,
    /// registry.npmjs.org): the failure is this machine's, not the name's.
    pub with_public_host: Option<Prose>,
    /// Steps that come first then.
    pub steps_with_public_host: &'static [Prose],
    /// Steps that come first when a browser failed to reach localhost or 127.0.0.1: the page runs
    /// on the visitor's device, and that address is the device, not the server.
    pub steps_from_browser_to_loopback: &'static [Prose],
    /// Steps that come first when a program (not a browser) failed to reach localhost or 127.0.0.1:
    /// the machine it runs on, which inside a container is the container.
    pub steps_to_loopback: &'static [Prose],
    /// Steps that come first when a browser failed on a host name without a dot (http://api:8000):
    /// a Docker Compose service or another name only the servers' network knows.
    pub steps_from_browser_to_bare_name: &'static [Prose],
    /// Steps that come first when a program failed on a host name without a dot: a Compose or
    /// cluster service name, which resolves only inside that network.
    pub steps_to_bare_name: &'static [Prose],
    /// Steps that come first when the address that failed is a private one (10.x, 172.16–31.x,
    /// 192.168.x, 100.64–127.x): reachable only from inside its own network.
    pub steps_to_private_address: &'static [Prose],
    /// Steps that come first when the address that failed is a global IPv6 one: this machine's or
    /// network's IPv6 route is often what is missing.
    pub steps_to_ipv6_address: &'static [Prose],
    /// Kinds whose specific wording, found in the same paste, wins over this one although this kind
    /// ranks higher: Firefox's "CORS request did not succeed" beside "Access-Control-Allow-Origin
    /// missing" for the same API, which proves the API answers.
    pub yields_to: &'static [NetworkErrorKind],
}

#[derive(Debug)]
pub struct Log {
    pub id: &'static str,
    pub name: &'static str,
    pub any: &'static [&'static str],
    pub all: &'static [&'static str],
    /// Text that says the paste is another program's, though it holds a marker (an SDK's JSON log
    /// with an `"errorInfo":{` object is not Azure Front Door's `"errorInfo":"OriginTimeout"`).
    pub none: &'static [&'static str],
    /// The classes of a line's first whitespace fields, for formats without a marker of their own
    /// (`src/paste/logs.rs` knows the classes; the build checks the names).
    pub shape: &'static [&'static str],
    pub status_key: Option<&'static str>,
    pub status_field: Option<i64>,
    /// Whitespace fields are counted from the first field that starts with this text, not from the
    /// line's start.
    pub fields_after: Option<&'static str>,
    /// Whitespace fields are counted from the field that is one of `any`'s markers (0 is that field,
    /// -4 the fourth before it): for lines whose start a visitor trims or a custom format changes.
    pub from_marker: bool,
    pub code_key: Option<&'static str>,
    pub code_field: Option<i64>,
    /// A field that is `-` when the logging proxy answered by itself (its backend sent no status):
    /// then the status is looked up as a code in this format's scope.
    pub self_answered_field: Option<i64>,
    pub message_key: Option<&'static str>,
    pub request_id_key: Option<&'static str>,
    pub component: Option<&'static str>,
}

/// A text the visitor reads (a title, detail, verdict, step or headline), kept in the one compressed
/// block that `build.rs` makes of all of them and unpacked the first time any is read. Prose is 4.5 MB
/// of the tables' 5.2 MB of text: zstd packs it to about 1.1 MB where the page's gzip made 1.45 MB of
/// it, and the matchers, which read only ids, codes and markers, never wait for it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Prose {
    start: u32,
    len: u32,
}

impl Prose {
    pub const fn at(start: u32, len: u32) -> Prose {
        Prose { start, len }
    }

    /// The text. Empty only if the block the build made could not be read, which the knowledge
    /// tests would show at once: never a panic in the page.
    pub fn get(self) -> &'static str {
        let start = self.start as usize;
        prose_text()
            .get(start..start + self.len as usize)
            .unwrap_or("")
    }
}

impl std::fmt::Debug for Prose {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.get(), f)
    }
}

/// Every step's text, in order.
pub fn texts(steps: &'static [Prose]) -> impl Iterator<Item = &'static str> {
    steps.iter().map(|s| s.get())
}

static PROSE_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/knowledge_prose.zst"));

/// Unpacks the tables and the prose now rather than on the first read of them.
pub fn prepare() {
    tables();
    prose_text();
}

fn prose_text() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| String::from_utf8(unzstd(PROSE_PACKED)).unwrap_or_default())
}

/// One zstd frame written by `build.rs`, unpacked. A damaged frame reads as empty (the knowledge
/// tests would fail at once): never a panic in the page.
fn unzstd(packed: &[u8]) -> Vec<u8> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    if let Ok(mut decoder) = ruzstd::decoding::StreamingDecoder::new(packed) {
        if decoder.read_to_end(&mut bytes).is_err() {
            bytes.clear();
        }
    }
    bytes
}

/// The tables as bytes (`pack.rs` wrote them, zstd packed them), unpacked and read on first use:
/// as data they cost the page about a third of what the same tables cost as Rust statics.
static TABLES_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/knowledge_tables.zst"));

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| Tables::decode(&mut Reader::new(unzstd(TABLES_PACKED).leak())))
}

mod unpack;
pub use unpack::Table;
use unpack::{Decode, Reader};

include!(concat!(env!("OUT_DIR"), "/knowledge_tables.rs"));

impl serde::Serialize for FindingKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl NetworkErrorKind {
    pub fn explanation(self) -> &'static Network {
        NETWORK
            .iter()
            .find(|n| n.kind == self)
            .unwrap_or(&NETWORK[NETWORK.len() - 1])
    }

    pub fn headline(self) -> &'static str {
        self.explanation().headline.get()
    }
}

/// The vendor code entry for `value` in `scope`, if any. An entry written for this scope alone wins
/// over one shared with other scopes (Auth0's own `invalid_grant` over the OAuth 2 one).
pub fn code(scope: &str, value: &str) -> Option<&'static Code> {
    CODES
        .iter()
        .filter(|c| c.scopes.contains(&scope) && c.codes.contains(&value))
        .min_by_key(|c| c.scopes.len())
}

pub fn component(id: &str) -> Option<&'static Component> {
    COMPONENTS.iter().find(|c| c.id == id)
}

/// A page by its id.
pub fn page(id: &str) -> Option<&'static Page> {
    PAGES.iter().find(|p| p.id == id)
}

pub fn client(id: &str) -> Option<&'static Client> {
    CLIENTS.iter().find(|c| c.id == id)
}

/// Every value at a JSON pointer with `*` for "each element of this array".
pub fn values_at<'a>(json: &'a Value, pointer: &str) -> Vec<&'a Value> {
    let mut current = vec![json];
    if pointer.is_empty() {
        return current;
    }
    for segment in pointer.trim_start_matches('/').split('/') {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        let mut next = Vec::new();
        for value in current {
            if segment == "*" {
                if let Some(items) = value.as_array() {
                    next.extend(items.iter());
                }
            } else if let Some(v) = match value {
                Value::Object(map) => map.get(&segment),
                Value::Array(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            } {
                next.push(v);
            }
        }
        current = next;
        if current.is_empty() {
            break;
        }
    }
    current
}

/// A scalar as text: strings as they are, numbers and booleans written out; `None` for empty
/// strings, null, objects and arrays.
pub fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The first scalar found at any of the pointers, with the pointer it came from.
pub fn first_scalar(json: &Value, pointers: &[&'static str]) -> Option<(&'static str, String)> {
    pointers.iter().find_map(|p| {
        values_at(json, p)
            .into_iter()
            .find_map(scalar)
            .map(|v| (*p, v))
    })
}

/// `/error/details/*/reason` → `error.details[].reason`, for evidence labels.
pub fn label(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.trim_start_matches('/').split('/') {
        if segment == "*" {
            out.push_str("[]");
        } else if segment.bytes().all(|b| b.is_ascii_digit()) && !segment.is_empty() {
            out.push('[');
            out.push_str(segment);
            out.push(']');
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(segment);
        }
    }
    out
}

/// Fill `{code}`, `{message}`, `{name}`, `{status}`, `{host}` in a knowledge text. A slot with no
/// value is left out together with the space before it. Values must already be masked.
pub fn fill(template: &'static str, slots: &Slots) -> Shown {
    let mut out = Shown::default();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_ours(&rest[..open]);
        let name = &rest[open + 1..open + close];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            // Not a slot: literal braces.
            out.push_ours("{");
            rest = &rest[open + 1..];
            continue;
        }
        let value: Option<Shown> = match name {
            "code" => slots.code.clone(),
            "message" => slots.message.clone(),
            "name" => slots.name.map(Shown::from),
            "status" => slots.status.map(|c| crate::shown!("{}", c)),
            "host" => slots.host.clone(),
            _ => None,
        };
        match value {
            Some(v) => {
                // "The host name{host}" → "The host name (api.example.com)".
                if v.starts_with('(') && out.ends_with(|c: char| c.is_alphanumeric()) {
                    out.push_ours(" ");
                }
                out.push(&v);
            }
            None => out.trim_end_spaces(),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_ours(rest);
    out
}

/// Values for the slots of a knowledge text (already masked).
#[derive(Default, Clone)]
pub struct Slots {
    pub code: Option<Shown>,
    pub message: Option<Shown>,
    pub name: Option<&'static str>,
    pub status: Option<u16>,
    pub host: Option<Shown>,
}
