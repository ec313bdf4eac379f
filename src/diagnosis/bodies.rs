//! What the body says: the error formats APIs use (RFC 9457 problem details, Google, Stripe, GraphQL,
//! JSON:API, AWS JSON and XML, Azure/Microsoft Graph, Kubernetes, Slack-style, Twilio, generic
//! `message`/`error` fields), the server's own message, known vendor error codes, and bodies that
//! contradict their status (HTML where JSON was expected, a 200 that says it failed).

use super::{Evidence, Notes, Severity};
use crate::catalog::{RetryPolicy, Side, Status, StatusClass};
use crate::paste::{Exchange, MediaKind};
use serde_json::Value;

pub(super) fn read(exchange: &Exchange, notes: &mut Notes) {
    let Some(body) = &exchange.body else { return };
    match body.media {
        MediaKind::Json => {
            if let Some(json) = &body.json {
                json_formats(json, exchange, notes);
            }
        }
        MediaKind::Xml => xml_errors(exchange, notes),
        MediaKind::Html => {
            if let Some(title) = body.html_title.as_ref().or(body.html_heading.as_ref()) {
                notes.server_message(title);
            }
            for (label, text) in [
                ("HTML title", &body.html_title),
                ("HTML heading", &body.html_heading),
            ] {
                if let Some(code) = text.as_deref().and_then(status_in_title) {
                    notes.code_hint(code, Evidence::body(label, text.as_deref().unwrap_or("")));
                }
            }
        }
        MediaKind::Text => {
            let first = body
                .text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("");
            if first.len() <= 300 {
                notes.server_message(first);
            }
            if first.contains("upstream connect error") || first.contains("no healthy upstream") {
                notes.answered_by("Envoy proxy");
                notes.add(
                    Severity::Problem,
                    "Envoy could not reach the service behind it",
                    "This is Envoy's own message (Envoy runs in Istio and other service meshes and API gateways): it could not connect to, or lost the connection to, the upstream service before any response headers. Envoy sends it with status 503. The application is down, restarting, failing its health checks, or unreachable from the proxy.",
                    vec![Evidence::body("body", first)],
                );
                notes.verdict(20, "A proxy (Envoy) could not reach the service behind it: the API's backend is down, restarting or unreachable. Retry with backoff; the API's operators must fix it if it persists.");
                notes.side(6, Side::Intermediary);
            }
        }
    }
    if let Some(errortype) = exchange.header("x-amzn-errortype") {
        aws_error(
            strip_namespace(errortype.split(':').next().unwrap_or(errortype)),
            Evidence::header("X-Amzn-ErrorType", errortype),
            notes,
        );
    }
}

fn s<'a>(value: &'a Value, pointer: &str) -> Option<&'a str> {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

