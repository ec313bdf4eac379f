//! The widget's half of the JavaScript API: `diagnose`, `diagnoseResponse` and `mount` (the default
//! `widget` feature).

use super::{
    code_number, code_text, describe, describe_number, describe_string, is_array, number_text,
    range_error, to_js, type_error, ACCEPTED,
};
use crate::diagnosis::{self, Clock};
use crate::ui::{App, AppProps, HeadingBase, Theme};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use yew::AppHandle;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = include_str!("../../www/types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `{ code, text, theme, compact, routing }`, checked at run time by `props_from`.
    #[wasm_bindgen(typescript_type = "MountOptions")]
    pub type MountOptions;
}

const DIAGNOSE_ACCEPTS: &str = "a string (the pasted text), a status code (429), or an error or response object from fetch, axios, ky, got, ofetch or a similar client";

/// A property of a JavaScript object, `undefined` when absent (or when reading it throws).
fn prop(object: &JsValue, key: &str) -> JsValue {
    if !object.is_object() && !object.is_function() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// A value as text in a paste: strings as they are, numbers as JavaScript prints them, objects as
/// JSON (a response body that a client already parsed).
fn as_paste_text(value: &JsValue) -> Option<String> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if let Some(s) = value.as_string() {
        return Some(s);
    }
    if let Some(n) = value.as_f64() {
        return Some(number_text(n));
    }
    if value.is_object() {
        return js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .filter(|s| s != "{}");
    }
    None
}

/// A status number from `status` or `statusCode`, if it is an integer code.
fn status_of(object: &JsValue) -> Option<u16> {
    ["status", "statusCode"].iter().find_map(|key| {
        let n = prop(object, key).as_f64()?;
        (n.fract() == 0.0 && (100.0..=999.0).contains(&n)).then_some(n as u16)
    })
}

/// Header lines from a `Headers` object, a `Map`, or a plain object (axios, got).
fn header_lines(headers: &JsValue, out: &mut String) {
    if headers.is_undefined() || headers.is_null() || !headers.is_object() {
        return;
    }
    let mut push = |name: &JsValue, value: &JsValue| {
        let Some(name) = name.as_string() else {
            return;
        };
        // An array value (set-cookie in Node) is one header line per item.
        let values: Vec<String> = if is_array(value).unwrap_or(false) {
            js_sys::Array::from(value)
                .iter()
                .filter_map(|v| as_paste_text(&v))
                .collect()
        } else {
            as_paste_text(value).into_iter().collect()
        };
        for v in values {
            out.push_str(&name);
            out.push_str(": ");
            out.push_str(&v.replace(['\r', '\n'], " "));
            out.push('\n');
        }
    };
    // Headers and Map are iterable as [name, value] pairs; a plain object is read by its entries.
    let iterable =
        headers.is_instance_of::<web_sys::Headers>() || headers.is_instance_of::<js_sys::Map>();
    if iterable {
        if let Ok(Some(iter)) = js_sys::try_iter(headers) {
            for pair in iter.flatten() {
                let pair = js_sys::Array::from(&pair);
                push(&pair.get(0), &pair.get(1));
            }
        }
        return;
    }
    let Some(object) = headers.dyn_ref::<js_sys::Object>() else {
        return;
    };
    for entry in js_sys::Object::entries(object).iter() {
        let pair = js_sys::Array::from(&entry);
        push(&pair.get(0), &pair.get(1));
    }
}

/// A response as raw HTTP, the way a developer pastes it: status line, header lines, blank line, body.
fn raw_response(code: u16, reason: &str, headers: &JsValue, body: Option<String>) -> String {
    let mut text = format!("HTTP/1.1 {code} {reason}").trim_end().to_string();
    text.push('\n');
    header_lines(headers, &mut text);
    if let Some(body) = body.filter(|b| !b.is_empty()) {
        text.push('\n');
        text.push_str(&body);
    }
    text
}

