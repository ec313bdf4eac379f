//! Evidence about the request and the status line itself: reason phrases that are not the registered
//! ones, `Allow` on 405, `Accept-Post`/`Accept-Patch` on 415, what to shrink on 413/414/431, and where a
//! redirect goes (and whether a POST became a GET).

use super::precedence::Precedence;
use super::{Evidence, EvidenceSource, FindingKind, Notes, Severity};
use crate::catalog::{Status, StatusClass};
use crate::paste::Exchange;

pub(super) fn reason_phrase(exchange: &Exchange, status: &Status, notes: &mut Notes) {
    let Some(reason) = exchange.status.as_ref().and_then(|s| s.reason.as_deref()) else {
        return;
    };
    if !status.known || status.answers_to(reason) {
        if status.known
            && !crate::catalog::normalise_phrase(reason)
                .eq(&crate::catalog::normalise_phrase(status.phrase))
        {
            notes.add(
                FindingKind::ReasonPhraseDiffers,
                Severity::Info,
                format!("\"{reason}\" is another name for {}", status.title()),
                if status.official {
                    format!("The server used an earlier name of this status; RFC 9110 calls it \"{}\". Same meaning.", status.phrase)
                } else {
                    format!("{} also calls this status \"{}\". Same meaning.", status.source.name, status.phrase)
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
        format!(
            "The server sent \"{reason}\" with {}; the registered phrase is \"{}\". Reason phrases are free text and clients must ignore them (RFC 9110 §15), so the number is what counts.",
            status.code, status.phrase
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
                format!("This 451 comes from Microsoft Exchange ActiveSync, where it means \"use another server\": the mailbox is served at {}. It is not a legal block.", location),
                vec![Evidence::header("X-MS-Location", location)],
            );
            notes.verdict(Precedence::WrongPlace, format!("Exchange ActiveSync tells the client to use another server for this mailbox: {}. Update the account's server address (most clients do this automatically).", location));
            notes.step(format!("Point the mail client or device at {} (remove and re-add the account if it does not follow the redirect).", location));
            notes.side(Precedence::WrongPlace, crate::catalog::Side::Client);
        }
        405 => {
            if let Some(allow) = exchange.header("allow") {
                let methods: Vec<&str> = allow.split(',').map(str::trim).filter(|m| !m.is_empty()).collect();
                let sent = method.map(|m| format!("{m} is not one of them. ")).unwrap_or_default();
                notes.add(
                    FindingKind::MethodNotAllowed,
                    Severity::Problem,
                    format!("Allowed methods: {}", methods.join(", ")),
                    format!("This URL accepts only {}. {sent}Use one of the allowed methods, or check that you are calling the right URL.", methods.join(", ")),
                    vec![Evidence::header("Allow", allow)],
                );
                notes.step(format!("Send the request with one of the allowed methods: {}.", methods.join(", ")));
                notes.verdict(Precedence::Mismatch, format!("This URL does not accept {}: it allows only {}.", method.unwrap_or("this method"), methods.join(", ")));
            }
        }
        415 => {
            for name in ["Accept-Post", "Accept-Patch"] {
                if let Some(value) = exchange.header(name) {
                    notes.add(
                        FindingKind::MediaTypeRejected,
                        Severity::Problem,
                        format!("The server accepts: {value}"),
                        format!("Send the body in one of these media types and set Content-Type to match ({name})."),
                        vec![Evidence::header(name, value)],
                    );
                    notes.step(format!("Set Content-Type to one of: {value}, and encode the body that way."));
                }
            }
            if let Some(ct) = exchange.request.as_ref().and_then(|r| r.headers.iter().find(|h| h.name.eq_ignore_ascii_case("content-type"))) {
                notes.add(FindingKind::MediaTypeRejected, Severity::Info, "The Content-Type you sent", "This is the media type the server refused.", vec![Evidence::of(EvidenceSource::Request, "Content-Type", &ct.value)]);
            }
        }
        413 => {
            notes.step("Shrink the request body: compress it, split it into smaller requests, or upload large files with the API's multipart/resumable upload.");
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
                        format!("Largest request header: {} ({} bytes)", biggest.name, biggest.value.len()),
                        "This header is the first candidate to shrink.",
                        vec![Evidence::of(EvidenceSource::Request, &biggest.name, &format!("{} bytes", biggest.value.len()))],
                    );
                }
            }
        }
        _ => {}
    }
    if status.class == StatusClass::Redirection {
        if let Some(location) = exchange.header("location") {
            let mut detail = format!("The server points the client to {}.", location);
            let method_change = matches!(status.code, 301..=303)
                && method.is_some_and(|m| m != "GET" && m != "HEAD");
            if method_change {
                detail.push_str(&format!(
                    " Most clients follow a {} with GET, so your {} body is dropped on the way. Call the final URL directly, or expect the server to send 307/308 to keep the method.",
                    status.code,
                    method.unwrap_or("POST")
                ));
                notes.verdict(Precedence::Mismatch, format!("Your {} was redirected with {}; clients follow that with a GET and drop the body, so call {} directly.", method.unwrap_or("POST"), status.code, location));
                notes.step(format!(
                    "Send the request to the final URL ({}) instead of relying on the redirect.",
                    location
                ));
            }
            let lower = location.to_ascii_lowercase();
            if lower.contains("login") || lower.contains("signin") || lower.contains("auth") {
                detail.push_str(" The target looks like a sign-in page: the request was probably not authenticated the way the API expects.");
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
                format!(
                    "Redirects to {}",
                    super::quote(&super::redact::text(location))
                ),
                detail,
                vec![Evidence::header("Location", location)],
            );
        }
    }
}
