//! Retry evidence: `Retry-After` (seconds or HTTP-date), the IETF `RateLimit` / `RateLimit-Policy`
//! fields (structured and older forms), `RateLimit-*` and the common `X-RateLimit-*` headers.

use super::precedence::Precedence;
use super::{time, Clock, Evidence, FindingKind, Notes, RetryAdvice, Severity, Shown, Wait};
use crate::catalog::{RetryPolicy, Side, Status, StatusClass};
use crate::knowledge::{self, Says, Unit};
use crate::paste::Exchange;
use crate::shown;

/// What the rate-limit headers say, whichever dialect the server speaks.
#[derive(Default)]
struct Quota {
    limit: Option<u64>,
    remaining: Option<u64>,
    /// Seconds until the window resets.
    reset_seconds: Option<u64>,
    /// The reset moment, when sent as an epoch.
    reset_at: Option<i64>,
    window: Option<u64>,
    used: Option<u64>,
    /// A wait asked for by a vendor's retry header (`x-ms-retry-after-ms`).
    retry: Option<(Evidence, Option<When>)>,
    evidence: Vec<Evidence>,
}

pub(super) fn read(exchange: &Exchange, status: &Status, clock: Clock, notes: &mut Notes) {
    let date = exchange.header("date").and_then(time::parse_http_date);
    let reference = date.or(clock.now);
    let quota = quota(exchange, notes);
    let mut wait: Option<Wait> = None;
    // A pasted response may be old: a moment it names that has passed is written in the past tense
    // everywhere (findings, verdict, advice, panel).
    let passed = |at: i64| clock.now.is_some_and(|now| at <= now);

    // The wait the server asks for: Retry-After (RFC 9110) first, then a vendor's own retry header,
    // then a wait named in the error body.
    let asked = match exchange.header("retry-after") {
        Some(value) => Some((
            Evidence::header("Retry-After", value),
            parse_retry_after(value),
        )),
        None => quota
            .retry
            .clone()
            .or_else(|| {
                notes
                    .retry_hint
                    .take()
                    .map(|(e, v, unit)| (e, read_time(&v, unit)))
            })
            .map(|(e, when)| (e, when.map(RetryAfter::from))),
    };
    if let Some((evidence, parsed)) = asked {
        match parsed {
            Some(RetryAfter::Seconds { seconds, exact }) => {
                let at = reference.map(|r| r + seconds as i64);
                wait = Some(Wait { seconds: Some(seconds), at_unix: at });
                let over = at.is_some_and(passed);
                let when = at.map(|a| shown!(" (at {})", time::readable(a, if over { None } else { reference }))).unwrap_or_default();
                let mut detail = if over {
                    shown!("The server asked you to wait {}{} before sending the request again; that moment has passed.", time::duration(seconds), when)
                } else {
                    shown!("The server asks you to wait {}{} before sending the request again.", time::duration(seconds), when)
                };
                if !exact && evidence.name == "Retry-After" {
                    detail.push_ours(" The value is not a whole number of seconds as RFC 9110 requires; it was rounded up.");
                }
                let title = if over {
                    shown!("The server asked for a wait of {}", time::duration(seconds))
                } else {
                    shown!("Wait {} before retrying", time::duration(seconds))
                };
                notes.add(FindingKind::RetryAfter, Severity::Problem, title, detail, vec![evidence]);
            }
            Some(RetryAfter::Date(at)) => {
                let seconds = reference.map(|r| (at - r).max(0) as u64);
                wait = Some(Wait { seconds, at_unix: Some(at) });
                let relative = seconds.map(|s| shown!(", {} after the response's Date", time::duration(s))).unwrap_or_default();
                let over = passed(at);
                let moment = time::readable(at, if over { None } else { reference });
                notes.add(
                    FindingKind::RetryAfter,
                    Severity::Problem,
                    if over { shown!("The server asked to wait until {}", moment) } else { shown!("Retry after {}", moment) },
                    if over {
                        shown!("The server named the moment to retry: {}{}; that moment has passed.", moment, relative)
                    } else {
                        shown!("The server names the moment to retry: {}{}.", moment, relative)
                    },
                    vec![evidence],
                );
            }
            None => notes.add(
                FindingKind::RetryAfter,
                Severity::Warning,
                shown!("{} could not be read", evidence.name),
                "The wait must be a number of seconds or a date; this value is neither, so fall back to exponential backoff.",
                vec![evidence],
            ),
        }
    }

    let exhausted = quota.remaining == Some(0);
    if !quota.evidence.is_empty() {
        let mut parts = Vec::new();
        if let Some(limit) = quota.limit {
            let window = quota
                .window
                .map(|w| shown!(" per {}", time::duration(w)))
                .unwrap_or_default();
            parts.push(shown!("limit {}{}", limit, window));
        }
        if let Some(remaining) = quota.remaining {
            parts.push(shown!("{} left", remaining));
        }
        let reset_at = quota.reset_at.or_else(|| {
            reference
                .zip(quota.reset_seconds)
                .map(|(r, s)| r + s as i64)
        });
        let reset_seconds = quota.reset_seconds.or_else(|| {
            reference
                .zip(quota.reset_at)
                .map(|(r, a)| (a - r).max(0) as u64)
        });
        match (reset_seconds, reset_at) {
            (_, Some(a)) if passed(a) => {
                parts.push(shown!("reset at {} (passed)", time::readable(a, None)))
            }
            (Some(s), Some(a)) => parts.push(shown!(
                "resets in {} (at {})",
                time::duration(s),
                time::readable(a, reference),
            )),
            (Some(s), None) => parts.push(shown!("resets in {}", time::duration(s))),
            (None, Some(a)) => parts.push(shown!("resets at {}", time::readable(a, reference))),
            (None, None) => {}
        }
        let title = if exhausted {
            "Your rate-limit quota is used up"
        } else {
            "Rate-limit headers"
        };
        notes.add(
            FindingKind::RateLimitHeaders,
            if exhausted {
                Severity::Problem
            } else {
                Severity::Info
            },
            title,
            shown!(
                "The server's rate-limit headers say: {}.",
                Shown::join(&parts, ", ")
            ),
            quota.evidence.clone(),
        );
        if exhausted && wait.is_none() && (reset_seconds.is_some() || reset_at.is_some()) {
            wait = Some(Wait {
                seconds: reset_seconds,
                at_unix: reset_at,
            });
        }
    }

    // A pasted response may be old: when the moment it named has passed, every part of the answer
    // says so (the verdict, the advice, the panel), once.
    let over = matches!(
        (wait.and_then(|w| w.at_unix), clock.now),
        (Some(at), Some(now)) if at <= now
    );
    notes.wait_over = over;

    let rate_limited = status.code == 429
        || status.code == 420
        || (exhausted && status.class == StatusClass::ClientError);
    if rate_limited {
        notes.side(Precedence::RateLimit, Side::Client);
        // A vendor's code that settled the cause keeps its retry policy, verdict and steps: OpenAI's
        // insufficient_quota is billing, where waiting for the limit to pass will not help.
        notes.retry_policy.get_or_insert(RetryPolicy::RetryAfter);
        let settled_elsewhere = notes.cause_settled && !notes.has(FindingKind::RateLimited);
        // A vendor's own code may have said so already (Discord, Slack), or said it is something else
        // (OpenAI's insufficient_quota is billing, not a rate): then it needs no second finding.
        if status.code != 403 && !notes.has(FindingKind::RateLimited) && !notes.cause_settled {
            notes.add(
                FindingKind::RateLimited,
                Severity::Problem,
                "You are rate limited",
                "The server limits how many requests this client (its key, account or address) may send in a period, and this request went over. The request itself is fine: waiting, then sending fewer requests, fixes it.",
                Vec::new(),
            );
        }
        if status.code == 403 {
            notes.add(
                FindingKind::RateLimitNotPermission,
                Severity::Problem,
                "This 403 is a rate limit, not a permission problem",
                "The rate-limit headers show no requests left: some APIs (GitHub among them) answer 403 instead of 429 when you are over the limit. Your credentials are probably fine.",
                Vec::new(),
            );
        }
        notes.cause_settled = true;
        let precedence = if wait.is_some() {
            Precedence::RateLimitWait
        } else {
            Precedence::RateLimit
        };
        let verdict = match wait {
            Some(Wait { seconds: Some(s), at_unix: Some(a) }) if over => shown!(
                "You were rate limited: the server asked you to wait {} (until {}); that time has passed, so you can send requests again.",
                time::duration(s),
                time::readable(a, None),
            ),
            Some(Wait { at_unix: Some(a), .. }) if over => shown!(
                "You were rate limited: the server asked you to wait until {}; that time has passed, so you can send requests again.",
                time::readable(a, None),
            ),
            Some(Wait { seconds: Some(s), at_unix: Some(a) }) => shown!(
                "You are rate limited: the server asks you to wait {} (until {}) before sending more requests.",
                time::duration(s),
                time::readable(a, reference),
            ),
            Some(Wait { seconds: Some(s), .. }) => shown!(
                "You are rate limited: the server asks you to wait {} before sending more requests.",
                time::duration(s),
            ),
            Some(Wait { at_unix: Some(a), .. }) => shown!(
                "You are rate limited: the server asks you to wait until {} before sending more requests.",
                time::readable(a, reference),
            ),
            // Only what was pasted is known: a bare status says nothing about the headers it came with.
            _ if exchange.headers.is_empty() => Shown::from("You are rate limited: slow down and retry with exponential backoff. Only the status was pasted: the response's Retry-After or rate-limit headers, if it had them, say how long to wait."),
            _ => Shown::from("You are rate limited: slow down and retry with exponential backoff; the response's headers do not say how long to wait."),
        };
        if !settled_elsewhere {
            notes.verdict(precedence, verdict);
        }
        if over {
            notes.step("Stay under the limit from now on: space requests out, and when this response comes back, pause until the time it names.");
        } else if !settled_elsewhere {
            notes.step("Pause this client until the wait is over; do not retry in a tight loop.");
        }
    } else if let (Some(Wait { seconds, at_unix }), StatusClass::ServerError) = (wait, status.class)
    {
        // An old response whose moment has passed tells one story: the finding says it passed, so
        // the verdict does too.
        let said = match (seconds, at_unix) {
            (_, Some(a)) if over => shown!(
                "The server asked you to retry at {}; that time has passed.",
                time::readable(a, None)
            ),
            (_, Some(a)) => shown!(
                "The server asks you to retry at {}.",
                time::readable(a, reference)
            ),
            (Some(s), None) => {
                shown!("The server asks you to retry in {}.", time::duration(s))
            }
            _ => Shown::default(),
        };
        notes.verdict(
            Precedence::ProxyMessage,
            shown!("{} {}", status.summary, said).trimmed(),
        );
    }
    if wait.is_some() {
        notes.retry_after = wait;
    }
}

