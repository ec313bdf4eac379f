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

/// The widget's stylesheet, embedded at build time.
pub const STYLES: &str = include_str!("../../www/troubleshooter.css");
