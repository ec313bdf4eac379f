//! The whole widget: paste box, examples, the diagnosis, the catalog.

use super::catalog_browser::CatalogBrowser;
use super::examples::Examples;
use super::findings::Findings;
use super::paste_box::PasteBox;
use super::report::Report;
use super::retry::RetryPanel;
use super::routing;
use super::state::{Action, State};
use super::status_entry::StatusEntry;
use super::steps::Steps;
use super::verdict::Verdict;
use super::{IdPrefix, STYLES};
use gloo_timers::callback::Timeout;
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
}

/// Inputs larger than this wait longer before they are diagnosed while the visitor types.
const LARGE_INPUT: usize = 20_000;

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer(State::default);
    let ids = use_memo((), |_| IdPrefix::next());
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
    let pending = use_mut_ref(|| None::<Timeout>);

    // Start (and prop updates from `mount().update()`): a code or text to show.
    {
        let dispatcher = state.dispatcher();
        let routing_on = props.routing;
        use_effect_with((props.code, props.text.clone()), move |(code, text)| {
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
                let closure =
                    Closure::<dyn Fn(web_sys::Event)>::new(
                        move |_| match routing::code_in_address() {
                            Some(code) => dispatcher.dispatch(Action::Open(code)),
                            None => dispatcher.dispatch(Action::Clear),
                        },
                    );
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
    let on_diagnose = {
        let state = state.clone();
        let pending = pending.clone();
        Callback::from(move |()| {
            pending.borrow_mut().take();
            state.dispatch(Action::Diagnose);
        })
    };
    let on_paste_large = {
        let state = state.clone();
        let pending = pending.clone();
        Callback::from(move |text: String| {
            pending.borrow_mut().take();
            state.dispatch(Action::PasteLarge(text));
        })
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Clear))
    };
    let on_paste = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Paste(text)))
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
    let on_search = {
        let state = state.clone();
        Callback::from(move |query: String| state.dispatch(Action::Search(query)))
    };

    let announcement = state
        .diagnosis
        .as_ref()
        .map(|d| format!("{}. {}", d.headline, d.verdict))
        .unwrap_or_default();

    html! {
        <ContextProvider<IdPrefix> context={(*ids).clone()}>
        <div class="ht-root" data-theme={props.theme.as_str()} data-compact={props.compact.to_string()}>
            <div class="ht-styles" ref={styles}></div>
            <PasteBox value={state.input.clone()} {on_edit} {on_paste_large} {on_diagnose} {on_clear} compact={props.compact} />
            if !props.compact {
                <Examples on_paste={on_paste} />
            }
            <div class="ht-sr-only" aria-live="polite" aria-atomic="true">{ announcement }</div>
            <section class="ht-result" aria-label="Diagnosis">
                {
                    match &state.diagnosis {
                        None => html! {
                            <p class="ht-empty">{ "Paste a status code, a response, curl output or an error message above, or pick a code from the catalog. Nothing you paste leaves this page." }</p>
                        },
                        Some(d) => html! {
                            <>
                                <Verdict diagnosis={d.clone()} heading={heading.clone()} />
                                <Findings findings={d.findings.clone()} />
                                <Steps steps={d.steps.clone()} />
                                <RetryPanel retry={d.retry.clone()} />
                                <Report diagnosis={d.clone()} />
                                if let Some(status) = d.status {
                                    <StatusEntry {status} on_pick={on_pick.clone()} open={!props.compact} />
                                }
                            </>
                        },
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
