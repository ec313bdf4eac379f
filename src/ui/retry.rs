//! Retry advice, with a live countdown when the server named a time.

use crate::catalog::RetryPolicy;
use crate::diagnosis::RetryAdvice;
use gloo_timers::callback::Interval;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RetryProps {
    pub retry: RetryAdvice,
    /// The short answer of the compact widget: the advice's first sentence only.
    #[prop_or_default]
    pub short: bool,
}

fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

#[component]
pub fn RetryPanel(props: &RetryProps) -> Html {
    let headings = super::use_headings();
    let now = use_state(now_seconds);
    {
        let now = now.clone();
        use_effect_with(props.retry.at_unix, move |at| {
            // The panel outlives one diagnosis: start each countdown from the current second, not
            // from when the panel first appeared.
            now.set(now_seconds());
            let interval = at.map(|_| Interval::new(1000, move || now.set(now_seconds())));
            move || drop(interval)
        });
    }
    let r = &props.retry;
    // The advice already says when the wait was over before the paste was diagnosed; the panel adds
    // a countdown only while there is time left, and one line when it runs out on the page.
    let countdown = r.at_unix.filter(|_| !r.wait_over).map(|at| {
        let left = at - *now;
        if left > 0 {
            html! {
                <p>
                    { "You can retry in " }
                    <span class="ht-countdown" role="timer" aria-label={format!("{} seconds left", left)}>{ clock(left) }</span>
                    { format!(" (at {}).", moment(at)) }
                </p>
            }
        } else {
            html! { <p>{ format!("The wait is over (it ended at {}): you can retry now.", moment(at)) }</p> }
        }
    });
    html! {
        <>
            <div class="ht-retry-heading">{ super::heading(headings, 1, None, html! { { "Retry?" } }) }</div>
            <div class="ht-retry">
                <p><strong>{ r.policy.label() }</strong></p>
                { for countdown }
                <p>{ if props.short { r.lead() } else { r.advice.as_str() } }</p>
                // Nothing to retry (a 200, a paste without a status or failure): no note on repeating.
                if r.policy != RetryPolicy::NotApplicable {
                    <p class="ht-meta">{ r.repeat_note().as_str().to_string() }</p>
                }
            </div>
        </>
    }
}

fn clock(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A moment as the engine writes it (24-hour UTC), with the visitor's own time beside it when their
/// clock is not on UTC: "10:02:23 UTC (12:02:23 your time)".
fn moment(unix: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix as f64 * 1000.0));
    let utc = format!(
        "{:02}:{:02}:{:02} UTC",
        date.get_utc_hours(),
        date.get_utc_minutes(),
        date.get_utc_seconds()
    );
    if date.get_timezone_offset() == 0.0 {
        utc
    } else {
        format!(
            "{utc} ({:02}:{:02}:{:02} your time)",
            date.get_hours(),
            date.get_minutes(),
            date.get_seconds()
        )
    }
}
