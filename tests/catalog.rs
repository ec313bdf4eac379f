//! Host tests for the status catalog: the registered codes against the IANA registry, aliases,
//! vendor codes, the completeness of every entry, related codes, headers, retry policies, the claims
//! of the source articles, the fallback for unknown codes and the search ranking.
//!
//! Every expected value below is typed from the IANA HTTP Status Code Registry, RFC 9110, vendor
//! documentation or the brief, never copied from the program's output. Each test collects all of its
//! problems and fails once, listing them all.

use std::collections::BTreeSet;

use http_troubleshooter::catalog::{
    all, explain, general_steps, lookup, search, NotAStatusCode, Registration, RetryPolicy, Side,
    Status, StatusClass,
};

/// The IANA HTTP Status Code Registry (RFC 9110 names), every assigned code and its phrase.
const IANA: &[(u16, &str)] = &[
    (100, "Continue"),
    (101, "Switching Protocols"),
    (102, "Processing"),
    (103, "Early Hints"),
    (104, "Upload Resumption Supported"),
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (203, "Non-Authoritative Information"),
    (204, "No Content"),
    (205, "Reset Content"),
    (206, "Partial Content"),
    (207, "Multi-Status"),
    (208, "Already Reported"),
    (226, "IM Used"),
    (300, "Multiple Choices"),
    (301, "Moved Permanently"),
    (302, "Found"),
    (303, "See Other"),
    (304, "Not Modified"),
    (305, "Use Proxy"),
    (306, "(Unused)"),
    (307, "Temporary Redirect"),
    (308, "Permanent Redirect"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (407, "Proxy Authentication Required"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (411, "Length Required"),
    (412, "Precondition Failed"),
    (413, "Content Too Large"),
    (414, "URI Too Long"),
    (415, "Unsupported Media Type"),
    (416, "Range Not Satisfiable"),
    (417, "Expectation Failed"),
    (418, "(Unused)"),
    (421, "Misdirected Request"),
    (422, "Unprocessable Content"),
    (423, "Locked"),
    (424, "Failed Dependency"),
    (425, "Too Early"),
    (426, "Upgrade Required"),
    (428, "Precondition Required"),
    (429, "Too Many Requests"),
    (431, "Request Header Fields Too Large"),
    (451, "Unavailable For Legal Reasons"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
    (505, "HTTP Version Not Supported"),
    (506, "Variant Also Negotiates"),
    (507, "Insufficient Storage"),
    (508, "Loop Detected"),
    (510, "Not Extended"),
    (511, "Network Authentication Required"),
];

/// Older or other names of registered codes (RFC 7231 and earlier).
const ALIASES: &[(u16, &str)] = &[
    (413, "Payload Too Large"),
    (413, "Request Entity Too Large"),
    (422, "Unprocessable Entity"),
    (416, "Requested Range Not Satisfiable"),
    (414, "Request-URI Too Long"),
];

/// Vendor codes: the code, a word its source must name, and (where the vendor documents one) a
/// name the entry must answer to.
const VENDORS: &[(u16, &str, Option<&str>)] = &[
    (
        520,
        "Cloudflare",
        Some("Web Server Returns an Unknown Error"),
    ),
    (521, "Cloudflare", Some("Web Server Is Down")),
    (522, "Cloudflare", Some("Connection Timed Out")),
    (523, "Cloudflare", Some("Origin Is Unreachable")),
    (524, "Cloudflare", Some("A Timeout Occurred")),
    (525, "Cloudflare", Some("SSL Handshake Failed")),
    (526, "Cloudflare", Some("Invalid SSL Certificate")),
    (527, "Cloudflare", Some("Railgun Error")),
    (530, "Cloudflare", None),
    (444, "nginx", Some("No Response")),
    (494, "nginx", Some("Request Header Too Large")),
    (495, "nginx", Some("SSL Certificate Error")),
    (496, "nginx", Some("SSL Certificate Required")),
    (497, "nginx", Some("HTTP Request Sent to HTTPS Port")),
    (499, "nginx", Some("Client Closed Request")),
    (460, "AWS", None),
    (463, "AWS", None),
    (464, "AWS", None),
    (561, "AWS", Some("Unauthorized")),
    (440, "Microsoft", Some("Login Time-out")),
    (449, "Microsoft", Some("Retry With")),
    (509, "Apache", Some("Bandwidth Limit Exceeded")),
    (420, "Twitter", Some("Enhance Your Calm")),
    (529, "Qualys", Some("Site Is Overloaded")),
    (598, "proxies", Some("Network Read Timeout Error")),
    (599, "proxies", Some("Network Connect Timeout Error")),
];

/// A lists B (any one of the alternatives) among its related codes.
const RELATED: &[(u16, &[u16])] = &[
    (400, &[422]),
    (401, &[403]),
    (401, &[407]),
    (403, &[401]),
    (404, &[405]),
    (404, &[410]),
    (404, &[501]),
    (405, &[404]),
    (502, &[503]),
    (502, &[504]),
    (503, &[502]),
    (504, &[502]),
    (504, &[522, 524]),
    (429, &[503]),
    (503, &[429]),
    (301, &[308]),
    (302, &[307]),
    (303, &[307]),
];

/// Response headers an entry must point out (RFC 9110 and RFC 6585 name them for these codes).
const HEADERS: &[(u16, &str)] = &[
    (401, "WWW-Authenticate"),
    (405, "Allow"),
    (407, "Proxy-Authenticate"),
    (429, "Retry-After"),
    (503, "Retry-After"),
    (416, "Content-Range"),
    (301, "Location"),
    (302, "Location"),
    (303, "Location"),
    (307, "Location"),
    (308, "Location"),
];

const RETRY: &[(u16, RetryPolicy)] = &[
    (429, RetryPolicy::RetryAfter),
    (503, RetryPolicy::RetryAfter),
    (400, RetryPolicy::AfterFix),
    (404, RetryPolicy::AfterFix),
    (500, RetryPolicy::Backoff),
    (502, RetryPolicy::Backoff),
    (504, RetryPolicy::Backoff),
    (200, RetryPolicy::NotApplicable),
];

/// One rule (SCHEMA.md, `side`): whoever has to act. A gateway or CDN reporting that the server
/// behind it failed leaves the API provider to act ("resolved by the API provider", as the source
/// article puts it for 502 and 504), the same for the generic codes and Cloudflare's 52x.
const SIDES: &[(u16, Side)] = &[
    (400, Side::Client),
    (401, Side::Client),
    (429, Side::Client),
    (500, Side::Server),
    (502, Side::Server),
    (504, Side::Server),
    (520, Side::Server),
    (522, Side::Server),
    (524, Side::Server),
    (598, Side::Server),
    (599, Side::Server),
    (511, Side::Intermediary),
];

/// What the two source articles say about each code, as words the entry's text must contain.
const CLAIMS: &[(u16, &[&str])] = &[
    (
        400,
        &[
            "malformed",
            "query parameter",
            "required field",
            "header",
            "too large",
            "cache and cookies",
            "docs",
        ],
    ),
    (422, &["latlang", "comma"]),
    (401, &["not authenticated", "sign up", "api key", "header"]),
    (403, &["permission", "role", "wrong api key", "plan"]),
    (
        404,
        &["most common", "typo", "version", "server", "case-sensitive"],
    ),
    (
        429,
        &[
            "per second",
            "throttle",
            "daily",
            "monthly",
            "before integrating",
        ],
    ),
    (500, &["crash", "upstream", "docs", "support", "persists"]),
    (501, &["not implemented", "another method", "404", "later"]),
    (
        502,
        &[
            "gateway",
            "proxy",
            "invalid",
            "no response",
            "maintenance",
            "temporary",
            "provider",
        ],
    ),
    (
        503,
        &[
            "overloaded",
            "maintenance",
            "fewer requests",
            "capacity",
            "persists",
            "wait",
        ],
    ),
    (504, &["gateway", "latency", "slow", "reduce", "support"]),
];

/// The entry for `code`; a missing entry is noted in `failures`.
fn entry(code: u16, failures: &mut Vec<String>) -> Option<&'static Status> {
    let found = lookup(code);
    if found.is_none() {
        failures.push(format!("{code}: no catalog entry"));
    }
    found
}

/// Fails with every collected problem, one per line.
fn report(what: &str, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} problem(s)\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
}

/// The class RFC 9110 §15 gives a code by its first digit.
fn class_by_first_digit(code: u16) -> Option<StatusClass> {
    match code / 100 {
        1 => Some(StatusClass::Informational),
        2 => Some(StatusClass::Success),
        3 => Some(StatusClass::Redirection),
        4 => Some(StatusClass::ClientError),
        5 => Some(StatusClass::ServerError),
        _ => None,
    }
}

/// Everything a reader of the entry sees as prose, lower-cased.
fn whole_text(s: &Status) -> String {
    let mut parts: Vec<&str> = vec![s.phrase, s.summary, s.explanation];
    parts.extend_from_slice(s.causes);
    parts.extend_from_slice(s.caller_steps);
    parts.extend_from_slice(s.owner_steps);
    parts.extend(s.related.iter().map(|r| r.difference));
    parts.push(s.retry.note);
    parts.extend_from_slice(s.keywords);
    parts.join("\n").to_lowercase()
}

/// How `s` says it differs from `code`, if it lists it as related.
fn difference(s: &Status, code: u16) -> Option<&'static str> {
    s.related
        .iter()
        .find(|r| r.code == code)
        .map(|r| r.difference)
}

