//! Who answered: CDNs, gateways, load balancers, platforms, web servers and API vendors leave
//! fingerprints in headers and in their own error pages. Knowing that a 502 page came from a proxy or
//! that a 522 came from a CDN tells the reader whether the API itself ever saw the request.
//!
//! What each component looks like, its error header's codes and its pages are knowledge
//! (`src/knowledge/answered_by/`, `src/knowledge/pages/`); this module matches them.

use super::precedence::Precedence;
use super::{Evidence, FindingKind, Notes, Severity, Shown};
use crate::catalog::{Registration, Side, Status, StatusClass};
use crate::knowledge::{self, Component, Page, Slots, COMPONENTS, PAGES};
use crate::paste::{visible_text, Exchange, MediaKind};
use crate::shown;

/// Components whose headers appear in the response, in the knowledge's order, with the evidence.
fn by_headers(exchange: &Exchange) -> Vec<(&'static Component, Evidence)> {
    COMPONENTS
        .iter()
        .filter_map(|component| {
            let hit = component.headers.iter().find_map(|(name, fragment)| {
                exchange.headers.iter().find(|h| {
                    h.name.eq_ignore_ascii_case(name)
                        && h.value.to_ascii_lowercase().contains(fragment)
                })
            })?;
            Some((component, Evidence::header(&hit.name, &hit.value)))
        })
        .collect()
}

/// Error headers that name a component's own error code (`x-vercel-error`, `x-amzn-errortype`).
pub(super) fn error_headers(exchange: &Exchange, notes: &mut Notes) {
    for component in COMPONENTS {
        let Some(name) = component.error_header else {
            continue;
        };
        let Some(value) = exchange.header(name) else {
            continue;
        };
        // `ThrottlingException:http://internal.amazon.com/…` and namespaced names carry the code first.
        let code = value.split(':').next().unwrap_or(value);
        let code = code.rsplit('#').next().unwrap_or(code).trim();
        if let Some(entry) = knowledge::code(component.error_scope, code) {
            let slots = Slots {
                code: Some(super::redact::mask(code)),
                name: Some(component.name),
                status: exchange.code(),
                ..Slots::default()
            };
            notes.apply(
                entry.id,
                &entry.meaning,
                &slots,
                vec![Evidence::header(name, value)],
            );
        }
    }
}

/// The body's lower-cased head, where pages are recognised.
fn lower_head(exchange: &Exchange) -> String {
    let text = exchange
        .body
        .as_ref()
        .map(|b| b.text.as_str())
        .unwrap_or("");
    let mut end = text.len().min(20_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut lower = text[..end].to_lowercase();
    // A reason phrase of the server's own choosing is its own words too: Vite's dev server answers
    // "504 Outdated Optimize Dep" with no body worth reading. The registered phrase says nothing more.
    if let Some(reason) = exchange.status.as_ref().and_then(|s| {
        let reason = s.reason.as_deref()?;
        let registered = crate::catalog::lookup(s.code).is_some_and(|c| c.answers_to(reason));
        (!registered).then_some(reason)
    }) {
        lower.push('\n');
        lower.push_str(&reason.to_lowercase());
    }
    // An error message that quotes a body: its own words may name the page ("Malformed Lambda
    // proxy response" around the logged result).
    if let Some(message) = &exchange.message_text {
        lower.push('\n');
        lower.push_str(&message.to_lowercase());
    }
    // The script that made the request, before a console's request line: a generated client's
    // name ("question_grpc_web_pb.js:221") says which protocol it spoke.
    if let Some(location) = &exchange.source_location {
        lower.push('\n');
        lower.push_str(&location.to_lowercase());
    }
    // A challenge names its realm and service in the server's own words ("harbor-registry").
    for challenge in exchange
        .headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("www-authenticate"))
    {
        lower.push('\n');
        lower.push_str(&challenge.value.to_lowercase());
    }
    // The URL the request went to, when the paste named it apart from any body (a console's "GET
    // https://a.data.osmbuildings.org/… 429"): a vendor's host says whose answer it was.
    if let Some(target) = exchange.request.as_ref().and_then(|r| r.target.as_deref()) {
        if target.contains("://") && !lower.contains(&target.to_lowercase()) {
            lower.push('\n');
            lower.push_str(&target.to_lowercase());
        }
    }
    lower
}

