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
    pub on_diagnose: Callback<()>,
    pub on_clear: Callback<()>,
    /// The text of a file the visitor opened or dropped, or of a paste larger than [`LARGE_PASTE`]
    /// (it does not go into the box whole): diagnosed at once.
    pub on_open: Callback<String>,
    #[prop_or_default]
    pub compact: bool,
}

const PLACEHOLDER: &str = "e.g. 429\nHTTP/1.1 503 Service Unavailable\nRetry-After: 120\n\nor curl -v output, DevTools headers, a HAR file, a JSON error body, an error from axios, requests, .NET…";

/// The most of one file the widget reads (bytes): twice what it diagnoses, so the diagnosis can
/// still say that the file went on.
const FILE_READ: f64 = 8_000_000.0;

/// What the status line under the file button says.
#[derive(Clone, PartialEq)]
enum FileState {
    Idle,
    Reading(String),
    Read(String),
    Failed(String),
}

/// Read a file on this device (nothing is uploaded) and hand its text to `done`, or say why not.
fn read_file(file: web_sys::File, status: UseStateHandle<FileState>, done: Callback<String>) {
    let name: String = file.name().chars().take(80).collect();
    let size = file.size();
    status.set(FileState::Reading(name.clone()));
    let cut = size > FILE_READ;
    let blob: web_sys::Blob = if cut {
        match file.slice_with_f64_and_f64(0.0, FILE_READ) {
            Ok(b) => b,
            Err(_) => file.into(),
        }
    } else {
        file.into()
    };
    wasm_bindgen_futures::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(blob.text())
            .await
            .ok()
            .and_then(|t| t.as_string());
        let Some(text) = text else {
            status.set(FileState::Failed(format!("{name} could not be read.")));
            return;
        };
        // Binary files decode to NUL bytes and replacement characters.
        let sample: String = text.chars().take(4096).collect();
        let odd = sample
            .chars()
            .filter(|c| *c == '\u{0}' || *c == '\u{fffd}')
            .count();
        if odd * 50 > sample.chars().count().max(1) {
            status.set(FileState::Failed(format!(
                "{name} is not a text file. Open a .har, .json, .txt or .log file, or paste the text."
            )));
            return;
        }
        let megabytes = crate::diagnosis::megabytes(size as usize);
        status.set(FileState::Read(if cut {
            format!("{name} is {megabytes}: its first 8 MB were read, on this device.")
        } else {
            format!("{name} ({megabytes}) was read on this device.")
        }));
        done.emit(text);
    });
}

#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let input_id = super::use_dom_id("input");
    let hint_id = super::use_dom_id("input-hint");
    let file_id = super::use_dom_id("file");
    let file_state = use_state(|| FileState::Idle);
    let dragging = use_state(|| false);
    let onchange = {
        let status = file_state.clone();
        let on_open = props.on_open.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(file, status.clone(), on_open.clone());
            }
            // Choosing the same file again reads it again.
            input.set_value("");
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            let has_files = e.data_transfer().is_some_and(|d| {
                d.types()
                    .iter()
                    .any(|t| t.as_string().as_deref() == Some("Files"))
            });
            if has_files {
                e.prevent_default();
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let status = file_state.clone();
        let on_open = props.on_open.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            dragging.set(false);
            let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            e.prevent_default();
            read_file(file, status.clone(), on_open.clone());
        })
    };
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            on_edit.emit(area.value());
        })
    };
    let onpaste = {
        let on_paste_large = props.on_open.clone();
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
                class={classes!((*dragging).then_some("ht-drop"))}
                value={props.value.clone()}
                {oninput}
                {onpaste}
                {onkeydown}
                {ondragover}
                {ondragleave}
                {ondrop}
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
                <input id={file_id.clone()} class="ht-file" type="file" accept=".har,.json,.txt,.log,text/plain,application/json" {onchange} />
                <label for={file_id} class="ht-button ht-secondary ht-file-label">{ "Open a file…" }</label>
            </div>
            <p class="ht-hint ht-file-status" role="status">
                { match &*file_state {
                    FileState::Idle => "Or drop a .har, .json, .txt or .log file on the box. Files are read on this device; nothing is uploaded.".to_string(),
                    FileState::Reading(name) => format!("Reading {name} on this device…"),
                    FileState::Read(message) | FileState::Failed(message) => message.clone(),
                } }
            </p>
        </div>
    }
}
