//! Request ids to quote to support: from the response headers (and `cf-ray`, `traceparent`), from the
//! body (`requestId`, `request_id`, `innerError.request-id`, S3 `RequestId`/`HostId`…).

use super::Notes;
use crate::knowledge::COMPONENTS;
use crate::paste::Exchange;
use serde_json::Value;

/// JSON keys (any depth) that name a request id.
const BODY_KEYS: [&str; 8] = [
    "requestId",
    "request_id",
    "request-id",
    "requestID",
    "traceId",
    "trace_id",
    "correlationId",
    "client-request-id",
];

pub(super) fn read(exchange: &Exchange, notes: &mut Notes) {
    // The headers that carry request or trace ids are knowledge: each component lists its own.
    for component in COMPONENTS {
        for name in component.request_ids {
            for header in exchange
                .headers
                .iter()
                .filter(|h| h.name.eq_ignore_ascii_case(name))
            {
                notes.matched(component.id);
                notes.request_id(&header.name, &header.value);
            }
        }
    }
    let Some(body) = &exchange.body else { return };
    if let Some(json) = &body.json {
        let mut found = Vec::new();
        collect(json, "", &mut found, 0);
        for (path, value) in found {
            notes.request_id(&path, &value);
        }
    }
    // Some XML errors put "RequestId:…" inside Message.
    if let Some(message) = body.xml_field("Message") {
        for line in message.lines() {
            if let Some(id) = line.trim().strip_prefix("RequestId:") {
                notes.request_id("Message RequestId", id.trim());
            }
        }
    }
    // Error pages show their reference ids as text ("Cloudflare Ray ID: <strong>…</strong>"); each
    // component lists the labels its pages use.
    let labels: Vec<(&str, &str)> = COMPONENTS
        .iter()
        .flat_map(|c| c.page_ids.iter().map(move |l| (c.name, *l)))
        .collect();
    if labels.is_empty() || body.media == crate::paste::MediaKind::Json {
        return;
    }
    let prefix: String = body.text.chars().take(50_000).collect();
    let text = crate::paste::visible_text(&prefix);
    for (name, label) in labels {
        if let Some(at) = text.find(label) {
            let id: String = text[at + label.len()..]
                .trim_start_matches([' ', ':', '#'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
                .collect();
            let id = id.trim_end_matches('.');
            if id.len() >= 8 {
                notes.request_id(
                    &format!("{} {}", name, label.trim_end_matches([':', ' ', '#'])),
                    id,
                );
            }
        }
    }
}

fn collect(value: &Value, path: &str, found: &mut Vec<(String, String)>, depth: usize) {
    if depth > 8 || found.len() >= 8 {
        return;
    }
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{}.{}", path, key)
                };
                if BODY_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key)) {
                    if let Some(s) = v.as_str() {
                        found.push((here.clone(), s.to_string()));
                        continue;
                    }
                }
                collect(v, &here, found, depth + 1);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate().take(20) {
                collect(v, &format!("{}[{}]", path, i), found, depth + 1);
            }
        }
        _ => {}
    }
}