enum RetryAfter {
    Seconds { seconds: u64, exact: bool },
    Date(i64),
}

fn parse_retry_after(value: &str) -> Option<RetryAfter> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(RetryAfter::Seconds {
            seconds,
            exact: true,
        });
    }
    // "2.0" and "1.5" are common in the wild (not valid per RFC 9110 §10.2.3): round up.
    if let Some((units, scale)) = decimal(value) {
        if units / scale < 1_000_000_000_000 {
            return Some(RetryAfter::Seconds {
                seconds: units.div_ceil(scale),
                exact: false,
            });
        }
    }
    time::parse_http_date(value).map(RetryAfter::Date)
}

fn quota(exchange: &Exchange, notes: &mut Notes) -> Quota {
    let mut q = Quota::default();
    // IETF draft (structured fields): RateLimit: "default";r=0;t=30  /  older: limit=100, remaining=0, reset=30
    if let Some(value) = exchange.header("ratelimit") {
        q.evidence.push(Evidence::header("RateLimit", value));
        for (key, number) in params(value) {
            match key.as_str() {
                "r" | "remaining" => q.remaining = q.remaining.or(Some(number)),
                "t" | "reset" => q.reset_seconds = q.reset_seconds.or(Some(number)),
                "limit" | "q" => q.limit = q.limit.or(Some(number)),
                _ => {}
            }
        }
    }
    if let Some(value) = exchange.header("ratelimit-policy") {
        q.evidence.push(Evidence::header("RateLimit-Policy", value));
        for (key, number) in params(value) {
            match key.as_str() {
                "q" | "" => q.limit = q.limit.or(Some(number)),
                "w" => q.window = q.window.or(Some(number)),
                _ => {}
            }
        }
    }
    // Every other header is knowledge (`[[rate_header]]`). Read every header an entry names, in the
    // entries' order; then pick per thing a header can say.
    struct Reading<'a> {
        says: Says,
        name: &'a str,
        value: &'a str,
        number: Option<u64>,
        when: Option<When>,
    }
    let mut readings: Vec<Reading> = Vec::new();
    for entry in knowledge::RATE_HEADERS {
        for header in &exchange.headers {
            if !entry.names(&header.name)
                || readings
                    .iter()
                    .any(|r| r.name == header.name && r.says == entry.says)
            {
                continue;
            }
            let value = header.value.trim();
            let (number, when) = match entry.says {
                Says::Limit | Says::Remaining | Says::Used => (leading_number(value), None),
                Says::UsedOfLimit => (None, None),
                Says::Window | Says::Reset | Says::Retry => (None, read_time(value, entry.unit)),
            };
            let readable = number.is_some()
                || when.is_some()
                || (entry.says == Says::UsedOfLimit && used_of_limit(value).is_some());
            if !readable {
                continue;
            }
            notes.matched(entry.id);
            if let Some(c) = entry.component.and_then(knowledge::component) {
                notes.matched(c.id);
            }
            readings.push(Reading {
                says: entry.says,
                name: &header.name,
                value: &header.value,
                number,
                when,
            });
        }
    }
    // APIs with several limits at once (requests and tokens, per second and per day) send one set of
    // headers per limit: the one used up is the one that matters, with the reset and limit of the
    // same set (the header names that share the most with its name).
    let remaining = readings
        .iter()
        .filter(|r| r.says == Says::Remaining)
        .min_by_key(|r| r.number);
    let kin = |says: Says| {
        let mut best: Option<&Reading> = None;
        for r in readings.iter().filter(|r| r.says == says) {
            let score = |r: &Reading| remaining.map_or(0, |m| affinity(m.name, r.name));
            if best.is_none_or(|b| score(r) > score(b)) {
                best = Some(r);
            }
        }
        best
    };
    let mut chosen: Vec<&Reading> = Vec::new();
    if let Some(r) = remaining {
        q.remaining = q.remaining.or(r.number);
        chosen.push(r);
    }
    if let Some(r) = kin(Says::Limit) {
        q.limit = q.limit.or(r.number);
        chosen.push(r);
    }
    if let Some(r) = kin(Says::Used) {
        q.used = q.used.or(r.number);
        chosen.push(r);
    }
    if let Some(r) = kin(Says::UsedOfLimit) {
        if let Some((used, limit)) = used_of_limit(r.value) {
            q.used = q.used.or(Some(used));
            q.limit = q.limit.or(Some(limit));
            chosen.push(r);
        }
    }
    if let Some(r) = kin(Says::Window) {
        q.window = q.window.or(r.when.and_then(When::seconds));
        chosen.push(r);
    }
    if let Some(r) = kin(Says::Reset) {
        match r.when {
            Some(When::After(s)) => q.reset_seconds = q.reset_seconds.or(Some(s)),
            Some(When::At(at)) => q.reset_at = q.reset_at.or(Some(at)),
            None => {}
        }
        chosen.push(r);
    }
    if let Some(r) = readings.iter().find(|r| r.says == Says::Retry) {
        q.retry = Some((Evidence::header(r.name, r.value), r.when));
    }
    for r in chosen {
        if !q.evidence.iter().any(|e| e.name == r.name) {
            q.evidence.push(Evidence::header(r.name, r.value));
        }
    }
    if q.remaining.is_none() {
        if let (Some(limit), Some(used)) = (q.limit, q.used) {
            q.remaining = Some(limit.saturating_sub(used));
        }
    }
    q
}

