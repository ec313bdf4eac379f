//! Diagnoses of real-world pastes (tests/fixtures/): the code, the side, the key findings, the retry
//! advice, the request ids — and that no secret in the paste survives anywhere in the diagnosis.
//! Expectations come from tests/fixtures/README.md, written from the fixtures by hand.

mod common;
use common::{diagnose_fixture, everything, findings_text, request_ids};
use http_troubleshooter::catalog::{RetryPolicy, Side};
use http_troubleshooter::diagnosis::{self, Clock, FindingKind};
use http_troubleshooter::paste::InputKind;

/// Secret values that appear in the fixtures; none may appear in any diagnosis.
const SECRETS: [&str; 14] = [
    "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", // JWT signature (curl-v, bearer, devtools, axios, har)
    "bX9kT2vQ7rW4yP1zL8mN3cF6hJ0dG5sA",            // session cookie
    "sk_live_51HqLyjWDarjtT1zdp7dcXYZq6u0GmNq4Zr2hW0a3Kx9e", // Stripe secret key (prefix)
    "_secret_Vb7Kq2Lm9Xz4Tr1Wn8Hc3Fd6",            // Stripe client_secret
    "ak_live_7Rf2Lq9Xm4Tz1Vb8Nc3Hs6Kd",            // x-api-key on a PowerShell command line
    "ak_live_9fK2mQ7xR4tW8zB1nC5vL0pH",            // api_key in an access-log URL
    "pk_live_4Tg7Hs2Kd9Lq1Wm6Xv3Nb8Rc",            // api_key in a HAR URL
    "Zx8kQ2mV7pR4tY1wB6nC3fH9jL0sD5gA2eK7uI4o",    // X-Api-Key in DevTools headers
    "Tr0ub4dor&3-fake",                            // password in a curl -d body
    "p3Xq9LmT7vW2yR8sK4nB1cF6hJ0",                 // Set-Cookie session value
    "7a1f3c9e-2b4d-4e6f-8a0c-1d3e5f7a9b2c.sso-1",  // AUTH_SESSION_ID cookie
    "c2lnbmF0dXJlLW5vdC1yZWFs",                    // KC_RESTART (JWT-shaped) cookie
    "3f9c1a7e5b2d4f6a8c0e1b3d5f7a9c2e",            // csrf_token
    "AKIA4EXAMPLEZ7Q2WXYZ",                        // AWS access key id
];

fn assert_no_secrets(name: &str) {
    let d = diagnose_fixture(name);
    let all = everything(&d);
    for secret in SECRETS {
        assert!(
            !all.contains(secret),
            "{name}: the diagnosis still contains the secret {secret:?}"
        );
    }
    assert!(
        !http_troubleshooter::diagnosis::redact::looks_secret(&all),
        "{name}: something secret-looking survived"
    );
}

#[test]
fn no_fixture_leaks_a_secret() {
    // Every fixture, in every area folder (their expect*.toml files are not pastes).
    fn collect(dir: &std::path::Path, prefix: &str, names: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().into_string().unwrap());
            if entry.path().is_dir() {
                collect(&entry.path(), &format!("{name}/"), names);
            } else if !name.ends_with("README.md") && !name.ends_with(".toml") {
                names.push(name);
            }
        }
    }
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut names = Vec::new();
    collect(std::path::Path::new(&dir), "", &mut names);
    names.sort();
    assert!(names.len() > 200, "{} fixtures", names.len());
    for name in names {
        assert_no_secrets(&name);
    }
}

/// A 429 whose body says the credits ran out is billing: advice to wait out a rate limit would
/// contradict "waiting will not help".
#[test]
fn quota_429_keeps_the_vendors_retry_and_steps() {
    let d = diagnose_fixture("messages/openai-sdk-insufficient-quota.txt");
    assert_eq!(d.code, Some(429));
    assert_eq!(d.retry.policy, RetryPolicy::AfterFix);
    assert!(d.verdict.contains("waiting will not help"), "{}", d.verdict);
    assert!(
        d.steps[0].contains("billing")
            && !d.steps.iter().any(|s| s.contains("until the wait is over")),
        "{:?}",
        d.steps
    );
}

#[test]
fn rate_limit_429_with_retry_after_and_reset() {
    let d = diagnose_fixture("curl-i-429-retry-after.txt");
    assert_eq!(d.code, Some(429));
    assert_eq!(d.side, Side::Client);
    assert_eq!(d.retry.policy, RetryPolicy::RetryAfter);
    assert_eq!(d.retry.after_seconds, Some(120));
    // Date 09:21:07 + 120 s.
    assert_eq!(d.retry.at.as_deref(), Some("2024-05-14T09:23:07Z"));
    assert!(
        d.verdict.contains("rate limited") && d.verdict.contains("2 min"),
        "{}",
        d.verdict
    );
    assert!(request_ids(&d).contains(&"req_7Hq2mZpK4vXc9RtB".to_string()));
    let f = findings_text(&d);
    assert!(f.contains("limit 100") && f.contains("0 left"), "{f}");
}

#[test]
fn retry_after_as_http_date_and_as_decimal() {
    let d = diagnose_fixture("raw-503-retry-after-date.txt");
    assert_eq!(d.code, Some(503));
    assert_eq!(d.retry.after_seconds, Some(300));
    assert_eq!(d.retry.at.as_deref(), Some("2024-05-14T09:26:07Z"));
    // nginx's older phrase for 503 is noted, not treated as an error.
    assert_eq!(
        d.reason_sent.as_deref(),
        Some("Service Temporarily Unavailable")
    );

    let d = diagnosis::diagnose("HTTP/1.1 429 Too Many Requests\nRetry-After: 2.0\n");
    assert_eq!(d.retry.after_seconds, Some(2));
    assert!(findings_text(&d).contains("rounded up"));
}

#[test]
fn headers_a_client_printed_inside_its_error_are_read_and_masked() {
    // The OpenAPI Generator's Python clients print the response's headers as a dict.
    let d = diagnosis::diagnose(
        "ApiException: (429)\nReason: Too Many Requests\nHTTP response headers: HTTPHeaderDict({'Server': 'nginx', 'Retry-After': '30', 'Set-Cookie': 'sessionid=p3Xq9LmT7vW2yR8sK4nB1cF6hJ0; HttpOnly', 'X-Request-Id': 'req-77aa'})\nHTTP response body: Too many requests",
    );
    assert_eq!(d.code, Some(429));
    assert_eq!(d.retry.after_seconds, Some(30), "{:?}", d.retry);
    assert!(request_ids(&d).contains(&"req-77aa".to_string()));
    let all = everything(&d);
    assert!(!all.contains("p3Xq9LmT7vW2yR8sK4nB1cF6hJ0"), "{all}");
    assert!(!d.report.as_str().contains("p3Xq9LmT7vW2yR8sK4nB1cF6hJ0"));
    // An axios error's printed request config is not the response's headers.
    let d = diagnosis::diagnose(
        "AxiosError: Request failed with status code 503\nconfig: {\n  headers: {\"Accept\":\"application/json\",\"Retry-After\":\"99\"}\n}",
    );
    assert_eq!(d.code, Some(503));
    assert_ne!(d.retry.after_seconds, Some(99), "{:?}", d.retry);
    // The program's own label for its response object's headers, on a line of its own.
    let d = diagnosis::diagnose(
        "AxiosError: Request failed with status code 429\nresp.headers: {\"content-type\":\"application/json\",\"retry-after\":\"45\",\"x-request-id\":\"req-9f2c\"}",
    );
    assert_eq!(d.code, Some(429));
    assert_eq!(d.retry.after_seconds, Some(45), "{:?}", d.retry);
    assert!(request_ids(&d).contains(&"req-9f2c".to_string()));
}

#[test]
fn rate_limit_headers_ietf_legacy_and_github_403() {
    for name in ["ratelimit-ietf-429.txt", "ratelimit-legacy-429.txt"] {
        let d = diagnose_fixture(name);
        assert_eq!(d.code, Some(429), "{name}");
        assert_eq!(
            d.retry.after_seconds,
            Some(30),
            "{name}: reset t=30 / RateLimit-Reset: 30"
        );
    }
    let d = diagnose_fixture("github-403-ratelimit.txt");
    assert_eq!(d.code, Some(403));
    assert_eq!(d.side, Side::Client);
    assert!(
        d.verdict.contains("rate limited"),
        "a 403 with remaining 0 is a rate limit: {}",
        d.verdict
    );
    assert_eq!(d.retry.after_seconds, Some(2476));
    assert_eq!(d.retry.at.as_deref(), Some("2024-05-14T10:02:23Z"));
    assert!(request_ids(&d).contains(&"C1A8:2F6E1:1B3C4D5:1C2D3E4:66432D03".to_string()));
    assert!(findings_text(&d).contains("not a permission problem"));
}

#[test]
fn bearer_token_problems() {
    let d = diagnose_fixture("bearer-expired-401.txt");
    assert_eq!(d.code, Some(401));
    let f = findings_text(&d);
    assert!(f.contains("invalid_token"), "{f}");
    assert!(
        f.contains("the access token expired"),
        "the server's error_description is quoted: {f}"
    );
    // The JWT's exp (08:21:07) is an hour before the response's Date.
    assert!(f.contains("had expired") && f.contains("1 h"), "{f}");
    assert!(d.verdict.contains("expired"), "{}", d.verdict);
    assert!(request_ids(&d).contains(&"5d2b7e90-1c4a-4f3e-8b6d-0a9c7e3f1b24".to_string()));

    let d = diagnose_fixture("insufficient-scope-403.txt");
    assert_eq!(d.code, Some(403));
    assert!(d.verdict.contains("repo:write"), "{}", d.verdict);
    assert!(!d.verdict.contains("expired"));
    assert!(d.steps[0].contains("repo:write"), "{:?}", d.steps);
}

#[test]
fn oauth_token_endpoint_errors() {
    let d = diagnose_fixture("oauth-invalid-grant.json");
    // RFC 6749 §5.2: a token endpoint sends its errors with 400, so the body alone implies it.
    assert_eq!(d.code, Some(400));
    // The body names no number: 400 is the status its words (an OAuth error) come with.
    assert!(findings_text(&d)
        .to_lowercase()
        .contains("status 400 is the one these words come with"));
    assert!(d.verdict.contains("invalid_grant"));
    assert!(findings_text(&d).contains("unknown or invalid refresh token"));
    let d = diagnose_fixture("oauth-invalid-client.txt");
    assert_eq!(d.code, Some(401));
    assert!(
        d.verdict.contains("invalid_client") && d.verdict.contains("client id or secret"),
        "{}",
        d.verdict
    );
}

/// Of two browser failures in one paste, the one that proves more wins: a missing CORS header proves
/// the API answered ("CORS request did not succeed" beside it is another request's trouble), and a
/// request blocked as mixed content was never sent (a CORS line about it is the consequence).
#[test]
fn the_failure_that_proves_more_wins() {
    let failed = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v1/items. (Reason: CORS request did not succeed). Status code: (null).";
    let missing = "Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.example.com/v1/me. (Reason: CORS header ‘Access-Control-Allow-Origin’ missing). Status code: 200.";
    let mixed = "Blocked loading mixed active content “http://api.example.com/v1/items”";
    let kind = |text: &str| {
        let d = diagnosis::diagnose(text);
        d.findings.first().map(|f| f.kind.as_str()).unwrap_or("")
    };
    assert_eq!(kind(failed), "cors-request-failed");
    assert_eq!(kind(&format!("{failed}\n{missing}")), "cors");
    assert_eq!(kind(&format!("{missing}\n{failed}")), "cors");
    assert_eq!(kind(&format!("{missing}\n{mixed}")), "mixed-content");
    let d = diagnosis::diagnose(&format!("{failed}\n{missing}"));
    assert!(
        !d.verdict.contains("not the CORS headers"),
        "the verdict blames the network: {}",
        d.verdict
    );
}

/// A JSON parse error says only that the answer was not JSON; the answer itself, when pasted and
/// recognised, says why: Cloudflare's 1020 page leads, and so does a notice's own plain words.
#[test]
fn what_the_unreadable_response_says_leads_over_the_parse_error() {
    let parse = "Uncaught (in promise) SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON";
    let page = common::fixture("cloudflare-1020.html");
    let d = diagnosis::diagnose(&format!("{parse}\n{page}"));
    assert!(
        d.verdict.contains("1020") && d.verdict.contains("Cloudflare"),
        "the parse error's generic verdict leads: {}",
        d.verdict
    );
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind.as_str() == "html-instead-of-json"));
    // The finding that explains it comes first; the parse failure follows.
    assert_ne!(d.findings[0].kind.as_str(), "html-instead-of-json");
    // Tiingo's notice is quoted from its own line, not from the traceback's path through tiingo/.
    let d = diagnose_fixture("vendors/w30-tiingo-jsondecodeerror-usage-notice.txt");
    assert_eq!(d.findings[0].kind.as_str(), "quota-exceeded");
    assert!(
        d.findings[0]
            .evidence
            .iter()
            .any(|e| e.value.as_str().starts_with("You have run over")),
        "{:?}",
        d.findings[0].evidence
    );
    // Anthropic's words for an empty balance, under Python's parse error.
    let d = diagnosis::diagnose(
        "JSONDecodeError: Expecting value: line 1 column 1 (char 0)\n\nYour credit balance is too low to access the Anthropic API.",
    );
    assert!(
        d.verdict.contains("credits") && !d.verdict.contains("asked for JSON"),
        "the notice's words were not read: {}",
        d.verdict
    );
    // Alone, the parse error keeps its own explanation.
    let d = diagnosis::diagnose("JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
    assert!(
        d.verdict.contains("not JSON") || d.verdict.contains("asked for JSON"),
        "{}",
        d.verdict
    );
}

/// Headers name the software, but only a needle written as a header line ("server: kuma gateway")
/// is looked for in them: an API served by IIS does not get "a stock IIS error page" from its
/// Server header alone, while Kuma's gateway still explains Envoy's RBAC body.
#[test]
fn header_words_match_only_needles_written_as_header_lines() {
    let d = diagnosis::diagnose(
        "HTTP/1.1 401 Unauthorized\r\nServer: Microsoft-IIS/10.0\r\nContent-Type: application/json\r\n\r\n{\"error\":\"invalid_token\"}",
    );
    assert!(
        !d.matched_entries.contains(&"iis-stock-page"),
        "{:?}",
        d.matched_entries
    );
    let d = diagnose_fixture("edges/w30-kuma-gateway-rbac-denied.txt");
    assert!(d
        .matched_entries
        .contains(&"kuma-mesh-traffic-permission-denied"));
}

