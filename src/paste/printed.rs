//! Response headers a program printed as an object inside its error message: the OpenAPI
//! Generator's Python clients (the Kubernetes client among them) print `HTTP response headers:
//! HTTPHeaderDict({'Retry-After': '30', …})`; Node's urllib prints `headers: {"server":"nginx",…}`
//! under its error line. Read as the response's headers, they say who answered, when to retry and
//! which request id to quote. They come back in name order (the object is read as JSON), not in the
//! order the program printed them.

use super::shared::{balanced, inspect_to_json, WORDING_SCAN};
use super::Header;

/// Labels that introduce the response's headers, lower case. A bare `headers:` counts only at the
/// very start of a line (where urllib prints it) and before a JSON object (`{"`): an axios error's
/// inspected request config and a pasted `fetch(…, { headers: {…} })` print it indented.
/// A program's own label for its response object's headers (`console.log("resp.headers:",
/// resp.headers)`, Python's `print("response.headers:", r.headers)`) counts anywhere before an object.
const LABELS: [&str; 6] = [
    "http response headers:",
    "response headers:",
    "response.headers:",
    "resp.headers:",
    "res.headers:",
    "headers:",
];

/// Names only a request carries: an object holding one of them, or any secret header but Set-Cookie,
/// is the request's headers, not the response's.
const REQUEST_ONLY: [&str; 12] = [
    "user-agent",
    "accept",
    "accept-encoding",
    "accept-language",
    "host",
    "origin",
    "referer",
    "x-requested-with",
    "if-none-match",
    "if-modified-since",
    "access-control-request-method",
    "access-control-request-headers",
];

/// The response headers printed as an object in `text`, or none.
pub(super) fn headers(text: &str) -> Vec<Header> {
    let text = super::shared::prefix(text, WORDING_SCAN);
    let lower = text.to_ascii_lowercase();
    for label in LABELS {
        for (at, _) in lower.match_indices(label).take(8) {
            let bare = label == "headers:";
            if bare
                && lower[..at]
                    .rsplit('\n')
                    .next()
                    .is_some_and(|l| !l.is_empty())
            {
                continue;
            }
            let rest = &text[at + label.len()..];
            let after = rest.trim_start();
            let after = after.strip_prefix("HTTPHeaderDict(").unwrap_or(after);
            if !after.starts_with('{') || (bare && !after.starts_with("{\"")) {
                continue;
            }
            let open = text.len() - after.len();
            let Some(block) = balanced(text, open) else {
                continue;
            };
            let found = object_headers(block);
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

fn object_headers(block: &str) -> Vec<Header> {
    let value = serde_json::from_str::<serde_json::Value>(block)
        .ok()
        .or_else(|| serde_json::from_str(&inspect_to_json(block)).ok());
    let Some(serde_json::Value::Object(map)) = value else {
        return Vec::new();
    };
    let request_only = |name: &str| {
        let lower = name.to_ascii_lowercase();
        REQUEST_ONLY.contains(&lower.as_str())
            || (lower != "set-cookie" && crate::diagnosis::redact::is_secret_header(&lower))
    };
    if map.keys().any(|k| request_only(k)) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (name, value) in &map {
        let plain = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !plain {
            continue;
        }
        // A repeated header printed as a list (Node's set-cookie) is one header per item.
        let values = match value {
            serde_json::Value::String(s) => vec![s.clone()],
            serde_json::Value::Number(n) => vec![n.to_string()],
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        found.extend(values.into_iter().map(|value| Header {
            name: name.clone(),
            value,
        }));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        headers(text)
            .into_iter()
            .map(|h| (h.name, h.value))
            .collect()
    }

    #[test]
    fn a_python_clients_header_dict_and_urllibs_json_headers_are_read() {
        let k8s = "kubernetes.client.exceptions.ApiException: (429)\nReason: Too Many Requests\nHTTP response headers: HTTPHeaderDict({'Audit-Id': 'a1', 'Retry-After': '1', 'Content-Length': '18'})\nHTTP response body: Too many requests";
        let got = pairs(k8s);
        assert!(got.contains(&("Retry-After".into(), "1".into())), "{got:?}");
        assert!(got.contains(&("Audit-Id".into(), "a1".into())), "{got:?}");
        let urllib = "JSONResponseFormatError: Unexpected token <, PUT http://r.example/sync 502\nheaders: {\"server\":\"nginx/1.4.6 (Ubuntu)\",\"content-type\":\"text/html\"} (uncaughtException)";
        assert!(
            pairs(urllib).contains(&("server".into(), "nginx/1.4.6 (Ubuntu)".into())),
            "{:?}",
            pairs(urllib)
        );
    }

    #[test]
    fn request_headers_and_objects_that_are_not_headers_are_not_read() {
        // An axios error's config prints the request's headers, with the token.
        assert!(pairs(
            "config: {\n  headers: {\"Authorization\":\"Bearer x\",\"Accept\":\"*/*\"}\n}"
        )
        .is_empty());
        assert!(pairs("response headers: {'Authorization': 'Bearer x'}").is_empty());
        // A bare `headers:` inside a line, or before a non-JSON object, is not read.
        assert!(pairs("it printed headers: {\"server\":\"nginx\"}").is_empty());
        assert!(pairs("headers: { server: 'nginx' }").is_empty());
        assert!(pairs("response headers: none").is_empty());
        // A request's options pasted above the error, indented, or holding a request's header.
        assert!(pairs("fetch(url, {\n  headers: {\"Content-Type\": \"application/json\", \"X-Request-Id\": \"abc\"}\n})").is_empty());
        assert!(pairs(
            "response headers: {\"Origin\": \"https://app.example\", \"X-Request-Id\": \"abc\"}"
        )
        .is_empty());
        assert!(pairs("response headers: {\"X-Auth-Token\": \"t0k3n\"}").is_empty());
    }

    #[test]
    fn a_header_printed_as_a_list_is_one_header_per_item() {
        let got = pairs("headers: {\"set-cookie\": [\"a=1; Path=/\", \"b=2; HttpOnly\"], \"server\": \"nginx\"}");
        assert!(
            got.contains(&("set-cookie".into(), "a=1; Path=/".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("set-cookie".into(), "b=2; HttpOnly".into())),
            "{got:?}"
        );
    }
}