/// How much two header names share (common start plus common end, ASCII case ignored): the
/// headers of one limit share a stem (`x-ratelimit-remaining-tokens`, `x-ratelimit-reset-tokens`).
fn affinity(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let start = a
        .iter()
        .zip(b)
        .take_while(|(x, y)| x.eq_ignore_ascii_case(y))
        .count();
    let end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x.eq_ignore_ascii_case(y))
        .count();
    start + end
}

/// `39/40` or `api-usage=25/5000; api-bursts=1/750` → (used, limit) of the first pair.
fn used_of_limit(value: &str) -> Option<(u64, u64)> {
    let first = value.split([';', ',']).next()?;
    let (used, limit) = first
        .rsplit_once('=')
        .map_or(first, |(_, v)| v)
        .split_once('/')?;
    Some((used.trim().parse().ok()?, leading_number(limit)?))
}

/// A time as a header or body writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum When {
    /// Seconds from the response.
    After(u64),
    /// A moment (Unix seconds).
    At(i64),
}

impl When {
    fn seconds(self) -> Option<u64> {
        match self {
            When::After(s) => Some(s),
            When::At(_) => None,
        }
    }
}

impl From<When> for RetryAfter {
    fn from(when: When) -> Self {
        match when {
            When::After(seconds) => RetryAfter::Seconds {
                seconds,
                exact: true,
            },
            When::At(at) => RetryAfter::Date(at),
        }
    }
}

