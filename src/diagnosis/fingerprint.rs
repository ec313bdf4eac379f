//! Who answered: CDNs, gateways, load balancers, platforms and web servers leave fingerprints in
//! headers and stock error pages. Knowing that a 502 page came from nginx or that a 522 came from
//! Cloudflare tells the reader whether the API itself ever saw the request.

use super::{Evidence, Notes, Severity};
use crate::catalog::{Side, Status, StatusClass};
use crate::paste::{Exchange, MediaKind};

/// A component that can answer, and how to spot it.
struct Component {
    name: &'static str,
    /// (header, value fragment in lower case; "" = any value)
    headers: &'static [(&'static str, &'static str)],
    /// Is it in front of the API (CDN, proxy, gateway, load balancer) rather than the API's own server?
    in_front: bool,
}

const COMPONENTS: &[Component] = &[
    Component {
        name: "Cloudflare",
        headers: &[("cf-ray", ""), ("server", "cloudflare")],
        in_front: true,
    },
    Component {
        name: "AWS API Gateway",
        headers: &[("x-amz-apigw-id", ""), ("x-amzn-errortype", "")],
        in_front: true,
    },
    Component {
        name: "Amazon CloudFront",
        headers: &[
            ("x-amz-cf-id", ""),
            ("x-amz-cf-pop", ""),
            ("via", "cloudfront"),
            ("x-cache", "cloudfront"),
        ],
        in_front: true,
    },
    Component {
        name: "AWS Elastic Load Balancing",
        headers: &[("server", "awselb")],
        in_front: true,
    },
    Component {
        name: "Vercel",
        headers: &[
            ("x-vercel-id", ""),
            ("x-vercel-error", ""),
            ("server", "vercel"),
        ],
        in_front: true,
    },
    Component {
        name: "Fly.io proxy",
        headers: &[("fly-request-id", ""), ("server", "fly/")],
        in_front: true,
    },
    Component {
        name: "Netlify",
        headers: &[("x-nf-request-id", ""), ("server", "netlify")],
        in_front: true,
    },
    Component {
        name: "Fastly",
        headers: &[("x-fastly-request-id", ""), ("x-served-by", "cache-")],
        in_front: true,
    },
    Component {
        name: "Akamai",
        headers: &[("server", "akamaighost"), ("x-akamai-request-id", "")],
        in_front: true,
    },
    Component {
        name: "Azure Front Door",
        headers: &[("x-azure-ref", "")],
        in_front: true,
    },
    Component {
        name: "Azure API Management",
        headers: &[("ocp-apim-trace-location", ""), ("ocp-apim-apiid", "")],
        in_front: true,
    },
    Component {
        name: "Google Front End",
        headers: &[
            ("server", "google frontend"),
            ("server", "esf"),
            ("via", "1.1 google"),
        ],
        in_front: true,
    },
    Component {
        name: "Heroku router",
        headers: &[("via", "vegur")],
        in_front: true,
    },
    Component {
        name: "Kong gateway",
        headers: &[("server", "kong"), ("via", "kong/")],
        in_front: true,
    },
    Component {
        name: "Envoy proxy",
        headers: &[("server", "envoy"), ("x-envoy-upstream-service-time", "")],
        in_front: true,
    },
    Component {
        name: "Varnish cache",
        headers: &[("via", "varnish"), ("x-varnish", "")],
        in_front: true,
    },
    Component {
        name: "Microsoft Azure",
        headers: &[("x-ms-request-id", "")],
        in_front: false,
    },
    Component {
        name: "GitHub API",
        headers: &[("x-github-request-id", "")],
        in_front: false,
    },
    Component {
        name: "nginx",
        headers: &[("server", "nginx"), ("server", "openresty")],
        in_front: false,
    },
    Component {
        name: "Apache httpd",
        headers: &[("server", "apache")],
        in_front: false,
    },
    Component {
        name: "Microsoft IIS",
        headers: &[("server", "microsoft-iis")],
        in_front: false,
    },
];

/// Gateway-type statuses: the answer of something in front of the API about the API.
fn gateway_status(code: u16) -> bool {
    matches!(
        code,
        502 | 503 | 504 | 520..=527 | 530 | 460 | 463 | 464 | 561 | 598 | 599
    )
}