/// The codes `search(query)` returns, best first.
fn found(query: &str) -> Vec<u16> {
    search(query).iter().map(|s| s.code).collect()
}

#[test]
fn registered_codes_match_the_iana_registry() {
    let mut failures = Vec::new();
    for &(code, phrase) in IANA {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        if s.code != code {
            failures.push(format!("lookup({code}) returned the entry for {}", s.code));
        }
        if s.phrase != phrase {
            failures.push(format!(
                "{code}: phrase is {:?}, the registry says {phrase:?}",
                s.phrase
            ));
        }
        if !s.official {
            failures.push(format!("{code}: registered, but not marked official"));
        }
        if !s.known {
            failures.push(format!("{code}: catalog entry marked known = false"));
        }
        match s.spec {
            None => failures.push(format!("{code}: registered, but no spec reference")),
            Some(spec) => {
                if spec.document.trim().is_empty()
                    || spec.section.trim().is_empty()
                    || !spec.url.starts_with("https://")
                {
                    failures.push(format!("{code}: incomplete spec reference {spec:?}"));
                }
            }
        }
        let registration = match code {
            104 => Registration::Temporary,
            306 | 418 => Registration::Unused,
            510 => Registration::Obsoleted,
            _ => Registration::Registered,
        };
        if s.registration != registration {
            failures.push(format!(
                "{code}: registration is {:?}, the registry says {registration:?}",
                s.registration
            ));
        }
    }

    let table: BTreeSet<u16> = IANA.iter().map(|&(code, _)| code).collect();
    if table.len() != IANA.len() {
        failures.push("the IANA table in this test lists a code twice".to_string());
    }
    let official: BTreeSet<u16> = all()
        .iter()
        .filter(|s| s.official)
        .map(|s| s.code)
        .collect();
    for code in official.difference(&table) {
        failures.push(format!(
            "{code}: marked official, but it is not in the IANA registry"
        ));
    }
    for code in table.difference(&official) {
        failures.push(format!(
            "{code}: in the IANA registry, but not among the catalog's official codes"
        ));
    }
    report("IANA registry", &failures);
}

