//! Recognising what was pasted: every input kind, leniently (CRLF or LF, indentation, missing blank
//! line). Expectations come from the fixtures' README, written from the fixtures by hand.

mod common;
use common::fixture;
use http_troubleshooter::paste::{self, InputKind, MediaKind, NetworkErrorKind};

#[test]
fn bare_codes_status_lines_and_reason_lines() {
    let e = paste::read("429");
    assert_eq!((e.kind, e.code()), (InputKind::BareCode, Some(429)));
    let e = paste::read("  404 \n");
    assert_eq!(e.code(), Some(404));

    let e = paste::read("HTTP/1.1 503 Service Unavailable");
    assert_eq!(e.kind, InputKind::StatusLine);
    let s = e.status.unwrap();
    assert_eq!(
        (s.code, s.reason.as_deref(), s.version.as_deref()),
        (503, Some("Service Unavailable"), Some("HTTP/1.1"))
    );

    let e = paste::read("HTTP/2 404");
    let s = e.status.unwrap();
    assert_eq!(
        (s.code, s.reason, s.version.as_deref()),
        (404, None, Some("HTTP/2"))
    );

    let e = paste::read("404 Not Found");
    assert_eq!(e.kind, InputKind::ReasonLine);
    assert_eq!(e.status.unwrap().reason.as_deref(), Some("Not Found"));

    // Numbers that are not status codes are recognised as such, with no status.
    for text in ["12", "1000", "99999999"] {
        let e = paste::read(text);
        assert_eq!(e.kind, InputKind::BareCode, "{text}");
        assert_eq!(e.code(), None, "{text}");
        assert!(
            e.notes[0].contains("not an HTTP status code"),
            "{text}: {:?}",
            e.notes
        );
    }
    assert_eq!(paste::read("   \n\t ").kind, InputKind::Empty);
}

#[test]
fn raw_responses_crlf_lf_indented_and_without_blank_line() {
    let crlf = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nX-Request-Id: abc-123\r\n\r\n{\"error\":\"nope\"}";
    let e = paste::read(crlf);
    assert_eq!(e.kind, InputKind::RawResponse);
    assert_eq!(e.header("content-type"), Some("application/json"));
    assert_eq!(e.header("X-REQUEST-ID"), Some("abc-123"));
    let body = e.body.unwrap();
    assert_eq!(body.media, MediaKind::Json);
    assert_eq!(body.json.unwrap()["error"], "nope");

    let indented =
        "    HTTP/1.1 500 Internal Server Error\n    Content-Type: text/plain\n\n    it broke";
    let e = paste::read(indented);
    assert_eq!(e.code(), Some(500));
    assert_eq!(e.header("Content-Type"), Some("text/plain"));
    assert_eq!(e.body.unwrap().text.trim(), "it broke");

    let no_blank = "HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n{\"message\":\"boom\"}";
    let e = paste::read(no_blank);
    assert_eq!(e.headers.len(), 1);
    assert_eq!(e.body.unwrap().json.unwrap()["message"], "boom");

    // Repeated headers are kept, in order.
    let repeated = "HTTP/1.1 200 OK\nSet-Cookie: a=1\nSet-Cookie: b=2\nVary: Origin\n";
    let e = paste::read(repeated);
    let cookies: Vec<&str> = e
        .headers
        .iter()
        .filter(|h| h.name == "Set-Cookie")
        .map(|h| h.value.as_str())
        .collect();
    assert_eq!(cookies, ["a=1", "b=2"]);
}

#[test]
fn guzzles_truncated_quote_of_a_json_body_is_read_up_to_its_marker() {
    // Guzzle quotes 120 bytes of the body and writes " (truncated...)"; a log adds lines after it
    // (the shape of Formie's log of a Mailchimp call, verbb/formie#127).
    let text = "[error][formie] API error: \u{201c}Client error: `PUT https://us2.api.mailchimp.com/3.0/lists/a1/members/b2` resulted in a `400 Bad Request` response:\n{\"type\":\"https://mailchimp.com/developer/marketing/docs/errors/\",\"title\":\"Invalid Resource\",\"stat (truncated...)\n\u{201d} /app/vendor/guzzlehttp/guzzle/src/Exception/RequestException.php:113";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(400));
    let body = e.body.expect("the quoted body");
    assert_eq!(body.json.unwrap()["title"], "Invalid Resource");
}

#[test]
fn a_heading_above_a_response_and_lines_below_its_json() {
    // A person's heading above the response they pasted is not a command, and a log line under the
    // JSON body does not make the body unreadable (a Tyk gateway's 500 and its log line).
    let text = "====== Response ======\nHTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\n{\n    \"error\": \"Upstream host lookup failed\"\n} \n\n[Aug 06 12:00:29] ERROR proxy: http: proxy error: dial tcp: lookup http: no such host";
    let e = paste::read(text);
    assert_eq!((e.kind, e.code()), (InputKind::RawResponse, Some(500)));
    assert_eq!(e.request, None, "a heading is not a curl command");
    let body = e.body.unwrap();
    assert_eq!(body.json_error, None);
    assert_eq!(body.json.unwrap()["error"], "Upstream host lookup failed");
    for heading in ["Response:", "### Raw response", "--- response ---"] {
        let e = paste::read(&format!(
            "{heading}\nHTTP/1.1 429 Too Many Requests\nRetry-After: 7"
        ));
        assert_eq!(e.code(), Some(429), "{heading}");
    }
    // A sentence above a status line is not a heading; nor is JSON followed by more on its own line.
    let e = paste::read(
        "I keep getting this response from the API server today\nHTTP/1.1 429 Too Many Requests",
    );
    assert_ne!(e.kind, InputKind::RawResponse);
    let e = paste::read("HTTP/1.1 400 Bad Request\n\n{\"a\": 1} trailing");
    assert!(e.body.unwrap().json_error.is_some());
}

#[test]
fn curl_verbose_and_curl_i_keep_the_request() {
    let e = paste::read(&fixture("curl-v-404.txt"));
    assert_eq!(e.kind, InputKind::CurlVerbose);
    assert_eq!(e.code(), Some(404));
    let request = e.request.as_ref().unwrap();
    assert_eq!(request.method.as_deref(), Some("GET"));
    assert_eq!(request.target.as_deref(), Some("/v1/userz/42"));
    assert!(request
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("authorization")));
    assert_eq!(
        e.header("x-request-id"),
        Some("9f3c2a71-4b8e-4d2a-9c1e-7a5b3d2f6e01")
    );
    assert_eq!(
        e.body.as_ref().unwrap().json.as_ref().unwrap()["error"],
        "not_found"
    );

    let e = paste::read(&fixture("curl-i-429-retry-after.txt"));
    assert_eq!((e.kind, e.code()), (InputKind::RawResponse, Some(429)));
    let request = e.request.clone().unwrap();
    assert_eq!(request.method.as_deref(), Some("GET"));
    assert_eq!(
        request.target.as_deref(),
        Some("https://api.example.com/v1/search?q=widgets")
    );
    assert_eq!(e.header("retry-after"), Some("120"));

    // The prompt may carry a path or a user before the command (Windows' cmd, bash's user@host),
    // and a second command's answer after the redirect the first one got is the one that failed.
    let e = paste::read("C:\\Users\\me>curl -I https://example.com/v2/items\nHTTP/1.1 303 See Other\nLocation: https://api.example.com/v2/items\n\n\nC:\\Users\\me>curl -I https://api.example.com/v2/items\nHTTP/1.1 401 Unauthorized\nContent-Type: application/json\nx-request-id: 66782acc\n");
    assert_eq!((e.kind, e.code()), (InputKind::RawResponse, Some(401)));
    assert_eq!(e.header("x-request-id"), Some("66782acc"));
    let e = paste::read("me@box:~$ curl -i https://api.example.com/v1/x\nHTTP/2 404\ncontent-type: text/plain\n\nno such item");
    assert_eq!((e.kind, e.code()), (InputKind::RawResponse, Some(404)));
    assert_eq!(
        e.request.clone().unwrap().target.as_deref(),
        Some("https://api.example.com/v1/x")
    );

    let e = paste::read(&fixture("redirect-302-post.txt"));
    assert_eq!(e.code(), Some(302));
    assert_eq!(e.request.clone().unwrap().method.as_deref(), Some("POST"));
    assert_eq!(
        e.header("location"),
        Some("https://auth.example.com/login?next=/v1/login")
    );
}

#[test]
fn devtools_header_blocks() {
    // One-line copy with HTTP/2 pseudo-headers.
    let e = paste::read(&fixture("devtools-h2-pseudo.txt"));
    assert_eq!((e.kind, e.code()), (InputKind::DevtoolsHeaders, Some(502)));
    assert_eq!(e.header("server"), Some("awselb/2.0"));
    let request = e.request.unwrap();
    assert_eq!(request.method.as_deref(), Some("GET"));
    assert!(request.target.unwrap().contains("/v1/orders?page=2"));
    assert!(request
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("cookie")));

    // General section "Name: value", then name and value on alternating lines.
    let e = paste::read(&fixture("devtools-headers.txt"));
    assert_eq!((e.kind, e.code()), (InputKind::DevtoolsHeaders, Some(504)));
    assert_eq!(
        e.header("x-amzn-RequestId"),
        Some("7c1e9f2a-5b3d-4e8a-9f6c-1d2b3a4c5e6f")
    );
    assert_eq!(
        e.header("x-amzn-ErrorType"),
        Some("InternalServerErrorException")
    );
    let request = e.request.unwrap();
    assert_eq!(request.method.as_deref(), Some("POST"));
    assert_eq!(
        request.target.as_deref(),
        Some("https://abc123defg.execute-api.eu-central-1.amazonaws.com/prod/v1/reports/export")
    );
    assert!(request
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("x-api-key")));
}

#[test]
fn bodies_alone() {
    let e = paste::read(&fixture("google-api-403.json"));
    assert_eq!(e.kind, InputKind::Body);
    assert_eq!(e.body.unwrap().media, MediaKind::Json);

    let e = paste::read(&fixture("s3-signature.xml"));
    let body = e.body.unwrap();
    assert_eq!(body.media, MediaKind::Xml);
    assert_eq!(body.xml_field("Code"), Some("SignatureDoesNotMatch"));
    assert_eq!(body.xml_field("RequestId"), Some("4QF8V2Z1MZ3K7W9P"));

    // Azure sends a byte-order mark first.
    let e = paste::read(&fixture("azure-storage.xml"));
    assert_eq!(
        e.body.unwrap().xml_field("Code"),
        Some("AuthenticationFailed")
    );

    let e = paste::read(&fixture("cloudflare-522.html"));
    let body = e.body.unwrap();
    assert_eq!(body.media, MediaKind::Html);
    assert_eq!(
        body.html_title.as_deref(),
        Some("api.example.com | 522: Connection timed out")
    );

    let e = paste::read(&fixture("nginx-502-page.html"));
    assert_eq!(
        e.body.unwrap().html_title.as_deref(),
        Some("502 Bad Gateway")
    );

    let e = paste::read(&fixture("plain-text-body.txt"));
    assert_eq!(e.kind, InputKind::Body);
    assert_eq!(e.body.unwrap().media, MediaKind::Text);
}

#[test]
fn long_json_bodies_keep_their_error_and_are_still_checked_whole() {
    // A 100 000-item export with its error after the list: the error is read, the items beyond
    // the first ones are checked as JSON but not kept.
    let items: Vec<String> = (0..100_000).map(|i| format!("{{\"id\":{i}}}")).collect();
    let text = format!(
        "HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\n{{\"items\":[{}],\"error\":{{\"code\":\"export_failed\"}}}}",
        items.join(",")
    );
    let body = paste::read(&text).body.unwrap();
    let json = body.json.as_ref().expect("valid JSON is parsed");
    assert_eq!(json["error"]["code"], "export_failed");
    assert_eq!(json["items"][0]["id"], 0);
    assert!(json["items"].as_array().unwrap().len() < 1000);

    // A syntax error deep in the part that is not kept is still a syntax error.
    let broken = text.replacen("{\"id\":99998}", "{\"id\":99998,}", 1);
    let body = paste::read(&broken).body.unwrap();
    assert!(body.json.is_none());
    assert!(body.json_error.unwrap().contains("syntax error"));
}

