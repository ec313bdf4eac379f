//! Request ids and the redacted report for support, with a copy button that falls back to a
//! selectable text box where the clipboard is not allowed.

use crate::diagnosis::Diagnosis;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub diagnosis: Rc<Diagnosis>,
    /// The paste, on the full page: "Copy link" shares it (masked) in the address's fragment.
    #[prop_or_default]
    pub share: Option<AttrValue>,
}

/// Where "Copy link" stands.
#[derive(Clone, PartialEq)]
enum LinkState {
    Idle,
    Making,
    Copied,
    /// The clipboard refused: the link is shown for manual copying.
    Manual(AttrValue),
    TooLarge,
    Failed,
}

#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    /// The clipboard refused: the report is shown for manual copying.
    Manual,
}

#[component]
pub fn Report(props: &ReportProps) -> Html {
    let headings = super::use_headings();
    let text_id = super::use_dom_id("report-text");
    let copy = use_state(|| CopyState::Idle);
    let shown = use_state(|| false);
    // For a paste with many failed requests: the report of this one, or of all of them.
    let all = use_state(|| false);
    let area = use_node_ref();
    let d = &props.diagnosis;
    let report = match (&d.report_all, *all) {
        (Some(every), true) => every.clone(),
        _ => d.report.clone(),
    };
    {
        let copy = copy.clone();
        let shown = shown.clone();
        use_effect_with(report.clone(), move |_| {
            copy.set(CopyState::Idle);
            shown.set(false);
        });
    }
    {
        // Select the text for manual copying as soon as it appears.
        let area = area.clone();
        use_effect_with(*copy, move |state| {
            if *state == CopyState::Manual {
                if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                    area.select();
                    let _ = area.focus();
                }
            }
        });
    }
    let on_copy = {
        let copy = copy.clone();
        let report = report.clone();
        Callback::from(move |_: MouseEvent| {
            let copy = copy.clone();
            let report = report.clone();
            let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
            match clipboard {
                Some(clipboard) => spawn_local(async move {
                    let done =
                        wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&report)).await;
                    copy.set(if done.is_ok() {
                        CopyState::Copied
                    } else {
                        CopyState::Manual
                    });
                }),
                None => copy.set(CopyState::Manual),
            }
        })
    };
    let on_toggle = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let link = use_state(|| LinkState::Idle);
    {
        let link = link.clone();
        use_effect_with(props.share.clone(), move |_| link.set(LinkState::Idle));
    }
    let on_link = {
        let link = link.clone();
        let share = props.share.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(text) = share.clone() else { return };
            let link = link.clone();
            link.set(LinkState::Making);
            spawn_local(async move {
                let masked = crate::diagnosis::redact::shareable(&text);
                match super::share::link(&masked).await {
                    Ok(url) => {
                        let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
                        let copied = match clipboard {
                            Some(c) => wasm_bindgen_futures::JsFuture::from(c.write_text(&url))
                                .await
                                .is_ok(),
                            None => false,
                        };
                        link.set(if copied {
                            LinkState::Copied
                        } else {
                            LinkState::Manual(url.into())
                        });
                    }
                    Err(super::share::MakeError::TooLarge) => link.set(LinkState::TooLarge),
                    Err(super::share::MakeError::Browser) => link.set(LinkState::Failed),
                }
            });
        })
    };
    let visible = *shown || *copy == CopyState::Manual;
    html! {
        <div class="ht-report">
            if !d.request_ids.is_empty() {
                { super::heading(headings, 1, None, html! { { "Request ids to quote to support" } }) }
                <dl class="ht-ids">
                    { for d.request_ids.iter().map(|r| html! { <><dt>{ &r.name }</dt><dd>{ &r.value }</dd></> }) }
                </dl>
            }
            if let Some(request) = &d.request {
                if request.url.is_some() || request.method.is_some() {
                    <p class="ht-meta">{ "Request: " }<code>{ crate::diagnosis::Shown::join(&[request.method.clone(), request.url.clone()].into_iter().flatten().collect::<Vec<_>>(), " ") }</code></p>
                }
            }
            if !d.others.is_empty() && d.exchanges.is_empty() {
                { super::heading(headings, 1, None, html! { { "Other failing requests in the paste" } }) }
                <ul class="ht-others">
                    { for d.others.iter().map(|o| html! { <li>{ format!("{} {} → {}", o.method, o.url, if o.status == 0 { "no response (blocked or failed)".to_string() } else { o.status.to_string() }) }</li> }) }
                </ul>
            }
            { super::heading(headings, 1, None, html! { { "Report for support" } }) }
            if d.report_all.is_some() {
                <div class="ht-row" role="group" aria-label="What the report covers">
                    <button type="button" class="ht-chip" aria-pressed={(!*all).to_string()} onclick={{ let all = all.clone(); move |_: MouseEvent| all.set(false) }}>{ "This request" }</button>
                    <button type="button" class="ht-chip" aria-pressed={(*all).to_string()} onclick={{ let all = all.clone(); move |_: MouseEvent| all.set(true) }}>
                        { format!("All {} failed requests", d.exchanges.iter().filter(|r| r.failed).count()) }
                    </button>
                </div>
            }
            <div class="ht-row">
                <button type="button" class="ht-button" onclick={on_copy}>{ "Copy report for support" }</button>
                <button type="button" class="ht-button ht-secondary" onclick={on_toggle} aria-expanded={visible.to_string()}>
                    { if visible { "Hide report" } else { "Show report" } }
                </button>
                if props.share.is_some() {
                    <button type="button" class="ht-button ht-secondary" onclick={on_link}>{ "Copy link" }</button>
                }
                <span class="ht-status-note" role="status">
                    { match &*link {
                        LinkState::Idle | LinkState::Manual(_) => "",
                        LinkState::Making => "Making the link…",
                        LinkState::Copied => "Link copied. It holds your paste with its secrets masked, in the part of the address that browsers never send to a server.",
                        LinkState::TooLarge => "This paste is too large for a link. Copy the report instead.",
                        LinkState::Failed => "This browser cannot make a link. Copy the report instead.",
                    } }
                    { match *copy {
                        CopyState::Copied => "Copied: secrets were masked.",
                        CopyState::Manual => "The clipboard is not available here: select the text below and copy it.",
                        CopyState::Idle => "",
                    } }
                </span>
            </div>
            if let LinkState::Manual(url) = &*link {
                <p class="ht-meta">{ "The clipboard is not available here: copy the link (your paste, secrets masked):" }</p>
                <input class="ht-mono ht-link-text" type="text" readonly=true aria-label="Link to this diagnosis (secrets masked)" value={url.clone()} />
            }
            if visible {
                <label class="ht-sr-only" for={text_id.clone()}>{ "Report for support (secrets masked)" }</label>
                <textarea id={text_id} class="ht-mono" readonly=true ref={area} value={report.clone()} />
            }
        </div>
    }
}
