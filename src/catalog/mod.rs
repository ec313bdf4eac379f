//! The status catalog: every registered HTTP status code and the vendor codes people really hit.
//!
//! The knowledge lives in `statuses.toml` (one entry per code, see `SCHEMA.md`); `build.rs` compiles it
//! into the static tables included below, so looking a code up costs a binary search and nothing is
//! parsed at start-up. This module only answers questions about those tables.

mod search;

pub use search::search;

use serde::Serialize;
use std::fmt;

/// The five classes of RFC 9110 §15, named by what they mean to a caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusClass {
    Informational,
    Success,
    Redirection,
    ClientError,
    ServerError,
    /// 600–999: outside HTTP's range (RFC 9110 §15), made up by libraries and proxies.
    Nonstandard,
}

impl StatusClass {
    /// The class of a code in 100–999 by its first digit; 600–999 are [`StatusClass::Nonstandard`].
    pub fn of(code: u16) -> Option<Self> {
        Some(match code / 100 {
            1 => Self::Informational,
            2 => Self::Success,
            3 => Self::Redirection,
            4 => Self::ClientError,
            5 => Self::ServerError,
            6..=9 => Self::Nonstandard,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Informational => "Informational",
            Self::Success => "Success",
            Self::Redirection => "Redirection",
            Self::ClientError => "Client error",
            Self::ServerError => "Server error",
            Self::Nonstandard => "Non-standard",
        }
    }

    /// "4xx" and friends.
    pub fn range(self) -> &'static str {
        match self {
            Self::Informational => "1xx",
            Self::Success => "2xx",
            Self::Redirection => "3xx",
            Self::ClientError => "4xx",
            Self::ServerError => "5xx",
            Self::Nonstandard => "6xx–9xx",
        }
    }

    /// The five classes HTTP defines (catalog entries are in these).
    pub const ALL: [StatusClass; 5] = [
        Self::Informational,
        Self::Success,
        Self::Redirection,
        Self::ClientError,
        Self::ServerError,
    ];
}

/// Where a code stands in the IANA registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Registration {
    Registered,
    /// Reserved and not to be used (306, 418).
    Unused,
    Obsoleted,
    /// A provisional registration that expires unless renewed (104).
    Temporary,
    /// Not in the registry, but used by a vendor (Cloudflare 52x, nginx 499…).
    Unofficial,
    /// Not in the catalog at all: the entry is the honest class fallback.
    Unregistered,
}

/// Whose side has to act.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// The request: the caller has to change something.
    Client,
    /// The API or origin server.
    Server,
    /// A proxy, gateway, load balancer or CDN in between.
    Intermediary,
    /// Not HTTP at all: DNS, TCP, TLS, CORS in the browser.
    Network,
    /// It depends on the evidence.
    Either,
}

impl Side {
    /// The label a help-center visitor sees.
    pub fn label(self) -> &'static str {
        match self {
            Self::Client => "Your request",
            Self::Server => "The server",
            Self::Intermediary => "A proxy or CDN in between",
            Self::Network => "The network, not HTTP",
            Self::Either => "Either side",
        }
    }
}

/// What repeating the request will do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RetryPolicy {
    /// Repeating the same request will not help.
    No,
    /// Only after changing the request or the credentials.
    AfterFix,
    /// Retry with exponential backoff and jitter.
    Backoff,
    /// Wait as long as `Retry-After` or the rate-limit headers say.
    RetryAfter,
    /// Not an error.
    NotApplicable,
}