/// The response's headers that say whose words the body is, or carry words of their own, as
/// lower-case `name: value` lines: the software's names ("server: kuma gateway" over Envoy's
/// "RBAC: access denied") and any header named for an error or a message (Spring Cloud Gateway's
/// `errormessage: request size is larger than permissible limit`). Only a needle written as such a
/// line matches here, so a page's "microsoft-iis" is not found in every IIS-served response.
fn lower_headers(exchange: &Exchange) -> String {
    let mut lines = String::new();
    for header in &exchange.headers {
        let name = header.name.to_ascii_lowercase();
        if ["server", "via", "x-powered-by"].contains(&name.as_str())
            || name.contains("error")
            || name.contains("message")
            // Linkerd 1's `l5d-err`: the router's own error, URL-encoded.
            || name.ends_with("-err")
        {
            lines.push_str(&name);
            lines.push_str(": ");
            lines.push_str(&header.value.to_lowercase());
            lines.push('\n');
        }
    }
    lines
}

/// Where a page's needle is found: the body's head, or, for a needle written as a header line
/// (`server: kuma gateway`), the headers that name the software or carry an error message.
struct Haystack {
    body: String,
    /// The body's head with each line break (and the indentation around it) read as one space,
    /// when it has line breaks: a sentence a log, a terminal or a docstring wrapped over lines
    /// (Stripe's restricted-key refusal quoted over five indented lines) still holds its words.
    unwrapped: Option<String>,
    headers: String,
}

impl Haystack {
    fn new(body: String, headers: String) -> Haystack {
        Haystack {
            body,
            unwrapped: None,
            headers,
        }
    }

    /// Let a needle also span a line break of the body; false (and nothing changes) when the body
    /// has none.
    fn unwrap(&mut self) -> bool {
        if !self.body.trim().contains('\n') {
            return false;
        }
        self.unwrapped = Some(unwrap_lines(&self.body));
        true
    }

    fn has(&self, needle: &str) -> bool {
        has_needle(&self.body, needle)
            // Only a needle of several words can have been wrapped; one written with a line break
            // ("\nnot found: /") means the break.
            || (needle.contains(' ')
                && !needle.contains('\n')
                && self.unwrapped.as_deref().is_some_and(|u| has_needle(u, needle)))
            || (is_header_line(needle) && has_needle(&self.headers, needle))
    }
}

