//! The troubleshooter widget (Yew). Components only render what `diagnosis` and `catalog` give them:
//! no parsing happens here. State lives in one reducer ([`state::State`]); the stylesheet
//! (`www/troubleshooter.css`) is compiled in and rendered inside the widget's own root, so the widget
//! looks the same in a page, in a shadow root and in the single-file build.

mod app;
mod catalog_browser;
mod examples;
mod findings;
mod paste_box;
mod report;
mod requests;
mod retry;
mod routing;
mod share;
mod state;
mod status_entry;
mod steps;
mod verdict;

pub use app::{App, AppProps, Theme};
pub use examples::EXAMPLES;
pub use state::{Action, State};

use std::rc::Rc;
use yew::prelude::*;

/// Element ids are prefixed per widget ("ht", then "ht2", "ht3"…), so several widgets mounted in one
/// document keep their labels pointing at their own controls.
///
/// It also carries the widget's number (0 for the first live widget) and the level of its top
/// heading, so headings and landmark names need no context of their own.
#[derive(Clone, PartialEq)]
pub(crate) struct IdPrefix(pub Rc<str>, pub HeadingBase, u32);

impl IdPrefix {
    /// The prefix of a widget being mounted: the lowest number no live widget holds, so a page that
    /// replaces its one widget keeps "ht" (and the landmark name "Diagnosis"). Give it back with
    /// [`IdPrefix::release`] when the widget goes.
    pub(crate) fn next() -> IdPrefix {
        let n = LIVE.with(|live| {
            let mut live = live.borrow_mut();
            let n = (0..).find(|n| !live.contains(n)).unwrap_or(0);
            live.push(n);
            n
        });
        let prefix = if n == 0 {
            "ht".into()
        } else {
            format!("ht{}", n + 1).into()
        };
        IdPrefix(prefix, HeadingBase::default(), n)
    }

    pub(crate) fn release(&self) {
        LIVE.with(|live| live.borrow_mut().retain(|&m| m != self.2));
    }

    /// The same widget with the host's heading level.
    pub(crate) fn with_headings(&self, headings: HeadingBase) -> IdPrefix {
        IdPrefix(self.0.clone(), headings, self.2)
    }

    /// A landmark's accessible name, unique on the page: "Diagnosis" for the first widget,
    /// "Diagnosis (troubleshooter 2)" for the second (screen readers list landmarks by name, and
    /// two regions with one name cannot be told apart).
    pub(crate) fn landmark(&self, name: &str) -> String {
        if self.2 == 0 {
            name.to_string()
        } else {
            format!("{name} (troubleshooter {})", self.2 + 1)
        }
    }
}

thread_local! {
    /// The numbers of the widgets mounted now.
    static LIVE: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A landmark's accessible name for this widget (see [`IdPrefix::landmark`]).
#[hook]
pub(crate) fn use_landmark(name: &'static str) -> String {
    use_context::<IdPrefix>().map_or_else(|| name.to_string(), |p| p.landmark(name))
}

/// The level of the widget's top heading: 2 unless the host page says otherwise (`heading-level`,
/// `headingLevel`), so the widget's outline fits under the host's own headings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeadingBase(pub u8);

impl Default for HeadingBase {
    fn default() -> Self {
        HeadingBase(2)
    }
}

/// The widget's heading level, for [`heading`].
#[hook]
pub(crate) fn use_headings() -> HeadingBase {
    use_context::<IdPrefix>().map_or_else(HeadingBase::default, |p| p.1)
}

/// A heading at the host's level plus its rank (0 for the headline, 1 below it, 2 below that):
/// `h2`…`h6`, then `role="heading"` with `aria-level` (HTML has no `h7`). Styles go by rank
/// (`ht-h0`, `ht-h1`, `ht-h2`), never by tag. A plain function, not a component: one fewer
/// generic component in the wasm.
pub(crate) fn heading(
    base: HeadingBase,
    rank: u8,
    focus: Option<&NodeRef>,
    children: Html,
) -> Html {
    let level = base.0.saturating_add(rank);
    let class = match rank {
        0 => "ht-h0",
        1 => "ht-h1",
        _ => "ht-h2",
    };
    let node_ref = focus.cloned().unwrap_or_default();
    let tabindex = focus.map(|_| "-1");
    if level <= 6 {
        let tag = format!("h{level}");
        html! { <@{tag} {class} ref={node_ref} {tabindex}>{ children }</@> }
    } else {
        html! { <div role="heading" aria-level={level.to_string()} {class} ref={node_ref} {tabindex}>{ children }</div> }
    }
}

/// The id of this widget's element `name`: `ht-input`, `ht2-input`…
#[hook]
pub(crate) fn use_dom_id(name: &'static str) -> String {
    let prefix = use_context::<IdPrefix>().map_or_else(|| Rc::from("ht"), |p| p.0);
    format!("{prefix}-{name}")
}

/// The widget's stylesheet, embedded at build time.
pub(crate) const STYLES: &str = include_str!("../../www/troubleshooter.css");

/// Shown text (the engine's words, or the paste's after masking) renders as text, never as HTML.
impl yew::html::IntoPropValue<yew::virtual_dom::VNode> for &crate::diagnosis::Shown {
    fn into_prop_value(self) -> yew::virtual_dom::VNode {
        yew::virtual_dom::VText::new(self.to_string()).into()
    }
}

impl yew::html::IntoPropValue<yew::virtual_dom::VNode> for crate::diagnosis::Shown {
    fn into_prop_value(self) -> yew::virtual_dom::VNode {
        yew::virtual_dom::VText::new(self.into_string()).into()
    }
}

impl yew::html::IntoPropValue<Option<yew::AttrValue>> for crate::diagnosis::Shown {
    fn into_prop_value(self) -> Option<yew::AttrValue> {
        Some(yew::AttrValue::from(self.into_string()))
    }
}
