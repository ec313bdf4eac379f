//! The report for support: a short Markdown summary that keeps what support needs (status, request,
//! time, request ids, the server's message, the verdict and findings) and masks every secret.

use super::{redact, Diagnosis, Shown};
use crate::paste::Exchange;
use crate::shown;

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

pub(super) fn write(d: &Diagnosis, exchange: &Exchange) -> Shown {
    // Every piece is shown text (the diagnosis's own fields, or headers masked here): the report
    // needs no last pass over the whole, which would garble our own words.
    let mut out = Shown::from("## HTTP error report\n\n");
    let status = match (&d.code, &d.reason_sent) {
        (Some(_), Some(sent)) => shown!("{} (sent as {})", d.headline, code(sent)),
        _ => d.headline.clone(),
    };
    out.push(&shown!("- **Status:** {}\n", status));
    if let Some(client) = d.client {
        out.push(&shown!("- **Client:** {}\n", client));
    }
    if let Some(request) = &d.request {
        let parts: Vec<Shown> = [request.method.clone(), request.url.clone()]
            .into_iter()
            .flatten()
            .collect();
        let line = Shown::join(&parts, " ");
        if !line.is_empty() {
            out.push(&shown!("- **Request:** {}\n", code(&line)));
        }
    }
    if let Some(date) = exchange.header("date") {
        out.push(&shown!(
            "- **Time (server Date):** {}\n",
            code(&redact::mask(date))
        ));
    }
    if let Some(who) = &d.answered_by {
        out.push(&shown!("- **Answered by:** {}\n", who));
    }
    if !d.request_ids.is_empty() {
        let ids: Vec<Shown> = d
            .request_ids
            .iter()
            .map(|r| shown!("{}: {}", r.name, code(&r.value)))
            .collect();
        out.push(&shown!("- **Request ids:** {}\n", Shown::join(&ids, ", ")));
    }
    if let Some(message) = &d.server_message {
        out.push(&shown!("- **Server message:** {}\n", code(message)));
    }
    out.push(&shown!("- **Diagnosis:** {}\n", d.verdict));
    if let Some(seconds) = d.retry.after_seconds {
        let at = d
            .retry
            .at
            .as_ref()
            .map(|a| shown!(" (until {})", a))
            .unwrap_or_default();
        out.push(&shown!("- **Server asked to wait:** {} s{}\n", seconds, at));
    }
    let problems: Vec<&super::Finding> = d
        .findings
        .iter()
        .filter(|f| f.severity != super::Severity::Info)
        .collect();
    if !problems.is_empty() {
        out.push_ours("\n### Findings\n");
        for f in problems {
            let evidence: Vec<Shown> = f
                .evidence
                .iter()
                .map(|e| shown!("{}: {}", e.name, code(&e.value)))
                .collect();
            let quoted = if evidence.is_empty() {
                Shown::default()
            } else {
                shown!(" ({})", Shown::join(&evidence, "; "))
            };
            out.push(&shown!("- {}{}\n", f.title, quoted));
        }
    }
    let headers: Vec<Shown> = exchange
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
        .map(|h| {
            shown!(
                "{}: {}",
                redact::mask(&h.name),
                redact::mask_header(&h.name, &h.value)
            )
        })
        .collect();
    if !headers.is_empty() {
        let block = Shown::join(&headers, "\n");
        let fence = fence_for(&block, 3);
        out.push(&shown!(
            "\n### Response headers (secrets masked)\n{}\n{}\n{}\n",
            fence,
            block,
            fence
        ));
    }
    if !d.others.is_empty() {
        out.push_ours("\n### Other failing requests\n");
        for o in &d.others {
            let request = shown!("{} {}", o.method, o.url).trimmed();
            out.push(&shown!("- {} → {}\n", code(&request), o.status));
        }
    }
    out.push(&shown!(
        "\n_Made with http-troubleshooter {}; secrets (tokens, cookies, keys) were masked._\n",
        super::VERSION
    ));
    out
}

/// A run of backticks longer than any in `text` (at least `min`), so quoted text cannot close it.
fn fence_for(text: &str, min: usize) -> Shown {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let mut fence = Shown::default();
    for _ in 0..(longest + 1).max(min) {
        fence.push_ours("`");
    }
    fence
}

/// Text from the paste as a Markdown code span: a support tool that renders the report as Markdown
/// or HTML shows it literally, so pasted markup (`<img onerror=…>`) can never run there.
pub(super) fn code(text: &Shown) -> Shown {
    let text = text.single_line();
    if text.is_empty() {
        return Shown::from("(empty)");
    }
    let fence = fence_for(&text, 1);
    // A span that starts or ends with a backtick needs a space inside its fences.
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    shown!("{}{}{}{}{}", fence, pad, text, pad, fence)
}
