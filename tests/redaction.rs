//! Secrets are masked in everything the diagnosis quotes, while ordinary prose stays readable.

use http_troubleshooter::diagnosis::redact::{
    is_secret_header, mask as text, mask_header as header_value,
};

#[test]
fn secret_headers_keep_only_their_shape() {
    assert_eq!(
        header_value("Authorization", "Bearer abc.def.ghi"),
        "Bearer [masked]"
    );
    assert_eq!(
        header_value("proxy-authorization", "Basic dXNlcjpwYXNz"),
        "Basic [masked]"
    );
    assert_eq!(
        header_value("Cookie", "session=abc; theme=dark"),
        "session=[masked]; theme=[masked]"
    );
    assert_eq!(
        header_value("Set-Cookie", "session=abc123; Path=/; HttpOnly"),
        "session=[masked]; Path=/; HttpOnly"
    );
    // Repeated Set-Cookie headers a client merged into one value: every cookie is masked, an
    // Expires date is kept.
    assert_eq!(
        header_value(
            "Set-Cookie",
            "a=one1; Expires=Tue, 14 May 2024 09:21:07 GMT; Path=/, b=two2secret; HttpOnly"
        ),
        "a=[masked]; Expires=Tue, 14 May 2024 09:21:07 GMT; Path=/, b=[masked]; HttpOnly"
    );
    for name in [
        "X-Api-Key",
        "api-key",
        "X-Auth-Token",
        "Private-Token",
        "X-Amz-Security-Token",
        "X-Custom-Secret",
    ] {
        assert!(is_secret_header(name), "{name}");
        assert_eq!(header_value(name, "hunter2hunter2"), "[masked]", "{name}");
    }
    assert_eq!(
        header_value("Content-Type", "application/json"),
        "application/json"
    );
}

#[test]
fn secrets_in_free_text() {
    let cases = [
        (
            "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl here",
            "c2lnbmF0dXJl",
        ),
        (
            "key sk_live_51HqLyjWDarjtT1zdp7dcXYZ used",
            "51HqLyjWDarjtT1zdp7dcXYZ",
        ),
        ("sk_test_abcdefghij1234", "abcdefghij1234"),
        (
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
            "abcdefghijklmnopqrstuvwxyz0123456789",
        ),
        ("xoxb-1234567890-abcdefghij", "1234567890-abcdefghij"),
        ("AKIAIOSFODNN7EXAMPLE", "IOSFODNN7EXAMPLE"),
        (
            "AIzaSyA1234567890abcdefghijklmnopqrstu",
            "SyA1234567890abcdefghijklmnopqrstu",
        ),
        (
            "GET https://api.example.com/v1?api_key=abc123&page=2",
            "abc123",
        ),
        (
            "https://x.example/?X-Amz-Signature=deadbeef&X-Amz-Credential=AK%2F2024",
            "deadbeef",
        ),
        ("Authorization: 'Bearer abcdef123456'", "abcdef123456"),
        // A credential at the end of a sentence is still masked, without its full stop.
        ("the header was Bearer 9fk2LqPz0xwq.", "9fk2LqPz0xwq"),
        (
            "curl -H \"Authorization: Basic dXNlcjpwYXNzd29yZA==\"",
            "dXNlcjpwYXNzd29yZA",
        ),
        ("{\"password\":\"Tr0ub4dor&3\",\"user\":\"x\"}", "Tr0ub4dor"),
        ("client_secret=s3cr3tvalue&grant_type=x", "s3cr3tvalue"),
        ("'x-api-key': 'k-123456789'", "k-123456789"),
        (
            "\"access_token\": \"opaque-token-value\"",
            "opaque-token-value",
        ),
    ];
    for (input, secret) in cases {
        let out = text(input);
        assert!(
            !out.contains(secret),
            "{input:?} → {out:?} still contains {secret:?}"
        );
        assert!(out.contains("[masked"), "{input:?} → {out:?}");
    }
}

#[test]
fn prose_is_left_alone() {
    for prose in [
        "Token signature could not be verified",
        "Basic authentication is required for this realm",
        // osTicket's CSRF page: a sentence's full stop does not make "Required" a credential.
        "Valid CSRF Token Required.",
        "Bearer authentication, Digest negotiation: failed.",
        "error=\"invalid_token\", error_description=\"The access token expired\"",
        "The password you entered is incorrect.",
        "https://api.example.com/v1/users/42?page=2&sort=name",
        "x-request-id: 9f3c2a71-4b8e-4d2a-9c1e-7a5b3d2f6e01",
    ] {
        assert_eq!(text(prose), prose);
    }
}

