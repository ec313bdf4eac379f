//! Property tests: the same entry points the fuzzers drive (`tests/fuzz/`), on arbitrary and on
//! structured input, in every `cargo test`. Properties a user would notice:
//! - nothing panics, whatever is pasted (arbitrary bytes via lossy UTF-8, truncated JSON, mixed
//!   encodings, random headers);
//! - a well-formed response is read as what it is (its status code comes back);
//! - a secret planted anywhere in a paste never appears in the diagnosis.

// proptest is a host-only dev-dependency; the wasm32 build of the test targets skips this file.
#![cfg(not(target_arch = "wasm32"))]

use http_troubleshooter::diagnosis::{diagnose_at, redact, Clock};
use http_troubleshooter::paste;
use proptest::prelude::*;

const CLOCK: Clock = Clock {
    now: Some(1_700_000_000),
};

/// Everything the diagnosis would show or report, as one string.
fn shown(text: &str) -> String {
    serde_json::to_string(&diagnose_at(text, CLOCK)).expect("a diagnosis serialises")
}

/// Header names the rules look at, and some they do not.
fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Retry-After".to_string()),
        Just("RateLimit".to_string()),
        Just("X-RateLimit-Reset".to_string()),
        Just("WWW-Authenticate".to_string()),
        Just("Location".to_string()),
        Just("Content-Type".to_string()),
        Just("Date".to_string()),
        Just("Server".to_string()),
        Just("Via".to_string()),
        Just("CF-RAY".to_string()),
        Just("X-Request-Id".to_string()),
        Just("Allow".to_string()),
        "[A-Za-z][A-Za-z0-9-]{0,20}",
    ]
}

/// Header values: plausible ones and junk (control characters, non-ASCII, quotes, huge numbers).
fn header_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{1,25}",
        "[0-9]{1,3}\\.[0-9]{0,3}",
        "(Mon|Sun), [0-9]{2} (Jan|Feb|Nov) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT",
        "Bearer( [a-z_]{1,10}=\"[^\"]{0,20}\",?){0,4}",
        "(limit|remaining|reset|r|t)=[0-9-]{1,12}(;|, )?(r|t)?=?[0-9]{0,5}",
        "(application/json|text/html|application/problem\\+json|text/xml)(; charset=[a-z0-9-]{1,10})?",
        "\\PC{0,60}",
    ]
}

/// A JSON error body, possibly cut off anywhere.
fn json_body() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        "\\PC{0,30}".prop_map(|s| serde_json::to_string(&s).unwrap()),
        Just("null".to_string()),
        Just("true".to_string()),
    ];
    let value = leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("error".to_string()),
                        Just("message".to_string()),
                        Just("detail".to_string()),
                        Just("title".to_string()),
                        Just("status".to_string()),
                        Just("code".to_string()),
                        Just("errors".to_string()),
                        Just("request_id".to_string()),
                        "[a-z_]{1,10}",
                    ],
                    inner
                ),
                0..5
            )
            .prop_map(|fields| {
                let fields: Vec<String> = fields
                    .into_iter()
                    .map(|(k, v)| format!("\"{k}\":{v}"))
                    .collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    });
    (value, any::<prop::sample::Index>(), any::<bool>()).prop_map(|(json, cut, truncate)| {
        if truncate && !json.is_empty() {
            let mut at = cut.index(json.len() + 1);
            while !json.is_char_boundary(at) {
                at -= 1;
            }
            json[..at].to_string()
        } else {
            json
        }
    })
}

/// A raw response: a status line, random headers, CRLF or LF, and a (perhaps truncated) body.
fn response() -> impl Strategy<Value = (u16, String)> {
    (
        100u16..600,
        prop_oneof![Just("HTTP/1.1"), Just("HTTP/1.0"), Just("HTTP/2")],
        "[A-Za-z ]{0,20}",
        prop::collection::vec((header_name(), header_value()), 0..8),
        json_body(),
        any::<bool>(),
    )
        .prop_map(|(code, version, reason, headers, body, crlf)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            let mut text = format!("{version} {code} {reason}{nl}");
            for (name, value) in headers {
                // A header value cannot hold a line break; strip them as a real response would.
                let value = value.replace(['\r', '\n'], " ");
                text.push_str(&format!("{name}: {value}{nl}"));
            }
            text.push_str(nl);
            text.push_str(&body);
            (code, text)
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = paste::read(&text);
        let out = shown(&text);
        prop_assert!(!redact::looks_secret(&out));
    }

    #[test]
    fn mixed_encodings_never_panic(
        (_, response) in response(),
        junk in prop::collection::vec(any::<u8>(), 0..64),
        at in any::<prop::sample::Index>(),
    ) {
        // Latin-1 or UTF-16 bytes spliced into a response, then read the way a browser hands text
        // over (lossy UTF-8).
        let mut bytes = response.into_bytes();
        let at = at.index(bytes.len() + 1);
        bytes.splice(at..at, junk);
        let _ = shown(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn a_response_is_read_with_its_status_code((code, text) in response()) {
        let d = diagnose_at(&text, CLOCK);
        prop_assert_eq!(d.code, Some(code), "{}", text);
        prop_assert!(d.headline.starts_with(&code.to_string()), "{}", d.headline);
    }

    #[test]
    fn truncated_json_bodies_never_panic(body in json_body()) {
        let _ = shown(&body);
        let _ = shown(&format!("HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{body}"));
    }

    #[test]
    fn planted_secrets_never_show(
        (code, response) in response(),
        secret in "[A-Za-z0-9]{24,40}",
        place in 0usize..6,
    ) {
        let planted = match place {
            0 => format!("> Authorization: Bearer {secret}\n{response}"),
            1 => format!("GET https://api.example.com/v1/items?api_key={secret}&page=2\n{response}"),
            2 => format!("{response}\n{{\"password\": \"{secret}\", \"message\": \"bad\"}}"),
            3 => format!("> Cookie: session={secret}; theme=dark\n{response}"),
            4 => format!("{response}\nx-api-key: {secret}"),
            _ => format!("{response}\naccess_token={secret}"),
        };
        let out = shown(&planted);
        prop_assert!(!out.contains(&secret), "secret shown for status {}: {}", code, planted);
    }
}
