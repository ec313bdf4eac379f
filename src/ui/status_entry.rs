//! The catalog entry for the code: explanation, causes, steps for the API owner, headers that matter,
//! the steps that help with any API error, related codes (clickable) and the specification.

use crate::catalog::{Registration, Status};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatusEntryProps {
    pub status: Status,
    pub on_pick: Callback<u16>,
    #[prop_or(true)]
    pub open: bool,
}

#[component]
pub fn StatusEntry(props: &StatusEntryProps) -> Html {
    let headings = super::use_headings();
    let s = &props.status;
    let registration = match s.registration {
        Registration::Registered => "Registered with IANA".to_string(),
        Registration::Unused => "Registered with IANA as unused (reserved)".to_string(),
        Registration::Obsoleted => "Registered with IANA, now obsoleted".to_string(),
        Registration::Temporary => "Temporarily registered with IANA".to_string(),
        Registration::Unofficial => format!("Unofficial: used by {}", s.source.name),
        Registration::Unregistered => {
            "Not in the IANA registry and not a known vendor code".to_string()
        }
    };
    html! {
        <details class="ht-entry" open={props.open}>
            <summary>{ if s.known { format!("About {} {}", s.code, s.phrase) } else { format!("About {} (unregistered)", s.code) } }</summary>
            <p class="ht-meta">
                { registration }
                if !s.aliases.is_empty() {
                    { format!(" · Also called: {}", s.aliases.join(", ")) }
                }
            </p>
            <p>{ s.explanation }</p>
            { for s.also.iter().map(|m| html! {
                <p><strong>{ format!("Also used by {} as \u{201c}{}\u{201d}: ", m.source.name, m.phrase) }</strong>{ m.explanation }</p>
            }) }
            if !s.causes.is_empty() {
                { super::heading(headings, 2, None, html! { { "Common causes" } }) }
                <ul>{ for s.causes.iter().map(|c| html! { <li>{ *c }</li> }) }</ul>
            }
            if !s.owner_steps.is_empty() {
                { super::heading(headings, 2, None, html! { { "If you run the API" } }) }
                <ul>{ for s.owner_steps.iter().map(|c| html! { <li>{ *c }</li> }) }</ul>
            }
            if !s.headers.is_empty() {
                { super::heading(headings, 2, None, html! { { "Headers that matter" } }) }
                <table class="ht-headers">
                    <thead><tr><th scope="col">{ "Header" }</th><th scope="col">{ "What it tells you" }</th></tr></thead>
                    <tbody>
                        { for s.headers.iter().map(|h| html! { <tr><td><code>{ h.name }</code></td><td>{ h.why }</td></tr> }) }
                    </tbody>
                </table>
            }
            { super::heading(headings, 2, None, html! { { "For any API error" } }) }
            <ul class="ht-general">{ for crate::catalog::general_steps().iter().map(|c| html! { <li>{ *c }</li> }) }</ul>
            if !s.related.is_empty() {
                { super::heading(headings, 2, None, html! { { "Related codes" } }) }
                <ul class="ht-related">
                    { for s.related.iter().map(|r| {
                        let code = r.code;
                        let onclick = props.on_pick.reform(move |_: MouseEvent| code);
                        html! {
                            <li>
                                <button type="button" class="ht-link-button" {onclick}>{ format!("{} {}", r.code, r.phrase) }</button>
                                { format!(" — {}", r.difference) }
                            </li>
                        }
                    }) }
                </ul>
            }
            <p class="ht-meta">
                if let Some(spec) = s.spec {
                    { "Specification: " }
                    <a href={spec.url} target="_blank" rel="noopener noreferrer">{ format!("{} §{}", spec.document, spec.section) }</a>
                } else {
                    { "Source: " }
                    <a href={s.source.url} target="_blank" rel="noopener noreferrer">{ s.source.name }</a>
                }
            </p>
        </details>
    }
}
