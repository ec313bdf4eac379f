//! Browser tests (wasm-bindgen-test in headless Chromium): mount the widget into a fresh element and
//! check what a visitor would see for real diagnoses, and that the JavaScript API refuses bad input
//! with a catchable error instead of a trap.
#![cfg(target_arch = "wasm32")]

use http_troubleshooter::ui::{App, AppProps, Theme};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn settle() {
    yew::scheduler::flush().await;
    // Effects that dispatch on start need a second round.
    yew::platform::time::sleep(std::time::Duration::from_millis(30)).await;
    yew::scheduler::flush().await;
}

async fn mount(props: AppProps) -> (Element, yew::AppHandle<App>) {
    let root = fresh_root();
    let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    settle().await;
    (root, handle)
}

fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .map(|e| e.unchecked_into::<HtmlElement>().inner_text())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_code_shows_its_catalog_entry_in_the_diagnosis_region() {
    let (root, handle) = mount(AppProps {
        code: Some(404),
        ..Default::default()
    })
    .await;
    let region = root
        .query_selector("section[aria-label='Diagnosis']")
        .unwrap()
        .expect("a Diagnosis region");
    // The short answer keeps the catalog entry one click away.
    let summary: HtmlElement = root
        .query_selector("details.ht-entry summary")
        .unwrap()
        .expect("the catalog entry")
        .unchecked_into();
    summary.click();
    settle().await;
    let text = region.unchecked_into::<HtmlElement>().inner_text();
    assert!(text.contains("404 Not Found"), "{text}");
    assert!(text.contains("Your request"), "the side: {text}");
    assert!(
        text.contains("405 Method Not Allowed"),
        "related codes: {text}"
    );
    assert_eq!(
        root.query_selector("textarea")
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlTextAreaElement>()
            .value(),
        "404"
    );
    handle.destroy();
    settle().await;
    assert_eq!(
        root.child_element_count(),
        0,
        "destroy() empties the element"
    );
}

#[wasm_bindgen_test]
async fn a_rate_limited_response_shows_the_wait_and_the_request_id() {
    let paste = "HTTP/1.1 429 Too Many Requests\nRetry-After: 120\nX-Request-Id: req-abc-123\nContent-Type: application/json\n\n{\"message\":\"Slow down\"}";
    let (root, handle) = mount(AppProps {
        text: Some(paste.into()),
        ..Default::default()
    })
    .await;
    let text = text_of(&root, "section.ht-result");
    assert!(text.contains("429 Too Many Requests"), "{text}");
    assert!(text.contains("You are rate limited"), "{text}");
    assert!(text.contains("req-abc-123"), "{text}");
    assert!(text.contains("Slow down"), "the server's message: {text}");
    let timer = root
        .query_selector("[role='timer']")
        .unwrap()
        .expect("a countdown");
    let shown = timer.text_content().unwrap();
    assert!(shown == "2:00" || shown == "1:59", "countdown {shown}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn pasted_html_is_shown_as_text_and_secrets_are_masked() {
    let paste = "HTTP/1.1 500 Internal Server Error\nContent-Type: text/plain\nSet-Cookie: session=supersecretvalue123\n\n<img src=x onerror=alert(1)><script>alert(2)</script> token sk_live_abcdefghijklmnop1234";
    let (root, handle) = mount(AppProps {
        text: Some(paste.into()),
        ..Default::default()
    })
    .await;
    assert!(
        root.query_selector("section img, section script")
            .unwrap()
            .is_none(),
        "no element is made from the paste"
    );
    let text = text_of(&root, "section.ht-result");
    assert!(
        text.contains("<img src=x onerror=alert(1)>"),
        "shown as text: {text}"
    );
    let report = root
        .query_selector("section.ht-result")
        .unwrap()
        .unwrap()
        .inner_html();
    assert!(!report.contains("supersecretvalue123"), "cookie masked");
    assert!(!report.contains("abcdefghijklmnop1234"), "key masked");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn a_network_error_has_no_code_and_says_so() {
    let (root, handle) = mount(AppProps {
        text: Some("GET https://api.example.invalid/x net::ERR_NAME_NOT_RESOLVED".into()),
        ..Default::default()
    })
    .await;
    let text = text_of(&root, "section.ht-result");
    assert!(text.contains("Host name not found (DNS)"), "{text}");
    assert!(text.contains("The network, not HTTP"), "{text}");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn clicking_a_related_code_shows_it() {
    let (root, handle) = mount(AppProps {
        code: Some(502),
        ..Default::default()
    })
    .await;
    let button = root.query_selector_all(".ht-related button").unwrap();
    let mut clicked = false;
    for i in 0..button.length() {
        let b: HtmlElement = button.item(i).unwrap().unchecked_into();
        // The related codes sit in the (closed) catalog entry: read their text, rendered or not.
        if b.text_content().unwrap_or_default().starts_with("504") {
            b.click();
            clicked = true;
        }
    }
    assert!(clicked, "502 lists 504 as related");
    settle().await;
    let heading = text_of(&root, ".ht-headline h2");
    assert_eq!(heading, "504 Gateway Timeout");
    handle.destroy();
}

#[wasm_bindgen_test]
async fn theme_compact_and_updates() {
    let (root, mut handle) = mount(AppProps {
        code: Some(503),
        theme: Theme::Dark,
        compact: true,
        ..Default::default()
    })
    .await;
    let widget = root.query_selector(".ht-root").unwrap().unwrap();
    assert_eq!(widget.get_attribute("data-theme").as_deref(), Some("dark"));
    assert!(
        root.query_selector(".ht-catalog").unwrap().is_none(),
        "compact hides the catalog"
    );
    handle.update(AppProps {
        code: Some(404),
        theme: Theme::Light,
        compact: true,
        ..Default::default()
    });
    settle().await;
    assert_eq!(text_of(&root, ".ht-headline h2"), "404 Not Found");
    assert_eq!(
        root.query_selector(".ht-root")
            .unwrap()
            .unwrap()
            .get_attribute("data-theme")
            .as_deref(),
        Some("light")
    );
    handle.destroy();
}

#[wasm_bindgen_test]
fn the_js_api_throws_catchable_errors_for_bad_arguments() {
    use http_troubleshooter::js::{diagnose_text, explain_status};
    for bad in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_str("abc"),
        js_sys::Object::new().into(),
    ] {
        let error = explain_status(bad).unwrap_err();
        assert!(error.is_instance_of::<js_sys::TypeError>(), "{error:?}");
    }
    for bad in [
        JsValue::from_f64(f64::NAN),
        JsValue::from_f64(12.0),
        JsValue::from_f64(1e9),
        JsValue::from_f64(404.5),
    ] {
        let error = explain_status(bad).unwrap_err();
        assert!(error.is_instance_of::<js_sys::RangeError>(), "{error:?}");
        let message = js_sys::Error::from(error).message().as_string().unwrap();
        assert!(message.contains("100 to 999"), "{message}");
    }
    // The module still works afterwards.
    let entry = explain_status(JsValue::from_str("404")).unwrap();
    assert_eq!(
        js_sys::Reflect::get(&entry, &"phrase".into()).unwrap(),
        "Not Found"
    );
    assert!(diagnose_text(JsValue::TRUE, None)
        .unwrap_err()
        .is_instance_of::<js_sys::TypeError>());
    assert!(
        diagnose_text(JsValue::from_f64(1.0), None)
            .unwrap_err()
            .is_instance_of::<js_sys::RangeError>(),
        "1 is no status code"
    );
}