#[test]
fn aliases_and_registration_states() {
    let mut failures = Vec::new();
    for &(code, alias) in ALIASES {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        if !s.aliases.contains(&alias) {
            failures.push(format!("{code}: aliases {:?} lack {alias:?}", s.aliases));
        }
        if !s.answers_to(alias) {
            failures.push(format!("{code}: does not answer to its alias {alias:?}"));
        }
        let shouted = alias.to_uppercase();
        if !s.answers_to(&shouted) {
            failures.push(format!(
                "{code}: does not answer to {shouted:?} (case should not matter)"
            ));
        }
    }

    if let Some(s) = entry(413, &mut failures) {
        if !s.answers_to("content too large") {
            failures.push("413: does not answer to its own phrase in lower case".to_string());
        }
        if s.answers_to("Not Found") {
            failures.push("413: answers to \"Not Found\", another code's phrase".to_string());
        }
    }
    if entry(404, &mut failures).is_some_and(|s| s.answers_to("Payload Too Large")) {
        failures.push("404: answers to \"Payload Too Large\", an alias of 413".to_string());
    }

    if let Some(s) = entry(418, &mut failures) {
        if !s
            .aliases
            .iter()
            .any(|a| a.eq_ignore_ascii_case("I'm a teapot"))
        {
            failures.push(format!(
                "418: aliases {:?} lack \"I'm a teapot\"",
                s.aliases
            ));
        }
        if !s.answers_to("i'm a TEAPOT") {
            failures.push("418: does not answer to \"i'm a TEAPOT\"".to_string());
        }
        let explanation = s.explanation.to_lowercase();
        for word in ["teapot", "htcpcp", "joke"] {
            if !explanation.contains(word) {
                failures.push(format!("418: explanation does not mention {word:?}"));
            }
        }
    }

    for (code, registration) in [
        (510, Registration::Obsoleted),
        (104, Registration::Temporary),
        (306, Registration::Unused),
        (418, Registration::Unused),
    ] {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        if s.registration != registration {
            failures.push(format!(
                "{code}: registration is {:?}, expected {registration:?}",
                s.registration
            ));
        }
        if !s.official {
            failures.push(format!(
                "{code}: in the registry ({registration:?}) but not marked official"
            ));
        }
    }
    report("aliases and registrations", &failures);
}

