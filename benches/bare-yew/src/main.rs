//! A bare Yew app: a text box and a line that echoes it. What every Yew widget pays before its own
//! code and content — the floor the widget's transfer size and start-up are compared against.

use yew::prelude::*;

#[component]
fn App() -> Html {
    let text = use_state(String::new);
    let on_input = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
        })
    };
    html! {
        <main>
            <label for="q">{ "Status code" }</label>
            <input id="q" oninput={on_input} />
            <p id="out">{ format!("You typed: {}", *text) }</p>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
