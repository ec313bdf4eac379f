//! How strongly a piece of evidence settles the verdict and the side, written once. When several
//! rules or knowledge entries propose a verdict (or a side) for one paste, the strongest wins; among
//! equal verdicts, one a product's own words proposed (a `[[page]]`) beats a code's or a rule's, then
//! the first proposed. Knowledge files name these levels (`precedence = "vendor-code"`).

/// From weakest to strongest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precedence {
    /// The page's code could not read a response that did arrive (JSON.parse of an HTML page):
    /// anything that reads that response itself says more.
    UnreadResponse,
    /// A proxy's own plain-text message, or a server error that names a retry time.
    ProxyMessage,
    /// A gateway status from something in front of the API (known only from its headers).
    InFront,
    /// A web server's or proxy's own error page, which says more than its headers.
    StockPage,
    /// The request and the response disagree (method, redirect, a success that failed, no credentials),
    /// or a CDN reports its origin failed.
    Mismatch,
    /// A hosting platform's own error code.
    Platform,
    /// A vendor's error code that says what happened.
    VendorCode,
    /// A vendor's permission or role error.
    VendorPermission,
    /// A vendor's authentication or firewall error.
    VendorAuth,
    /// The credentials or token were rejected, or a cloud service's code settles it.
    Credentials,
    /// A failure hidden behind a success status (GraphQL).
    HiddenFailure,
    /// The request went somewhere else than the API (a login page, another server), or the token expired.
    WrongPlace,
    /// A rate limit.
    RateLimit,
    /// A rate limit whose wait the server named: the numbers beat a vendor's general advice.
    RateLimitWait,
    /// No HTTP response at all.
    NoResponse,
}
