//! Masking secrets. Everything the diagnosis quotes from a paste passes through here first, so a
//! token, cookie, password or API key never reaches the page, the clipboard or a support ticket.
//! Only the short strings we quote are scanned, never the whole paste, and never our own words.
//!
//! The guarantee is a type: what the diagnosis shows is [`Shown`] text, and only this module turns
//! text from a paste into one ([`mask`], [`mask_header`]). Our own words are `&'static str`
//! (literals, knowledge tables); [`shown!`](crate::shown) joins them with shown pieces and numbers and
//! accepts nothing else, so a new field or a new rule cannot show a secret by a forgotten call.

use serde::Serialize;
use std::fmt;

pub const MASK: &str = "[masked]";

/// Text fit to show: the engine's own words, or pieces of the paste after masking.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Shown(String);

impl Shown {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }

    /// A URL's host and its path with the query (`https://api.example.com/v1?a=1` →
    /// `api.example.com`, `/v1?a=1`); a URL without a scheme is all path. Parts of shown text are
    /// shown text.
    pub fn split_url(&self) -> (Shown, Shown) {
        let url = self.0.as_str();
        let Some((_, rest)) = url.split_once("://") else {
            return (Shown::default(), self.clone());
        };
        match rest.find(['/', '?', '#']) {
            Some(at) => (Shown(rest[..at].to_string()), Shown(rest[at..].to_string())),
            None => (Shown(rest.to_string()), Shown("/".into())),
        }
    }

    /// Our own words, appended.
    pub fn push_ours(&mut self, words: &'static str) {
        self.0.push_str(words);
    }

    /// Shown text, appended.
    pub fn push(&mut self, other: &Shown) {
        self.0.push_str(&other.0);
    }

    /// Our own words joined with a separator ("Cloudflare, nginx").
    pub fn join_ours(words: &[&'static str], separator: &'static str) -> Shown {
        let mut out = Shown::default();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                out.push_ours(separator);
            }
            out.push_ours(w);
        }
        out
    }

    /// Shown pieces joined with a separator.
    pub fn join(pieces: &[Shown], separator: &'static str) -> Shown {
        let mut out = Shown::default();
        for (i, p) in pieces.iter().enumerate() {
            if i > 0 {
                out.push_ours(separator);
            }
            out.push(p);
        }
        out
    }

    /// Line breaks made spaces (a quote on one line).
    pub fn single_line(&self) -> Shown {
        Shown(self.0.replace(['\r', '\n'], " "))
    }

    /// Spaces and line breaks at either end removed.
    pub fn trimmed(self) -> Shown {
        Shown(self.0.trim().to_string())
    }

    /// Cut to `max` characters (an ellipsis marks the cut); a cut never exposes anything new.
    pub fn shortened(self, max: usize) -> Shown {
        let trimmed = self.0.trim();
        if trimmed.chars().count() <= max {
            return Shown(trimmed.to_string());
        }
        let mut cut: String = trimmed.chars().take(max).collect();
        cut.push('…');
        Shown(cut)
    }

    /// The first letter in lower case, so a sentence can continue after a colon.
    pub fn lower_first_letter(&mut self) {
        let mut chars = self.0.chars();
        if let Some(first) = chars.next() {
            self.0 = first.to_lowercase().chain(chars).collect();
        }
    }

    /// Trailing spaces removed (used when a slot with nothing to fill is left out).
    pub fn trim_end_spaces(&mut self) {
        let len = self.0.trim_end_matches(' ').len();
        self.0.truncate(len);
    }

    /// Joined pieces, for the [`shown!`](crate::shown) macro only: its arguments were checked to be
    /// [`Safe`].
    #[doc(hidden)]
    pub fn __joined(text: String) -> Shown {
        Shown(text)
    }
}

impl std::ops::Deref for Shown {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&'static str> for Shown {
    /// Our own words: text known when the program was built.
    fn from(words: &'static str) -> Self {
        Shown(words.to_string())
    }
}