/// A wrapped error-log line is read whole, but the next record is not part of it: a container's
/// `name | ` line or a status line after it keeps its own status.
#[test]
fn a_wrapped_log_line_ends_where_the_next_record_starts() {
    let wrapped = "[Wed Feb 20 00:00:10 2019] [error] [client 27.78.62.157] ModSecurity:\nAccess denied with code 403 (phase 2). Matched phrase \"curl\" at REQUEST_HEADERS:User-Agent.";
    assert_eq!(diagnosis::diagnose(wrapped).code, Some(403));
    let next_record = "[Wed Feb 20 00:00:10 2019] [error] [client 27.78.62.157] File does not exist: /var/www/favicon.ico\nweb-1  | Access denied with code 406 (phase 2).";
    assert_ne!(diagnosis::diagnose(next_record).code, Some(406));
}

/// A message pasted alone is the server's own words: the steps start from them (the message field's
/// value, not the fragment's keys and quotes), and do not claim the paste holds no body to read.
/// WordPress's rest_forbidden message in the shape of a fragment from a support thread; Zendesk's
/// own fragment of that shape is now explained by its entry, whose steps lead instead.
#[test]
fn a_message_pasted_alone_leads_the_steps_with_its_words() {
    let d =
        diagnosis::diagnose(r#""Forbidden", "message": "Sorry, you are not allowed to do that.""#);
    assert_eq!(d.code, Some(403));
    let first = d.steps.first().map(|s| s.as_str()).unwrap_or("");
    assert!(
        first.contains("\u{201c}Sorry, you are not allowed to do that.\u{201d}"),
        "{first}"
    );
    let zendesk = diagnosis::diagnose(
        r#""Forbidden", "message": "You do not have access to this page. Please contact the account owner of this help desk for further help.""#,
    );
    assert!(zendesk.verdict.contains("Zendesk"), "{}", zendesk.verdict);
    assert!(
        !d.steps
            .iter()
            .any(|s| s.as_str().contains("holds no response body")),
        "{:?}",
        d.steps
    );
}

#[test]
fn cors_and_network_errors_have_no_code() {
    let d = diagnose_fixture("cors-console.txt");
    assert_eq!(
        (d.code, d.side, d.input_kind),
        (None, Side::Network, InputKind::NetworkError)
    );
    assert!(d.verdict.contains("CORS"));
    assert!(d
        .steps
        .iter()
        .any(|s| s.contains("Access-Control-Allow-Origin")));
    assert!(
        d.steps
            .iter()
            .any(|s| s.contains("no-cors") && s.contains("does not help")),
        "no-cors is not a fix: {:?}",
        d.steps
    );

    let expectations = [
        ("curl-6.txt", "could not be resolved"),
        ("curl-7.txt", "refused"),
        ("curl-28.txt", "No response arrived in time"),
        ("curl-35.txt", "TLS handshake failed"),
        ("curl-60.txt", "not trusted"),
        ("net-err-name-not-resolved.txt", "api.example.invalid"),
        ("net-err-cert.txt", "expired"),
        ("net-err-refused.txt", "localhost:3000"),
        ("node-econnreset.txt", "reset"),
        ("node-etimedout.txt", "No response arrived in time"),
    ];
    for (name, words) in expectations {
        let d = diagnose_fixture(name);
        assert_eq!(d.code, None, "{name}");
        assert_eq!(d.side, Side::Network, "{name}");
        assert!(d.verdict.contains(words), "{name}: {}", d.verdict);
        assert!(!d.steps.is_empty(), "{name}");
    }
}

#[test]
fn who_answered_cdn_gateway_proxy() {
    let d = diagnose_fixture("raw-cloudflare-522.txt");
    assert_eq!(d.code, Some(522));
    assert_eq!(d.answered_by.as_deref(), Some("Cloudflare"));
    assert_eq!(
        d.side,
        Side::Server,
        "Cloudflare 52x mean the origin must act"
    );
    assert!(
        d.verdict.contains("Cloudflare") && d.verdict.contains("origin"),
        "{}",
        d.verdict
    );
    assert!(request_ids(&d)
        .iter()
        .any(|id| id.starts_with("8a1b2c3d4e5f6789")));
    // Cloudflare's own reason phrase is a known alias, not an oddity.
    assert!(!findings_text(&d).contains("unusual reason phrase"));

    // A number ends where its digits end: CCAvenue's "Error Code: 10002" is not Cloudflare's
    // "error code: 1000", while Cloudflare's own one-line body still names Cloudflare.
    let d = diagnose_fixture("vendors/w24-vendors-08-ccavenue-merchant-auth-failed.txt");
    assert_eq!(d.answered_by, None, "{:?}", d.answered_by);
    assert!(!findings_text(&d).contains("Cloudflare"));
    let d =
        diagnosis::diagnose("HTTP/1.1 403 Forbidden\nContent-Type: text/plain\n\nerror code: 1020");
    assert_eq!(d.code, Some(403));
    assert_eq!(d.answered_by.as_deref(), Some("Cloudflare"));

    // The page alone: 522 taken from "Error code 522".
    let d = diagnose_fixture("cloudflare-522.html");
    assert_eq!(d.code, Some(522));
    assert_eq!(d.answered_by.as_deref(), Some("Cloudflare"));
    assert!(request_ids(&d).contains(&"8a1b2c3d4e5f6789".to_string()));

    // Error 1020 is a Cloudflare error, not an HTTP status; Cloudflare sends it with 403, which the
    // page alone implies.
    let d = diagnose_fixture("cloudflare-1020.html");
    assert_eq!(d.code, Some(403));
    assert!(
        d.verdict.contains("1020") && d.verdict.contains("firewall"),
        "{}",
        d.verdict
    );
    assert_eq!(d.side, Side::Intermediary);

    let d = diagnose_fixture("nginx-502-page.html");
    assert_eq!(d.code, Some(502), "taken from the page title");
    assert_eq!(d.side, Side::Intermediary);
    assert!(d.verdict.contains("nginx"), "{}", d.verdict);

    let d = diagnose_fixture("devtools-h2-pseudo.txt");
    assert_eq!(d.code, Some(502));
    assert_eq!(d.answered_by.as_deref(), Some("AWS Elastic Load Balancing"));
    assert_eq!(d.side, Side::Intermediary);

    let d = diagnose_fixture("devtools-headers.txt");
    assert_eq!(d.code, Some(504));
    assert_eq!(d.answered_by.as_deref(), Some("AWS API Gateway"));
    assert!(request_ids(&d).contains(&"7c1e9f2a-5b3d-4e8a-9f6c-1d2b3a4c5e6f".to_string()));

    let d = diagnose_fixture("vercel-504.txt");
    assert!(
        d.verdict.contains("FUNCTION_INVOCATION_TIMEOUT"),
        "{}",
        d.verdict
    );
    let d = diagnose_fixture("fly-503.txt");
    assert_eq!(d.answered_by.as_deref(), Some("Fly.io proxy"));
    assert!(request_ids(&d).contains(&"01HXR7K2M3N4P5Q6R7S8T9V0WX-fra".to_string()));

    // Envoy sends this body with 503 (its response flags say so), so the body alone implies it.
    let d = diagnose_fixture("plain-text-body.txt");
    assert_eq!(d.code, Some(503));
    assert_eq!(d.answered_by.as_deref(), Some("Envoy proxy"));
    assert_eq!(d.side, Side::Intermediary);
}

#[test]
fn generic_words_are_explained_with_the_message_quoted_not_its_json() {
    // Nothing knows the vendor; the words say what happened, and the first step quotes them as
    // words (the JSON string), not as the line of JSON around them.
    let d = diagnose_fixture("messages/fallback-w27-already-exists-inaturalist-api.txt");
    assert!(findings_text(&d).contains("already exists"));
    let first = d.steps[0].as_str();
    assert!(first.contains("“Email has already been taken”"), "{first}");
    assert!(!first.contains("{\"errors\""), "{first}");
    // Words every failure uses are not a server failure.
    let d = diagnosis::diagnose("Error: Something went wrong, please try again later");
    assert!(d.steps.is_empty(), "{:?}", d.steps);
}

#[test]
fn a_status_the_body_names_is_read_from_error_lists_and_gateway_fields() {
    // A GraphQL API's first error names the status (AniList during an outage): not "200 OK but…".
    let d = diagnosis::diagnose("{\"errors\": [{\"message\": \"The API has been temporarily disabled.\", \"status\": 403, \"locations\": [{\"line\": 1, \"column\": 1}]}], \"data\": null}");
    assert_eq!(d.code, Some(403));
    assert!(
        !d.verdict.as_str().contains("says OK"),
        "{}",
        d.verdict.as_str()
    );
    // Apiman's policy failure: "responseCode" beside its message.
    let d = diagnosis::diagnose("{\"type\": \"Other\", \"failureCode\": 10005, \"message\": \"Rate limit exceeded.\", \"responseCode\": 429}");
    assert_eq!(d.code, Some(429));
    // A wrapper's message printed as a JSON string: "429 - {\"status\":\"error\", …}".
    let d = diagnosis::diagnose("\"429 - {\\\"status\\\":\\\"error\\\",\\\"message\\\":\\\"You have reached your secondly limit.\\\"}\"");
    assert_eq!(d.code, Some(429));
    // A code beside a list of messages (Nutanix Prism's v3 API), not beside one message.
    let d = diagnosis::diagnose("{\"state\": \"ERROR\", \"code\": 401, \"message_list\": [{\"reason\": \"AUTHENTICATION_REQUIRED\", \"message\": \"Authentication required.\"}], \"api_version\": \"3.1\"}");
    assert_eq!(d.code, Some(401));
    // A JSON:API error's status written as Rails' symbol for the status (IT Glue).
    let d = diagnosis::diagnose("{\"errors\":[{\"status\":\"unprocessable_entity\",\"title\":\"bulk action not allowed\",\"source\":{\"pointer\":\"data\"}}]}");
    assert_eq!(d.code, Some(422));
    // A statusCode inside the error object beside the vendor's own code (IBM Quantum's maintenance).
    let d = diagnosis::diagnose("{\"error\": {\"statusCode\": 503, \"name\": \"MAINTENANCE\", \"message\": \"Planned maintenance.\", \"code\": 1999}}");
    assert_eq!(d.code, Some(503));
    // "Status code" written in another language (ddns-go's Chinese log line).
    let d = diagnosis::diagnose("查询域名信息发生异常! 返回内容: {\"status\":\"ERROR\",\"message\":\"Domain is not opted in to API access.\"} ,返回状态码: 400");
    assert_eq!(d.code, Some(400));
    let d = diagnosis::diagnose("Error al llamar a la API: código de estado 429");
    assert_eq!(d.code, Some(429));
    // A GraphQL error's code in words is not a status (it comes with 200 as often as not).
    let d = diagnosis::diagnose("{\"errors\":[{\"message\":\"Could not resolve to a Repository\",\"type\":\"NOT_FOUND\"}],\"data\":null}");
    assert_ne!(d.code, Some(404));
    let d = diagnosis::diagnose("{\"data\":null,\"errors\":[{\"message\":\"Could not resolve to a User\",\"status\":\"NOT_FOUND\"}]}");
    assert_ne!(d.code, Some(404));
}

#[test]
fn body_formats_quote_the_servers_own_words() {
    let d = diagnose_fixture("problem-details-422.txt");
    assert_eq!(d.code, Some(422));
    assert_eq!(
        d.server_message.as_deref(),
        Some("2 fields failed validation.")
    );
    let f = findings_text(&d);
    assert!(
        f.contains("#/age") && f.contains("must be a positive integer"),
        "{f}"
    );
    assert!(f.contains("#/profile/color"), "{f}");

    let d = diagnose_fixture("google-api-403.json");
    assert_eq!(d.code, Some(403), "from error.code");
    let f = findings_text(&d);
    assert!(
        f.contains("permission_denied") && f.contains("api_key_service_blocked"),
        "{f}"
    );

    let d = diagnose_fixture("stripe-402.txt");
    assert_eq!(d.code, Some(402));
    assert!(
        d.verdict.contains("declined") && d.verdict.contains("insufficient funds"),
        "{}",
        d.verdict
    );
    assert!(request_ids(&d).contains(&"req_Q3kX9aLmT2vB8c".to_string()));

    let d = diagnose_fixture("graphql-200-errors.txt");
    assert_eq!(d.code, Some(200));
    assert!(
        d.verdict.contains("OK") && d.verdict.contains("not authenticated"),
        "a 200 with errors is not success: {}",
        d.verdict
    );
    assert!(findings_text(&d).contains("viewer.repositories"));

    let d = diagnose_fixture("jsonapi-422.json");
    assert_eq!(d.code, Some(422), "from errors[0].status, a string");
    assert!(findings_text(&d).contains("/data/attributes/email"));

    let d = diagnose_fixture("aws-throttling-400.txt");
    assert_eq!(d.code, Some(400));
    assert!(d.verdict.contains("throttled"), "{}", d.verdict);
    assert_eq!(d.retry.policy, RetryPolicy::Backoff);
    assert!(findings_text(&d).contains("throttlingexception"));
    assert!(!findings_text(&d).contains("com.amazon.coral.availability#throttlingexception :: "));

    let d = diagnose_fixture("apigw-missing-auth-token.txt");
    assert!(
        d.verdict.contains("route") && d.verdict.contains("stage"),
        "{}",
        d.verdict
    );

    // S3's error-code table gives SignatureDoesNotMatch its 403, so the body alone implies it.
    let d = diagnose_fixture("s3-signature.xml");
    assert_eq!(d.code, Some(403));
    assert!(d.verdict.contains("signature"), "{}", d.verdict);
    assert!(request_ids(&d).contains(&"4QF8V2Z1MZ3K7W9P".to_string()));

    let d = diagnose_fixture("azure-storage.xml");
    assert!(request_ids(&d).contains(&"0c2e8f4a-701e-0042-5b1f-a6c3d8000000".to_string()));

    let d = diagnose_fixture("azure-graph-401.json");
    assert!(findings_text(&d).contains("invalidauthenticationtoken"));
    assert!(request_ids(&d).contains(&"a3c5e7f9-1b2d-4f6a-8c0e-2d4f6a8c0e1b".to_string()));

    let d = diagnose_fixture("k8s-forbidden.json");
    assert_eq!(d.code, Some(403), "from the Status object's code");
    assert!(d.verdict.contains("RBAC"), "{}", d.verdict);
    assert!(d
        .server_message
        .as_deref()
        .unwrap()
        .contains("cannot list resource \"pods\""));

    let d = diagnose_fixture("slack-invalid-auth.txt");
    assert_eq!(d.code, Some(200));
    assert!(
        d.verdict.contains("invalid_auth"),
        "a 200 with ok:false is not success: {}",
        d.verdict
    );

    // 20003 is Twilio's own code, not an HTTP status; the status comes from "status".
    let d = diagnose_fixture("twilio-401.json");
    assert_eq!(d.code, Some(401));
    assert!(d
        .steps
        .iter()
        .any(|s| s.contains("https://www.twilio.com/docs/errors/20003")));
}

#[test]
fn mismatches_login_pages_and_redirects() {
    let d = diagnose_fixture("html-login-200.txt");
    assert_eq!(d.code, Some(200));
    assert!(d.verdict.contains("login page"), "{}", d.verdict);

    let d = diagnose_fixture("redirect-302-post.txt");
    assert_eq!(d.code, Some(302));
    let f = findings_text(&d);
    assert!(
        f.contains("get") && f.contains("post"),
        "POST turned into GET: {f}"
    );
    assert!(f.contains("sign-in page"), "{f}");

    let d = diagnose_fixture("reason-mismatch-413.txt");
    assert_eq!(d.status.unwrap().phrase, "Content Too Large");
    assert_eq!(d.reason_sent.as_deref(), Some("Request Entity Too Large"));
    assert!(
        !findings_text(&d).contains("unusual reason phrase"),
        "an older registered name is not suspicious"
    );

    let d = diagnosis::diagnose("HTTP/1.1 404 Totally Fine");
    assert!(findings_text(&d).contains("unusual reason phrase"));
}

#[test]
fn method_media_and_size_rules() {
    let d = diagnose_fixture("status-405-allow.txt");
    assert!(d.verdict.contains("GET, HEAD, OPTIONS"), "{}", d.verdict);
    let d = diagnose_fixture("status-415-accept-post.txt");
    let f = findings_text(&d);
    assert!(
        f.contains("application/json, application/merge-patch+json"),
        "{f}"
    );
    assert!(
        f.contains("application/x-www-form-urlencoded"),
        "the refused Content-Type is shown: {f}"
    );
    // Apache's own 413 page says how to shrink the body; the general rule does not repeat it.
    let d = diagnose_fixture("apache-413.txt");
    let shrink = d
        .steps
        .iter()
        .filter(|s| s.contains("smaller body") || s.contains("Shrink the request body"))
        .count();
    assert_eq!(shrink, 1, "{:?}", d.steps);
    let d = diagnosis::diagnose("HTTP/1.1 413 Content Too Large\nContent-Length: 0\n\n");
    assert!(
        d.steps
            .iter()
            .any(|s| s.contains("Shrink the request body")),
        "{:?}",
        d.steps
    );
    let d = diagnosis::diagnose("> GET / HTTP/1.1\n> Cookie: huge=1\n>\n< HTTP/1.1 431 Request Header Fields Too Large\n<\n");
    assert!(d.steps.iter().any(|s| s.contains("cookies")));
}

#[test]
fn exchange_activesync_451_is_a_redirect_not_a_legal_block() {
    let d = diagnose_fixture("exchange-451.txt");
    assert_eq!(d.code, Some(451));
    assert!(d.verdict.contains("mail2.example.com"), "{}", d.verdict);
    assert!(!d.verdict.contains("legal"), "{}", d.verdict);
}

#[test]
fn request_ids_from_headers_and_bodies() {
    let d = diagnose_fixture("traceparent-500.txt");
    let ids = request_ids(&d);
    assert!(
        ids.contains(&"6b2e4f1a-9c3d-4e8b-a7f5-2d1c0b9e8a74".to_string()),
        "{ids:?}"
    );
    assert!(
        ids.iter()
            .any(|id| id.contains("4bf92f3577b34da6a3ce929d0e0e4736")),
        "traceparent: {ids:?}"
    );
    // The same id in a header and the body is listed once.
    assert_eq!(
        ids.iter()
            .filter(|id| *id == "6b2e4f1a-9c3d-4e8b-a7f5-2d1c0b9e8a74")
            .count(),
        1
    );
}

#[test]
fn har_and_access_log_diagnose_the_worst_and_list_the_rest() {
    let d = diagnose_fixture("har-mixed.har");
    assert_eq!(d.code, Some(401));
    assert_eq!(d.input_kind, InputKind::Har);
    assert_eq!(d.others.len(), 1);
    assert_eq!(d.others[0].status, 0);
    assert!(
        d.others[0].url.contains("api_key=[masked"),
        "the api_key in the listed URL is masked: {}",
        d.others[0].url
    );
    assert!(request_ids(&d).contains(&"8e4f2c1a-7d3b-4a9e-b6c5-0f1e2d3c4b5a".to_string()));
    let d = diagnose_fixture("access-log.txt");
    assert_eq!(d.code, Some(502));
    assert_eq!(d.others[0].status, 499);
}

#[test]
fn a_har_file_lists_every_request_and_diagnoses_the_one_chosen() {
    // Checked by hand against tests/fixtures/har-mixed.har: four requests (200, 304, a 401 POST, a
    // GET with an api_key in its query that got no response).
    let text = common::fixture("har-mixed.har");
    let d = http_troubleshooter::diagnose(&text);
    assert_eq!(d.exchanges.len(), 4);
    assert_eq!(
        d.selected_exchange,
        Some(2),
        "the 401 is the most significant failure"
    );
    type Row<'a> = (usize, &'a str, &'a str, Option<u16>, Option<u32>, bool);
    let rows: Vec<Row> = d
        .exchanges
        .iter()
        .map(|r| {
            (
                r.index,
                r.method.as_str(),
                r.host.as_str(),
                r.status,
                r.time_ms,
                r.failed,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (0, "GET", "app.example.org", Some(200), Some(165), false),
            (1, "GET", "app.example.org", Some(304), Some(41), false),
            (2, "POST", "api.example.com", Some(401), Some(196), true),
            (3, "GET", "partner.example.net", None, Some(137), true),
        ]
    );
    assert_eq!(d.exchanges[2].path.as_str(), "/v1/orders");
    assert!(
        d.exchanges[3].path.contains("api_key=[masked"),
        "{}",
        d.exchanges[3].path
    );
    assert!(!d.exchanges[3].path.contains("pk_live_4Tg7"));
    assert_eq!(d.exchanges[0].line.as_str(), "200 OK");
    assert_eq!(
        d.exchanges[2].line, d.verdict,
        "the chosen row's line is the verdict shown"
    );
    assert_eq!(
        d.exchanges_summary.as_deref(),
        Some("2 of 4 requests failed: 1 × 401 from api.example.com, 1 × no response from partner.example.net")
    );
    let all = d
        .report_all
        .as_deref()
        .expect("two failures: a report of both");
    assert!(
        all.contains("`POST https://api.example.com/v1/orders`"),
        "{all}"
    );
    assert!(
        all.contains("partner.example.net/v1/recommendations"),
        "{all}"
    );
    assert!(!all.contains("pk_live_4Tg7"), "{all}");

    // Choosing the request that got no response diagnoses it, with the same table.
    let chosen = http_troubleshooter::diagnosis::diagnose_request(&text, Default::default(), 3);
    assert_eq!(chosen.selected_exchange, Some(3));
    assert_eq!(chosen.code, None);
    assert_eq!(chosen.exchanges.len(), 4);
    assert_eq!(chosen.exchanges[3].line, chosen.verdict);
    assert_ne!(chosen.verdict, d.verdict);
    // An index past the requests reads the paste as usual.
    let past = http_troubleshooter::diagnosis::diagnose_request(&text, Default::default(), 99);
    assert_eq!(past.selected_exchange, Some(2));
    // A paste of one exchange has no table.
    assert!(http_troubleshooter::diagnose("HTTP/1.1 404 Not Found")
        .exchanges
        .is_empty());
}

#[test]
fn an_access_log_of_several_lines_is_a_table_of_requests_too() {
    // tests/fixtures/access-log.txt, by hand: a 200 (with an api_key in its query), a 499, a 502 POST.
    let text = common::fixture("access-log.txt");
    let d = http_troubleshooter::diagnose(&text);
    assert_eq!(d.code, Some(502));
    assert_eq!(d.selected_exchange, Some(2));
    let rows: Vec<(usize, &str, Option<u16>, bool)> = d
        .exchanges
        .iter()
        .map(|r| (r.index, r.method.as_str(), r.status, r.failed))
        .collect();
    assert_eq!(
        rows,
        vec![
            (0, "GET", Some(200), false),
            (1, "GET", Some(499), true),
            (2, "POST", Some(502), true)
        ]
    );
    assert!(
        d.exchanges[0].path.contains("api_key=[masked"),
        "{}",
        d.exchanges[0].path
    );
    assert!(!d.exchanges[0].path.contains("ak_live_9fK2"));
    assert_eq!(d.exchanges[2].path.as_str(), "/v1/payments");
    assert_eq!(
        d.exchanges_summary.as_deref(),
        Some("2 of 3 requests failed: 1 × 499, 1 × 502")
    );
    assert!(d
        .report_all
        .as_deref()
        .unwrap()
        .contains("/v1/reports/export"));
    // Choosing the 499 diagnoses that line.
    let chosen = diagnosis::diagnose_request(&text, Clock::default(), 1);
    assert_eq!(
        (chosen.code, chosen.selected_exchange),
        (Some(499), Some(1))
    );
    assert_eq!(chosen.exchanges.len(), 3);
    // One line alone has no table.
    let one = text.lines().nth(2).unwrap();
    assert!(http_troubleshooter::diagnose(one).exchanges.is_empty());
}

#[test]
fn a_curl_trace_that_follows_redirects_lists_each_request() {
    // curl -v -L's own layout (the redirect, "Issue another request to this URL", the next request);
    // the hosts and paths are ours.
    let trace = "* Connected to example.com (93.184.215.14) port 443
> GET /api/v1/report HTTP/1.1
> Host: example.com
> User-Agent: curl/8.5.0
> Accept: */*
>
< HTTP/1.1 301 Moved Permanently
< Location: https://api.example.com/v1/report
< Content-Length: 0
<
* Connection #0 to host example.com left intact
* Issue another request to this URL: 'https://api.example.com/v1/report'
* Connected to api.example.com (93.184.215.15) port 443
> GET /v1/report HTTP/1.1
> Host: api.example.com
> User-Agent: curl/8.5.0
> Accept: */*
>
< HTTP/1.1 503 Service Unavailable
< Retry-After: 120
< Content-Type: application/json
<
{\"error\":\"maintenance\"}
";
    let d = http_troubleshooter::diagnose(trace);
    assert_eq!((d.code, d.selected_exchange), (Some(503), Some(1)));
    let rows: Vec<(&str, &str, &str, Option<u16>)> = d
        .exchanges
        .iter()
        .map(|r| {
            (
                r.method.as_str(),
                r.host.as_str(),
                r.path.as_str(),
                r.status,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("GET", "example.com", "/api/v1/report", Some(301)),
            ("GET", "api.example.com", "/v1/report", Some(503))
        ]
    );
    assert_eq!(
        d.exchanges_summary.as_deref(),
        Some("1 of 2 requests failed: 1 × 503 from api.example.com")
    );
    let first = diagnosis::diagnose_request(trace, Clock::default(), 0);
    assert_eq!((first.code, first.selected_exchange), (Some(301), Some(0)));
    // One request, no table.
    assert!(diagnose_fixture("curl-v-404.txt").exchanges.is_empty());
}

#[test]
fn the_report_keeps_what_support_needs() {
    let d = diagnose_fixture("curl-i-429-retry-after.txt");
    let r = &d.report;
    assert!(r.contains("429 Too Many Requests"));
    assert!(r.contains("req_7Hq2mZpK4vXc9RtB"));
    assert!(
        r.contains("Tue, 14 May 2024 09:21:07 GMT"),
        "the server's Date: {r}"
    );
    assert!(r.contains("GET https://api.example.com/v1/search?q=widgets"));
    assert!(r.contains("Retry-After: 120"));
    let d = diagnose_fixture("bearer-expired-401.txt");
    assert!(
        d.report.contains("The access token expired"),
        "the server's message: {}",
        d.report
    );
    assert!(!d.report.contains("eyJ"), "no token in the report");
}

#[test]
fn examples_in_the_issue() {
    let d = diagnosis::diagnose(
        r#"{"code":20003,"message":"Authenticate","more_info":"https://www.twilio.com/docs/errors/20003","status":401}"#,
    );
    assert_eq!(d.code, Some(401));
    let d = diagnosis::diagnose("HTTP/1.1 200 OK\nContent-Type: application/json\n\n{\"ok\":false,\"error\":\"invalid_auth\"}");
    assert!(d.verdict.contains("invalid_auth"));
    let d = diagnosis::diagnose_at(
        "HTTP/1.1 429 Too Many Requests\nRetry-After: 2.0\n",
        Clock {
            now: Some(1_700_000_000),
        },
    );
    assert_eq!(d.retry.after_seconds, Some(2));
    assert_eq!(
        d.retry.at_unix,
        Some(1_700_000_002),
        "without Date, the wait counts from now"
    );
    let d = diagnosis::diagnose(
        r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"forbidden","reason":"Forbidden","code":403}"#,
    );
    assert_eq!(d.code, Some(403));
    let d = diagnosis::diagnose("requests.exceptions.HTTPError: 404 Client Error: Not Found for url: https://api.example.com/v1/users/42");
    assert_eq!(d.code, Some(404));
    assert_eq!(
        d.request.unwrap().url.as_deref(),
        Some("https://api.example.com/v1/users/42")
    );
    let d = diagnosis::diagnose(
        "curl: (60) SSL certificate problem: unable to get local issuer certificate",
    );
    assert_eq!((d.code, d.side), (None, Side::Network));
    let d = diagnosis::diagnose("GET https://api.example.com/ net::ERR_NAME_NOT_RESOLVED");
    assert_eq!((d.code, d.side), (None, Side::Network));
    assert!(d.verdict.contains("api.example.com"));
}

#[test]
fn bare_codes_use_the_catalog_and_bad_numbers_say_so() {
    let d = diagnosis::diagnose("404");
    assert_eq!(d.headline, "404 Not Found");
    assert_eq!(d.status.unwrap().code, 404);
    let d = diagnosis::diagnose("299");
    assert_eq!(d.code, Some(299));
    assert!(!d.status.unwrap().known);
    assert!(
        d.verdict.contains("not a registered status code"),
        "{}",
        d.verdict
    );
    let d = diagnosis::diagnose("1000");
    assert_eq!(d.code, None);
    assert!(
        d.verdict.contains("not an HTTP status code"),
        "{}",
        d.verdict
    );
}

#[test]
fn generic_proxies_and_caches_are_pointed_out() {
    let d = diagnosis::diagnose("HTTP/1.1 504 Gateway Timeout\nVia: 1.1 corp-proxy.internal (squid/5.7)\nX-Cache: MISS from corp-proxy.internal\n\n");
    let f = findings_text(&d);
    assert!(
        f.contains("passed through a proxy") && f.contains("squid/5.7"),
        "{f}"
    );
    let d = diagnosis::diagnose("HTTP/1.1 502 Bad Gateway\nX-Cache: Error from cloudfront\n\n");
    assert_eq!(d.answered_by.as_deref(), Some("Amazon CloudFront"));
}

#[test]
fn an_expired_jwt_is_noticed_without_a_date_header_too() {
    // exp 1700000000 = 2023-11-14 22:13:20 UTC; diagnosed a day later.
    let paste = "> GET /v1/me HTTP/1.1\n> Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzAwMDAwMDAwfQ.sig-placeholder\n>\n< HTTP/1.1 401 Unauthorized\n<\n";
    let d = diagnosis::diagnose_at(
        paste,
        Clock {
            now: Some(1_700_086_400),
        },
    );
    assert!(
        findings_text(&d).contains("had expired") && findings_text(&d).contains("1 d"),
        "{}",
        findings_text(&d)
    );
    let d = diagnosis::diagnose_at(
        paste,
        Clock {
            now: Some(1_699_990_000),
        },
    );
    assert!(
        !findings_text(&d).contains("had expired"),
        "not expired yet at that moment"
    );
}

/// The report is Markdown: pasted markup is quoted in code spans and the headers in a fenced block,
/// so a support tool that renders Markdown or HTML shows it literally and never runs it.
#[test]
fn the_report_quotes_pasted_text_as_code() {
    let paste = "HTTP/1.1 500 <img src=x onerror=alert(1)>\r\nContent-Type: application/json\r\nServer: `nginx`\r\nX-Request-Id: req-`42`\r\n\r\n{\"message\":\"<script>alert(2)</script>\"}";
    let report = http_troubleshooter::diagnose(paste).report;
    assert!(
        report.contains("(sent as `<img src=x onerror=alert(1)>`)"),
        "{report}"
    );
    assert!(
        report.contains("- **Server message:** `<script>alert(2)</script>`"),
        "{report}"
    );
    // A value with backticks gets a longer fence (and spaces, as it ends with one).
    assert!(report.contains("X-Request-Id: `` req-`42` ``"), "{report}");
    assert!(
        report.contains("```\nContent-Type: application/json\nServer: `nginx`\n```"),
        "{report}"
    );
}

/// An old response pasted later: the wait it named is over, and the verdict, the advice and the
/// steps all say so once, in one time format.
#[test]
fn a_wait_that_is_already_over_reads_as_one_story() {
    let text = common::fixture("github-403-ratelimit.txt");
    // The response is from 2024-05-14 09:21:07 UTC and asks to wait until 10:02:23 UTC; it is
    // diagnosed a day later.
    let d = diagnosis::diagnose_at(
        &text,
        Clock {
            now: Some(1_715_678_467 + 86_400),
        },
    );
    assert!(d.retry.wait_over);
    assert!(
        d.verdict.contains("that time has passed") && d.verdict.contains("2024-05-14 10:02:23 UTC"),
        "{}",
        d.verdict
    );
    assert_eq!(
        d.retry.advice,
        "The wait the server asked for ended at 2024-05-14 10:02:23 UTC; you can retry now."
    );
    assert!(
        !d.steps.iter().any(|s| s.contains("until the wait is over")),
        "{:?}",
        d.steps
    );
    // The findings speak in the past tense too: nothing on the page still says "wait".
    let f = findings_text(&d);
    assert!(
        f.contains("reset at 2024-05-14 10:02:23 utc (passed)"),
        "{f}"
    );
    assert!(!f.contains("resets in"), "{f}");
    // Not a permission problem, whatever the catalog says of 403.
    assert!(
        !d.steps
            .iter()
            .any(|s| s.to_lowercase().contains("administrator")),
        "{:?}",
        d.steps
    );

    // Diagnosed at the response's own time, the wait is still ahead.
    let d = diagnose_fixture("github-403-ratelimit.txt");
    assert!(!d.retry.wait_over);
    assert!(
        d.retry.advice.starts_with("Wait 41 min 16 s"),
        "{}",
        d.retry.advice
    );
}

#[test]
fn a_reference_id_written_in_html_entities_is_decoded() {
    // Akamai's page writes "Reference&#32;&#35;18&#46;3faf3554…": every numeric entity is decoded.
    let d = diagnose_fixture("edges/akamai-403-access-denied.txt");
    assert!(
        d.request_ids
            .iter()
            .any(|r| r.value == "18.3faf3554.1715678467.da3d018"),
        "{:?}",
        d.request_ids
    );
}

#[test]
fn a_bare_429_does_not_claim_the_server_named_no_wait() {
    // Only the code was pasted: the headers it came with are unknown (issue 16).
    let d = diagnosis::diagnose("429");
    assert!(
        d.verdict.contains("Only the status was pasted"),
        "{}",
        d.verdict
    );
    assert!(!d.verdict.contains("did not say"), "{}", d.verdict);
    // With headers pasted and none naming a wait, that is what the verdict says.
    let d =
        diagnosis::diagnose("HTTP/1.1 429 Too Many Requests\nContent-Type: application/json\n\n{}");
    assert!(
        d.verdict.contains("headers do not say how long"),
        "{}",
        d.verdict
    );
    // The panel's title promises no time it does not have.
    assert_eq!(RetryPolicy::RetryAfter.label(), "Wait before retrying");
}

#[test]
fn an_old_503_whose_retry_moment_passed_says_so_in_the_verdict() {
    // Retry-After names 09:26:07 UTC on 14 May 2024 (epoch 1715678767).
    let paste = "HTTP/1.1 503 Service Unavailable\nDate: Tue, 14 May 2024 09:21:07 GMT\nRetry-After: Tue, 14 May 2024 09:26:07 GMT\n\n";
    let later = diagnosis::diagnose_at(
        paste,
        Clock {
            now: Some(1_715_678_767 + 3600),
        },
    );
    assert!(
        later.verdict.as_str().contains("that time has passed")
            && !later.verdict.as_str().contains("asks you to retry"),
        "{}",
        later.verdict.as_str()
    );
    let before = diagnosis::diagnose_at(
        paste,
        Clock {
            now: Some(1_715_678_467),
        },
    );
    assert!(
        before.verdict.as_str().contains("asks you to retry at")
            && !before.verdict.as_str().contains("passed"),
        "{}",
        before.verdict.as_str()
    );
}

#[test]
fn a_cors_block_on_a_public_api_leads_with_calling_it_from_a_backend() {
    // A page calling api.openai.com directly: the caller cannot add CORS headers to it.
    let public = "Access to fetch at 'https://api.openai.com/v1/chat/completions' from origin 'http://localhost:3000' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let d = diagnosis::diagnose(public);
    assert_eq!(d.code, None);
    assert!(
        d.verdict
            .as_str()
            .contains("service you do not run (api.openai.com)"),
        "{}",
        d.verdict.as_str()
    );
    assert!(
        d.steps[0].as_str().contains("from your own backend"),
        "{:?}",
        d.steps
    );
    // What changes is the caller's design, so the side is the caller's.
    assert_eq!(d.side, Side::Client);
    // The caller's own API keeps fixing its CORS first: for a failed preflight, answering OPTIONS
    // with the CORS headers.
    let own = public.replace("api.openai.com", "api.example.com");
    let d = diagnosis::diagnose(&own);
    assert!(
        d.steps[0].as_str().contains("Make the API answer OPTIONS")
            && d.steps[0].as_str().contains("CORS headers"),
        "{:?}",
        d.steps
    );
    assert!(!d.verdict.as_str().contains("service you do not run"));
    assert_ne!(d.side, Side::Client);
}

#[test]
fn a_cors_error_that_prints_an_error_status_leads_with_fixing_that_status() {
    let cors = "Access to fetch at 'https://api.example.com/v1/orders' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    let with_500 = format!(
        "{cors}\nPOST https://api.example.com/v1/orders net::ERR_FAILED 500 (Internal Server Error)"
    );
    let d = diagnosis::diagnose(&with_500);
    assert_eq!(d.code, Some(500));
    let first = d.steps[0].as_str();
    assert!(
        first.starts_with("Fix the 500 first") && first.contains("logs"),
        "{first}"
    );
    // The CORS advice still follows.
    assert!(d
        .steps
        .iter()
        .any(|s| s.as_str().contains("Access-Control-Allow-Origin")));
    // No status beside it, or a 200: the CORS advice comes first, and nothing to "fix first".
    for paste in [
        cors.to_string(),
        format!("{cors}\nGET https://api.example.com/v1/orders net::ERR_FAILED 200 (OK)"),
    ] {
        let d = diagnosis::diagnose(&paste);
        assert!(
            !d.steps.iter().any(|s| s.as_str().starts_with("Fix the")),
            "{:?}",
            d.steps
        );
    }
}

#[test]
fn the_retry_advice_leads_with_its_first_sentence() {
    let d = diagnosis::diagnose_at(
        "HTTP/1.1 503 Service Unavailable\nRetry-After: 120\n\n",
        Clock {
            now: Some(1_715_678_467),
        },
    );
    assert!(d.retry.advice.as_str().len() > d.retry.lead().len());
    assert!(
        d.retry.lead().starts_with("Wait 2 min (until ") && d.retry.lead().ends_with("then retry."),
        "{}",
        d.retry.lead()
    );
    // "2.5 s" or "e.g. 429" do not end a sentence: only ". " before a capital letter does.
    let bare = diagnosis::diagnose("429");
    assert!(bare.retry.advice.as_str().starts_with(bare.retry.lead()));
    assert!(bare.retry.lead().ends_with('.'));
}

/// The retry panel's note on repeating the request follows the pasted method: a GET that timed out
/// can simply be repeated, a POST may have been processed, and without a method both are named.
#[test]
fn repeating_the_request_depends_on_its_method() {
    let get = diagnosis::diagnose("> GET /v1/reports HTTP/1.1\n> Host: api.example.com\n>\n< HTTP/1.1 504 Gateway Timeout\n<\n");
    assert_eq!(get.code, Some(504));
    let note = get.retry.repeat_note();
    assert!(
        note.as_str().starts_with("GET is idempotent"),
        "{}",
        note.as_str()
    );
    assert!(!note.as_str().contains("POST"), "{}", note.as_str());

    let post = diagnosis::diagnose("> POST /v1/orders HTTP/1.1\n> Host: api.example.com\n>\n< HTTP/1.1 504 Gateway Timeout\n<\n");
    let note = post.retry.repeat_note();
    assert!(
        note.as_str()
            .contains("may already have processed this POST"),
        "{}",
        note.as_str()
    );

    let bare = diagnosis::diagnose("504");
    assert!(bare.retry.repeat_note().as_str().contains("POST or PATCH"));
}

/// A failure that proves the request never reached the server (mixed content, an unresolved host)
/// makes a repeat safe; a timeout does not: the server may have processed the POST before the client
/// gave up.
#[test]
fn a_request_that_was_never_sent_can_be_repeated() {
    let mixed = diagnosis::diagnose("Mixed Content: The page at 'https://app.example.com/checkout' was loaded over HTTPS, but requested an insecure resource 'http://api.example.com/v1/orders'. This request has been blocked; the content must be served over HTTPS.");
    assert_eq!(mixed.code, None);
    let note = mixed.retry.repeat_note();
    assert!(note.as_str().contains("is safe here"), "{}", note.as_str());
    assert!(!note.as_str().contains("may already"), "{}", note.as_str());

    let dns = diagnosis::diagnose("$ curl -v -X POST https://api.example.com/v1/orders\n* Could not resolve host: api.example.com\ncurl: (6) Could not resolve host: api.example.com");
    assert!(
        dns.retry.repeat_note().as_str().contains("is safe here"),
        "{}",
        dns.retry.repeat_note().as_str()
    );

    let timeout = diagnosis::diagnose("$ curl -v -X POST https://api.example.com/v1/orders\n*   Trying 203.0.113.7:443...\n* Connected to api.example.com (203.0.113.7) port 443\n> POST /v1/orders HTTP/1.1\n> Host: api.example.com\n>\n* Operation timed out after 30001 milliseconds with 0 bytes received\ncurl: (28) Operation timed out after 30001 milliseconds with 0 bytes received");
    assert_eq!(timeout.code, None);
    let note = timeout.retry.repeat_note();
    assert!(
        note.as_str()
            .contains("may already have processed this POST"),
        "{}",
        note.as_str()
    );

    // A connection that timed out while reading was open: the POST may have been received.
    let read = diagnosis::diagnose("java.net.SocketException: Connection timed out (Read failed)\n\tat java.net.SocketInputStream.socketRead0(Native Method)");
    assert!(
        !read.retry.repeat_note().as_str().contains("is safe here"),
        "{}",
        read.retry.repeat_note().as_str()
    );
}

/// A proxy's error status beside a refused dial is the proxy's answer about the server behind it;
/// an edge's error page (ngrok's ERR_NGROK_8012) comes with its own status.
#[test]
fn a_refused_dial_behind_a_proxy_is_the_proxys_answer() {
    let d = diagnose_fixture("edges/w3-infra-10-ngrok-err-8012-app-moved-port.txt");
    assert_eq!(d.code, Some(502));
    assert!(
        d.verdict.contains("answered 502") && d.verdict.contains("behind it was refused"),
        "{}",
        d.verdict
    );
    assert!(
        !d.verdict.contains("No HTTP request was sent"),
        "{}",
        d.verdict
    );
    // With no status at all, the plain refusal: nothing was sent.
    let d = diagnosis::diagnose("Error: connect ECONNREFUSED 127.0.0.1:3000");
    assert_eq!(d.code, None);
    assert!(
        d.verdict.contains("No HTTP request was sent"),
        "{}",
        d.verdict
    );
}

/// A proxy's 504 over a refused dial leads with the upstream nobody reached, not with the 504's
/// general advice about slow answers ("Reduce the work per request"), which would contradict the
/// verdict (the shape of a dev server's proxy console: NativeScript/nativescript-angular#2306).
#[test]
fn a_refused_dial_behind_a_proxy_leads_with_the_upstream() {
    let d = diagnosis::diagnose(
        "GET http://localhost:4200/api/todos 504 (Gateway Timeout)\nError: connect ECONNREFUSED 127.0.0.1:3000",
    );
    assert_eq!(d.code, Some(504));
    assert!(d.verdict.contains("behind it was refused"), "{}", d.verdict);
    let steps: Vec<&str> = d.steps.iter().map(|s| s.as_str()).collect();
    assert!(steps[0].contains("the proxy's upstream"), "{steps:?}");
    let slow = steps
        .iter()
        .position(|s| s.starts_with("Reduce the work per request"));
    assert!(slow.is_none_or(|at| at >= 3), "{steps:?}");
}

/// Retrying does not help a proxy's 502 over a refused dial until the upstream listens.
#[test]
fn a_refused_dial_behind_a_proxy_is_not_retried_blindly() {
    let d = diagnose_fixture("edges/w3-infra-10-ngrok-err-8012-app-moved-port.txt");
    assert_eq!(d.retry.policy, RetryPolicy::AfterFix, "{}", d.retry.advice);
}

/// A DNS failure for a name that exists everywhere (a package registry) is this machine's DNS, not the
/// name; an unknown name keeps the usual "check the name" answer, and so does a made-up subdomain of
/// a public domain.
#[test]
fn a_public_name_that_does_not_resolve_is_the_machines_dns() {
    // yay on Arch (Jguer/yay#1519-style output).
    let aur = diagnosis::diagnose("error: request failed: Get \"https://aur.archlinux.org/rpc?arg%5B%5D=yay&type=info&v=5\": dial tcp: lookup aur.archlinux.org: no such host");
    assert_eq!(aur.code, None);
    assert!(
        aur.verdict.as_str().contains("aur.archlinux.org"),
        "{}",
        aur.verdict.as_str()
    );
    assert!(
        aur.verdict.as_str().contains("DNS failed"),
        "{}",
        aur.verdict.as_str()
    );
    assert!(
        aur.steps
            .first()
            .is_some_and(|s| s.as_str().contains("1.1.1.1")),
        "{:?}",
        aur.steps
    );

    let npm = diagnosis::diagnose("npm ERR! code ENOTFOUND\nnpm ERR! syscall getaddrinfo\nnpm ERR! errno ENOTFOUND\nnpm ERR! network request to https://registry.npmjs.org/express failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org");
    assert!(
        npm.verdict.as_str().contains("DNS failed"),
        "{}",
        npm.verdict.as_str()
    );

    // The name the failure gives is the one judged, not the URL's: a registry behind a local
    // mirror, a private name beside a public URL.
    let mirror = diagnosis::diagnose("GET http://localhost:4873/express\nnpm ERR! request to http://localhost:4873/express failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org");
    assert!(
        mirror.verdict.as_str().contains("(registry.npmjs.org)"),
        "{}",
        mirror.verdict.as_str()
    );
    for text in [
        "curl: (6) Could not resolve host: api.exmaple-typo.com",
        "curl: (6) Could not resolve host: my-team.github.com",
        "git clone https://github.com/o/r\nfatal: unable to access 'https://git.corp.internal/o/r/': Could not resolve host: git.corp.internal",
    ] {
        let d = diagnosis::diagnose(text);
        assert!(
            !d.verdict.as_str().contains("DNS failed"),
            "{text}: {}",
            d.verdict.as_str()
        );
        assert!(
            d.findings
                .iter()
                .any(|f| f.kind.as_str() == "dns-not-resolved"),
            "{text}"
        );
    }
}

/// An error no entry explains: the server's own words lead the steps, in place of the catalog's
/// "read the response body"; a message that only repeats the status does not. A shape many APIs
/// share is not put in a vendor's name without that vendor's marks.
#[test]
fn the_servers_own_words_lead_when_nothing_else_explains_the_error() {
    let d = diagnosis::diagnose("HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"error\":{\"code\":\"invalid_dst\",\"message\":\"'1111111' is not a valid phone number.\"}}");
    assert_eq!(d.code, Some(400));
    let first = d.steps[0].as_str();
    assert!(
        first.starts_with("Start from the") && first.contains("is not a valid phone number"),
        "{first}"
    );
    assert!(
        !d.steps
            .iter()
            .any(|s| s.as_str().starts_with("Read the response body")),
        "{:?}",
        d.steps
    );
    // Not Microsoft's: no innerError, no Microsoft header.
    let titles = findings_text(&d);
    assert!(titles.contains("api error invalid_dst"), "{titles}");
    assert!(!titles.contains("microsoft"), "{titles}");

    // With Graph's innerError it is Microsoft's.
    let graph = diagnosis::diagnose("HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"error\":{\"code\":\"BadRequest\",\"message\":\"Resource not found for the segment 'mee'.\",\"innerError\":{\"request-id\":\"9e8b2c6c-0000-4f5b-8d8e-000000000000\",\"date\":\"2024-01-01T00:00:00\"}}}");
    assert!(
        findings_text(&graph).contains("microsoft graph"),
        "{}",
        findings_text(&graph)
    );

    // A 409's "read the body" is the message's place too (restify's missing parameter).
    let d = diagnosis::diagnose("HTTP/1.1 409 Conflict\nContent-Type: application/json\n\n{\"code\":{\"httpCode\":409,\"message\":\"MissingParameter\"},\"message\":\"'zone' is a required parameter\"}");
    assert!(
        d.steps[0]
            .as_str()
            .contains("'zone' is a required parameter"),
        "{:?}",
        d.steps
    );

    // A server error: the words are for support, or for the caller if they name the request.
    let d = diagnosis::diagnose("HTTP/1.1 500 Internal Server Error\nContent-Type: application/json\n\n{\"message\":\"Database connection pool exhausted\"}");
    // It takes the place of the catalog's "read the response body and headers".
    assert!(
        d.steps
            .iter()
            .any(|s| s.as_str().starts_with("The server's own words")
                && s.as_str().contains("pool exhausted")),
        "{:?}",
        d.steps
    );
    assert!(
        !d.steps
            .iter()
            .any(|s| s.as_str().starts_with("Read the response body")),
        "{:?}",
        d.steps
    );

    // Words that only repeat a status, or say no more than a refusal, add nothing: the catalog's
    // steps stay.
    for text in [
        "HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{\"message\":\"Bad Request\"}",
        "HTTP/1.1 502 Bad Gateway\nContent-Type: application/json\n\n{\"message\":\"Internal Server Error 502\"}",
        "HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{\"message\":\"Access Denied\"}",
    ] {
        let d = diagnosis::diagnose(text);
        assert!(
            !d.steps.iter().any(|s| s.as_str().contains("own words")),
            "{text}: {:?}",
            d.steps
        );
    }

    // A tool's own lines are its report, not the server's words: git's "fatal: The remote end hung
    // up unexpectedly" and its progress lines.
    for text in [
        "Writing objects: 100% (2469/2469), 8.14 MiB | 4.92 MiB/s, done.\nerror: RPC failed; result=22, HTTP code = 404\nfatal: The remote end hung up unexpectedly",
        "error: RPC failed; HTTP 404 curl 22 The requested URL returned error: 404\nfatal: the remote end hung up unexpectedly",
    ] {
        let d = diagnosis::diagnose(text);
        assert_eq!(d.code, Some(404), "{text}");
        assert!(
            !d.steps.iter().any(|s| s.as_str().contains("own words")),
            "{text}: {:?}",
            d.steps
        );
    }

    // When an entry explains the error, its steps are the answer (Stripe's card_declined).
    let d = diagnosis::diagnose("HTTP/1.1 402 Payment Required\nRequest-Id: req_abc123\n\n{\"error\":{\"type\":\"card_error\",\"code\":\"card_declined\",\"decline_code\":\"insufficient_funds\",\"message\":\"Your card has insufficient funds.\"}}");
    assert!(
        !d.steps.iter().any(|s| s.as_str().contains("own words")),
        "{:?}",
        d.steps
    );
}

/// A CLI's line, an exception or a log line holds no body: the steps say how to get it rather than
/// "read the response body". A raw response with a body, or a code typed alone, keeps the catalog's.
#[test]
fn a_paste_without_a_body_is_told_how_to_get_it() {
    let says_get_it = |d: &diagnosis::Diagnosis| {
        d.steps
            .iter()
            .any(|s| s.as_str().starts_with("The paste holds no response body"))
    };
    let reads_it = |d: &diagnosis::Diagnosis| {
        d.steps
            .iter()
            .any(|s| s.as_str().starts_with("Read the response body"))
    };
    for text in [
        // (Helm's "failed to fetch …/index.yaml : 403 Forbidden", used here before, now has an entry
        // whose own steps say how to fetch the index by hand.)
        "requests.exceptions.HTTPError: 403 Client Error: Forbidden for url: https://api.example.com/v1/items",
        "203.0.113.9 - - [14/May/2024:09:21:07 +0000] \"GET /api/v2/items HTTP/1.1\" 403 162 \"-\" \"curl/8.5.0\"",
        "HTTP/1.1 403 Forbidden",
    ] {
        let d = diagnosis::diagnose(text);
        assert_eq!(d.code, Some(403), "{text}");
        assert!(says_get_it(&d) && !reads_it(&d), "{text}: {:?}", d.steps);
    }
    for text in [
        "403",
        "HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{\"message\":\"Access Denied\"}",
        // curl -I: the server sent no body, and the paste is already curl's.
        "HTTP/1.1 403 Forbidden\nServer: nginx\nContent-Length: 0",
    ] {
        let d = diagnosis::diagnose(text);
        assert!(!says_get_it(&d) && reads_it(&d), "{text}: {:?}", d.steps);
    }
    // Someone who pasted a 401 already sent a key: the first step is about the key they sent (its
    // environment, its expiry), not signing up for one.
    let d = diagnosis::diagnose("Error: Request failed with status code 401");
    assert!(d.steps[0].as_str().contains("environment"), "{:?}", d.steps);
    // The catalog's reason to read the body stays with the step that replaces it.
    let d = diagnosis::diagnose("Error: Request failed with status code 402");
    assert!(
        d.steps.iter().any(
            |s| s.as_str().starts_with("The paste holds no response body")
                && s.as_str().contains("billing")
        ),
        "{:?}",
        d.steps
    );
}

/// When two entries explain a paste and the stronger one's verdict wins, its steps lead: Crossplane's
/// STS check against LocalStack is not answered first with the AWS CLI's "aws configure list".
/// And one pasted line is quoted once, even when two findings name it under different labels.
#[test]
fn the_winning_verdicts_steps_lead_and_a_line_is_quoted_once() {
    let text = std::fs::read_to_string(
        "tests/fixtures/logs/w17-logs-10-crossplane-aws-sts-localstack-403.txt",
    )
    .unwrap();
    let d = diagnosis::diagnose(&text);
    assert_eq!(d.code, Some(403));
    assert!(d.verdict.as_str().contains("Crossplane"), "{}", d.verdict);
    assert!(d.steps[0].as_str().contains("LocalStack"), "{:?}", d.steps);
    let generic = d
        .steps
        .iter()
        .position(|s| s.as_str().contains("aws configure list"));
    assert!(generic.is_none_or(|i| i > 0), "{:?}", d.steps);

    for file in [
        "tests/fixtures/logs/w17-logs-10-crossplane-aws-sts-localstack-403.txt",
        "tests/fixtures/network/w17-brnet-19-esbuild-install-proxy-etimedout.txt",
        "tests/fixtures/clients/w17-clients-10-request-promise-unhandled-400.txt",
    ] {
        let d = diagnosis::diagnose(&std::fs::read_to_string(file).unwrap());
        let mut seen: Vec<String> = Vec::new();
        for finding in &d.findings {
            for e in &finding.evidence {
                if e.source != diagnosis::EvidenceSource::Header {
                    let v = e.value.as_str().to_string();
                    assert!(!seen.contains(&v), "{file}: {v} quoted twice");
                    seen.push(v);
                }
            }
        }
    }
}

#[test]
fn a_wording_that_knows_its_cause_says_it_in_the_headline() {
    // Salesforce refuses a callout before sending it: the headline says what to fix, not only
    // that the request failed.
    let d = diagnosis::diagnose(
        "IO Exception: Unauthorized endpoint, please check Setup->Security->Remote site settings. endpoint = https://example.my.salesforce.com/services/Soap/m/28.0",
    );
    assert_eq!(d.code, None);
    assert_eq!(
        d.headline.as_str(),
        "Salesforce blocked the callout: host not in Remote Site Settings"
    );
    assert_eq!(d.findings[0].title.as_str(), d.headline.as_str());
    // A wording without its own headline keeps its kind's.
    let d = diagnosis::diagnose("Error: connect ECONNREFUSED 127.0.0.1:8080");
    assert_eq!(d.headline.as_str(), "Connection refused");
}

#[test]
fn an_error_nothing_explains_is_quoted_with_how_to_get_further() {
    // A framework's middleware error no entry knows: no status, no known failure, but its own words
    // say what is missing.
    let d = diagnosis::diagnose(
        "error:   A workspace slug has to precede the export of this board\nWidgetError: A workspace slug has to precede the export of this board\n    at ensureWorkspace (/app/node_modules/widgetkit/src/middlewares/ensure-workspace.ts:59:13)",
    );
    assert_eq!(d.code, None);
    assert!(
        d.verdict
            .as_str()
            .contains("The error says: “A workspace slug has to precede the export of this board”"),
        "{}",
        d.verdict.as_str()
    );
    assert!(d.steps[0]
        .as_str()
        .starts_with("Do what the error's own words ask"));
    assert!(d.steps[1].as_str().contains("curl -v"));
    // The paste's first line is not shown as the server's words.
    assert!(d.server_message.is_none(), "{:?}", d.server_message);
    // Nested exception names are not the words (Jetty inside an ExecutionException).
    let d = diagnosis::diagnose("java.util.concurrent.ExecutionException: org.example.client.HttpResponseException: Upstream refused the handshake for tenant");
    assert!(
        d.verdict
            .as_str()
            .contains("“Upstream refused the handshake for tenant”"),
        "{}",
        d.verdict.as_str()
    );
    // A secret inside the words is masked like everywhere else.
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    let d = diagnosis::diagnose(&format!(
        "AuthError: the token {jwt} was refused by the billing gateway"
    ));
    assert!(
        d.verdict
            .as_str()
            .contains("refused by the billing gateway"),
        "{}",
        d.verdict.as_str()
    );
    assert!(
        !d.verdict.as_str().contains("dozjgNryP4J3"),
        "{}",
        d.verdict.as_str()
    );
    assert!(!d.report.as_str().contains("dozjgNryP4J3"));
    // Words every failure uses, code, and a shell prompt say nothing: the plain "nothing found".
    for paste in [
        "Error: Something went wrong, please try again later",
        "response = HTTPoison.post(\"http://url.com/\", body, [recv_timeout: 1000])",
        "root@host:/# nomad status",
    ] {
        let d = diagnosis::diagnose(paste);
        assert!(
            d.verdict
                .as_str()
                .starts_with("Could not find an HTTP status"),
            "{paste}: {}",
            d.verdict.as_str()
        );
        assert!(d.steps.is_empty(), "{paste}: {:?}", d.steps);
    }
}

#[test]
fn a_failure_that_knows_its_cause_leads_with_its_own_steps_beside_a_status() {
    // Dwolla's edge answered 500 with an HTML page; node-fetch failed to parse it. The wording's own
    // steps (check the status page) come before the 500's general ones.
    let d = diagnosis::diagnose(&common::fixture(
        "network/w18-vendors-06-dwolla-html-500.txt",
    ));
    assert_eq!(d.code, Some(500));
    assert!(
        d.steps[0].as_str().starts_with("Check status.dwolla.com"),
        "{:?}",
        d.steps
    );
    // A wording without its own verdict keeps the status first (a CORS line beside a 500).
    let d = diagnosis::diagnose("Access to fetch at 'https://api.example.com/v1/orders' from origin 'https://app.example.com' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.\nPOST https://api.example.com/v1/orders net::ERR_FAILED 500 (Internal Server Error)");
    assert!(
        d.steps[0].as_str().starts_with("Fix the 500 first"),
        "{:?}",
        d.steps
    );
}

#[test]
fn a_recognised_problem_without_a_status_heads_the_page() {
    // Chromium's service worker line names no status, but an entry knows it: its title is the
    // headline, not "No HTTP status found".
    let d = diagnosis::diagnose(&common::fixture(
        "browsers/w18-browser-net-04-serviceworker-script-text-html-cache.txt",
    ));
    assert_eq!(d.code, None);
    assert_eq!(
        d.headline.as_str(),
        "The service worker script was served as an HTML page (text/html)"
    );
    // Nothing recognised: the plain headline.
    let d = diagnosis::diagnose("hello there");
    assert_eq!(d.headline.as_str(), "No HTTP status found");
}

#[test]
fn a_browsers_console_line_is_reported_by_the_browser_not_said_by_the_server() {
    // Chrome's console line for a worker script served as HTML: an entry explains it, and the line
    // is the browser's report, not the server's words.
    let d = diagnosis::diagnose("Failed to register a ServiceWorker for scope ('https://example.com/') with script ('https://example.com/sw.js'): The script has an unsupported MIME type ('text/html').");
    assert_eq!(d.client, Some("Chrome / Chromium"));
    assert!(d.server_message.is_none(), "{:?}", d.server_message);
    // Its evidence is the pasted line, not a response body.
    let evidence: Vec<_> = d.findings.iter().flat_map(|f| &f.evidence).collect();
    assert!(!evidence.is_empty());
    assert!(
        evidence
            .iter()
            .all(|e| e.source != diagnosis::EvidenceSource::Body),
        "{evidence:?}"
    );
    // Firefox's wording of a module script served with the wrong type.
    let d = diagnosis::diagnose("Loading module from “https://example.com/assets/index.mjs” was blocked because of a disallowed MIME type (“application/octet-stream”).");
    assert_eq!(d.client, Some("Firefox"));
    assert!(d.server_message.is_none(), "{:?}", d.server_message);
    // A proxy's plain-text answer pasted alone is still the server's words.
    let d = diagnosis::diagnose(
        "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
    );
    assert_eq!(d.client, None);
    assert_eq!(
        d.server_message.as_deref(),
        Some("upstream connect error or disconnect/reset before headers. reset reason: connection failure")
    );
}

#[test]
fn a_boolean_error_flag_is_neither_a_code_nor_a_message() {
    // Open-Meteo: {"error": true, "reason": …}. "true" is a flag, not an error called "true".
    let d = diagnosis::diagnose("Unable to get forecast data: {\"error\":true,\"reason\":\"Daily API request limit exceeded. Please try again tomorrow.\"},");
    for f in &d.findings {
        assert!(!f.title.as_str().contains("true"), "{}", f.title.as_str());
    }
    assert_ne!(d.server_message.as_deref(), Some("true"));
}

#[test]
fn a_browser_refused_at_localhost_is_told_localhost_is_its_own_device() {
    let d = diagnosis::diagnose(
        "Failed to load resource: net::ERR_CONNECTION_REFUSED localhost:9091/api/health:1",
    );
    assert_eq!(d.client, Some("Chrome / Chromium"));
    assert!(
        d.steps[0]
            .as_str()
            .contains("means the visitor's own device"),
        "{:?}",
        d.steps
    );
    // Node refused at localhost is the server not running there (or, in a container, the container
    // itself), not a browser's front-end URL.
    let d = diagnosis::diagnose("Error: connect ECONNREFUSED 127.0.0.1:8080");
    assert!(d
        .steps
        .iter()
        .all(|s| !s.as_str().contains("visitor's own device")));
    assert!(
        d.steps[0].as_str().contains("host.docker.internal"),
        "{:?}",
        d.steps
    );
    // A program refused at another host: no container advice first.
    let d = diagnosis::diagnose("Error: connect ECONNREFUSED 203.0.113.7:8080");
    assert!(
        !d.steps[0].as_str().contains("host.docker.internal"),
        "{:?}",
        d.steps
    );
    // A browser refused at a public host: the usual steps.
    let d = diagnosis::diagnose("GET https://api.example.com/v1 net::ERR_CONNECTION_REFUSED");
    assert!(d
        .steps
        .iter()
        .all(|s| !s.as_str().contains("visitor's own device")));
}

#[test]
fn a_private_address_that_does_not_answer_is_reachable_only_from_its_network() {
    // A Kubernetes Service's ClusterIP called from outside the cluster.
    let d = diagnosis::diagnose("curl http://10.98.153.88/form\ncurl: (28) Failed to connect to 10.98.153.88 port 80: Connection timed out");
    assert_eq!(d.code, None);
    assert!(
        d.steps[0].as_str().contains("is a private one"),
        "{:?}",
        d.steps
    );
    let d = diagnosis::diagnose("dial tcp 192.168.1.20:8443: connect: no route to host");
    assert!(
        d.steps[0].as_str().contains("is a private one"),
        "{:?}",
        d.steps
    );
    // A public address that does not answer gets the usual reachability steps.
    let d = diagnosis::diagnose("curl: (28) Failed to connect to 93.184.215.14 port 443 after 75002 ms: Timeout was reached");
    assert!(d.steps.iter().all(|s| !s.as_str().contains("private one")));
    // A version number is not an address.
    let d = diagnosis::diagnose("curl/7.68.0\ncurl: (28) Failed to connect to api.example.com port 443: Connection timed out");
    assert!(d.steps.iter().all(|s| !s.as_str().contains("private one")));
}

#[test]
fn a_double_slash_in_the_path_is_named() {
    let d = diagnosis::diagnose("GET https://api.example.com//v1/users 404 (Not Found)");
    assert_eq!(d.code, Some(404));
    assert!(
        d.findings
            .iter()
            .any(|f| f.title.as_str().contains("double slash")),
        "{:?}",
        d.findings
            .iter()
            .map(|f| f.title.as_str())
            .collect::<Vec<_>>()
    );
    assert!(d.steps.iter().any(|s| s.as_str().contains("doubled slash")));
    // The scheme's slashes and a URL inside the query are not a doubled slash.
    for text in [
        "GET https://api.example.com/v1/users 404 (Not Found)",
        "GET https://api.example.com/v1/login?next=https://app.example.com/ 404 (Not Found)",
    ] {
        let d = diagnosis::diagnose(text);
        assert!(
            d.findings
                .iter()
                .all(|f| !f.title.as_str().contains("double slash")),
            "{text}"
        );
    }
}

#[test]
fn a_request_line_above_a_plain_text_answer_is_not_what_the_server_said() {
    // Astro's CSRF refusal, pasted under the person's note of the request (a real paste).
    let d = diagnosis::diagnose("POST https://comfy.org/workflows/api/minimax-h3-multiref/run → 403\n\"Cross-site POST form submissions are forbidden\"");
    assert_eq!(d.code, Some(403));
    let said = d.server_message.as_deref().unwrap_or("");
    assert!(!said.contains("https://comfy.org"), "{said}");
    assert!(
        said.contains("Cross-site POST form submissions are forbidden"),
        "{said}"
    );
}

/// `curl -I` sends HEAD: a refusal of it is named as such, with a GET to try before acting on the
/// status; `curl -i` (a GET that prints the head) is not.
#[test]
fn a_refused_head_request_says_it_was_head() {
    let head = |text: &str| {
        let d = diagnosis::diagnose(text);
        d.findings
            .iter()
            .any(|f| f.kind.as_str() == "method-not-allowed" && f.title.as_str().contains("HEAD"))
    };
    let response =
        "HTTP/1.1 403 Forbidden\ncontent-length: 15\ncontent-type: text/plain\nserver: envoy";
    assert!(head(&format!(
        "$ curl -I http://10.0.0.5/status\n{response}"
    )));
    assert!(head(&format!(
        "$ curl -sI http://10.0.0.5/status\n{response}"
    )));
    assert!(head(&format!(
        "$ curl --head http://10.0.0.5/status\n{response}"
    )));
    assert!(!head(&format!(
        "$ curl -i http://10.0.0.5/status\n{response}"
    )));
    assert!(!head(&format!(
        "$ curl -I -X GET http://10.0.0.5/status\n{response}"
    )));
    // A success of HEAD is not a problem.
    assert!(!head(
        "$ curl -I http://10.0.0.5/status\nHTTP/1.1 200 OK\nserver: envoy"
    ));
    let d = diagnosis::diagnose(&format!("$ curl -I http://10.0.0.5/status\n{response}"));
    assert!(
        d.steps.first().is_some_and(|s| s.as_str().contains("GET")),
        "{:?}",
        d.steps
    );
}

/// A JSON body sent as text/html (or text/plain) is JSON labelled wrongly, not "HTML where JSON was
/// expected": the step says how to fix the header and how to read it meanwhile.
#[test]
fn json_sent_as_html_is_named_as_a_label_problem() {
    let d = diagnosis::diagnose("HTTP/1.1 200 OK\nContent-Type: text/html;charset=UTF-8\n\n{\"code\":\"0\",\"data\":true,\"success\":true}");
    let kinds: Vec<&str> = d.findings.iter().map(|f| f.kind.as_str()).collect();
    assert!(kinds.contains(&"json-labelled-as-html"), "{kinds:?}");
    assert!(!kinds.contains(&"html-instead-of-json"), "{kinds:?}");
    assert!(
        d.verdict.as_str().contains("labelled"),
        "{}",
        d.verdict.as_str()
    );
    assert!(d.steps[0].as_str().contains("application/json"));
    // A real HTML page is still HTML where JSON was expected.
    let d = diagnosis::diagnose("HTTP/1.1 200 OK\nContent-Type: text/html\n\n<html><head><title>Portal</title></head><body>Welcome</body></html>");
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind.as_str() == "html-instead-of-json"));
}

