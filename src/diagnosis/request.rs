//! Evidence about the request and the status line itself: reason phrases that are not the registered
//! ones, `Allow` on 405, `Accept-Post`/`Accept-Patch` on 415, what to shrink on 413/414/431, and where a
//! redirect goes (and whether a POST became a GET).

use super::precedence::Precedence;
use super::{redact, Evidence, EvidenceSource, FindingKind, Notes, Severity, Shown};
use crate::catalog::{Status, StatusClass};
use crate::paste::Exchange;
use crate::shown;

pub(super) fn reason_phrase(exchange: &Exchange, status: &Status, notes: &mut Notes) {
    let Some(reason) = exchange.status.as_ref().and_then(|s| s.reason.as_deref()) else {
        return;
    };
    // What a client prints after the code is sometimes its own message, not the server's phrase
    // (godo's `422 (request "…") validation error: …`, aiohttp's parser error in `message='…'`):
    // quotes, brackets or a whole sentence are not a reason phrase to remark on. A status line's
    // phrase (it has a version) is the server's, whatever it says.
    let printed_by_client = exchange
        .status
        .as_ref()
        .is_some_and(|s| s.version.is_none());
    if printed_by_client && (reason.len() > 60 || reason.contains(['"', '\'', '(', '{', '='])) {
        return;
    }
    if !status.known || status.answers_to(reason) {
        if status.known
            && !crate::catalog::normalise_phrase(reason)
                .eq(&crate::catalog::normalise_phrase(status.phrase))
        {
            notes.add(
                FindingKind::ReasonPhraseDiffers,
                Severity::Info,
                shown!("\"{}\" is another name for {} {}", redact::mask(reason), status.code, status.phrase),
                if status.official {
                    shown!("The server used an earlier name of this status; RFC 9110 calls it \"{}\". Same meaning.", status.phrase)
                } else {
                    shown!("{} also calls this status \"{}\". Same meaning.", status.source.name, status.phrase)
                },
                vec![Evidence::of(EvidenceSource::StatusLine, "reason phrase", reason)],
            );
        }
        return;
    }
    notes.add(
        FindingKind::ReasonPhraseDiffers,
        Severity::Info,
        "Unusual reason phrase",
        shown!(
            "The server sent \"{}\" with {}; the registered phrase is \"{}\". Reason phrases are free text and clients must ignore them (RFC 9110 §15), so the number is what counts.",
            redact::mask(reason),
            status.code,
            status.phrase,
        ),
        vec![Evidence::of(EvidenceSource::StatusLine, "reason phrase", reason)],
    );
}