/// What an error or response object holds, written as the text a developer would paste: the error
/// line(s) first (`AxiosError: Request failed with status code 404`, the `cause` of a fetch
/// failure and its code), then the response as raw HTTP (status line, headers, body).
fn paste_from_object(value: &JsValue) -> String {
    let mut text = String::new();
    let message = prop(value, "message").as_string();
    if let Some(message) = &message {
        let name = prop(value, "name")
            .as_string()
            .unwrap_or_else(|| "Error".into());
        text.push_str(&format!("{name}: {message}\n"));
        if let Some(code) = prop(value, "code").as_string() {
            text.push_str(&format!("  code: '{code}'\n"));
        }
        let cause = prop(value, "cause");
        if let Some(cause_message) = prop(&cause, "message").as_string() {
            let name = prop(&cause, "name")
                .as_string()
                .unwrap_or_else(|| "Error".into());
            text.push_str(&format!("  [cause]: {name}: {cause_message}\n"));
            if let Some(code) = prop(&cause, "code").as_string() {
                text.push_str(&format!("    code: '{code}'\n"));
            }
        }
    }
    // The response: the object itself (a Response, got's or ofetch's error fields), or its
    // `response` (axios, ky, got).
    let response = prop(value, "response");
    let holder = if status_of(&response).is_some() {
        &response
    } else {
        value
    };
    if let Some(code) = status_of(holder) {
        let reason = ["statusText", "statusMessage"]
            .iter()
            .find_map(|k| prop(holder, k).as_string())
            .unwrap_or_default();
        // axios: data; got: body (a string); ofetch: data on the error.
        let body = ["data", "body"]
            .iter()
            .find_map(|k| as_paste_text(&prop(holder, k)))
            .or_else(|| as_paste_text(&prop(value, "data")));
        let head = raw_response(code, &reason, &prop(holder, "headers"), body);
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&head);
    }
    text
}

/// Diagnose what a developer holds: pasted text, a status code, or an error/response object.
#[wasm_bindgen(js_name = diagnose, unchecked_return_type = "Diagnosis")]
pub fn diagnose_text(
    #[wasm_bindgen(unchecked_param_type = "string | number | Error | Response | object")]
    value: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "DiagnoseOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let exchange = diagnose_options(options.as_ref())?;
    let text = if let Some(text) = value.as_string() {
        text
    } else if let Some(n) = value.as_f64() {
        // 0 is what browsers report when no response reached the page.
        if !n.is_finite() || n.fract() != 0.0 || !(n == 0.0 || (100.0..=999.0).contains(&n)) {
            return Err(range_error(format!(
                "diagnose() was given {}, which is not an HTTP status code; it accepts {DIAGNOSE_ACCEPTS}.",
                describe(&value)
            )));
        }
        number_text(n)
    } else if value.is_object() && !is_array(&value).unwrap_or(true) {
        let text = paste_from_object(&value);
        if text.trim().is_empty() {
            return Err(type_error(format!(
                "diagnose() was given an object with no message, status or response to read; it accepts {DIAGNOSE_ACCEPTS}."
            )));
        }
        text
    } else {
        return Err(type_error(format!(
            "diagnose() was given {}; it accepts {DIAGNOSE_ACCEPTS}.",
            describe(&value)
        )));
    };
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let clock = Clock { now: Some(now) };
    match exchange {
        Some(index) => to_js(&diagnosis::diagnose_request(&text, clock, index)),
        None => to_js(&diagnosis::diagnose_at(&text, clock)),
    }
}

fn diagnose_string(text: &str) -> Result<JsValue, JsValue> {
    let now = (js_sys::Date::now() / 1000.0) as i64;
    to_js(&diagnosis::diagnose_at(text, Clock { now: Some(now) }))
}

/// The options of `diagnose()`: `{ exchange }`, the index of the request to diagnose in a paste
/// that holds many (a HAR file's `exchanges[i].index`).
#[derive(Deserialize, Default)]
#[serde(default)]
struct DiagnoseOptions {
    exchange: Given<f64>,
}