/// A message that knowledge explains is not "unrecognised", and its quote is the pasted line, not a
/// response body; a status that only the words imply says so instead of "taken from the body".
#[test]
fn an_explained_message_is_quoted_as_pasted_text() {
    let d = diagnosis::diagnose(
        "Remote IP is not authorized for this request; called from IP xxx.xxx.xxx.xxx",
    );
    assert!(
        !findings_text(&d).contains("no http status line"),
        "{}",
        findings_text(&d)
    );
    let ip = d
        .findings
        .iter()
        .find(|f| f.kind.as_str() == "ip-blocked")
        .expect("ip-blocked");
    assert!(
        ip.evidence
            .iter()
            .all(|e| e.source == diagnosis::EvidenceSource::Paste),
        "{:?}",
        ip.evidence
    );
    // Text nothing explains keeps the note.
    let d = diagnosis::diagnose("the thing did not work again today");
    assert!(findings_text(&d).contains("no http status line"));
    // containerd's wording implies Docker Hub's 401 without printing it.
    let d = diagnosis::diagnose("ctr: failed to resolve reference \"docker.io/library/bitnami/mongodb:4.0.13\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed");
    assert_eq!(d.code, Some(401));
    let text = findings_text(&d);
    assert!(
        text.contains("status 401 is the one these words come with"),
        "{text}"
    );
    assert!(!text.contains("taken from the body"), "{text}");
}