fn n(value: &Value, pointer: &str) -> Option<u16> {
    let v = value.pointer(pointer)?;
    v.as_u64()
        .and_then(|n| u16::try_from(n).ok())
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

fn json_formats(json: &Value, exchange: &Exchange, notes: &mut Notes) {
    let problem_type = exchange
        .header("content-type")
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("problem+json"));

    // Kubernetes Status object.
    if s(json, "/kind") == Some("Status") {
        if let Some(message) = s(json, "/message") {
            notes.server_message(message);
        }
        let mut evidence = vec![Evidence::body("kind", "Status")];
        if let Some(reason) = s(json, "/reason") {
            evidence.push(Evidence::body("reason", reason));
        }
        if let Some(message) = s(json, "/message") {
            evidence.push(Evidence::body("message", message));
        }
        if let Some(code) = n(json, "/code") {
            notes.code_hint(code, Evidence::body("code", &code.to_string()));
        }
        let rbac = s(json, "/reason") == Some("Forbidden")
            && s(json, "/message").is_some_and(|m| m.contains("cannot"));
        notes.add(
            Severity::Problem,
            format!("Kubernetes API: {}", s(json, "/reason").unwrap_or("error")),
            if rbac {
                "The Kubernetes API server authenticated the caller but RBAC does not allow this verb on this resource. Grant it with a Role/ClusterRole and a RoleBinding for the user or service account named in the message (check with “kubectl auth can-i”).".to_string()
            } else {
                "The Kubernetes API server returned a Status object; its reason and message say what failed.".to_string()
            },
            evidence,
        );
        if rbac {
            notes.step("Check the permission with “kubectl auth can-i <verb> <resource> --as <user> -n <namespace>” and add a RoleBinding that grants it.");
            notes.verdict(36, "Kubernetes RBAC denied this request: the account is known but lacks permission for this verb and resource.");
        }
        return;
    }

    // RFC 9457 problem details.
    let looks_problem = problem_type
        || (json.get("title").is_some_and(Value::is_string)
            && (json.get("type").is_some()
                || json.get("detail").is_some()
                || json.get("status").is_some()));
    if looks_problem && json.get("error").is_none() {
        let mut evidence = Vec::new();
        for field in ["type", "title", "detail", "instance"] {
            if let Some(value) = s(json, &format!("/{field}")) {
                evidence.push(Evidence::body(field, value));
            }
        }
        if let Some(code) = n(json, "/status") {
            notes.code_hint(code, Evidence::body("status", &code.to_string()));
        }
        let message = s(json, "/detail").or(s(json, "/title")).unwrap_or("");
        notes.server_message(message);
        notes.add(
            Severity::Problem,
            format!("Problem details: {}", s(json, "/title").unwrap_or("error")),
            format!(
                "The API answered with RFC 9457 problem details. {}",
                if message.is_empty() {
                    String::new()
                } else {
                    format!(
                        "It says: \"{}\".",
                        super::quote(&super::redact::text(message))
                    )
                }
            ),
            evidence,
        );
        field_errors(json.get("errors").or(json.get("invalid-params")), notes);
        return;
    }

    // GraphQL: {"errors":[{"message","path","extensions":{"code"}}], "data": …}
    if let Some(errors) = json.get("errors").and_then(Value::as_array) {
        let graphql = errors.iter().any(|e| {
            e.get("path").is_some()
                || e.get("locations").is_some()
                || e.pointer("/extensions/code").is_some()
        }) || json.get("data").is_some();
        if graphql {
            graphql_errors(errors, json, exchange, notes);
            return;
        }
        // JSON:API: {"errors":[{"status","title","detail","source":{"pointer"}}]}
        if let Some(first) = errors.first() {
            if let Some(code) = n(first, "/status") {
                notes.code_hint(code, Evidence::body("errors[0].status", &code.to_string()));
            }
            let message = s(first, "/detail")
                .or(s(first, "/title"))
                .or(s(first, "/message"))
                .unwrap_or("");
            notes.server_message(message);
        }
        field_errors(Some(&json["errors"]), notes);
        return;
    }

    // {"error": {...}} — Google, Stripe, Microsoft Graph / Azure, OpenAI-style.
    if let Some(error) = json.get("error").filter(|e| e.is_object()) {
        let message = s(error, "/message").unwrap_or("");
        notes.server_message(message);
        let mut evidence = Vec::new();
        if let Some(message) = s(error, "/message") {
            evidence.push(Evidence::body("error.message", message));
        }
        if let Some(code) = n(error, "/code") {
            notes.code_hint(code, Evidence::body("error.code", &code.to_string()));
        }
        // Google: error.status + details[].reason
        if let Some(status) = s(error, "/status") {
            evidence.push(Evidence::body("error.status", status));
            let reasons: Vec<&str> = error
                .get("details")
                .and_then(Value::as_array)
                .map(|d| d.iter().filter_map(|x| s(x, "/reason")).collect())
                .unwrap_or_default();
            for reason in &reasons {
                evidence.push(Evidence::body("error.details[].reason", reason));
            }
            let hint = google_hint(status, reasons.first().copied());
            notes.add(
                Severity::Problem,
                format!(
                    "Google API error {status}{}",
                    reasons
                        .first()
                        .map(|r| format!(" ({r})"))
                        .unwrap_or_default()
                ),
                hint,
                evidence,
            );
            return;
        }
        // Stripe: error.type (+ code, decline_code, param)
        if let Some(kind) = s(error, "/type") {
            evidence.push(Evidence::body("error.type", kind));
            for field in [
                "code",
                "decline_code",
                "param",
                "request_log_url",
                "doc_url",
            ] {
                if let Some(v) = s(error, &format!("/{field}")) {
                    evidence.push(Evidence::body(&format!("error.{field}"), v));
                }
            }
            let decline = s(error, "/decline_code");
            let param = s(error, "/param");
            let detail = match kind {
                "card_error" => format!(
                    "The card was declined{}. This is not a bug in your integration: show the customer a message and let them use another payment method.",
                    decline.map(|d| format!(" ({})", d.replace('_', " "))).unwrap_or_default()
                ),
                "invalid_request_error" => format!("The request has invalid parameters{}. Fix the request before retrying.", param.map(|p| format!(" (parameter “{p}”)")).unwrap_or_default()),
                "authentication_error" => "The API key is missing, wrong, or revoked. Check which key (live or test) you send.".to_string(),
                "rate_limit_error" => "Too many requests too quickly. Back off and retry.".to_string(),
                "idempotency_error" => "An Idempotency-Key was reused with different parameters.".to_string(),
                "api_error" => "A problem on the payment provider's side. Retry with backoff, using an idempotency key.".to_string(),
                _ => "The API reports an error of this type.".to_string(),
            };
            if kind == "card_error" {
                notes.verdict(
                    35,
                    format!(
                        "The payment was declined{}; the API call itself worked.",
                        decline
                            .map(|d| format!(" ({})", d.replace('_', " ")))
                            .unwrap_or_default()
                    ),
                );
                notes.side(5, Side::Client);
            }
            if let Some(param) = param {
                notes.step(format!("Check the request parameter “{param}”."));
            }
            notes.add(
                Severity::Problem,
                format!(
                    "Stripe-style error: {kind}{}",
                    s(error, "/code")
                        .map(|c| format!(" / {c}"))
                        .unwrap_or_default()
                ),
                detail,
                evidence,
            );
            return;
        }
        // Microsoft Graph / Azure: error.code string + innerError
        if let Some(code) = s(error, "/code") {
            evidence.insert(0, Evidence::body("error.code", code));
            let inner = error.get("innerError").or(error.get("innererror"));
            if let Some(inner) = inner {
                for (field, label) in [
                    ("request-id", "innerError.request-id"),
                    ("client-request-id", "innerError.client-request-id"),
                    ("date", "innerError.date"),
                ] {
                    if let Some(v) = s(inner, &format!("/{field}")) {
                        evidence.push(Evidence::body(label, v));
                    }
                }
            }
            let detail = match code {
                "InvalidAuthenticationToken" => "The access token is missing, malformed or expired. Acquire a new token (for the right resource/audience) and retry.".to_string(),
                "Authorization_RequestDenied" | "AuthorizationFailed" | "Forbidden" | "accessDenied" => "The caller is authenticated but lacks the permission or role this operation needs.".to_string(),
                "ResourceNotFound" | "Request_ResourceNotFound" | "itemNotFound" => "The resource does not exist, or the caller cannot see it.".to_string(),
                _ => format!("The service reports the error code \"{code}\"."),
            };
            if code == "InvalidAuthenticationToken" {
                notes.verdict(38, "Your access token was rejected as missing, malformed or expired: get a new token for this API and retry.");
                notes.step(
                    "Acquire a new access token for the right resource (audience) and retry.",
                );
            }
            notes.add(
                Severity::Problem,
                format!("Error code {code}"),
                detail,
                evidence,
            );
            return;
        }
        if !evidence.is_empty() {
            notes.add(
                Severity::Problem,
                "The server's error message",
                "The body carries an error object.",
                evidence,
            );
        }
        return;
    }

    // AWS JSON protocols: {"__type":"com.amazon.coral...#ThrottlingException","message":"…"}
    if let Some(kind) = s(json, "/__type") {
        let message = s(json, "/message").or(s(json, "/Message")).unwrap_or("");
        notes.server_message(message);
        aws_error(strip_namespace(kind), Evidence::body("__type", kind), notes);
        return;
    }

    // Slack-style {"ok": false, "error": "invalid_auth"}
    if json.get("ok") == Some(&Value::Bool(false)) {
        if let Some(error) = s(json, "/error") {
            notes.server_message(error);
            let detail = match error {
                "invalid_auth" | "not_authed" | "token_revoked" | "token_expired" | "account_inactive" => "The token is missing, wrong, revoked or expired, even though the HTTP status may say OK. Check the token you send and that the app is still installed.",
                "missing_scope" => "The token lacks a scope this method needs. Add the scope to the app and reinstall it.",
                "ratelimited" => "You are rate limited. Wait as Retry-After says.",
                "channel_not_found" => "The channel id is wrong, or the app is not in the channel.",
                _ => "The API reports failure in the body even though the HTTP status may be 200.",
            };
            notes.add(
                Severity::Problem,
                format!("The API says ok: false, error \"{error}\""),
                detail,
                vec![
                    Evidence::body("ok", "false"),
                    Evidence::body("error", error),
                ],
            );
            if matches!(
                error,
                "invalid_auth" | "not_authed" | "token_revoked" | "token_expired"
            ) {
                notes.verdict(40, format!("The call failed with \"{error}\": the API did not accept your token (the HTTP status does not show it)."));
                notes.step("Check the token you send (right workspace, not revoked, app still installed) and retry.");
                notes.side(5, Side::Client);
            }
        }
        return;
    }

    // Twilio-style {"code":20003,"message":"Authenticate","more_info":"…","status":401}
    if let (Some(status), Some(message)) = (n(json, "/status"), s(json, "/message")) {
        notes.code_hint(status, Evidence::body("status", &status.to_string()));
        notes.server_message(message);
        let mut evidence = vec![Evidence::body("message", message)];
        if let Some(code) = json.get("code").filter(|c| c.is_number() || c.is_string()) {
            evidence.push(Evidence::body("code", code.to_string().trim_matches('"')));
        }
        if let Some(more) = s(json, "/more_info") {
            evidence.push(Evidence::body("more_info", more));
            notes.step(format!("Read the API's page for this error code: {}", more));
        }
        notes.add(
            Severity::Problem,
            format!("The API's error: {message}"),
            "The body carries the API's own error code and message.",
            evidence,
        );
        return;
    }

    // Generic fields.
    for pointer in [
        "/message",
        "/error_description",
        "/detail",
        "/error/message",
        "/errorMessage",
        "/error",
        "/msg",
        "/Message",
        "/title",
        "/description",
    ] {
        if let Some(message) = s(json, pointer) {
            notes.server_message(message);
            break;
        }
    }
    // The body's own error code beside its message ("error": "not_found") is worth quoting; the
    // message alone is already shown as the server's words.
    let fields: Vec<Evidence> = ["error", "code", "error_code", "errorCode", "type", "reason"]
        .iter()
        .filter_map(|key| {
            let value = json.get(*key)?;
            let text = value
                .as_str()
                .map(str::to_string)
                .or_else(|| value.as_i64().map(|n| n.to_string()))?;
            Some(Evidence::body(key, &text))
        })
        .collect();
    if !fields.is_empty() {
        notes.add(
            Severity::Info,
            "The API's error code",
            "The body names the error in the API's own terms; search the API's docs for it.",
            fields,
        );
    }
    if let Some(status) = n(json, "/status").or(n(json, "/statusCode")) {
        notes.code_hint(status, Evidence::body("status", &status.to_string()));
    }
    // API Gateway's famous misleading message.
    if s(json, "/message") == Some("Missing Authentication Token") {
        aws_error(
            "MissingAuthenticationTokenException",
            Evidence::body("message", "Missing Authentication Token"),
            notes,
        );
    }
}

