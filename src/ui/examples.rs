//! "Try an example" buttons: realistic pastes that fill the box.

use yew::prelude::*;

/// (button label, text pasted)
pub const EXAMPLES: [(&str, &str); 6] = [
    (
        "429 with Retry-After",
        "HTTP/1.1 429 Too Many Requests\nContent-Type: application/json\nRetry-After: 120\nX-RateLimit-Limit: 100\nX-RateLimit-Remaining: 0\nX-Request-Id: 4f2a9c1e-8b3d-4e6f-a1c5-7d9e0b2f3a48\n\n{\"error\":\"rate_limited\",\"message\":\"Too many requests: the limit is 100 per minute.\"}",
    ),
    (
        "Cloudflare 522",
        "HTTP/1.1 522 Origin Connection Time-out\nServer: cloudflare\nCF-RAY: 8d2f4a6b1c3e5a7f-AMS\nContent-Type: text/html; charset=UTF-8\n\n<!DOCTYPE html>\n<html><head><title>api.example.com | 522: Connection timed out</title></head>\n<body><h1>Connection timed out <span>Error code 522</span></h1>\n<p>Cloudflare Ray ID: <strong>8d2f4a6b1c3e5a7f</strong></p></body></html>",
    ),
    (
        "Expired Bearer token",
        "> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIiwiZXhwIjoxNzAwMDAwMDAwfQ.sig-placeholder\n> Accept: application/json\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm=\"api\", error=\"invalid_token\", error_description=\"The access token expired\"\n< Content-Type: application/json\n< X-Request-Id: 0c9e7a5d-3b1f-4d2e-8a6c-5e4f3d2c1b0a\n<\n{\"error\":\"invalid_token\",\"message\":\"The access token expired\"}",
    ),
    (
        "CORS error",
        "Access to fetch at 'https://api.example.com/v1/items' from origin 'https://app.example.org' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource. If an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the resource with CORS disabled.\nGET https://api.example.com/v1/items net::ERR_FAILED 200\nUncaught (in promise) TypeError: Failed to fetch",
    ),
    (
        "curl -v 404",
        "* Connected to api.example.com (203.0.113.10) port 443\n> GET /v1/userz/42 HTTP/2\n> Host: api.example.com\n> User-Agent: curl/8.5.0\n> Accept: */*\n>\n< HTTP/2 404\n< content-type: application/json\n< x-request-id: 9f3c2a71-4b8e-4d2a-9c1e-7a5b3d2f6e01\n<\n{\"error\":\"not_found\",\"message\":\"No route for GET /v1/userz/42\"}",
    ),
    (
        "nginx 502",
        "HTTP/1.1 502 Bad Gateway\nServer: nginx/1.24.0\nContent-Type: text/html\n\n<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n<hr><center>nginx/1.24.0</center>\n</body>\n</html>",
    ),
];

#[derive(Properties, PartialEq)]
pub struct ExamplesProps {
    pub on_paste: Callback<String>,
}

#[component]
pub fn Examples(props: &ExamplesProps) -> Html {
    html! {
        <div class="ht-examples ht-row" role="group" aria-label="Try an example">
            <span class="ht-examples-label" aria-hidden="true">{ "Try an example:" }</span>
            { for EXAMPLES.iter().map(|(label, text)| {
                let onclick = props.on_paste.reform(move |_: MouseEvent| text.to_string());
                html! { <button type="button" class="ht-chip" {onclick}>{ *label }</button> }
            }) }
        </div>
    }
}
