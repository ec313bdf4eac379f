//! Explanations for failures that never produced an HTTP status: CORS, DNS, TCP, TLS, timeouts. What
//! each means and what to do is knowledge (`src/knowledge/network.toml`); this module fills in the host
//! and quotes the line that said so.

use super::precedence::Precedence;
use super::{Evidence, EvidenceSource, Notes, Severity};
use crate::knowledge::{self, Slots};
use crate::paste::{Exchange, NetworkError};
use crate::shown;

pub(super) fn explain(error: &NetworkError, exchange: &Exchange, notes: &mut Notes) {
    let explanation = error.kind.explanation();
    let host = exchange
        .request
        .as_ref()
        .and_then(|r| r.target.as_deref())
        .and_then(host_of)
        .map(|h| shown!("({})", super::redact::mask(&h)));
    // A status beside a failure that got no answer (the Docker daemon's 500 around Go's "proxyconnect
    // tcp: … refused") is the wrapping program's: the failure's own story is the one without a status.
    let status = exchange.code().filter(|_| !error.nothing_answered);
    // A name that exists everywhere (registry.npmjs.org) that this machine could not resolve: its
    // DNS failed, not the name.
    let public = explanation
        .with_public_host
        .filter(|_| status.is_none())
        .and_then(|verdict| {
            // The name the failure itself names, not the request's URL: a proxy or a mirror in
            // the URL may be what failed to resolve.
            let (_, name) = knowledge::public_host_in(&error.message)?;
            Some((verdict, name))
        });
    let host = match &public {
        Some((_, name)) => Some(shown!("({})", super::redact::mask(name))),
        None => host,
    };
    let slots = Slots {
        host,
        status,
        ..Slots::default()
    };
    notes.matched(error.entry);
    // A response that arrived and could not be read: what reads the response itself comes first,
    // unless the failure's own wording knows its cause (Docker's "error parsing HTTP 413 response
    // body" is a proxy's size limit whatever page came with it).
    // So does an error page inside the unread response (nginx's "413 Request Entity Too Large" quoted
    // by Go's "invalid character '<'"): the status it names is the answer, not the endpoint's route.
    // A wording written for that very status (Docker's "error parsing HTTP 413 response body") still
    // knows its cause and side best.
    let error_page = exchange.code().is_some_and(|c| {
        let number = c.to_string();
        c >= 400
            && !knowledge::FAILURES
                .iter()
                .filter(|f| f.id == error.entry)
                .any(|f| f.needles.iter().any(|n| n.contains(number.as_str())))
    });
    let precedence = if error.response_received() && (error.verdict.is_none() || error_page) {
        Precedence::UnreadResponse
    } else {
        Precedence::NoResponse
    };
    // A status printed beside the failure (the preflight's 404, the proxy's 407) changes the story:
    // there was an answer, and it was an error.
    // A wording that knows its cause exactly (a vendor's own failure text) says so in its own words.
    let redirect = status.is_some_and(|c| (300..400).contains(&c));
    // A public service the caller does not run changes whose fix it is (the kind's
    // side_with_public_host): that outranks a wording's advice to change the API's CORS setup.
    let caller_design = public
        .as_ref()
        .filter(|_| explanation.side_with_public_host.is_some())
        .map(|(v, _)| *v);
    let verdict = caller_design
        .or(error.verdict)
        .or(public.as_ref().map(|(v, _)| *v))
        .or(explanation.with_redirect.filter(|_| redirect))
        .or(explanation
            .with_status
            .filter(|_| status.is_some_and(|c| c >= 300)))
        .unwrap_or(explanation.verdict);
    notes.verdict(precedence, knowledge::fill(verdict.get(), &slots));
    // An error status beside the failure is an answer: the side is where that answer points (the
    // knowledge's side_with_status, or the status's own), not the network.
    match (
        error.side,
        status.filter(|c| *c >= 400),
        explanation.side_with_status,
    ) {
        (Some(_), None, _) if caller_design.is_some() => notes.side(
            precedence,
            explanation
                .side_with_public_host
                .unwrap_or(explanation.side),
        ),
        (Some(own), _, _) => notes.side(precedence, own),
        (None, None, _) if redirect => notes.side(
            precedence,
            explanation.side_with_redirect.unwrap_or(explanation.side),
        ),
        (None, None, _) => notes.side(
            precedence,
            explanation
                .side_with_public_host
                .filter(|_| public.is_some())
                .unwrap_or(explanation.side),
        ),
        (None, Some(_), Some(side)) => notes.side(precedence, side),
        (None, Some(_), None) => {}
    }
    // With a status beside the failure (a 503 behind a CORS message), the status says whether a
    // retry helps, unless the kind knows better (a proxy's 502 over a refused dial).
    let retry = match status {
        None => explanation.retry,
        Some(_) => explanation.retry_with_status,
    };
    if let Some(retry) = retry {
        notes.retry_policy = Some(retry);
    }
    notes.never_sent = status.is_none() && explanation.never_sent;
    // A line that holds the name already ("ERR_NGROK_8012", "JSON::ParserError: 784: unexpected
    // token…") is labelled plainly, not named twice.
    let label = error
        .name
        .as_deref()
        .filter(|name| !error.message.contains(name))
        .unwrap_or("error");
    let mut evidence = vec![Evidence::of(EvidenceSource::Paste, label, &error.message)];
    if let Some(request) = &exchange.request {
        if let Some(target) = &request.target {
            evidence.push(Evidence::of(EvidenceSource::Request, "URL", target));
        }
    }
    notes.add(
        explanation.finding,
        Severity::Problem,
        error.headline.unwrap_or(explanation.headline).get(),
        error.detail.unwrap_or(explanation.detail).get(),
        evidence,
    );
    // A public service's own CORS setup is not the caller's to change: the kind's general steps.
    let steps = if error.steps.is_empty() || caller_design.is_some() {
        explanation.steps
    } else {
        error.steps
    };
    let to_bare_name = if from_browser(exchange) {
        explanation.steps_from_browser_to_bare_name
    } else {
        explanation.steps_to_bare_name
    };
    // An error status beside the failure is the first thing to fix (a 500 behind a CORS message).
    let first = match status {
        Some(code) if code >= 400 => explanation.steps_with_status,
        Some(_) if redirect => explanation.steps_with_redirect,
        None if public.is_some() => explanation.steps_with_public_host,
        None if from_browser(exchange) && to_loopback(error, exchange) => {
            explanation.steps_from_browser_to_loopback
        }
        None if !explanation.steps_to_loopback.is_empty() && to_loopback(error, exchange) => {
            explanation.steps_to_loopback
        }
        None if !to_bare_name.is_empty() && bare_name(error, exchange) => to_bare_name,
        None if to_private_address(error, exchange) => explanation.steps_to_private_address,
        None if to_global_ipv6_address(error) => explanation.steps_to_ipv6_address,
        _ => &[],
    };
    // What that status itself asks of the caller comes next (a 524 behind a CORS message is an origin
    // too slow for Cloudflare: smaller or asynchronous requests, not CORS headers).
    let meaning: &[&str] = match status.and_then(crate::catalog::lookup) {
        Some(s) if s.code >= 400 => &s.caller_steps[..s.caller_steps.len().min(2)],
        _ => &[],
    };
    // A wording that knows its cause exactly (its own verdict and steps: Dwolla's outage page behind
    // a 5xx) leads with its own steps; the status's general ones follow.
    let (steps, first): (Vec<&str>, Vec<&str>) = (
        knowledge::texts(steps).collect(),
        knowledge::texts(first).collect(),
    );
    let order: [&[&str]; 3] =
        if caller_design.is_none() && error.verdict.is_some() && !error.steps.is_empty() {
            [&steps, &first, meaning]
        } else if explanation.status_caused {
            [&first, &steps, meaning]
        } else {
            [&first, meaning, &steps]
        };
    for step in order.into_iter().flatten() {
        notes.step(knowledge::fill(step, &slots));
    }
    notes.cause_settled = true;
}