fn field_errors(errors: Option<&Value>, notes: &mut Notes) {
    let Some(list) = errors.and_then(Value::as_array) else {
        return;
    };
    for item in list.iter().take(8) {
        let pointer = s(item, "/pointer")
            .or(s(item, "/source/pointer"))
            .or(s(item, "/source/parameter"))
            .or(s(item, "/field"))
            .or(s(item, "/name"))
            .or(s(item, "/param"));
        let message = s(item, "/detail")
            .or(s(item, "/message"))
            .or(s(item, "/reason"))
            .or(s(item, "/title"))
            .unwrap_or("invalid");
        let Some(pointer) = pointer else { continue };
        notes.add(
            Severity::Problem,
            format!("Invalid field {pointer}"),
            format!(
                "The server rejects “{}”: {}",
                pointer,
                super::quote(&super::redact::text(message))
            ),
            vec![
                Evidence::body("errors[].pointer", pointer),
                Evidence::body("errors[].detail", message),
            ],
        );
        notes.step(format!(
            "Fix the field “{}” in the request body: {}",
            pointer,
            super::quote(&super::redact::text(message))
        ));
    }
}

fn graphql_errors(errors: &[Value], json: &Value, exchange: &Exchange, notes: &mut Notes) {
    let first = errors.first();
    let message = first.and_then(|e| s(e, "/message")).unwrap_or("");
    notes.server_message(message);
    let code = first.and_then(|e| s(e, "/extensions/code"));
    let path: Option<String> = first
        .and_then(|e| e.get("path"))
        .and_then(Value::as_array)
        .map(|p| {
            p.iter()
                .map(|x| {
                    x.as_str()
                        .map(str::to_string)
                        .unwrap_or_else(|| x.to_string())
                })
                .collect::<Vec<_>>()
                .join(".")
        });
    let mut evidence = vec![Evidence::body("errors[0].message", message)];
    if let Some(path) = &path {
        evidence.push(Evidence::body("errors[0].path", path));
    }
    if let Some(code) = code {
        evidence.push(Evidence::body("errors[0].extensions.code", code));
    }
    let success = exchange.code().is_none_or(|c| (200..300).contains(&c));
    let data_null = json.get("data").is_none_or(Value::is_null);
    let meaning = match code {
        Some("UNAUTHENTICATED") => "the request is not authenticated: send a valid token",
        Some("FORBIDDEN") => "the caller may not access this field or operation",
        Some("BAD_USER_INPUT") | Some("GRAPHQL_VALIDATION_FAILED") => {
            "the query or its variables are invalid"
        }
        Some("INTERNAL_SERVER_ERROR") => "a resolver failed on the server",
        Some("PERSISTED_QUERY_NOT_FOUND") => {
            "the persisted query hash is unknown: send the full query"
        }
        _ => "the server reports an error for part of the query",
    };
    notes.add(
        Severity::Problem,
        format!("GraphQL error{}", code.map(|c| format!(" {c}")).unwrap_or_default()),
        format!(
            "{} GraphQL error(s){}: {meaning}.{}",
            errors.len(),
            path.as_ref().map(|p| format!(" at “{p}”")).unwrap_or_default(),
            if success { " GraphQL servers usually answer 200 OK even when the query failed, so the HTTP status hides this." } else { "" }
        ),
        evidence,
    );
    if success {
        notes.verdict(
            42,
            format!(
                "The HTTP status says OK, but the GraphQL response {} an error: {meaning}.",
                if data_null {
                    "has no data and"
                } else {
                    "carries"
                }
            ),
        );
        if code == Some("UNAUTHENTICATED") {
            notes.side(5, Side::Client);
        }
    }
}

