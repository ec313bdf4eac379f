//! The diagnosis: read the evidence in an [`Exchange`] and say what happened, on which side, what to
//! do, whether and when to retry, and what to quote to support.
//!
//! Each rule module looks at one kind of evidence (retry and rate-limit headers, authentication, who
//! answered, the body's error format, request ids…) and adds [`Finding`]s to a [`Notes`] collector,
//! each quoting the header or field it came from. [`diagnose`] runs them all and assembles the result.
//! Every string taken from the paste goes through [`redact`] before it is stored.

mod auth;
mod bodies;
mod fingerprint;
mod network;
pub mod precedence;
pub mod redact;
mod report;
mod request;
mod request_ids;
mod requests;
mod retry;
pub(crate) mod time;

use crate::catalog::{self, RetryPolicy, Side, Status};
pub use crate::knowledge::FindingKind;
use crate::knowledge::{Meaning, Slots};
use crate::paste::{self, Exchange, InputKind};
use crate::shown;
use precedence::Precedence;
pub use redact::Shown;
use serde::Serialize;

/// How much a finding matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The cause, or the thing to fix.
    Problem,
    /// Worth knowing; may be the cause.
    Warning,
    /// Context: who answered, what the server said.
    Info,
}

/// Where a piece of evidence was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceSource {
    StatusLine,
    Header,
    Body,
    Request,
    Paste,
}

/// A quote from the paste (already masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    pub source: EvidenceSource,
    /// The header name, body field path (`error.status`) or line kind.
    pub name: Shown,
    pub value: Shown,
}

impl Evidence {
    pub fn header(name: &str, value: &str) -> Self {
        Evidence {
            source: EvidenceSource::Header,
            name: redact::mask(name),
            value: quote(redact::mask_header(name, value)),
        }
    }

    pub fn body(path: &str, value: &str) -> Self {
        Evidence {
            source: EvidenceSource::Body,
            name: redact::mask(path),
            value: quote(redact::mask(value)),
        }
    }

    pub fn of(source: EvidenceSource, name: &str, value: &str) -> Self {
        Evidence {
            source,
            name: redact::mask(name),
            value: quote(redact::mask(value)),
        }
    }
}

/// Quotes are kept short: a long value is cut at a character boundary. Masking comes first, so a
/// token cut in half by the shortening is still recognised.
pub(crate) fn quote(value: Shown) -> Shown {
    value.shortened(300)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The finding's stable identity (`rate-limited`, `token-expired`, `answered-by-cdn`…): tests and
    /// JavaScript callers branch on it; the wording may change.
    pub kind: FindingKind,
    pub severity: Severity,
    pub title: Shown,
    pub detail: Shown,
    pub evidence: Vec<Evidence>,
}

/// What to do about retrying.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RetryAdvice {
    pub policy: RetryPolicy,
    /// One or two plain sentences.
    pub advice: Shown,
    /// Seconds to wait, when the server named a time.
    pub after_seconds: Option<u64>,
    /// The moment to retry, as an RFC 3339 UTC time, when it can be known.
    pub at: Option<Shown>,
    /// The same moment as Unix seconds, for countdowns.
    pub at_unix: Option<i64>,
    /// The moment had already passed when the paste was diagnosed (an old response): the advice says
    /// so, and a countdown is pointless.
    pub wait_over: bool,
    /// Whether repeating a non-idempotent request (POST, PATCH) is safe.
    pub safe_for_non_idempotent: bool,
    /// The pasted request's method, when the paste names it: whether a repeat is safe depends on it.
    pub method: Option<Shown>,
}

impl RetryAdvice {
    /// What repeating the request risks, in one sentence: a GET or PUT can be repeated (RFC 9110
    /// §9.2.2), a POST or PATCH only if the server did not process it.
    pub fn repeat_note(&self) -> Shown {
        let idempotent =
            |m: &str| matches!(m, "GET" | "HEAD" | "OPTIONS" | "TRACE" | "PUT" | "DELETE");
        match &self.method {
            _ if self.safe_for_non_idempotent => Shown::from(
                "Repeating a POST or PATCH is safe here: the server did not process the request.",
            ),
            Some(m) if idempotent(m.as_str()) => shown!(
                "{} is idempotent: repeating it cannot apply it twice.",
                m.clone()
            ),
            Some(m) => shown!(
                "Careful: the server may already have processed this {}; use an idempotency key or check before repeating it.",
                m.clone()
            ),
            None => Shown::from(
                "Careful with POST or PATCH: the server may already have processed the request; use an idempotency key or check before repeating.",
            ),
        }
    }

    /// The advice's first sentence ("Wait 2 min (until 09:23:07 UTC), then retry."), for a compact
    /// answer: up to the first full stop followed by a space and a capital letter. The advice is our
    /// own words, whose sentences always end that way.
    pub fn lead(&self) -> &str {
        let text = self.advice.as_str();
        let bytes = text.as_bytes();
        text.match_indices(". ")
            .find(|(i, _)| bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase))
            .map_or(text, |(i, _)| &text[..=i])
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestId {
    /// The header or body field it came from.
    pub name: Shown,
    pub value: Shown,
}

/// The request as the paste showed it (masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RequestSummary {
    pub method: Option<Shown>,
    pub url: Option<Shown>,
}

/// Another failing entry of a HAR file or log (masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OtherRequest {
    pub method: Shown,
    pub url: Shown,
    pub status: u16,
}

/// One request of a paste that holds many (a HAR file), as the table of requests shows it (masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestRow {
    /// Its position among the paste's requests; `diagnose(text, { exchange: index })` diagnoses it.
    pub index: usize,
    pub method: Shown,
    pub host: Shown,
    /// The path and query.
    pub path: Shown,
    /// `null` when no HTTP response came back (blocked, cancelled, failed).
    pub status: Option<u16>,
    pub time_ms: Option<u32>,
    pub failed: bool,
    /// What happened, in one line: the diagnosis's verdict for a failed request, the status
    /// phrase for the others.
    pub line: Shown,
}

