//! Findings, each with the evidence (header, body field, line) it came from, shown as text.

use crate::diagnosis::{EvidenceSource, Finding, Severity};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub findings: Vec<Finding>,
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    if props.findings.is_empty() {
        return Html::default();
    }
    html! {
        <>
            <h3>{ "What the evidence shows" }</h3>
            <ul class="ht-findings">
                { for props.findings.iter().map(finding) }
            </ul>
        </>
    }
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
