//! A paste with many requests (a HAR file): the table of requests, its summary line, and a report
//! that covers every failed request. Each failed request read in full gets its own diagnosis, whose
//! verdict is its line in the table.

use super::{diagnose_exchange, redact, report, Clock, Diagnosis, RequestRow, Shown};
use crate::catalog;
use crate::paste::{Exchange, Row};
use crate::shown;

fn status_words(status: u16) -> Shown {
    if status == 0 {
        return Shown::from("no response");
    }
    match catalog::lookup(status) {
        Some(s) => shown!("{} {}", status, s.phrase),
        None => shown!("{}", status),
    }
}

pub(super) fn table(d: &mut Diagnosis, exchange: &Exchange, clock: Clock) {
    let mut failed_reports: Vec<(Shown, Shown)> = Vec::new(); // (request, verdict)
    d.exchanges = exchange
        .rows
        .iter()
        .map(|row: &Row| {
            // One masking pass per request: a HAR can hold thousands.
            let method = redact::method(&row.method);
            let url = redact::mask(&row.url);
            let (host, path) = url.split_url();
            let line = if Some(row.index) == exchange.chosen {
                d.verdict.clone()
            } else if let Some(one) = &row.exchange {
                diagnose_exchange(one, clock).verdict
            } else {
                status_words(row.status)
            };
            if row.failed() {
                failed_reports.push((shown!("{} {}", method, url).trimmed(), line.clone()));
            }
            RequestRow {
                index: row.index,
                method,
                host,
                path,
                status: (row.status != 0).then_some(row.status),
                time_ms: row.time_ms,
                failed: row.failed(),
                line,
            }
        })
        .collect();
    d.exchanges_summary = Some(summary(&d.exchanges));
    if failed_reports.len() > 1 {
        d.report_all = Some(report_all(d, &failed_reports));
    }
}

/// "3 of 212 requests failed: 2 × 429 from api.example.com, 1 × no response from cdn.example.com".
fn summary(rows: &[RequestRow]) -> Shown {
    let failed: Vec<&RequestRow> = rows.iter().filter(|r| r.failed).collect();
    if failed.is_empty() {
        return shown!("None of the {} requests failed.", rows.len());
    }
    // Groups of the same status from the same host, largest first (then by first appearance).
    let mut groups: Vec<(Option<u16>, &Shown, usize)> = Vec::new();
    for r in &failed {
        match groups
            .iter_mut()
            .find(|(s, h, _)| *s == r.status && h.as_str() == r.host.as_str())
        {
            Some(group) => group.2 += 1,
            None => groups.push((r.status, &r.host, 1)),
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.2));
    let shown: Vec<Shown> = groups
        .iter()
        .take(4)
        .map(|(status, host, n)| {
            let what = status.map_or(Shown::from("no response"), |s| shown!("{}", s));
            let n = *n;
            if host.is_empty() {
                shown!("{} × {}", n, what)
            } else {
                shown!("{} × {} from {}", n, what, *host)
            }
        })
        .collect();
    let more = if groups.len() > 4 { ", …" } else { "" };
    shown!(
        "{} of {} requests failed: {}{}",
        failed.len(),
        rows.len(),
        Shown::join(&shown, ", "),
        more
    )
}

fn report_all(d: &Diagnosis, failed: &[(Shown, Shown)]) -> Shown {
    let mut out = Shown::from("## HTTP error report: every failed request\n\n");
    if let Some(summary) = &d.exchanges_summary {
        out.push(&shown!("{}\n\n", summary));
    }
    for (request, verdict) in failed {
        out.push(&shown!(
            "- {}: {}\n",
            report::code(request),
            verdict.single_line()
        ));
    }
    out.push(&shown!(
        "\n_Made with http-troubleshooter {}; secrets (tokens, cookies, keys) were masked._\n",
        super::VERSION
    ));
    out
}
