//! The catalog compiler: turns the text of `statuses.toml` into static Rust tables.
//!
//! `build.rs` runs it at compile time (so nothing is parsed when the page starts) and
//! `tests/catalog_source.rs` runs it on broken catalogs, to show that a missing field, an unknown
//! value or a related code that points nowhere stops the build with a message naming the entry.

use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    general: General,
    status: Vec<toml::Value>,
    fallback: Vec<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct General {
    steps: Vec<String>,
    /// Names the catalog's summaries start with, kept capitalised when a sentence continues
    /// with a summary ("…: Cloudflare's connection…").
    #[serde(default)]
    names: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    code: u16,
    phrase: String,
    aliases: Vec<String>,
    registration: String,
    source: String,
    source_url: String,
    side: String,
    summary: String,
    explanation: String,
    causes: Vec<String>,
    caller_steps: Vec<String>,
    owner_steps: Vec<String>,
    retry: String,
    retry_note: String,
    retry_non_idempotent: bool,
    keywords: Vec<String>,
    headers: Vec<Header>,
    related: Vec<Related>,
    spec: Option<Spec>,
    #[serde(default)]
    also: Vec<Also>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fallback {
    class: u16,
    phrase: String,
    side: String,
    summary: String,
    explanation: String,
    causes: Vec<String>,
    caller_steps: Vec<String>,
    owner_steps: Vec<String>,
    retry: String,
    retry_note: String,
    retry_non_idempotent: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    name: String,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Related {
    code: u16,
    difference: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    document: String,
    section: String,
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Also {
    phrase: String,
    source: String,
    source_url: String,
    summary: String,
    explanation: String,
}

/// Compile the text of `statuses.toml` into Rust source, or say what is wrong and in which entry.
pub fn compile(text: &str) -> Result<String, String> {
    let file: File = toml::from_str(text).map_err(|e| format!("not valid catalog TOML: {e}"))?;

    let mut entries = Vec::with_capacity(file.status.len());
    for (index, value) in file.status.into_iter().enumerate() {
        let name = describe(&value, index);
        let entry: Entry = value
            .try_into()
            .map_err(|e| format!("entry {name}: {}", clean(e)))?;
        check_entry(&entry).map_err(|e| format!("entry {name}: {e}"))?;
        entries.push(entry);
    }
    entries.sort_by_key(|e| e.code);
    for pair in entries.windows(2) {
        if pair[0].code == pair[1].code {
            return Err(format!(
                "entry {} appears twice; put other meanings of one code in its `also` list",
                pair[0].code
            ));
        }
    }
    let codes: BTreeSet<u16> = entries.iter().map(|e| e.code).collect();
    for entry in &entries {
        for related in &entry.related {
            if !codes.contains(&related.code) {
                return Err(format!(
                    "entry {} ({}): related code {} has no entry in the catalog",
                    entry.code, entry.phrase, related.code
                ));
            }
            if related.code == entry.code {
                return Err(format!("entry {}: lists itself as related", entry.code));
            }
        }
    }

    let mut fallbacks = Vec::new();
    for (index, value) in file.fallback.into_iter().enumerate() {
        let name = format!("fallback #{}", index + 1);
        let fallback: Fallback = value
            .try_into()
            .map_err(|e| format!("{name}: {}", clean(e)))?;
        if !(1..=6).contains(&fallback.class) {
            return Err(format!(
                "{name}: class must be 1 to 6 (6 = codes 600 to 999)"
            ));
        }
        side(&fallback.side).map_err(|e| format!("{name}: {e}"))?;
        retry(&fallback.retry).map_err(|e| format!("{name}: {e}"))?;
        fallbacks.push(fallback);
    }
    fallbacks.sort_by_key(|f| f.class);
    let classes: Vec<u16> = fallbacks.iter().map(|f| f.class).collect();
    if classes != [1, 2, 3, 4, 5, 6] {
        return Err(format!(
            "there must be exactly one [[fallback]] per class 1 to 6, found classes {classes:?}"
        ));
    }

    let phrase_of = |code: u16| {
        entries
            .iter()
            .find(|e| e.code == code)
            .map(|e| e.phrase.clone())
            .unwrap_or_default()
    };

    let mut out = String::new();
    out.push_str("// @generated by build.rs from src/catalog/statuses.toml. Edit that file, not this one.\n\n");
    let _ = writeln!(
        out,
        "pub(crate) static GENERAL_STEPS: &[&str] = &{};",
        strs(&file.general.steps)
    );
    let _ = writeln!(
        out,
        "pub(crate) static NAMES: &[&str] = &{};",
        strs(&file.general.names)
    );
    let _ = writeln!(out, "pub(crate) static STATUSES: &[Status] = &[");
    for e in &entries {
        emit(&mut out, e, &phrase_of)?;
    }
    out.push_str("];\n\n");
    let _ = writeln!(out, "pub(crate) static FALLBACKS: [Status; 6] = [");
    for f in fallbacks {
        emit(&mut out, &f.into_entry(), &phrase_of)?;
    }
    out.push_str("];\n");
    Ok(out)
}

impl Fallback {
    /// A fallback is emitted like an entry: code x00 of its class, unregistered, nothing related.
    fn into_entry(self) -> Entry {
        Entry {
            code: self.class * 100,
            phrase: self.phrase,
            aliases: Vec::new(),
            registration: "unregistered".into(),
            source: "IANA".into(),
            source_url:
                "https://www.iana.org/assignments/http-status-codes/http-status-codes.xhtml".into(),
            side: self.side,
            summary: self.summary,
            explanation: self.explanation,
            causes: self.causes,
            caller_steps: self.caller_steps,
            owner_steps: self.owner_steps,
            retry: self.retry,
            retry_note: self.retry_note,
            retry_non_idempotent: self.retry_non_idempotent,
            keywords: Vec::new(),
            headers: Vec::new(),
            related: Vec::new(),
            spec: Some(Spec {
                document: "RFC 9110".into(),
                section: "15".into(),
                url: "https://www.rfc-editor.org/rfc/rfc9110#section-15".into(),
            }),
            also: Vec::new(),
        }
    }
}

/// One `Status { … }` literal.
fn emit(out: &mut String, e: &Entry, phrase_of: &dyn Fn(u16) -> String) -> Result<(), String> {
    let known = e.registration != "unregistered";
    let _ = writeln!(out, "    Status {{");
    let _ = writeln!(out, "        code: {},", e.code);
    let _ = writeln!(out, "        phrase: {:?},", e.phrase);
    let _ = writeln!(out, "        aliases: &{},", strs(&e.aliases));
    let _ = writeln!(out, "        class: {},", class(e.code));
    let _ = writeln!(
        out,
        "        official: {},",
        known && e.registration != "unofficial"
    );
    let _ = writeln!(out, "        known: {known},");
    let _ = writeln!(
        out,
        "        registration: {},",
        registration(&e.registration)?
    );
    let _ = writeln!(
        out,
        "        source: Source {{ name: {:?}, url: {:?} }},",
        e.source, e.source_url
    );
    let _ = writeln!(out, "        side: {},", side(&e.side)?);
    let _ = writeln!(out, "        summary: {:?},", e.summary);
    let _ = writeln!(out, "        explanation: {:?},", e.explanation);
    let _ = writeln!(out, "        causes: &{},", strs(&e.causes));
    let _ = writeln!(out, "        caller_steps: &{},", strs(&e.caller_steps));
    let _ = writeln!(out, "        owner_steps: &{},", strs(&e.owner_steps));
    let _ = writeln!(
        out,
        "        retry: RetryHint {{ policy: {}, note: {:?}, safe_for_non_idempotent: {} }},",
        retry(&e.retry)?,
        e.retry_note,
        e.retry_non_idempotent
    );
    let _ = writeln!(out, "        headers: &[");
    for h in &e.headers {
        let _ = writeln!(
            out,
            "            HeaderHint {{ name: {:?}, why: {:?} }},",
            h.name, h.why
        );
    }
    let _ = writeln!(out, "        ],");
    let _ = writeln!(out, "        related: &[");
    for r in &e.related {
        // "405: the URL exists…" reads twice beside the code's own label; keep the sentence.
        let difference = r
            .difference
            .strip_prefix(&format!("{}:", r.code))
            .map(str::trim_start)
            .map(capitalise)
            .unwrap_or_else(|| r.difference.clone());
        let _ = writeln!(
            out,
            "            Related {{ code: {}, phrase: {:?}, difference: {:?} }},",
            r.code,
            phrase_of(r.code),
            difference
        );
    }
    let _ = writeln!(out, "        ],");
    match &e.spec {
        Some(s) => {
            let _ = writeln!(
                out,
                "        spec: Some(SpecRef {{ document: {:?}, section: {:?}, url: {:?} }}),",
                s.document, s.section, s.url
            );
        }
        None => out.push_str("        spec: None,\n"),
    }
    let _ = writeln!(out, "        keywords: &{},", strs(&e.keywords));
    let _ = writeln!(out, "        also: &[");
    for a in &e.also {
        let _ = writeln!(
            out,
            "            Meaning {{ phrase: {:?}, source: Source {{ name: {:?}, url: {:?} }}, summary: {:?}, explanation: {:?} }},",
            a.phrase, a.source, a.source_url, a.summary, a.explanation
        );
    }
    let _ = writeln!(out, "        ],");
    let _ = writeln!(out, "    }},");
    Ok(())
}

/// Names an entry for error messages before it is known to be well-formed.
fn describe(value: &toml::Value, index: usize) -> String {
    match (
        value.get("code").and_then(|c| c.as_integer()),
        value.get("phrase").and_then(|p| p.as_str()),
    ) {
        (Some(code), Some(phrase)) => format!("{code} ({phrase})"),
        (Some(code), None) => format!("{code}"),
        _ => format!("#{} (no code)", index + 1),
    }
}

fn clean(e: toml::de::Error) -> String {
    e.message().to_string()
}

fn check_entry(e: &Entry) -> Result<(), String> {
    if !(100..=999).contains(&e.code) {
        return Err("code must be between 100 and 999".into());
    }
    for (field, value) in [
        ("phrase", &e.phrase),
        ("source", &e.source),
        ("source_url", &e.source_url),
        ("summary", &e.summary),
        ("explanation", &e.explanation),
        ("retry_note", &e.retry_note),
    ] {
        if value.trim().is_empty() {
            return Err(format!("field `{field}` is empty"));
        }
    }
    if e.code >= 400 {
        for (field, list) in [
            ("causes", &e.causes),
            ("caller_steps", &e.caller_steps),
            ("owner_steps", &e.owner_steps),
        ] {
            if list.is_empty() {
                return Err(format!(
                    "field `{field}` needs at least one item for an error code"
                ));
            }
        }
    }
    if e.registration != "unofficial" && e.spec.is_none() {
        return Err("a registered code needs `spec`".into());
    }
    if e.registration == "unregistered" {
        return Err("registration \"unregistered\" is only for [[fallback]] tables".into());
    }
    registration(&e.registration)?;
    side(&e.side)?;
    retry(&e.retry)?;
    Ok(())
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn strs(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| format!("{s:?}")).collect();
    format!("[{}]", inner.join(", "))
}

fn class(code: u16) -> &'static str {
    match code / 100 {
        1 => "StatusClass::Informational",
        2 => "StatusClass::Success",
        3 => "StatusClass::Redirection",
        4 => "StatusClass::ClientError",
        5 => "StatusClass::ServerError",
        _ => "StatusClass::Nonstandard",
    }
}

fn registration(value: &str) -> Result<&'static str, String> {
    Ok(match value {
        "registered" => "Registration::Registered",
        "unused" => "Registration::Unused",
        "obsoleted" => "Registration::Obsoleted",
        "temporary" => "Registration::Temporary",
        "unofficial" => "Registration::Unofficial",
        "unregistered" => "Registration::Unregistered",
        other => return Err(format!("registration {other:?} is not one of registered, unused, obsoleted, temporary, unofficial")),
    })
}

fn side(value: &str) -> Result<&'static str, String> {
    Ok(match value {
        "client" => "Side::Client",
        "server" => "Side::Server",
        "intermediary" => "Side::Intermediary",
        "either" => "Side::Either",
        other => {
            return Err(format!(
                "side {other:?} is not one of client, server, intermediary, either"
            ))
        }
    })
}

fn retry(value: &str) -> Result<&'static str, String> {
    Ok(match value {
        "no" => "RetryPolicy::No",
        "after-fix" => "RetryPolicy::AfterFix",
        "backoff" => "RetryPolicy::Backoff",
        "retry-after" => "RetryPolicy::RetryAfter",
        "not-applicable" => "RetryPolicy::NotApplicable",
        other => {
            return Err(format!(
                "retry {other:?} is not one of no, after-fix, backoff, retry-after, not-applicable"
            ))
        }
    })
}