/// An S3 error body quoted without its RequestId (cut to <Code> and <Message>) is still read with
/// AWS's codes and the status S3 documents for that code, without claiming AWS sent it; an XML error
/// of another API with a code AWS does not use gets no AWS advice.
#[test]
fn an_s3_error_body_cut_to_code_and_message_is_still_read() {
    let d = diagnosis::diagnose("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>");
    assert_eq!(d.code, Some(403));
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind.as_str() == "credentials-invalid"));
    assert!(d
        .steps
        .iter()
        .any(|s| s.as_str().contains("sts get-caller-identity")));
    let d = diagnosis::diagnose("<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>");
    assert_eq!(d.code, Some(400));
    let other = diagnosis::diagnose(
        "<error><code>E_QUOTA</code><message>Daily quota used up</message></error>",
    );
    assert!(!findings_text(&other).contains("AWS"));
}

/// A JSON error body whose top-level `code` is an error status takes it as the status (Printful and
/// many others send `{"code":401, …}`), also when a label precedes it; a vendor's own number there
/// (1001) is not a status.
#[test]
fn a_top_level_code_that_is_an_error_status_is_the_status() {
    let body = "{\"code\":401,\"result\":\"The access token provided is invalid.\",\"error\":{\"reason\":\"Unauthorized\",\"message\":\"The access token provided is invalid.\"}}";
    assert_eq!(diagnosis::diagnose(body).code, Some(401));
    assert_eq!(
        diagnosis::diagnose(&format!("Error: {body}")).code,
        Some(401)
    );
    let own = diagnosis::diagnose("{\"code\":1001,\"message\":\"Invalid sign\"}");
    assert_eq!(own.code, None);
}