#[test]
fn vendor_codes_are_unofficial_and_name_their_source() {
    let mut failures = Vec::new();
    for &(code, vendor, name) in VENDORS {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        if s.official {
            failures.push(format!("{code}: a vendor code marked official"));
        }
        if !s.known {
            failures.push(format!("{code}: catalog entry marked known = false"));
        }
        if s.registration != Registration::Unofficial {
            failures.push(format!(
                "{code}: registration is {:?}, expected Unofficial",
                s.registration
            ));
        }
        if !s
            .source
            .name
            .to_lowercase()
            .contains(&vendor.to_lowercase())
        {
            failures.push(format!(
                "{code}: source {:?} does not name {vendor:?}",
                s.source.name
            ));
        }
        if !s.source.url.starts_with("https://") {
            failures.push(format!(
                "{code}: source url {:?} is not an https link",
                s.source.url
            ));
        }
        if name.is_some_and(|n| !s.answers_to(n)) {
            failures.push(format!(
                "{code}: does not answer to the vendor's name {name:?} (phrase {:?}, aliases {:?})",
                s.phrase, s.aliases
            ));
        }
    }

    // 420 also means Spring's deprecated "Method Failure"; 451 also means Exchange ActiveSync's redirect.
    for (code, vendor, phrase) in [
        (420, "Spring", Some("Method Failure")),
        (451, "Exchange ActiveSync", None),
    ] {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        let meaning = s
            .also
            .iter()
            .find(|m| m.source.name.contains(vendor) && phrase.is_none_or(|p| m.phrase == p));
        match meaning {
            None => failures.push(format!(
                "{code}: no `also` meaning from {vendor} {phrase:?} (has {:?})",
                s.also.iter().map(|m| m.phrase).collect::<Vec<_>>()
            )),
            Some(m) => {
                if !s.answers_to(m.phrase) {
                    failures.push(format!(
                        "{code}: does not answer to its other meaning {:?}",
                        m.phrase
                    ));
                }
                if m.summary.trim().is_empty()
                    || m.explanation.trim().is_empty()
                    || !m.source.url.starts_with("https://")
                {
                    failures.push(format!("{code}: the {vendor} meaning is incomplete"));
                }
            }
        }
    }
    report("vendor codes", &failures);
}

#[test]
fn every_entry_is_complete_and_consistent() {
    let mut failures = Vec::new();
    let entries = all();
    if entries.len() < IANA.len() + VENDORS.len() {
        failures.push(format!(
            "all() has {} entries, fewer than the {} registered and vendor codes tested here",
            entries.len(),
            IANA.len() + VENDORS.len()
        ));
    }
    for pair in entries.windows(2) {
        if pair[0].code >= pair[1].code {
            failures.push(format!(
                "all() is not strictly increasing: {} comes before {}",
                pair[0].code, pair[1].code
            ));
        }
    }

    for s in entries {
        let code = s.code;
        if lookup(code) != Some(s) {
            failures.push(format!("{code}: lookup does not return the entry in all()"));
        }
        for (field, value) in [
            ("phrase", s.phrase),
            ("summary", s.summary),
            ("explanation", s.explanation),
            ("retry.note", s.retry.note),
            ("source.name", s.source.name),
            ("source.url", s.source.url),
        ] {
            if value.trim().is_empty() {
                failures.push(format!("{code}: `{field}` is empty"));
            }
        }
        if s.summary.contains('\n') || s.summary.contains('\r') {
            failures.push(format!("{code}: summary is more than one line"));
        }
        let summary_length = s.summary.chars().count();
        if summary_length > 120 {
            failures.push(format!(
                "{code}: summary has {summary_length} characters, SCHEMA.md asks for under ~120"
            ));
        }
        if !s.known {
            failures.push(format!("{code}: catalog entry marked known = false"));
        }
        let official = s.registration != Registration::Unofficial;
        if s.official != official {
            failures.push(format!(
                "{code}: official = {} but registration is {:?}",
                s.official, s.registration
            ));
        }
        if s.registration == Registration::Unregistered {
            failures.push(format!(
                "{code}: a catalog entry with the fallback's Unregistered state"
            ));
        }
        // Beyond 599 only a vendor's own code (LinkedIn's 999), in the nonstandard class.
        let vendor_code = code >= 600
            && s.registration == Registration::Unofficial
            && s.class == StatusClass::Nonstandard;
        if !(100..=599).contains(&code) && !vendor_code {
            failures.push(format!("{code}: outside the five classes 1xx to 5xx"));
        }
        if class_by_first_digit(code) != Some(s.class) && !vendor_code {
            failures.push(format!(
                "{code}: class {:?} does not match its first digit",
                s.class
            ));
        }
        if code >= 400 {
            if s.causes.len() < 2 {
                failures.push(format!(
                    "{code}: {} cause(s), needs at least 2",
                    s.causes.len()
                ));
            }
            if s.caller_steps.len() < 2 {
                failures.push(format!(
                    "{code}: {} caller step(s), needs at least 2",
                    s.caller_steps.len()
                ));
            }
            if s.owner_steps.is_empty() {
                failures.push(format!("{code}: no owner step"));
            }
        }
        for (list, items) in [
            ("causes", s.causes),
            ("caller_steps", s.caller_steps),
            ("owner_steps", s.owner_steps),
            ("keywords", s.keywords),
            ("aliases", s.aliases),
        ] {
            if items.iter().any(|item| item.trim().is_empty()) {
                failures.push(format!("{code}: an empty item in `{list}`"));
            }
        }
        for header in s.headers {
            if header.name.trim().is_empty() || header.why.trim().is_empty() {
                failures.push(format!(
                    "{code}: a header hint with an empty name or reason"
                ));
            }
        }
        for meaning in s.also {
            if meaning.phrase.trim().is_empty()
                || meaning.summary.trim().is_empty()
                || meaning.explanation.trim().is_empty()
                || meaning.source.name.trim().is_empty()
                || meaning.source.url.trim().is_empty()
            {
                failures.push(format!("{code}: an `also` meaning with an empty field"));
            }
        }

        let mut seen = BTreeSet::new();
        for related in s.related {
            let target = related.code;
            if target == code {
                failures.push(format!("{code}: lists itself as related"));
            }
            if !seen.insert(target) {
                failures.push(format!("{code}: lists {target} as related twice"));
            }
            if related.difference.trim().is_empty() {
                failures.push(format!("{code}: related {target} has no difference"));
            }
            match lookup(target) {
                None => failures.push(format!("{code}: related {target} has no entry")),
                Some(t) => {
                    if related.phrase != t.phrase {
                        failures.push(format!(
                            "{code}: related {target} is called {:?}, its entry says {:?}",
                            related.phrase, t.phrase
                        ));
                    }
                }
            }
        }
    }
    report("catalog entries", &failures);
}

