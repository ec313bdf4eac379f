//! The report for support: a short Markdown summary that keeps what support needs (status, request,
//! time, request ids, the server's message, the verdict and findings) and masks every secret.

use super::{redact, Diagnosis};
use crate::paste::Exchange;
use std::fmt::Write as _;

/// Response headers worth showing support (others are noise or secrets); the components' error and
/// report headers (`src/knowledge/answered_by/`) count too.
const USEFUL_HEADERS: [&str; 12] = [
    "date",
    "server",
    "via",
    "content-type",
    "retry-after",
    "www-authenticate",
    "proxy-authenticate",
    "location",
    "allow",
    "x-cache",
    "ratelimit",
    "x-ratelimit-remaining",
];

pub(super) fn write(d: &Diagnosis, exchange: &Exchange) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## HTTP error report");
    let _ = writeln!(out);
    let status = match (&d.code, &d.reason_sent) {
        (Some(_), Some(sent)) => format!("{} (sent as {})", d.headline, code(sent)),
        _ => d.headline.clone(),
    };
    let _ = writeln!(out, "- **Status:** {status}");
    if let Some(client) = &d.client {
        let _ = writeln!(out, "- **Client:** {client}");
    }
    if let Some(request) = &d.request {
        let line = [request.method.clone(), request.url.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        if !line.is_empty() {
            let _ = writeln!(out, "- **Request:** {}", code(&line));
        }
    }
    if let Some(date) = exchange.header("date") {
        let _ = writeln!(
            out,
            "- **Time (server Date):** {}",
            code(&redact::text(date))
        );
    }
    if let Some(who) = &d.answered_by {
        let _ = writeln!(out, "- **Answered by:** {who}");
    }
    if !d.request_ids.is_empty() {
        let ids: Vec<String> = d
            .request_ids
            .iter()
            .map(|r| format!("{}: {}", r.name, code(&r.value)))
            .collect();
        let _ = writeln!(out, "- **Request ids:** {}", ids.join(", "));
    }
    if let Some(message) = &d.server_message {
        let _ = writeln!(out, "- **Server message:** {}", code(message));
    }
    let _ = writeln!(out, "- **Diagnosis:** {}", d.verdict);
    if let Some(seconds) = d.retry.after_seconds {
        let at = d
            .retry
            .at
            .as_deref()
            .map(|a| format!(" (until {a})"))
            .unwrap_or_default();
        let _ = writeln!(out, "- **Server asked to wait:** {seconds} s{at}");
    }
    let problems: Vec<&super::Finding> = d
        .findings
        .iter()
        .filter(|f| f.severity != super::Severity::Info)
        .collect();
    if !problems.is_empty() {
        let _ = writeln!(out, "\n### Findings");
        for f in problems {
            let evidence: Vec<String> = f
                .evidence
                .iter()
                .map(|e| format!("{}: {}", e.name, code(&e.value)))
                .collect();
            let quoted = if evidence.is_empty() {
                String::new()
            } else {
                format!(" ({})", evidence.join("; "))
            };
            let _ = writeln!(out, "- {}{}", f.title, quoted);
        }
    }
    let headers: Vec<String> = exchange
        .headers
        .iter()
        .filter(|h| {
            let name = h.name.to_ascii_lowercase();
            USEFUL_HEADERS.contains(&name.as_str())
                || crate::knowledge::COMPONENTS.iter().any(|c| {
                    c.error_header == Some(name.as_str())
                        || c.report_headers.contains(&name.as_str())
                })
                || name.starts_with("x-ratelimit")
        })
        .map(|h| format!("{}: {}", h.name, redact::header_value(&h.name, &h.value)))
        .collect();
    if !headers.is_empty() {
        let fence = fence_for(&headers.join("\n"), 3);
        let _ = writeln!(out, "\n### Response headers (secrets masked)\n{fence}");
        for h in headers {
            let _ = writeln!(out, "{h}");
        }
        let _ = writeln!(out, "{fence}");
    }
    if !d.others.is_empty() {
        let _ = writeln!(out, "\n### Other failing requests");
        for o in &d.others {
            let request = format!("{} {}", o.method, o.url);
            let _ = writeln!(out, "- {} → {}", code(request.trim()), o.status);
        }
    }
    let _ = writeln!(
        out,
        "\n_Made with http-troubleshooter; secrets (tokens, cookies, keys) were masked._"
    );
    // A last pass: whatever slipped through the field-level masking is masked here.
    redact::text(&out)
}

/// A run of backticks longer than any in `text` (at least `min`), so quoted text cannot close it.
fn fence_for(text: &str, min: usize) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(min))
}

/// Text from the paste as a Markdown code span: a support tool that renders the report as Markdown
/// or HTML shows it literally, so pasted markup (`<img onerror=…>`) can never run there.
fn code(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    if text.is_empty() {
        return "(empty)".into();
    }
    let fence = fence_for(&text, 1);
    // A span that starts or ends with a backtick needs a space inside its fences.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}