/// A connect failure to a global IPv6 address leads with the missing IPv6 route (compare curl -6 and
/// curl -4, prefer IPv4); one to an IPv4 address, to ::1, or a line with a clock time does not.
#[test]
fn a_connect_failure_to_an_ipv6_address_points_at_the_ipv6_route() {
    let first = |text: &str| diagnosis::diagnose(text).steps[0].as_str().to_string();
    let v6 = "Error: connect ETIMEDOUT 2606:4700:3033::ac43:bd2e:443\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)";
    assert!(
        first(v6).starts_with("The address tried is IPv6"),
        "{}",
        first(v6)
    );
    let go = "Get \"https://api.example.com/v1\": dial tcp [2a03:2880:f10c:83:face:b00c:0:25de]:443: connect: network is unreachable";
    assert!(
        first(go).starts_with("The address tried is IPv6"),
        "{}",
        first(go)
    );
    for text in [
        "Error: connect ETIMEDOUT 104.16.132.229:443\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)",
        "Error: connect ETIMEDOUT ::1:3000",
        "12:00:01 Error: connect ETIMEDOUT api.example.com",
    ] {
        assert!(!first(text).contains("IPv6"), "{text}: {}", first(text));
    }
}

/// A stock page titled with an error's registered phrase alone (HTTP.sys: "Length Required" over
/// "HTTP Error 411.") names that status; a status inside an error object beside an inner error's
/// message ({"error": {"status": 401, "error": {"message": …}}}) does too.
#[test]
fn a_phrase_title_and_a_status_inside_the_error_object_name_the_status() {
    let page = "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\"\"http://www.w3.org/TR/html4/strict.dtd\">\n<HTML><HEAD><TITLE>Length Required</TITLE>\n<META HTTP-EQUIV=\"Content-Type\" Content=\"text/html; charset=us-ascii\"></HEAD>\n<BODY><h2>Length Required</h2>\n<hr><p>HTTP Error 411. The request must be chunked or have a content length.</p>\n</BODY></HTML>";
    assert_eq!(diagnosis::diagnose(page).code, Some(411));
    let site = "<html><head><title>Acme Store</title></head><body><h1>Welcome</h1></body></html>";
    assert_eq!(diagnosis::diagnose(site).code, None);
    let nested = "{\"error\": {\"status\": 401, \"error\": {\"message\": \"invalid token\", \"type\": \"proxy_error\"}, \"type\": \"proxy_error\"}}";
    assert_eq!(diagnosis::diagnose(nested).code, Some(401));
}

