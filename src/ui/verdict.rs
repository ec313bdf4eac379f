//! The headline (code, registered phrase, class and side badges) and the one-sentence verdict.

use crate::diagnosis::Diagnosis;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct VerdictProps {
    pub diagnosis: Rc<Diagnosis>,
    /// The headline takes the focus when a code is picked.
    pub heading: NodeRef,
}

#[component]
pub fn Verdict(props: &VerdictProps) -> Html {
    let headings = super::use_headings();
    let d = &props.diagnosis;
    let class_badge = d.status.map(|s| {
        html! { <span class="ht-badge" data-class={class_key(s.class)}>{ format!("{} · {}", s.class.range(), s.class.label()) }</span> }
    });
    let official = d.status.filter(|s| !s.official || !s.known).map(|s| {
        let text = if s.known {
            format!("Unofficial · {}", s.source.name)
        } else {
            "Not a registered code".to_string()
        };
        html! { <span class="ht-badge">{ text }</span> }
    });
    html! {
        <>
            <div class="ht-headline">
                { super::heading(headings, 0, Some(&props.heading), html! { { &d.headline } }) }
                <div class="ht-badges">
                    { for class_badge }
                    <span class="ht-badge" data-side={side_key(d.side)}>{ format!("Side: {}", d.side.label()) }</span>
                    { for official }
                </div>
            </div>
            if let Some(sent) = &d.reason_sent {
                <p class="ht-sent-as">{ format!("The server called it \u{201c}{sent}\u{201d}.") }</p>
            }
            if let Some(who) = &d.answered_by {
                <p class="ht-sent-as">{ format!("Answered by: {who}") }</p>
            }
            if let Some(client) = &d.client {
                <p class="ht-sent-as">{ format!("Reported by: {client}") }</p>
            }
            <p class="ht-verdict">{ &d.verdict }</p>
            if let Some(message) = &d.server_message {
                <p><strong>{ "The server says: " }</strong><q>{ message }</q></p>
            }
        </>
    }
}

fn class_key(class: crate::catalog::StatusClass) -> &'static str {
    use crate::catalog::StatusClass::*;
    match class {
        Informational => "informational",
        Success => "success",
        Redirection => "redirection",
        ClientError => "client-error",
        ServerError => "server-error",
        Nonstandard => "nonstandard",
    }
}

fn side_key(side: crate::catalog::Side) -> &'static str {
    use crate::catalog::Side::*;
    match side {
        Client => "client",
        Server => "server",
        Intermediary => "intermediary",
        Network => "network",
        Either => "either",
    }
}