#[test]
fn markdown_fences_around_a_paste_are_dropped_only_at_line_starts() {
    let e = paste::read("```http\nHTTP/1.1 429 Too Many Requests\nRetry-After: 30\n```");
    assert_eq!((e.kind, e.code()), (InputKind::RawResponse, Some(429)));
    // Back-ticks inside a line are text, not a fence.
    let e = paste::read("HTTP/1.1 400 Bad Request\nContent-Type: text/plain\n\nuse `a```b` here");
    assert_eq!(e.code(), Some(400));
    assert!(e.body.unwrap().text.contains("`a```b`"));
    // A line quoted whole as inline code (an issue's "`401 No auth credentials found`") is its text.
    let e = paste::read("`401 No auth credentials found`");
    assert_eq!(e.code(), Some(401));
    let e = paste::read("`HTTP/1.1 503 Service Unavailable`\nRetry-After: 5");
    assert_eq!((e.kind, e.code()), (InputKind::RawResponse, Some(503)));
    // Back-ticks that quote only part of a line stay.
    let e = paste::read("HTTP/1.1 400 Bad Request\nContent-Type: text/plain\n\n`x` and `y`");
    assert!(e.body.unwrap().text.contains("`x` and `y`"));
}

#[test]
fn har_files_pick_the_failing_entry_and_list_the_others() {
    let e = paste::read(&fixture("har-mixed.har"));
    assert_eq!(e.kind, InputKind::Har);
    assert_eq!(e.code(), Some(401));
    let request = e.request.as_ref().unwrap();
    assert_eq!(request.method.as_deref(), Some("POST"));
    assert_eq!(
        request.target.as_deref(),
        Some("https://api.example.com/v1/orders")
    );
    assert_eq!(
        e.others.len(),
        1,
        "only the blocked request is listed beside the 401: {:?}",
        e.others
    );
    assert_eq!(e.others[0].status, 0);
    assert!(e.others[0]
        .url
        .starts_with("https://partner.example.net/v1/recommendations"));

    // Half a HAR: still a HAR, with a note, and the failing status it shows.
    let full = fixture("har-mixed.har");
    let cut: String = full.chars().take(full.len() * 3 / 4).collect();
    let e = paste::read(&cut);
    assert_eq!(e.kind, InputKind::Har);
    assert!(
        e.notes.iter().any(|n| n.contains("incomplete")),
        "{:?}",
        e.notes
    );
}

#[test]
fn client_library_errors() {
    let cases = [
        (
            "axios-401.txt",
            401,
            "axios",
            Some("Unauthorized"),
            Some("https://api.example.com/v1/orders"),
        ),
        (
            "python-requests-404.txt",
            404,
            "Python requests",
            Some("Not Found"),
            Some("https://api.example.com/v1/users/42"),
        ),
        (
            "dotnet-401.txt",
            401,
            ".NET HttpClient",
            Some("Unauthorized"),
            None,
        ),
        (
            "java-503.txt",
            503,
            "Java HttpURLConnection",
            None,
            Some("https://api.example.com/v1/report"),
        ),
        (
            "powershell-403.txt",
            403,
            "PowerShell",
            Some("Forbidden"),
            Some("https://api.example.com/v1/admin/users"),
        ),
    ];
    for (name, code, library, reason, url) in cases {
        let e = paste::read(&fixture(name));
        assert_eq!(
            (e.kind, e.code()),
            (InputKind::ClientError, Some(code)),
            "{name}"
        );
        assert_eq!(e.client.as_ref().unwrap().name, library, "{name}");
        assert_eq!(
            e.status.as_ref().unwrap().reason.as_deref(),
            reason,
            "{name}"
        );
        assert_eq!(
            e.request.as_ref().and_then(|r| r.target.as_deref()),
            url,
            "{name}"
        );
    }
    let e = paste::read(&fixture("axios-401.txt"));
    assert_eq!(e.request.as_ref().unwrap().method.as_deref(), Some("POST"));
    assert_eq!(
        e.header("x-request-id"),
        Some("3b9d7f21-0c4e-4a8b-9e6d-5f1a2c3b4d5e")
    );
    assert_eq!(e.body.unwrap().json.unwrap()["error"], "invalid_token");
}

#[test]
fn access_log_lines() {
    let e = paste::read(&fixture("access-log.txt"));
    assert_eq!((e.kind, e.code()), (InputKind::AccessLog, Some(502)));
    let request = e.request.unwrap();
    assert_eq!(
        (request.method.as_deref(), request.target.as_deref()),
        (Some("POST"), Some("/v1/payments"))
    );
    assert_eq!(e.others.iter().map(|o| o.status).collect::<Vec<_>>(), [499]);
}

#[test]
fn errors_that_are_not_http_statuses() {
    use NetworkErrorKind::*;
    let cases = [
        ("cors-console.txt", Cors),
        ("curl-6.txt", DnsNotResolved),
        ("curl-7.txt", ConnectionRefused),
        ("curl-28.txt", Timeout),
        ("curl-35.txt", TlsHandshake),
        ("curl-60.txt", CertificateUntrusted),
        ("net-err-name-not-resolved.txt", DnsNotResolved),
        ("net-err-cert.txt", CertificateExpired),
        ("net-err-refused.txt", ConnectionRefused),
        ("node-econnreset.txt", ConnectionReset),
        // "connect ETIMEDOUT": the connection never opened, which is not a slow server.
        ("node-etimedout.txt", ConnectTimeout),
    ];
    for (name, kind) in cases {
        let e = paste::read(&fixture(name));
        assert_eq!(e.kind, InputKind::NetworkError, "{name}");
        assert_eq!(e.code(), None, "{name}: the paste has no HTTP status");
        assert_eq!(e.network_error.as_ref().unwrap().kind, kind, "{name}");
    }
    let e = paste::read("Uncaught (in promise) TypeError: Failed to fetch");
    assert_eq!(e.network_error.unwrap().kind, FetchFailed);
    let e = paste::read(&fixture("cors-console.txt"));
    assert_eq!(
        e.request.unwrap().target.as_deref(),
        Some("https://api.example.com/v1/items")
    );
}

#[test]
fn a_wording_with_a_value_inside_needs_all_its_fixed_parts() {
    // "Cleartext HTTP traffic to <host> not permitted": both parts around the host name.
    let e = paste::read(
        "java.io.IOException: Cleartext HTTP traffic to media.example.net not permitted",
    );
    let error = e.network_error.expect("Android's refusal is a failure");
    assert_eq!(error.entry, "android-cleartext-http-traffic-not-permitted");
    // The first part alone, in someone's note, is not that failure.
    let e =
        paste::read("Note: cleartext HTTP traffic to media.example.net is allowed in debug builds");
    assert!(e
        .network_error
        .is_none_or(|n| n.entry != "android-cleartext-http-traffic-not-permitted"),);
}

#[test]
fn html_pages_that_mention_timeouts_are_bodies_not_network_errors() {
    let e = paste::read(&fixture("cloudflare-522.html"));
    assert_eq!(e.kind, InputKind::Body);
    assert!(e.network_error.is_none());
}

/// HAR files written by other tools: a status as a string, headers as null, escaped text, an entry
/// missing its response. The failing entry is still found and read.
#[test]
fn har_files_with_odd_field_types() {
    let har = r#"{"log":{"version":"1.2","entries":[
        {"request":{"method":"GET","url":"https://a.example/ok","headers":null},"response":{"status":200,"headers":[]}},
        {"request":{"method":"GET","url":"https://a.example/none"}},
        {"request":{"method":"POST","url":"https://a.example/orders","headers":[{"name":"Content-Type","value":"application/json"}]},
         "response":{"status":"503","statusText":"Service Unavailable","headers":[{"name":"Retry-After","value":"30"},{"name":null,"value":1}],
                     "content":{"mimeType":"application/json","text":"{\"message\":\"busy \\\"now\\\"\"}"}}}
    ]}}"#;
    let exchange = paste::read(har);
    assert_eq!(exchange.kind, InputKind::Har);
    assert_eq!(exchange.status.as_ref().map(|s| s.code), Some(503));
    assert_eq!(exchange.header("retry-after"), Some("30"));
    let request = exchange
        .request
        .as_ref()
        .expect("the request of the failing entry");
    assert_eq!(request.method.as_deref(), Some("POST"));
    // The entry without a response counts as blocked (status 0) and is listed with the others.
    assert!(exchange
        .others
        .iter()
        .any(|o| o.url == "https://a.example/none" && o.status == 0));
}