/// Everything the troubleshooter says about one paste.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// The HTTP status, or `None` when the paste holds no HTTP status (network errors, bad input).
    pub code: Option<u16>,
    /// The catalog entry for the code (or the honest class fallback).
    pub status: Option<Status>,
    /// The reason phrase the server sent, when it is not the registered one.
    pub reason_sent: Option<Shown>,
    pub input_kind: InputKind,
    /// "429 Too Many Requests", or the name of the network problem.
    pub headline: Shown,
    /// One plain sentence.
    pub verdict: Shown,
    pub side: Side,
    /// Who produced the response, when headers or body tell (Cloudflare, nginx, AWS API Gateway…).
    pub answered_by: Option<Shown>,
    /// The server's own error message, quoted.
    pub server_message: Option<Shown>,
    pub findings: Vec<Finding>,
    /// What to do, specific steps first, then the catalog's steps for the code.
    pub steps: Vec<Shown>,
    pub retry: RetryAdvice,
    pub request_ids: Vec<RequestId>,
    pub request: Option<RequestSummary>,
    /// Other failing entries of a HAR file or log.
    pub others: Vec<OtherRequest>,
    /// Every request of a HAR file, in order (empty for a paste of one exchange).
    pub exchanges: Vec<RequestRow>,
    /// "3 of 212 requests failed: 2 × 429 from api.example.com, 1 × 502 from …".
    pub exchanges_summary: Option<Shown>,
    /// Which of `exchanges` this diagnosis is about.
    pub selected_exchange: Option<usize>,
    /// A report that covers every failed request (when more than one failed), secrets masked.
    pub report_all: Option<Shown>,
    /// The client library, runtime, CLI or browser that produced the paste, when it shows.
    pub client: Option<&'static str>,
    /// A plain-text (Markdown) summary to send to support, secrets masked.
    pub report: Shown,
    /// The knowledge entries that matched this paste (for the test that every entry is exercised).
    #[serde(skip)]
    pub matched_entries: Vec<&'static str>,
}

/// What the rules found, before it is assembled into a [`Diagnosis`].
#[derive(Default)]
pub(crate) struct Notes {
    findings: Vec<Finding>,
    steps: Vec<Shown>,
    /// Candidate verdicts with their precedence and the steps of the entry behind them; the
    /// strongest wins, and its steps lead.
    verdicts: Vec<Candidate>,
    side: Option<(Precedence, Side)>,
    /// A status found in the body when the paste had no status line.
    code_hint: Option<(u16, Evidence)>,
    server_message: Option<Shown>,
    answered_by: Option<Shown>,
    retry_after: Option<Wait>,
    retry_policy: Option<RetryPolicy>,
    request_ids: Vec<RequestId>,
    /// Knowledge entries that matched.
    matched: Vec<&'static str>,
    /// Steps of the evidence that settled the cause: catalog steps are then left out.
    cause_settled: bool,
    /// The status a matched entry documents for the words it recognised, and that entry.
    documented_status: Option<(u16, &'static str)>,
    /// The wait the server named was over at the moment of diagnosis.
    wait_over: bool,
    /// The failure proves the request never reached the server (mixed content, a refused connect):
    /// repeating it is safe whatever its method.
    never_sent: bool,
    /// A wait named in the error body (where, the value, its unit), for the retry rules.
    retry_hint: Option<(Evidence, String, crate::knowledge::Unit)>,
    /// The findings knowledge entries made (their index in `findings`), and whether the entry was a
    /// product's own words (a `[[page]]` that is not a fallback) rather than a code or a fallback.
    entry_findings: Vec<(usize, bool)>,
}

/// A verdict a rule or entry proposed.
struct Candidate {
    precedence: Precedence,
    verdict: Shown,
    /// The steps of the entry behind it, which lead when it wins.
    steps: Vec<Shown>,
    /// The finding made with it (its index in `Notes::findings`), which leads the findings when it wins.
    finding: Option<usize>,
    /// Proposed by a product's own words (a `[[page]]` that is not a fallback): among equals it beats
    /// a code or a rule, which say less (DynamoDB's "check if you have a hot key" over AWS's
    /// generic ThrottlingException, OpenAI's "Incorrect API key provided: ." over invalid_api_key).
    words: bool,
}

/// A wait the server asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Wait {
    pub seconds: Option<u64>,
    pub at_unix: Option<i64>,
}

impl Notes {
    pub(crate) fn add(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        title: impl Into<Shown>,
        detail: impl Into<Shown>,
        evidence: Vec<Evidence>,
    ) {
        // Pieces of the paste in a finding's text are masked where they are quoted: the `Shown` type
        // admits nothing else (fuzzing once found a reason phrase that reached the page unmasked).
        self.add_at(kind, severity, title.into(), detail.into(), evidence, false);
    }

    /// [`Notes::add`], returning where the finding is (a new one, or the same one found earlier).
    fn add_at(
        &mut self,
        kind: FindingKind,
        severity: Severity,
        title: Shown,
        detail: Shown,
        evidence: Vec<Evidence>,
        same_title_is_same: bool,
    ) -> usize {
        // Two rules that find the same thing (a token rejected in the body and in WWW-Authenticate,
        // one saying a little more) make one finding with both pieces of evidence. Two knowledge
        // entries with one kind and title (a vendor's code read in the body and in a header, or its
        // page and its code) are one finding too, whatever their details say.
        if let Some(at) = self.findings.iter().position(|f| {
            f.kind == kind
                && f.title == title
                && (same_title_is_same
                    || f.detail.starts_with(detail.as_str())
                    || detail.starts_with(f.detail.as_str()))
        }) {
            let same = &mut self.findings[at];
            if detail.len() > same.detail.len() {
                same.detail = detail;
            }
            for e in evidence {
                if !same.evidence.contains(&e) {
                    same.evidence.push(e);
                }
            }
            return at;
        }
        self.findings.push(Finding {
            kind,
            severity,
            title,
            detail,
            evidence,
        });
        self.findings.len() - 1
    }

    pub(crate) fn step(&mut self, step: impl Into<Shown>) {
        let step = step.into();
        if !self.steps.contains(&step) {
            self.steps.push(step);
        }
    }