pub(super) fn read(exchange: &Exchange, status: &Status, notes: &mut Notes) {
    let mut found: Vec<(&Component, Evidence)> = Vec::new();
    for component in COMPONENTS {
        let hit = component.headers.iter().find_map(|(name, fragment)| {
            exchange.headers.iter().find(|h| {
                h.name.eq_ignore_ascii_case(name) && h.value.to_ascii_lowercase().contains(fragment)
            })
        });
        if let Some(h) = hit {
            found.push((component, Evidence::header(&h.name, &h.value)));
        }
    }
    // Proxies and caches that name themselves only generically (Via, X-Cache) are still worth
    // pointing out: the error may be theirs rather than the API's.
    let generic: Vec<Evidence> = ["via", "x-cache", "x-served-by", "x-proxy-id"]
        .iter()
        .filter_map(|name| {
            exchange
                .headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(name))
        })
        .filter(|h| {
            !found
                .iter()
                .any(|(_, e)| e.name.eq_ignore_ascii_case(&h.name))
        })
        .map(|h| Evidence::header(&h.name, &h.value))
        .collect();
    if !generic.is_empty() {
        notes.add(
            Severity::Info,
            "The response passed through a proxy or cache",
            "Via and cache headers show at least one intermediary between you and the API; an error page or timeout may come from it rather than from the API itself.",
            generic,
        );
    }
    let body = exchange.body.as_ref();
    let text = body.map(|b| b.text.as_str()).unwrap_or("");
    let lower_head: String = text
        .chars()
        .take(20_000)
        .collect::<String>()
        .to_ascii_lowercase();
    let html = body.is_some_and(|b| b.media == MediaKind::Html);

    // Cloudflare's own pages say so even without headers (a body pasted alone).
    if is_cloudflare_page(exchange) && !found.iter().any(|(c, _)| c.name == "Cloudflare") {
        found.insert(
            0,
            (
                &COMPONENTS[0],
                Evidence::body("HTML page", "Cloudflare error page"),
            ),
        );
    }

    let Some((first, evidence)) = found.first().cloned() else {
        stock_pages(exchange, status, &lower_head, notes);
        return;
    };
    notes.answered_by(first.name);
    let names: Vec<&str> = found.iter().map(|(c, _)| c.name).collect();
    let evidences: Vec<Evidence> = found.iter().map(|(_, e)| e.clone()).collect();
    notes.add(
        Severity::Info,
        format!("Answered by {}", names.join(", ")),
        if first.in_front {
            format!("The response passed through (or was produced by) {}, which sits in front of the API.", first.name)
        } else {
            format!("The response headers identify {}.", first.name)
        },
        evidences,
    );

    if first.name == "Cloudflare" && matches!(status.code, 520..=527 | 530) {
        notes.add(
            Severity::Problem,
            "Cloudflare answered because the origin server failed",
            format!(
                "A {} is generated by Cloudflare, but it reports a problem between Cloudflare and the origin server behind it (the API's own server): the origin is down, slow, unreachable or its TLS setup is wrong. Cloudflare itself is working.",
                status.code
            ),
            vec![evidence.clone()],
        );
        notes.side(8, Side::Server);
        notes.verdict(30, format!(
            "This error came from Cloudflare, but the fault is at the API's origin server behind it: {}",
            super::lower_first(status.summary)
        ));
        notes.step("Quote the cf-ray id to the API's owner: they can look it up in their Cloudflare dashboard and origin logs.");
        return;
    }
    if first.in_front
        && gateway_status(status.code)
        && (html
            || text.is_empty()
            || exchange.header("x-amzn-errortype").is_some()
            || exchange.header("x-vercel-error").is_some())
    {
        notes.side(6, Side::Intermediary);
        notes.verdict(
            25,
            format!(
                "This {} came from {} in front of the API, not from the API itself: {}",
                status.code,
                first.name,
                super::lower_first(status.summary)
            ),
        );
    }
    if let Some(error) = exchange.header("x-vercel-error") {
        let meaning = match error {
            "FUNCTION_INVOCATION_TIMEOUT" => {
                "the serverless function ran longer than its maximum duration"
            }
            "FUNCTION_INVOCATION_FAILED" => "the serverless function crashed or threw",
            "NO_RESPONSE_FROM_FUNCTION" => "the function returned no response",
            "DEPLOYMENT_NOT_FOUND" => "the deployment for this URL does not exist",
            "EDGE_FUNCTION_INVOCATION_TIMEOUT" => {
                "the edge function did not start its response in time"
            }
            _ => "the platform reports this error code",
        };
        notes.add(
            Severity::Problem,
            format!("Vercel error {error}"),
            format!("Vercel says {meaning}. The function's logs in the Vercel dashboard show why."),
            vec![Evidence::header("x-vercel-error", error)],
        );
        notes.verdict(
            32,
            format!("The API's hosting platform (Vercel) reports {error}: {meaning}."),
        );
        notes.side(9, Side::Server);
    }
    stock_pages(exchange, status, &lower_head, notes);
}

/// Stock error pages of web servers and proxies: the proxy answered, the application did not.
fn stock_pages(exchange: &Exchange, status: &Status, lower: &str, notes: &mut Notes) {
    let server = exchange.header("server").unwrap_or("").to_ascii_lowercase();
    let page = if lower.contains("<center>nginx") || lower.contains("<center>openresty") {
        Some("nginx")
    } else if lower.contains("<address>apache")
        || (server.contains("apache") && lower.contains("<title>"))
    {
        Some("Apache httpd")
    } else if lower.contains("upstream connect error") || lower.contains("no healthy upstream") {
        Some("Envoy proxy")
    } else if lower.contains("<title>iis") || lower.contains("microsoft-iis") {
        Some("Microsoft IIS")
    } else {
        None
    };
    let Some(page) = page else { return };
    notes.answered_by(page);
    // nginx also answers 503 on its own (limit_req, maintenance pages), so only 502/504 and Envoy's
    // upstream messages say for sure that the application behind the proxy failed.
    let upstream = status.class == StatusClass::ServerError
        && (matches!(status.code, 502 | 504) || page == "Envoy proxy");
    notes.add(
        Severity::Warning,
        format!("A stock {page} error page"),
        if upstream {
            format!("The body is {page}'s built-in error page, not the API's: {page} works as a proxy here and could not get a good answer from the application behind it.")
        } else {
            format!("The body is {page}'s built-in error page, not an answer from the API application: {page} refused the request before the application saw it.")
        },
        vec![Evidence::body("body", &first_line_of_page(exchange))],
    );
    if upstream {
        notes.side(7, Side::Intermediary);
        notes.verdict(22, format!(
            "The proxy ({page}) in front of the API answered {} because the application behind it failed or did not respond.",
            status.code
        ));
    }
}