/// The failure names this machine's own address. From a browser (its console line) the front end
/// was built with a localhost URL, and on any other device the browser dials itself; from a program,
/// it is the machine the program runs on, which inside a container is the container.
fn to_loopback(error: &NetworkError, exchange: &Exchange) -> bool {
    named_texts(error, exchange).any(|text| {
        let lower = text.to_ascii_lowercase();
        ["localhost:", "//localhost", "127.0.0.1", "[::1]"]
            .iter()
            .any(|l| lower.contains(l))
    })
}

fn from_browser(exchange: &Exchange) -> bool {
    exchange
        .client
        .as_ref()
        .and_then(|c| knowledge::client(c.id))
        .is_some_and(|c| c.language == Some("browser"))
}

/// The host that failed is a name without a dot ("backend" in http://backend:5000, "getaddrinfo
/// ENOTFOUND db", "dial tcp: lookup api on 127.0.0.11:53"): a Docker Compose service, a cluster service or a
/// machine name, which only its own network resolves. Not localhost, which every machine has. The
/// request's URL names it, or the failure's line, or the runtime beside its words.
fn bare_name(error: &NetworkError, exchange: &Exchange) -> bool {
    let bare = |name: &str| {
        let name = name
            .trim_matches(|c: char| matches!(c, '\'' | '"' | '(' | ')' | '[' | ']' | ':' | ','));
        // A port after the name ("backend:5000") is not part of it.
        let name = name.split(':').next().unwrap_or(name);
        name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            && !name.eq_ignore_ascii_case("localhost")
    };
    let url = exchange
        .request
        .as_ref()
        .and_then(|r| r.target.clone())
        .or_else(|| crate::paste::url_in(&error.message));
    let from_url = url.as_deref().and_then(host_of);
    from_url
        .or_else(|| error.host.clone())
        .is_some_and(|h| bare(&h))
}