impl PartialEq<str> for Shown {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Shown {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// What [`shown!`](crate::shown) accepts as an argument: shown text, our own words, numbers.
pub trait Safe {
    fn safe(&self) -> &dyn fmt::Display;
}

impl Safe for Shown {
    fn safe(&self) -> &dyn fmt::Display {
        self
    }
}

impl Safe for &Shown {
    fn safe(&self) -> &dyn fmt::Display {
        *self
    }
}

impl Safe for &'static str {
    fn safe(&self) -> &dyn fmt::Display {
        self
    }
}

macro_rules! safe_numbers {
    ($($t:ty),*) => {$(
        impl Safe for $t {
            fn safe(&self) -> &dyn fmt::Display {
                self
            }
        }
    )*};
}
safe_numbers!(u8, u16, u32, u64, usize, i32, i64);

/// True when every `{…}` in a format string is positional (`{}`, `{0}`, `{:>3}`): a name inside the
/// braces would be captured by `format!` without passing the [`Safe`] check.
#[doc(hidden)]
pub const fn positional_only(format: &str) -> bool {
    let b = format.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'{' {
            if i + 1 < b.len() && b[i + 1] == b'{' {
                i += 2;
                continue;
            }
            if i + 1 < b.len() && (b[i + 1].is_ascii_alphabetic() || b[i + 1] == b'_') {
                return false;
            }
        }
        i += 1;
    }
    true
}

/// Joins our own words with shown text and numbers: `shown!("Wait {} ({})", duration, host)`.
/// Every argument must be [`Safe`](crate::diagnosis::redact::Safe), and arguments are positional.
#[macro_export]
macro_rules! shown {
    ($format:literal $(, $arg:expr)* $(,)?) => {{
        const _: () = assert!(
            $crate::diagnosis::redact::positional_only($format),
            "shown!: pass values as arguments, not as names inside the braces"
        );
        $crate::diagnosis::redact::Shown::__joined(::std::format!(
            $format $(, $crate::diagnosis::redact::Safe::safe(&$arg))*
        ))
    }};
}

/// Header names whose values are secrets (compared in lower case).
const SECRET_HEADERS: [&str; 18] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "api-key",
    "apikey",
    "x-auth-token",
    "x-access-token",
    "x-csrf-token",
    "x-xsrf-token",
    "x-amz-security-token",
    "x-goog-api-key",
    "ocp-apim-subscription-key",
    "private-token",
    "x-shopify-access-token",
    "x-vault-token",
    "x-ms-client-secret",
];