#[test]
fn related_codes_headers_sides_and_retry_policies() {
    let mut failures = Vec::new();
    for &(code, targets) in RELATED {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        if !s.related.iter().any(|r| targets.contains(&r.code)) {
            failures.push(format!(
                "{code}: does not list {targets:?} as related (lists {:?})",
                s.related.iter().map(|r| r.code).collect::<Vec<_>>()
            ));
        }
    }

    for &(code, header) in HEADERS {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        if !s
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(header))
        {
            failures.push(format!(
                "{code}: does not point out the {header} header (has {:?})",
                s.headers.iter().map(|h| h.name).collect::<Vec<_>>()
            ));
        }
    }

    for &(code, policy) in RETRY {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        if s.retry.policy != policy {
            failures.push(format!(
                "{code}: retry policy is {:?}, expected {policy:?}",
                s.retry.policy
            ));
        }
    }
    // After these the server may have done the work: a POST must not be repeated blindly.
    for code in [500, 502, 504] {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        if s.retry.safe_for_non_idempotent {
            failures.push(format!(
                "{code}: claims a repeated POST is safe, but the server may have processed it"
            ));
        }
    }

    for &(code, side) in SIDES {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        if s.side != side {
            failures.push(format!("{code}: side is {:?}, expected {side:?}", s.side));
        }
    }
    report("related codes, headers, sides and retry", &failures);
}

#[test]
fn source_article_claims_are_in_the_catalog() {
    let mut failures = Vec::new();
    for &(code, words) in CLAIMS {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        let text = whole_text(s);
        for &word in words {
            if !text.contains(word) {
                failures.push(format!("{code}: the entry never says {word:?}"));
            }
        }
    }

    if let Some(s) = entry(504, &mut failures) {
        let text = whole_text(s);
        let in_time = text.contains("timely") || text.contains("in time");
        if !in_time {
            failures.push("504: the entry never says \"timely\" or \"in time\"".to_string());
        }
    }

    for (code, target, word) in [(400, 422, "well-formed"), (401, 407, "proxy")] {
        let Some(s) = entry(code, &mut failures) else {
            continue;
        };
        match difference(s, target) {
            None => failures.push(format!("{code}: does not list {target} as related")),
            Some(text) => {
                if !text.to_lowercase().contains(word) {
                    failures.push(format!(
                        "{code}: the difference to {target} does not say {word:?}: {text:?}"
                    ));
                }
            }
        }
    }

    let steps = general_steps().join("\n").to_lowercase();
    for claim in [
        "verify the url",
        "case-sensitive",
        "request parameters",
        "support",
        "search",
        "reasonable fixes",
        "one side",
        "cause the other",
    ] {
        if !steps.contains(claim) {
            failures.push(format!("general steps never say {claim:?}"));
        }
    }
    let docs = steps.contains("documentation") || steps.contains("docs");
    if !docs {
        failures.push("general steps never mention the documentation".to_string());
    }
    if general_steps().iter().any(|step| step.trim().is_empty()) {
        failures.push("general steps include an empty step".to_string());
    }
    report("source article claims", &failures);
}