/// Reads a time in the unit its header or body documents. Waits round up to whole seconds.
pub(super) fn read_time(value: &str, unit: Unit) -> Option<When> {
    let value = value.trim().trim_matches('"');
    let whole = |v: &str| decimal(v).map(|(units, scale)| units.div_ceil(scale));
    match unit {
        Unit::Seconds => whole(value).map(When::After),
        Unit::Milliseconds => decimal(value)
            .map(|(units, scale)| When::After(units.div_ceil(scale.saturating_mul(1000)))),
        Unit::EpochSeconds => {
            decimal(value).map(|(units, scale)| When::At(units.div_ceil(scale) as i64))
        }
        Unit::EpochMilliseconds => whole(value).map(|ms| When::At((ms / 1000) as i64)),
        Unit::Date => time::parse_http_date(value)
            .or_else(|| time::parse_rfc3339(value))
            .map(When::At),
        Unit::Duration => go_duration(value).map(When::After),
        Unit::Auto => match decimal(value) {
            // Epoch milliseconds, epoch seconds, or seconds from now, told apart by size.
            Some((units, scale)) => {
                let whole = units / scale;
                Some(if scale == 1 && whole > 100_000_000_000 {
                    When::At((whole / 1000) as i64)
                } else if whole > 1_000_000_000 {
                    When::At(units.div_ceil(scale) as i64)
                } else {
                    When::After(units.div_ceil(scale))
                })
            }
            None => go_duration(value).map(When::After).or_else(|| {
                time::parse_http_date(value)
                    .or_else(|| time::parse_rfc3339(value))
                    .map(When::At)
            }),
        },
    }
}

