//! The whole widget: paste box, examples, the diagnosis, the catalog.

use super::catalog_browser::CatalogBrowser;
use super::examples::Examples;
use super::findings::Findings;
use super::paste_box::PasteBox;
use super::report::Report;
use super::requests::requests;
use super::retry::RetryPanel;
use super::routing;
use super::state::{Action, State};
use super::status_entry::StatusEntry;
use super::steps::Steps;
use super::verdict::Verdict;
use super::{HeadingBase, IdPrefix, STYLES};
use crate::diagnosis::Diagnosis;
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Light, dark, or follow the visitor's system setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// `light`, `dark`, `auto` (anything else is `auto`).
    pub fn parse(value: &str) -> Theme {
        match value.trim().to_ascii_lowercase().as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }
}

#[derive(Properties, PartialEq, Clone, Debug, Default)]
pub struct AppProps {
    /// A code to show on start (as if it had been pasted).
    #[prop_or_default]
    pub code: Option<u16>,
    /// Text to diagnose on start.
    #[prop_or_default]
    pub text: Option<String>,
    #[prop_or_default]
    pub theme: Theme,
    /// A smaller widget: no examples, no catalog browser.
    #[prop_or_default]
    pub compact: bool,
    /// Read and write deep links (`#429`) in the page address. Only the full page does this.
    #[prop_or_default]
    pub routing: bool,
    /// The level of the widget's top heading (2 unless the host says otherwise).
    #[prop_or_default]
    pub headings: HeadingBase,
    /// Told about every diagnosis the widget shows (the embed turns it into a DOM event).
    #[prop_or_default]
    pub on_diagnosis: Option<Callback<Rc<Diagnosis>>>,
}

/// The short answer: the findings that decide the verdict and the most useful steps; the rest is one
/// click away ("Show the full answer"), and the choice is remembered for the visitor.
const SHORT_FINDINGS: usize = 2;
const SHORT_STEPS: usize = 3;
/// Where the visitor's choice is kept (`localStorage`, on the host's origin; nothing else is stored).
const VIEW_KEY: &str = "http-troubleshooter:view";

fn storage() -> Option<web_sys::Storage> {
    // Blocked storage (sandboxed frames, strict privacy settings) throws: then nothing is remembered.
    web_sys::window()?.local_storage().ok().flatten()
}

fn remembered_full() -> bool {
    storage()
        .and_then(|s| s.get_item(VIEW_KEY).ok().flatten())
        .as_deref()
        == Some("full")
}

/// What the answer shows of a diagnosis, and the label of the button that shows the rest.
struct ShortView {
    findings: usize,
    steps: usize,
    toggle: Option<String>,
}

fn short_view(d: &Diagnosis, compact: bool, full: bool) -> ShortView {
    // compact keeps only the finding that decides the verdict, and its details for the full answer.
    let short_findings = if compact { 1 } else { SHORT_FINDINGS };
    let hidden_findings =
        d.findings.len() - super::findings::shown(&d.findings, short_findings).count();
    let hidden_steps = d.steps.len().saturating_sub(SHORT_STEPS);
    let more: Vec<String> = [
        (hidden_findings, "finding", "findings"),
        (hidden_steps, "step", "steps"),
    ]
    .iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| format!("{n} more {}", if *n == 1 { one } else { many }))
    .collect();
    let details_hidden = compact && !d.findings.is_empty();
    let toggle = if full {
        (!more.is_empty() || details_hidden).then(|| "Show the short answer".to_string())
    } else if more.is_empty() {
        details_hidden.then(|| "Show the full answer".to_string())
    } else {
        Some(format!("Show the full answer ({})", more.join(", ")))
    };
    let (findings, steps) = if full {
        (usize::MAX, usize::MAX)
    } else {
        (short_findings, SHORT_STEPS)
    };
    ShortView {
        findings,
        steps,
        toggle,
    }
}