/// A key that can only mean the HTTP status names it at any depth: SDKs serialise their errors with
/// the response's status nested inside (the AWS SDK for JavaScript v3's `$metadata`, Braintree's
/// drop-in error with the API's answer four objects deep). A success status there names nothing.
#[test]
fn a_status_under_an_http_status_key_names_the_status_at_any_depth() {
    let aws = r#"{"name":"AccessDeniedException","$fault":"client","$metadata":{"httpStatusCode":403,"requestId":"5e4f1a2b-0000-4000-8000-000000000000","attempts":1,"totalRetryDelay":0},"__type":"AccessDeniedException","message":"User: arn:aws:iam::123456789012:user/dev is not authorized to perform: dynamodb:PutItem"}"#;
    let d = diagnosis::diagnose(aws);
    assert_eq!(d.code, Some(403));
    let braintree = r#"{"name":"DropinError","message":"No payment method is available.","_braintreeWebError":{"name":"BraintreeError","code":"HOSTED_FIELDS_FAILED_TOKENIZATION","details":{"originalError":{"name":"BraintreeError","code":"CLIENT_REQUEST_ERROR","type":"NETWORK","details":{"originalError":{"error":{"message":"Credit card is invalid"}},"httpStatus":422}}}}}"#;
    assert_eq!(diagnosis::diagnose(braintree).code, Some(422));
    // The outer status is the one this client received.
    let wrapped = r#"{"message":"upstream failed","httpStatus":502,"cause":{"httpStatus":404,"message":"no such key"}}"#;
    assert_eq!(diagnosis::diagnose(wrapped).code, Some(502));
    let ok = r#"{"result":{"items":[]},"meta":{"httpStatusCode":200}}"#;
    assert_eq!(diagnosis::diagnose(ok).code, None);
}