fn diagnose_options(options: Option<&JsValue>) -> Result<Option<usize>, JsValue> {
    let Some(options) = options.filter(|o| !o.is_undefined() && !o.is_null()) else {
        return Ok(None);
    };
    if !options.is_object() {
        return Err(type_error(format!(
            "diagnose() was given {} as options; it accepts an object like {{ exchange: 3 }}.",
            describe(options)
        )));
    }
    let o: DiagnoseOptions = read_options(options, &["exchange"], "diagnose()")?;
    match o.exchange {
        Given::Absent | Given::Null => Ok(None),
        Given::Value(n) if n.is_finite() && n.fract() == 0.0 && (0.0..=1e9).contains(&n) => {
            Ok(Some(n as usize))
        }
        Given::Value(n) => Err(range_error(format!(
            "diagnose(): options.exchange was {}; it accepts the index of a request (an integer from 0), as in diagnosis.exchanges[i].index.",
            describe_number(n)
        ))),
        Given::Other(v) => Err(type_error(format!(
            "diagnose(): options.exchange was {}; it accepts the index of a request (an integer from 0), as in diagnosis.exchanges[i].index.",
            describe(&v)
        ))),
    }
}

/// Diagnose a fetch `Response`: its status, headers and body, read from a clone so the caller can
/// still read the body. A body already read is left out (the status and headers still count).
#[wasm_bindgen(js_name = diagnoseResponse, unchecked_return_type = "Diagnosis")]
pub async fn diagnose_response(
    #[wasm_bindgen(unchecked_param_type = "Response")] response: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(response) = response.dyn_ref::<web_sys::Response>() else {
        return Err(type_error(format!(
            "diagnoseResponse() was given {}; it accepts a Response (from fetch). For an error object or text, call diagnose().",
            describe(&response)
        )));
    };
    // The body from a clone, so the caller can still read it; a body already read is left out.
    let mut body = None;
    if !response.body_used() {
        if let Ok(promise) = response.clone().and_then(|copy| copy.text()) {
            body = JsFuture::from(promise)
                .await
                .ok()
                .and_then(|b| b.as_string());
        }
    }
    diagnose_string(&raw_response(
        response.status(),
        &response.status_text(),
        &response.headers().into(),
        body,
    ))
}

/// One option as the host gave it: absent, `null`, a value of the accepted type, or something else
/// (kept, to name it in the error message).
#[derive(Default)]
enum Given<T> {
    #[default]
    Absent,
    Null,
    Value(T),
    Other(JsValue),
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Given<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value: JsValue = serde_wasm_bindgen::preserve::deserialize(d)?;
        Ok(if value.is_undefined() {
            Given::Absent
        } else if value.is_null() {
            Given::Null
        } else if !(value.is_string() || value.as_f64().is_some() || value.as_bool().is_some()) {
            // No option takes an object: reading one (a Proxy, a revoked one) could throw.
            Given::Other(value)
        } else {
            match serde_wasm_bindgen::from_value::<T>(value.clone()) {
                Ok(v) => Given::Value(v),
                Err(_) => Given::Other(value),
            }
        })
    }
}

impl Given<bool> {
    /// A flag, read as JavaScript reads `if (value)`.
    fn flag(self) -> Option<bool> {
        match self {
            Given::Absent => None,
            Given::Null => Some(false),
            Given::Value(b) => Some(b),
            Given::Other(v) => Some(v.is_truthy()),
        }
    }
}

/// A status code option: a number or a numeric string.
#[derive(Deserialize)]
#[serde(untagged)]
enum CodeOption {
    Number(f64),
    Text(String),
}

/// The options of `mount()` and `update()`, read by serde-wasm-bindgen: named fields are read from
/// the object (getters included); unknown ones are ignored.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Options {
    code: Given<CodeOption>,
    text: Given<String>,
    theme: Given<String>,
    compact: Given<bool>,
    heading_level: Given<u8>,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    on_diagnosis: JsValue,
    routing: Given<bool>,
}

