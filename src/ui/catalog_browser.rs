//! Every code, grouped by class, with a search box (code, phrase, alias, keyword).

use crate::catalog::{self, Status, StatusClass};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CatalogProps {
    pub query: String,
    pub on_search: Callback<String>,
    pub on_pick: Callback<u16>,
    /// Shown open (the full page) or folded under "Browse all status codes" (embedded widgets).
    #[prop_or(true)]
    pub open: bool,
}

#[component]
pub fn CatalogBrowser(props: &CatalogProps) -> Html {
    let headings = super::use_headings();
    let search_id = super::use_dom_id("catalog-search");
    let landmark = super::use_landmark("Status code catalog");
    let oninput = props.on_search.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let button = |s: &'static Status| {
        let code = s.code;
        let onclick = props.on_pick.reform(move |_: MouseEvent| code);
        html! {
            <li key={s.code}>
                <button type="button" class="ht-code-button" {onclick}>
                    <strong>{ s.code }</strong>{ s.phrase }
                    if !s.official {
                        <span class="ht-unofficial">{ format!(" · {}", s.source.name) }</span>
                    }
                </button>
            </li>
        }
    };
    let query = props.query.trim();
    let body = if query.is_empty() {
        html! {
            { for StatusClass::ALL.iter().map(|class| {
                let members: Vec<&'static Status> = catalog::all().iter().filter(|s| s.class == *class).collect();
                html! {
                    <>
                        { super::heading(headings, 2, None, html! { { format!("{} · {}", class.range(), class.label()) } }) }
                        <ul class="ht-codes">{ for members.into_iter().map(button) }</ul>
                    </>
                }
            }) }
        }
    } else {
        let found = catalog::search(query);
        html! {
            <>
                <p class="ht-meta" role="status">{ match found.len() { 0 => format!("No status code matches \u{201c}{query}\u{201d}."), 1 => "1 match".to_string(), n => format!("{n} matches") } }</p>
                <ul class="ht-codes">{ for found.into_iter().map(button) }</ul>
            </>
        }
    };
    html! {
        <section class="ht-catalog" aria-label={landmark}>
            <details open={props.open}>
                <summary>{ super::heading(headings, 1, None, html! { { "All status codes" } }) }</summary>
                <label for={search_id.clone()}>{ "Search status codes" }</label>
                <input id={search_id} type="search" value={props.query.clone()} {oninput} placeholder="404, rate limit, timeout, teapot…" autocomplete="off" />
                { body }
            </details>
        </section>
    }
}