/// The text with each line break, and the spaces and tabs around it, as one space.
fn unwrap_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        let line = line.trim_matches([' ', '\t', '\r']);
        if i > 0 && !out.is_empty() && !line.is_empty() {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// "server: kuma gateway": a header's name, a colon and a space, then the value's words.
fn is_header_line(needle: &str) -> bool {
    needle.split_once(": ").is_some_and(|(name, _)| {
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    })
}

/// Does `lower` hold the needle? A needle that ends in a code (3 to 6 digits after a space or
/// punctuation) ends a number there: "error code: 1000" is not in "error code: 10002". Shorter or
/// longer digit runs stay prefixes ("http error 5" for every 5xx, a page's padding of digits).
pub(crate) fn has_needle(lower: &str, needle: &str) -> bool {
    let digits = needle.bytes().rev().take_while(u8::is_ascii_digit).count();
    let before = needle.as_bytes().get(needle.len().wrapping_sub(digits + 1));
    let whole = (3..=6).contains(&digits) && before.is_some_and(|b| !b.is_ascii_alphanumeric());
    if !whole {
        return lower.contains(needle);
    }
    lower.match_indices(needle).any(|(at, _)| {
        !lower
            .as_bytes()
            .get(at + needle.len())
            .is_some_and(u8::is_ascii_digit)
    })
}

/// Does `lower` hold any of these needles?
fn has_any(lower: &str, needles: &[&str]) -> bool {
    needles.iter().any(|m| has_needle(lower, m))
}

fn page_matches(page: &Page, lower: &Haystack, code: Option<u16>) -> bool {
    page.all.iter().all(|m| lower.has(m))
        && (page.any.is_empty() || page.any.iter().any(|m| lower.has(m)))
        && !page.none.iter().any(|m| lower.has(m))
        && (page.statuses.is_empty()
            || code
                .or(page.meaning.status)
                .is_some_and(|c| page.statuses.contains(&c)))
}

/// A server's, proxy's or framework's own error page (or plain-text error body), with or without a
/// status line. Pages of components that number their errors ("Error 1020", "Error code 522") give
/// that number: a status, or a code looked up in the component's `<id>-page` table.
pub(super) fn pages(exchange: &Exchange, notes: &mut Notes) {
    let mut lower = Haystack::new(lower_head(exchange), lower_headers(exchange));
    if lower.body.is_empty() && lower.headers.is_empty() {
        return;
    }
    let code = exchange
        .code()
        .or_else(|| notes.code_hint.as_ref().map(|(c, _)| *c));
    // The first matching page in file order, unless a narrower page of the same component says
    // something else (Spring's 405 whitelabel page over its catch-all one). A client's page for its
    // own wrapping of an answer yields to a page for the answer's words (OpenTok's "issued time
    // cannot be greater" inside Guzzle's ClientException), wherever that page is written.
    let matching = |lower: &Haystack| -> Vec<&'static Page> {
        PAGES
            .iter()
            .filter(|p| !p.fallback && page_matches(p, lower, code))
            .collect()
    };
    let mut matched = matching(&lower);
    // Words wrapped over lines count only where no page matches the text as written: a page
    // for the words as they stand says more than one for words a wrap happened to join.
    if matched.is_empty() && lower.unwrap() {
        matched = matching(&lower);
    }
    let Some(first) = matched
        .iter()
        .find(|p| !p.wraps_answer())
        .or(matched.first())
        .copied()
    else {
        // Nothing named a failure or a cause: what the message's own words say is better than no
        // answer ("API key is not authorized for this API service"), and better than the bare
        // status when it is one those words come with ("[403] Could not find CSRF cookie").
        // A response the page's code could not read (JSON.parse of a plain-text notice) is
        // explained by what the response says: only that failure's verdict is weaker than a page.
        let unexplained = notes
            .verdicts
            .iter()
            .all(|v| v.precedence == Precedence::UnreadResponse);
        let fits = |p: &Page| match code {
            None => {
                page_matches(p, &lower, None)
                    || page_matches(p, &lower, p.statuses.first().copied())
            }
            Some(c) => {
                (!p.statuses.is_empty() && page_matches(p, &lower, code))
                    // A status the catalog does not know (GitHub Copilot's 466) says nothing of its
                    // own: the words lead, as they do with no status.
                    || (crate::catalog::lookup(c).is_none()
                        && page_matches(p, &lower, p.statuses.first().copied()))
            }
        };
        if let Some(page) = PAGES
            .iter()
            .filter(|p| unexplained && p.fallback)
            .find(|p| fits(p))
        {
            // In a JSON body, the string that holds the words ("Email has already been taken"),
            // not the raw line of JSON around it.
            let quote = exchange
                .body
                .as_ref()
                .and_then(|b| b.json.as_ref())
                .and_then(|json| string_with_needle(json, page))
                .unwrap_or_else(|| page_quote(exchange, page));
            // The message itself names the field, value or setting: its steps may quote it.
            let message = notes
                .server_message
                .clone()
                .or_else(|| Some(super::quote(super::redact::mask(&quote))));
            let slots = Slots {
                message,
                // A title may name the status ("… could not reach the server behind it ({status})").
                status: code,
                ..Slots::default()
            };
            // Words from a line the person pasted (a console's "Failed to load resource: …") are
            // no body.
            let evidence = if exchange.body.is_none() || pasted_text_only(exchange) {
                Evidence::of(super::EvidenceSource::Paste, "line", &quote)
            } else {
                Evidence::body("message", &quote)
            };
            notes.apply(page.id, &page.meaning, &slots, vec![evidence]);
        }
        return;
    };
    let mut page = first;
    for &other in &matched {
        if other.refines(first) && other.specificity() > page.specificity() {
            page = other;
        }
    }
    let component = page.component.and_then(knowledge::component);
    if let Some(component) = component {
        notes.matched(component.id);
        notes.answered_by(component.name);
    }
    let status = code.or(page.meaning.status);
    let slots = Slots {
        name: component.map(|c| c.name),
        status,
        ..Slots::default()
    };
    let quote = page_quote(exchange, page);
    // A client's own line pasted alone (a browser's console line) is not a response body.
    let evidence = match &exchange.client {
        Some(client) if exchange.kind == crate::paste::InputKind::Body => Evidence::of(
            super::EvidenceSource::Paste,
            &format!("{}'s line", client.name),
            &quote,
        ),
        _ if pasted_text_only(exchange) => {
            Evidence::of(super::EvidenceSource::Paste, "line", &quote)
        }
        // Recognised by the script a console names before its request line, not by any body.
        _ if exchange.body.is_none()
            && exchange.source_location.as_deref().is_some_and(|loc| {
                let loc = loc.to_lowercase();
                page.all.iter().chain(page.any).any(|n| loc.contains(n))
            }) =>
        {
            Evidence::of(
                super::EvidenceSource::Paste,
                "console's script",
                exchange.source_location.as_deref().unwrap_or_default(),
            )
        }
        _ => Evidence::body("body", &quote),
    };
    notes.apply(page.id, &page.meaning, &slots, vec![evidence]);

    // Numbered errors on the page.
    let Some(component) = component else {
        return;
    };
    let scope = format!("{}-page", component.id);
    if !knowledge::CODES
        .iter()
        .any(|c| c.scopes.contains(&scope.as_str()))
    {
        return;
    }
    let text = match (&exchange.body, &exchange.message_text) {
        (Some(body), _) => {
            let prefix: String = body.text.chars().take(50_000).collect();
            if body.media == MediaKind::Html {
                visible_text(&prefix).to_ascii_lowercase()
            } else {
                prefix.to_ascii_lowercase()
            }
        }
        // An error page pasted under the line that failed to parse it: its visible text.
        (None, Some(text)) if text.to_ascii_lowercase().contains("<html") => {
            visible_text(text).to_ascii_lowercase()
        }
        (None, Some(text)) => text.to_ascii_lowercase(),
        (None, None) => return,
    };
    // A fragment of the page cut before its number (a tool quoting the page's HTML from the middle)
    // still links its own troubleshooting article: "…/cloudflare-5xx-errors/error-524/".
    let linked = || {
        let raw = exchange
            .body
            .as_ref()
            .map(|b| b.text.as_str())
            .or(exchange.message_text.as_deref())?;
        troubleshooting_link(&crate::paste::prefix(raw, 64 * 1024).to_ascii_lowercase())
    };
    match numbered_error(&text).or_else(linked) {
        Some(n) if n >= 1000 => {
            let number = n.to_string();
            if let Some(entry) = knowledge::code(&scope, &number) {
                let slots = Slots {
                    code: Some(shown!("{}", n)),
                    name: Some(component.name),
                    ..Slots::default()
                };
                notes.apply(
                    entry.id,
                    &entry.meaning,
                    &slots,
                    vec![Evidence::body(
                        &format!("{} page", component.name),
                        &format!("Error {}", n),
                    )],
                );
            }
        }
        Some(n) => notes.code_hint(
            n,
            Evidence::body(
                &format!("{} page", component.name),
                &format!("Error code {}", n),
            ),
        ),
        None => {}
    }
}