/// "502 Bad Gateway", "api.example.com | 522: Connection timed out": a status code followed by its
/// catalog phrase in a page title or heading.
fn status_in_title(title: &str) -> Option<u16> {
    let bytes = title.as_bytes();
    (0..bytes.len().saturating_sub(2)).find_map(|at| {
        let digits = bytes.get(at..at + 3)?;
        let boundary_before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let boundary_after = bytes.get(at + 3).is_none_or(|b| !b.is_ascii_alphanumeric());
        if !digits.iter().all(u8::is_ascii_digit) || !boundary_before || !boundary_after {
            return None;
        }
        let code: u16 = title[at..at + 3].parse().ok()?;
        let status = crate::catalog::lookup(code)?;
        let phrase = title[at + 3..]
            .trim_start_matches([':', ' ', '-'])
            .split('|')
            .next()?
            .trim();
        status.answers_to(phrase).then_some(code)
    })
}

fn strip_namespace(kind: &str) -> &str {
    kind.rsplit('#').next().unwrap_or(kind)
}

fn aws_error(kind: &str, evidence: Evidence, notes: &mut Notes) {
    let (title, detail, verdict, step): (&str, &str, &str, &str) = match kind {
        "MissingAuthenticationTokenException" => (
            "API Gateway: \"Missing Authentication Token\"",
            "Despite its name this usually means the path, stage or method does not exist in the API Gateway deployment (API Gateway answers unknown routes this way), not that a token is missing.",
            "API Gateway did not find this route: check the URL path, the stage name and the HTTP method before suspecting authentication.",
            "Check the invoke URL: stage name (/prod, /dev), resource path, trailing slash and HTTP method must match a deployed route.",
        ),
        "ThrottlingException" | "TooManyRequestsException" | "Throttling" | "RequestLimitExceeded" | "SlowDown" | "ProvisionedThroughputExceededException" | "RequestThrottled" | "LimitExceededException" => (
            "AWS throttling",
            "AWS reports throttling: this is a rate limit, whatever the HTTP status (AWS JSON services answer 400 for it).",
            "You are being throttled by AWS: this is a rate limit, not a bad request; retry with exponential backoff and jitter.",
            "Retry with exponential backoff and jitter (the AWS SDKs do this when retries are enabled), and request a quota increase if it persists.",
        ),
        "SignatureDoesNotMatch" | "InvalidSignatureException" => (
            "AWS request signature does not match",
            "The signature AWS computed differs from the one sent: usually the wrong secret access key, a clock off by minutes, the wrong region or service in the signing scope, or a header/URL-encoding difference between what was signed and what was sent.",
            "AWS rejected the request signature: check the secret access key, region and clock, and that nothing changes the request after it is signed.",
            "Check the secret access key matches the access key id, the region/service used for signing, the system clock, and that no proxy rewrites signed headers or the path.",
        ),
        "RequestTimeTooSkewed" => (
            "Your clock is off",
            "AWS rejects requests whose signing time is more than 5 minutes from its own clock.",
            "AWS rejected the request because this machine's clock is too far off: sync it (NTP) and retry.",
            "Synchronise the system clock (NTP) and retry.",
        ),
        "ExpiredToken" | "ExpiredTokenException" => (
            "AWS temporary credentials expired",
            "The session token (STS) has expired.",
            "Your temporary AWS credentials have expired: refresh them and retry.",
            "Refresh the temporary credentials (re-assume the role or sign in again) and retry.",
        ),
        "InvalidAccessKeyId" | "UnrecognizedClientException" | "InvalidClientTokenId" => (
            "Unknown AWS access key",
            "The access key id does not exist in AWS records, is deactivated, or belongs to another partition.",
            "AWS does not recognise the access key id: check which credentials the client picked up.",
            "Check which credentials the SDK uses (environment, profile, role) and that the key is active.",
        ),
        "AccessDenied" | "AccessDeniedException" => (
            "AWS access denied",
            "The credentials are valid but an IAM, bucket or key policy does not allow this action on this resource.",
            "AWS denied the action: the identity is known but a policy does not allow it.",
            "Check the IAM policy (and resource policies) for this action and resource; the message often names both.",
        ),
        "IntegrationTimeout" => (
            "API Gateway integration timeout",
            "The backend behind API Gateway did not answer within the integration timeout (29 s by default for REST APIs).",
            "API Gateway gave up waiting for the backend: the API's backend is too slow for this request.",
            "Reduce the work per request (smaller pages, async jobs) or ask the API owner about the backend's latency.",
        ),
        _ => return,
    };
    notes.add(Severity::Problem, title, detail, vec![evidence]);
    notes.verdict(40, verdict);
    notes.step(step);
    if kind.contains("Throttl")
        || kind.contains("TooManyRequests")
        || kind == "SlowDown"
        || kind.contains("LimitExceeded")
        || kind.contains("Throughput")
    {
        notes.retry_policy = Some(RetryPolicy::Backoff);
        notes.side(6, Side::Client);
    }
    if kind == "MissingAuthenticationTokenException" {
        notes.side(6, Side::Client);
    }
}

