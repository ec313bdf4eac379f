//! The labelled paste box. Typing diagnoses after a short pause; Enter (without Shift) or the
//! Diagnose button diagnoses at once.

use super::state::LARGE_PASTE;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    pub value: AttrValue,
    pub on_edit: Callback<String>,
    /// A paste larger than [`LARGE_PASTE`]: it does not go into the box whole.
    pub on_paste_large: Callback<String>,
    pub on_diagnose: Callback<()>,
    pub on_clear: Callback<()>,
    #[prop_or_default]
    pub compact: bool,
}

const PLACEHOLDER: &str = "e.g. 429\nHTTP/1.1 503 Service Unavailable\nRetry-After: 120\n\nor curl -v output, DevTools headers, a HAR file, a JSON error body, an error from axios, requests, .NET…";

#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let input_id = super::use_dom_id("input");
    let hint_id = super::use_dom_id("input-hint");
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(area.value());
        })
    };
    let onpaste = {
        let on_paste_large = props.on_paste_large.clone();
        Callback::from(move |e: Event| {
            let Some(data) = e
                .dyn_ref::<ClipboardEvent>()
                .and_then(ClipboardEvent::clipboard_data)
            else {
                return;
            };
            let Ok(text) = data.get_data("text/plain") else {
                return;
            };
            if text.len() > LARGE_PASTE {
                e.prevent_default();
                on_paste_large.emit(text);
            }
        })
    };
    let onkeydown = {
        let on_diagnose = props.on_diagnose.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && !e.shift_key() && !e.is_composing() {
                e.prevent_default();
                on_diagnose.emit(());
            }
        })
    };
    let on_diagnose = props.on_diagnose.reform(|_: MouseEvent| ());
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <div class="ht-paste">
            <label class="ht-label" for={input_id.clone()}>{ "Paste what you got" }</label>
            <textarea
                id={input_id}
                value={props.value.clone()}
                {oninput}
                {onpaste}
                {onkeydown}
                placeholder={PLACEHOLDER}
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                rows={if props.compact { "3" } else { "7" }}
                aria-describedby={hint_id.clone()}
            />
            <p id={hint_id} class="ht-hint">
                { "A status code, status line, raw response, curl -v output, DevTools headers, HAR file, JSON error or client error message. Enter diagnoses; Shift+Enter adds a line. It stays on your device; secrets are masked." }
            </p>
            <div class="ht-row">
                <button type="button" class="ht-button" onclick={on_diagnose}>{ "Diagnose" }</button>
                <button type="button" class="ht-button ht-secondary" onclick={on_clear}>{ "Clear" }</button>
            </div>
        </div>
    }
}