    pub(crate) fn verdict(&mut self, precedence: Precedence, verdict: impl Into<Shown>) {
        self.verdicts.push(Candidate {
            precedence,
            verdict: verdict.into(),
            steps: Vec::new(),
            finding: None,
            words: false,
        });
    }

    /// A verdict that settles the cause, with the finding that states it (which then leads the
    /// findings) and the steps that lead when it wins.
    fn settle(
        &mut self,
        finding: usize,
        precedence: Precedence,
        verdict: Shown,
        steps: Vec<Shown>,
        words: bool,
    ) {
        for step in &steps {
            self.step(step.clone());
        }
        self.verdicts.push(Candidate {
            precedence,
            verdict,
            steps,
            finding: Some(finding),
            words,
        });
        self.cause_settled = true;
    }

    pub(crate) fn side(&mut self, precedence: Precedence, side: Side) {
        if self.side.is_none_or(|(p, _)| precedence > p) {
            self.side = Some((precedence, side));
        }
    }

    /// Record what a knowledge entry means for this paste: its finding, and its verdict, side,
    /// retry policy, steps and implied status when it has them. `slots` fill the entry's texts.
    pub(crate) fn apply(
        &mut self,
        entry: &'static str,
        meaning: &Meaning,
        slots: &Slots,
        evidence: Vec<Evidence>,
    ) {
        self.matched(entry);
        let fill = |t: crate::knowledge::Prose| crate::knowledge::fill(t.get(), slots);
        let finding = self.add_at(
            meaning.kind,
            meaning.severity,
            fill(meaning.title),
            fill(meaning.detail),
            evidence.clone(),
            true,
        );
        let precedence = meaning.precedence.unwrap_or(Precedence::VendorCode);
        let words = crate::knowledge::page(entry).is_some_and(|p| !p.fallback);
        self.entry_findings.push((finding, words));
        if let Some(verdict) = meaning.verdict {
            self.settle(
                finding,
                precedence,
                fill(verdict),
                meaning.steps.iter().map(|s| fill(*s)).collect(),
                words,
            );
        }
        if let Some(side) = meaning.side {
            self.side(precedence, side);
        }
        if let Some(retry) = meaning.retry {
            self.retry_policy = Some(retry);
        }
        for step in meaning.steps {
            self.step(fill(*step));
        }
        if let (Some(code), Some(first)) = (meaning.status, evidence.first()) {
            self.code_hint(code, first.clone());
            if self.documented_status.is_none() {
                self.documented_status = Some((code, entry));
            }
        }
    }

    /// Whether a finding of this kind was already made.
    pub(crate) fn has(&self, kind: FindingKind) -> bool {
        self.findings.iter().any(|f| f.kind == kind)
    }

    /// Whether a knowledge entry (or format) with this id already matched.
    pub(crate) fn matched_entry(&self, id: &str) -> bool {
        self.matched.contains(&id)
    }

    pub(crate) fn matched(&mut self, entry: &'static str) {
        if !self.matched.contains(&entry) {
            self.matched.push(entry);
        }
    }

    pub(crate) fn server_message(&mut self, message: &str) {
        if self.server_message.is_none() && !message.trim().is_empty() {
            self.server_message = Some(quote(redact::mask(message)));
        }
    }

    pub(crate) fn answered_by(&mut self, who: &'static str) {
        if self.answered_by.is_none() {
            self.answered_by = Some(Shown::from(who));
        }
    }

    pub(crate) fn code_hint(&mut self, code: u16, evidence: Evidence) {
        if self.code_hint.is_none() && (100..=999).contains(&code) {
            self.code_hint = Some((code, evidence));
        }
    }

    pub(crate) fn request_id(&mut self, name: &str, value: &str) {
        let value = quote(redact::mask(value));
        // The same id often appears twice: in a header and in the body, or as cf-ray "…-AMS" and as
        // the page's "Ray ID". List it once.
        let seen = |r: &RequestId| {
            r.value == value
                || (value.len() >= 8
                    && (r.value.starts_with(value.as_str()) || value.starts_with(r.value.as_str())))
        };
        if !value.is_empty() && !self.request_ids.iter().any(seen) {
            self.request_ids.push(RequestId {
                name: redact::mask(name),
                value,
            });
        }
    }
}

/// What the rules may know about the moment of diagnosis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    /// The current time in Unix seconds, if the caller knows it (the browser does; tests fix it).
    pub now: Option<i64>,
}

/// The crate's version, printed in every report so support knows which release answered.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Unpacks what the diagnosis reads and shows (the knowledge's tables and prose) ahead of the first
/// paste, so that paste does not wait for them. Calling it is never needed: the first diagnosis
/// does it otherwise.
pub fn prepare() {
    crate::knowledge::prepare();
}

/// Diagnose a paste with no knowledge of the current time (times are computed from the response's
/// own `Date` header when it has one).
pub fn diagnose(text: &str) -> Diagnosis {
    diagnose_at(text, Clock::default())
}

/// Diagnose a paste, using `clock.now` for countdowns when the response has no `Date` header.
pub fn diagnose_at(text: &str, clock: Clock) -> Diagnosis {
    diagnose_limited(text, clock, MAX_INPUT)
}

/// The most of a paste [`diagnose`] reads (bytes). Far more than any response a person pastes, and
/// small enough that a wasm module never runs out of memory on a runaway input.
pub const MAX_INPUT: usize = 32_000_000;

/// Diagnose at most the first `limit` bytes of a paste. A longer paste is cut at a character
/// boundary, and the diagnosis says how much was read and what that leaves out.
pub fn diagnose_limited(text: &str, clock: Clock, limit: usize) -> Diagnosis {
    diagnose_cut(text, clock, limit, None)
}

/// [`diagnose_limited`] for request `index` of a paste that holds many (a HAR file).
pub fn diagnose_request_limited(text: &str, clock: Clock, limit: usize, index: usize) -> Diagnosis {
    diagnose_cut(text, clock, limit, Some(index))
}