impl RetryPolicy {
    pub fn label(self) -> &'static str {
        match self {
            Self::No => "Do not retry",
            Self::AfterFix => "Retry after fixing the request",
            Self::Backoff => "Retry with exponential backoff and jitter",
            // The time may not be known (only the status was pasted): the advice says what is.
            Self::RetryAfter => "Wait before retrying",
            Self::NotApplicable => "Nothing to retry",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryHint {
    pub policy: RetryPolicy,
    pub note: &'static str,
    /// Whether repeating a POST or PATCH is safe: the server surely did not process it.
    pub safe_for_non_idempotent: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    pub name: &'static str,
    pub url: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct HeaderHint {
    pub name: &'static str,
    pub why: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub code: u16,
    pub phrase: &'static str,
    pub difference: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct SpecRef {
    pub document: &'static str,
    pub section: &'static str,
    pub url: &'static str,
}

/// Another meaning of the same number (Exchange ActiveSync's 451, Spring's 420).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Meaning {
    pub phrase: &'static str,
    pub source: Source,
    pub summary: &'static str,
    pub explanation: &'static str,
}

/// One catalog entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub code: u16,
    /// The registered (RFC 9110) reason phrase, or the vendor's name for an unofficial code.
    pub phrase: &'static str,
    /// Older or other names of the same meaning.
    pub aliases: &'static [&'static str],
    pub class: StatusClass,
    /// In the IANA registry (in any state)?
    pub official: bool,
    /// False for the class fallback of a code the catalog does not know.
    pub known: bool,
    pub registration: Registration,
    pub source: Source,
    pub side: Side,
    pub summary: &'static str,
    pub explanation: &'static str,
    pub causes: &'static [&'static str],
    pub caller_steps: &'static [&'static str],
    pub owner_steps: &'static [&'static str],
    pub retry: RetryHint,
    pub headers: &'static [HeaderHint],
    pub related: &'static [Related],
    pub spec: Option<SpecRef>,
    pub keywords: &'static [&'static str],
    /// Other meanings of this number, from other vendors.
    pub also: &'static [Meaning],
}

impl Status {
    /// "404 Not Found".
    pub fn title(&self) -> String {
        format!("{} {}", self.code, self.phrase)
    }

    /// Is `phrase` this entry's registered phrase or one of its aliases (case and spacing ignored)?
    pub fn answers_to(&self, phrase: &str) -> bool {
        let wanted = normalise_phrase(phrase);
        normalise_phrase(self.phrase) == wanted
            || self.aliases.iter().any(|a| normalise_phrase(a) == wanted)
            || self
                .also
                .iter()
                .any(|m| normalise_phrase(m.phrase) == wanted)
    }
}

/// A reason phrase reduced to its letters and digits, lower case ("Request-URI Too Long" →
/// "requesturitoolong"), for comparing what a server sent with the registered phrase.
pub(crate) fn normalise_phrase(phrase: &str) -> String {
    phrase
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

include!(concat!(env!("OUT_DIR"), "/catalog_tables.rs"));

/// Every catalog entry, in code order.
pub fn all() -> &'static [Status] {
    STATUSES
}

/// The entry for `code`, if the catalog has one. Codes with several meanings carry the others in
/// [`Status::also`].
pub fn lookup(code: u16) -> Option<&'static Status> {
    STATUSES
        .binary_search_by_key(&code, |s| s.code)
        .ok()
        .map(|i| &STATUSES[i])
}

/// General troubleshooting steps that apply to any API error.
pub fn general_steps() -> &'static [&'static str] {
    GENERAL_STEPS
}

/// Proper names the catalog's summaries start with (`[general] names`).
pub fn names() -> &'static [&'static str] {
    NAMES
}

/// A number that is not an HTTP status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAStatusCode(pub i64);

impl fmt::Display for NotAStatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} is not an HTTP status code: status codes are three-digit numbers from 100 to 999",
            self.0
        )
    }
}

impl std::error::Error for NotAStatusCode {}

/// The entry for `code`, or, for a well-formed code the catalog does not know (299, 432…), an honest
/// fallback for its class, marked `known: false`. Numbers outside 100–999 are an error.
pub fn explain(code: i64) -> Result<Status, NotAStatusCode> {
    let code16 = u16::try_from(code)
        .ok()
        .filter(|c| (100..=999).contains(c))
        .ok_or(NotAStatusCode(code))?;
    if let Some(status) = lookup(code16) {
        return Ok(*status);
    }
    // 1xx–5xx fall back to their class (RFC 9110 §15: treat an unknown code as the x00 of its class);
    // 600–999 are outside HTTP's range and get their own fallback saying so.
    let class_index = usize::from((code16 / 100).min(6)) - 1;
    let mut fallback = FALLBACKS[class_index];
    fallback.code = code16;
    Ok(fallback)
}