fn google_hint(status: &str, reason: Option<&str>) -> String {
    let base = match status {
        "PERMISSION_DENIED" => "The caller is authenticated but not allowed: the API may be disabled for the project, the key restricted, or the account missing a role.",
        "UNAUTHENTICATED" => "The credentials are missing, invalid or expired.",
        "RESOURCE_EXHAUSTED" => "A quota or rate limit is exhausted.",
        "INVALID_ARGUMENT" | "FAILED_PRECONDITION" | "OUT_OF_RANGE" => "The request is invalid for this API; the message says which field.",
        "NOT_FOUND" => "The resource does not exist or the caller cannot see it.",
        "UNAVAILABLE" => "The service is temporarily unavailable; retry with backoff.",
        "DEADLINE_EXCEEDED" => "The request took longer than its deadline.",
        _ => "The Google API reports this canonical error status.",
    };
    match reason {
        Some("API_KEY_SERVICE_BLOCKED") => format!("{base} The reason API_KEY_SERVICE_BLOCKED means the API key's restrictions do not allow this API: edit the key's API restrictions in the Cloud console."),
        Some("SERVICE_DISABLED") | Some("ACCESS_NOT_CONFIGURED") => format!("{base} The API is not enabled for the project: enable it in the Cloud console."),
        Some("RATE_LIMIT_EXCEEDED") => format!("{base} Back off and retry."),
        Some(r) => format!("{base} Reason: {r}."),
        None => base.to_string(),
    }
}

