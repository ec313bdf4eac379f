//! Explanations for errors that never produced an HTTP status: CORS, DNS, TCP, TLS, timeouts.

use super::{Evidence, EvidenceSource, Notes, Severity};
use crate::catalog::Side;
use crate::paste::{Exchange, NetworkError, NetworkErrorKind};

pub(super) fn headline(kind: NetworkErrorKind) -> &'static str {
    use NetworkErrorKind::*;
    match kind {
        Cors => "Blocked by CORS (no HTTP error)",
        DnsNotResolved => "Host name not found (DNS)",
        ConnectionRefused => "Connection refused",
        ConnectionReset => "Connection reset",
        Timeout => "Timed out (no response)",
        TlsHandshake => "TLS handshake failed",
        CertificateUntrusted => "Certificate not trusted",
        CertificateExpired => "Certificate expired or not yet valid",
        CertificateNameMismatch => "Certificate does not match the host name",
        EmptyReply => "Empty reply from the server",
        MixedContent => "Blocked as mixed content",
        BlockedByClient => "Blocked by a browser extension",
        Offline => "No network connection",
        FetchFailed => "The request failed before any HTTP response",
        Other => "Network error (no HTTP response)",
    }
}

pub(super) fn explain(error: &NetworkError, exchange: &Exchange, notes: &mut Notes) {
    use NetworkErrorKind::*;
    let host = exchange
        .request
        .as_ref()
        .and_then(|r| r.target.as_deref())
        .and_then(host_of)
        .map(|h| format!(" ({h})"))
        .unwrap_or_default();
    let (verdict, detail, steps): (String, &str, &[&str]) = match error.kind {
        Cors => (
            "The browser blocked your page from reading the response (CORS): the API did not allow your page's origin. This is not an HTTP error, and the request may even have succeeded on the server.".into(),
            "Browsers only let a page read a cross-origin response when the API answers with Access-Control-Allow-Origin naming the page's origin (and, for preflighted requests, a successful OPTIONS answer with the allowed methods and headers). The status shown beside a CORS error is not the cause.",
            cors_steps(&error.message),
        ),
        DnsNotResolved => (
            format!("The host name{host} could not be resolved: DNS has no address for it, so no HTTP request was sent."),
            "The name does not exist, is misspelled, exists only on another network (VPN, internal DNS), or DNS is failing on this machine.",
            &[
                "Check the host name for typos and the environment (staging vs production).",
                "Resolve it yourself: “nslookup <host>” or “dig <host>”; try another network or turn the VPN on/off.",
                "If the name is new, wait for DNS to propagate; if it is internal, connect to the network that can resolve it.",
            ],
        ),
        ConnectionRefused => (
            format!("The connection was refused{host}: nothing is listening on that host and port, or a firewall rejects it. No HTTP request was sent."),
            "The server process is down, listens on another port or interface (127.0.0.1 only), or a firewall sends a reset.",
            &[
                "Check the port and scheme (https = 443, http = 80, or the API's documented port).",
                "Check that the service is running and listening on the right interface (not only localhost).",
                "Check firewalls and security groups between you and the server.",
            ],
        ),
        ConnectionReset => (
            "The connection was reset while the request was in flight: the server, a proxy or a firewall closed it abruptly.".into(),
            "Common causes: a proxy or load balancer idle timeout, a server crash or restart, TLS inspection middleboxes, or keep-alive connections reused after the server closed them.",
            &[
                "Retry once with backoff: a reset on a reused keep-alive connection is often transient.",
                "If it repeats, compare the time until the reset with proxy or load balancer timeouts.",
                "Ask the API owner to look for crashes or restarts at that time.",
            ],
        ),
        Timeout => (
            format!("No response arrived in time{host}: the connection or the answer took longer than the client's timeout. No HTTP status was received."),
            "Either the server could not be reached (firewall silently dropping packets, wrong address) or it accepted the request and was too slow to answer.",
            &[
                "Check that the host is reachable from this network (firewalls, VPN, proxy settings).",
                "If it connects but is slow, raise the client timeout or make the request lighter (smaller pages, fewer items).",
                "Retry with exponential backoff; if it persists, contact the API's support with the time of the request.",
            ],
        ),
        TlsHandshake => (
            "The TLS handshake failed: client and server could not agree on a secure connection, so no HTTP request was sent.".into(),
            "Usual causes: no common TLS version or cipher (an old client or server), SNI missing, talking TLS to a plain-HTTP port (or the reverse), or a proxy intercepting TLS.",
            &[
                "Check the scheme and port (https:// to a TLS port).",
                "Test with “curl -v https://<host>/” or “openssl s_client -connect <host>:443 -servername <host>” to see the handshake.",
                "Update the client's TLS library; ask the server owner which TLS versions and ciphers they allow.",
            ],
        ),
        CertificateUntrusted => (
            "The server's certificate is not trusted by this client: it is self-signed, signed by an unknown CA, or the server does not send its intermediate certificate.".into(),
            "Corporate proxies that inspect TLS re-sign certificates with their own CA, which clients outside the browser often do not trust.",
            &[
                "If you are behind a corporate proxy, add its CA certificate to the client's trust store (e.g. NODE_EXTRA_CA_CERTS, REQUESTS_CA_BUNDLE, curl --cacert).",
                "Check the server's chain with “openssl s_client -showcerts”; the server owner must send the intermediate certificates.",
                "Do not disable certificate verification except for a local test.",
            ],
        ),
        CertificateExpired => (
            "The server's certificate has expired (or is not yet valid): the client refused to connect.".into(),
            "Either the certificate really expired (the server owner must renew it) or this machine's clock is wrong.",
            &[
                "Check this machine's date and time.",
                "Check the certificate dates with “openssl s_client -connect <host>:443” or the browser's certificate viewer.",
                "Tell the API owner: they must renew the certificate.",
            ],
        ),
        CertificateNameMismatch => (
            "The server's certificate is for a different host name than the one you called.".into(),
            "The URL uses a host (or IP address) that the certificate does not list, often a raw IP, an internal alias, or a CDN not set up for this name.",
            &[
                "Call the API with the exact host name its certificate is issued for.",
                "Check the certificate's subject alternative names with the browser or openssl.",
            ],
        ),
        EmptyReply => (
            "The server closed the connection without sending any response.".into(),
            "A crash while handling the request, a proxy that drops requests it does not like (nginx 444), or a plain-HTTP request to a TLS port.",
            &[
                "Check the scheme and port.",
                "Retry once; if it repeats, ask the API owner to check their logs for the time of the request.",
            ],
        ),
        MixedContent => (
            "The browser blocked a plain-HTTP request from an HTTPS page (mixed content).".into(),
            "Pages loaded over HTTPS may not fetch from http:// URLs.",
            &["Call the API over https://."],
        ),
        BlockedByClient => (
            "A browser extension (ad or privacy blocker) cancelled the request before it was sent.".into(),
            "Blockers match URLs such as /ads, /track, /analytics or known third-party hosts.",
            &["Try with extensions disabled (a private window) and rename the endpoint if users will hit the same blocker."],
        ),
        Offline => (
            "This device had no network connection when the request was made.".into(),
            "The browser reports the connection as offline.",
            &["Reconnect to the network and retry."],
        ),
        FetchFailed => (
            "The request failed before any HTTP response reached your code: in a browser this is usually CORS, a network problem or a blocker. The browser console's line above this one says which.".into(),
            "“TypeError: Failed to fetch” hides the real cause from JavaScript on purpose. Look in the browser console (and the Network tab) for a CORS message or a net::ERR_ code.",
            &[
                "Open the browser console and the Network tab, and paste the CORS or net::ERR_ line printed with this error.",
                "Check that the API is reachable from this network (open the URL directly).",
            ],
        ),
        Other => (
            "The request failed at the network level: no HTTP response was received.".into(),
            "The error names the failing step.",
            &["Check the host, port and network path; retry with backoff if it is transient."],
        ),
    };
    notes.verdict(60, verdict);
    notes.side(10, Side::Network);
    let mut evidence = vec![Evidence::of(
        EvidenceSource::Paste,
        error.name.as_deref().unwrap_or("error"),
        &error.message,
    )];
    if let Some(request) = &exchange.request {
        if let Some(target) = &request.target {
            evidence.push(Evidence::of(EvidenceSource::Request, "URL", target));
        }
    }
    notes.add(Severity::Problem, headline(error.kind), detail, evidence);
    for step in steps {
        notes.step(*step);
    }
}