/// Found by the secret corpus (tests/security/secrets.json): pastes the readers used to miss.
#[test]
fn request_then_response_git_npm_and_curl_xml_bodies() {
    // Burp / Fiddler / ZAP: the raw request, then the raw response.
    let e = paste::read("POST /v2/charges HTTP/1.1\nHost: billing.example.com\nContent-Type: application/json\n\n{\"amount\":1}\n\nHTTP/1.1 403 Forbidden\nContent-Type: application/json\nX-Request-Id: eb52\n\n{\"message\":\"no\"}");
    assert_eq!(e.kind, InputKind::RawResponse);
    assert_eq!(e.status.as_ref().map(|s| s.code), Some(403));
    assert_eq!(e.header("x-request-id"), Some("eb52"));
    let request = e.request.as_ref().expect("the request is kept");
    assert_eq!(request.method.as_deref(), Some("POST"));
    assert_eq!(request.target.as_deref(), Some("/v2/charges"));
    assert!(request.headers.iter().any(|h| h.name == "Host"));

    // git and npm print the status in their own words.
    let e = paste::read("fatal: unable to access 'https://github.com/o/r.git/': The requested URL returned error: 403");
    assert_eq!(e.status.as_ref().map(|s| s.code), Some(403));
    let e = paste::read(
        "npm ERR! code E401\nnpm ERR! 401 Unauthorized - GET https://registry.npmjs.org/-/whoami",
    );
    assert_eq!(e.status.as_ref().map(|s| s.code), Some(401));
    // Its code line outranks the legacy "npm ERR! 404" banner a registry's 401 can bring
    // (cnpm/cnpmjs.org#1320: "Failed PUT 401", "code E401", then "404 unauthorized Login first").
    let e = paste::read("npm ERR! publish Failed PUT 401\nnpm ERR! node v6.9.1\nnpm ERR! code E401\n\nnpm ERR! 404 unauthorized Login first: @scope/pkg\nnpm ERR! 404\nnpm ERR! 404 '@scope/pkg' is not in the npm registry.");
    assert_eq!(e.status.as_ref().map(|s| s.code), Some(401));

    // A wrapper's error whose message is the upstream's JSON error as a string (Continue passing on
    // Google's): the upstream's body is read, with its status name and reason.
    let e = paste::read("{\"error\":{\"message\":\"{\\n  \\\"error\\\": {\\n    \\\"code\\\": 400,\\n    \\\"message\\\": \\\"API key expired. Please renew the API key.\\\",\\n    \\\"status\\\": \\\"INVALID_ARGUMENT\\\"\\n  }\\n}\\n\",\"code\":400,\"status\":\"Bad Request\"}}");
    let json = e
        .body
        .as_ref()
        .and_then(|b| b.json.as_ref())
        .expect("read as JSON");
    assert_eq!(
        json.pointer("/error/status"),
        Some(&serde_json::json!("INVALID_ARGUMENT"))
    );
    assert_eq!(
        json.pointer("/error/message"),
        Some(&serde_json::json!(
            "API key expired. Please renew the API key."
        ))
    );

    // curl -v: a body line starting with "<" is body, not a response header line.
    let e = paste::read("> GET /x HTTP/1.1\n> Host: s3.example.com\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: application/xml\n<\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
    assert_eq!(e.status.as_ref().map(|s| s.code), Some(403));
    let d = http_troubleshooter::diagnose("> GET /x HTTP/1.1\n> Host: s3.example.com\n>\n< HTTP/1.1 403 Forbidden\n< Content-Type: application/xml\n<\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
    assert!(
        d.server_message
            .as_deref()
            .is_some_and(|m| m.contains("Request has expired")),
        "{:?}",
        d.server_message
    );
}

#[test]
fn a_generic_http_nnn_wording_is_not_taken_for_the_github_cli() {
    // Retrofit (and many Telegram or Discord libraries) print "HTTP 409 Conflict" too; gh's own
    // wording counts only beside its "gh auth login" hint.
    let e = paste::read("retrofit2.adapter.rxjava2.HttpException: HTTP 409 Conflict\n\tat retrofit2.adapter.rxjava2.BodyObservable$BodyObserver.onNext(BodyObservable.java:54)");
    assert_eq!(e.code(), Some(409));
    assert!(
        e.client.as_ref().is_none_or(|c| c.id != "gh"),
        "{:?}",
        e.client
    );
    let e = paste::read("HTTP 401: Bad credentials (https://api.github.com/graphql)\nTry authenticating with:  gh auth login");
    assert_eq!(e.client.as_ref().map(|c| c.id), Some("gh"));
}

#[test]
fn an_error_object_dump_is_not_a_header_block() {
    // A Node SDK error printed with util.inspect: "key: value" lines, but no header block.
    let text = "InternalServerError: 529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n    at APIError.generate (/app/node_modules/@anthropic-ai/sdk/error.js:63:20) {\n  status: 529,\n  headers: {\n    'content-type': 'application/json'\n  }\n}";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(529));
    assert_ne!(e.kind, InputKind::DevtoolsHeaders);
}

/// "Name : value" lines, with a space before the colon, are never header lines (RFC 9112 forbids
/// it and no browser copies one): an exception's printed fields are read as text, even when one
/// of the names is an HTTP field (Tweetinvi's TwitterException has "Date : …"). DevTools' own
/// "Name: value" lines are still headers.
#[test]
fn fields_printed_with_a_space_before_the_colon_are_not_a_header_block() {
    let text = "ERROR: Error publishing tweet: you must use keys and tokens from a Twitter developer App that is attached to a Project.\nReason : Forbidden\nCode : 403\nDate : 11/04/2023 12:03:08 +09:00\nURL : https://api.twitter.com/2/tweets";
    let e = paste::read(text);
    assert_ne!(e.kind, InputKind::DevtoolsHeaders);
    assert!(e.headers.is_empty(), "{:?}", e.headers);
    let e = paste::read(
        "date: Tue, 04 Nov 2025 12:03:08 GMT\ncontent-type: application/json\nx-request-id: abc",
    );
    assert_eq!(e.kind, InputKind::DevtoolsHeaders);
}

#[test]
fn status_zero_is_explained_as_no_response() {
    for text in [
        "0",
        "Status Code: 0",
        "Request failed with status 0",
        "the request finished with status: 0 (see console)",
    ] {
        let e = paste::read(text);
        assert_eq!(e.code(), None, "{text}");
        let error = e
            .network_error
            .as_ref()
            .unwrap_or_else(|| panic!("{text}: no failure"));
        assert_eq!(error.kind, NetworkErrorKind::FetchFailed, "{text}");
    }
    // Other numbers that are not statuses still get the plain note.
    let e = paste::read("1000");
    assert!(e.network_error.is_none());
    assert!(!e.notes.is_empty());
}

/// A wording that is a whole line is found on the first line too, and not inside a longer sentence
/// that ends with the same words.
#[test]
fn whole_line_wordings_match_only_whole_lines() {
    for text in [
        "Connection error.",
        "Error: Connection error.\n    at OpenAI.makeRequest (core.js:322:19)",
        "Status Code: N/A\n\nConnection error.\n",
    ] {
        let e = paste::read(text);
        let error = e
            .network_error
            .as_ref()
            .unwrap_or_else(|| panic!("{text}: no failure"));
        assert_eq!(error.entry, "stainless-sdk-connection-error", "{text}");
        assert_eq!(
            error.message,
            text.lines()
                .find(|l| l.contains("onnection error"))
                .unwrap()
                .trim(),
            "{text}"
        );
    }
    for text in [
        "[Debug] Connection id \"0HLRV\": HTTP/2 connection error.",
        "Database connection error.",
    ] {
        let e = paste::read(text);
        assert!(
            e.network_error.as_ref().map(|n| n.entry) != Some("stainless-sdk-connection-error"),
            "{text}"
        );
    }
}

/// A link the error body quotes ("read the docs: https://…") is not where the request went: the
/// page would show the vendor's documentation as "Request".
#[test]
fn a_docs_link_inside_the_error_body_is_not_the_request() {
    let e = paste::read(&fixture("messages/openai-sdk-insufficient-quota.txt"));
    assert_eq!(e.code(), Some(429));
    assert!(e.request.is_none(), "{:?}", e.request);

    // The same words without their body, as openai-node prints the message (continuedev/continue#11495).
    let e = paste::read("Error: 429 You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.");
    assert_eq!(e.code(), Some(429));
    assert!(e.request.is_none(), "{:?}", e.request);

    let text = "POST https://api.example.com/v1/things failed: 422 Unprocessable Entity {\"message\": \"Validation Failed\", \"documentation_url\": \"https://docs.github.com/rest\"}";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(422));
    assert_eq!(
        e.request.and_then(|r| r.target).as_deref(),
        Some("https://api.example.com/v1/things")
    );
}

/// A client's error line heading a paste names the client even when a raw response follows it
/// (what `diagnose()` writes for an axios error object).
#[test]
fn a_client_error_line_heading_a_response_names_the_client() {
    let e = paste::read(
        "AxiosError: Request failed with status code 404\n  code: 'ERR_BAD_REQUEST'\n\nHTTP/1.1 404 Not Found\ncontent-type: application/json\n\n{\"error\":\"not_found\"}",
    );
    assert_eq!(e.code(), Some(404));
    assert_eq!(e.client.as_ref().map(|c| c.id), Some("axios"));
    // A body that merely quotes a client's name is not that client's output.
    let e = paste::read("HTTP/1.1 500 Internal Server Error\n\nAxiosError: upstream call failed");
    assert!(e.client.is_none());
}

/// Lines from real pastes (the third held-out set) that name the status in a tool's own words, each
/// checked by hand against its source thread.
#[test]
fn statuses_in_tools_own_words() {
    let cases = [
        // Google Apps Script's UrlFetchApp (googledatastudio/community-connectors#291).
        ("Request failed for https://www.strava.com returned code 401. Truncated server response: {\"message\":\"Authorization Error\"}", 401),
        // Cloudinary's Java SDK (cloudinary/cloudinary_java#53).
        ("java.lang.RuntimeException: Server returned unexpected status code - 401 - {\"error\":{\"message\":\"Invalid Signature\"}}", 401),
        // PnPjs in a SharePoint web part (nittygritty-uk/Atvero-Issues#388).
        ("Error: Error making HttpClient request in queryable [400]  ::> {\"odata.error\":{\"code\":\"-1\"}}", 400),
        // An Alpaca trading bot (alpacahq/Alpaca-API#271).
        ("Error entering position: failed to place order (status 403): {\"code\":40310000}", 403),
        // A wrapper that prints the status, then the body (PipedreamHQ/pipedream#20010).
        ("We're now consistently getting:\n\n403 {\"error\":\"Shared secret is required in x-api-key header.\"}", 403),
        // Android Volley (google/volley#439).
        ("E/Volley: [18667] NetworkUtility.shouldRetryException: Unexpected response code 403 for https://blogger.googleapis.com/v3/blogs", 403),
        // gsutil's apitools exception (GoogleCloudPlatform/gsutil#546).
        ("AccessDeniedException: 403 my-service-account@my-project.iam.gserviceaccount.com does not have storage.objects.list access to my-bucket-name.", 403),
        // SwiftPM's error enum (c-villain/YandexMapsMobileLite#2).
        ("failed downloading 'https://github.com/x/y/releases/download/4.8.0/a.zip' which is required by binary target 'a': badResponseStatusCode(404)", 404),
        // botocore's SageMaker ModelError (amazon-sagemaker-examples#1881).
        ("An error occurred (ModelError) when calling the InvokeEndpoint operation: Received client error (400) from model with message \"unable to evaluate payload provided\".", 400),
        // ModSecurity's audit line (owasp-modsecurity/ModSecurity#2098).
        ("[/api/v4/users/me/preferences][1] Access denied with code 403 (phase 2). Operator GE matched 5 at TX:anomaly_score.", 403),
        // Square's PHP SDK: the status line in brackets before the body (NikolaGavric94/laravel-square#59).
        ("SquareConnect\\ApiException [HTTP/2 400] {\"errors\": [{\"code\": \"VALUE_EMPTY\"}]}", 400),
        // Ktor's NoTransformationFoundException (vultisig/vultisig-android#2630).
        ("io.ktor.client.call.NoTransformationFoundException: Expected response body of the type 'class kotlin.collections.Map' but was 'class io.ktor.utils.io.SourceByteReadChannel'\n    In response from `https://api.vultisig.com/1inch/balance/v1.2/5000/balances/0x0`\n    Response status `404 `\n    Response header `ContentType: null`", 404),
    ];
    for (text, code) in cases {
        assert_eq!(paste::read(text).code(), Some(code), "{text}");
    }
}

/// A number in a person's sentence is a status only after the words that introduce one: in backticks
/// after "I have a", or right after Chinese "被", "返回", "遇到". A size or a count is not.
#[test]
fn prose_numbers_that_are_and_are_not_statuses() {
    let cases = [
        (
            "I have a `404` and a\nException: Requested path: 'GET:/toto' was not found.",
            Some(404),
        ),
        (
            "cloudreve put请求/api/v3/file/update/wewI3被403了\n关闭防护后正常",
            Some(403),
        ),
        ("I have a 500 GB disk and the upload fails", None),
        ("出现500多条记录", None),
        ("返回200条数据", None),
    ];
    for (text, code) in cases {
        assert_eq!(paste::read(text).code(), code, "{text}");
    }
}

/// A reason phrase with no number still names the status when a program printed it: as an enum name,
/// in lower case, or as the whole message of an exception. Prose and other protocols' words do not.
#[test]
fn reason_phrases_alone_as_programs_print_them() {
    let cases = [
        // .NET's HttpStatusCode name (grammar-nazi-bot#958).
        ("System.InvalidOperationException: Unsuccessful Cerebras API response TooManyRequests", Some(429)),
        // raw-body's lower-case message, as Koa and Express print it (cofacts/rumors-api#15).
        ("Error: request entity too large\n  File \"/srv/www/node_modules/raw-body/index.js\", line 196", Some(413)),
        // Micronaut's HttpClientResponseException carries only the phrase (micronaut-core#2193).
        ("io.micronaut.http.client.exceptions.HttpClientResponseException: Conflict\n\tat io.micronaut.http.client.DefaultHttpClient$10.channelRead0(DefaultHttpClient.java:1821)", Some(409)),
        // Symfony's HttpKernel exception classes, as Monolog logs them (kimai/kimai#5693).
        ("request.ERROR: Uncaught PHP Exception Symfony\\Component\\HttpKernel\\Exception\\BadRequestHttpException: \"Untrusted Host \"x.example\".\" at HttpKernel.php line 83", Some(400)),
        ("Symfony\\Component\\HttpKernel\\Exception\\UnprocessableEntityHttpException: Validation failed", Some(422)),
        // A longer class name that only starts with a phrase is another thing.
        ("App\\Exception\\ConflictHttpExceptionHandler registered", None),
        // gRPC's own status words are not HTTP's.
        ("Error: 13 INTERNAL: Received RST_STREAM with code 2 (Internal server error)", None),
        // Prose.
        ("the file was not found and the request conflicts with nothing", None),
        ("We hit a conflict while merging.", None),
    ];
    for (text, code) in cases {
        assert_eq!(paste::read(text).code(), code, "{text}");
    }
    // A number in the error body beats a phrase around it: litellm's BadRequestError wraps Vertex's 403.
    let text = "litellm.BadRequestError: Vertex_aiException BadRequestError - [{\n  \"error\": {\n    \"code\": 403,\n    \"message\": \"Permission denied\",\n    \"status\": \"PERMISSION_DENIED\"\n  }\n}\n]";
    let d = http_troubleshooter::diagnosis::diagnose(text);
    assert_eq!(d.code, Some(403), "{text}");
}