/// Inputs larger than this wait longer before they are diagnosed while the visitor types.
const LARGE_INPUT: usize = 20_000;

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(State::default);
    let ids = use_memo((), |_| IdPrefix::next());
    {
        let ids = ids.clone();
        use_effect_with((), move |_| move || ids.release());
    }
    let heading = use_node_ref();
    let styles = use_node_ref();

    // The stylesheet is created with its text and then inserted, into an element Yew leaves empty:
    // a strict Content-Security-Policy allows it by the hash of its text, and would report a
    // <style> inserted empty and filled afterwards as a violation.
    {
        let styles = styles.clone();
        use_effect_with((), move |_| {
            if let Some(host) = styles.cast::<web_sys::Element>() {
                if let Some(style) = host
                    .owner_document()
                    .and_then(|d| d.create_element("style").ok())
                {
                    style.set_text_content(Some(STYLES));
                    let _ = host.append_child(&style);
                }
            }
        });
    }
    // The knowledge's prose is unpacked once (about a tenth of a second): while the visitor reads
    // the page, not when their first paste is waiting for an answer.
    use_effect_with((), move |_| {
        Timeout::new(250, crate::diagnosis::prepare).forget();
    });
    let pending = use_mut_ref(|| None::<Timeout>);
    let full = use_state(remembered_full);
    let on_view = {
        let full = full.clone();
        Callback::from(move |_: MouseEvent| {
            let next = !*full;
            if let Some(s) = storage() {
                let _ = s.set_item(VIEW_KEY, if next { "full" } else { "short" });
            }
            full.set(next);
        })
    };

    // Start (and prop updates from `mount().update()`): a code or text to show.
    {
        let dispatcher = state.dispatcher();
        let routing_on = props.routing;
        use_effect_with((props.code, props.text.clone()), move |(code, text)| {
            if routing_on {
                if let Some(payload) = super::share::payload_in_address() {
                    open_shared(dispatcher, payload);
                    return;
                }
            }
            let from_address = if routing_on {
                routing::code_in_address()
            } else {
                None
            };
            if let Some(code) = from_address.or(*code) {
                dispatcher.dispatch(Action::Open(code));
            } else if let Some(text) = text {
                dispatcher.dispatch(Action::Paste(text.clone()));
            }
        });
    }

    // Back/Forward and edited addresses.
    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.routing, move |routing_on| {
            let listener = routing_on.then(|| {
                let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
                    match (
                        routing::code_in_address(),
                        super::share::payload_in_address(),
                    ) {
                        (_, Some(payload)) => open_shared(dispatcher.clone(), payload),
                        (Some(code), None) => dispatcher.dispatch(Action::Open(code)),
                        (None, None) => dispatcher.dispatch(Action::Clear),
                    }
                });
                if let Some(window) = web_sys::window() {
                    for event in ["popstate", "hashchange"] {
                        let _ = window.add_event_listener_with_callback(
                            event,
                            closure.as_ref().unchecked_ref(),
                        );
                    }
                }
                closure
            });
            move || {
                if let (Some(closure), Some(window)) = (listener, web_sys::window()) {
                    for event in ["popstate", "hashchange"] {
                        let _ = window.remove_event_listener_with_callback(
                            event,
                            closure.as_ref().unchecked_ref(),
                        );
                    }
                }
            }
        });
    }

    // A code picked from the catalog or a related link takes the focus, so keyboard and screen-reader
    // users land on the answer.
    {
        let heading = heading.clone();
        use_effect_with(state.focus_result, move |focus| {
            if *focus > 0 {
                if let Some(element) = heading.cast::<HtmlElement>() {
                    let _ = element.focus();
                    element.scroll_into_view();
                }
            }
        });
    }

    let on_edit = {
        let state = state.clone();
        let pending = pending.clone();
        Callback::from(move |text: String| {
            let delay = if text.len() > LARGE_INPUT { 450 } else { 180 };
            state.dispatch(Action::Edit(text));
            let dispatcher = state.dispatcher();
            // Replacing the stored timeout cancels the previous one: only the last edit is diagnosed.
            *pending.borrow_mut() = Some(Timeout::new(delay, move || {
                dispatcher.dispatch(Action::Diagnose)
            }));
        })
    };
    // After an explicit Diagnose (button, Enter, an example), the answer's headline is scrolled to
    // the top when it sits low: on a phone it is below the paste box, and on a desktop the verdict
    // and steps would be below the fold. Typing never scrolls.
    let reveal = use_state(|| 0u32);
    {
        let heading = heading.clone();
        use_effect_with(*reveal, move |n| {
            if *n > 0 {
                if let (Some(element), Some(window)) =
                    (heading.cast::<HtmlElement>(), web_sys::window())
                {
                    let rect = element.get_bounding_client_rect();
                    let height = window
                        .inner_height()
                        .ok()
                        .and_then(|h| h.as_f64())
                        .unwrap_or(0.0);
                    // Off screen, or so low that the verdict and steps are below the fold
                    // (the paste box above it): bring the headline to the top.
                    if rect.top() < 0.0 || rect.top() > height * 0.4 {
                        element.scroll_into_view();
                    }
                }
            }
        });
    }
    let on_diagnose = {
        let state = state.clone();
        let pending = pending.clone();
        let reveal = reveal.clone();
        Callback::from(move |()| {
            pending.borrow_mut().take();
            state.dispatch(Action::Diagnose);
            reveal.set(*reveal + 1);
        })
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Clear))
    };
    // A file opened, or a paste too large for the box: diagnosed at once, whole.
    let on_open = {
        let state = state.clone();
        let pending = pending.clone();
        let reveal = reveal.clone();
        Callback::from(move |text: String| {
            pending.borrow_mut().take();
            state.dispatch(Action::Paste(text));
            reveal.set(*reveal + 1);
        })
    };
    let on_paste = {
        let state = state.clone();
        let reveal = reveal.clone();
        Callback::from(move |text: String| {
            state.dispatch(Action::Paste(text));
            reveal.set(*reveal + 1);
        })
    };
    let on_pick = {
        let state = state.clone();
        let routing_on = props.routing;
        Callback::from(move |code: u16| {
            state.dispatch(Action::Show(code));
            if routing_on {
                routing::push_code(code);
            }
        })
    };
    let on_select = {
        let state = state.clone();
        Callback::from(move |index: usize| state.dispatch(Action::Select(index)))
    };
    let on_all_requests = {
        let state = state.clone();
        Callback::from(move |all: bool| state.dispatch(Action::AllRequests(all)))
    };
    let on_search = {
        let state = state.clone();
        Callback::from(move |query: String| state.dispatch(Action::Search(query)))
    };

    // Tell the host about each diagnosis shown once (not a re-render, nor the same text diagnosed
    // again: see `State::shown`).
    {
        let shown = state.diagnosis.clone();
        let on_diagnosis = props.on_diagnosis.clone();
        use_effect_with(state.shown, move |_| {
            if let (Some(d), Some(callback)) = (shown, on_diagnosis) {
                callback.emit(d);
            }
        });
    }
    let landmark = ids.landmark("Diagnosis");

    let announcement = state
        .diagnosis
        .as_ref()
        .map(|d| format!("{}. {}", d.headline, d.verdict))
        .unwrap_or_default();

    html! {
        <ContextProvider<IdPrefix> context={ids.with_headings(props.headings)}>
        <div class="ht-root" data-theme={props.theme.as_str()} data-compact={props.compact.to_string()} data-full={full.to_string()}>
            <div class="ht-styles" ref={styles}></div>
            <PasteBox value={state.input.clone()} {on_edit} {on_diagnose} {on_clear} {on_open} compact={props.compact} />
            if !props.compact {
                <Examples on_paste={on_paste} />
            }
            <div class="ht-sr-only" aria-live="polite" aria-atomic="true">{ announcement }</div>
            <section class="ht-result" aria-label={landmark}>
                if let Some(notice) = &state.notice {
                    <p class="ht-notice" role="status">{ notice.clone() }</p>
                }
                {
                    match &state.diagnosis {
                        None => html! {
                            <p class="ht-empty">{ "Paste a status code, a response, curl output or an error message above, or pick a code from the catalog. Nothing you paste leaves this page." }</p>
                        },
                        Some(d) => {
                            let view = short_view(d, props.compact, *full);
                            html! {
                                <>
                                    if d.exchanges.len() > 1 {
                                        { requests(d, props.headings, state.all_requests, &on_all_requests, &on_select) }
                                    }
                                    <Verdict diagnosis={d.clone()} heading={heading.clone()} />
                                    <Findings findings={d.findings.clone()} shown={view.findings} />
                                    <Steps steps={d.steps.clone()} shown={view.steps} />
                                    if let Some(label) = view.toggle {
                                        <p><button type="button" class="ht-link-button ht-more" aria-expanded={full.to_string()} onclick={on_view.clone()}>{ label }</button></p>
                                    }
                                    <RetryPanel retry={d.retry.clone()} short={props.compact && !*full} />
                                    <Report diagnosis={d.clone()} share={props.routing.then(|| state.pasted.clone().unwrap_or_else(|| state.input.clone()))} />
                                    if let Some(status) = d.status {
                                        <StatusEntry {status} on_pick={on_pick.clone()} open={*full} />
                                    }
                                </>
                            }
                        }
                    }
                }
            </section>
            if !props.compact {
                <CatalogBrowser query={state.query.clone()} {on_search} on_pick={on_pick.clone()} open={props.routing} />
            }
        </div>
        </ContextProvider<IdPrefix>>
    }
}

/// Open a share link's paste (or say why it cannot be opened).
fn open_shared(dispatcher: UseReducerDispatcher<State>, payload: String) {
    wasm_bindgen_futures::spawn_local(async move {
        match super::share::open(&payload).await {
            Ok(text) => {
                dispatcher.dispatch(Action::Paste(text));
                dispatcher.dispatch(Action::Notice(AttrValue::Static(
                    "Opened from a shared link. Its secrets were masked before it was shared.",
                )));
            }
            Err(message) => dispatcher.dispatch(Action::Notice(AttrValue::Static(message))),
        }
    });
}