/// Numbers in `key=value` parameters of structured or dictionary fields, e.g.
/// `"default";r=0;t=30` → [("r",0),("t",30)]; a bare leading number is returned with key "".
fn params(value: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for part in value.split([';', ',']) {
        let part = part.trim();
        match part.split_once('=') {
            Some((k, v)) => {
                if let Some(n) = leading_number(v.trim().trim_matches('"')) {
                    out.push((k.trim().to_ascii_lowercase(), n));
                }
            }
            None => {
                if let Ok(n) = part.parse::<u64>() {
                    out.push((String::new(), n));
                }
            }
        }
    }
    out
}

/// A plain decimal number (`2`, `2.0`, `1.25`) as `units / scale`, without floating point: exact,
/// and it keeps float parsing and printing out of the wasm.
fn decimal(value: &str) -> Option<(u64, u64)> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() && fraction.is_empty()
        || !all_digits(whole)
        || !all_digits(fraction)
        || fraction.len() > 9
    {
        return None;
    }
    let scale = 10u64.pow(fraction.len() as u32);
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let fraction: u64 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    Some((whole.checked_mul(scale)?.checked_add(fraction)?, scale))
}

fn leading_number(value: &str) -> Option<u64> {
    let digits: String = value
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let whole: u64 = digits.parse().ok()?;
    // "1.5" → 2: waits round up.
    let rest = &value.trim()[digits.len()..];
    let fraction = rest
        .strip_prefix('.')
        .is_some_and(|f| f.starts_with(|c: char| c.is_ascii_digit() && c != '0'));
    Some(whole + u64::from(fraction))
}