fn cors_steps(message: &str) -> &'static [&'static str] {
    let lower = message.to_ascii_lowercase();
    if lower.contains("preflight") && lower.contains("http ok status") {
        &[
            "The preflight OPTIONS request got an error status: make the API answer OPTIONS with 204/200 and CORS headers, before any authentication check.",
            "On the API (or its gateway), allow the page's origin, the method and the request headers in the CORS configuration.",
            "Calling the API from your own backend (or a proxy on the same origin) avoids CORS entirely.",
        ]
    } else if lower.contains("wildcard") || lower.contains("credentials") {
        &[
            "With credentials (cookies, “credentials: 'include'”), the API must name the exact origin in Access-Control-Allow-Origin (not “*”) and send Access-Control-Allow-Credentials: true.",
            "Or stop sending credentials if the API does not need them.",
        ]
    } else if lower.contains("access-control-allow-headers") {
        &[
            "The API must list the request header named in the message in Access-Control-Allow-Headers (for example Authorization or Content-Type).",
            "Or avoid sending that custom header from the browser.",
        ]
    } else if lower.contains("access-control-allow-methods") {
        &["The API must list the method in Access-Control-Allow-Methods in its preflight answer."]
    } else {
        &[
            "On the API (or its gateway/CDN), send Access-Control-Allow-Origin with your page's origin for this endpoint, including on error responses.",
            "Check that the URL is right: a 404 or a redirect to another host also comes without CORS headers and shows up as a CORS error.",
            "Calling the API from your own backend (or a proxy on the same origin) avoids CORS entirely; “mode: 'no-cors'” does not help, it only hides the response.",
        ]
    }
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    (!host.is_empty()).then(|| host.to_string())
}