#[test]
fn an_openai_style_body_is_not_blamed_on_stripe() {
    // {"error": {"message", "type": "invalid_request_error", "param", "code": null}} from DeepInfra:
    // Stripe's shape and type name, without Stripe's marks.
    let d = diagnose_fixture("vendors/s19-deepinfra-not-authenticated.txt");
    let text = format!("{} {} {}", d.headline, d.verdict, findings_text(&d));
    assert!(!text.contains("Stripe"), "{text}");
    assert!(d.verdict.contains("invalid_request_error"), "{}", d.verdict);
    // With Stripe's marks the same type is Stripe's.
    let d = diagnosis::diagnose(
        "HTTP/1.1 400 Bad Request\nRequest-Id: req_abc123\n\n{\"error\": {\"message\": \"Invalid integer: abc\", \"param\": \"amount\", \"type\": \"invalid_request_error\"}}",
    );
    assert!(
        findings_text(&d).contains("stripe error"),
        "{}",
        findings_text(&d)
    );
}

#[test]
fn a_request_id_after_a_url_is_not_the_aws_sdk_for_go() {
    // "unexpected status 403 Forbidden: {…}, url: https://…/responses, request id: …" (a relay's
    // answer to OpenAI's Codex CLI): the AWS SDK for Go prints ", request id: " after a status.
    let d = diagnose_fixture("vendors/w39-vendors-09-sub2api-insufficient-balance-403.txt");
    assert_eq!(d.code, Some(403));
    assert!(d.client.is_none(), "{:?}", d.client);
}

#[test]
fn a_graphql_shaped_body_without_a_status_does_not_claim_200() {
    // Directus's REST error copies GraphQL's {"errors": [{"message", "extensions": {"code"}}]} and is
    // sent with 403: with no status in the paste, the verdict is Directus's, not "the status says OK".
    let d = diagnose_fixture("pages/s19-directus-forbidden-no-status.txt");
    assert!(!d.verdict.contains("says OK"), "{}", d.verdict);
    assert!(d.verdict.contains("Directus"), "{}", d.verdict);
}

#[test]
fn the_finding_behind_the_verdict_comes_first_and_the_retry_follows_it() {
    // OKX's 401 {"code":"50102","msg":"Timestamp request expired"}: the clock-skew finding gives the
    // verdict, so it leads the generic "API error 50102" card; and the retry advice speaks of fixing
    // what the findings name, not of the 401's usual "valid credentials".
    let d = diagnose_fixture("messages/fallback-s19-expired-okx-401.txt");
    assert_eq!(d.code, Some(401));
    assert_eq!(
        d.findings[0].kind.as_str(),
        "clock-skew",
        "{:?}",
        d.findings
    );
    assert!(d.findings.iter().any(|f| f.kind.as_str() == "api-error"));
    assert!(
        !d.retry.advice.contains("credentials"),
        "{}",
        d.retry.advice
    );
    assert!(
        d.retry.advice.contains("fixing what the findings name"),
        "{}",
        d.retry.advice
    );
    // A 401 with no cause settled keeps the code's own advice.
    let bare = diagnosis::diagnose("HTTP/1.1 401 Unauthorized\n");
    assert!(
        bare.retry.advice.contains("valid credentials"),
        "{}",
        bare.retry.advice
    );
}

#[test]
fn a_bare_read_timeout_names_no_client_library() {
    // "ReadTimeout" alone is HTTPX's, Ruby's and Java's words too; urllib3's own sentence is requests'.
    let d = diagnosis::diagnose("ReadTimeout\n");
    assert_eq!(d.client, None);
    assert!(
        d.verdict.contains("No HTTP status was received"),
        "{}",
        d.verdict
    );
    let r = diagnosis::diagnose(
        "requests.exceptions.ReadTimeout: HTTPSConnectionPool(host='api.example.com', port=443): Read timed out. (read timeout=10)\n",
    );
    assert_eq!(r.client, Some("Python requests"));
}

#[test]
fn envoys_timeout_body_alone_is_a_504() {
    let d = diagnosis::diagnose("upstream request timeout\n");
    assert_eq!(d.code, Some(504));
    assert!(d.verdict.contains("Envoy"), "{}", d.verdict);
}

#[test]
fn a_vendor_code_printed_in_prose_beside_the_vendors_name_uses_its_entry() {
    // twilio-ruby's RestError as Chatwoot's error tracker titled it (chatwoot/chatwoot#8257): no JSON
    // body, only the SDK's text. Twilio's 21211 entry (written for its JSON body) explains it.
    let d = diagnosis::diagnose(
        "Twilio::REST::RestError: [HTTP 400] 21211 : Unable to create record\nInvalid 'To' Phone Number\n",
    );
    assert_eq!(d.code, Some(400));
    assert!(d.verdict.contains("21211"), "{}", d.verdict);
    assert!(d.verdict.contains("E.164"), "{}", d.verdict);
    // The same number without the vendor's name is not Twilio's.
    let other = diagnosis::diagnose("Error 21211 while sending the message\n");
    assert!(!everything(&other).contains("Twilio"), "{}", other.verdict);
    // A vendor's common word ("Not Found", GitHub's) is not a code in prose.
    let civo = diagnose_fixture("vendors/w21-vendors-12-civo-database-region-not-found.txt");
    assert!(
        !everything(&civo).contains("GitHub says"),
        "{}",
        civo.verdict
    );
}

#[test]
fn a_request_printed_before_the_response_is_not_the_error_body() {
    // messaging-api-telegram prints "Request Data -" {chat_id, text} before "Response Data -" with
    // Telegram's {"ok": false, "error_code": 400, "description": "Bad Request: chat not found"}.
    let d = diagnose_fixture("vendors/w43-vendors-09-telegram-chat-not-found.txt");
    assert_eq!(d.code, Some(400));
    assert!(
        d.server_message
            .as_ref()
            .is_some_and(|m| m.as_str().contains("chat not found")),
        "{:?}",
        d.server_message
    );
}

/// Among verdicts of equal weight, the one a product's own words proposed wins over a code's: AWS's
/// generic ThrottlingException advice ("retry with backoff") gives way to DynamoDB's own message (a
/// hot partition key), and OpenAI's invalid_api_key to "Incorrect API key provided: ." (an empty key).
/// The code's finding of the same kind is then the same error told less exactly, and is left out.
#[test]
fn a_products_own_words_win_over_its_generic_code() {
    let dynamo = diagnose_fixture("vendors/s22-vendors-12-dynamodb-throttling-hot-key.txt");
    assert!(dynamo.verdict.contains("hot key"), "{}", dynamo.verdict);
    let text = findings_text(&dynamo);
    assert!(text.contains("hot key"), "{text}");
    assert!(
        !text.contains("aws throttling (throttlingexception)"),
        "{text}"
    );
    let of_kind =
        |d: &diagnosis::Diagnosis, kind| d.findings.iter().filter(|f| f.kind == kind).count();
    assert_eq!(of_kind(&dynamo, FindingKind::Throttled), 1);
    // Stripe's "No such customer: '5'" is no Stripe id at all (redwoodjs/example-store-stripe#168):
    // the generic resource_missing finding would send the reader to test and live mode instead.
    let stripe = diagnose_fixture("vendors/s24-edgevend-01-stripe-no-such-customer.txt");
    let text = findings_text(&stripe);
    assert!(text.contains("not a stripe customer id"), "{text}");
    assert!(!text.contains("test-mode id"), "{text}");
    // Cloudflare's 1033 told by its JSON page and its code table is one finding.
    let tunnel = diagnose_fixture("edges/s24-edgevend-02-cloudflare-1033-json.txt");
    assert_eq!(of_kind(&tunnel, FindingKind::OriginUnreachable), 1);
    // The tool passes OpenAI's Python-dict body on inside its own message: the body is OpenAI's.
    let devika = diagnose_fixture("vendors/s22-aiclients-03-devika-openai-empty-key.txt");
    assert_eq!(devika.code, Some(401));
    assert!(
        devika.verdict.contains("empty API key"),
        "{}",
        devika.verdict
    );
    let text = findings_text(&devika);
    assert!(
        text.contains("openai: incorrect api key (invalid_api_key) ::"),
        "{text}"
    );
}

/// Node 20+ tries every address localhost resolves to: when 127.0.0.1 was refused too (an
/// AggregateError listing both), nothing listens at all, and the IPv6-first explanation does not
/// apply (bezkoder/docker-compose-nodejs-postgres#2).
#[test]
fn a_refusal_on_both_loopbacks_is_not_blamed_on_ipv6() {
    let d = diagnosis::diagnose(
        "Error connecting to PostgreSQL database AggregateError [ECONNREFUSED]: 
    at internalConnectMultiple (node:net:1116:18)
    at afterConnectMultiple (node:net:1683:7) {
  code: 'ECONNREFUSED',
  [errors]: [
    Error: connect ECONNREFUSED ::1:5432
        at createConnectionError (node:net:1646:14)
        at afterConnectMultiple (node:net:1676:16) {
      errno: -111,
      code: 'ECONNREFUSED',
      syscall: 'connect',
      address: '::1',
      port: 5432
    },
    Error: connect ECONNREFUSED 127.0.0.1:5432
        at createConnectionError (node:net:1646:14)
        at afterConnectMultiple (node:net:1676:16) {
      errno: -111,
      code: 'ECONNREFUSED',
      syscall: 'connect',
      address: '127.0.0.1',
      port: 5432
    }
  ]
}",
    );
    assert!(!d.headline.as_str().contains("IPv6"), "{}", d.headline);
    assert!(!d.verdict.contains("127.0.0.1:PORT"), "{}", d.verdict);
    assert!(d.verdict.contains("nothing is listening"), "{}", d.verdict);
}