#[test]
fn quoted_secrets_are_masked_whole_and_longer_key_names_count() {
    let cases = [
        // A password with spaces: masking only its first word would leak the rest.
        ("{\"password\": \"correct horse battery staple\"}", "horse battery"),
        // SigV4 in an inspect dump: the signature sits after a comma and a space.
        (
            "headers: { Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024 }",
            "fe5f80f77d5fa3beca",
        ),
        ("stripe_secret_key=rk9dk3LlqPz0", "rk9dk3LlqPz0"),
        ("X-CSRF-Token: 6f1c9a2e4b7d", "6f1c9a2e4b7d"),
        ("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG", "wJalrXUtnFEMI"),
        // A password in a URL (helper corpus s26, s42): https://user:password@host
        (
            "Unauthorized for url: https://admin:S3cr3t-Bf30joW@search.example.com:9200/_cluster/health",
            "S3cr3t-Bf30joW",
        ),
        ("Location: ftp://reporter:p@ss:word@files.example.com/x", "ss:word"),
    ];
    for (input, secret) in cases {
        let out = text(input);
        assert!(
            !out.contains(secret),
            "{input:?} → {out:?} still contains {secret:?}"
        );
    }
    // Counting words that merely contain "token" is not a secret.
    assert_eq!(
        text("\"max_tokens\": 4096, \"tokens_used\": 12"),
        "\"max_tokens\": 4096, \"tokens_used\": 12"
    );
}

/// Found by fuzzing (tests/fuzz, target `diagnose`): a secret-looking pair whose value has a
/// multi-byte character where an auth scheme's name would end used to panic.
#[test]
fn multibyte_values_do_not_panic() {
    for input in [
        "token=abcd\u{FFFD}xyz",
        "password: Basi\u{e9} [masked]",
        "\"secret\": \"\u{1F600}\u{1F600}\"",
    ] {
        let out = text(input);
        assert!(out.contains("[masked]"), "{input:?} → {out:?}");
    }
}

/// Found by fuzzing (target `diagnose`): the "Unusual reason phrase" finding quoted the reason phrase
/// unmasked. Every finding, step and verdict is now masked where it is recorded.
#[test]
fn a_token_in_the_reason_phrase_is_masked_in_every_finding() {
    let paste = "HTTP/1.1 413 Request eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlX3ZhbHVl\r\nContent-Type: text/plain\r\n\r\ntoo big";
    let d = http_troubleshooter::diagnose(paste);
    let shown = serde_json::to_string(&d).unwrap();
    assert!(!shown.contains("c2lnbmF0dXJlX3ZhbHVl"), "{shown}");
    assert!(!shown.contains("eyJzdWIiOiIxMjM0In0"), "{shown}");
    assert!(
        shown.contains("Unusual reason phrase"),
        "the finding is still there"
    );
}

/// A shared paste (the widget's "Copy link") holds none of the secrets of the corpus, keeps what
/// support needs, and diagnoses as the original does.
#[test]
fn a_shared_paste_holds_no_secret_and_reads_the_same() {
    let corpus: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/tests/security/secrets.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let mut failures = Vec::new();
    for case in corpus.as_array().unwrap() {
        let id = case["id"].as_str().unwrap();
        let paste = case["paste"].as_str().unwrap();
        let shared = http_troubleshooter::diagnosis::redact::shareable(paste);
        for secret in case["secrets"].as_array().unwrap() {
            let secret = secret.as_str().unwrap();
            if shared.contains(secret) {
                failures.push(format!("{id}: {secret} is in the shared paste"));
            }
        }
        for keep in case["keep"].as_array().into_iter().flatten() {
            let keep = keep.as_str().unwrap();
            if paste.contains(keep) && !shared.contains(keep) {
                failures.push(format!("{id}: {keep} was lost"));
            }
        }
        let (a, b) = (
            http_troubleshooter::diagnose(paste),
            http_troubleshooter::diagnose(&shared),
        );
        if (a.code, a.input_kind) != (b.code, b.input_kind) {
            failures.push(format!(
                "{id}: reads as {:?} {:?} once shared, not {:?} {:?}",
                b.code, b.input_kind, a.code, a.input_kind
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
