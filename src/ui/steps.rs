//! What to do next, as a checklist the visitor can tick off.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StepsProps {
    pub steps: Vec<crate::diagnosis::Shown>,
    /// How many to show (the short answer shows the first, most specific ones).
    #[prop_or(usize::MAX)]
    pub shown: usize,
}

#[component]
pub fn Steps(props: &StepsProps) -> Html {
    let headings = super::use_headings();
    let prefix = super::use_dom_id("step");
    if props.steps.is_empty() {
        return Html::default();
    }
    html! {
        <>
            { super::heading(headings, 1, None, html! { { "What to do next" } }) }
            <ol class="ht-steps">
                { for props.steps.iter().take(props.shown).enumerate().map(|(i, step)| {
                    let id = format!("{prefix}-{i}");
                    html! {
                        <li key={step.to_string()}>
                            <input type="checkbox" id={id.clone()} />
                            <label for={id}>{ step }</label>
                        </li>
                    }
                }) }
            </ol>
        </>
    }
}
