/** What kind of input a paste was. */
export type InputKind =
  | "empty" | "bare-code" | "status-line" | "reason-line" | "raw-response" | "devtools-headers"
  | "curl-verbose" | "body" | "har" | "client-error" | "access-log" | "network-error" | "message"
  | "unrecognised";
export type Severity = "problem" | "warning" | "info";
export type EvidenceSource = "status-line" | "header" | "body" | "request" | "paste";

export interface Evidence { source: EvidenceSource; name: string; value: string; }
/**
 * A finding's stable identity: branch on it, not on the wording (which may change). The list is the
 * kinds declared in the knowledge files (src/knowledge/); a test keeps it in step.
 */
export type FindingKind =
  | "account-suspended"
  | "answered-by-api"
  | "answered-by-cdn"
  | "answered-by-gateway"
  | "answered-by-load-balancer"
  | "answered-by-mesh"
  | "answered-by-platform"
  | "answered-by-proxy"
  | "answered-by-web-server"
  | "api-error"
  | "api-error-code"
  | "api-retired"
  | "app-error"
  | "app-failed-to-start"
  | "auth-challenge"
  | "auth-challenge-missing"
  | "auth-request-malformed"
  | "backend-answered"
  | "blocked-by-client"
  | "blocked-by-firewall"
  | "body-status-differs"
  | "body-unreadable"
  | "broken-tool-release"
  | "browser-intervention"
  | "cdn-package-size-limit"
  | "certificate-expired"
  | "certificate-invalid"
  | "certificate-name-mismatch"
  | "certificate-untrusted"
  | "client-certificate-required"
  | "client-closed-request"
  | "client-library"
  | "client-response-limit"
  | "client-version-mismatch"
  | "clock-skew"
  | "conflict"
  | "connect-timeout"
  | "connection-pool-exhausted"
  | "connection-refused"
  | "connection-reset"
  | "content-decoding"
  | "content-filtered"
  | "cookie-rejected"
  | "corp-blocked"
  | "corrupted-content"
  | "cors"
  | "cors-credentials"
  | "cors-header-not-allowed"
  | "cors-method-not-allowed"
  | "cors-preflight-failed"
  | "cors-redirect-not-allowed"
  | "cors-request-failed"
  | "credentials-invalid"
  | "credentials-missing"
  | "csp-blocked"
  | "csp-local-connect-blocked"
  | "csp-script-blocked"
  | "csrf-cookie-missing"
  | "csrf-origin-untrusted"
  | "csrf-rejected"
  | "csrf-token-missing"
  | "dns-misconfigured"
  | "dns-not-resolved"
  | "dns-temporary-failure"
  | "email-sender-not-allowed"
  | "empty-reply"
  | "eventsource-wrong-type"
  | "feature-not-supported"
  | "fetch-failed"
  | "field-invalid"
  | "frame-embedding-refused"
  | "framework-error-page"
  | "function-failed"
  | "graphql-error"
  | "header-blocked-by-browser"
  | "host-not-allowed"
  | "host-unreachable"
  | "html-instead-of-json"
  | "http-sent-to-https-port"
  | "http2-protocol-error"
  | "https-required"
  | "idempotency-conflict"
  | "insecure-connection-refused"
  | "insufficient-resources"
  | "insufficient-scope"
  | "integrity-check-failed"
  | "invalid-http-response"
  | "invalid-url"
  | "ip-blocked"
  | "jenkins-mirror-download-failed"
  | "json-labelled-as-html"
  | "lfs-quota-exceeded"
  | "library-misconfigured"
  | "library-status-exception"
  | "log-line"
  | "login-page"
  | "media-type-rejected"
  | "method-not-allowed"
  | "mfa-required"
  | "misdirected-connection-reuse"
  | "mixed-content"
  | "not-http-status"
  | "null-origin-blocked"
  | "oauth-error"
  | "offline"
  | "opaque-response-blocked"
  | "origin-unreachable"
  | "other"
  | "paste-note"
  | "payer-action-required"
  | "payment-declined"
  | "permission-denied"
  | "permissions-policy-blocked"
  | "private-network-access"
  | "problem-details"
  | "protocol-mismatch"
  | "proxy-failed"
  | "proxy-internal-error"
  | "push-token-invalid"
  | "quota-exceeded"
  | "rate-limit-headers"
  | "rate-limit-not-permission"
  | "rate-limited"
  | "reason-phrase-differs"
  | "redirect"
  | "redirect-changed-method"
  | "request-aborted"
  | "request-body-malformed"
  | "request-filtered"
  | "request-malformed"
  | "request-refused-by-client"
  | "request-too-large"
  | "resource-not-found"
  | "response-buffer-limit"
  | "response-not-consumed"
  | "response-read-wrongly"
  | "retry-after"
  | "route-not-found"
  | "same-origin-required"
  | "samesite-none-not-secure"
  | "server-config-error"
  | "service-unavailable"
  | "service-worker-error"
  | "service-worker-redirect"
  | "session-expired"
  | "session-too-large"
  | "signature-mismatch"
  | "status-from-body"
  | "status-not-validated"
  | "stock-error-page"
  | "storage-access-blocked"
  | "storage-full"
  | "success-but-failed"
  | "throttled"
  | "timeout"
  | "tls-handshake"
  | "tls-origin-error"
  | "tls-required"
  | "token-expired"
  | "token-invalid"
  | "too-many-redirects"
  | "tool-status-check-mismatch"
  | "unexpected-content"
  | "raised-locally"
  | "unregistered-status"
  | "update-manifest-missing"
  | "upstream-failed"
  | "upstream-response-too-large"
  | "upstream-timeout"
  | "url-malformed"
  | "validation-failed"
  | "vendor-server-error"
  | "via-intermediary"
  | "wrong-endpoint";
