//! Authentication evidence: `WWW-Authenticate` / `Proxy-Authenticate` challenges (scheme, realm, the
//! RFC 6750 Bearer `error`, `error_description` and `scope`), OAuth 2 token-endpoint error bodies, the
//! request's own Authorization header, and the expiry of a JWT it carried.

use super::precedence::Precedence;
use super::redact;
use super::{time, Clock, Evidence, EvidenceSource, FindingKind, Notes, Severity};
use crate::catalog::{RetryPolicy, Side, Status};
use crate::paste::Exchange;
use crate::shown;

pub(super) fn read(exchange: &Exchange, status: &Status, clock: Clock, notes: &mut Notes) {
    for (header, who) in [
        ("www-authenticate", "server"),
        ("proxy-authenticate", "proxy"),
    ] {
        for h in exchange
            .headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(header))
        {
            challenge(&h.name, &h.value, who, notes);
        }
    }
    if status.code == 401
        && exchange.header("www-authenticate").is_none()
        && !exchange.headers.is_empty()
    {
        notes.add(
            FindingKind::AuthChallengeMissing,
            Severity::Info,
            "No WWW-Authenticate header",
            "RFC 9110 asks a 401 to say which authentication scheme it wants in WWW-Authenticate; this one does not, so check the API docs for how to send credentials (usually an API key or a Bearer token in the Authorization header).",
            Vec::new(),
        );
    }
    if matches!(status.code, 401 | 403) {
        if let Some(request) = &exchange.request {
            let sent = request.headers.iter().find(|h| {
                h.name.eq_ignore_ascii_case("authorization")
                    || h.name.to_ascii_lowercase().contains("api-key")
            });
            match sent {
                None if !request.headers.is_empty() && status.code == 401 => {
                    notes.add(
                        FindingKind::CredentialsMissing,
                        Severity::Problem,
                        "The request sent no credentials",
                        "The request headers in the paste have no Authorization or API-key header. Send the credentials the API expects.",
                        vec![Evidence::of(EvidenceSource::Request, "request headers", "no Authorization header")],
                    );
                    notes.step("Add the API key or token to the request, in the header the API documents (usually “Authorization: Bearer …”).");
                    notes.verdict(
                        Precedence::Mismatch,
                        "The request was not authenticated: it carried no credentials.",
                    );
                }
                Some(h) => jwt_expiry(&h.value, exchange, clock, notes),
                None => {}
            }
        }
    }
}

/// The `name=value` and `name="quoted \"value\""` parameters of a challenge (RFC 9110 §11.2), names
/// in lower case. Anything else (the scheme, a token68) is skipped.
fn challenge_params(value: &str) -> Vec<(String, String)> {
    let bytes = value.as_bytes();
    let name_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let mut params = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let name_len = bytes[i..].iter().take_while(|&&b| name_char(b)).count();
        if name_len == 0 {
            i += 1;
            continue;
        }
        let name = &value[i..i + name_len];
        let mut j = i + name_len;
        let skip_spaces = |j: usize| {
            j + bytes[j..]
                .iter()
                .take_while(|b| b.is_ascii_whitespace())
                .count()
        };
        j = skip_spaces(j);
        if bytes.get(j) != Some(&b'=') {
            i += name_len;
            continue;
        }
        j = skip_spaces(j + 1);
        if bytes.get(j) == Some(&b'"') {
            let mut unquoted = String::new();
            let mut chars = value[j + 1..].char_indices();
            let mut end = None;
            while let Some((k, c)) = chars.next() {
                match c {
                    '"' => {
                        end = Some(j + 1 + k + 1);
                        break;
                    }
                    '\\' => {
                        if let Some((_, escaped)) = chars.next() {
                            unquoted.push(escaped);
                        }
                    }
                    c => unquoted.push(c),
                }
            }
            match end {
                Some(end) => {
                    params.push((name.to_ascii_lowercase(), unquoted));
                    i = end;
                }
                // An unterminated quote is not a parameter.
                None => i += name_len,
            }
        } else {
            let len = bytes[j..]
                .iter()
                .take_while(|&&b| b != b',' && !b.is_ascii_whitespace())
                .count();
            if len == 0 {
                i += name_len;
                continue;
            }
            params.push((name.to_ascii_lowercase(), value[j..j + len].to_string()));
            i = j + len;
        }
    }
    params
}