/// JSON indented with the spaces a web page or a chat leaves (no-break, ideographic) is still read.
#[test]
fn json_indented_with_unicode_spaces() {
    // OpenSearch's answer as pasted from a Japanese page (opensearch-project/security#533).
    let text = "It returns like this:\n\n{\n\u{3000}\"error\" : {\n\u{3000}\u{3000}\"root_cause\" : [\n\u{3000}\u{3000}\u{3000}{\n\u{3000}\u{3000}\u{3000}\u{3000}\"type\" : \"security_exception\",\n\u{3000}\u{3000}\u{3000}\u{3000}\"reason\" : \"no permissions for [indices:data/read/search]\"\n\u{3000}\u{3000}\u{3000}}\n\u{3000}\u{3000}],\n\u{3000}\u{3000}\"type\" : \"security_exception\",\n\u{3000}\u{3000}\"reason\" : \"no permissions for [indices:data/read/search]\"\n\u{3000}},\n\u{3000}\"status\" : 403\n}";
    let d = http_troubleshooter::diagnosis::diagnose(text);
    assert_eq!(d.code, Some(403));
    let body = "{\u{a0}\"error\":\u{a0}{\"code\":\u{a0}404, \"message\": \"Not found\"}}";
    let e = paste::read(body);
    assert!(
        e.body.as_ref().and_then(|b| b.json.as_ref()).is_some(),
        "{body}"
    );
}

/// A failure that got no HTTP answer (DNS, connect, TLS, the proxy dial) keeps no status: "HTTP 200
/// OK" lines of a verbose log before it were other requests (rubygems/bundler#3282), and Docker's
/// "(HTTP code 500)" around Go's proxyconnect error is the daemon's wrapper (docker.kitematic#3573).
#[test]
fn a_failure_without_an_answer_keeps_no_status() {
    let bundler = "HTTP GET https://bundler.rubygems.org/api/v1/dependencies?gems=rake\nHTTP 200 OK\nQuery List: []\nResolving dependencies...\n\nGem::RemoteFetcher::FetchError: SSL_connect returned=1 errno=0 state=SSLv3 read server certificate B: certificate verify failed (https://rubygems.org/gems/rake-0.9.6.gem)";
    let e = paste::read(bundler);
    assert_eq!(e.code(), None);
    assert_eq!(
        e.network_error.map(|n| n.kind),
        Some(NetworkErrorKind::CertificateUntrusted)
    );
    let docker = "(HTTP code 500) server error - Get https://registry-1.docker.io/v2/: proxyconnect tcp: dial tcp 127.0.0.1:3128: getsockopt: connection refused";
    let e = paste::read(docker);
    assert_eq!(e.code(), None);
    assert_eq!(
        e.network_error.map(|n| n.kind),
        Some(NetworkErrorKind::ProxyFailed)
    );
    // A failure that did get an answer keeps it: curl's CONNECT refused by the proxy with 407.
    let e = paste::read("curl: (56) CONNECT tunnel failed, response 407");
    assert_eq!(e.code(), Some(407));
}

/// A JSON error body cut off by the paste (or by a tool's "Truncated server response:") is read up
/// to the cut, and the reader is told it was cut.
#[test]
fn json_bodies_cut_off_are_read_up_to_the_cut() {
    let whole = "{\"error\": {\"code\": 429, \"message\": \"Resource has been exhausted (e.g. check quota).\", \"status\": \"RESOURCE_EXHAUSTED\", \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.Quo";
    let e = paste::read(whole);
    let body = e.body.as_ref().expect("a body");
    assert_eq!(
        body.json
            .as_ref()
            .and_then(|j| j.pointer("/error/status"))
            .and_then(|s| s.as_str()),
        Some("RESOURCE_EXHAUSTED")
    );
    let d = http_troubleshooter::diagnosis::diagnose(whole);
    assert_eq!(d.code, Some(429));
    let notes = serde_json::to_string(&d).unwrap();
    assert!(notes.contains("stops before its end"), "{notes}");
    assert!(!notes.contains("could not be read"), "{notes}");

    let embedded = "googleapiclient failed, response was:\n{\"error\": {\"code\": 403, \"message\": \"The caller does not have permission\", \"status\": \"PERMISSION_DENIED\", \"details\": [{\"@type\": \"type.googleapis.com/google.rpc.ErrorInfo\", \"reason\": \"IAM_PERMISSION_DEN";
    assert_eq!(
        http_troubleshooter::diagnosis::diagnose(embedded).code,
        Some(403)
    );
    // A dangling key and a trailing comma are closed too; text that is not JSON is left alone.
    for cut in [
        "{\"error\": {\"code\": 404, \"message\": \"gone\", \"sta",
        "{\"error\": {\"code\": 404, \"message\": \"gone\",",
    ] {
        let e = paste::read(cut);
        assert!(
            e.body.as_ref().and_then(|b| b.json.as_ref()).is_some(),
            "{cut}"
        );
    }
    let e = paste::read("{ this is not json at all");
    assert!(e.body.as_ref().is_none_or(|b| b.json.is_none()));
}

/// Of several errors in one paste, the one on most lines wins, then the first; successes never beat
/// an error.
#[test]
fn of_several_errors_the_most_repeated_then_the_first() {
    let curl_loop = "502 Bad Gateway: Registered endpoint failed to handle the request.\n503 Service Unavailable: Requested route ('a.example.com') has no available endpoints.\n503 Service Unavailable: Requested route ('a.example.com') has no available endpoints.\n503 Service Unavailable: Requested route ('a.example.com') has no available endpoints.\n404 Not Found: Requested route ('a.example.com') does not exist.";
    assert_eq!(paste::read(curl_loop).code(), Some(503));
    let one_error = "\"GET / HTTP/1.1\" 200 612\n\"GET /a HTTP/1.1\" 200 612\n\"GET /b HTTP/1.1\" 404 153\n\"GET /c HTTP/1.1\" 200 612";
    assert_eq!(paste::read(one_error).code(), Some(404));
    let tie = "first we got 502 Bad Gateway\nthen 504 Gateway Timeout";
    assert_eq!(paste::read(tie).code(), Some(502));
}

/// More tools' words from the fourth held-out set, and a JSON error whose number stands beside its
/// own phrase.
#[test]
fn statuses_in_more_tools_words_and_number_beside_phrase() {
    let cases = [
        // Qiniu's upload SDK (jiwenxing/qimage-win#33).
        ("Put file error, 400 incorrect region, please use up-z2.qiniup.com, Reqid: p0kAAJXFFp7sc2gV", 400),
        // Shopify CLI's error box (Shopify/cli#4275).
        ("│  [402] API request client error        │", 402),
        // Epic Online Services SDK's LogHttp (3ddelano/epic-online-services-godot#31).
        ("SDK LogHttp | 00000163A89A1A00: request has been successfully processed. URL: https://api.epicgames.dev/matchmaking/v1/x/sessions, HTTP code: 503, content length: 75", 503),
        // Portainer's log (portainer/portainer#5379).
        ("2021/08/01 17:37:52 http error: Unable to proxy the request via the Docker socket (err=forbidden to use bind mounts) (code=403)", 403),
    ];
    for (text, code) in cases {
        assert_eq!(paste::read(text).code(), Some(code), "{text}");
    }
    // Ory Kratos's error, printed by Node (ory/kratos#235): 410 beside 'Gone'.
    let kratos = "Is there a reason why a response for a expired flow is returned in the following form?\n\n```\n{\n  code: 410,\n  status: 'Gone',\n  reason: 'The settings flow has expired.',\n  message: 'The requested resource is no longer available because it has expired or is otherwise invalid.'\n}\n```";
    assert_eq!(
        http_troubleshooter::diagnosis::diagnose(kratos).code,
        Some(410)
    );
    // A number without its phrase names nothing: Facebook's code 506 is not a status.
    let facebook = "{\"error\": {\"message\": \"Duplicate status message\", \"type\": \"OAuthException\", \"code\": 506}}";
    assert_eq!(
        http_troubleshooter::diagnosis::diagnose(facebook).code,
        None
    );
}

/// A field whose whole value is a registered error phrase names the status (HubSpot's category), and
/// an S3-style XML error's code names it from S3's table, for every S3-compatible store.
#[test]
fn statuses_named_by_a_field_or_an_s3_code() {
    let hubspot = "{\"status\":\"error\",\"message\":\"Contact already exists. Existing ID: 37765128953\",\"correlationId\":\"2dea5219-07f2-40ce-82ec-9c2e302317a4\",\"category\":\"CONFLICT\"}";
    assert_eq!(
        http_troubleshooter::diagnosis::diagnose(hubspot).code,
        Some(409)
    );
    // GraphQL's extensions.code is not a status: such errors often come with 200.
    let graphql = "{\"errors\":[{\"message\":\"Not allowed\",\"extensions\":{\"code\":\"FORBIDDEN\"}}],\"data\":null}";
    assert_eq!(http_troubleshooter::diagnosis::diagnose(graphql).code, None);
    // Alibaba OSS answers with S3's codes (coderhaoxin/aliyun-oss#25).
    let oss = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>AccessDenied</Code>\n  <Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message>\n  <RequestId>5639B2444A9189587ABE6448</RequestId>\n  <HostId>simiao-images-assets.oss.aliyuncs.com</HostId>\n</Error>";
    assert_eq!(
        http_troubleshooter::diagnosis::diagnose(oss).code,
        Some(403)
    );
}

/// More places a status stands in what people paste: after "status code is", opening a message after
/// a bracketed tag or at the start of a quoted line, as a bare `"code"` beside an error message, at
/// the head of an IIS error page's title, and in the comment a tool saved above a page.
#[test]
fn statuses_opening_a_message_a_title_or_a_saved_page() {
    let cases = [
        // singer.io's tap-pipedrive (singer-io/tap-pipedrive#66).
        ("2019-10-18 07:32:29,040Z    tap - CRITICAL Invalid response from API, status code is 401", Some(401)),
        // The Dev Containers CLI (devcontainers-extra/features#123).
        ("[2025-06-02T21:06:26.498Z] [httpOci] 403: Credentials for 'ghcr.io' may be expired. Attempting request anonymously.", Some(403)),
        // unpkg's answer, quoted in an issue (unpkg/unpkg#110).
        ("https://unpkg.com/esri-leaflet@2.0.8\n\n> 404: Cannot find module \"dist/esri-leaflet-debug.js\" in package esri-leaflet@2.0.8", Some(404)),
        // A port or a line number after a tag is not a status.
        ("[server] 443: listening", None),
        ("> 8080: proxy", None),
    ];
    for (text, code) in cases {
        assert_eq!(paste::read(text).code(), code, "{text}");
    }
    let diagnose = |t: &str| http_troubleshooter::diagnosis::diagnose(t).code;
    // LeanCloud's limit (leancloud/leanengine-node-sdk#115) and Postmaster's carrier error (postmaster/postmaster-api#40): a bare code beside a message.
    assert_eq!(diagnose("{\n  \"code\": 503,\n  \"error\": \"Exceeded Limit\",\n  \"message\": \"应用超过免费限额或并发限制\"\n}"), Some(503));
    assert_eq!(diagnose("{\"message\": \"APIError AA001: Your account is not active.\", \"code\": 400, \"details\": {\"body\": {\"carrier_code\": \"AA001\"}, \"code\": 102}}"), Some(400));
    // A code beside no message, or a number that is not a common error status, is not read.
    assert_eq!(diagnose("{\"code\": 404, \"items\": []}"), None);
    assert_eq!(
        diagnose("{\"code\": 506, \"message\": \"Duplicate status message\"}"),
        None
    );
    // IIS's stock 502 page, as Azure Functions served it (Azure/azure-functions-python-worker#384).
    let iis = "<!DOCTYPE html>\n<html><head><title>502 - Web server received an invalid response while acting as a gateway or proxy server.</title></head><body><h2>502 - Web server received an invalid response while acting as a gateway or proxy server.</h2></body></html>";
    assert_eq!(diagnose(iis), Some(502));
    // A title that only mentions a number is not an error page's.
    assert_eq!(
        diagnose("<html><head><title>Top 404 pages of 2024</title></head><body>list</body></html>"),
        None
    );
    // A WAF page saved with the response head in its opening comment.
    let saved = "<!--\nGET http://insightsresources.seek.com.au HTTP/1.1\nStatus code: 403\nserver: fbs\ncontent-type: text/html; charset=UTF-8\n-->\n<!DOCTYPE doctype html>\n<head><title>StackPath</title></head><body>blocked</body></html>";
    let d = http_troubleshooter::diagnosis::diagnose(saved);
    assert_eq!(d.code, Some(403));
    assert_eq!(
        paste::read(saved)
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case("server"))
            .map(|h| h.value.as_str()),
        Some("fbs")
    );
}