/// A component's own meaning for a status it produced (a CDN's 52x), from its `<id>-page` table.
fn own_status(component: &Component, status: &Status, evidence: &Evidence, notes: &mut Notes) {
    let scope = format!("{}-page", component.id);
    let code = status.code.to_string();
    if let Some(entry) = knowledge::code(&scope, &code) {
        let slots = Slots {
            code: Some(shown!("{}", status.code)),
            name: Some(component.name),
            status: Some(status.code),
            ..Slots::default()
        };
        notes.apply(entry.id, &entry.meaning, &slots, vec![evidence.clone()]);
    }
}

/// The error number in the link a vendor's error page gives to its own article about that error
/// (Cloudflare's "…/cloudflare-5xx-errors/error-524/", "…/cloudflare-1xxx-errors/error-1033/").
fn troubleshooting_link(lower: &str) -> Option<u16> {
    let marker = "-errors/error-";
    let at = lower.find(marker)? + marker.len();
    let digits: String = lower[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let code: u16 = digits.parse().ok()?;
    match digits.len() {
        4 if (1000..10000).contains(&code) => Some(code),
        3 if (400..600).contains(&code) => Some(code),
        _ => None,
    }
}

/// "Error 1020", "Error code 522", "error code: 1020" in a page's visible text: a four-digit vendor
/// error number, or a three-digit 4xx/5xx status.
fn numbered_error(lower: &str) -> Option<u16> {
    for marker in ["error code: ", "error code ", "error "] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(marker) {
            let start = from + at + marker.len();
            let digits: String = lower[start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let code: Option<u16> = digits.parse().ok();
            match (digits.len(), code) {
                (4, Some(c)) if (1000..10000).contains(&c) => return code,
                (3, Some(c)) if (400..600).contains(&c) => return code,
                _ => {}
            }
            from = start;
        }
    }
    None
}

/// A status that something in front of the API produces about the API: the gateway statuses, and
/// the vendor codes of CDNs and load balancers.
fn gateway_status(status: &Status) -> bool {
    matches!(status.code, 502..=504)
        || (status.registration == Registration::Unofficial
            && status.class == StatusClass::ServerError)
        || (status.registration == Registration::Unofficial && status.side == Side::Either)
}

pub(super) fn read(exchange: &Exchange, status: &Status, notes: &mut Notes) {
    let mut found = by_headers(exchange);
    // Proxies and caches that name themselves only generically (Via, X-Cache) are still worth
    // pointing out: the error may be theirs rather than the API's.
    let generic: Vec<Evidence> = ["via", "x-cache", "x-served-by", "x-proxy-id"]
        .iter()
        .filter_map(|name| {
            exchange
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
        })
        .filter(|h| {
            !found
                .iter()
                .any(|(_, e)| e.name.eq_ignore_ascii_case(&h.name))
        })
        .map(|h| Evidence::header(&h.name, &h.value))
        .collect();
    if !generic.is_empty() {
        notes.add(
            FindingKind::ViaIntermediary,
            Severity::Info,
            "The response passed through a proxy or cache",
            "Via and cache headers show at least one intermediary between you and the API; an error page or timeout may come from it rather than from the API itself.",
            generic,
        );
    }
    // A page or body format recognised without headers (a body pasted alone) still names who
    // answered.
    let page_named = notes.answered_by.clone();
    if let Some(name) = page_named.clone() {
        if let Some(component) = COMPONENTS.iter().find(|c| name == c.name) {
            if !found.iter().any(|(c, _)| c.id == component.id) {
                found.insert(
                    0,
                    (
                        component,
                        Evidence::body("body", &format!("{}'s own error", name)),
                    ),
                );
            }
        }
    }
    // Components that only carry request ids say nothing about who answered.
    found.retain(|(c, _)| !c.headers.is_empty());
    let Some((first, evidence)) = found.first().cloned() else {
        return;
    };
    for (component, _) in &found {
        notes.matched(component.id);
    }
    own_status(first, status, &evidence, notes);
    notes.answered_by(first.name);
    let names: Vec<&'static str> = found.iter().map(|(c, _)| c.name).collect();
    let evidences: Vec<Evidence> = found.iter().map(|(_, e)| e.clone()).collect();
    // A page that already said who answered ("A Cloudflare error page (copied as text)") is that
    // finding: the headers that name the same component join it as evidence.
    let page_said = page_named.is_some_and(|n| n == first.name);
    if let Some(said) = notes
        .findings
        .iter_mut()
        .find(|f| page_said && f.kind == first.role.answered_kind())
    {
        for e in evidences {
            if !said.evidence.contains(&e) {
                said.evidence.push(e);
            }
        }
    } else {
        notes.add(
            first.role.answered_kind(),
            Severity::Info,
            shown!("Answered by {}", Shown::join_ours(&names, ", ")),
            if first.role.in_front() {
                shown!("The response passed through (or was produced by) {}, which sits in front of the API.", first.name)
            } else {
                match evidence.source {
                    super::EvidenceSource::Header => shown!("The response headers identify {}.", first.name),
                    _ => shown!("The paste identifies {}: its own page, message or log line.", first.name),
                }
            },
            evidences,
        );
    }

    // A CDN's own status code that reports its origin failed: the CDN works, the origin does not.
    if first.role.in_front()
        && status.registration == Registration::Unofficial
        && status.side == Side::Server
        && status.source.name == first.name
    {
        // The CDN's code explained on its own ("Cloudflare 522: connection to the origin timed
        // out") already says the origin failed.
        if !notes.has(FindingKind::OriginUnreachable) {
            notes.add(
                FindingKind::OriginUnreachable,
                Severity::Problem,
                shown!("{} answered because the origin server failed", first.name),
                shown!(
                    "A {} is generated by {}, but it reports a problem between {} and the origin server behind it (the API's own server): the origin is down, slow, unreachable or its TLS setup is wrong. {} itself is working.",
                    status.code,
                    first.name,
                    first.name,
                    first.name,
                ),
                vec![evidence.clone()],
            );
        }
        notes.side(Precedence::Mismatch, Side::Server);
        notes.verdict(
            Precedence::Mismatch,
            shown!(
                "This error came from {}, but the fault is at the API's origin server behind it: {}",
                first.name,
                super::lower_first(status.summary),
            ),
        );
        if let Some(id) = first.request_ids.first() {
            notes.step(shown!(
                "Quote the {} id to the API's owner: they can look it up in their {} dashboard and origin logs.",
                *id,
                first.name,
            ));
        }
        return;
    }
    let body = exchange.body.as_ref();
    let html = body.is_some_and(|b| b.media == MediaKind::Html);
    let empty = body.is_none_or(|b| b.text.trim().is_empty());
    let own_error_header = found
        .iter()
        .any(|(c, _)| c.error_header.is_some_and(|h| exchange.header(h).is_some()));
    // A load balancer's log that says its backend answered the status: passed on, not its own.
    let passed_on = exchange.log.as_ref().is_some_and(|l| l.backend_answered);
    if first.role.in_front()
        && gateway_status(status)
        && (html || empty || own_error_header)
        && !passed_on
    {
        notes.side(Precedence::InFront, Side::Intermediary);
        notes.verdict(
            Precedence::InFront,
            shown!(
                "This {} came from {} in front of the API, not from the API itself: {}",
                status.code,
                first.name,
                super::lower_first(status.summary),
            ),
        );
    }
}

/// The first string in a JSON value (depth first, at most a few levels) that holds one of the page's
/// words.
fn string_with_needle(json: &serde_json::Value, page: &Page) -> Option<String> {
    fn walk(value: &serde_json::Value, page: &Page, depth: usize) -> Option<String> {
        match value {
            serde_json::Value::String(text) => {
                let lower = text.to_lowercase();
                (has_any(&lower, page.all) || has_any(&lower, page.any)).then(|| text.clone())
            }
            serde_json::Value::Array(items) if depth < 6 => {
                items.iter().take(50).find_map(|v| walk(v, page, depth + 1))
            }
            serde_json::Value::Object(map) if depth < 6 => {
                map.values().take(50).find_map(|v| walk(v, page, depth + 1))
            }
            _ => None,
        }
    }
    walk(json, page, 0)
}

fn page_quote(exchange: &Exchange, page: &Page) -> String {
    // The line that carries the page's own words ("b2_authorize_account: 401: …"), not the command
    // typed above it; else the first line.
    // A line with one of the words every match needs (`all`) says more than one with a word of
    // `any` (Tiingo's notice, not the traceback's path through site-packages\tiingo).
    fn lines(text: &str) -> impl Iterator<Item = &str> + Clone {
        text.lines().map(str::trim).filter(|l| !l.is_empty())
    }
    let with_words = |text: &str| -> Option<String> {
        // Not the command typed ("$ npx gitlab-ci-lint"): its name is no quote of the answer.
        let said = lines(text).filter(|l| !l.starts_with("$ "));
        let with = |needles: &[&str]| said.clone().find(|l| has_any(&l.to_lowercase(), needles));
        with(page.all)
            .or_else(|| with(page.any))
            .map(str::to_string)
    };
    let first_line = |text: &str| lines(text).next().unwrap_or_default().to_string();
    let body = exchange.body.as_ref();
    let message = exchange.message_text.as_deref();
    body.and_then(|b| b.html_title.clone().or_else(|| b.html_heading.clone()))
        .or_else(|| body.and_then(|b| with_words(&b.text)))
        // The error's message holds the words when the body is only what the error object printed
        // after it (a Node error's `{ status: 413, text: … }` under "SvelteKitError: Content-length
        // of … exceeds limit of …").
        .or_else(|| message.and_then(with_words))
        .or_else(|| body.map(|b| first_line(&b.text)))
        .or_else(|| message.map(first_line))
        // A page recognised by its reason phrase alone (Vite's "Outdated Optimize Dep").
        .or_else(|| exchange.status.as_ref().and_then(|s| s.reason.clone()))
        .unwrap_or_default()
}

/// A log line: quote it, name who wrote it, and explain its own error code.
pub(super) fn log_line(exchange: &Exchange, notes: &mut Notes) {
    let Some(log) = &exchange.log else { return };
    notes.matched(log.id);
    if let Some(component) = knowledge::LOGS
        .iter()
        .find(|l| l.id == log.id)
        .and_then(|l| l.component)
        .and_then(knowledge::component)
    {
        notes.matched(component.id);
        notes.answered_by(component.name);
        // Its backend field holds the status: the server behind it answered, it passed it on.
        if let Some(code) = exchange.code().filter(|_| log.backend_answered) {
            let name = component.name;
            notes.side(Precedence::InFront, Side::Server);
            notes.verdict(
                Precedence::InFront,
                shown!(
                    "The server behind {} answered {} and {} passed it on: look in that server's (the application's) logs at this time, not at {}.",
                    name,
                    code,
                    name,
                    name,
                ),
            );
        }
    }
    if let Some(id) = &log.request_id {
        notes.request_id("request id (log)", id);
    }
    if let Some(message) = &log.message {
        notes.server_message(message);
    }
    let line = Evidence::of(super::EvidenceSource::Paste, log.name, &log.line);
    notes.add(
        FindingKind::LogLine,
        Severity::Info,
        shown!("Log line: {}", log.name),
        match &log.code {
            Some(code) => shown!(
                "The line names what was logged and the error code {}.",
                super::redact::mask(code)
            ),
            None => {
                Shown::from("The line names the status the server, router or load balancer logged.")
            }
        },
        vec![line.clone()],
    );
    let explained = log
        .code
        .as_deref()
        .and_then(|code| knowledge::code(log.id, code).map(|entry| (entry, code)));
    if let Some((entry, code)) = explained {
        let slots = Slots {
            code: Some(super::redact::mask(code)),
            message: log.message.as_deref().map(super::redact::mask),
            name: Some(log.name),
            status: exchange.code(),
            host: None,
        };
        notes.apply(entry.id, &entry.meaning, &slots, vec![line]);
    }
}

/// Whether the words a page matched are the paste's own text rather than a response body: a message,
/// a tool's line or a log line pasted alone (plain text with no status line), or a client's, network
/// or log line with no body beside it.
fn pasted_text_only(exchange: &Exchange) -> bool {
    use crate::paste::{InputKind, MediaKind};
    match exchange.kind {
        InputKind::Unrecognised | InputKind::Message => true,
        InputKind::Body => {
            exchange.status.is_none()
                && exchange
                    .body
                    .as_ref()
                    .is_some_and(|b| b.media == MediaKind::Text)
        }
        InputKind::ClientError | InputKind::NetworkError | InputKind::AccessLog => {
            exchange.body.is_none()
        }
        _ => false,
    }
}