/// The failure names a private IPv4 address (RFC 1918, or RFC 6598's shared space that clusters
/// and carriers use): only machines inside that network can reach it.
fn to_private_address(error: &NetworkError, exchange: &Exchange) -> bool {
    named_texts(error, exchange).any(|text| {
        text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter_map(|word| word.trim_matches('.').parse::<std::net::Ipv4Addr>().ok())
            .any(|ip| {
                let [a, b, ..] = ip.octets();
                ip.is_private() || (a == 100 && (64..128).contains(&b))
            })
    })
}

/// The failure's own line names a global IPv6 address it tried ("connect ETIMEDOUT
/// 2606:4700::6810:85e5:443", "dial tcp [2a03:2880:f10c::]:443: connect: network is unreachable"):
/// not loopback (::1, which a local server often does not listen on) nor link-local.
fn to_global_ipv6_address(error: &NetworkError) -> bool {
    error
        .message
        .split(|c: char| !(c.is_ascii_hexdigit() || c == ':'))
        .filter(|word| word.contains("::") || word.matches(':').count() >= 7)
        .filter_map(|word| word.parse::<std::net::Ipv6Addr>().ok())
        .any(|ip| {
            let first = ip.segments()[0];
            !ip.is_loopback() && !ip.is_unspecified() && (0x2000..0x4000).contains(&first)
        })
}

/// Where a failure names its address: its own line, and the request's URL.
fn named_texts<'a>(
    error: &'a NetworkError,
    exchange: &'a Exchange,
) -> impl Iterator<Item = &'a str> {
    let target = exchange.request.as_ref().and_then(|r| r.target.as_deref());
    std::iter::once(error.message.as_str()).chain(target)
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r)?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    (!host.is_empty()).then(|| host.to_string())
}