/// An access-log line behind a prefix the format does not have (docker compose's "service | …", an
/// app logger's level) keeps its own status; the client's address in the status's place is not one.
#[test]
fn a_prefixed_access_log_line_keeps_its_status() {
    // PeerTube's container log (Chocobozzz/PeerTube#5069).
    let line = "peertube-peertube-1   | [tube.tr4sk.me:443] 2022-06-21 09:41:56.579 info: 192.168.2.5 - - [21/Jun/2022:09:41:56 +0000] \"GET /api/v1/video-channels/caspianreport HTTP/1.0\" 200 2912 \"-\" \"-\"";
    assert_eq!(paste::read(line).code(), Some(200));
    let failing = line.replace("\" 200 2912", "\" 413 0");
    assert_eq!(paste::read(&failing).code(), Some(413));
}

/// OkHttp's logging interceptor starts its lines with "<--": that is a log, not markup, and the
/// failure in it is read.
#[test]
fn an_okhttp_log_line_is_not_markup() {
    // An issue pasted to lysine-dev/retrofit#3783.
    let text = "<-- HTTP FAILED: java.net.UnknownHostException: Unable to resolve host \"cms-api-uat.hoabl.in\": No address associated with hostname";
    let d = http_troubleshooter::diagnosis::diagnose(text);
    assert_eq!(d.code, None);
    assert!(
        d.findings
            .iter()
            .any(|f| f.kind.as_str() == "dns-not-resolved"),
        "{:?}",
        d.findings
            .iter()
            .map(|f| f.kind.as_str())
            .collect::<Vec<_>>()
    );
    // A page is still a page.
    let page = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head></html>";
    assert_eq!(
        http_troubleshooter::diagnosis::diagnose(page).code,
        Some(502)
    );
}

/// Set 14's untaught pastes: statuses printed by Apple's Foundation and SDWebImage, "receive 410
/// code", and requests' wording inside a JSON body's message.
#[test]
fn statuses_in_printed_objects_brackets_and_body_messages() {
    let diagnose = |t: &str| http_troubleshooter::diagnosis::diagnose(t).code;
    let cases = [
        // SDWebImage/SDWebImage#2943.
        ("Error Domain=SDWebImageErrorDomain Code=2001 \"(null)\" UserInfo={SDWebImageErrorDownloadStatusCodeKey=404}", Some(404)),
        // Foundation's NSHTTPURLResponse as Objective-C prints it (an SDWebImage issue): not markup.
        ("<NSHTTPURLResponse: 0x7fabe2c2a860> { URL: http://img1.example.com/a.jpg } { status code: 403, headers {\n    \"Content-Type\" = \"text/html\";\n    Server = lighttpd;\n} }", Some(403)),
        // diPhantxm/ozon-api-client#75.
        ("client.Products().CreateProductByOzonID receive 410 code，\nclient version v1.11.0", Some(410)),
        ("received 200 rows from the cache", None),
        // A wrapper's own status in brackets is not read as the answer: Nuxt's "[unhandled] [500]"
        // around Google's "[400 Bad Request]" (vc-nuxt fixture) stays 400.
        ("[nuxt] [request error] [unhandled] [500] [GoogleGenerativeAI Error]: Error fetching from https://generativelanguage.googleapis.com/v1/models/gemini-pro:streamGenerateContent?alt=sse: [400 Bad Request] API key not valid.", Some(400)),
        // A proxy's JSON body quoting requests' exception (Jina Reader).
        ("{\"error\":true,\"error_message\":\"402 Client Error: Payment Required for url: https://r.jina.ai/https://example.org\",\"timestamp\":1736339864297}", Some(402)),
        // A tag and a label before the number (review of this session's readers).
        ("[upstream timeout] 504: upstream did not answer in time", Some(504)),
        // Markup is still markup: a namespaced XML element and a page.
        ("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault><faultstring>Server was unable to process request.</faultstring></soap:Fault></soap:Body></soap:Envelope>", None),
        // A page's own comment that mentions statuses is not a response head; a site titled with a
        // number is not an error page.
        ("<!-- Error page shown for 502 Bad Gateway and 504 Gateway Timeout -->\n<html><head><title>Maintenance</title></head><body>Back soon</body></html>", None),
        ("<html><head><title>404 - Studio | Home</title></head><body>portfolio</body></html>", None),
    ];
    for (text, code) in cases {
        assert_eq!(diagnose(text), code, "{text}");
    }
}

/// Set 15's readers: a stock page titled with its own reason phrase, a console line without its
/// method, a tool's "Unexpected response", a status field written as a string, and a message that
/// is nothing but an error phrase.
#[test]
fn statuses_in_stock_titles_bare_console_lines_and_body_fields() {
    let diagnose = |t: &str| http_troubleshooter::diagnosis::diagnose(t).code;
    let cases = [
        // PacketFence behind Apache mod_proxy: "Proxy Error" is Apache's own phrase for 502.
        ("<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>502 Proxy Error</title>\n</head><body>\n<h1>Proxy Error</h1>\n<p>The proxy server received an invalid\nresponse from an upstream server.<br />\n</body></html>", Some(502)),
        // nginx's older phrase for 401, title and heading alike (an Enphase gateway's page).
        ("<html>\n<head><title>401 Authorization Required</title></head>\n<body>\n<center><h1>401 Authorization Required</h1></center>\n</body>\n</html>", Some(401)),
        // A site whose title starts with a number is not a stock page: the heading differs.
        ("<html><head><title>404 Studio</title></head><body><h1>Welcome to 404 Studio</h1></body></html>", None),
        // Vite's dev server, as Chromium's console prints a failed module load (no method).
        ("http://localhost:8081/node_modules/.vite/deps/vue-to-print.js?v=3211b932 net::ERR_ABORTED 504 (Outdated Optimize Dep)", Some(504)),
        // A URL alone at the start of a line is not a console request: the later line's 500 is.
        ("https://api.example.com/v1/health 200 (OK)\nGET https://api.example.com/v1/orders 500 (Internal Server Error)", Some(500)),
        // cabal-install.
        ("Downloading the latest package list from hackage.haskell.org\nUnexpected response 403 for http://hackage.haskell.org/01-index.tar.gz\n\"cabal new-update\" failed!", Some(403)),
        // Midtrans writes its own transaction codes in "status_code": "407" is an expired
        // transaction, not a proxy's answer.
        ("{\"status_code\":\"407\",\"status_message\":\"Success, transaction is expired\",\"transaction_id\":\"3e5d7f0c-0000-4e4e-9a4c-000000000000\"}", None),
        // A vendor's own phrase ("Invalid token" is ArcGIS's 498) names no status, and never
        // overrides a number beside it.
        ("{\"message\":\"Invalid token\"}", None),
        ("{\"code\":401,\"message\":\"Invalid token\"}", Some(401)),
        ("{\"code\":403,\"message\":\"Unauthorized\"}", Some(403)),
        // Fitbit: the message is the phrase of 429 and nothing else.
        ("{\"errors\":[{\"errorType\":\"system\",\"fieldName\":\"n/a\",\"message\":\"Too Many Requests\"}],\"success\":false}", Some(429)),
        // Lerna (npm's error codes), a JSON log line's nested status (HAProxy), and "ret" beside a
        // message (AllTick).
        ("Finally, I got error: \n`lerna ERR! E401 Unable to authenticate, need: BASIC realm=\"Sonatype Nexus Repository Manager\"`", Some(401)),
        ("<134>Dec  4 22:31:11 ingress[8]: {\"program\":\"haproxy\",\"connection\":{\"termination_state\":\"sC\"},\"http\":{\"request\":{\"method\":\"POST\",\"target\":\"/garbage\"},\"version\":\"HTTP/1.1\",\"response\":{\"status_code\":503,\"bytes\":222}}}", Some(503)),
        // What the writer expected is not what came: Shopify's app check, and a test's assertion.
        ("App must verify the authenticity of the request from Shopify. Expected HTTP 401 (Unauthorized), but got HTTP 403 from https://app.example.com/api/webhooks.", Some(403)),
        ("AssertionError: expected 404 Not Found, got 500 Internal Server Error", Some(500)),
        ("Unexpected 502 Bad Gateway from the proxy", Some(502)),
        // HAProxy's HTTP log without a syslog prefix, read back from its termination state: a full
        // line, and one trimmed to start at timers a viewer padded with spaces (the status is the
        // fourth field before the state either way, not a client address in braces).
        ("10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/<NOSRV> 10/0/-1/-1/10 503 212 - - SC-- 1/1/0/0/0 0/0 \"GET /index.html HTTP/1.1\"", Some(503)),
        ("26848/   0/-1/-1/26849 503 212 - - SC-- 197/197/1/1/+3 0/0 {|35.162.23.80} {} \"GET /hello HTTP/1.1\"", Some(503)),
        ("{\"msg\":\"token invalid\",\"trace\":\"\",\"ret\":401}", Some(401)),
        ("{\"msg\":\"ok\",\"ret\":0}", None),
        // A message that only mentions a phrase among other words names nothing.
        ("{\"errors\":[{\"message\":\"Retry when the server is not too busy\"}]}", None),
        // A server's own wording of the phrase after the number (GitHub Models, nginx's 503 page,
        // nginx's 405), and a number before words that are not its phrase.
        ("413 Request body too large for gpt-4o model. Max size: 8000 tokens.", Some(413)),
        ("upstream answered 503 Service Temporarily Unavailable", Some(503)),
        ("<html>\r\n<head><title>405 Not Allowed</title></head>\r\n<body>\r\n<center><h1>405 Not Allowed</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>", Some(405)),
        ("POST /upload failed: 405 Not Allowed", Some(405)),
        ("Imported 404 records, found 3 duplicates", None),
        ("Processed 413 requests too quickly to log", None),
        // A status in brackets before a logged body (fluent-plugin-elasticsearch), and in a Ruby
        // Hash's inspect (Mangopay's OAuth error through its gem).
        ("error=\"could not push logs to Elasticsearch cluster ({:host=>\\\"es.example.com\\\"}): [413] {\\\"Message\\\":\\\"Request size exceeded 10485760 bytes\\\"}\"", Some(413)),
        ("{\"error\"=>\"unauthorized_client\", \"error_description\"=>\"This account has been temporarily locked for security reasons.\", \"Code\"=>\"400\", \"Url\"=>\"/v2.01/oauth/token\"}", Some(400)),
        ("{\"id\"=>\"evt_1\", \"code\"=>\"200\"}", None),
        ("{\"error\"=>{\"message\"=>\"Duplicate status message\", \"type\"=>\"OAuthException\", \"code\"=>506}}", None),
        // Counts and ids in prose are not a phrase's variant, and never beat a real status later.
        ("Batch 496 was sent, then the API returned 503 Service Unavailable", Some(503)),
        ("Found 414 too long lines in the import", None),
        // A status written as a constant (Amplitude's Android SDK log, Spring's HttpStatus), not a
        // longer constant that begins with one.
        ("D  Handle response, status: BAD_REQUEST, error: Invalid API key: XXXX", Some(400)),
        ("WebClientResponseException: TOO_MANY_REQUESTS from GET https://api.example.com", Some(429)),
        ("cache lookup: NOT_FOUND_IN_CACHE, fetching", None),
        // npm's debug log (numbered lines) and flutter_cache_manager.
        ("906 verbose stack HttpErrorAuthUnknown: Unable to authenticate\n907 verbose statusCode 401\n909 error code E401", Some(401)),
        ("909 error code E401\n910 error Unable to authenticate, your authentication token seems to be invalid.", Some(401)),
        ("I/flutter (30817): HttpException: No valid statuscode. Statuscode was 403", Some(403)),
        // A status line quoted in another message, whatever its phrase.
        ("nc: Proxy error: \"HTTP/1.0 503 Unavailable\"\nssh_exchange_identification: Connection closed by remote host", Some(503)),
        // An error page's number on a line of its own above its words (CodeSandbox), but not a
        // count or a number that is no error.
        ("502\nIt looks like the dev server has not been started yet.", Some(502)),
        ("250\nrecords imported", None),
        // "status_code" as a number beside a message (Shuttle); Midtrans's string codes stay unread
        // (above).
        ("{\n  \"message\": \"project not ready\",\n  \"status_code\": 503\n}", Some(503)),
        // The same under "status" (Riot Games), and Go's print of a map (libhoney).
        ("{\n    \"status\": {\n        \"message\": \"Forbidden\",\n        \"status_code\": 403\n    }\n}", Some(403)),
        ("sent event map[body:{\"error\":\"unknown API key - check your credentials\"} duration:604.702ms error:<nil> status_code:401]", Some(401)),
        // A port before a tool's "ERROR" is no status (WhatWeb through Ruby's OpenSSL).
        ("https://vpn.example.com:443 ERROR: SSL_connect returned=1 errno=0 state=SSLv2/v3 read server hello A: sslv3 alert handshake failure", None),
        ("[::1]:443 error: connection reset", None),
        // A phrase before the number in brackets (the qualtRics R client), not a phrase of another
        // status; a status right before its body (openrouteservice-py).
        ("Error in `qualtrics_response_codes()`:\n! Qualtrics API raised a bad request (400) error - Please report this", Some(400)),
        ("the item was Not Found (404) after the move", Some(404)),
        ("we saw a bad request (500) here", None),
        ("Feature ID caused a ApiError:\n404 ({\"error\":{\"code\":2010,\"message\":\"Could not find point 10\"}})", Some(404)),
        // "errorCode" beside a message (Pipedrive's vendors and others).
        ("{\n    \"errorCode\": 401,\n    \"error\": \"Not authorized API token.\"\n}", Some(401)),
        // A logger's name before the status is not a host (Tornado's access log).
        ("WARNING:tornado.access:403 GET /ws?id=1 (::1) 18.06ms", Some(403)),
    ];
    for (text, code) in cases {
        assert_eq!(diagnose(text), code, "{text}");
    }
    // A JSON array of errors is a body, not a HAR file with no requests (serde reads a struct from
    // an array too).
    let e = paste::read(
        "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]",
    );
    assert_eq!(e.kind, InputKind::Body);
    // curl's exit 7 needs its number: PHP's "cURL error 77" is a certificate store problem, and an
    // exit-28 connect that curl 8 ends with a refusal's words is a timeout.
    let kind = |t: &str| paste::read(t).network_error.map(|e| e.kind);
    assert_ne!(
        kind("cURL error 77: error setting certificate verify locations:  CAfile: /etc/ssl/certs/ca-certificates.crt CApath: none"),
        Some(NetworkErrorKind::ConnectionRefused)
    );
    assert_eq!(
        kind("curl: (28) Failed to connect to gstreamer.freedesktop.org port 443 after 135259 ms: Couldn't connect to server"),
        Some(NetworkErrorKind::ConnectTimeout)
    );
    assert_eq!(
        kind("curl: (7) Failed to connect to api.example.com port 443 after 2 ms: Couldn't connect to server"),
        Some(NetworkErrorKind::ConnectionRefused)
    );
}

