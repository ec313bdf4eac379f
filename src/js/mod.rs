//! The JavaScript API: the only module that speaks wasm-bindgen to the outside world.
//!
//! ```js
//! import init, { explainStatus, diagnose, listStatuses, mount } from './http_troubleshooter.js';
//! await init();
//! explainStatus(429); diagnose(text); listStatuses();
//! const widget = mount(element, { code: 503, theme: 'dark', compact: true });
//! widget.update({ code: 404 }); widget.destroy();
//! ```
//!
//! It converts and validates; it decides nothing. Bad arguments become a `TypeError` or `RangeError`
//! that says what was given and what is accepted — never a trap — so the module keeps working.

//!
//! Two builds share this module: the full one (the default `widget` feature: the widget, `diagnose`
//! and `mount`, in `widget.rs`) and the lean catalog module for docs sites (`explainStatus`,
//! `listStatuses`, `searchStatuses`, `version`; no Yew, no diagnosis engine). `annotate` is
//! JavaScript (`www/annotate.js`), added to both modules' glue by the post-build step.

use crate::catalog;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

#[cfg(feature = "widget")]
mod widget;
#[cfg(feature = "widget")]
pub use widget::*;

#[wasm_bindgen(typescript_custom_section)]
const CATALOG_TYPES: &'static str = include_str!("../../www/types-catalog.d.ts");

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// A result as a plain JavaScript object. Going through JSON text costs one `JSON.parse`, which
/// engines do faster than building the object property by property across the wasm boundary, and
/// it keeps a second serializer out of the wasm.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        JsValue::from(js_sys::Error::new(&format!(
            "http-troubleshooter could not convert its result: {e}"
        )))
    })?;
    js_sys::JSON::parse(&text)
}

/// Freeze an object and everything inside it, so one cached entry can be handed to every caller.
fn deep_freeze(value: &JsValue) {
    if let Some(object) = value.dyn_ref::<js_sys::Object>() {
        for child in js_sys::Object::values(object).iter() {
            deep_freeze(&child);
        }
        js_sys::Object::freeze(object);
    }
}

thread_local! {
    /// Entries already converted, by code. A docs page that explains every code in a table pays for
    /// each conversion once; later calls return the same frozen object.
    static ENTRIES: RefCell<HashMap<u16, JsValue>> = RefCell::new(HashMap::new());
    static ALL_ENTRIES: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

fn entry_js(code: u16) -> Result<JsValue, JsValue> {
    if let Some(cached) = ENTRIES.with(|m| m.borrow().get(&code).cloned()) {
        return Ok(cached);
    }
    let status = catalog::explain(i64::from(code)).map_err(|e| range_error(e.to_string()))?;
    let value = to_js(&status)?;
    deep_freeze(&value);
    ENTRIES.with(|m| m.borrow_mut().insert(code, value.clone()));
    Ok(value)
}

fn type_error(message: String) -> JsValue {
    js_sys::TypeError::new(&message).into()
}

fn range_error(message: String) -> JsValue {
    js_sys::RangeError::new(&message).into()
}

/// How a value looks in an error message: `undefined`, `null`, `"abc"`, `NaN`, `[object Object]`.
fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        "undefined".into()
    } else if value.is_null() {
        "null".into()
    } else if let Some(s) = value.as_string() {
        describe_string(&s)
    } else if let Some(n) = value.as_f64() {
        describe_number(n)
    } else if value.is_object() {
        // Array.isArray throws on a revoked Proxy; an exception thrown through wasm would skip the
        // caller's clean-up (and leave a widget borrowed for good), so it is caught in the glue.
        if is_array(value).unwrap_or(false) {
            "an array".into()
        } else {
            "an object".into()
        }
    } else {
        format!(
            "a value of type {}",
            value.js_typeof().as_string().unwrap_or_default()
        )
    }
}

fn describe_string(s: &str) -> String {
    let short: String = s.chars().take(40).collect();
    format!(
        "the string {}",
        serde_json::to_string(&short).unwrap_or_default()
    )
}

fn describe_number(n: f64) -> String {
    format!("the number {}", number_text(n))
}

/// A number as JavaScript prints it (NaN, Infinity, 1000000000, 12.5): JavaScript does the printing.
fn number_text(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

const ACCEPTED: &str = "an HTTP status code: an integer from 100 to 999, as a number (429) or a numeric string (\"429\")";

/// A status code given as a number: an integer, 100–999.
fn code_number(n: f64) -> Option<u16> {
    (n.is_finite() && n.fract() == 0.0 && (100.0..=999.0).contains(&n)).then_some(n as u16)
}

/// A status code given as a string: digits only (spaces around them allowed), 100–999.
fn code_text(s: &str) -> Option<u16> {
    let t = s.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse::<u64>()
        .ok()
        .filter(|n| (100..=999).contains(n))
        .map(|n| n as u16)
}

/// A status code argument: an integer or a numeric string, 100–999.
fn status_code(value: &JsValue) -> Result<u16, JsValue> {
    let code = if let Some(n) = value.as_f64() {
        code_number(n)
    } else if let Some(s) = value.as_string() {
        let t = s.trim();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(type_error(format!(
                "explainStatus() was given {}, which is not a number; it accepts {ACCEPTED}.",
                describe(value)
            )));
        }
        code_text(t)
    } else {
        return Err(type_error(format!(
            "explainStatus() was given {}; it accepts {ACCEPTED}.",
            describe(value)
        )));
    };
    code.ok_or_else(|| range_error(format!("explainStatus() was given {}, which is not an HTTP status code; it accepts {ACCEPTED}.", describe(value))))
}

/// The catalog entry for a status code, or the honest fallback for its class (`known: false`).
#[wasm_bindgen(js_name = explainStatus, unchecked_return_type = "StatusEntry")]
pub fn explain_status(
    #[wasm_bindgen(unchecked_param_type = "number | string")] code: JsValue,
) -> Result<JsValue, JsValue> {
    entry_js(status_code(&code)?)
}

/// The crate's version ("0.1.0"), also printed in every report.
#[wasm_bindgen]
pub fn version() -> String {
    crate::diagnosis::VERSION.to_string()
}

/// Every catalog entry, in code order.
#[wasm_bindgen(js_name = listStatuses, unchecked_return_type = "StatusEntry[]")]
pub fn list_statuses() -> Result<JsValue, JsValue> {
    if let Some(cached) = ALL_ENTRIES.with(|a| a.borrow().clone()) {
        return Ok(cached);
    }
    let list = js_sys::Array::new();
    for status in catalog::all() {
        list.push(&entry_js(status.code)?);
    }
    js_sys::Object::freeze(&list);
    let list = JsValue::from(list);
    ALL_ENTRIES.with(|a| *a.borrow_mut() = Some(list.clone()));
    Ok(list)
}

/// Search the catalog (code, phrase, alias, keyword), best match first.
#[wasm_bindgen(js_name = searchStatuses, unchecked_return_type = "StatusEntry[]")]
pub fn search_statuses(
    #[wasm_bindgen(unchecked_param_type = "string")] query: JsValue,
) -> Result<JsValue, JsValue> {
    let Some(query) = query.as_string() else {
        return Err(type_error(format!(
            "searchStatuses() was given {}; it accepts a string.",
            describe(&query)
        )));
    };
    let found = js_sys::Array::new();
    for status in catalog::search(&query) {
        found.push(&entry_js(status.code)?);
    }
    Ok(found.into())
}
