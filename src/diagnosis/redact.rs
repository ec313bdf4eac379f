//! Masking secrets. Everything the diagnosis quotes from a paste passes through here first, so a
//! token, cookie, password or API key never reaches the page, the clipboard or a support ticket.
//! Only the short strings we quote are scanned, never the whole paste.

use regex_lite::{Captures, Regex};
use std::sync::OnceLock;

pub const MASK: &str = "[masked]";

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
pub fn header_value(name: &str, value: &str) -> String {
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
            out.push_str(attribute);
        }
        return out;
    }
    if is_secret_header(name) {
        return MASK.to_string();
    }
    text(value)
}

struct Patterns {
    /// `Bearer abc`, `Basic abc=` anywhere (inspect dumps, logs).
    scheme: Regex,
    /// JSON / JS / form pairs whose key names a secret: `"password": "x"`, `api_key=x`, `token: 'x'`.
    pair: Regex,
    /// URL query parameters that carry keys and signatures.
    query: Regex,
    /// JSON Web Tokens.
    jwt: Regex,
    /// Vendor keys with well-known prefixes.
    prefixed: Regex,
    /// AWS access key ids.
    aws: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        scheme: Regex::new(r"(?i)\b(Bearer|Basic|Digest|Token|Negotiate|NTLM|AWS4-HMAC-SHA256)\s+[A-Za-z0-9._~+/=\-,:]{8,}")
            .expect("valid regex"),
        pair: Regex::new(
            r#"(?i)(["']?)\b((?:x-)?(?:api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|id[_-]?token|client[_-]?secret|secret|password|passwd|pwd|token|auth[_-]?token|session[_-]?id|private[_-]?key|authorization|cookie|x-api-key))(["']?)(\s*[:=]\s*)(["']?)([^"'\s,;&}]+)"#,
        )
        .expect("valid regex"),
        query: Regex::new(
            r"(?i)([?&](?:api[_-]?key|apikey|key|token|access_token|auth|signature|sig|password|secret|client_secret|code|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|sv|se|sp)=)[^&#\s'\x22]+",
        )
        .expect("valid regex"),
        jwt: Regex::new(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*").expect("valid regex"),
        prefixed: Regex::new(
            r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}|\bwhsec_[A-Za-z0-9]{8,}|\bgh[pousr]_[A-Za-z0-9]{20,}|\bgithub_pat_[A-Za-z0-9_]{20,}|\bxox[abprs]-[A-Za-z0-9-]{10,}|\bxapp-[A-Za-z0-9-]{10,}|\bAIza[0-9A-Za-z_-]{30,}|\bglpat-[A-Za-z0-9_-]{16,}|\bnpm_[A-Za-z0-9]{30,}|\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}|\bsk-[A-Za-z0-9_-]{20,}",
        )
        .expect("valid regex"),
        aws: Regex::new(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b").expect("valid regex"),
    })
}

/// Free text made safe to show.
pub fn text(input: &str) -> String {
    let p = patterns();
    let out = p.jwt.replace_all(input, "[masked JWT]");
    let out = p.prefixed.replace_all(&out, "[masked key]");
    let out = p.aws.replace_all(&out, "[masked AWS key id]");
    let out = p.scheme.replace_all(&out, |c: &Captures| {
        // "Basic authentication" or "Token signature" is prose; a credential has digits or symbols.
        let credential = &c[0][c[1].len()..].trim_start();
        if credential
            .bytes()
            .any(|b| b.is_ascii_digit() || b"._~+/=-".contains(&b))
        {
            format!("{} {MASK}", &c[1])
        } else {
            c[0].to_string()
        }
    });
    let out = p
        .query
        .replace_all(&out, |c: &Captures| format!("{}{MASK}", &c[1]));
    let out = p.pair.replace_all(&out, |c: &Captures| {
        let value = &c[6];
        // Already masked, or an auth scheme whose token was masked above: keep as is.
        if value.starts_with('[')
            || value.eq_ignore_ascii_case("bearer")
            || value.eq_ignore_ascii_case("basic")
        {
            return c[0].to_string();
        }
        format!("{}{}{}{}{}{MASK}", &c[1], &c[2], &c[3], &c[4], &c[5])
    });
    out.into_owned()
}

/// Does `input` still contain something that looks like a secret? Used by tests and as a last check
/// on the report.
pub fn looks_secret(input: &str) -> bool {
    let p = patterns();
    p.jwt.is_match(input) || p.prefixed.is_match(input) || p.aws.is_match(input)
}