/// A program's print of a parsed body is read as the body: Python's repr pasted alone, and a debug
/// log that marks the body's lines with "< " like the head's (the Databricks Go SDK).
#[test]
fn printed_bodies_python_reprs_and_marked_body_lines() {
    let e = paste::read("{'error': {'code': 'TOKEN_MISSING', 'description': 'An access token must be supplied.', 'retry': False}}");
    let json = e
        .body
        .as_ref()
        .and_then(|b| b.json.as_ref())
        .expect("read as JSON");
    assert_eq!(json["error"]["code"], "TOKEN_MISSING");
    assert_eq!(json["error"]["retry"], false);
    // Broken JSON a server sent (declared as JSON) is not rewritten.
    let e = paste::read(
        "HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\n{'error': 'x'}",
    );
    assert!(e.body.as_ref().is_some_and(|b| b.json.is_none()));
    let e = paste::read("GET /api/2.0/secrets/scopes/list\n> * Host:\n> * Accept: application/json\n< HTTP/2.0 403 Forbidden\n< * Content-Type: application/json; charset=utf-8\n< * Server: databricks\n< {\n<   \"error_code\": 403,\n<   \"message\": \"Invalid access token.\"\n< }");
    assert_eq!(e.code(), Some(403));
    assert_eq!(e.header("server"), Some("databricks"));
    let json = e
        .body
        .as_ref()
        .and_then(|b| b.json.as_ref())
        .expect("body read");
    assert_eq!(json["message"], "Invalid access token.");
}

/// .NET's WebException wording is PowerShell's only when PowerShell's own words are beside it.
#[test]
fn the_remote_server_returned_an_error_names_dotnet_or_powershell() {
    let cases = [
        (
            "System.Net.WebException: The remote server returned an error: (401) Unauthorized.\n   at System.Net.WebClient.DownloadDataInternal(Uri address, WebRequest& request)",
            ".NET WebClient / HttpWebRequest",
        ),
        (
            "Invoke-RestMethod : The remote server returned an error: (401) Unauthorized.\nAt line:1 char:1",
            "PowerShell",
        ),
        (
            "ERROR: Exception calling \"GetResponse\" with \"0\" argument(s): \"The remote server returned an error: (407) Proxy Authentication Required.\"",
            "PowerShell",
        ),
    ];
    for (text, client) in cases {
        let e = paste::read(text);
        assert_eq!(e.client.as_ref().map(|c| c.name), Some(client), "{text}");
        assert!(e.code().is_some(), "{text}");
    }
}

/// Log records whose level reads like a field name are not a header block: php-fpm's
/// "WARNING: [pool web] …" is not HTTP's Warning field (whose value opens with a warn-code).
#[test]
fn log_levels_are_not_header_fields() {
    let e = paste::read("WARNING: [pool web] server reached max_children setting (2), consider raising it\nWARNING: [pool web] child 120, script '/app/public/index.php' (request: \"GET /index.php\") execution timed out (358.009855 sec), terminating");
    assert_ne!(e.kind, InputKind::DevtoolsHeaders);
    let e = paste::read("content-type: text/html\nwarning: 199 - \"Miscellaneous warning\"");
    assert_eq!(e.kind, InputKind::DevtoolsHeaders);
}

/// A client whose own marker is in the paste is the one that printed it, even when an earlier
/// client's generic wording also fits ("HTTPError: 403" is Python requests' and open-uri's).
#[test]
fn a_client_named_by_its_own_marker_wins_a_shared_wording() {
    let e = paste::read("OpenURI::HTTPError: 403 Forbidden\n\tfrom /usr/lib/ruby/3.0.0/open-uri.rb:364:in `open_http'");
    assert_eq!(e.client.as_ref().map(|c| c.name), Some("Ruby open-uri"));
    assert_eq!(e.code(), Some(403));
    let e = paste::read("requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://api.example.com/v1");
    assert_eq!(e.client.as_ref().map(|c| c.name), Some("Python requests"));
}

/// A printed object that opens with "<" is not markup: requests' `<Response [401]>` before the body it
/// printed gives the status, and the body is still read.
#[test]
fn a_printed_response_object_is_not_a_tag() {
    let e = paste::read(
        "<Response [401]>{\"error_description\":\"invalid_client\",\"error\":\"invalid_client\"}",
    );
    assert_eq!(e.code(), Some(401));
    // A real tag with attributes is still markup.
    let e = paste::read("<html lang=\"en\"><head><title>502 Bad Gateway</title></head></html>");
    assert_eq!(e.kind, InputKind::Body);
    assert!(e
        .body
        .as_ref()
        .is_some_and(|b| b.media == paste::MediaKind::Html));
}

/// PHP's print_r of a decoded error body names the status as `[code] => 403`; a vendor's own small
/// code there is not a status.
#[test]
fn php_print_r_names_the_status() {
    let e = paste::read("Array ( [error] => Array ( [errors] => Array ( [0] => Array ( [domain] => global [reason] => insufficientPermissions [message] => Insufficient Permission ) ) [code] => 403 [message] => Insufficient Permission ) )");
    assert_eq!(e.code(), Some(403));
    let e = paste::read(
        "Array ( [error] => Array ( [code] => 190 [message] => Invalid OAuth access token ) )",
    );
    assert_eq!(e.code(), None);
}

/// A limit's message with the status in brackets ("Limit reached (429). New try.").
#[test]
fn a_limit_message_names_its_status_in_brackets() {
    let e = paste::read("[02:06:18.055] Limit reached (429). New try.\n[02:06:18.066] Limit reached (429). New try.");
    assert_eq!(e.code(), Some(429));
    let e = paste::read("Upload limit reached (250). Try again tomorrow.");
    assert_eq!(e.code(), None);
}

/// A printed JSON body whose long lines a terminal wrapped, inside its strings, is still read as JSON.
#[test]
fn a_json_body_wrapped_inside_its_strings_is_still_json() {
    let text = "{\n  \"code\" : 403,\n  \"errors\" : [ {\n    \"domain\" : \"global\",\n    \"message\" : \"Insufficient Permission: Request had insufficient authenticatio\nn scopes.\",\n    \"reason\" : \"insufficientPermissions\"\n  } ],\n  \"message\" : \"Insufficient Permission: Request had insufficient authentication\nscopes.\"\n}";
    let e = paste::read(text);
    let json = e
        .body
        .as_ref()
        .and_then(|b| b.json.as_ref())
        .expect("read as JSON");
    assert_eq!(json["errors"][0]["reason"], "insufficientPermissions");
    assert_eq!(
        json["errors"][0]["message"],
        "Insufficient Permission: Request had insufficient authentication scopes."
    );
}

/// Tools' own labels for the status: "failed with 422:", "code=400, reason=", "(HTTP:  401)",
/// "HTTP error code => 400", ECS's "failed with these codes: [502]", a log's "httpcode=200".
#[test]
fn more_tool_labels_name_the_status() {
    let cases = [
        ("Shiprocket /settings/company/addpickup failed with 422: \n{\n  message: {}\n}", Some(422)),
        ("code=400, reason=, body=b'{\"error\":\"invalid_grant\"}'", Some(400)),
        ("org.knowm.xchange.exceptions.ExchangeException: Signature not valid. (HTTP:  401).", Some(401)),
        ("EcobeeAuthorizationException: ecobee authorization error\nHTTP error code => 400\nError type => invalid_grant", Some(400)),
        ("service web (port 8081) is unhealthy in target-group web due to (reason Health checks failed with these codes: [502]).", Some(502)),
        ("err=send to dingding bot failed httpcode=200 resp={", Some(200)),
        // Not statuses: a count, a vendor's five-digit code.
        ("The import failed with 3 errors", None),
        ("{\"errcode\": 40001, \"errmsg\": \"invalid credential\"}", None),
    ];
    for (text, code) in cases {
        assert_eq!(paste::read(text).code(), code, "{text}");
    }
}