fn xml_errors(exchange: &Exchange, notes: &mut Notes) {
    let Some(body) = &exchange.body else { return };
    let code = body.xml_field("Code");
    let message = body.xml_field("Message");
    if let Some(message) = message {
        // Azure appends "RequestId:… Time:…" lines to the message.
        notes.server_message(message.lines().next().unwrap_or(message));
    }
    if let Some(code) = code {
        let mut evidence = vec![Evidence::body("Code", code)];
        if let Some(message) = message {
            evidence.push(Evidence::body(
                "Message",
                message.lines().next().unwrap_or(message),
            ));
        }
        if let Some(detail) = body.xml_field("AuthenticationErrorDetail") {
            evidence.push(Evidence::body("AuthenticationErrorDetail", detail));
        }
        let known = matches!(
            code,
            "SignatureDoesNotMatch"
                | "RequestTimeTooSkewed"
                | "ExpiredToken"
                | "InvalidAccessKeyId"
                | "AccessDenied"
                | "SlowDown"
        );
        if known {
            aws_error(code, evidence.remove(0), notes);
            if !evidence.is_empty() {
                notes.add(
                    Severity::Info,
                    "The server's message",
                    "The XML error says:",
                    evidence,
                );
            }
            return;
        }
        let detail = match code {
            "AuthenticationFailed" => "Azure Storage could not authenticate the request: the shared key or SAS signature is wrong, expired, or the clock is off. AuthenticationErrorDetail says which.",
            "NoSuchKey" | "BlobNotFound" => "The object (key/blob) does not exist at this path.",
            "NoSuchBucket" | "ContainerNotFound" => "The bucket/container does not exist (check the name and region).",
            "PermanentRedirect" => "The bucket is in another region: use that region's endpoint.",
            _ => "The storage service reports this error code.",
        };
        notes.add(
            Severity::Problem,
            format!("Error code {code}"),
            detail,
            evidence,
        );
        if code == "AuthenticationFailed" {
            notes.verdict(38, "Azure Storage could not authenticate the request: check the shared key or SAS token and the clock.");
        }
    }
}