/// Go-style durations some APIs send: `6m0s`, `1s`, `20ms`, `1h2m`.
fn go_duration(value: &str) -> Option<u64> {
    let mut total_ms: u64 = 0;
    let mut number = String::new();
    let mut chars = value.trim().chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let (units, scale) = decimal(&number)?;
        number.clear();
        let unit_ms: u64 = match c {
            'h' => 3_600_000,
            'm' if chars.peek() == Some(&'s') => {
                chars.next();
                1
            }
            'm' => 60_000,
            's' => 1000,
            _ => return None,
        };
        total_ms = total_ms.saturating_add(units.saturating_mul(unit_ms) / scale);
        any = true;
    }
    (any && number.is_empty()).then(|| total_ms.div_ceil(1000))
}

/// The retry advice of the diagnosis: the catalog's policy for the code, sharpened by what the server
/// said.
pub(super) fn advice(status: Option<&Status>, notes: &Notes, exchange: &Exchange) -> RetryAdvice {
    let wait = notes.retry_after;
    let Some(status) = status else {
        // No status: the failure's own knowledge (a network kind, a vendor code) says whether a
        // retry can help; an error that settled its cause and said nothing needs a fix first.
        let failed = exchange.network_error.is_some() || notes.cause_settled;
        let policy = notes.retry_policy.unwrap_or(if failed {
            RetryPolicy::AfterFix
        } else {
            RetryPolicy::NotApplicable
        });
        return RetryAdvice {
            policy,
            advice: if policy == RetryPolicy::NotApplicable {
                Shown::from("Nothing to retry yet: no HTTP status was found.")
            } else {
                Shown::from(policy_sentence(policy))
            },
            after_seconds: None,
            at: None,
            at_unix: None,
            wait_over: false,
            safe_for_non_idempotent: notes.never_sent,
            method: method(exchange),
        };
    };
    let policy = notes.retry_policy.unwrap_or(status.retry.policy);
    // The catalog's note speaks for the code's usual policy; when the evidence chose another (a 502
    // that a proxy's buffer caused needs a fix, not backoff), the note would contradict it.
    // So would it when the evidence settled another cause than the code's usual one (a clock out of
    // step behind a 401 is not "valid credentials"). Whether resending is safe is said apart
    // (`safe_for_non_idempotent`), from the code.
    let usual =
        policy == status.retry.policy && !(notes.cause_settled && policy == RetryPolicy::AfterFix);
    let mut advice = Shown::from(if usual {
        status.retry.note
    } else {
        policy_sentence(policy)
    });
    if let (Some(at), true) = (wait.and_then(|w| w.at_unix), notes.wait_over) {
        advice = shown!(
            "The wait the server asked for ended at {}; you can retry now.",
            time::readable(at, None),
        );
    } else if let Some(w) = wait {
        let when = match (w.seconds, w.at_unix) {
            (Some(s), Some(a)) => shown!(
                "Wait {} (until {}), then retry.",
                time::duration(s),
                time::readable(a, None),
            ),
            (Some(s), None) => shown!("Wait {}, then retry.", time::duration(s)),
            (None, Some(a)) => shown!("Wait until {}, then retry.", time::readable(a, None)),
            (None, None) => Shown::default(),
        };
        // When the evidence chose "retry after" over the code's usual policy, the wait is the advice.
        advice = if policy == RetryPolicy::RetryAfter && policy != status.retry.policy {
            when
        } else {
            shown!("{} {}", when, advice).trimmed()
        };
    }
    RetryAdvice {
        policy,
        advice,
        after_seconds: wait.and_then(|w| w.seconds),
        at: wait.and_then(|w| w.at_unix).map(time::rfc3339),
        at_unix: wait.and_then(|w| w.at_unix),
        wait_over: notes.wait_over,
        safe_for_non_idempotent: status.retry.safe_for_non_idempotent,
        method: method(exchange),
    }
}