fn diagnose_cut(text: &str, clock: Clock, limit: usize, index: Option<usize>) -> Diagnosis {
    let read = |text: &str| match index {
        Some(i) => paste::read_request(text, i),
        None => paste::read(text),
    };
    if text.len() <= limit {
        return diagnose_exchange(&read(text), clock);
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut exchange = read(&text[..end]);
    // A JSON body that stops at the cut stops because of the cut: the note below says so, and a
    // second warning that "the paste was cut off" would only confuse.
    if let Some(body) = exchange.body.as_mut() {
        if body
            .json_error
            .as_deref()
            .is_some_and(|e| e.starts_with(crate::paste::body::JSON_CUT_OFF))
        {
            let note = body.note();
            exchange.notes.retain(|n| Some(n) != note.as_ref());
            body.json_error = None;
        }
    }
    exchange.notes.insert(
        0,
        shown!(
            "This paste is {} long; only its first {} were read, so anything after that (later \
             entries of a HAR file, the end of a body) is not in this diagnosis. To diagnose a later \
             request, paste just that response, or export a HAR file with fewer requests.",
            megabytes(text.len()),
            megabytes(end),
        ),
    );
    diagnose_exchange(&exchange, clock)
}

/// `12.3 MB` (decimal megabytes, one digit after the point; no floating point).
pub fn megabytes(bytes: usize) -> Shown {
    let tenths = bytes.div_ceil(100_000);
    shown!("{}.{} MB", tenths / 10, tenths % 10)
}

/// Diagnose an already-read [`Exchange`].
pub fn diagnose_exchange(exchange: &Exchange, clock: Clock) -> Diagnosis {
    let mut notes = Notes::default();
    for entry in &exchange.entries {
        notes.matched(entry);
    }
    for note in &exchange.notes {
        notes.add(
            FindingKind::PasteNote,
            Severity::Info,
            "About the paste",
            note.clone(),
            Vec::new(),
        );
    }
    if let Some(client) = &exchange.client {
        notes.matched(client.id);
        let language = crate::knowledge::client(client.id)
            .and_then(|c| c.language)
            .map(|l| shown!(" ({})", l))
            .unwrap_or_default();
        notes.add(
            FindingKind::ClientLibrary,
            Severity::Info,
            shown!("Reported by {}{}", client.name, language),
            "This is how that client reports the failure; its own documentation explains the error's fields and options (timeouts, retries, certificates).",
            vec![Evidence::of(EvidenceSource::Paste, client.name, &client.message)],
        );
        // A vendor code the tool printed instead of a status: its meaning (and status) is knowledge.
        if let Some(printed) = &client.code {
            let slots = crate::knowledge::Slots {
                code: Some(redact::mask(&printed.value)),
                message: None,
                name: Some(client.name),
                status: exchange.code(),
                host: None,
            };
            notes.apply(
                printed.entry.id,
                &printed.entry.meaning,
                &slots,
                vec![Evidence::of(
                    EvidenceSource::Paste,
                    client.name,
                    &printed.line,
                )],
            );
        }
    }
    // A failure explains the paste even when a status was printed beside it (the preflight's 404,
    // the proxy's 407): the status is what the failing step got.
    if let Some(error) = &exchange.network_error {
        network::explain(error, exchange, &mut notes);
    }
    bodies::read(exchange, &mut notes);
    fingerprint::error_headers(exchange, &mut notes);
    fingerprint::log_line(exchange, &mut notes);
    bodies::codes_in_text(exchange, &mut notes);
    fingerprint::pages(exchange, &mut notes);
    let mut code = exchange
        .code()
        .or_else(|| notes.code_hint.as_ref().map(|(c, _)| *c));
    // The status an entry documents for the words it recognised wins over a weaker reading: a status
    // read only from a reason word ("Forbidden - a valid x-typesense-api-key header must be sent":
    // Typesense's 401), or a request log's success beside an error line (nginx's "client intended
    // to send too large body" under PeerTube's access lines with 200).
    let request_log = exchange.kind == InputKind::AccessLog
        || exchange
            .entries
            .iter()
            .any(|id| crate::knowledge::is_request_log_wording(id));
    if let (Some(read), Some((documented, entry))) = (code, notes.documented_status) {
        let why = if exchange.status_from_phrase && documented != read {
            Some(("this message", shown!(
                "The paste names no number; the word that reads as {} is part of the message, and the entry that recognised the message ({}) documents {}.",
                read, entry, documented,
            )))
        } else if documented != read && crate::knowledge::page(entry).is_some_and(|p| p.status_wins)
        {
            Some(("these words", shown!(
                "The paste also names {}, but the entry that recognised it ({}) documents {} as the status that matters: the {} is an inner call's, or a program's wrapping around the answer.",
                read, entry, documented, read,
            )))
        } else if request_log && read < 400 && documented >= 400 {
            Some(("the error line", shown!(
                "The request-log lines in the paste did not fail ({}); the error line that {} recognised is answered with {}.",
                read, entry, documented,
            )))
        } else {
            None
        };
        if let Some((what, detail)) = why {
            code = Some(documented);
            notes.add(
                FindingKind::StatusFromBody,
                Severity::Info,
                shown!("Status {} is the one documented for {}", documented, what),
                detail,
                Vec::new(),
            );
        }
    }
    // Words an entry knows as another protocol's reply (a mailer's "response: '550 The from address
    // …'") make the number read beside them that protocol's code: there is no HTTP status. Only a
    // number read from a sentence; a status line is HTTP's own.
    let sentence = matches!(
        exchange.kind,
        InputKind::Message
            | InputKind::ClientError
            | InputKind::ReasonLine
            | InputKind::Unrecognised
    );
    if let Some((read, protocol)) = code.filter(|_| sentence).zip(
        notes
            .matched
            .iter()
            .find_map(|id| crate::knowledge::page(id).and_then(|p| p.protocol)),
    ) {
        code = None;
        notes.add(
            FindingKind::NotHttpStatus,
            Severity::Info,
            shown!("{} is {}'s reply code, not an HTTP status", read, protocol),
            shown!(
                "The words beside it are what the {} server replied: this did not go over HTTP, so HTTP's status codes do not apply to {}.",
                protocol, read,
            ),
            Vec::new(),
        );
    }
    // Words a library raises itself (MSAL.js's interaction_in_progress, a cached token that could not
    // be refreshed) got no HTTP answer: a number read beside them is not a status, and the visitor
    // learns that the server has nothing to show for it.
    let local = notes
        .matched
        .iter()
        .any(|id| crate::knowledge::page(id).is_some_and(|p| p.local));
    if local && (exchange.code().is_none() || sentence) {
        code = None;
        notes.never_sent = true;
        notes.add(
            FindingKind::RaisedLocally,
            Severity::Info,
            shown!("No HTTP response: the client library raised this itself"),
            shown!(
                "These words are the library's own: it stopped before sending a request, or without one being answered, so there is no HTTP status and the server's logs have nothing to show. The fix is in the app's code or its configuration."
            ),
            Vec::new(),
        );
    }
    if !local && exchange.code().is_none() {
        if let Some((code, evidence)) = notes.code_hint.clone() {
            // The number itself in the quoted words, or its phrase (an HTML title's "Forbidden"), or
            // a body's field, name it; a vendor code whose status an entry documents (WSO2's 900803
            // is 429, "pull access denied …" is Docker Hub's 401) does not.
            let says_phrase = catalog::lookup(code)
                .is_some_and(|s| bodies::is_phrase_of(s, evidence.value.as_str()));
            let documented = notes.documented_status.is_some_and(|(c, _)| c == code);
            let named = evidence.value.as_str().contains(&code.to_string())
                || says_phrase
                || (evidence.source != EvidenceSource::Paste && !documented);
            let (title, detail) = if named {
                (
                    shown!("Status {} taken from the {}", code, where_named(&evidence)),
                    shown!(
                        "The paste has no status line; the {} names the status the server meant.",
                        where_named(&evidence),
                    ),
                )
            } else {
                (
                    shown!("Status {} is the one these words come with", code),
                    shown!(
                        "The paste prints no status number; these words are what the server sends with {}, so {} is assumed.",
                        code,
                        code,
                    ),
                )
            };
            notes.add(
                FindingKind::StatusFromBody,
                Severity::Info,
                title,
                detail,
                vec![evidence],
            );
        }
    }
    let status = code.and_then(|c| catalog::explain(i64::from(c)).ok());
    if let Some(status) = &status {
        // A status read from a reason word has no status line whose phrase could be unusual.
        if !exchange.status_from_phrase {
            request::reason_phrase(exchange, status, &mut notes);
        }
        fingerprint::read(exchange, status, &mut notes);
        retry::read(exchange, status, clock, &mut notes);
        auth::read(exchange, status, clock, &mut notes);
        request::method_media_size(exchange, status, &mut notes);
        bodies::mismatches(exchange, status, &mut notes);
        if !status.known {
            notes.add(
                FindingKind::UnregisteredStatus,
                Severity::Warning,
                shown!("{} is not a registered status code", status.code),
                shown!(
                    "The catalog has no entry for {}; it is read by its class ({}). Check the API's own documentation for what this number means there.",
                    status.code,
                    status.class.range(),
                ),
                Vec::new(),
            );
        }
    }
    request_ids::read(exchange, &mut notes);
    let mut diagnosis = assemble(exchange, code, status, notes);
    if !exchange.rows.is_empty() {
        requests::table(&mut diagnosis, exchange, clock);
    }
    diagnosis
}

fn assemble(
    exchange: &Exchange,
    code: Option<u16>,
    status: Option<Status>,
    mut notes: Notes,
) -> Diagnosis {
    let winner = notes
        .verdicts
        .iter()
        .enumerate()
        // Highest priority wins; among equals, a product's own words, then the first added.
        .max_by_key(|(i, c)| (c.precedence, c.words, std::cmp::Reverse(*i)))
        .map(|(_, w)| w);
    let headline = match (&status, &exchange.network_error) {
        (Some(s), _) => shown!("{} {}", s.code, s.phrase),
        (None, Some(e)) => Shown::from(e.headline.map_or(e.kind.headline(), |h| h.get())),
        (None, None) if exchange.kind == InputKind::Empty => Shown::from("Nothing pasted yet"),
        // No status, but an entry recognised the problem (a service worker script served as HTML):
        // its title says more than "No HTTP status found". The finding behind the verdict first
        // (Auth0's unknown audience, not the generic "API error access_denied" read before it).
        (None, None) => winner
            .and_then(|c| c.finding)
            .and_then(|i| notes.findings.get(i))
            .filter(|f| f.severity == Severity::Problem)
            .or_else(|| {
                notes
                    .findings
                    .iter()
                    .find(|f| f.severity == Severity::Problem)
            })
            .map_or_else(|| Shown::from("No HTTP status found"), |f| f.title.clone()),
    };
    let side = notes
        .side
        .map(|(_, s)| s)
        .or(status.as_ref().map(|s| s.side))
        .unwrap_or(if exchange.network_error.is_some() {
            Side::Network
        } else {
            Side::Either
        });

    let mut steps = std::mem::take(&mut notes.steps);
    // Nothing named a status or a failure, but the paste is an error in its own words: quote them
    // and say how to get further, instead of leaving the visitor with "nothing found".
    let own_quote = (winner.is_none()
        && status.is_none()
        && exchange.network_error.is_none()
        && steps.is_empty())
    .then(|| own_words(exchange))
    .flatten();
    let verdict = match (winner, &own_quote) {
        (Some(c), _) => c.verdict.clone(),
        (None, Some(words)) => shown!(
            "No HTTP status, and no failure this troubleshooter knows, is in the paste. The error says: “{}”",
            words,
        ),
        (None, None) => default_verdict(exchange, status.as_ref()),
    };
    if own_quote.is_some() {
        for step in OWN_WORDS_STEPS {
            steps.push(Shown::from(step));
        }
    }
    // The steps of the entry whose verdict won come first: a weaker entry that matched earlier (a
    // tool's generic code) must not lead with advice the verdict has overruled.
    if let Some(own) = winner.map(|c| &c.steps) {
        let (mut first, rest): (Vec<Shown>, Vec<Shown>) =
            steps.into_iter().partition(|s| own.contains(s));
        first.sort_by_key(|s| own.iter().position(|o| o == s));
        first.extend(rest);
        steps = first;
    }
    // When the evidence settled the cause, its steps are the answer: the catalog's general steps for
    // the code would contradict it (a 403 that is a rate limit needs no new permission).
    let settled = notes.cause_settled && !steps.is_empty();
    if let Some(status) = status.as_ref().filter(|_| !settled) {
        // No entry knows this error, but the server said in its own words what went wrong: those
        // words lead the steps, in place of the catalog's "read the response body" (it was read).
        // A page's title is often the site's name, not a message: only an API's or a text body's.
        let page = exchange
            .body
            .as_ref()
            .is_some_and(|b| b.media == paste::MediaKind::Html);
        // A message pasted alone (Zendesk's `"Forbidden", "message": "You do not have access…"`)
        // is the server's words too, though no body was quoted.
        // Its words, not a person's sentence, a command or a traceback's header around them.
        let pasted = (exchange.kind == InputKind::Message && !holds_response_body(exchange))
            .then(|| own_words(exchange))
            .flatten()
            .map(quote);
        let mut lead = notes
            .server_message
            .as_ref()
            .or(pasted.as_ref())
            .filter(|_| !page)
            .and_then(|m| message_step(m, status));
        for step in status.caller_steps {
            // "Read the response body: …", a 409's "Read the body: it usually says which value…".
            if step.starts_with("Read the response body") || step.starts_with("Read the body: ") {
                if let Some(lead) = lead.take() {
                    steps.push(lead);
                    continue;
                }
                // A CLI's line, an exception or a log line carries no body to read: say how to get it.
                if !holds_response_body(exchange) {
                    steps.push(get_the_body(step));
                    continue;
                }
            }
            if !steps.iter().any(|s| s == step) {
                steps.push(Shown::from(*step));
            }
        }
        // A status whose steps do not start from the body (a 503's "retry later", a 401's new
        // token): the message comes after them.
        if let Some(lead) = lead {
            steps.push(lead);
        }
    }

    let retry = retry::advice(status.as_ref(), &notes, exchange);

    // Numbered as the rules made them: the winning verdict names its finding by that number.
    let mut findings: Vec<(usize, Finding)> = std::mem::take(&mut notes.findings)
        .into_iter()
        .enumerate()
        .collect();
    // One error told twice: when a product's own words won the verdict, a code's or a fallback's
    // finding of the same kind beside it says the same less exactly, or names causes the words
    // ruled out (Cloudflare's code table under its tunnel JSON page; Stripe's resource_missing
    // under "No such customer: '5'", which is no Stripe id at all). The words' finding stays.
    if let Some(lead) = winner.filter(|c| c.words).and_then(|c| c.finding) {
        let kind = findings
            .iter()
            .find(|(i, _)| *i == lead)
            .map(|(_, f)| f.kind);
        let only_generic = |i: usize| {
            notes.entry_findings.contains(&(i, false)) && !notes.entry_findings.contains(&(i, true))
        };
        findings.retain(|(i, f)| *i == lead || Some(f.kind) != kind || !only_generic(*i));
    }
    // "No known error message was found" is wrong once knowledge explained the paste.
    if findings
        .iter()
        .any(|(_, f)| f.kind != FindingKind::PasteNote && f.severity != Severity::Info)
    {
        findings.retain(|(_, f)| {
            f.kind != FindingKind::PasteNote || f.detail.as_str() != crate::paste::UNRECOGNISED
        });
    }
    // Problems first, then warnings, then context; within each the finding behind the verdict
    // first (OKX's clock-skew message before the generic "API error 50102" card), then the rules'
    // order. A failure to read the response that something else explained (Tiingo's notice beside
    // JSONDecodeError) comes after the finding that explains it.
    let unread = exchange
        .network_error
        .as_ref()
        .filter(|e| e.response_received() && e.verdict.is_none())
        .filter(|_| winner.is_some_and(|c| c.precedence > Precedence::UnreadResponse))
        .map(|e| e.kind.explanation().finding);
    let lead = winner.and_then(|c| c.finding);
    findings.sort_by_key(|(i, f)| (f.severity, lead != Some(*i), unread == Some(f.kind)));
    let mut findings: Vec<Finding> = findings.into_iter().map(|(_, f)| f).collect();
    // A quote is shown once, under the first finding that uses it: a log line that names the status,
    // the cause and who wrote it is not pasted back three times.
    // The same pasted line under two labels ("client library", "the failure") is the same quote; a
    // header's value is not (two headers may both say "0").
    let mut quoted: Vec<Evidence> = Vec::new();
    for finding in &mut findings {
        finding.evidence.retain(|e| {
            let seen = quoted.iter().any(|q| {
                q == e
                    || (e.source != EvidenceSource::Header
                        && q.source != EvidenceSource::Header
                        && q.value == e.value)
            });
            if !seen {
                quoted.push(e.clone());
            }
            !seen
        });
    }

    let request = exchange.request.as_ref().map(|r| RequestSummary {
        method: r.method.as_deref().map(redact::mask),
        url: r.target.as_deref().map(redact::mask),
    });
    let others = exchange
        .others
        .iter()
        .map(|o| OtherRequest {
            method: redact::mask(&o.method),
            url: redact::mask(&o.url),
            status: o.status,
        })
        .collect();
    let reason_sent = exchange
        .status
        .as_ref()
        .and_then(|s| s.reason.clone())
        // Without an HTTP status (a library's own error: LiteLLM's "BadRequestError"; another
        // protocol's reply) no server gave it a reason phrase.
        .filter(|_| code.is_some())
        .filter(|r| {
            status.as_ref().is_none_or(|s| {
                !s.known || catalog::normalise_phrase(r) != catalog::normalise_phrase(s.phrase)
            })
        })
        .map(|r| redact::mask(&r));

    let mut diagnosis = Diagnosis {
        code,
        status,
        reason_sent,
        input_kind: exchange.kind,
        headline,
        verdict,
        side,
        answered_by: notes.answered_by.take(),
        // A paste read as an error's own words is not a server's answer: its first line ("Unhandled
        // Rejection at: Promise {") is not shown as what the server said.
        server_message: notes.server_message.take().filter(|_| own_quote.is_none()),
        findings,
        steps,
        retry,
        request_ids: std::mem::take(&mut notes.request_ids),
        request,
        others,
        exchanges: Vec::new(),
        exchanges_summary: None,
        selected_exchange: exchange.chosen,
        report_all: None,
        client: exchange.client.as_ref().map(|c| c.name),
        report: Shown::default(),
        matched_entries: std::mem::take(&mut notes.matched),
    };
    diagnosis.report = report::write(&diagnosis, exchange);
    diagnosis
}

/// Diagnose request `index` of a paste that holds many (a HAR file); see [`paste::read_request`].
pub fn diagnose_request(text: &str, clock: Clock, index: usize) -> Diagnosis {
    diagnose_cut(text, clock, MAX_INPUT, Some(index))
}

fn default_verdict(exchange: &Exchange, status: Option<&Status>) -> Shown {
    match status {
        Some(s) if !s.known => shown!(
            "{} is not a registered status code; as a {} it means: {}",
            s.code,
            s.class.range(),
            lower_first(s.summary),
        ),
        Some(s) => Shown::from(s.summary),
        None => match exchange.kind {
            InputKind::Empty => Shown::from("Paste a status code, a response, curl output, a HAR file or an error message."),
            InputKind::BareCode => exchange
                .notes
                .first()
                .cloned()
                .unwrap_or_else(|| Shown::from("That number is not an HTTP status code.")),
            _ => Shown::from("Could not find an HTTP status or a known network error in this paste. Paste the status line, the response headers or the full error message."),
        },
    }
}

/// What to do with an error that names no status and no failure anyone taught us: its own words,
/// then the status and body it hides, then the exact words in the tool's own tracker.
const OWN_WORDS_STEPS: [&str; 3] = [
    "Do what the error's own words ask when they name a setting, a key, a plan, a limit or a file: they come from the program that failed and are more exact than general advice.",
    "If it came from an HTTP call, get that call's status and body: run it again with curl -v (or the tool's verbose or debug option), or open DevTools > Network, select the failed request and read its Status and Response; paste those here.",
    "Search the exact words (without your ids, host names and keys) in the tool's or service's documentation and issue tracker.",
];

/// The error's own words in a paste nothing else explains: the text after an error label on the
/// first line that has one ("MedusaError: A valid publishable key is required…", "Fatal error: …",
/// "error: …"), or the one sentence of a short paste ("Requests from the browser are not allowed on
/// the Developer plan, except from localhost."). Words every failure uses say nothing: none then.
fn own_words(exchange: &Exchange) -> Option<Shown> {
    let text = exchange
        .body
        .as_ref()
        .filter(|b| b.media == paste::MediaKind::Text)
        .map(|b| b.text.as_str())
        .or(exchange.message_text.as_deref())?;
    fn says(words: &str) -> Option<&str> {
        let words = words.trim().trim_matches(['"', '\'', '`', '*']).trim();
        let count = words
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| w.chars().any(char::is_alphabetic))
            .filter(|w| !NOTHING_SAID.contains(&w.to_lowercase().as_str()))
            .count();
        (count >= 3).then_some(words)
    }
    // The tool's own lines (git's "fatal: The remote end hung up unexpectedly") are its report,
    // not the server's words.
    let own = exchange
        .client
        .as_ref()
        .and_then(|c| crate::knowledge::client(c.id))
        .map_or(&[][..], |c| c.own_lines);
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim().trim_start_matches(['>', '-', '#', ' ']).trim())
        .filter(|l| !l.is_empty() && !own.iter().any(|o| l.starts_with(o)))
        .take(200)
        .collect();
    // A fragment of a JSON body (`"Forbidden", "message": "You do not have access…"`): the words are
    // the message field's value, not the fragment's quotes and keys.
    let field = lines.iter().find_map(|line| {
        let at = line.find("\"message\":")?;
        let rest = line[at + "\"message\":".len()..]
            .trim_start()
            .strip_prefix('"')?;
        says(&rest[..rest.find('"')?])
    });
    let labelled = field.or_else(|| {
        lines.iter().enumerate().find_map(|(i, line)| {
            let rest = after_error_label(line)?;
            // A label on a line of its own ("Net::HTTP::Persistent::Error:"): the words are on the next.
            match rest.trim() {
                "" => says(lines.get(i + 1)?),
                rest => says(rest),
            }
        })
    });
    let words = labelled.or_else(|| {
        // A short paste of plain words: its first sentence is the message. Not a command, code or a
        // shell prompt ("root@host:/# nomad status", "response = HTTPoison.post(…)"), nor the rest of
        // a tool's own output (git's "Writing objects: …").
        // The writer's lead-in ("I get this error:") is not the message either.
        (lines.len() <= 3 && own.is_empty())
            .then(|| lines.iter().find(|l| !lead_in(l)))
            .flatten()
            .map(|l| l.trim_matches(['"', '\'', '`']))
            .filter(|l| {
                let code = l.contains(['{', '=']) || l.contains("$ ") || l.contains("# ");
                let call = l
                    .as_bytes()
                    .windows(2)
                    .any(|w| w[1] == b'(' && (w[0].is_ascii_alphanumeric() || w[0] == b'_'));
                l.starts_with(|c: char| c.is_uppercase()) && l.contains(' ') && !code && !call
            })
            .and_then(says)
    })?;
    // Masked whole, then cut: a secret is never half shown.
    Some(redact::mask(words).shortened(300))
}

