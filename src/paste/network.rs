//! Errors that are not an HTTP status: the request never got (or the page was never allowed to read)
//! an HTTP answer. CORS console messages, `Failed to fetch`, Chromium's `net::ERR_*`, curl exit codes,
//! Node.js socket errors, TLS and certificate failures.

use super::{Exchange, InputKind};
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NetworkErrorKind {
    /// The browser blocked the page from reading the response (CORS).
    Cors,
    /// The host name did not resolve (DNS).
    DnsNotResolved,
    /// Nothing listens on that host and port, or a firewall rejects the connection.
    ConnectionRefused,
    /// The connection was cut while in use.
    ConnectionReset,
    /// No answer in time (connecting or reading).
    Timeout,
    /// The TLS handshake failed (protocol or cipher mismatch, SNI, a proxy in the way).
    TlsHandshake,
    /// The certificate chain is not trusted (self-signed, missing intermediate, corporate proxy CA).
    CertificateUntrusted,
    /// The certificate has expired or is not yet valid (or the local clock is wrong).
    CertificateExpired,
    /// The certificate does not name this host.
    CertificateNameMismatch,
    /// The server closed the connection without sending anything.
    EmptyReply,
    /// The page is HTTPS and the request was plain HTTP.
    MixedContent,
    /// A browser extension (ad or privacy blocker) cancelled the request.
    BlockedByClient,
    /// The device is offline.
    Offline,
    /// The browser's generic "Failed to fetch": CORS, network or a blocker; the console says which.
    FetchFailed,
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkError {
    pub kind: NetworkErrorKind,
    /// The line that said so, as pasted.
    pub message: String,
    /// The specific machine-readable name: `net::ERR_NAME_NOT_RESOLVED`, `curl (60)`, `ECONNRESET`.
    pub name: Option<String>,
}

pub(super) fn read(trimmed: &str) -> Option<Exchange> {
    let error = classify(trimmed)?;
    let mut exchange = Exchange::new(InputKind::NetworkError);
    exchange.network_error = Some(error);
    // Chromium prints the failed request as "GET https://… net::ERR_FAILED 200"; keep method and URL.
    for line in super::lines(trimmed) {
        let mut parts = line.split_whitespace();
        if let (Some(method), Some(url)) = (parts.next(), parts.next()) {
            if method.bytes().all(|b| b.is_ascii_uppercase())
                && method.len() <= 7
                && (url.starts_with("http://") || url.starts_with("https://"))
            {
                exchange.request = Some(super::Request {
                    method: Some(method.to_string()),
                    target: Some(url.to_string()),
                    headers: Vec::new(),
                });
                break;
            }
        }
    }
    if exchange.request.is_none() {
        if let Some(url) = quoted_url(trimmed) {
            exchange.request = Some(super::Request {
                method: None,
                target: Some(url),
                headers: Vec::new(),
            });
        }
    }
    Some(exchange)
}

/// CORS messages name the URL in quotes: "Access to fetch at 'https://…' from origin …".
fn quoted_url(text: &str) -> Option<String> {
    let at = text.find("'http")?;
    let rest = &text[at + 1..];
    Some(rest[..rest.find('\'')?].to_string())
}

/// Recognise a network-level error anywhere in `text`. The most specific explanation wins: a CORS
/// message explains the "Failed to fetch" printed after it.
pub(crate) fn classify(text: &str) -> Option<NetworkError> {
    use NetworkErrorKind::*;
    let lower = text.to_ascii_lowercase();
    // (kind, needle in lower case), most specific first.
    const RULES: &[(NetworkErrorKind, &str)] = &[
        (Cors, "blocked by cors policy"),
        (Cors, "cross-origin request blocked"),
        (Cors, "cors request did not succeed"),
        (Cors, "access-control-allow-origin' header"),
        (MixedContent, "mixed content:"),
        (BlockedByClient, "err_blocked_by_client"),
        (Offline, "err_internet_disconnected"),
        (DnsNotResolved, "err_name_not_resolved"),
        (DnsNotResolved, "enotfound"),
        (DnsNotResolved, "could not resolve host"),
        (DnsNotResolved, "name or service not known"),
        (DnsNotResolved, "nodename nor servname"),
        (DnsNotResolved, "temporary failure in name resolution"),
        (CertificateExpired, "err_cert_date_invalid"),
        (CertificateExpired, "certificate has expired"),
        (CertificateExpired, "cert_has_expired"),
        (CertificateNameMismatch, "err_cert_common_name_invalid"),
        (CertificateNameMismatch, "err_tls_cert_altname_invalid"),
        (CertificateNameMismatch, "does not match target host name"),
        (
            CertificateNameMismatch,
            "no alternative certificate subject name matches",
        ),
        (CertificateNameMismatch, "hostname mismatch"),
        (CertificateUntrusted, "err_cert_authority_invalid"),
        (
            CertificateUntrusted,
            "unable to get local issuer certificate",
        ),
        (CertificateUntrusted, "self signed certificate"),
        (CertificateUntrusted, "self-signed certificate"),
        (CertificateUntrusted, "unable_to_verify_leaf_signature"),
        (
            CertificateUntrusted,
            "unable to verify the first certificate",
        ),
        (CertificateUntrusted, "certificate verify failed"),
        (CertificateUntrusted, "ssl certificate problem"),
        (CertificateUntrusted, "pkix path building failed"),
        (TlsHandshake, "err_ssl_protocol_error"),
        (TlsHandshake, "err_ssl_version_or_cipher_mismatch"),
        (TlsHandshake, "handshake failure"),
        (TlsHandshake, "ssl_error_syscall"),
        (TlsHandshake, "wrong version number"),
        (TlsHandshake, "eproto"),
        (ConnectionRefused, "err_connection_refused"),
        (ConnectionRefused, "econnrefused"),
        (ConnectionRefused, "connection refused"),
        (ConnectionRefused, "couldn't connect to server"),
        (ConnectionReset, "err_connection_reset"),
        (ConnectionReset, "econnreset"),
        (ConnectionReset, "socket hang up"),
        (ConnectionReset, "connection reset by peer"),
        (ConnectionReset, "err_connection_closed"),
        (ConnectionReset, "err_http2_protocol_error"),
        (EmptyReply, "err_empty_response"),
        (EmptyReply, "empty reply from server"),
        (Timeout, "err_timed_out"),
        (Timeout, "err_connection_timed_out"),
        (Timeout, "etimedout"),
        (Timeout, "esockettimedout"),
        (Timeout, "operation timed out"),
        (Timeout, "connection timed out"),
        (Timeout, "timeout of "),
        (Timeout, "read timed out"),
        (FetchFailed, "failed to fetch"),
        (FetchFailed, "networkerror when attempting to fetch"),
        (FetchFailed, "typeerror: load failed"),
        (FetchFailed, "err_failed"),
        (FetchFailed, "network error"),
    ];
    // curl's exit line names the failure precisely; use its number when the text has one.
    let curl = super::lines(text).find_map(curl_exit);
    if let Some(error) = &curl {
        if error.kind != Other {
            return curl;
        }
    }
    let (kind, needle) = RULES.iter().find(|(_, needle)| lower.contains(needle))?;
    let at = lower.find(needle).unwrap_or(0);
    Some(NetworkError {
        kind: *kind,
        message: line_around(text, at),
        name: error_name(text).or_else(|| curl.and_then(|c| c.name)),
    })
}

/// `curl: (60) SSL certificate problem: …`
pub(crate) fn curl_exit(line: &str) -> Option<NetworkError> {
    use NetworkErrorKind::*;
    let rest = line.trim().strip_prefix("curl: (")?;
    let (number, message) = rest.split_once(')')?;
    let number: u16 = number.parse().ok()?;
    let kind = match number {
        5 | 6 => DnsNotResolved,
        7 => ConnectionRefused,
        28 => Timeout,
        35 => TlsHandshake,
        51 => CertificateNameMismatch,
        52 => EmptyReply,
        56 => ConnectionReset,
        58 | 59 | 77 | 80 | 83 => TlsHandshake,
        60 => {
            if message.to_ascii_lowercase().contains("expired") {
                CertificateExpired
            } else {
                CertificateUntrusted
            }
        }
        _ => Other,
    };
    Some(NetworkError {
        kind,
        message: line.trim().to_string(),
        name: Some(format!("curl ({number})")),
    })
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

/// `net::ERR_NAME_NOT_RESOLVED`, `ECONNRESET`, `CERT_HAS_EXPIRED`…
fn error_name(text: &str) -> Option<String> {
    if let Some(at) = text.find("net::ERR_") {
        let name: String = text[at..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        // "net::ERR_FAILED" is Chromium's catch-all; a more specific name elsewhere wins.
        if name != "net::ERR_FAILED" {
            return Some(name);
        }
    }
    for name in [
        "ECONNRESET",
        "ECONNREFUSED",
        "ETIMEDOUT",
        "ENOTFOUND",
        "EAI_AGAIN",
        "ESOCKETTIMEDOUT",
        "CERT_HAS_EXPIRED",
        "SELF_SIGNED_CERT_IN_CHAIN",
        "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
        "DEPTH_ZERO_SELF_SIGNED_CERT",
        "ERR_TLS_CERT_ALTNAME_INVALID",
        "ECONNABORTED",
        "EPROTO",
    ] {
        if text.contains(name) {
            return Some(name.to_string());
        }
    }
    text.contains("net::ERR_FAILED")
        .then(|| "net::ERR_FAILED".to_string())
}
