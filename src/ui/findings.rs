//! Findings, each with the evidence (header, body field, line) it came from, shown as text.

use crate::diagnosis::{EvidenceSource, Finding, FindingKind, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub findings: Vec<Finding>,
    /// How many to show (the short answer shows the ones that decide the verdict).
    #[prop_or(usize::MAX)]
    pub shown: usize,
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    let headings = super::use_headings();
    if props.findings.is_empty() {
        return Html::default();
    }
    html! {
        <>
            <div class="ht-findings-heading">{ super::heading(headings, 1, None, html! { { "What the evidence shows" } }) }</div>
            <ul class="ht-findings">
                { for shown(&props.findings, props.shown).map(finding) }
            </ul>
        </>
    }
}

/// Problems first, then warnings, then notes (each group in the engine's order), so the short answer
/// keeps the findings that decide the verdict.
fn by_severity(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    let rank = |s: Severity| match s {
        Severity::Problem => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    };
    (0..3).flat_map(move |r| findings.iter().filter(move |f| rank(f.severity) == r))
}

/// The findings the answer shows: the first `n` by severity, and always the notes on how the paste
/// was read (a paste cut at the size limit): they say what the diagnosis rests on.
pub(crate) fn shown(findings: &[Finding], n: usize) -> impl Iterator<Item = &Finding> {
    by_severity(findings)
        .enumerate()
        .filter(move |(i, f)| *i < n || f.kind == FindingKind::PasteNote)
        .map(|(_, f)| f)
}

fn finding(f: &Finding) -> Html {
    let (key, label) = match f.severity {
        Severity::Problem => ("problem", "Problem"),
        Severity::Warning => ("warning", "Warning"),
        Severity::Info => ("info", "Note"),
    };
    html! {
        <li class="ht-finding" data-severity={key} data-kind={f.kind.as_str()}>
            <p class="ht-finding-title"><span class="ht-severity">{ label }</span>{ &f.title }</p>
            <p>{ &f.detail }</p>
            if !f.evidence.is_empty() {
                <ul class="ht-evidence" aria-label="Evidence">
                    { for f.evidence.iter().map(|e| html! {
                        <li>{ format!("{} ", source_label(e.source)) }<code>{ format!("{}: {}", e.name, e.value) }</code></li>
                    }) }
                </ul>
            }
        </li>
    }
}

fn source_label(source: EvidenceSource) -> &'static str {
    match source {
        EvidenceSource::StatusLine => "Status line",
        EvidenceSource::Header => "Header",
        EvidenceSource::Body => "Body",
        EvidenceSource::Request => "Request",
        EvidenceSource::Paste => "Pasted",
    }
}