/// An error log without a status field (Apache's) still gets the status a module's message names:
/// ModSecurity's "Access denied with code 403" inside an `[:error]` line; a line naming none has none.
#[test]
fn an_error_log_line_takes_the_status_its_message_names() {
    let line = "[Wed Mar 02 10:15:32.123456 2022] [:error] [pid 12345] [client 203.0.113.9:51234] [client 203.0.113.9] ModSecurity: Access denied with code 403 (phase 2). Matched phrase \"union select\" at ARGS:search. [file \"/usr/share/modsecurity-crs/rules/REQUEST-942-APPLICATION-ATTACK-SQLI.conf\"] [line \"500\"] [id \"942100\"] [msg \"SQL Injection Attack Detected via libinjection\"] [hostname \"example.com\"] [uri \"/index.php\"] [unique_id \"YhA8dH8AAQEAAA\"]";
    let e = paste::read(line);
    assert_eq!(e.kind, InputKind::AccessLog);
    assert_eq!(e.code(), Some(403));
    let quiet = "[Wed Mar 02 10:15:32.123456 2022] [core:error] [pid 12345] [client 203.0.113.9:51234] AH00124: Request exceeded the limit of 10 internal redirects due to probable configuration error.";
    assert_eq!(paste::read(quiet).code(), None);
}

/// More places a status hides: npm's "publish Failed PUT 503", a status in brackets opening a message
/// ("[403] Could not find CSRF cookie …"), and Maven's "status code:" with the number wrapped onto the
/// next line; a body quoted after a label ("Error: {"code":401, …}") is still read as that body.
#[test]
fn statuses_behind_npm_brackets_and_wrapped_lines_are_read() {
    let cases = [
        ("npm ERR! publish Failed PUT 503\nnpm ERR! Unexpected token < in JSON at position 0", Some(503)),
        ("[403] Could not find CSRF cookie XSRF-TOKEN in the request. http://10.0.0.1/jupyter/api/namespaces/x/notebooks", Some(403)),
        ("Could not transfer artifact a:b:jar:1.0 from/to ossrh (https://s01.oss.sonatype.org:443/service/local/staging/deploy): status code:\n401, reason phrase: Content access is protected by token (401) -> [Help 1]", Some(401)),
        // Not statuses: a duration in brackets, a list of codes, a timestamp.
        ("[500 ms] request done", None),
        ("retrying on [403, 404] errors", None),
        ("[2024-05-01 10:00:00] worker started", None),
    ];
    for (text, code) in cases {
        assert_eq!(paste::read(text).code(), code, "{text}");
    }
    let e = paste::read("Error: {\"code\":401,\"result\":\"The access token provided is invalid.\",\"error\":{\"reason\":\"Unauthorized\",\"message\":\"The access token provided is invalid.\"}}");
    assert!(
        e.body.as_ref().and_then(|b| b.json.as_ref()).is_some(),
        "the quoted body is read"
    );
}

/// A WWW-Authenticate challenge pasted alone (with or without its field name) is read as that header
/// with the status it comes with: 401, RFC 6750's insufficient_scope 403 and invalid_request 400, a
/// proxy's 407. A sentence that starts with a scheme's name is not a challenge.
#[test]
fn a_challenge_pasted_alone_is_read_with_its_status() {
    let cases = [
        ("Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"", Some(401)),
        ("WWW-Authenticate: Bearer error=\"insufficient_scope\", scope=\"repo\"", Some(403)),
        ("www-authenticate: Bearer error=\"invalid_request\"", Some(400)),
        ("Proxy-Authenticate: Basic realm=\"corp-proxy\"", Some(407)),
        ("SharedKey realm=\"https://atlas.microsoft.com/\", error=\"InvalidKey\", error_description=\"The provided key was incorrect or the account resource does not exist.\"", Some(401)),
        ("Bearer token expired, please log in again", None),
        ("Basic auth is not supported", None),
        // A log line's level and field are not a scheme and its parameter (cloudflared's).
        ("ERR  error=\"Unable to reach the origin service. The service may be down: remote error: tls: unrecognized name\"", None),
    ];
    for (text, code) in cases {
        let e = paste::read(text);
        assert_eq!(e.code(), code, "{text}");
        if code.is_some() {
            assert!(
                e.header("www-authenticate")
                    .or(e.header("proxy-authenticate"))
                    .is_some(),
                "{text}"
            );
        }
    }
}

/// More shapes that carry the status: Ruby RestClient's printed response, a link checker's "404
/// https://…" lines, Python http.server's "code 400, message …" log, PHP's "HTTP request failed!
/// HTTP/1.1 403" and a CLI's "Received response 401 (Not Authorized)". A count before a URL in a
/// sentence is not a status.
#[test]
fn restclient_link_checker_http_server_and_php_statuses_are_read() {
    let cases = [
        ("=> <RestClient::Response 200 \"{\\\"success\\\":...\">", Some(200)),
        ("200 https://github.com/a/b/releases/download/v1/x.js\n404 https://cdn.example.com/a/b/x.js\n404 https://rawgit.example.com/a/b/x.js", Some(404)),
        ("203.0.113.7 - - [19/May/2022 11:48:15] code 400, message Bad request version ('\\x16\\x03\\x01')", Some(400)),
        ("file_get_contents(https://api.example.com/1.0/stock/quote): failed to open stream: HTTP request failed! HTTP/1.1 403", Some(403)),
        ("error: Received response 401 (Not Authorized). Check that your personal access token is correct and hasn't expired.", Some(401)),
        ("I checked 300 https://example.com links yesterday", None),
    ];
    for (text, code) in cases {
        assert_eq!(paste::read(text).code(), code, "{text}");
    }
}

/// A body Ruby printed with Hash#inspect (`"success"=>false`, `{:error=>"invalid_grant"}`) is read as
/// that JSON body.
#[test]
fn a_ruby_hash_printed_by_inspect_is_read_as_its_body() {
    let json = |text: &str| paste::read(text).body.and_then(|b| b.json);
    let fixer = json("=> {\"success\"=>false, \"error\"=>{\"code\"=>105, \"type\"=>\"https_access_restricted\", \"info\"=>\"Access Restricted\"}}").expect("read as JSON");
    assert_eq!(fixer["success"], false);
    assert_eq!(fixer["error"]["type"], "https_access_restricted");
    let oauth = json("RestClient::BadRequest: 400 Bad Request\n{:error=>\"invalid_grant\", :error_description=>\"Bad Request\", :extra=>nil}").expect("read as JSON");
    assert_eq!(oauth["error"], "invalid_grant");
    assert!(oauth["extra"].is_null());
}

/// An error object as Jest's and React Native's console print it (pretty-format: `Object {`,
/// `Array [`, a comma after every last item) is read as the body it prints, with its status: here
/// Google Drive's answer logged by an Expo app.
#[test]
fn an_object_printed_by_pretty_format_is_read_as_its_body() {
    let text = "\"error\": Object {
    \"code\": 403,
    \"errors\": Array [
      Object {
        \"domain\": \"global\",
        \"message\": \"Insufficient Permission: Request had insufficient authentication scopes.\",
        \"reason\": \"insufficientPermissions\",
      },
    ],
    \"message\": \"Insufficient Permission: Request had insufficient authentication scopes.\",
  },
}";
    let json = paste::read(text)
        .body
        .and_then(|b| b.json)
        .expect("read as JSON");
    assert_eq!(json["code"], 403);
    assert_eq!(json["errors"][0]["reason"], "insufficientPermissions");
    // The status the body names is the status.
    assert_eq!(
        http_troubleshooter::diagnosis::diagnose(text).code,
        Some(403)
    );
}

#[test]
fn marks_a_tool_prints_down_the_left_are_taken_off() {
    // pytest prints a failed assertion's message behind "E" and spaces: here `assert r.status_code
    // == 200, r.text` with nginx's stock 502 page as the text.
    let text = "    def test_items(client):\n        r = client.get(\"/v1/items\")\n>       assert r.status_code == 200, r.text\nE       AssertionError: <html>\nE         <head><title>502 Bad Gateway</title></head>\nE         <body>\nE         <center><h1>502 Bad Gateway</h1></center>\nE         <hr><center>nginx/1.25.3</center>\nE         </body>\nE         </html>\nE         \nE       assert 502 == 200\nE        +  where 502 = <Response [502]>.status_code";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(502));
    let body = e.body.expect("the page is the body");
    assert_eq!(body.media, MediaKind::Html, "{}", body.text);
    assert!(
        body.text.ends_with("</html>"),
        "the runner's lines after the page are not the page: {}",
        body.text
    );
    assert_eq!(body.html_title.as_deref(), Some("502 Bad Gateway"));
    // Terraform draws its diagnostic box with "│": a JSON body spread over its lines still parses.
    let text = "╷\n│ Error: POST https://api.example.com/v1/things: 429 Too Many Requests\n│ {\n│   \"error\": {\n│     \"code\": \"rate_limited\",\n│     \"message\": \"Slow down\"\n│   }\n│ }\n╵";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(429));
    let json = e
        .body
        .and_then(|b| b.json)
        .expect("the body in the box is JSON");
    assert_eq!(json["error"]["code"], "rate_limited");
    // A single line that starts with "E" and spaces is not pytest's.
    let e = paste::read("E   {\"error\": \"x\"}\nHTTP/1.1 404 Not Found");
    assert!(e.body.is_none_or(|b| !b.text.starts_with("{\"error\"")));
}

#[test]
fn ci_log_times_before_every_line_are_taken_off() {
    // A GitHub Actions log copied with its times: the error body spread over the lines parses.
    let text = "2024-05-14T09:21:07.4411234Z Error: HTTP 429: {\n2024-05-14T09:21:07.4412345Z   \"error\": {\n2024-05-14T09:21:07.4413456Z     \"message\": \"Rate limit reached for requests\",\n2024-05-14T09:21:07.4414567Z     \"type\": \"requests\",\n2024-05-14T09:21:07.4415678Z     \"code\": \"rate_limit_exceeded\"\n2024-05-14T09:21:07.4416789Z   }\n2024-05-14T09:21:07.4417890Z }";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(429));
    let json = e
        .body
        .and_then(|b| b.json)
        .expect("the body between the times is JSON");
    assert_eq!(json["error"]["code"], "rate_limit_exceeded");
    // A time inside a line (a token's issue date in a message) is not a prefix.
    let e = paste::read("{\"error\":\"invalid_grant\",\"error_description\":\"issued on\n2020-02-26T21:52:54.2810613Z and inactive\"}");
    assert!(e.body.is_some());
}

#[test]
fn a_string_body_util_inspect_split_over_lines_is_read_whole() {
    // A Node client's printed response: the body is a string holding JSON, which util.inspect
    // prints as pieces joined by "+" (twitter-api-v2's 403 from X's API).
    let text = "{\n  statusCode: 403,\n  data: '{\\n' +\n    '  \"title\": \"Unsupported Authentication\",\\n' +\n    '  \"detail\": \"Authenticating with OAuth 1.0a User Context is forbidden for this endpoint.\",\\n' +\n    '  \"status\": 403\\n' +\n    '}'\n}";
    let e = paste::read(text);
    let json = e
        .body
        .and_then(|b| b.json)
        .expect("the JSON inside the string is the body");
    assert_eq!(json["title"], "Unsupported Authentication");
    assert_eq!(json["status"], 403);
    // axios's response.data printed the same way: one body, its escapes undone.
    let text = "AxiosError: Request failed with status code 502\n    at settle (/app/node_modules/axios/lib/core/settle.js:19:12) {\n  code: 'ERR_BAD_RESPONSE',\n  response: {\n    status: 502,\n    statusText: 'Bad Gateway',\n    data: '<html>\\r\\n' +\n      '<head><title>502 Bad Gateway</title></head>\\r\\n' +\n      '<body>\\r\\n' +\n      '<center><h1>502 Bad Gateway</h1></center>\\r\\n' +\n      '</body>\\r\\n' +\n      '</html>\\r\\n'\n  }\n}";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(502));
    let body = e.body.expect("the page is the body");
    assert_eq!(
        body.html_title.as_deref(),
        Some("502 Bad Gateway"),
        "{}",
        body.text
    );
    assert!(!body.text.contains("' +"), "{}", body.text);
}

