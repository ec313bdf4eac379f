//! What to do next, as a checklist the visitor can tick off.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StepsProps {
    pub steps: Vec<crate::diagnosis::Shown>,
}

#[component]
pub fn Steps(props: &StepsProps) -> Html {
    let prefix = super::use_dom_id("step");
    if props.steps.is_empty() {
        return Html::default();
    }
    html! {
        <>
            <h3>{ "What to do next" }</h3>
            <ol class="ht-steps">
                { for props.steps.iter().enumerate().map(|(i, step)| {
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