pub(super) fn method_media_size(exchange: &Exchange, status: &Status, notes: &mut Notes) {
    let method = exchange.request.as_ref().and_then(|r| r.method.as_deref());
    match status.code {
        // Exchange ActiveSync answers 451 with X-MS-Location to move the client to another server.
        451 if exchange.header("x-ms-location").is_some() => {
            let location = exchange.header("x-ms-location").unwrap_or_default();
            notes.add(
                FindingKind::Redirect,
                Severity::Problem,
                "Exchange ActiveSync redirect",
                shown!("This 451 comes from Microsoft Exchange ActiveSync, where it means \"use another server\": the mailbox is served at {}. It is not a legal block.", redact::mask(location)),
                vec![Evidence::header("X-MS-Location", location)],
            );
            notes.verdict(Precedence::WrongPlace, shown!("Exchange ActiveSync tells the client to use another server for this mailbox: {}. Update the account's server address (most clients do this automatically).", redact::mask(location)));
            notes.step(shown!("Point the mail client or device at {} (remove and re-add the account if it does not follow the redirect).", redact::mask(location)));
            notes.side(Precedence::WrongPlace, crate::catalog::Side::Client);
        }
        405 => {
            if let Some(allow) = exchange.header("allow") {
                let methods: Vec<&str> = allow.split(',').map(str::trim).filter(|m| !m.is_empty()).collect();
                let sent = method.map(|m| shown!("{} is not one of them. ", redact::mask(m))).unwrap_or_default();
                let allowed = redact::mask(&methods.join(", "));
                notes.add(
                    FindingKind::MethodNotAllowed,
                    Severity::Problem,
                    shown!("Allowed methods: {}", allowed),
                    shown!("This URL accepts only {}. {}Use one of the allowed methods, or check that you are calling the right URL.", allowed, sent),
                    vec![Evidence::header("Allow", allow)],
                );
                notes.step(shown!("Send the request with one of the allowed methods: {}.", allowed));
                notes.verdict(Precedence::Mismatch, shown!("This URL does not accept {}: it allows only {}.", method.map(redact::mask).unwrap_or_else(|| Shown::from("this method")), allowed));
            }
        }
        415 => {
            for name in ["Accept-Post", "Accept-Patch"] {
                if let Some(value) = exchange.header(name) {
                    notes.add(
                        FindingKind::MediaTypeRejected,
                        Severity::Problem,
                        shown!("The server accepts: {}", redact::mask(value)),
                        shown!("Send the body in one of these media types and set Content-Type to match ({}).", name),
                        vec![Evidence::header(name, value)],
                    );
                    notes.step(shown!("Set Content-Type to one of: {}, and encode the body that way.", redact::mask(value)));
                }
            }
            if let Some(ct) = exchange.request.as_ref().and_then(|r| r.headers.iter().find(|h| h.name.eq_ignore_ascii_case("content-type"))) {
                notes.add(FindingKind::MediaTypeRejected, Severity::Info, "The Content-Type you sent", "This is the media type the server refused.", vec![Evidence::of(EvidenceSource::Request, "Content-Type", &ct.value)]);
            }
        }
        413 => {
            // A server's or proxy's own 413 page already says how to shrink the body.
            if !notes.cause_settled {
                notes.step("Shrink the request body: compress it, split it into smaller requests, or upload large files with the API's multipart/resumable upload.");
            }
            if exchange.header("retry-after").is_some() {
                notes.add(FindingKind::RequestTooLarge, Severity::Info, "The limit may be temporary", "With Retry-After, the server says the size limit is temporary.", Vec::new());
            }
        }
        414 => notes.step("Shorten the URL: move long filters or ids from the query string into a POST body, or page through fewer ids per request."),
        431 => {
            notes.step("Shrink the request headers: clear the cookies for this domain (one cookie is often huge), and send a shorter token.");
            if let Some(request) = &exchange.request {
                if let Some(biggest) = request.headers.iter().max_by_key(|h| h.value.len()) {
                    notes.add(
                        FindingKind::RequestTooLarge,
                        Severity::Warning,
                        shown!("Largest request header: {} ({} bytes)", redact::mask(&biggest.name), biggest.value.len()),
                        "This header is the first candidate to shrink.",
                        vec![Evidence::of(EvidenceSource::Request, &biggest.name, &format!("{} bytes", biggest.value.len()))],
                    );
                }
            }
        }
        _ => {}
    }
    double_slash(exchange, status, notes);
    head_request(exchange, status, notes);
    if status.class == StatusClass::Redirection {
        if let Some(location) = exchange.header("location") {
            let to = super::quote(redact::mask(location));
            let verb = redact::mask(method.unwrap_or("POST"));
            let mut detail = shown!("The server points the client to {}.", to);
            let method_change = exchange.redirect_changes_method();
            if method_change {
                detail.push(&shown!(
                    " Most clients follow a {} with GET, so your {} body is dropped on the way. Call the final URL directly, or expect the server to send 307/308 to keep the method.",
                    status.code,
                    verb,
                ));
                notes.verdict(Precedence::Mismatch, shown!("Your {} was redirected with {}; clients follow that with a GET and drop the body, so call {} directly.", verb, status.code, to));
                notes.step(shown!(
                    "Send the request to the final URL ({}) instead of relying on the redirect.",
                    to,
                ));
            }
            let lower = location.to_ascii_lowercase();
            if lower.contains("login") || lower.contains("signin") || lower.contains("auth") {
                detail.push_ours(" The target looks like a sign-in page: the request was probably not authenticated the way the API expects.");
            }
            notes.add(
                if method_change {
                    FindingKind::RedirectChangedMethod
                } else {
                    FindingKind::Redirect
                },
                if method_change {
                    Severity::Problem
                } else {
                    Severity::Info
                },
                shown!(
                    "Redirects to {}",
                    super::quote(super::redact::mask(location)),
                ),
                detail,
                vec![Evidence::header("Location", location)],
            );
        }
    }
}

/// A refusal of a HEAD request (`curl -I`): servers, proxies and access policies often treat HEAD
/// unlike GET (a signed URL is signed for one method, a gateway or mesh policy allows GET only, a
/// framework has no HEAD route), so the status may not be what the real call gets.
fn head_request(exchange: &Exchange, status: &Status, notes: &mut Notes) {
    if !matches!(status.code, 400 | 403 | 404 | 405 | 501) {
        return;
    }
    let Some(request) = exchange.request.as_ref() else {
        return;
    };
    if request.method.as_deref() != Some("HEAD") {
        return;
    }
    notes.add(
        FindingKind::MethodNotAllowed,
        Severity::Warning,
        "This was a HEAD request (curl -I), not a GET",
        "curl -I and --head send HEAD. Servers, proxies and access policies often answer HEAD differently from GET: a signed URL (S3, Cloud Storage, Azure SAS) is signed for one method, an API gateway's or service mesh's policy may allow GET only, and some frameworks and APIs have no HEAD route. The status above may not be what a GET of the same URL gets.",
        vec![Evidence::of(EvidenceSource::Request, "Method", "HEAD")],
    );
    notes.step("Repeat the call as a GET that prints only the headers (curl -sS -D - -o /dev/null URL) before acting on this status: if the GET works, allow HEAD where it was refused, or keep using GET.");
}

/// A path with "//" in it ("https://api.example.com//v1/users"): a base URL ending in "/" joined to a
/// path starting with "/". Many routers match no route for it (404, 405) or redirect it.
fn double_slash(exchange: &Exchange, status: &Status, notes: &mut Notes) {
    if !matches!(status.code, 301 | 308 | 400 | 404 | 405) {
        return;
    }
    let Some(target) = exchange.request.as_ref().and_then(|r| r.target.as_deref()) else {
        return;
    };
    let path = match target.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
        None => target,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    if !path.contains("//") {
        return;
    }
    notes.add(
        FindingKind::RouteNotFound,
        Severity::Warning,
        "The URL's path has a double slash (//)",
        "A base URL that ends in / joined to a path that starts with / gives //; many servers and routers match no route for it, or redirect it and lose the method.",
        vec![Evidence::of(EvidenceSource::Request, "URL", target)],
    );
    notes.step("Remove the doubled slash from the URL: drop the trailing / of the base URL (or the leading / of the path) where your code joins them.");
}