fn challenge(name: &str, value: &str, who: &'static str, notes: &mut Notes) {
    let scheme = value
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(',');
    let params = challenge_params(value);
    let get = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    let realm = get("realm")
        .map(|r| shown!(" for realm \"{}\"", redact::mask(r)))
        .unwrap_or_default();
    let evidence = vec![Evidence::header(name, value)];
    let description = get("error_description");
    let described = description
        .map(|d| shown!(" The server says: \"{}\".", redact::mask(d)))
        .unwrap_or_default();
    if let Some(description) = description {
        notes.server_message(description);
    }
    match get("error") {
        Some("invalid_token") => {
            notes.add(
                FindingKind::TokenInvalid,
                Severity::Problem,
                "The access token was rejected (invalid_token)",
                shown!(
                    "The Bearer token is expired, revoked, malformed or issued for another API.{}",
                    described
                ),
                evidence,
            );
            notes.step("Get a new access token (refresh it, or sign in again) and send it as “Authorization: Bearer <token>”.");
            notes.step("Check that the token was issued for this API (audience) and environment.");
            notes.verdict(Precedence::Credentials, "Your access token was rejected: it is expired, revoked or not meant for this API. Get a new one and retry.");
            notes.retry_policy = Some(RetryPolicy::AfterFix);
            notes.side(Precedence::Credentials, Side::Client);
        }
        Some("insufficient_scope") => {
            let scope = get("scope")
                .map(|s| shown!(" It needs the scope \"{}\".", redact::mask(s)))
                .unwrap_or_default();
            notes.add(
                FindingKind::InsufficientScope,
                Severity::Problem,
                "The token lacks a required scope (insufficient_scope)",
                shown!("You are authenticated, but the token was not granted the permission this request needs.{}{}", scope, described),
                evidence,
            );
            let needed = get("scope")
                .map(|s| shown!(" \"{}\"", redact::mask(s)))
                .unwrap_or_default();
            notes.step(shown!("Request a token with the scope{} (re-run the authorization with that scope, or ask an admin to grant it).", needed));
            notes.verdict(
                Precedence::Credentials,
                shown!(
                    "Your token is valid but lacks the permission (scope){} this request needs.",
                    needed
                ),
            );
            notes.retry_policy = Some(RetryPolicy::AfterFix);
            notes.side(Precedence::Credentials, Side::Client);
        }
        Some("invalid_request") => {
            notes.add(
                FindingKind::AuthRequestMalformed,
                Severity::Problem,
                "The authentication request was malformed (invalid_request)",
                shown!("The request is missing a parameter, repeats one, or sends credentials in more than one way (header and query, for example).{}", described),
                evidence,
            );
            notes.step(
                "Send the token exactly once, in the Authorization header, as “Bearer <token>”.",
            );
            notes.side(Precedence::Credentials, Side::Client);
        }
        Some(other) => notes.add(
            FindingKind::TokenInvalid,
            Severity::Problem,
            shown!("Authentication error \"{}\"", redact::mask(other)),
            shown!(
                "The {} rejected the credentials with the error code \"{}\".{}",
                who,
                redact::mask(other),
                described,
            ),
            evidence,
        ),
        None => {
            let what = if who == "proxy" {
                shown!("A proxy between you and the API asks for {} credentials{}. Configure your HTTP client's proxy settings (for example HTTPS_PROXY with a user and password) or ask your network team.", redact::mask(scheme), realm)
            } else {
                shown!(
                    "The server asks for {} credentials{}. Send them in the Authorization header.",
                    redact::mask(scheme),
                    realm
                )
            };
            notes.add(
                FindingKind::AuthChallenge,
                Severity::Info,
                shown!("The {} wants {} authentication", who, redact::mask(scheme)),
                what,
                evidence,
            );
        }
    }
}

/// When the request carried a JWT, read its `exp` claim and compare it with the response's `Date`.
fn jwt_expiry(authorization: &str, exchange: &Exchange, clock: Clock, notes: &mut Notes) {
    let token = authorization.split_whitespace().last().unwrap_or("");
    let mut parts = token.split('.');
    let (Some(_), Some(payload), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let Some(bytes) = base64url(payload) else {
        return;
    };
    let Ok(claims) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return;
    };
    let Some(exp) = claims.get("exp").and_then(serde_json::Value::as_i64) else {
        return;
    };
    // The response's Date is the moment that counts; without one, the time of the diagnosis.
    let date = exchange.header("date").and_then(time::parse_http_date);
    let Some(now) = date.or(clock.now) else {
        return;
    };
    let moment = if date.is_some() {
        "before the response"
    } else {
        "ago"
    };
    if exp <= now {
        notes.add(
            FindingKind::TokenExpired,
            Severity::Problem,
            "The token you sent had expired",
            shown!(
                "The JWT in the request's Authorization header expired at {} ({} {}).",
                time::readable(exp, Some(now)),
                time::duration((now - exp) as u64),
                moment,
            ),
            vec![Evidence::of(
                EvidenceSource::Request,
                "Authorization (JWT exp claim)",
                &time::rfc3339(exp),
            )],
        );
        notes.step("Refresh the access token before it expires (check “exp”), then retry.");
        notes.verdict(
            Precedence::WrongPlace,
            "The access token you sent had expired: get a new one and retry.",
        );
        notes.side(Precedence::WrongPlace, Side::Client);
    }
}

fn base64url(input: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in input.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}