/// The writer's own label above what they pasted ("I get this error:", "Response:"): a short line
/// ending in a colon, never the server's or the program's words.
pub(super) fn lead_in(line: &str) -> bool {
    line.len() <= 60 && line.ends_with(':')
}

/// The words after an error's label in a line: "MedusaError: …", "error:   …", "Fatal error: …",
/// "Error querying jobs: …", "…: Error: could not establish pc connection", with nested exception
/// names stripped ("ExecutionException: org.eclipse.jetty.client.HttpResponseException: HTTP
/// protocol violation: …" gives "HTTP protocol violation: …").
fn after_error_label(line: &str) -> Option<&str> {
    let is_label = |label: &str| {
        let word = label
            .rsplit(|c: char| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '.' | '\\' | '/' | '(' | '[' | '|' | '`' | '"' | '\'' | ':'
                    )
            })
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let words = label.split_whitespace().count();
        let first = label
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        (word.ends_with("error")
            || word.ends_with("exception")
            || word.ends_with("fault")
            || matches!(word.as_str(), "fatal" | "failed" | "err"))
            || (matches!(first.as_str(), "error" | "fatal") && words <= 4)
    };
    let mut from = 0;
    let mut rest = None;
    while let Some(i) = line[from..].find(": ") {
        let at = from + i;
        if is_label(&line[..at]) && at <= 120 {
            rest = Some(&line[at + 2..]);
            break;
        }
        from = at + 2;
    }
    let mut rest = rest?.trim_start();
    // Nested labels: a short segment before the next ": " that is itself an error's name.
    while let Some((label, after)) = rest.split_once(": ") {
        if label.split_whitespace().count() <= 3 && label.len() <= 100 && is_label(label) {
            rest = after.trim_start();
        } else {
            break;
        }
    }
    Some(rest)
}