/// One error read twice (AWS's throttling code in the body and in X-Amzn-ErrorType; Entra ID's
/// AADSTS code by its page and by its code) is one finding with both pieces of evidence, not two
/// findings with the same title one under the other.
#[test]
fn one_error_read_twice_is_one_finding() {
    for fixture in [
        "aws-throttling-400.txt",
        "vendors/entra-aadsts7000215-invalid-secret.txt",
    ] {
        let d = diagnose_fixture(fixture);
        let mut titles: Vec<&str> = d.findings.iter().map(|f| f.title.as_str()).collect();
        let all = titles.len();
        titles.sort_unstable();
        titles.dedup();
        assert_eq!(titles.len(), all, "{fixture}: {titles:?}");
    }
    let aws = diagnose_fixture("aws-throttling-400.txt");
    let throttling = aws
        .findings
        .iter()
        .find(|f| f.title.starts_with("AWS throttling"))
        .expect("the throttling finding");
    let names: Vec<&str> = throttling
        .evidence
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert!(names.contains(&"__type"), "{names:?}");
    assert!(names.contains(&"x-amzn-errortype"), "{names:?}");
}

/// An ALB access line names its status in a field: a 504 the load balancer made itself is not
/// explained as its 502 because "1502" (a byte count) holds those digits.
#[test]
fn a_load_balancer_log_code_is_read_from_its_status_field() {
    let line = |status: &str| {
        format!(
            "h2 2026-03-15T14:22:31.445Z app/my-alb/a1b2c3d4e5f6g7h8 10.0.1.55:443 10.0.2.100:8080 -1 -1 -1 {status} - 36 1502 \"GET https://api.example.com:443/v1/orders HTTP/2.0\" \"Mozilla/5.0\""
        )
    };
    let own_502 =
        |d: &diagnosis::Diagnosis| findings_text(d).contains("alb 502 made by the load balancer");
    let d502 = diagnosis::diagnose(&line("502"));
    assert_eq!(d502.code, Some(502));
    assert!(own_502(&d502), "{}", findings_text(&d502));
    let d504 = diagnosis::diagnose(&line("504"));
    assert_eq!(d504.code, Some(504));
    assert!(!own_502(&d504), "{}", findings_text(&d504));
}

/// A CDN's error page says who answered and why once: the page's own "A Cloudflare error page"
/// finding takes the headers' evidence instead of a second "Answered by Cloudflare", and the
/// explained 522 is not followed by the generic "answered because the origin server failed".
#[test]
fn a_cdn_page_says_who_answered_and_why_once() {
    for fixture in [
        "raw-cloudflare-522.txt",
        "edges/cloudflare-1020-plain-text-raw.txt",
        "edges/cloudflare-1033.txt",
    ] {
        let d = diagnose_fixture(fixture);
        for kind in [FindingKind::AnsweredByCdn, FindingKind::OriginUnreachable] {
            let n = d.findings.iter().filter(|f| f.kind == kind).count();
            assert!(
                n <= 1,
                "{fixture}: {n} findings of {kind:?}: {}",
                findings_text(&d)
            );
        }
        assert!(
            d.findings
                .iter()
                .any(|f| f.kind == FindingKind::AnsweredByCdn),
            "{fixture}: {}",
            findings_text(&d)
        );
    }
}

/// An nginx error line holds the read timeout's code and the connect timeout's longer one: the
/// longest code the line holds says the most ("while connecting to upstream": the upstream is
/// unreachable, not slow), whatever the order the entries are written in.
#[test]
fn the_longest_log_code_a_line_holds_explains_it() {
    let line = |phase: &str| {
        format!("2021/05/12 12:19:36 [error] 7#7: *8192 upstream timed out (110: Connection timed out) while {phase} upstream, client: 10.0.0.5, server: _, request: \"GET /api HTTP/1.1\", upstream: \"http://10.1.2.3:8080/api\"")
    };
    let connect = diagnosis::diagnose(&line("connecting to"));
    assert_eq!(connect.code, Some(504));
    assert!(
        connect.verdict.contains("could not open a connection"),
        "{}",
        connect.verdict
    );
    let read = diagnosis::diagnose(&line("reading response header from"));
    assert_eq!(read.code, Some(504));
    assert!(
        !read.verdict.contains("could not open a connection"),
        "{}",
        read.verdict
    );
}

/// A host name that does not resolve inside a container (agent-zero's Ollama at host.docker.internal,
/// agent0ai/agent-zero#294): the steps say where such a name exists and what to set instead.
#[test]
fn a_name_unresolved_in_a_container_says_where_it_exists() {
    let d = diagnose_fixture("network/s24-main-01-agentzero-ollama-name-not-known.txt");
    assert_eq!(d.code, None);
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::DnsNotResolved));
    let steps = d
        .steps
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        steps.contains("--add-host=host.docker.internal:host-gateway"),
        "{steps}"
    );
    assert!(steps.contains("base URL"), "{steps}");
}

/// A 402 beside an error message is the status, like the other common ones: OpenRouter's out-of-credit
/// answer wrapped once more by the tool that passed it on (tailcallhq/forgecode#571) is read from the
/// body's own code, not only from the words an entry knows.
#[test]
fn a_402_beside_a_wrapped_error_message_is_read_from_the_body() {
    let d = diagnose_fixture("vendors/w59-ai-tools-02-openrouter-key-limit.txt");
    assert_eq!(d.code, Some(402));
    let from_body = d
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::StatusFromBody)
        .expect("a status-from-body finding");
    assert!(
        from_body
            .evidence
            .iter()
            .any(|e| e.name.contains("error/code")),
        "{:?}",
        from_body.evidence
    );
}

/// A CDN's error page quoted from its middle, cut before its number, still links its own article
/// about the error: Cloudflare's "…/cloudflare-5xx-errors/error-524/" names the 524
/// (langgenius/dify#20016).
#[test]
fn a_cut_cdn_page_is_named_by_its_troubleshooting_link() {
    let d = diagnose_fixture("edges/s24-main-03-cloudflare-524-html-fragment.txt");
    assert_eq!(d.code, Some(524));
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::UpstreamTimeout));
}

#[test]
fn a_host_name_without_a_dot_is_read_as_a_service_name_only_its_network_resolves() {
    // The browser on the host asks for a Compose service's name: the first step says why it cannot.
    let d = diagnose_fixture("network/s27-net-01-chrome-compose-service-name.txt");
    assert!(d.steps[0].contains("without a dot"), "{:?}", d.steps);
    assert!(d.steps[0].contains("browser"), "{:?}", d.steps);
    // A program in a container, and the name printed only by Node (no URL): the program's advice.
    let d = diagnose_fixture("network/s27-net-02-node-eai-again-compose-name.txt");
    assert!(d.steps[0].contains("compose file"), "{:?}", d.steps);
    let d = diagnosis::diagnose("Error: getaddrinfo ENOTFOUND db\n    at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:107:26)");
    assert!(d.steps[0].contains("without a dot"), "{:?}", d.steps);
    assert!(!d.steps[0].contains("browser"), "{:?}", d.steps);
    // A name with a dot, and localhost, are not service names.
    for text in [
        "Error: getaddrinfo ENOTFOUND api.example.com",
        "GET http://localhost:3000/api net::ERR_NAME_NOT_RESOLVED",
    ] {
        let d = diagnosis::diagnose(text);
        assert!(
            d.steps.iter().all(|s| !s.contains("without a dot")),
            "{text}: {:?}",
            d.steps
        );
    }
}

#[test]
fn a_problem_type_url_is_named_by_its_last_segment() {
    // A problem of X's API whose type no entry explains: the title names the type's last segment,
    // not "https" (the URL cut at its colon).
    let d = diagnosis::diagnose("HTTP/1.1 409 Conflict\nContent-Type: application/problem+json\n\n{\"type\":\"https://api.twitter.com/2/problems/duplicate-rules\",\"title\":\"Duplicate Rules\",\"detail\":\"One or more rules are duplicates.\",\"status\":409}");
    let titles: Vec<String> = d.findings.iter().map(|f| f.title.to_string()).collect();
    assert!(
        titles.iter().any(|t| t.ends_with("error duplicate-rules")),
        "{titles:?}"
    );
    assert!(!titles.iter().any(|t| t.ends_with(" https")), "{titles:?}");
}

#[test]
fn a_librarys_own_error_says_no_http_response_was_involved() {
    // MSAL.js throws interaction_in_progress in the browser, before any request: no status, and the
    // visitor is told the server has nothing to show for it.
    let d = diagnose_fixture("vendors/w65-identity-2-03-msaljs-interaction-in-progress.txt");
    assert_eq!(d.code, None);
    let local = d
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::RaisedLocally)
        .expect("a finding says no HTTP response was involved");
    assert!(local.title.contains("No HTTP response"), "{}", local.title);
    // Nothing was sent, so repeating a POST cannot apply it twice.
    assert!(d.retry.safe_for_non_idempotent);
    // LiteLLM names its exception after a 400 it never received: no server called it anything.
    let d = diagnose_fixture("vendors/w66-ai-10-litellm-provider-not-provided.txt");
    assert_eq!(d.code, None);
    assert!(d.reason_sent.is_none(), "{:?}", d.reason_sent);
    // botocore's cached SSO token, which it could not refresh, printed by a CLI's traceback.
    let d = diagnose_fixture("vendors/w65-identity-2-10-awssso-token-expired.txt");
    assert_eq!(d.code, None);
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::RaisedLocally));
    // A page the server sent (Okta's answer with 401) is not a library's own error.
    let d = diagnose_fixture("vendors/w65-identity-2-05-okta-feature-permission.txt");
    assert_eq!(d.code, Some(401));
    assert!(!d
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::RaisedLocally));
}

#[test]
fn a_clients_own_message_after_the_code_is_not_remarked_on_as_a_reason_phrase() {
    // digitalocean/godo prints `422 (request "<id>") <the API's message>` (the doctl paste of
    // tests/fixtures/vendors/w63-cloud-infra-11): no "Unusual reason phrase" about that text.
    let d = diagnose_fixture("vendors/w63-cloud-infra-11-digitalocean-droplet-limit.txt");
    assert_eq!(d.code, Some(422));
    assert!(
        !d.findings
            .iter()
            .any(|f| f.kind == FindingKind::ReasonPhraseDiffers),
        "{:?}",
        d.findings.iter().map(|f| &f.title).collect::<Vec<_>>()
    );
    // A server's own status line still gets the remark, whatever its phrase holds.
    let d = diagnosis::diagnose("HTTP/1.1 403 Denied (rate rule 12)\r\n\r\n");
    assert!(d
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::ReasonPhraseDiffers));
}

#[test]
fn the_shell_command_above_a_body_is_not_the_servers_message() {
    // Envoy's plain-text 503 body under the curl command that fetched it
    // (open-telemetry/opentelemetry-demo#1935): the server said "no healthy upstream".
    let d = diagnosis::diagnose("$ curl http://127.0.0.1:8080\nno healthy upstream");
    let message = d.server_message.as_ref().map(|m| m.to_string());
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.contains("no healthy upstream")),
        "{message:?}"
    );
    assert!(!message.unwrap_or_default().contains("curl"));
}

#[test]
fn a_lead_in_above_the_pasted_text_is_not_the_servers_message() {
    // fastapi/fastapi#984: "I get this error:" above the status the reporter got.
    let d = diagnosis::diagnose("I get this error:\n\n422 Unprocessable Entity");
    assert_eq!(d.code, Some(422));
    let message = d.server_message.as_ref().map(|m| m.to_string());
    assert!(
        !message
            .as_deref()
            .unwrap_or("")
            .contains("I get this error"),
        "{message:?}"
    );
    assert!(
        !d.steps
            .iter()
            .any(|s| s.to_string().contains("I get this error")),
        "{:?}",
        d.steps
    );
}

#[test]
fn an_sdk_log_with_an_error_info_object_is_not_a_front_door_log() {
    // avadev/AvaTax-REST-V2-JS-SDK#282: the SDK's JSON log has "errorInfo":{…}; Azure Front Door's
    // access log writes errorInfo as a string ("OriginTimeout"), and did not answer here.
    let d = diagnosis::diagnose(
        "{\"httpMethod\":\"post\",\"requestURI\":\"https://sandbox-rest.avatax.com/api/v2/companies//transactions/T1/commit\",\"statusCode\":404,\"errorInfo\":{\"code\":\"FormatException\",\"details\":{\"message\":\"invalid json response body\",\"type\":\"invalid-json\"}}}",
    );
    assert_eq!(d.answered_by, None, "{:?}", d.answered_by);
    assert!(!everything(&d).contains("Front Door"));
    // Front Door's own line is still read as its log.
    let d = diagnosis::diagnose(
        "{\"time\":\"2024-05-14T09:21:07Z\",\"httpStatusCode\":\"504\",\"errorInfo\":\"OriginTimeout\",\"pop\":\"AMS\"}",
    );
    assert!(everything(&d).contains("Front Door"), "{}", d.verdict);
}

#[test]
fn a_page_known_by_the_consoles_script_quotes_that_script() {
    // grpc/grpc-web#1475: only the generated client's name says gRPC-Web; the evidence shows it, not
    // the reason phrase as if it were a body.
    let d = diagnosis::diagnose("question_grpc_web_pb.js:221 POST http://localhost:8080/questions.PingPongService/PingPong 503 (Service Unavailable)");
    assert_eq!(d.code, Some(503));
    assert!(d.verdict.contains("gRPC-Web proxy"), "{}", d.verdict);
    let finding = &d.findings[0];
    assert!(
        finding
            .evidence
            .iter()
            .any(|e| e.value.as_str() == "question_grpc_web_pb.js:221"),
        "{:?}",
        finding.evidence
    );
}

#[test]
fn a_pages_evidence_quotes_the_line_with_its_words_not_a_brace() {
    // A SvelteKitError prints its message, its stack, then `{ status: 413, text: … }`: the quote is
    // the message that names the limit, not the first line of what the object printed ("{").
    let d = diagnose_fixture("pages/w76-servers-11-01-sveltekit-body-size-limit-bytes.txt");
    assert_eq!(d.code, Some(413));
    let quoted: Vec<&str> = d
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::RequestTooLarge)
        .flat_map(|f| &f.evidence)
        .map(|e| e.value.as_str())
        .collect();
    assert_eq!(
        quoted,
        ["SvelteKitError: Content-length of 4870507 exceeds limit of 30000 bytes."]
    );
    // The command typed above an answer is no quote of it: the body that says 401 is.
    let d = diagnose_fixture("cli/w68-devtools-4-04-gitlab-ci-lint-401.txt");
    let quoted: Vec<&str> = d
        .findings
        .iter()
        .flat_map(|f| &f.evidence)
        .map(|e| e.value.as_str())
        .collect();
    assert!(quoted.iter().all(|q| !q.starts_with("$ ")), "{quoted:?}");
    assert!(
        quoted.iter().any(|q| q.contains("401 Unauthorized")),
        "{quoted:?}"
    );
}