#[test]
fn container_log_names_before_every_line_are_taken_off() {
    // `docker compose logs`: the response a service printed, each line behind its name and a bar.
    let text = "api_1    | HTTP/1.1 429 Too Many Requests\napi_1    | Retry-After: 30\napi_1    | Content-Type: application/json\napi_1    |\napi_1    | {\"error\":{\"code\":\"rate_limit_exceeded\"}}";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(429));
    assert!(
        e.headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case("retry-after") && h.value == "30"),
        "{:?}",
        e.headers
    );
    let json = e
        .body
        .and_then(|b| b.json)
        .expect("the body after the names is JSON");
    assert_eq!(json["error"]["code"], "rate_limit_exceeded");
    // `kubectl logs --prefix`: the proxy's headers behind "[pod/…/…]".
    let text = "[pod/api-6c9f7d-abcde/api] HTTP/1.1 413 Request Entity Too Large\n[pod/api-6c9f7d-abcde/api] Server: nginx\n[pod/api-6c9f7d-abcde/api] Content-Type: text/html";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(413));
    assert!(
        e.headers.iter().any(|h| h.value == "nginx"),
        "{:?}",
        e.headers
    );
    // `docker service logs`: the client's own line is quoted without the task's name.
    let e = paste::read("web.1.abc123@node1    | Error: getaddrinfo ENOTFOUND app-server app-server:8181\nweb.1.abc123@node1    |     at GetAddrInfoReqWrap.onlookup [as oncomplete] (dns.js:91:26)\nweb.1.abc123@node1    |   code: 'ENOTFOUND',");
    let client = e.client.expect("Node.js named");
    assert!(!client.message.contains("@node1"), "{}", client.message);
    // Meteor's console stamp before each line of an object the app logged.
    let text = "I20180629-12:38:32.129(-4)? { id: '',\nI20180629-12:38:32.130(-4)?   recipients: 0,\nI20180629-12:38:32.130(-4)?   errors: [ 'All included players are not subscribed' ] } 200";
    let d = http_troubleshooter::diagnosis::diagnose(text);
    assert_eq!(d.code, Some(200));
    // A table's first column is not a container's name: each line's differs.
    let e = paste::read("Status | 403\nCode   | denied\nReason | token expired");
    assert!(
        e.message_text
            .as_deref()
            .into_iter()
            .chain(e.body.as_ref().map(|b| b.text.as_str()))
            .any(|t| t.contains("Status | 403")),
        "{e:?}"
    );
}

#[test]
fn a_cause_that_is_only_the_requests_host_is_a_dns_failure() {
    // Java's UnknownHostException says only the host; Spring 6 and Feign print only that message.
    for text in [
        "org.springframework.web.client.ResourceAccessException: I/O error on GET request for \"https://api.example.com/v1/items\": api.example.com",
        "feign.RetryableException: api.example.com executing POST https://api.example.com/v1/items",
        // Wide spaces around the host (a paste from a web page) are not part of it.
        "feign.RetryableException: \u{3000}a.bc\u{3000}\u{3000} executing GET https://a.bc/x",
    ] {
        let e = paste::read(text);
        let error = e.network_error.expect(text);
        assert_eq!(error.kind, NetworkErrorKind::DnsNotResolved, "{text}");
    }
    // Another host, or a status, after the URL is not that.
    for text in [
        "I/O error on GET request for \"https://api.example.com/v1/items\": proxy.example.net",
        "Request to https://api.example.com/v1/items failed: 404",
    ] {
        let e = paste::read(text);
        assert!(
            e.network_error
                .is_none_or(|n| n.kind != NetworkErrorKind::DnsNotResolved),
            "{text}"
        );
    }
}

#[test]
fn a_powershell_error_category_is_not_a_status() {
    // "NotImplemented" in an error record's CategoryInfo is PowerShell's ErrorCategory, not 501.
    let text = "Invoke-WebRequest : The response content cannot be parsed because the Internet Explorer engine is not available.\n    + CategoryInfo          : NotImplemented: (:) [Invoke-WebRequest], NotSupportedException\n    + FullyQualifiedErrorId : WebCmdletIEDomNotSupportedException";
    assert_eq!(paste::read(text).code(), None);
    // A status PowerShell's own message names is still read.
    let text = "Invoke-WebRequest : The remote server returned an error: (404) Not Found.\n    + CategoryInfo          : InvalidOperation: (System.Net.HttpWebRequest:HttpWebRequest) [Invoke-WebRequest], WebException";
    assert_eq!(paste::read(text).code(), Some(404));
}

/// An nginx error line copied from its level on ("[error] 191#0: …", the date left out) that the
/// thread wrapped mid-sentence is read whole: an upstream read timeout, nginx's 504, not a client's
/// connect timeout (the "(110: Connection timed out)" inside it).
#[test]
fn a_wrapped_nginx_error_line_without_its_date_is_read_whole() {
    let text = "[error] 191#0: *82 upstream timed out (110: Connection timed out) while\nreading response header from upstream";
    let d = http_troubleshooter::diagnosis::diagnose(text);
    assert_eq!(d.code, Some(504), "{}", d.verdict);
    assert!(d.verdict.contains("read timeout"), "{}", d.verdict);
    // Prose in brackets is not a log level: nothing is joined.
    let prose = paste::read("[Error] the upload failed\nbecause the disk was full");
    assert_ne!(prose.kind, InputKind::AccessLog);
}

/// The SDKs Stainless generates (openai-node, anthropic-sdk-typescript…) print an error as its status
/// and the server's sentence, with no JSON around it; a long line that opens with a count is not one.
#[test]
fn a_status_opening_an_sdk_error_sentence_is_read() {
    // continuedev/continue#6090, as the reporter pasted it (the key masked by them).
    let openai = "401 Incorrect API key provided: sk-proj-****************************************MxYA. You can find your API key at https://platform.openai.com/account/api-keys.";
    let e = paste::read(openai);
    assert_eq!((e.kind, e.code()), (InputKind::Message, Some(401)));
    assert!(e
        .message_text
        .as_deref()
        .is_some_and(|m| m.contains("Incorrect API key provided")));
    // Its words are still OpenAI's: the quota sentence names the quota finding under its 429.
    let d = http_troubleshooter::diagnosis::diagnose(
        "429 You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
    );
    assert_eq!(d.code, Some(429));
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind == http_troubleshooter::diagnosis::FindingKind::QuotaExceeded));
    // A count at the start of a long line, or a success status before a sentence, is not a status.
    for text in [
        "500 requests were sent by the nightly batch job before the connection pool ran dry and stopped",
        "200 Accounts were imported from the spreadsheet into the CRM this morning without any warnings",
    ] {
        assert_eq!(paste::read(text).code(), None, "{text}");
    }
}

/// A JSON body whose quotes an issue tracker or a chat made typographic is still read as JSON.
#[test]
fn a_json_body_with_typographic_quotes_is_still_json() {
    // HGData/mk-node-hubspot#89, as the issue shows it.
    let text = "{“status”:“error”,“message”:“You have reached your secondly limit.”,“errorType”:“RATE_LIMIT”,“policyName”:“SECONDLY”}";
    let e = paste::read(text);
    let body = e.body.expect("a body");
    assert_eq!(body.media, MediaKind::Json);
    assert_eq!(body.json.expect("parsed")["policyName"], "SECONDLY");
    // A server's body declared as JSON stays the server's: its typographic quotes are its error.
    let raw = "HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{“error”:“x”}";
    assert!(paste::read(raw).body.expect("a body").json.is_none());
}

#[test]
fn a_status_beside_a_failure_is_read_across_a_wrapped_line() {
    // Firefox's console line as vmiklos/osm-gimmisn quoted it in a commit message, wrapped at 72
    // columns between "Status" and "code:".
    let text = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading\nthe remote resource at\nhttps://osm.example.org/osm/missing-housenumbers/szigetmonostor/geojson.json.\n(Reason: CORS header \u{2018}Access-Control-Allow-Origin\u{2019} missing). Status\ncode: 200.";
    let e = paste::read(text);
    assert_eq!(
        e.network_error.expect("a CORS failure").kind,
        NetworkErrorKind::Cors
    );
    assert_eq!(e.status.expect("the status Firefox printed").code, 200);
}

#[test]
fn a_console_request_line_keeps_the_error_body_copied_under_it() {
    // Chromium's console line for the failed fetch, then the Response tab's JSON pasted below it:
    // the server's own words are the body, not lost under the line.
    let text = "POST https://api.example.com/v1/orders 403 (Forbidden)\n{\"error\":{\"code\":\"insufficient_scope\",\"message\":\"The access token lacks the orders:write scope\"}}";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(403));
    let request = e.request.as_ref().expect("the console's request");
    assert_eq!(request.method.as_deref(), Some("POST"));
    let body = e.body.expect("the error body under the line");
    assert_eq!(body.media, MediaKind::Json);
    assert_eq!(
        body.json.expect("parsed")["error"]["code"],
        "insufficient_scope"
    );
    // A console line alone still has no body.
    assert!(
        paste::read("GET https://api.example.com/v1/orders 404 (Not Found)")
            .body
            .is_none()
    );
}

#[test]
fn a_status_under_an_expected_label_is_not_the_one_received() {
    // An issue form's "Expected output" and "Actual output" sections, each with a status line: the
    // status received is the second.
    let text = "Expected output:\nHTTP/1.1 200 OK\n\nActual output:\nHTTP/1.1 413 Request Entity Too Large\nServer: nginx/1.18.0\n";
    let e = paste::read(text);
    assert_eq!(e.code(), Some(413));
    assert_eq!(e.header("server"), Some("nginx/1.18.0"));
    let text = "### Expected behavior\n\nHTTP/2 201\n\n### Actual behavior\n\nHTTP/2 500\ncontent-type: text/plain\n";
    assert_eq!(paste::read(text).code(), Some(500));
    // A status line under any other label is still the one read.
    let text = "Response:\nHTTP/1.1 404 Not Found\n";
    assert_eq!(paste::read(text).code(), Some(404));
}

#[test]
fn a_stream_of_json_progress_lines_is_read_for_the_line_that_carries_the_error() {
    // The Docker Engine API's push stream (what docker-py's images.push() returns and dockerode
    // streams): progress objects, then the registry's error as the last object. The shape is the
    // one minikube's tests feed their push-log reader.
    let text = "{\"status\":\"The push refers to repository [docker.io/example/app]\"}\n{\"status\":\"Preparing\",\"progressDetail\":{},\"id\":\"024f7860c664\"}\n{\"errorDetail\":{\"message\":\"denied: requested access to the resource is denied\"},\"error\":\"denied: requested access to the resource is denied\"}\n";
    let e = paste::read(text);
    let body = e.body.as_ref().expect("the error line as the body");
    assert_eq!(
        body.json.as_ref().expect("parsed")["error"],
        "denied: requested access to the resource is denied"
    );
    let client = e.client.as_ref().expect("the Docker stream is recognised");
    assert_eq!(client.id, "docker");
    assert_eq!(
        client.code.as_ref().expect("the registry's code").value,
        "denied"
    );
}

#[test]
fn a_go_clients_method_url_status_line_keeps_a_clean_url_and_no_false_phrase() {
    // digitalocean/godo through doctl (tests/fixtures/vendors/w63-cloud-infra-11): the URL ends
    // with the colon Go prints before the status, and the brackets hold a request id.
    let e = paste::read(&fixture(
        "vendors/w63-cloud-infra-11-digitalocean-droplet-limit.txt",
    ));
    assert_eq!(e.code(), Some(422));
    let request = e.request.as_ref().expect("the request");
    assert_eq!(
        request.target.as_deref(),
        Some("https://api.digitalocean.com/v2/kubernetes/clusters")
    );
    assert_eq!(e.status.as_ref().and_then(|s| s.reason.as_deref()), None);
    // Chromium's bracketed phrase is still read.
    let e = paste::read("GET https://api.example.com/v1/x 404 (Not Found)");
    assert_eq!(
        e.status.as_ref().and_then(|s| s.reason.as_deref()),
        Some("Not Found")
    );
}