/// Words that every failure message uses: a message made of them says nothing ("Something went
/// wrong", "Traceback (most recent call last):", "An unexpected error occurred, please try again").
const NOTHING_SAID: [&str; 33] = [
    "error",
    "errors",
    "http",
    "status",
    "code",
    "the",
    "a",
    "an",
    "access",
    "denied",
    "something",
    "went",
    "wrong",
    "traceback",
    "most",
    "recent",
    "call",
    "last",
    "unknown",
    "unexpected",
    "occurred",
    "please",
    "try",
    "again",
    "later",
    "exception",
    "failed",
    "failure",
    "sorry",
    "oops",
    "has",
    "was",
    "is",
];

/// The step for an error no entry explains, from the server's own message, when that message says
/// more than the status does ("'1111111' is not a valid phone number", not "Bad Request"). It takes
/// the place of the catalog's "read the body" step, or follows the status's own steps.
fn message_step(message: &Shown, status: &Status) -> Option<Shown> {
    if status.code < 400 {
        return None;
    }
    // Words of any status's phrase ("Internal Server Error 502" on a 502 says nothing more), and
    // words every refusal uses.
    let phrase_word = |w: &str| {
        catalog::all().iter().any(|s| {
            s.phrase
                .split(|c: char| !c.is_alphanumeric())
                .any(|p| p.eq_ignore_ascii_case(w))
        })
    };
    let says: Vec<&str> = message
        .as_str()
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '_')
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
        .filter(|w| {
            let w = w.to_lowercase();
            !NOTHING_SAID.contains(&w.as_str()) && !phrase_word(&w)
        })
        .collect();
    // Two words besides the status's own are a message; CJK text has no spaces, so one run of its
    // letters counts too.
    let cjk = says.len() == 1 && says[0].chars().filter(|c| !c.is_ascii()).count() >= 4;
    if says.len() < 2 && !cjk {
        return None;
    }
    Some(if status.code < 500 {
        shown!(
            "Start from the server's own words, \u{201c}{}\u{201d}: they name what to change in the request (the API's docs for this error explain its terms). Fix that and send it again.",
            message.single_line(),
        )
    } else {
        shown!(
            "The server's own words, \u{201c}{}\u{201d}, say what failed: if they name something in your request, fix it; otherwise quote them, with any request id, to the API's support.",
            message.single_line(),
        )
    })
}

