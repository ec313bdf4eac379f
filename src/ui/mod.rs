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
mod retry;
mod routing;
mod state;
mod status_entry;
mod steps;
mod verdict;

pub use app::{App, AppProps, Theme};
pub use examples::EXAMPLES;
pub use state::{Action, State};

use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// Element ids are prefixed per widget ("ht", then "ht2", "ht3"…), so several widgets mounted in one
/// document keep their labels pointing at their own controls.
#[derive(Clone, PartialEq)]
pub(crate) struct IdPrefix(pub Rc<str>);

impl IdPrefix {
    pub(crate) fn next() -> IdPrefix {
        thread_local! { static MOUNTED: Cell<u32> = const { Cell::new(0) }; }
        let n = MOUNTED.with(|m| {
            let n = m.get();
            m.set(n + 1);
            n
        });
        IdPrefix(if n == 0 {
            "ht".into()
        } else {
            format!("ht{}", n + 1).into()
        })
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
