//! The widget's state and the one reducer that changes it.

use crate::diagnosis::{self, Clock, Diagnosis};
use std::rc::Rc;
use yew::{AttrValue, Reducible};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// What is in the paste box (shared, not copied: a paste can be megabytes).
    pub input: AttrValue,
    /// A large paste in full, while the box shows only its start (laying out megabytes of text in a
    /// textarea takes the browser seconds). Editing the box drops it.
    pub pasted: Option<AttrValue>,
    /// The diagnosis of the last diagnosed input (`None` when the box is empty).
    pub diagnosis: Option<Rc<Diagnosis>>,
    /// The catalog search box.
    pub query: String,
    /// A message about how the paste arrived (opened from a link, or a link that could not be opened).
    pub notice: Option<AttrValue>,
    /// The table of requests lists all of them, not only the failed ones.
    pub all_requests: bool,
    /// Bumped whenever a result should take the focus (a code picked from the catalog or a link).
    pub focus_result: u32,
    /// Bumped once per distinct diagnosis shown, for the host's event: diagnosing the same text (and
    /// the same request of a HAR) again — the debounced diagnosis of typing and then the Diagnose
    /// button, or the button pressed twice — refreshes the answer but is not a new diagnosis.
    pub shown: u32,
    /// What the shown diagnosis was made from: the text and, for a HAR, the request picked.
    source: Option<(AttrValue, Option<usize>)>,
}

pub enum Action {
    /// The visitor typed or pasted: keep the text, the diagnosis follows (debounced) with `Diagnose`.
    Edit(String),
    /// Diagnose what is in the box now.
    Diagnose,
    /// Fill the box with text and diagnose it (an example, a large paste, a file, a shared link);
    /// text over [`LARGE_PASTE`] is shown shortened.
    Paste(String),
    /// Show a code as if it had been pasted (catalog, related code); moves the focus to the answer.
    Show(u16),
    /// Show a code without moving the focus (on start, deep links, Back/Forward).
    Open(u16),
    /// Diagnose request `index` of a paste that holds many (a HAR file).
    Select(usize),
    /// List all the requests (true) or only the failed ones.
    AllRequests(bool),
    /// Say something about how the paste arrived (a share link).
    Notice(AttrValue),
    /// Empty the box.
    Clear,
    Search(String),
}

/// The browser's clock, for countdowns when a response has no Date header.
fn now() -> Option<i64> {
    Some((js_sys::Date::now() / 1000.0) as i64)
}

/// The most of a paste the widget reads (bytes). Diagnosing takes about 30 ms per megabyte in the
/// browser, so 4 MB keeps the page responsive; the diagnosis says when a paste was longer.
pub const WIDGET_MAX_INPUT: usize = 4_000_000;

/// Pastes larger than this (bytes) are shown shortened in the box.
pub const LARGE_PASTE: usize = 1_000_000;

/// How much of a large paste the box shows.
const SHOWN: usize = 20_000;

/// The start of a large paste and a line saying what is not shown.
fn shortened(text: &str) -> String {
    let mut end = SHOWN.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!(
        "{}\n\n[… {} pasted; only the start is shown here. Editing the box keeps only what is shown.]",
        &text[..end],
        diagnosis::megabytes(text.len())
    )
}

fn run(input: &str) -> Option<Rc<Diagnosis>> {
    (!input.trim().is_empty()).then(|| {
        Rc::new(diagnosis::diagnose_limited(
            input,
            Clock { now: now() },
            WIDGET_MAX_INPUT,
        ))
    })
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        if !matches!(
            action,
            Action::Notice(_) | Action::Search(_) | Action::AllRequests(_)
        ) {
            next.notice = None;
        }
        // Set by the actions that diagnose (to the request picked, if any); the others leave the
        // shown diagnosis as it was.
        let mut diagnosed: Option<Option<usize>> = None;
        match action {
            Action::Edit(text) => {
                if text.trim().is_empty() {
                    next.diagnosis = None;
                }
                next.input = text.into();
                next.pasted = None;
            }
            Action::Diagnose => {
                diagnosed = Some(None);
                next.diagnosis = run(next.pasted.as_ref().unwrap_or(&next.input));
            }
            Action::Paste(text) => {
                diagnosed = Some(None);
                next.diagnosis = run(&text);
                // A large paste (or file, or link) is diagnosed whole; the box shows its start.
                if text.len() > LARGE_PASTE {
                    next.input = shortened(&text).into();
                    next.pasted = Some(text.into());
                } else {
                    next.input = text.into();
                    next.pasted = None;
                }
            }
            Action::Show(code) => {
                diagnosed = Some(None);
                next.input = code.to_string().into();
                next.pasted = None;
                next.diagnosis = run(&next.input);
                next.focus_result += 1;
            }
            Action::Open(code) => {
                diagnosed = Some(None);
                next.input = code.to_string().into();
                next.pasted = None;
                next.diagnosis = run(&next.input);
            }
            Action::Select(index) => {
                diagnosed = Some(Some(index));
                let text = next.pasted.clone().unwrap_or_else(|| next.input.clone());
                if !text.trim().is_empty() {
                    next.diagnosis = Some(Rc::new(diagnosis::diagnose_request_limited(
                        &text,
                        Clock { now: now() },
                        WIDGET_MAX_INPUT,
                        index,
                    )));
                }
            }
            Action::AllRequests(all) => next.all_requests = all,
            Action::Notice(text) => next.notice = Some(text),
            Action::Clear => {
                next.input = AttrValue::default();
                next.pasted = None;
                next.diagnosis = None;
            }
            Action::Search(query) => next.query = query,
        }
        if next.diagnosis.is_none() {
            next.source = None;
        } else if let Some(request) = diagnosed {
            let text = next.pasted.clone().unwrap_or_else(|| next.input.clone());
            let source = Some((text, request));
            if source != next.source {
                next.source = source;
                next.shown += 1;
            }
        }
        Rc::new(next)
    }
}