/// Is a header with this name a secret whatever its value?
pub fn is_secret_header(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_HEADERS.contains(&lower.as_str())
        || [
            "token", "secret", "password", "api-key", "apikey", "session",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// A header value made safe to show: secret headers keep only their shape (the auth scheme, the
/// cookie names and attributes); other values are scanned like free text.
pub fn mask_header(name: &str, value: &str) -> Shown {
    Shown(header_value(name, value))
}

fn header_value(name: &str, value: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower == "authorization" || lower == "proxy-authorization" {
        return match value.split_once(' ') {
            Some((scheme, _)) if scheme.len() < 20 => format!("{scheme} {MASK}"),
            _ => MASK.to_string(),
        };
    }
    if lower == "cookie" {
        return value
            .split(';')
            .map(|pair| match pair.split_once('=') {
                Some((n, _)) => format!("{}={MASK}", n.trim()),
                None => MASK.to_string(),
            })
            .collect::<Vec<_>>()
            .join("; ");
    }
    if lower == "set-cookie" {
        let mut parts = value.split(';');
        let first = parts.next().unwrap_or("");
        let name = first.split_once('=').map_or("", |(n, _)| n.trim());
        let mut out = format!("{name}={MASK}");
        for attribute in parts {
            out.push(';');
            out.push_str(&merged_cookies(attribute));
        }
        return out;
    }
    if is_secret_header(name) {
        return MASK.to_string();
    }
    text(value)
}

/// The attributes a Set-Cookie value may carry after its cookie.
const COOKIE_ATTRIBUTES: [&str; 9] = [
    "expires",
    "max-age",
    "domain",
    "path",
    "secure",
    "httponly",
    "samesite",
    "partitioned",
    "priority",
];

/// One attribute of a Set-Cookie value, with any further cookie that a client merged into the same
/// value after ", " masked (urllib3's HTTPHeaderDict and Node print repeated Set-Cookie headers as
/// "a=1; Path=/, b=2; HttpOnly"). An Expires date's own ", " is followed by no `name=`.
fn merged_cookies(attribute: &str) -> String {
    let mut pieces = attribute.split(", ");
    let mut out = pieces.next().unwrap_or("").to_string();
    for piece in pieces {
        out.push_str(", ");
        match piece.split_once('=') {
            Some((name, _))
                if !name.is_empty()
                    && !name.contains(' ')
                    && !COOKIE_ATTRIBUTES.contains(&name.to_ascii_lowercase().as_str()) =>
            {
                out.push_str(name);
                out.push('=');
                out.push_str(MASK);
            }
            _ => out.push_str(piece),
        }
    }
    out
}

/// ASCII word characters, as a regex `\b` sees them.
fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Does a word start at byte `i` (the byte before it is not a word character)?
fn word_starts(bytes: &[u8], i: usize) -> bool {
    i == 0 || !is_word(bytes[i - 1])
}

/// Length of the run of bytes from `i` that satisfy `class`.
fn run(bytes: &[u8], i: usize, class: impl Fn(u8) -> bool) -> usize {
    bytes[i..].iter().take_while(|&&b| class(b)).count()
}

fn base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Which bytes may follow a key's prefix.
type ByteClass = fn(u8) -> bool;

/// Vendor keys with well-known prefixes: (prefix, what may follow, at least how many).
const PREFIXED: &[(&str, ByteClass, usize)] = &[
    ("sk_live_", alnum, 8),
    ("sk_test_", alnum, 8),
    ("rk_live_", alnum, 8),
    ("rk_test_", alnum, 8),
    ("pk_live_", alnum, 8),
    ("pk_test_", alnum, 8),
    ("whsec_", alnum, 8),
    ("ghp_", alnum, 20),
    ("gho_", alnum, 20),
    ("ghu_", alnum, 20),
    ("ghs_", alnum, 20),
    ("ghr_", alnum, 20),
    ("github_pat_", is_word, 20),
    ("xoxa-", alnum_dash, 10),
    ("xoxb-", alnum_dash, 10),
    ("xoxp-", alnum_dash, 10),
    ("xoxr-", alnum_dash, 10),
    ("xoxs-", alnum_dash, 10),
    ("xapp-", alnum_dash, 10),
    ("AIza", base64url, 30),
    ("glpat-", base64url, 16),
    ("npm_", alnum, 30),
    ("sk-", base64url, 20),
];

fn alnum(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

fn alnum_dash(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// A token-shaped secret starting at `i` (a word start): its length and its mask.
fn token_at(bytes: &[u8], i: usize) -> Option<(usize, &'static str)> {
    let rest = &bytes[i..];
    // JSON Web Tokens: eyJ… . … . …
    if rest.starts_with(b"eyJ") {
        let header = run(bytes, i, base64url);
        if header >= 8 && bytes.get(i + header) == Some(&b'.') {
            let payload = run(bytes, i + header + 1, base64url);
            if payload >= 5 && bytes.get(i + header + 1 + payload) == Some(&b'.') {
                let end = i + header + 2 + payload;
                return Some((end + run(bytes, end, base64url) - i, "[masked JWT]"));
            }
        }
    }
    // SendGrid: SG.<16+>.<16+>
    if rest.starts_with(b"SG.") {
        let first = run(bytes, i + 3, base64url);
        if first >= 16 && bytes.get(i + 3 + first) == Some(&b'.') {
            let second = run(bytes, i + 4 + first, base64url);
            if second >= 16 {
                return Some((4 + first + second, "[masked key]"));
            }
        }
    }
    for (prefix, class, min) in PREFIXED {
        if rest.starts_with(prefix.as_bytes()) {
            let body = run(bytes, i + prefix.len(), class);
            if body >= *min {
                return Some((prefix.len() + body, "[masked key]"));
            }
        }
    }
    // AWS access key ids: AKIA or ASIA and 16 upper-case letters or digits, as a whole word.
    if rest.starts_with(b"AKIA") || rest.starts_with(b"ASIA") {
        let body = run(bytes, i + 4, |b| {
            b.is_ascii_uppercase() || b.is_ascii_digit()
        });
        if body == 16 && !bytes.get(i + 20).is_some_and(|&b| is_word(b)) {
            return Some((20, "[masked AWS key id]"));
        }
    }
    None
}

/// Auth schemes whose credential follows a space: `Bearer abc…` anywhere in text (inspect dumps, logs).
const SCHEMES: [&str; 7] = [
    "Bearer",
    "Basic",
    "Digest",
    "Token",
    "Negotiate",
    "NTLM",
    "AWS4-HMAC-SHA256",
];

fn credential_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"._~+/=-,:".contains(&b)
}

/// `Bearer abc…` at `i`: the length of the scheme and of the whole match, when the credential looks
/// like one. "Basic authentication" or "Token signature" is prose: a credential has digits or symbols.
fn scheme_at(bytes: &[u8], i: usize) -> Option<(usize, usize)> {
    let scheme = SCHEMES.iter().find(|s| {
        bytes.len() >= i + s.len() && bytes[i..i + s.len()].eq_ignore_ascii_case(s.as_bytes())
    })?;
    let gap = run(bytes, i + scheme.len(), |b| b.is_ascii_whitespace());
    if gap == 0 {
        return None;
    }
    let start = i + scheme.len() + gap;
    // SigV4 spreads its credential and signature over "Credential=…, SignedHeaders=…, Signature=…".
    let len = if scheme.starts_with("AWS4") {
        run(bytes, start, |b| {
            b != b'\n' && b != b'\r' && b != b'"' && b != b'\''
        })
    } else {
        run(bytes, start, credential_char)
    };
    // A sentence's full stop or comma after the word is not part of a credential: "CSRF Token
    // Required." is prose.
    let len = len
        - bytes[start..start + len]
            .iter()
            .rev()
            .take_while(|b| b".,:".contains(b))
            .count();
    let credential = &bytes[start..start + len];
    let looks_like_one = len >= 8
        && credential
            .iter()
            .any(|b| b.is_ascii_digit() || b"._~+/=-".contains(b));
    looks_like_one.then_some((scheme.len(), start + len - i))
}

/// Keys whose values are secrets, in `"key": "value"`, `key=value` and `key: value` pairs. Compared
/// in lower case with `-` and `_` removed, so `api_key`, `API-Key` and `apikey` are one key.
fn secret_key(key: &str) -> bool {
    let k: String = key
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    [
        "apikey",
        "secret",
        "password",
        "passwd",
        "privatekey",
        "signature",
        "sessionid",
    ]
    .iter()
    .any(|w| k.contains(w))
        || k.ends_with("token")
        || [
            "pwd",
            "authorization",
            "cookie",
            "credential",
            "credentials",
        ]
        .contains(&k.as_str())
}

/// URL query parameters that carry keys and signatures (compared like [`secret_key`]), plus short
/// names that only mean a secret in a URL.
fn secret_query_key(key: &str) -> bool {
    secret_key(key)
        || [
            "key",
            "auth",
            "sig",
            "code",
            "sv",
            "se",
            "sp",
            "xamzcredential",
            "xamzsecuritytoken",
        ]
        .contains(&key.replace(['-', '_'], "").to_ascii_lowercase().as_str())
}

/// An HTTP method as shown: a plain token (`GET`, `PROPFIND`) as it is, anything else masked.
pub fn method(input: &str) -> Shown {
    if !input.is_empty() && input.len() <= 16 && input.bytes().all(|b| b.is_ascii_uppercase()) {
        return Shown(input.to_string());
    }
    mask(input)
}

/// Free text from a paste made safe to show.
pub fn mask(input: &str) -> Shown {
    Shown(text(input))
}

fn text(input: &str) -> String {
    let out = tokens(input);
    let out = query_values(&out);
    pair_values(&out)
}

/// Pass 1: JWTs, prefixed vendor keys, AWS key ids and `Scheme credential` pairs.
fn tokens(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len());
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        if word_starts(bytes, i) && is_word(bytes[i]) {
            if let Some((len, mask)) = token_at(bytes, i) {
                out.push_str(&input[copied..i]);
                out.push_str(mask);
                i += len;
                copied = i;
                continue;
            }
            if let Some((scheme, len)) = scheme_at(bytes, i) {
                out.push_str(&input[copied..i + scheme]);
                out.push(' ');
                out.push_str(MASK);
                i += len;
                copied = i;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&input[copied..]);
    out
}

/// Pass 2: `?key=value` and `&key=value` in URLs, and the password of `https://user:password@host`.
fn query_values(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len());
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        if bytes[i..].starts_with(b"://") {
            let start = i + 3;
            let authority = run(bytes, start, |b| {
                !b"/?#\"'<>".contains(&b) && !b.is_ascii_whitespace()
            });
            let userinfo = &bytes[start..start + authority];
            if let (Some(at), Some(colon)) = (
                userinfo.iter().rposition(|&b| b == b'@'),
                userinfo.iter().position(|&b| b == b':'),
            ) {
                if colon < at && at > colon + 1 && !userinfo[colon + 1..at].starts_with(b"[") {
                    out.push_str(&input[copied..=start + colon]);
                    out.push_str(MASK);
                    copied = start + at;
                    i = copied;
                    continue;
                }
            }
        }
        if bytes[i] == b'?' || bytes[i] == b'&' {
            let key_len = run(bytes, i + 1, |b| is_word(b) || b == b'-');
            let eq = i + 1 + key_len;
            if key_len > 0 && bytes.get(eq) == Some(&b'=') && secret_query_key(&input[i + 1..eq]) {
                let value = run(bytes, eq + 1, |b| {
                    !b"&#'\"".contains(&b) && !b.is_ascii_whitespace()
                });
                // `[masked AWS key id]…` was masked in pass 1 already.
                if value > 0 && bytes[eq + 1] != b'[' {
                    out.push_str(&input[copied..=eq]);
                    out.push_str(MASK);
                    i = eq + 1 + value;
                    copied = i;
                    continue;
                }
            }
        }
        i += 1;
    }
    out.push_str(&input[copied..]);
    out
}

/// Pass 3: `"password": "…"`, `api_key=…`, `token: '…'` — a quoted value is masked to its closing
/// quote, so a password with spaces is masked whole.
fn pair_values(input: &str) -> String {
    let bytes = input.as_bytes();
    let mut out = String::with_capacity(input.len());
    let (mut i, mut copied) = (0, 0);
    while i < bytes.len() {
        if !(word_starts(bytes, i) && is_word(bytes[i])) {
            i += 1;
            continue;
        }
        let key_len = run(bytes, i, |b| is_word(b) || b == b'-');
        let key_end = i + key_len;
        if !secret_key(&input[i..key_end]) {
            i = key_end;
            continue;
        }
        let mut j = key_end;
        if matches!(bytes.get(j), Some(b'"' | b'\'')) {
            j += 1;
        }
        j += run(bytes, j, |b| b == b' ' || b == b'\t');
        if !matches!(bytes.get(j), Some(b':' | b'=')) {
            i = key_end;
            continue;
        }
        j += 1;
        j += run(bytes, j, |b| b == b' ' || b == b'\t');
        let (value_start, value_end) = match bytes.get(j) {
            Some(&quote @ (b'"' | b'\'')) => {
                let mut k = j + 1;
                while k < bytes.len() && bytes[k] != quote && bytes[k] != b'\n' {
                    k += if bytes[k] == b'\\' { 2 } else { 1 };
                }
                (j + 1, k.min(bytes.len()))
            }
            _ => (
                j,
                j + run(bytes, j, |b| {
                    !b"\"',;&}".contains(&b) && !b.is_ascii_whitespace()
                }),
            ),
        };
        let value = &input[value_start..value_end];
        // Already masked, or an auth scheme whose credential was masked in pass 1: keep as it is.
        let keep = value.is_empty()
            || value.starts_with('[')
            || SCHEMES.iter().any(|s| {
                value
                    .get(..s.len())
                    .is_some_and(|scheme| scheme.eq_ignore_ascii_case(s))
                    && value[s.len()..].trim_start().starts_with('[')
            })
            || value.eq_ignore_ascii_case("bearer")
            || value.eq_ignore_ascii_case("basic");
        if !keep {
            out.push_str(&input[copied..value_start]);
            out.push_str(MASK);
            copied = value_end;
        }
        i = value_end.max(key_end);
    }
    out.push_str(&input[copied..]);
    out
}

/// Does `input` still contain something that looks like a secret? Used by tests and as a last check
/// on the report.
pub fn looks_secret(input: &str) -> bool {
    let bytes = input.as_bytes();
    (0..bytes.len())
        .any(|i| word_starts(bytes, i) && is_word(bytes[i]) && token_at(bytes, i).is_some())
}

/// A whole paste as it may be shared (a link, a ticket): the values of secret headers the reader
/// found are replaced as the report shows them (`Bearer [masked]`, `session=[masked]`), wherever they
/// appear (DevTools puts a header's value on its own line); then every line is masked as free text
/// is (tokens, keys, signed URL parameters, `"password": …`). Nothing else changes, so the shared
/// paste reads as the same kind of paste.
pub fn shareable(paste: &str) -> Shown {
    let exchange = crate::paste::read(paste);
    let mut secrets: Vec<(String, String)> = Vec::new();
    let mut add = |headers: &[crate::paste::Header]| {
        for h in headers {
            let value = h.value.trim();
            if is_secret_header(&h.name) && value.len() >= 4 {
                secrets.push((value.to_string(), header_value(&h.name, value)));
                // A Cookie's or Set-Cookie's parts appear on their own elsewhere (HAR cookie lists).
                for part in value.split(';') {
                    if let Some((_, v)) = part.split_once('=') {
                        let v = v.trim();
                        if v.len() >= 4 {
                            secrets.push((v.to_string(), MASK.to_string()));
                        }
                    }
                }
            }
        }
    };
    add(&exchange.headers);
    if let Some(request) = &exchange.request {
        add(&request.headers);
    }
    for row in &exchange.rows {
        if let Some(one) = &row.exchange {
            add(&one.headers);
            if let Some(request) = &one.request {
                add(&request.headers);
            }
        }
    }
    // JSON name/value pairs (a HAR's headers, cookies, query and form parameters) whose name is a
    // secret: their values, wherever they are.
    let mut rest = paste;
    while let Some(at) = rest.find("\"name\"") {
        rest = &rest[at + 6..];
        let Some(name) = json_string_after_colon(rest) else {
            continue;
        };
        if !(secret_key(name) || is_secret_header(name)) {
            continue;
        }
        let window = &rest[..rest.len().min(400)];
        if let Some(v) = window.find("\"value\"") {
            if let Some(value) = json_string_after_colon(&rest[v + 7..]) {
                if value.len() >= 4 {
                    secrets.push((value.to_string(), MASK.to_string()));
                }
            }
        }
    }
    // Longest first, so a value that contains another is replaced whole.
    secrets.sort_by_key(|(v, _)| std::cmp::Reverse(v.len()));
    secrets.dedup_by(|a, b| a.0 == b.0);
    let mut out = String::with_capacity(paste.len());
    for line in paste.split_inclusive('\n') {
        let mut line = std::borrow::Cow::Borrowed(line);
        for (value, masked) in &secrets {
            if line.contains(value.as_str()) {
                line = std::borrow::Cow::Owned(line.replace(value.as_str(), masked));
            }
        }
        // A header line whose name is a secret header (after curl's `> `/`< ` and any quote): its
        // value goes whole.
        let header = line.split_once(':').map(|(name, value)| {
            let bare = name.trim_start_matches(['<', '>', ' ', '-', '"']).trim();
            (name, bare, value)
        });
        let shown = match header {
            Some((name, bare, value))
                if is_secret_header(bare) && !value.trim().is_empty() && !value.contains(MASK) =>
            {
                let end = if line.ends_with('\n') { "\n" } else { "" };
                format!("{name}: {}{end}", header_value(bare, value.trim()))
            }
            _ => text(&whole_paste_secrets(&line)),
        };
        out.push_str(&shown);
    }
    Shown(out)
}

/// What only a whole paste holds (the report never quotes it): `curl -u user:password`, a form body's
/// `client_secret=…`, and JSON inside a JSON string (a HAR's postData: `\"password\":\"…\"`).
fn whole_paste_secrets(line: &str) -> String {
    let mut out = line.to_string();
    // curl -u / --user user:password
    for flag in ["-u ", "--user "] {
        if let Some(at) = out.find(flag) {
            let start = at + flag.len();
            let end = out[start..]
                .find(char::is_whitespace)
                .map_or(out.len(), |e| start + e);
            if let Some(colon) = out[start..end].find(':') {
                let from = start + colon + 1;
                if end > from {
                    out.replace_range(from..end, MASK);
                }
            }
        }
    }
    // key=value pairs (a form body, a query without its URL) and \"key\":\"value\" pairs.
    let mut at = 0;
    while let Some(eq) = out[at..].find(['=', ':']).map(|e| at + e) {
        let (key_end, value_start) = if out[..eq].ends_with("\\\"") {
            // \"key\":\"value\"
            if !out[eq + 1..].starts_with("\\\"") {
                at = eq + 1;
                continue;
            }
            (eq - 2, eq + 3)
        } else if out.as_bytes()[eq] == b'=' {
            (eq, eq + 1)
        } else {
            at = eq + 1;
            continue;
        };
        let key_start = out[..key_end]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.'))
            .map_or(0, |i| i + 1);
        let key = &out[key_start..key_end];
        let value_end = out[value_start..]
            .find(|c: char| c == '&' || c == '"' || c == '\\' || c.is_whitespace())
            .map_or(out.len(), |e| value_start + e);
        if !key.is_empty()
            && secret_key(key)
            && value_end > value_start
            && !out[value_start..value_end].starts_with(MASK)
        {
            out.replace_range(value_start..value_end, MASK);
            at = value_start + MASK.len();
        } else {
            at = eq + 1;
        }
    }
    out
}

/// `: "text"` at the start of `rest` (spaces allowed): the text, up to its closing quote.
fn json_string_after_colon(rest: &str) -> Option<&str> {
    let rest = rest
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(&rest[..i]),
            _ => escaped = false,
        }
    }
    None
}