#[test]
fn unknown_codes_get_an_honest_fallback_and_non_codes_an_error() {
    let mut failures = Vec::new();

    for (code, class) in [
        (299, StatusClass::Success),
        (432, StatusClass::ClientError),
        (550, StatusClass::ServerError),
    ] {
        if lookup(code).is_some() {
            failures.push(format!(
                "{code}: now has a catalog entry; pick another unknown code for this test"
            ));
            continue;
        }
        let s = match explain(i64::from(code)) {
            Ok(s) => s,
            Err(err) => {
                failures.push(format!("explain({code}) failed: {err}"));
                continue;
            }
        };
        if s.code != code {
            failures.push(format!("explain({code}) answered for code {}", s.code));
        }
        if s.known {
            failures.push(format!("explain({code}): fallback marked known"));
        }
        if s.official {
            failures.push(format!("explain({code}): fallback marked official"));
        }
        if s.registration != Registration::Unregistered {
            failures.push(format!(
                "explain({code}): registration is {:?}, expected Unregistered",
                s.registration
            ));
        }
        if s.class != class {
            failures.push(format!(
                "explain({code}): class is {:?}, expected {class:?}",
                s.class
            ));
        }
        let summary = s.summary.to_lowercase();
        let honest = summary.contains("unregistered") || summary.contains("not registered");
        if !honest {
            failures.push(format!(
                "explain({code}): summary does not say the code is unregistered: {:?}",
                s.summary
            ));
        }
        if !s.phrase.contains(class.range()) {
            failures.push(format!(
                "explain({code}): phrase {:?} does not name the class {}",
                s.phrase,
                class.range()
            ));
        }
        if !s.related.is_empty() || !s.aliases.is_empty() || !s.also.is_empty() {
            failures.push(format!(
                "explain({code}): the fallback claims related codes, aliases or other meanings"
            ));
        }
    }

    // 600 to 999 are outside HTTP's range (RFC 9110 §15): their own fallback says so, and they are
    // not read as server errors.
    for code in [600, 777, 998] {
        match explain(code) {
            Ok(s) => {
                if s.code != code as u16 || s.known || s.class != StatusClass::Nonstandard {
                    failures.push(format!(
                        "explain({code}): {:?} known={} class={:?}",
                        s.code, s.known, s.class
                    ));
                }
                let text = format!("{} {}", s.summary, s.explanation).to_lowercase();
                if !(text.contains("100 to 599") && text.contains("invalid")) {
                    failures.push(format!(
                        "explain({code}) does not say HTTP codes stop at 599: {text:?}"
                    ));
                }
                if s.side == Side::Server {
                    failures.push(format!(
                        "explain({code}) blames the server, but a library may have made it up"
                    ));
                }
            }
            Err(err) => failures.push(format!("explain({code}) failed: {err}")),
        }
    }

    for (code, class) in [
        (99, None),
        (100, Some(StatusClass::Informational)),
        (599, Some(StatusClass::ServerError)),
        (600, Some(StatusClass::Nonstandard)),
        (999, Some(StatusClass::Nonstandard)),
        (1000, None),
    ] {
        if StatusClass::of(code) != class {
            failures.push(format!(
                "StatusClass::of({code}) is {:?}, expected {class:?}",
                StatusClass::of(code)
            ));
        }
    }

    for code in [100, 404, 599] {
        match (explain(i64::from(code)), lookup(code)) {
            (Ok(s), Some(known)) => {
                if s != *known {
                    failures.push(format!("explain({code}) differs from the catalog entry"));
                }
            }
            (result, known) => failures.push(format!(
                "{code}: explain gave {:?}, lookup found an entry: {}",
                result.map(|s| s.code),
                known.is_some()
            )),
        }
    }

    for code in [99, 0, -1, 1000, i64::MAX] {
        match explain(code) {
            Ok(s) => failures.push(format!(
                "explain({code}) returned {} instead of an error",
                s.title()
            )),
            Err(err) => {
                if err != NotAStatusCode(code) {
                    failures.push(format!("explain({code}) reported {err:?}"));
                }
                let message = err.to_string();
                let numbers: Vec<&str> = message
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|word| !word.is_empty())
                    .collect();
                if !numbers.contains(&"100") || !numbers.contains(&"999") {
                    failures.push(format!(
                        "explain({code}): the error does not name the range 100 to 999: {message:?}"
                    ));
                }
            }
        }
    }
    for code in [0, 99, 299, 600, 1000, u16::MAX] {
        if lookup(code).is_some() {
            failures.push(format!("lookup({code}) found an entry"));
        }
    }
    report("fallbacks and errors", &failures);
}