fn first_line_of_page(exchange: &Exchange) -> String {
    exchange
        .body
        .as_ref()
        .and_then(|b| b.html_title.clone().or_else(|| b.html_heading.clone()))
        .or_else(|| {
            exchange
                .body
                .as_ref()
                .map(|b| b.text.lines().next().unwrap_or("").to_string())
        })
        .unwrap_or_default()
}

fn is_cloudflare_page(exchange: &Exchange) -> bool {
    exchange.body.as_ref().is_some_and(|b| {
        let lower: String = b
            .text
            .chars()
            .take(20_000)
            .collect::<String>()
            .to_ascii_lowercase();
        b.media == MediaKind::Html
            && lower.contains("cloudflare")
            && (lower.contains("ray id") || lower.contains("cf-error"))
    })
}

/// A Cloudflare error page, with or without a status line: its "Error code 522" names the HTTP
/// status; its "Error 1020" names a Cloudflare error (not an HTTP status).
pub(super) fn cloudflare_page(exchange: &Exchange, notes: &mut Notes) {
    if !is_cloudflare_page(exchange) {
        return;
    }
    notes.answered_by("Cloudflare");
    let Some(body) = &exchange.body else { return };
    let prefix: String = body.text.chars().take(50_000).collect();
    let text = crate::paste::visible_text(&prefix).to_ascii_lowercase();
    if let Some(code) = cloudflare_error_code(&text) {
        if (1000..2000).contains(&code) {
            cloudflare_1xxx(code, notes);
        } else {
            notes.code_hint(
                code,
                Evidence::body("Cloudflare page", &format!("Error code {code}")),
            );
        }
    }
}

/// "Error 1020", "Error code 522", "error code: 1020" in a Cloudflare page's visible text.
fn cloudflare_error_code(lower: &str) -> Option<u16> {
    for marker in ["error code: ", "error code ", "error "] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(marker) {
            let start = from + at + marker.len();
            let digits: String = lower[start..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let code: Option<u16> = digits.parse().ok();
            match (digits.len(), code) {
                (4, Some(c)) if (1000..2000).contains(&c) => return code,
                (3, Some(c)) if (400..600).contains(&c) => return code,
                _ => {}
            }
            from = start;
        }
    }
    None
}

fn cloudflare_1xxx(code: u16, notes: &mut Notes) {
    let (meaning, side, step) = match code {
        1020 => ("a firewall rule of the site blocked your request (Access denied)", Side::Intermediary, "Ask the site's owner to check Cloudflare's firewall events for your Ray ID; a VPN, an unusual user agent or your country can trigger a rule."),
        1015 => ("the site's Cloudflare rate limiting blocked you (You are being rate limited)", Side::Client, "Slow down and wait before retrying; the site owner sets the limit."),
        1010 => ("the site bans your browser's signature (often an automated client or headless browser)", Side::Intermediary, "Use a normal browser user agent, or ask the site owner to allow your client."),
        1006..=1009 => ("the site's owner banned your IP address (Access denied)", Side::Intermediary, "Contact the site's owner with the Ray ID; try another network to confirm."),
        1016 => ("Cloudflare could not resolve the origin's DNS record (Origin DNS error)", Side::Server, "The site's owner must fix the origin's DNS record in Cloudflare."),
        1033 => ("Cloudflare could not reach the site's Cloudflare Tunnel (Argo Tunnel error)", Side::Server, "The site's owner must check that cloudflared is running and connected."),
        1000 | 1001 => ("the site's DNS points somewhere Cloudflare cannot serve (DNS resolution error)", Side::Server, "The site's owner must fix the DNS records in Cloudflare."),
        1101 | 1102 => ("a Cloudflare Worker of the site threw an exception or exceeded its limits", Side::Server, "The site's owner must check the Worker's logs."),
        _ => ("Cloudflare reports an error of its own (see Cloudflare's 1xxx error documentation)", Side::Intermediary, "Quote the Ray ID and the error number to the site's owner."),
    };
    notes.add(
        Severity::Problem,
        format!("Cloudflare error {code}"),
        format!("Cloudflare error {code} means {meaning}."),
        vec![Evidence::body("Cloudflare page", &format!("Error {code}"))],
    );
    notes.side(9, side);
    notes.verdict(
        38,
        format!("Cloudflare, in front of the site, answered with error {code}: {meaning}."),
    );
    notes.step(step);
}