/// Bodies that contradict the status line.
pub(super) fn mismatches(exchange: &Exchange, status: &Status, notes: &mut Notes) {
    let Some(body) = &exchange.body else { return };
    let lower: String = body
        .text
        .chars()
        .take(20_000)
        .collect::<String>()
        .to_ascii_lowercase();
    if body.media == MediaKind::Html {
        let login = (lower.contains("<form") && lower.contains("password"))
            || ["sign in", "log in", "login"].iter().any(|w| {
                body.html_title
                    .as_deref()
                    .unwrap_or("")
                    .to_ascii_lowercase()
                    .contains(w)
            });
        let wanted_json = exchange.request.as_ref().is_some_and(|r| {
            r.headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case("accept") && h.value.contains("json"))
        }) || exchange
            .request
            .as_ref()
            .and_then(|r| r.target.as_deref())
            .is_some_and(looks_like_api);
        if login {
            notes.add(
                Severity::Problem,
                "You got a login page, not the API",
                "The response is an HTML sign-in page. The request was redirected to (or intercepted by) a login: an expired session, an SSO/identity proxy in front of the API, or a URL that points at the website instead of the API.",
                vec![Evidence::body("HTML title", body.html_title.as_deref().unwrap_or("sign-in form"))],
            );
            notes.verdict(45, "Instead of the API's answer you got an HTML login page: the request was not authenticated the way the API expects, or it went to the website instead of the API.");
            notes.step("Call the API host and path from the docs (not the website), and authenticate with an API token rather than a browser session.");
            notes.side(6, Side::Client);
        } else if wanted_json || status.class == StatusClass::Success {
            notes.add(
                Severity::Warning,
                "HTML where JSON was expected",
                "An API answered with an HTML page. That usually means a proxy, CDN or web server answered instead of the API, or the URL points at the wrong host or path.",
                vec![Evidence::body("HTML title", body.html_title.as_deref().or(body.html_heading.as_deref()).unwrap_or("HTML page"))],
            );
        }
    }
    if status.class == StatusClass::Success {
        if let Some(json) = &body.json {
            let failed_flag = json.get("success") == Some(&Value::Bool(false))
                || json.get("status").and_then(Value::as_str).is_some_and(|s| {
                    s.eq_ignore_ascii_case("error") || s.eq_ignore_ascii_case("fail")
                });
            let has_error = json.get("ok") == Some(&Value::Bool(false))
                || (json.get("errors").is_some() && json.get("data").is_none_or(Value::is_null));
            if failed_flag || has_error {
                notes.add(
                    Severity::Problem,
                    format!("The status says {} but the body says it failed", status.code),
                    "Some APIs report errors in the body with a 200 status. Treat this as a failure and check the error in the body.",
                    vec![Evidence::body("body", &json.to_string())],
                );
                notes.verdict(
                    30,
                    format!(
                        "The HTTP status is {} {}, but the body reports a failure.",
                        status.code, status.phrase
                    ),
                );
            }
        }
    }
    if let (Some(error), true) = (
        &body.json_error,
        exchange
            .header("content-type")
            .is_some_and(|c| c.contains("json")),
    ) {
        notes.add(
            Severity::Warning,
            "The JSON body could not be read",
            format!("The Content-Type says JSON but the body is not valid JSON ({error})."),
            Vec::new(),
        );
    }
}

fn looks_like_api(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.contains("/api")
        || lower.contains("api.")
        || lower.contains("/v1")
        || lower.contains("/v2")
        || lower.contains("/v3")
        || lower.contains("graphql")
        || lower.ends_with(".json")
}