#[test]
fn search_ranks_the_expected_entries_first() {
    let mut failures = Vec::new();

    // The best result is exactly this code.
    for (query, best) in [
        ("429", 429),
        ("teapot", 418),
        ("TEAPOT", 418),
        ("I'm a teapot", 418),
        ("not found", 404),
        ("payload too large", 413),
        ("Request Entity Too Large", 413),
        ("unprocessable entity", 422),
        ("Forbidden", 403),
        ("  Too Many Requests  ", 429),
        ("bad gateway", 502),
        ("method failure", 420),
    ] {
        let codes = found(query);
        if codes.first() != Some(&best) {
            failures.push(format!(
                "search({query:?}): expected {best} first, got {codes:?}"
            ));
        }
    }

    // Among the first few (equal scores keep code order, so ties are checked as membership).
    for (query, code, within) in [
        ("rate limit", 429, 2),
        ("gateway", 502, 3),
        ("gateway", 504, 3),
        ("client closed", 499, 2),
    ] {
        let codes = found(query);
        if !codes.iter().take(within).any(|&c| c == code) {
            failures.push(format!(
                "search({query:?}): expected {code} in the first {within}, got {codes:?}"
            ));
        }
    }

    // Somewhere in the results.
    for (query, expected) in [
        ("rate limit", &[420][..]),
        ("timeout", &[408, 504, 522, 524][..]),
        ("cloudflare", &[520, 521, 522, 523, 524, 525, 526, 527][..]),
    ] {
        let codes = found(query);
        for code in expected {
            if !codes.contains(code) {
                failures.push(format!("search({query:?}): {code} missing from {codes:?}"));
            }
        }
    }

    // A family prefix finds exactly the catalog's codes of that family.
    for (query, prefix) in [("50", "50"), ("5xx", "5"), ("4xx", "4")] {
        let codes: BTreeSet<u16> = found(query).into_iter().collect();
        let family: BTreeSet<u16> = all()
            .iter()
            .map(|s| s.code)
            .filter(|c| c.to_string().starts_with(prefix))
            .collect();
        if family.is_empty() || codes != family {
            failures.push(format!(
                "search({query:?}): expected exactly {family:?}, got {codes:?}"
            ));
        }
    }

    // Nothing to match.
    for query in ["", "   ", "zzzzqqq"] {
        let codes = found(query);
        if !codes.is_empty() {
            failures.push(format!(
                "search({query:?}): expected nothing, got {codes:?}"
            ));
        }
    }

    // No entry appears twice.
    for query in [
        "429",
        "rate limit",
        "timeout",
        "cloudflare",
        "gateway",
        "5xx",
    ] {
        let codes = found(query);
        let unique: BTreeSet<u16> = codes.iter().copied().collect();
        if unique.len() != codes.len() {
            failures.push(format!("search({query:?}): duplicates in {codes:?}"));
        }
    }
    report("search ranking", &failures);
}

#[test]
fn ties_favour_registered_codes_and_other_vendors_meanings_rank_lower() {
    let first = |q: &str| search(q).first().map(|s| s.code);
    assert_eq!(
        first("rate limit"),
        Some(429),
        "429, not Twitter's retired 420"
    );
    assert_eq!(first("unauthorized"), Some(401), "401, not AWS ALB's 561");
    let redirect = search("redirect");
    assert_ne!(
        redirect.first().map(|s| s.code),
        Some(451),
        "Exchange's 451 'Redirect' is not what people mean"
    );
    assert!(
        redirect
            .iter()
            .take(5)
            .any(|s| s.code == 307 || s.code == 302),
        "{:?}",
        redirect.iter().map(|s| s.code).collect::<Vec<_>>()
    );
    assert_eq!(
        first("method failure"),
        Some(420),
        "another meaning is still found"
    );
}

