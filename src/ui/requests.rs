//! A paste with many requests (a HAR file): a summary line, a compact table of the requests that
//! failed (or of all of them), and keyboard selection; choosing one diagnoses it below.

use crate::diagnosis::{Diagnosis, RequestRow};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// How many rows "All requests" lists (a HAR can hold thousands).
const ALL_SHOWN: usize = 500;

fn time_text(ms: Option<u32>) -> String {
    match ms {
        None => "—".into(),
        Some(ms) if ms < 1000 => format!("{ms} ms"),
        Some(ms) => format!("{}.{} s", ms / 1000, (ms % 1000) / 100),
    }
}

/// The table of requests. A plain function, not a component (a component costs the widget about
/// 10 KiB of generic code): the filter lives in the widget's state.
pub fn requests(
    d: &Rc<Diagnosis>,
    headings: super::HeadingBase,
    all: bool,
    on_all: &Callback<bool>,
    on_select: &Callback<usize>,
) -> Html {
    let failed = d.exchanges.iter().filter(|r| r.failed).count();
    // With nothing failed, "failed only" would be an empty table: show all.
    let show_all = all || failed == 0;
    let rows: Vec<&RequestRow> = d
        .exchanges
        .iter()
        .filter(|r| show_all || r.failed)
        .take(ALL_SHOWN)
        .collect();
    let listed = d.exchanges.iter().filter(|r| show_all || r.failed).count();
    // Up and Down move between the rows' buttons; Home and End go to the first and last.
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        let key = e.key();
        if !matches!(key.as_str(), "ArrowUp" | "ArrowDown" | "Home" | "End") {
            return;
        }
        let Some(table) = e
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Ok(buttons) = table.query_selector_all("button.ht-req") else {
            return;
        };
        let count = buttons.length();
        if count == 0 {
            return;
        }
        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let at = (0..count).find(|i| {
            buttons
                .get(*i)
                .zip(target.as_ref())
                .is_some_and(|(b, t)| b.contains(Some(t)))
        });
        let next = match (key.as_str(), at) {
            ("Home", _) => 0,
            ("End", _) => count - 1,
            ("ArrowDown", Some(i)) => (i + 1).min(count - 1),
            ("ArrowUp", Some(i)) => i.saturating_sub(1),
            _ => 0,
        };
        e.prevent_default();
        if let Some(b) = buttons
            .get(next)
            .and_then(|n| n.dyn_into::<HtmlElement>().ok())
        {
            let _ = b.focus();
        }
    });
    html! {
        <div class="ht-requests">
            { super::heading(headings, 1, None, html! { { "Requests in this paste" } }) }
            if let Some(summary) = &d.exchanges_summary {
                <p class="ht-requests-summary">{ summary }</p>
            }
            if failed > 0 {
                <div class="ht-row" role="group" aria-label="Which requests to list">
                    <button type="button" class="ht-chip" aria-pressed={(!all).to_string()} onclick={on_all.reform(|_: MouseEvent| false)}>{ format!("Failed ({failed})") }</button>
                    <button type="button" class="ht-chip" aria-pressed={all.to_string()} onclick={on_all.reform(|_: MouseEvent| true)}>{ format!("All ({})", d.exchanges.len()) }</button>
                </div>
            }
            <div class="ht-table-scroll">
                <table class="ht-req-table" {onkeydown}>
                    <caption class="ht-sr-only">{ "Requests; choose one to diagnose it. Up and Down move between them." }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ "Request" }</th>
                            <th scope="col">{ "Status" }</th>
                            <th scope="col">{ "Time" }</th>
                            <th scope="col">{ "What happened" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|r| {
                            let selected = d.selected_exchange == Some(r.index);
                            let index = r.index;
                            let on_select = on_select.clone();
                            html! {
                                <tr class={classes!(selected.then_some("ht-selected"), r.failed.then_some("ht-failed"))}>
                                    <td>
                                        <button type="button" class="ht-req" aria-pressed={selected.to_string()} onclick={move |_: MouseEvent| on_select.emit(index)}>
                                            <span class="ht-req-method">{ &r.method }</span>{ " " }
                                            <span class="ht-req-host">{ &r.host }</span>
                                            <span class="ht-req-path">{ &r.path }</span>
                                        </button>
                                    </td>
                                    <td class="ht-req-status">{ r.status.map_or("no response".to_string(), |s| s.to_string()) }</td>
                                    <td class="ht-req-time">{ time_text(r.time_ms) }</td>
                                    <td class="ht-req-line">{ &r.line }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            if listed > rows.len() {
                <p class="ht-meta">{ format!("The first {} of {} are listed.", rows.len(), listed) }</p>
            }
        </div>
    }
}