/// Said in place of the catalog's "Read the response body" when the paste has none to read.
const GET_THE_BODY: &str = "The paste holds no response body; get it by running the request again with curl -v (or the tool's verbose or debug option), or from the browser's DevTools (Network panel, Response tab)";

/// Whether the paste carries the server's body, or is of a kind where "read the body" is the right
/// advice as it stands: a response or curl output (an empty body there is what the server sent), a
/// body, an exception that quotes one (axios's `data: '…'`), a code typed alone (a lookup). A CLI's
/// line, a message, a log line, a status line or DevTools' headers without a body do not carry one.
fn holds_response_body(exchange: &Exchange) -> bool {
    match exchange.kind {
        InputKind::Message => exchange.body.as_ref().is_some_and(|body| {
            // The message kept as its own body when it quoted none.
            let copy = exchange
                .message_text
                .as_deref()
                .is_some_and(|m| !m.trim().is_empty() && body.text.trim().starts_with(m.trim()));
            !copy
        }),
        InputKind::ClientError
        | InputKind::AccessLog
        | InputKind::StatusLine
        | InputKind::DevtoolsHeaders
        | InputKind::Unrecognised => exchange.body.is_some(),
        _ => true,
    }
}

/// The step that takes the place of the catalog's "Read the response body: <why>" when the paste
/// holds none: how to get it, then the catalog's reason to read it ("it usually says whether the
/// problem is billing…").
fn get_the_body(catalog_step: &'static str) -> Shown {
    match catalog_step
        .split_once(": ")
        .map(|(_, why)| why.trim())
        .filter(|why| !why.is_empty())
    {
        Some(why) => shown!("{}: {}", GET_THE_BODY, why),
        None => shown!("{}.", GET_THE_BODY),
    }
}

/// Where a status without a status line came from, for the sentence that says so.
fn where_named(evidence: &Evidence) -> &'static str {
    match evidence.source {
        EvidenceSource::Body => "body",
        EvidenceSource::Header => "headers",
        _ => "pasted text",
    }
}

/// Lower-case the first letter so a sentence can continue after a colon, unless the first word is a
/// name ("Cloudflare's connection…", "AWS …", "nginx" is already lower case).
pub(crate) fn lower_first(text: impl Into<Shown>) -> Shown {
    let mut shown = text.into();
    let first_word = shown
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let is_name = first_word.chars().skip(1).any(char::is_uppercase)
        || catalog::names().contains(&first_word)
        || crate::knowledge::COMPONENTS
            .iter()
            .any(|c| c.name.split(|ch: char| !ch.is_alphanumeric()).next() == Some(first_word));
    if !is_name {
        shown.lower_first_letter();
    }
    shown
}