/// An options object as `T`, read by serde-wasm-bindgen from a copy of its `fields` made with
/// catching reads (a getter or a Proxy trap may throw; one that throws reads as absent).
fn read_options<T: serde::de::DeserializeOwned>(
    options: &JsValue,
    fields: &[&str],
    caller: &str,
) -> Result<T, JsValue> {
    let copy = js_sys::Object::new();
    for key in fields {
        let key = JsValue::from_str(key);
        let value = js_sys::Reflect::get(options, &key).unwrap_or(JsValue::UNDEFINED);
        if !value.is_undefined() {
            let _ = js_sys::Reflect::set(&copy, &key, &value);
        }
    }
    serde_wasm_bindgen::from_value(copy.into()).map_err(|e| {
        type_error(format!(
            "{caller} could not read its options: {}",
            JsValue::from(e).as_string().unwrap_or_default()
        ))
    })
}

const OPTION_FIELDS: [&str; 7] = [
    "code",
    "text",
    "theme",
    "compact",
    "headingLevel",
    "onDiagnosis",
    "routing",
];

/// Read `{ code, text, theme, compact, headingLevel, onDiagnosis, routing }` from a JavaScript
/// options object.
fn props_from(options: &JsValue, base: AppProps, caller: &str) -> Result<AppProps, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(base);
    }
    if !options.is_object() {
        return Err(type_error(format!("{caller} was given {} as options; it accepts an object like {{ code: 503, theme: \"dark\", compact: true }}.", describe(options))));
    }
    // serde-wasm-bindgen reads fields without catching; a getter or a Proxy trap may throw, and an
    // exception through the wasm would leave the widget borrowed. So the fields are first copied
    // with catching reads (one that throws reads as absent, as before).
    let o: Options = read_options(options, &OPTION_FIELDS, caller)?;
    let mut props = base;
    let bad_code = |given: String| {
        range_error(format!(
            "{caller}: options.code was {given}; it accepts {ACCEPTED}."
        ))
    };
    match o.code {
        Given::Absent => {}
        Given::Null => props.code = None,
        Given::Value(CodeOption::Number(n)) => {
            props.code = Some(code_number(n).ok_or_else(|| bad_code(describe_number(n)))?);
        }
        Given::Value(CodeOption::Text(s)) => {
            props.code = Some(code_text(&s).ok_or_else(|| bad_code(describe_string(&s)))?);
        }
        Given::Other(v) => return Err(bad_code(describe(&v))),
    }
    if props.code.is_some() {
        props.text = None;
    }
    match o.text {
        Given::Absent => {}
        Given::Null => props.text = None,
        Given::Value(text) => {
            props.text = Some(text);
            props.code = None;
        }
        Given::Other(v) => {
            return Err(type_error(format!(
                "{caller}: options.text was {}; it accepts a string (the text to diagnose).",
                describe(&v)
            )))
        }
    }
    let given = match o.theme {
        Given::Absent => None,
        Given::Value(t) => {
            props.theme = Theme::parse(&t);
            None
        }
        Given::Null => Some(describe(&JsValue::NULL)),
        Given::Other(v) => Some(describe(&v)),
    };
    if let Some(given) = given {
        return Err(type_error(format!(
            "{caller}: options.theme was {given}; it accepts \"light\", \"dark\" or \"auto\"."
        )));
    }
    if let Some(compact) = o.compact.flag() {
        props.compact = compact;
    }
    let given = match o.heading_level {
        Given::Absent => None,
        Given::Value(n) if (1..=6).contains(&n) => {
            props.headings = HeadingBase(n);
            None
        }
        Given::Value(n) => Some(describe_number(f64::from(n))),
        Given::Null => Some(describe(&JsValue::NULL)),
        Given::Other(v) => Some(describe(&v)),
    };
    if let Some(given) = given {
        return Err(range_error(format!(
            "{caller}: options.headingLevel was {given}; it accepts an integer from 1 to 6 (the level of the widget's top heading; 2 by default)."
        )));
    }
    let on_diagnosis = o.on_diagnosis;
    if !on_diagnosis.is_undefined() {
        props.on_diagnosis = if on_diagnosis.is_null() {
            None
        } else if let Some(function) = on_diagnosis.dyn_ref::<js_sys::Function>().cloned() {
            Some(yew::Callback::from(move |d: Rc<diagnosis::Diagnosis>| {
                if let Ok(summary) = to_js(&Summary::of(&d)) {
                    // A throwing listener is the host's problem, not the widget's.
                    let _ = function.call1(&JsValue::NULL, &summary);
                }
            }))
        } else {
            return Err(type_error(format!(
                "{caller}: options.onDiagnosis was {}; it accepts a function, called with {{ code, kinds, inputKind, side }} for each diagnosis shown.",
                describe(&on_diagnosis)
            )));
        };
    }
    if let Some(routing) = o.routing.flag() {
        props.routing = routing;
    }
    Ok(props)
}