/// The pasted request's method (masked), when the paste names it.
fn method(exchange: &Exchange) -> Option<Shown> {
    exchange
        .request
        .as_ref()
        .and_then(|r| r.method.as_deref())
        .map(super::redact::method)
}

/// What a retry policy means, in one sentence, when the catalog's note for the code does not apply.
fn policy_sentence(policy: RetryPolicy) -> &'static str {
    match policy {
        RetryPolicy::No => "Repeating the same request will not help.",
        RetryPolicy::AfterFix => {
            "Retry only after fixing what the findings name: the same request will fail the same way until then."
        }
        RetryPolicy::Backoff => {
            "Retry with exponential backoff and jitter: this kind of failure often clears on its own; if it persists, look at the findings."
        }
        RetryPolicy::RetryAfter => "Wait as long as the server or the error says, then retry.",
        RetryPolicy::NotApplicable => "Nothing to retry.",
    }
}

#[cfg(test)]
mod tests {
    use super::{read_time, Unit, When};

    #[test]
    fn times_are_read_in_the_unit_their_vendor_documents() {
        // 1715678467 is 2024-05-14T09:21:07Z (`date -d @1715678467 -u`).
        assert_eq!(read_time("6m0s", Unit::Duration), Some(When::After(360)));
        assert_eq!(read_time("1.5s", Unit::Duration), Some(When::After(2)));
        assert_eq!(read_time("20ms", Unit::Duration), Some(When::After(1)));
        assert_eq!(read_time("1500", Unit::Milliseconds), Some(When::After(2)));
        assert_eq!(read_time("2.25", Unit::Seconds), Some(When::After(3)));
        assert_eq!(
            read_time("1715678497", Unit::EpochSeconds),
            Some(When::At(1_715_678_497))
        );
        assert_eq!(
            read_time("1715678496.2", Unit::EpochSeconds),
            Some(When::At(1_715_678_497))
        );
        assert_eq!(
            read_time("1715678497000", Unit::EpochMilliseconds),
            Some(When::At(1_715_678_497))
        );
        assert_eq!(
            read_time("2024-05-14T09:21:37Z", Unit::Date),
            Some(When::At(1_715_678_497))
        );
        assert_eq!(
            read_time("Tue, 14 May 2024 09:21:37 GMT", Unit::Date),
            Some(When::At(1_715_678_497))
        );
        // The same number means different things in different units.
        assert_eq!(read_time("30", Unit::Seconds), Some(When::After(30)));
        assert_eq!(read_time("30", Unit::EpochSeconds), Some(When::At(30)));
        // `auto` tells seconds, epoch seconds and epoch milliseconds apart by size.
        assert_eq!(read_time("30", Unit::Auto), Some(When::After(30)));
        assert_eq!(
            read_time("1715678497", Unit::Auto),
            Some(When::At(1_715_678_497))
        );
        assert_eq!(
            read_time("1715678497000", Unit::Auto),
            Some(When::At(1_715_678_497))
        );
        assert_eq!(read_time("1m30s", Unit::Auto), Some(When::After(90)));
        // Nonsense is not a time.
        assert_eq!(read_time("soon", Unit::Seconds), None);
        assert_eq!(read_time("soon", Unit::Auto), None);
        assert_eq!(read_time("-5", Unit::Seconds), None);
    }

    #[test]
    fn used_of_limit_reads_the_first_pair() {
        assert_eq!(super::used_of_limit("39/40"), Some((39, 40)));
        assert_eq!(
            super::used_of_limit("api-usage=10018/100000; api-bursts=1/750"),
            Some((10018, 100_000))
        );
        assert_eq!(super::used_of_limit("soon"), None);
    }
}