export interface Finding { kind: FindingKind; severity: Severity; title: string; detail: string; evidence: Evidence[]; }
export interface RetryAdvice {
  policy: RetryPolicy;
  advice: string;
  /** Seconds to wait, when the server named a time. */
  afterSeconds: number | null;
  /** The moment to retry (RFC 3339, UTC), when it can be known. */
  at: string | null;
  atUnix: number | null;
  /** The moment had already passed when the paste was diagnosed (an old response); the advice says so. */
  waitOver: boolean;
  safeForNonIdempotent: boolean;
  /** The pasted request's method, when the paste names it. */
  method: string | null;
}
export interface RequestId { name: string; value: string; }
export interface RequestSummary { method: string | null; url: string | null; }
export interface OtherEntry { method: string; url: string; status: number; }
/** One request of a paste that holds many (a HAR file), secrets masked. */
export interface RequestRow {
  /** Its position among the paste's requests: `diagnose(text, { exchange: index })` diagnoses it. */
  index: number;
  method: string;
  host: string;
  /** The path and query. */
  path: string;
  /** null when no HTTP response came back (blocked, cancelled, failed). */
  status: number | null;
  timeMs: number | null;
  failed: boolean;
  /** What happened, in one line: the verdict for a failed request, the status phrase otherwise. */
  line: string;
}
/** Options of diagnose(). */
export interface DiagnoseOptions {
  /** Diagnose this request of a HAR file (an `exchanges[i].index`) instead of the most significant failure. */
  exchange?: number | null;
}

/** What diagnose() returns. */
export interface Diagnosis {
  /** The HTTP status, or null when the paste holds none (network errors, bad input). */
  code: number | null;
  status: StatusEntry | null;
  /** The reason phrase the server sent, when it is not the registered one. */
  reasonSent: string | null;
  inputKind: InputKind;
  headline: string;
  verdict: string;
  side: Side;
  answeredBy: string | null;
  serverMessage: string | null;
  findings: Finding[];
  steps: string[];
  retry: RetryAdvice;
  requestIds: RequestId[];
  request: RequestSummary | null;
  others: OtherEntry[];
  /** Every request of a HAR file, in order; empty for a paste of one exchange. */
  exchanges: RequestRow[];
  /** "3 of 212 requests failed: 2 × 429 from api.example.com, 1 × 502 from …", for a HAR file. */
  exchangesSummary: string | null;
  /** Which of `exchanges` this diagnosis is about. */
  selectedExchange: number | null;
  /** A report covering every failed request, when more than one failed (secrets masked). */
  reportAll: string | null;
  /** The client library, runtime, CLI or browser that produced the paste ("axios", "Python requests"), when it shows. */
  client: string | null;
  /** Markdown report for support, secrets masked. */
  report: string;
}

/** Options of mount() and Widget.update(). */
export interface MountOptions {
  code?: number | string | null;
  text?: string;
  theme?: "light" | "dark" | "auto";
  compact?: boolean;
  /** Read and write #429 deep links in the page address (the full page does this). */
  routing?: boolean;
  /** The level of the widget's top heading, 1 to 6 (default 2); deeper headings follow, past h6 as role="heading". */
  headingLevel?: number;
  /** Called for each diagnosis the widget shows, with what kind of problem it was (never the pasted text). */
  onDiagnosis?: ((summary: DiagnosisSummary) => void) | null;
}

/** What `onDiagnosis` and the embed's `http-troubleshooter-diagnosis` event carry. */
export interface DiagnosisSummary {
  code: number | null;
  kinds: FindingKind[];
  inputKind: InputKind;
  side: Side;
}
