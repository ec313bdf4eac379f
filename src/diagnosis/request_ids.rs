//! Request ids to quote to support: from the response headers (and `cf-ray`, `traceparent`), from the
//! body (`requestId`, `request_id`, `innerError.request-id`, S3 `RequestId`/`HostId`…).

use super::Notes;
use crate::paste::Exchange;
use serde_json::Value;

/// Response headers that carry a request or trace id, in the order they are most useful to support.
const HEADERS: [&str; 18] = [
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-amz-apigw-id",
    "x-amz-cf-id",
    "x-ms-request-id",
    "x-ms-client-request-id",
    "x-github-request-id",
    "cf-ray",
    "x-vercel-id",
    "fly-request-id",
    "x-nf-request-id",
    "x-correlation-id",
    "x-trace-id",
    "x-cloud-trace-context",
    "x-azure-ref",
    "traceparent",
];

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
    for name in HEADERS {
        for header in exchange
            .headers
            .iter()
            .filter(|h| h.name.eq_ignore_ascii_case(name))
        {
            notes.request_id(&header.name, &header.value);
        }
    }
    let Some(body) = &exchange.body else { return };
    if let Some(json) = &body.json {
        let mut found = Vec::new();
        collect(json, "", &mut found, 0);
        for (path, value) in found {
            notes.request_id(&path, &value);
        }
        // Stripe puts the request id in a dashboard URL.
        if let Some(url) = json
            .pointer("/error/request_log_url")
            .and_then(Value::as_str)
        {
            if let Some(id) = url.rsplit('/').next().filter(|id| id.starts_with("req_")) {
                notes.request_id("error.request_log_url", id.split('?').next().unwrap_or(id));
            }
        }
    }
    for field in ["RequestId", "HostId"] {
        if let Some(value) = body.xml_field(field) {
            notes.request_id(field, value);
        }
    }
    // Azure Storage puts "RequestId:…" inside Message.
    if let Some(message) = body.xml_field("Message") {
        for line in message.lines() {
            if let Some(id) = line.trim().strip_prefix("RequestId:") {
                notes.request_id("Message RequestId", id.trim());
            }
        }
    }
    // Cloudflare pages show the Ray ID in the body ("Cloudflare Ray ID: <strong>…</strong>").
    let prefix: String = body.text.chars().take(50_000).collect();
    let text = crate::paste::visible_text(&prefix);
    if let Some(at) = text.find("Ray ID:") {
        let id: String = text[at + 7..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if id.len() >= 8 {
            notes.request_id("Cloudflare Ray ID", &id);
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
                    format!("{path}.{key}")
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
                collect(v, &format!("{path}[{i}]"), found, depth + 1);
            }
        }
        _ => {}
    }
}