/// Issue 15: the corrections an independent review asked for, each pinned.
#[test]
fn the_independent_review_corrections_hold() {
    let s = |c: u16| lookup(c).unwrap_or_else(|| panic!("{c} is in the catalog"));
    // 1. nginx's 494–497 exist only inside nginx: the access log shows 400.
    for c in [494, 495, 496, 497] {
        let e = s(c).explanation;
        assert!(e.contains("400") && e.contains("log"), "{c}: {e}");
        assert!(
            !e.contains("written to the log") && !e.contains(&format!("nginx logs {c}")),
            "{c}: {e}"
        );
    }
    // 2. An unreachable identity provider gives 500 from the ALB, not 401 or 561.
    assert!(s(561).explanation.contains("500"));
    assert!(s(561)
        .related
        .iter()
        .any(|r| r.code == 401 && r.difference.contains("500")));
    // 3. Connection: close with a 408 is recommended, not required.
    assert!(s(408).owner_steps.iter().any(|t| t.contains("recommended")));
    assert!(!s(408)
        .owner_steps
        .iter()
        .any(|t| t.contains("as the spec requires")));
    // 4. Host names are not case-sensitive; paths usually are.
    assert!(s(404).explanation.contains("host names never are"));
    assert!(general_steps()[0].contains("host names are not"));
    assert!(!general_steps().iter().any(|t| t.contains("hosts' paths")));
    // 5. No specification defines 598 and 599; no unsourced vendor attribution.
    for c in [598, 599] {
        assert!(s(c).source.name.starts_with("No specification"), "{c}");
        assert!(!s(c).source.name.contains("Microsoft"), "{c}");
    }
    // 6. Cloudflare's 524 timeout is 120 s now.
    assert!(s(524).summary.contains("120 s"));
    for c in [502, 503, 504] {
        let d = s(c)
            .related
            .iter()
            .find(|r| r.code == 524)
            .map(|r| r.difference)
            .unwrap_or("");
        assert!(
            d.contains("120 seconds") && !d.contains("100 seconds"),
            "{c}: {d}"
        );
    }
    // 7. A 503 gives no guarantee that a POST was not processed.
    assert!(!s(503).retry.safe_for_non_idempotent);
    // 8. 226: the base version goes in If-None-Match; A-IM lists the manipulations.
    assert!(s(226).explanation.contains("If-None-Match"));
    // 9. 415: Accept names the media types that would have been accepted (RFC 9110 §15.5.16).
    assert!(s(415).headers.iter().any(|h| h.name == "Accept"));
    assert!(s(415)
        .caller_steps
        .iter()
        .any(|t| t.contains("Check Accept")));
}

#[test]
fn older_spellings_are_aliases_and_search_finds_them_first() {
    assert!(lookup(504).unwrap().answers_to("Gateway Time-out"));
    assert!(lookup(408).unwrap().answers_to("Request Time-out"));
    assert!(lookup(414).unwrap().answers_to("Request-URI Too Large"));
    for (query, code) in [
        ("Gateway Time-out", 504),
        ("Request Time-out", 408),
        ("Request-URI Too Large", 414),
    ] {
        let first = search(query).first().map(|s| s.code);
        assert_eq!(first, Some(code), "searchStatuses({query:?})");
    }
}

/// Issue 15: the facts and codes the review found missing, and retry flags that agree with their notes.
#[test]
fn the_review_gaps_are_filled() {
    let s = |c: u16| lookup(c).unwrap_or_else(|| panic!("{c} is in the catalog"));
    let text = |c: u16| {
        let e = s(c);
        let mut all = vec![e.summary, e.explanation, e.retry.note];
        all.extend(e.causes.iter().copied());
        all.extend(e.caller_steps.iter().copied());
        all.extend(e.owner_steps.iter().copied());
        all.extend(e.also.iter().map(|m| m.explanation));
        all.join("\n")
    };
    // Codes that fell to a fallback.
    assert!(
        s(419).source.name.contains("Laravel"),
        "{:?}",
        s(419).source
    );
    assert!(s(430).source.name.contains("Shopify"));
    // 999: LinkedIn's refusal of automated clients, sourced to the captured responses, not a code a
    // library made up; no automatic retry; it says LinkedIn does not document it.
    assert!(s(999).source.name.contains("LinkedIn"));
    assert!(s(999).source.url.contains("html-proofer/issues/215"));
    assert_eq!(s(999).class, StatusClass::Nonstandard);
    assert_eq!(s(999).retry.policy, RetryPolicy::No);
    assert!(text(999).contains("does not document"));
    assert!(!text(999).contains("made up"));
    assert!(text(498).contains("ArcGIS"));
    assert!(s(499)
        .also
        .iter()
        .any(|m| m.source.name.contains("ArcGIS") || m.explanation.contains("ArcGIS")));
    assert!(s(449)
        .also
        .iter()
        .any(|m| m.explanation.contains("ActiveSync")));
    // Missing facts.
    assert!(text(413).contains("1 MB"));
    assert!(text(503).contains("no registered targets"));
    assert!(text(520).contains("Authenticated Origin Pulls"));
    assert!(text(526).contains("Gateway"));
    assert!(s(500)
        .caller_steps
        .iter()
        .any(|t| t.contains("status page")));
    assert!(text(527).contains("no longer"));
    // Retry flags that agree with their notes.
    assert_eq!(s(418).retry.policy, RetryPolicy::RetryAfter);
    assert_eq!(s(525).retry.policy, RetryPolicy::Backoff);
    for c in [421, 425] {
        assert_ne!(s(c).retry.policy, RetryPolicy::Backoff, "{c}");
    }
}