/// What the host is told about a diagnosis the widget shows: what kind of problem, never the pasted
/// text or anything from it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Summary {
    code: Option<u16>,
    kinds: Vec<&'static str>,
    input_kind: crate::paste::InputKind,
    side: crate::catalog::Side,
}

impl Summary {
    fn of(d: &diagnosis::Diagnosis) -> Summary {
        let mut kinds: Vec<&'static str> = d.findings.iter().map(|f| f.kind.as_str()).collect();
        kinds.dedup();
        Summary {
            code: d.code,
            kinds,
            input_kind: d.input_kind,
            side: d.side,
        }
    }
}

/// A mounted widget.
#[wasm_bindgen]
pub struct Widget {
    handle: Option<AppHandle<App>>,
    props: AppProps,
}

#[wasm_bindgen]
impl Widget {
    /// Change what the widget shows: `{ code, text, theme, compact }`.
    pub fn update(&mut self, options: Option<MountOptions>) -> Result<(), JsValue> {
        let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
        let props = props_from(&options, self.props.clone(), "update()")?;
        let Some(handle) = self.handle.as_mut() else {
            return Err(
                js_sys::Error::new("update() was called on a widget that was destroyed.").into(),
            );
        };
        self.props = props.clone();
        handle.update(props);
        Ok(())
    }

    /// Remove the widget from the page. Calling it twice is harmless.
    pub fn destroy(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
    }
}

/// Render the troubleshooter into `element` (its content is replaced). Nothing is mounted until this
/// is called. Options: `{ code, text, theme: "light" | "dark" | "auto", compact, routing }`.
#[wasm_bindgen]
pub fn mount(
    #[wasm_bindgen(unchecked_param_type = "Element")] element: JsValue,
    options: Option<MountOptions>,
) -> Result<Widget, JsValue> {
    let options: JsValue = options.map(Into::into).unwrap_or(JsValue::UNDEFINED);
    let Some(element) = element.dyn_ref::<web_sys::Element>().cloned() else {
        // An element of another document (an iframe's) is an element, just not of this page.
        let node_type = js_sys::Reflect::get(&element, &JsValue::from_str("nodeType")).ok();
        let given = if node_type.and_then(|t| t.as_f64()) == Some(1.0) {
            "an element of another document (an iframe's)".to_string()
        } else {
            describe(&element)
        };
        return Err(type_error(format!("mount() was given {given} as its first argument; it accepts a DOM element of this page (or a ShadowRoot's child element).")));
    };
    let props = props_from(&options, AppProps::default(), "mount()")?;
    let handle = yew::Renderer::<App>::with_root_and_props(element, props.clone()).render();
    Ok(Widget {
        handle: Some(handle),
        props,
    })
}
