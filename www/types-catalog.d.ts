/** The five classes of RFC 9110 §15, and "nonstandard" for 600–999 (outside HTTP's range). */
export type StatusClass = "informational" | "success" | "redirection" | "client-error" | "server-error" | "nonstandard";
/** Whose side has to act. */
export type Side = "client" | "server" | "intermediary" | "network" | "either";
/** Where a code stands in the IANA registry. */
export type Registration = "registered" | "unused" | "obsoleted" | "temporary" | "unofficial" | "unregistered";
/** What repeating the request will do. */
export type RetryPolicy = "no" | "after-fix" | "backoff" | "retry-after" | "not-applicable";

export interface Source { name: string; url: string; }
export interface RetryHint { policy: RetryPolicy; note: string; safeForNonIdempotent: boolean; }
export interface HeaderHint { name: string; why: string; }
export interface RelatedCode { code: number; phrase: string; difference: string; }
export interface SpecRef { document: string; section: string; url: string; }
/** Another meaning of the same number, from another vendor. */
export interface OtherMeaning { phrase: string; source: Source; summary: string; explanation: string; }

/** A catalog entry, as returned by explainStatus() and listStatuses(); frozen (built once, shared). */
export interface StatusEntry {
  code: number;
  /** The registered (RFC 9110) reason phrase, or the vendor's name for an unofficial code. */
  phrase: string;
  /** Older or other names of the same meaning. */
  aliases: string[];
  class: StatusClass;
  /** In the IANA registry (in any state). */
  official: boolean;
  /** False for the class fallback of a code the catalog does not know. */
  known: boolean;
  registration: Registration;
  source: Source;
  side: Side;
  summary: string;
  explanation: string;
  causes: string[];
  callerSteps: string[];
  ownerSteps: string[];
  retry: RetryHint;
  headers: HeaderHint[];
  related: RelatedCode[];
  spec: SpecRef | null;
  keywords: string[];
  also: OtherMeaning[];
}

/** Options of annotate(). */
export interface AnnotateOptions {
  /** Where "Full explanation" links: a URL with `{code}` in it, or a function of the code. By default the troubleshooter page beside the module (`index.html#429`). */
  href?: string | ((code: number) => string);
  /** Also explain codes added to the page later (a MutationObserver; single-page docs). */
  observe?: boolean;
  /** The popover's colours; "auto" (the default) follows the page's dark mode, then the system's. */
  theme?: "light" | "dark" | "auto";
}

/** What annotate() returns. */
export interface AnnotateHandle {
  /** How many codes it explains. */
  readonly count: number;
  /** Remove every trigger and popover and restore the page exactly as it was. */
  destroy(): void;
}

/**
 * Explain the HTTP status codes in `root` (default `document.body`) in place: `<code>`, `<kbd>` and
 * table cells whose whole text is a status code or status line, and elements with `data-http-status`.
 * Each becomes a keyboard-focusable trigger for a small popover; nothing else on the page changes.
 * Calling it again on the same content annotates nothing twice.
 */
export function annotate(root?: ParentNode | null, options?: AnnotateOptions): AnnotateHandle;
