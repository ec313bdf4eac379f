//! The knowledge compiler: turns the TOML files under `src/knowledge/` into static Rust tables.
//!
//! `build.rs` runs it at compile time and `tests/knowledge_source.rs` runs it on broken files, to show
//! that an unknown field, an undeclared kind, a side that does not exist or a code table that points
//! nowhere stops the build with a message naming the file and the entry. See `SCHEMA.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// One knowledge file: its path (for messages) and its text.
pub struct Source {
    pub path: String,
    pub text: String,
}

const PRECEDENCE: [&str; 14] = [
    "proxy-message",
    "in-front",
    "stock-page",
    "mismatch",
    "platform",
    "vendor-code",
    "vendor-permission",
    "vendor-auth",
    "credentials",
    "hidden-failure",
    "wrong-place",
    "rate-limit",
    "rate-limit-wait",
    "no-response",
];
const SIDES: [(&str, &str); 4] = [
    ("client", "Client"),
    ("server", "Server"),
    ("intermediary", "Intermediary"),
    ("network", "Network"),
];
const RETRY: [(&str, &str); 4] = [
    ("no", "No"),
    ("after-fix", "AfterFix"),
    ("backoff", "Backoff"),
    ("retry-after", "RetryAfter"),
];
const SEVERITY: [(&str, &str); 3] = [
    ("problem", "Problem"),
    ("warning", "Warning"),
    ("info", "Info"),
];
const ROLES: [(&str, &str); 8] = [
    ("cdn", "Cdn"),
    ("proxy", "Proxy"),
    ("load-balancer", "LoadBalancer"),
    ("gateway", "Gateway"),
    ("mesh", "Mesh"),
    ("platform", "Platform"),
    ("web-server", "WebServer"),
    ("api", "Api"),
];
const SAYS: [(&str, &str); 7] = [
    ("limit", "Limit"),
    ("remaining", "Remaining"),
    ("used", "Used"),
    ("used-of-limit", "UsedOfLimit"),
    ("reset", "Reset"),
    ("retry", "Retry"),
    ("window", "Window"),
];
const UNITS: [(&str, &str); 7] = [
    ("seconds", "Seconds"),
    ("milliseconds", "Milliseconds"),
    ("epoch-seconds", "EpochSeconds"),
    ("epoch-milliseconds", "EpochMilliseconds"),
    ("date", "Date"),
    ("duration", "Duration"),
    ("auto", "Auto"),
];
/// The field classes a `[[log]]` `shape` may name; `src/paste/logs.rs` (`fits_class`) tests them.
const LOG_FIELD_CLASSES: [&str; 5] = ["time", "word", "host-port", "seconds", "status"];
const SLOTS: [&str; 5] = ["code", "message", "name", "status", "host"];

/// `rate-limit-exhausted` → `RateLimitExhausted`.
pub fn camel(id: &str) -> String {
    id.split(['-', '_'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Reads one TOML table field by field; `finish` fails on fields nobody asked for.
struct Fields<'a> {
    table: &'a toml::Table,
    used: BTreeSet<&'static str>,
    context: String,
}

impl<'a> Fields<'a> {
    fn new(
        value: &'a toml::Value,
        file: &str,
        section: &str,
        index: usize,
    ) -> Result<Self, String> {
        let table = value
            .as_table()
            .ok_or_else(|| format!("{file}: [[{section}]] number {} is not a table", index + 1))?;
        let id = table
            .get("id")
            .and_then(toml::Value::as_str)
            .map(|s| format!("\"{s}\""))
            .unwrap_or_else(|| format!("number {}", index + 1));
        Ok(Fields {
            table,
            used: BTreeSet::new(),
            context: format!("{file}: [[{section}]] {id}"),
        })
    }

    fn err(&self, message: impl std::fmt::Display) -> String {
        format!("{}: {message}", self.context)
    }

    fn opt_str(&mut self, key: &'static str) -> Result<Option<String>, String> {
        self.used.insert(key);
        match self.table.get(key) {
            None => Ok(None),
            Some(toml::Value::String(s)) if s.trim().is_empty() => {
                Err(self.err(format!("`{key}` is empty")))
            }
            Some(toml::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(self.err(format!("`{key}` must be a string"))),
        }
    }

    fn str(&mut self, key: &'static str) -> Result<String, String> {
        self.opt_str(key)?
            .ok_or_else(|| self.err(format!("`{key}` is missing")))
    }

    fn list(&mut self, key: &'static str) -> Result<Vec<String>, String> {
        self.used.insert(key);
        match self.table.get(key) {
            None => Ok(Vec::new()),
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|v| match v {
                    toml::Value::String(s) if !s.is_empty() => Ok(s.clone()),
                    toml::Value::String(_) => Err(self.err(format!("`{key}` has an empty string"))),
                    _ => Err(self.err(format!("`{key}` must be a list of strings"))),
                })
                .collect(),
            Some(toml::Value::String(s)) if !s.is_empty() => Ok(vec![s.clone()]),
            Some(_) => Err(self.err(format!("`{key}` must be a list of strings"))),
        }
    }

    fn opt_int(&mut self, key: &'static str) -> Result<Option<i64>, String> {
        self.used.insert(key);
        match self.table.get(key) {
            None => Ok(None),
            Some(toml::Value::Integer(n)) => Ok(Some(*n)),
            Some(_) => Err(self.err(format!("`{key}` must be a number"))),
        }
    }

    fn opt_bool(&mut self, key: &'static str) -> Result<Option<bool>, String> {
        self.used.insert(key);
        match self.table.get(key) {
            None => Ok(None),
            Some(toml::Value::Boolean(b)) => Ok(Some(*b)),
            Some(_) => Err(self.err(format!("`{key}` must be true or false"))),
        }
    }

    fn ints(&mut self, key: &'static str) -> Result<Vec<i64>, String> {
        self.used.insert(key);
        match self.table.get(key) {
            None => Ok(Vec::new()),
            Some(toml::Value::Array(items)) => items
                .iter()
                .map(|v| {
                    v.as_integer()
                        .ok_or_else(|| self.err(format!("`{key}` must be a list of numbers")))
                })
                .collect(),
            Some(_) => Err(self.err(format!("`{key}` must be a list of numbers"))),
        }
    }

    fn opt_table(&mut self, key: &'static str) -> Result<Option<&'a toml::Table>, String> {
        self.used.insert(key);
        match self.table.get(key) {
            None => Ok(None),
            Some(toml::Value::Table(t)) => Ok(Some(t)),
            Some(_) => Err(self.err(format!("`{key}` must be a table"))),
        }
    }

    fn finish(self) -> Result<(), String> {
        for key in self.table.keys() {
            if !self.used.contains(key.as_str()) {
                return Err(self.err(format!("unknown field `{key}`")));
            }
        }
        Ok(())
    }
}

fn pick(value: &str, allowed: &[(&str, &str)], what: &str, f: &Fields) -> Result<String, String> {
    allowed
        .iter()
        .find(|(name, _)| *name == value)
        .map(|(_, rust)| rust.to_string())
        .ok_or_else(|| {
            let names: Vec<&str> = allowed.iter().map(|(n, _)| *n).collect();
            f.err(format!(
                "{what} \"{value}\" does not exist (use one of: {})",
                names.join(", ")
            ))
        })
}

/// The verdict is the one sentence a visitor reads first: its slots must exist, code and JSON belong
/// in the steps, and a brace there reads as a slot left unfilled.
fn check_verdict(v: &str, f: &Fields) -> Result<(), String> {
    check_slots(v, f)?;
    let without_slots = SLOTS
        .iter()
        .fold(v.to_string(), |t, s| t.replace(&format!("{{{s}}}"), ""));
    if without_slots.contains(['{', '}']) {
        return Err(f.err(format!(
            "the verdict quotes code with braces; put it in `steps`: \"{v}\""
        )));
    }
    Ok(())
}

fn check_slots(text: &str, f: &Fields) -> Result<(), String> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| f.err(format!("an unclosed slot in \"{text}\"")))?;
        let slot = &after[..close];
        // Only `{word}` is a slot; other braces (a quoted JSON body) are text.
        let is_slot = !slot.is_empty() && slot.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        if is_slot && !SLOTS.contains(&slot) {
            return Err(f.err(format!(
                "unknown slot {{{slot}}} (slots: {})",
                SLOTS.map(|s| format!("{{{s}}}")).join(", ")
            )));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn lits(items: &[String]) -> String {
    format!(
        "&[{}]",
        items.iter().map(|s| lit(s)).collect::<Vec<_>>().join(", ")
    )
}

fn opt_lit(s: &Option<String>) -> String {
    match s {
        Some(s) => format!("Some({})", lit(s)),
        None => "None".into(),
    }
}

/// The text the visitor reads — titles, details, verdicts, steps, headlines — gathered into one
/// string that `build.rs` compresses: the tables hold `Prose::at(start, len)` into it. Prose is 4.5 MB
/// of the tables' 5.2 MB of text, and a dictionary coder packs it a quarter smaller than the page's
/// gzip does (see `Prose` in `mod.rs`).
#[derive(Default)]
struct ProseBook {
    text: String,
}

impl ProseBook {
    fn put(&mut self, s: &str) -> String {
        let start = self.text.len();
        self.text.push_str(s);
        format!("Prose::at({start}, {})", s.len())
    }

    fn puts(&mut self, items: &[String]) -> String {
        let items: Vec<String> = items.iter().map(|s| self.put(s)).collect();
        format!("&[{}]", items.join(", "))
    }

    fn opt_put(&mut self, s: &Option<String>) -> String {
        match s {
            Some(s) => format!("Some({})", self.put(s)),
            None => "None".into(),
        }
    }
}

/// What the compiler makes: the tables as Rust source, and the prose they point into.
pub struct Compiled {
    pub tables: String,
    pub prose: String,
}

/// Kinds known so far: declared ones plus the network kinds.
struct Vocabulary {
    kinds: BTreeMap<String, String>,
}

impl Vocabulary {
    fn kind(&self, id: &str, f: &Fields) -> Result<String, String> {
        if self.kinds.contains_key(id) {
            Ok(format!("FindingKind::{}", camel(id)))
        } else {
            Err(f.err(format!(
                "kind \"{id}\" is not declared (declare it with [[kind]] id = \"{id}\")"
            )))
        }
    }
}

/// The meaning part shared by codes, pages and network kinds, as Rust source.
fn meaning(
    f: &mut Fields,
    vocab: &Vocabulary,
    prose: &mut ProseBook,
    kind_default: Option<&str>,
) -> Result<String, String> {
    let kind = match (f.opt_str("kind")?, kind_default) {
        (Some(k), _) => k,
        (None, Some(k)) => k.to_string(),
        (None, None) => return Err(f.err("`kind` is missing")),
    };
    let kind = vocab.kind(&kind, f)?;
    let severity = match f.opt_str("severity")? {
        Some(s) => pick(&s, &SEVERITY, "severity", f)?,
        None => "Problem".into(),
    };
    let title = f.str("title")?;
    let detail = f.str("detail")?;
    let verdict = f.opt_str("verdict")?;
    let precedence = f.opt_str("precedence")?;
    let side = f.opt_str("side")?;
    let retry = f.opt_str("retry")?;
    let steps = f.list("steps")?;
    let status = f.opt_int("status")?;
    for text in [&title, &detail]
        .into_iter()
        .chain(verdict.iter())
        .chain(steps.iter())
    {
        check_slots(text, f)?;
    }
    if let Some(v) = &verdict {
        check_verdict(v, f)?;
    }
    let precedence = match precedence {
        Some(p) if PRECEDENCE.contains(&p.as_str()) => Some(format!("Precedence::{}", camel(&p))),
        Some(p) => {
            return Err(f.err(format!(
                "precedence \"{p}\" does not exist (use one of: {})",
                PRECEDENCE.join(", ")
            )))
        }
        None if verdict.is_some() || side.is_some() => {
            return Err(f.err("`precedence` is needed with `verdict` or `side`"))
        }
        None => None,
    };
    let side = match side {
        Some(s) => format!("Some(Side::{})", pick(&s, &SIDES, "side", f)?),
        None => "None".into(),
    };
    let retry = match retry {
        Some(r) => format!("Some(RetryPolicy::{})", pick(&r, &RETRY, "retry", f)?),
        None => "None".into(),
    };
    if let Some(s) = status {
        if !(100..=599).contains(&s) {
            return Err(f.err(format!("status {s} is not an HTTP status (100–599)")));
        }
    }
    Ok(format!(
        "Meaning {{ kind: {kind}, severity: Severity::{severity}, title: {}, detail: {}, verdict: {}, precedence: {}, side: {side}, retry: {retry}, steps: {}, status: {} }}",
        prose.put(&title),
        prose.put(&detail),
        prose.opt_put(&verdict),
        precedence.map_or("None".into(), |p| format!("Some({p})")),
        prose.puts(&steps),
        status.map_or("None".into(), |s| format!("Some({s})")),
    ))
}

fn condition(text: &str, f: &Fields) -> Result<String, String> {
    if let Some(rest) = text.strip_prefix("header:") {
        // `header:name` = present; `header:name~text` = its value contains text.
        let (name, value) = rest.split_once('~').unwrap_or((rest, ""));
        if name.trim().is_empty() {
            return Err(f.err(format!(
                "condition \"{text}\": write header:name or header:name~text"
            )));
        }
        return Ok(format!(
            "Condition::Header({}, {})",
            lit(&name.to_ascii_lowercase()),
            lit(&value.to_ascii_lowercase())
        ));
    }
    if let Some(pointer) = text.strip_prefix('!') {
        return Ok(format!("Condition::Absent({})", lit(pointer)));
    }
    if let Some((pointer, value)) = text.split_once('=') {
        return Ok(format!(
            "Condition::Equals({}, {})",
            lit(pointer),
            lit(value)
        ));
    }
    if let Some((pointer, value)) = text.split_once('~') {
        return Ok(format!(
            "Condition::Contains({}, {})",
            lit(pointer),
            lit(&value.to_ascii_lowercase())
        ));
    }
    Ok(format!("Condition::Exists({})", lit(text)))
}

fn pointers(items: &[String], syntax_xml: bool, f: &Fields) -> Result<(), String> {
    for p in items {
        if !syntax_xml && !p.starts_with('/') && !p.is_empty() {
            return Err(f.err(format!("JSON pointer \"{p}\" must start with / (RFC 6901)")));
        }
    }
    Ok(())
}

/// Everything the files hold, as Rust source for `knowledge_tables.rs`.
pub fn compile(sources: &[Source]) -> Result<Compiled, String> {
    // Pass 1: kinds, network kinds, and the ids that scopes may name.
    let mut kinds: BTreeMap<String, String> = BTreeMap::new();
    let mut network: Vec<(String, String, toml::Value)> = Vec::new();
    let mut parsed: Vec<(String, toml::Table)> = Vec::new();
    for source in sources {
        let table: toml::Table = source
            .text
            .parse()
            .map_err(|e| format!("{}: not valid TOML: {e}", source.path))?;
        for key in table.keys() {
            if ![
                "kind",
                "component",
                "format",
                "code",
                "page",
                "client",
                "failure",
                "network",
                "log",
                "rate_header",
                "status_wording",
                "public_hosts",
            ]
            .contains(&key.as_str())
            {
                return Err(format!("{}: unknown section [[{key}]]", source.path));
            }
        }
        let sections = |name: &str| -> Result<Vec<toml::Value>, String> {
            match table.get(name) {
                None => Ok(Vec::new()),
                Some(toml::Value::Array(a)) => Ok(a.clone()),
                Some(_) => Err(format!(
                    "{}: `{name}` must be written [[{name}]]",
                    source.path
                )),
            }
        };
        for (i, v) in sections("kind")?.iter().enumerate() {
            let mut f = Fields::new(v, &source.path, "kind", i)?;
            let id = f.str("id")?;
            let about = f.str("about")?;
            f.finish()?;
            if !is_kebab(&id) {
                return Err(format!(
                    "{}: kind \"{id}\" must be kebab-case (rate-limited)",
                    source.path
                ));
            }
            if kinds.insert(id.clone(), about).is_some() {
                return Err(format!("{}: kind \"{id}\" is declared twice", source.path));
            }
        }
        for (i, v) in sections("network")?.iter().enumerate() {
            let f = Fields::new(v, &source.path, "network", i)?;
            let id = f
                .table
                .get("id")
                .and_then(toml::Value::as_str)
                .ok_or_else(|| f.err("`id` is missing"))?
                .to_string();
            network.push((source.path.clone(), id, v.clone()));
        }
        parsed.push((source.path.clone(), table));
    }
    for (path, id, v) in &network {
        let about = v
            .get("headline")
            .and_then(toml::Value::as_str)
            .unwrap_or("")
            .to_string();
        if !is_kebab(id) {
            return Err(format!("{path}: network kind \"{id}\" must be kebab-case"));
        }
        if kinds.insert(id.clone(), about).is_some() {
            return Err(format!(
                "{path}: network kind \"{id}\" is also declared elsewhere (as a kind or a network kind)"
            ));
        }
    }
    if !network.iter().any(|(_, id, _)| id == "other") {
        return Err("the network kinds need one with id \"other\" (the last resort)".into());
    }
    let vocab = Vocabulary { kinds };
    let mut prose = ProseBook::default();

    let mut out = String::new();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut claim = |id: &str, path: &str| -> Result<(), String> {
        if let Some(first) = ids.insert(id.to_string(), path.to_string()) {
            return Err(format!(
                "{path}: the id \"{id}\" is already used (in {first}); ids are unique across files"
            ));
        }
        Ok(())
    };

    // Finding kinds.
    let _ = writeln!(
        out,
        "/// A finding's stable identity.\n#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum FindingKind {{"
    );
    for id in vocab.kinds.keys() {
        let _ = writeln!(out, "    {},", camel(id));
    }
    let _ = writeln!(
        out,
        "}}\n\nimpl FindingKind {{\n    pub const ALL: &'static [FindingKind] = &["
    );
    for id in vocab.kinds.keys() {
        let _ = writeln!(out, "        FindingKind::{},", camel(id));
    }
    let _ = writeln!(
        out,
        "    ];\n    pub fn as_str(self) -> &'static str {{\n        match self {{"
    );
    for id in vocab.kinds.keys() {
        let _ = writeln!(
            out,
            "            FindingKind::{} => {},",
            camel(id),
            lit(id)
        );
    }
    let _ = writeln!(
        out,
        "        }}\n    }}\n    /// What the kind means, for documentation.\n    pub fn about(self) -> &'static str {{\n        match self {{"
    );
    for (id, about) in &vocab.kinds {
        let _ = writeln!(
            out,
            "            FindingKind::{} => {},",
            camel(id),
            lit(about)
        );
    }
    let _ = writeln!(out, "        }}\n    }}\n}}\n");

    // Network kinds, in precedence order.
    let _ = writeln!(
        out,
        "/// A failure that produced no HTTP status, most specific first.\n#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]\n#[serde(rename_all = \"kebab-case\")]\npub enum NetworkErrorKind {{"
    );
    for (_, id, _) in &network {
        let _ = writeln!(out, "    {},", camel(id));
    }
    let _ = writeln!(out, "}}\n\npub static NETWORK: &[Network] = &[");
    for (i, (path, id, v)) in network.iter().enumerate() {
        let mut f = Fields::new(v, path, "network", i)?;
        f.str("id")?;
        let headline = f.str("headline")?;
        let verdict = f.str("verdict")?;
        let with_status = f.opt_str("with_status")?;
        // Read where the failures are compiled (each failure of the kind inherits it).
        f.opt_bool("no_answer")?;
        let never_sent = f.opt_bool("never_sent")?.unwrap_or(false);
        let response_received = f.opt_bool("response_received")?.unwrap_or(false);
        let status_caused = f.opt_bool("status_caused")?.unwrap_or(false);
        let detail = f.str("detail")?;
        let steps = f.list("steps")?;
        let steps_with_status = f.list("steps_with_status")?;
        let with_redirect = f.opt_str("with_redirect")?;
        let steps_with_redirect = f.list("steps_with_redirect")?;
        let with_public_host = f.opt_str("with_public_host")?;
        let steps_with_public_host = f.list("steps_with_public_host")?;
        let steps_from_browser_to_loopback = f.list("steps_from_browser_to_loopback")?;
        let steps_to_loopback = f.list("steps_to_loopback")?;
        let steps_from_browser_to_bare_name = f.list("steps_from_browser_to_bare_name")?;
        let steps_to_bare_name = f.list("steps_to_bare_name")?;
        let steps_to_private_address = f.list("steps_to_private_address")?;
        let steps_to_ipv6_address = f.list("steps_to_ipv6_address")?;
        let side = f.opt_str("side")?.unwrap_or_else(|| "network".into());
        let side = pick(&side, &SIDES, "side", &f)?;
        let mut yields_to = Vec::new();
        for k in f.list("yields_to")? {
            if !network.iter().any(|(_, other, _)| *other == k) || k == *id {
                return Err(f.err(format!(
                    "`yields_to` names {k:?}, which is not another [[network]] kind"
                )));
            }
            yields_to.push(format!("NetworkErrorKind::{}", camel(&k)));
        }
        let side_with_status = match f.opt_str("side_with_status")? {
            Some(s) => format!("Some(Side::{})", pick(&s, &SIDES, "side_with_status", &f)?),
            None => "None".into(),
        };
        let side_with_public_host = match f.opt_str("side_with_public_host")? {
            Some(s) => format!(
                "Some(Side::{})",
                pick(&s, &SIDES, "side_with_public_host", &f)?
            ),
            None => "None".into(),
        };
        let side_with_redirect = match f.opt_str("side_with_redirect")? {
            Some(s) => format!(
                "Some(Side::{})",
                pick(&s, &SIDES, "side_with_redirect", &f)?
            ),
            None => "None".into(),
        };
        let retry = match f.opt_str("retry")? {
            Some(r) => format!("Some(RetryPolicy::{})", pick(&r, &RETRY, "retry", &f)?),
            None => "None".into(),
        };
        let retry_with_status = match f.opt_str("retry_with_status")? {
            Some(r) => format!(
                "Some(RetryPolicy::{})",
                pick(&r, &RETRY, "retry_with_status", &f)?
            ),
            None => "None".into(),
        };
        f.str("source")?;
        for t in [&verdict, &detail]
            .into_iter()
            .chain(steps.iter())
            .chain(steps_with_status.iter())
            .chain(with_status.iter())
            .chain(with_redirect.iter())
            .chain(steps_with_redirect.iter())
            .chain(with_public_host.iter())
            .chain(steps_with_public_host.iter())
            .chain(steps_from_browser_to_loopback.iter())
            .chain(steps_to_loopback.iter())
            .chain(steps_from_browser_to_bare_name.iter())
            .chain(steps_to_bare_name.iter())
            .chain(steps_to_private_address.iter())
            .chain(steps_to_ipv6_address.iter())
        {
            check_slots(t, &f)?;
        }
        f.finish()?;
        let _ = writeln!(
            out,
            "    Network {{ kind: NetworkErrorKind::{}, finding: FindingKind::{}, headline: {}, verdict: {}, with_status: {}, with_redirect: {}, detail: {}, steps: {}, steps_with_status: {}, steps_with_redirect: {}, side: Side::{side}, side_with_status: {side_with_status}, side_with_redirect: {side_with_redirect}, side_with_public_host: {side_with_public_host}, retry: {retry}, retry_with_status: {retry_with_status}, never_sent: {never_sent}, response_received: {response_received}, status_caused: {status_caused}, with_public_host: {}, steps_with_public_host: {}, steps_from_browser_to_loopback: {}, steps_to_loopback: {}, steps_from_browser_to_bare_name: {}, steps_to_bare_name: {}, steps_to_private_address: {}, steps_to_ipv6_address: {}, yields_to: &[{}] }},",
            camel(id),
            camel(id),
            prose.put(&headline),
            prose.put(&verdict),
            prose.opt_put(&with_status),
            prose.opt_put(&with_redirect),
            prose.put(&detail),
            prose.puts(&steps),
            prose.puts(&steps_with_status),
            prose.puts(&steps_with_redirect),
            prose.opt_put(&with_public_host),
            prose.puts(&steps_with_public_host),
            prose.puts(&steps_from_browser_to_loopback),
            prose.puts(&steps_to_loopback),
            prose.puts(&steps_from_browser_to_bare_name),
            prose.puts(&steps_to_bare_name),
            prose.puts(&steps_to_private_address),
            prose.puts(&steps_to_ipv6_address),
            yields_to.join(", ")
        );
    }
    let _ = writeln!(out, "];\n");

    // Pass 2: the tables. Scopes are checked after all ids are known.
    let mut components = Vec::new();
    let mut formats = Vec::new();
    let mut codes = Vec::new();
    let mut pages = Vec::new();
    let mut clients = Vec::new();
    let mut failures = Vec::new();
    let mut logs = Vec::new();
    let mut rate_headers = Vec::new();
    let mut wordings = Vec::new();
    let mut scopes: BTreeSet<String> = BTreeSet::new();
    let mut component_ids: BTreeSet<String> = BTreeSet::new();
    let mut client_ids: BTreeSet<String> = BTreeSet::new();
    let mut code_scopes: Vec<(String, String)> = Vec::new();
    let mut component_refs: Vec<(String, String)> = Vec::new();
    let mut client_refs: Vec<(String, String)> = Vec::new();
    let network_ids: BTreeSet<&str> = network.iter().map(|(_, id, _)| id.as_str()).collect();
    // Kinds whose failure means the request got no HTTP answer at all (DNS, connect, TLS).
    let no_answer_kinds: BTreeSet<&str> = network
        .iter()
        .filter(|(_, _, v)| v.get("no_answer").and_then(toml::Value::as_bool) == Some(true))
        .map(|(_, id, _)| id.as_str())
        .collect();

    for (path, table) in &parsed {
        let get = |name: &str| -> Vec<toml::Value> {
            table
                .get(name)
                .and_then(toml::Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        for (i, v) in get("component").iter().enumerate() {
            let mut f = Fields::new(v, path, "component", i)?;
            let id = f.str("id")?;
            claim(&id, path)?;
            let name = f.str("name")?;
            let role = f.str("role")?;
            let role = pick(&role, &ROLES, "role", &f)?;
            let mut headers = Vec::new();
            for marker in f.list("headers")? {
                let (h, v) = match marker.split_once(':') {
                    Some((h, v)) => (h.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase()),
                    None => (marker.trim().to_ascii_lowercase(), String::new()),
                };
                headers.push(format!("({}, {})", lit(&h), lit(&v)));
            }
            let request_ids: Vec<String> = f
                .list("request_ids")?
                .iter()
                .map(|h| h.to_ascii_lowercase())
                .collect();
            let report_headers: Vec<String> = f
                .list("report_headers")?
                .iter()
                .map(|h| h.to_ascii_lowercase())
                .collect();
            let page_ids = f.list("page_ids")?;
            let error_header = f.opt_str("error_header")?.map(|h| h.to_ascii_lowercase());
            let error_scope = f.opt_str("error_scope")?;
            f.str("source")?;
            f.finish()?;
            let scope = error_scope.clone().unwrap_or_else(|| id.clone());
            if error_header.is_some() {
                scopes.insert(scope.clone());
            }
            scopes.insert(id.clone());
            component_ids.insert(id.clone());
            components.push(format!(
                "    Component {{ id: {}, name: {}, role: Role::{role}, headers: &[{}], request_ids: {}, report_headers: {}, page_ids: {}, error_header: {}, error_scope: {} }},",
                lit(&id),
                lit(&name),
                headers.join(", "),
                lits(&request_ids),
                lits(&report_headers),
                lits(&page_ids),
                opt_lit(&error_header),
                lit(&scope),
            ));
        }
        for (i, v) in get("format").iter().enumerate() {
            let mut f = Fields::new(v, path, "format", i)?;
            let id = f.str("id")?;
            claim(&id, path)?;
            let name = f.str("name")?;
            let xml = match f.opt_str("syntax")?.as_deref() {
                None | Some("json") => false,
                Some("xml") => true,
                Some(other) => return Err(f.err(format!("syntax \"{other}\": use json or xml"))),
            };
            let order = f.opt_int("order")?.unwrap_or(100);
            // An empty `when` always holds: the last-resort generic format.
            let when = f.list("when")?;
            let when: Vec<String> = when
                .iter()
                .map(|c| condition(c, &f))
                .collect::<Result<_, _>>()?;
            // A shape many APIs share names its vendor only when one of these holds.
            let named_when: Vec<String> = f
                .list("named_when")?
                .iter()
                .map(|c| condition(c, &f))
                .collect::<Result<_, _>>()?;
            let codes_p = f.list("codes")?;
            let message = f.list("message")?;
            let details = f.list("details")?;
            let status = f.list("status")?;
            let request_id = f.list("request_id")?;
            let fields = f.opt_str("fields")?;
            let retry_after = f.list("retry_after")?;
            let retry_unit = match f.opt_str("retry_unit")? {
                Some(u) => pick(&u, &UNITS, "retry_unit", &f)?,
                None if retry_after.is_empty() => "Seconds".to_string(),
                None => return Err(f.err("`retry_after` needs `retry_unit`")),
            };
            for list in [
                &codes_p,
                &message,
                &details,
                &status,
                &request_id,
                &retry_after,
            ] {
                pointers(list, xml, &f)?;
            }
            let component = f.opt_str("component")?;
            if let Some(c) = &component {
                component_refs.push((c.clone(), f.context.clone()));
            }
            let kind = f.opt_str("kind")?.unwrap_or_else(|| "api-error".into());
            let kind = vocab.kind(&kind, &f)?;
            let hides_status = f.opt_bool("hides_status")?;
            f.str("source")?;
            f.finish()?;
            scopes.insert(id.clone());
            formats.push((
                order,
                formats.len(),
                format!(
                    "    Format {{ id: {}, name: {}, xml: {xml}, when: &[{}], named_when: &[{}], codes: {}, message: {}, details: {}, status: {}, request_id: {}, fields: {}, component: {}, kind: {kind}, hides_status: {}, retry_after: {}, retry_unit: Unit::{retry_unit} }},",
                    lit(&id),
                    lit(&name),
                    when.join(", "),
                    named_when.join(", "),
                    lits(&codes_p),
                    lits(&message),
                    lits(&details),
                    lits(&status),
                    lits(&request_id),
                    opt_lit(&fields),
                    opt_lit(&component),
                    hides_status.unwrap_or(false),
                    lits(&retry_after),
                ),
            ));
        }
        for (i, v) in get("code").iter().enumerate() {
            let mut f = Fields::new(v, path, "code", i)?;
            let id = f.str("id")?;
            claim(&id, path)?;
            let scope_list = f.list("scope")?;
            if scope_list.is_empty() {
                return Err(f.err("`scope` is missing"));
            }
            let values = f.list("codes")?;
            if values.is_empty() {
                return Err(f.err("`codes` is empty"));
            }
            let network_kind = f.opt_str("network")?;
            if let Some(n) = &network_kind {
                if !network_ids.contains(n.as_str()) {
                    return Err(f.err(format!("network kind \"{n}\" does not exist")));
                }
            }
            let m = meaning(&mut f, &vocab, &mut prose, None)?;
            f.str("source")?;
            for scope in &scope_list {
                code_scopes.push((scope.clone(), f.context.clone()));
            }
            f.finish()?;
            codes.push(format!(
                "    Code {{ id: {}, scopes: {}, codes: {}, meaning: {m} }},",
                lit(&id),
                lits(&scope_list),
                lits(&values)
            ));
        }
        for (i, v) in get("page").iter().enumerate() {
            let mut f = Fields::new(v, path, "page", i)?;
            let id = f.str("id")?;
            claim(&id, path)?;
            let component = f.opt_str("component")?;
            if let Some(c) = &component {
                component_refs.push((c.clone(), f.context.clone()));
            }
            let all: Vec<String> = f.list("all")?.iter().map(|s| s.to_lowercase()).collect();
            let any: Vec<String> = f.list("any")?.iter().map(|s| s.to_lowercase()).collect();
            let none: Vec<String> = f.list("none")?.iter().map(|s| s.to_lowercase()).collect();
            if all.is_empty() && any.is_empty() {
                return Err(f.err("give `all` or `any`: a page needs markers"));
            }
            let statuses = f.ints("statuses")?;
            let fallback = f.opt_bool("fallback")?.unwrap_or(false);
            if fallback && component.is_some() {
                return Err(f.err("a `fallback` page reads any text: give it no `component`"));
            }
            let status_wins = f.opt_bool("status_wins")?.unwrap_or(false);
            if status_wins && v.get("status").is_none() {
                return Err(
                    f.err("`status_wins` says the page's own `status` wins: give it a `status`")
                );
            }
            let protocol = f.opt_str("protocol")?;
            if protocol.is_some() && (status_wins || v.get("status").is_some()) {
                return Err(f.err(
                    "`protocol` says the number beside these words is not an HTTP status: give no `status`",
                ));
            }
            let local = f.opt_bool("local")?.unwrap_or(false);
            if local && (protocol.is_some() || v.get("status").is_some() || !statuses.is_empty()) {
                return Err(f.err(
                    "`local` says a library raised these words without an HTTP answer: give no `status`, `statuses` or `protocol`",
                ));
            }
            let m = meaning(&mut f, &vocab, &mut prose, None)?;
            f.str("source")?;
            f.finish()?;
            pages.push(format!(
                "    Page {{ id: {}, component: {}, all: {}, any: {}, none: {}, statuses: &[{}], fallback: {fallback}, status_wins: {status_wins}, protocol: {}, local: {local}, meaning: {m} }},",
                lit(&id),
                opt_lit(&component),
                lits(&all),
                lits(&any),
                lits(&none),
                statuses.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
                opt_lit(&protocol),
            ));
        }
        for (i, v) in get("client").iter().enumerate() {
            let mut f = Fields::new(v, path, "client", i)?;
            let id = f.str("id")?;
            claim(&id, path)?;
            let name = f.str("name")?;
            let language = f.opt_str("language")?;
            let markers = f.list("markers")?;
            let status_before = f.list("status_before")?;
            let status_needs_marker = f.opt_bool("status_needs_marker")?.unwrap_or(false);
            let base = f.opt_bool("base")?.unwrap_or(false);
            let own_lines = f.list("own_lines")?;
            let (after, until) = match f.opt_table("reason")? {
                Some(t) => {
                    for k in t.keys() {
                        if k != "after" && k != "until" {
                            return Err(f.err(format!("reason: unknown field `{k}`")));
                        }
                    }
                    (
                        t.get("after")
                            .and_then(toml::Value::as_str)
                            .map(str::to_string),
                        t.get("until")
                            .and_then(toml::Value::as_str)
                            .map(str::to_string),
                    )
                }
                None => (None, None),
            };
            let mut code_at = Vec::new();
            if let Some(toml::Value::Array(items)) = f.table.get("codes").cloned() {
                f.used.insert("codes");
                for item in &items {
                    let Some(t) = item.as_table() else {
                        return Err(f.err("`codes` holds tables: { after = \"…\", until = \"…\", scopes = [\"…\"] }"));
                    };
                    for k in t.keys() {
                        if !["after", "until", "scopes"].contains(&k.as_str()) {
                            return Err(f.err(format!("codes: unknown field `{k}`")));
                        }
                    }
                    let text = |k: &str| t.get(k).and_then(toml::Value::as_str).map(str::to_string);
                    let (Some(after), Some(until)) = (text("after"), text("until")) else {
                        return Err(f.err("codes: give `after` and `until`"));
                    };
                    if after.is_empty() || until.is_empty() {
                        return Err(f.err("codes: `after` and `until` must not be empty"));
                    }
                    let list: Vec<String> = t
                        .get("scopes")
                        .and_then(toml::Value::as_array)
                        .map(|a| {
                            a.iter()
                                .filter_map(|v| v.as_str().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default();
                    if list.is_empty() {
                        return Err(f.err("codes: `scopes` is empty"));
                    }
                    for scope in &list {
                        code_scopes.push((scope.clone(), f.context.clone()));
                    }
                    code_at.push(format!(
                        "CodeAt {{ after: {}, until: {}, scopes: {} }}",
                        lit(&after),
                        lit(&until),
                        lits(&list)
                    ));
                }
            } else if f.table.contains_key("codes") {
                return Err(f.err("`codes` must be a list of tables"));
            }
            f.str("source")?;
            f.finish()?;
            scopes.insert(id.clone());
            if markers.is_empty() && status_before.is_empty() {
                return Err(format!(
                    "{path}: [[client]] \"{id}\": give `markers` or `status_before`"
                ));
            }
            client_ids.insert(id.clone());
            clients.push(format!(
                "    Client {{ id: {}, name: {}, language: {}, markers: {}, status_before: {}, reason_after: {}, reason_until: {}, codes: &[{}], status_needs_marker: {}, base: {base}, own_lines: {} }},",
                lit(&id),
                lit(&name),
                opt_lit(&language),
                lits(&markers),
                lits(&status_before),
                opt_lit(&after),
                opt_lit(&until),
                code_at.join(", "),
                status_needs_marker,
                lits(&own_lines)
            ));
        }
        for (i, v) in get("failure").iter().enumerate() {
            let mut f = Fields::new(v, path, "failure", i)?;
            let id = f.str("id")?;
            claim(&id, path)?;
            let kind = f.str("network")?;
            if !network_ids.contains(kind.as_str()) {
                return Err(f.err(format!(
                    "network kind \"{kind}\" does not exist (see [[network]])"
                )));
            }
            let needles: Vec<String> = f
                .list("needles")?
                .iter()
                .map(|s| s.to_lowercase())
                .collect();
            if needles.is_empty() {
                return Err(f.err("`needles` is empty"));
            }
            // Words that must all be in the paste too, anywhere (the fixed parts of a wording around
            // a variable value: Chromium's "Failed to execute 'setRequestHeader'" … "is not a valid
            // HTTP header field value").
            let all: Vec<String> = f.list("all")?.iter().map(|s| s.to_lowercase()).collect();
            // Words that must not be in the paste: another tool's or case's text around the same
            // wording (curl's SSL_ERROR_SYSCALL printed for a dropped proxy handshake, not a mirror's).
            let none: Vec<String> = f.list("none")?.iter().map(|s| s.to_lowercase()).collect();
            let names = f.list("names")?;
            let client = f.opt_str("client")?;
            if let Some(c) = &client {
                client_refs.push((c.clone(), f.context.clone()));
            }
            let steps = f.list("steps")?;
            let detail = f.opt_str("detail")?;
            // A wording whose cause is known exactly (a vendor's own failure text) may say so in its
            // own verdict, and name the side that must act, instead of its kind's general ones.
            let verdict = f.opt_str("verdict")?;
            if let Some(v) = &verdict {
                check_verdict(v, &f)?;
            }
            // And a headline of its own ("Salesforce blocked the callout"), shown instead of its
            // kind's general one ("The request failed before any HTTP response").
            let headline = f.opt_str("headline")?;
            if let Some(h) = &headline {
                if h.len() > 90 || h.ends_with('.') || h.contains('{') {
                    return Err(f.err(
                        "`headline` is one short line (at most 90 bytes), without a final full stop or slots",
                    ));
                }
            }
            let side = match f.opt_str("side")? {
                Some(s) => format!("Some(Side::{})", pick(&s, &SIDES, "side", &f)?),
                None => "None".to_string(),
            };
            let generic = f.opt_bool("generic")?.unwrap_or(false);
            let status_before: Vec<String> = f
                .list("status_before")?
                .iter()
                .map(|s| s.to_lowercase())
                .collect();
            let nothing_answered = f.opt_bool("nothing_answered")?.unwrap_or(false);
            let served_as = f.opt_int("served_as")?;
            let host_only = f.opt_bool("host_only")?.unwrap_or(false);
            if let Some(code) = served_as {
                if !(400..=599).contains(&code) || nothing_answered {
                    return Err(f.err(
                        "`served_as` is the 4xx/5xx status of the error page this wording is, and contradicts `nothing_answered`",
                    ));
                }
            }
            let served_as = served_as.map_or("None".to_string(), |c| format!("Some({c})"));
            let no_answer = nothing_answered || no_answer_kinds.contains(kind.as_str());
            if nothing_answered && !status_before.is_empty() {
                return Err(
                    f.err("`status_before` reads a status, but `nothing_answered` says none came")
                );
            }
            f.str("source")?;
            f.finish()?;
            failures.push(format!(
                "    Failure {{ id: {}, kind: NetworkErrorKind::{}, needles: {}, all: {}, none: {}, names: {}, client: {}, steps: {}, detail: {}, verdict: {}, headline: {}, side: {side}, generic: {generic}, status_before: {}, no_answer: {no_answer}, nothing_answered: {nothing_answered}, served_as: {served_as}, host_only: {host_only} }},",
                lit(&id),
                camel(&kind),
                lits(&needles),
                lits(&all),
                lits(&none),
                lits(&names),
                opt_lit(&client),
                prose.puts(&steps),
                prose.opt_put(&detail),
                prose.opt_put(&verdict),
                prose.opt_put(&headline),
                lits(&status_before)
            ));
        }
        for (i, v) in get("log").iter().enumerate() {
            let mut f = Fields::new(v, path, "log", i)?;
            let id = f.str("id")?;
            claim(&id, path)?;
            let name = f.str("name")?;
            let any = f.list("any")?;
            let all = f.list("all")?;
            let none = f.list("none")?;
            let shape = f.list("shape")?;
            if any.is_empty() && all.is_empty() && shape.is_empty() {
                return Err(f.err("give `any`, `all` or `shape`: a log format needs markers"));
            }
            if let Some(bad) = shape
                .iter()
                .find(|c| !LOG_FIELD_CLASSES.contains(&c.as_str()))
            {
                return Err(f.err(format!(
                    "`shape` class {bad:?} is not one of {LOG_FIELD_CLASSES:?}"
                )));
            }
            let status_key = f.opt_str("status_key")?;
            let status_field = f.opt_int("status_field")?;
            let fields_after = f.opt_str("fields_after")?;
            let from_marker = f.opt_bool("from_marker")?.unwrap_or(false);
            let code_key = f.opt_str("code_key")?;
            let code_field = f.opt_int("code_field")?;
            let self_answered_field = f.opt_int("self_answered_field")?;
            let message_key = f.opt_str("message_key")?;
            let request_id_key = f.opt_str("request_id_key")?;
            let component = f.opt_str("component")?;
            if let Some(c) = &component {
                component_refs.push((c.clone(), f.context.clone()));
            }
            if from_marker && (any.is_empty() || fields_after.is_some()) {
                return Err(f.err(
                    "`from_marker` counts fields from one of the `any` markers: give `any`, and no `fields_after`",
                ));
            }
            let positions = [status_field, code_field, self_answered_field];
            if !from_marker && positions.iter().flatten().any(|n| *n < 1) {
                return Err(f.err(
                    "field positions start at 1 (0 and negative ones need `from_marker = true`)",
                ));
            }
            f.str("source")?;
            f.finish()?;
            scopes.insert(id.clone());
            let field = |n: Option<i64>| n.map_or("None".to_string(), |n| format!("Some({n})"));
            logs.push(format!(
                "    Log {{ id: {}, name: {}, any: {}, all: {}, none: {}, shape: {}, status_key: {}, status_field: {}, fields_after: {}, from_marker: {from_marker}, code_key: {}, code_field: {}, self_answered_field: {}, message_key: {}, request_id_key: {}, component: {} }},",
                lit(&id),
                lit(&name),
                lits(&any),
                lits(&all),
                lits(&none),
                lits(&shape),
                opt_lit(&status_key),
                field(status_field),
                opt_lit(&fields_after),
                opt_lit(&code_key),
                field(code_field),
                field(self_answered_field),
                opt_lit(&message_key),
                opt_lit(&request_id_key),
                opt_lit(&component)
            ));
        }
    }
    for (path, table) in &parsed {
        let items = table
            .get("rate_header")
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (i, v) in items.iter().enumerate() {
            let mut f = Fields::new(v, path, "rate_header", i)?;
            let id = f.str("id")?;
            claim(&id, path)?;
            let headers: Vec<String> = f
                .list("headers")?
                .iter()
                .map(|h| h.trim().to_ascii_lowercase())
                .collect();
            if headers.is_empty() || headers.iter().any(|h| h.is_empty() || h == "*") {
                return Err(f.err(
                    "`headers` needs at least one header name (a trailing * matches any rest)",
                ));
            }
            if headers
                .iter()
                .any(|h| h.find('*').is_some_and(|at| at + 1 != h.len()))
            {
                return Err(f.err("`*` may only end a header name"));
            }
            let says = f.str("says")?;
            let says = pick(&says, &SAYS, "says", &f)?;
            let unit = match f.opt_str("unit")? {
                Some(u) => pick(&u, &UNITS, "unit", &f)?,
                None if matches!(says.as_str(), "Reset" | "Retry" | "Window") => {
                    return Err(
                        f.err("`unit` is required when a header says reset, retry or window")
                    )
                }
                None => "Seconds".to_string(),
            };
            let component = f.opt_str("component")?;
            if let Some(c) = &component {
                component_refs.push((c.clone(), f.context.clone()));
            }
            f.str("source")?;
            f.finish()?;
            rate_headers.push(format!(
                "    RateHeader {{ id: {}, headers: {}, says: Says::{says}, unit: Unit::{unit}, component: {} }},",
                lit(&id),
                lits(&headers),
                opt_lit(&component)
            ));
        }
    }
    for (path, table) in &parsed {
        let items = table
            .get("status_wording")
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (i, v) in items.iter().enumerate() {
            let mut f = Fields::new(v, path, "status_wording", i)?;
            let id = f.str("id")?;
            claim(&id, path)?;
            let before: Vec<String> = f.list("before")?.iter().map(|b| b.to_lowercase()).collect();
            let after: Vec<String> = f.list("after")?.iter().map(|b| b.to_lowercase()).collect();
            if (before.is_empty() && after.is_empty())
                || before
                    .iter()
                    .chain(&after)
                    .any(|b| b.trim().is_empty() && b != "\n")
            {
                return Err(f.err(
                    "give `before` (the words right before a status) or `after` (the words right after it)",
                ));
            }
            let within_words = f.opt_int("within_words")?.unwrap_or(0);
            if !(0..=8).contains(&within_words) || (within_words > 0 && before.is_empty()) {
                return Err(f.err("`within_words` is 1 to 8 words after `before`"));
            }
            let errors_only = f.opt_bool("errors_only")?.unwrap_or(false);
            let request_log = f.opt_bool("request_log")?.unwrap_or(false);
            let not_after: Vec<String> = f
                .list("not_after")?
                .iter()
                .map(|b| b.to_lowercase())
                .collect();
            if !not_after.is_empty() && before.is_empty() {
                return Err(f.err("`not_after` names words right before `before`: give `before`"));
            }
            f.str("source")?;
            f.finish()?;
            wordings.push(format!(
                "    StatusWording {{ id: {}, before: {}, not_after: {}, after: {}, within_words: {}, errors_only: {}, request_log: {} }},",
                lit(&id),
                lits(&before),
                lits(&not_after),
                lits(&after),
                within_words,
                errors_only,
                request_log
            ));
        }
    }
    let mut public_hosts = Vec::new();
    for (path, table) in &parsed {
        let items = table
            .get("public_hosts")
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (i, v) in items.iter().enumerate() {
            // A list, not an entry: no fixture has to match each group.
            let mut f = Fields::new(v, path, "public_hosts", i)?;
            let id = f.str("id")?;
            let hosts = f.list("hosts")?;
            if hosts.is_empty()
                || hosts.iter().any(|h| {
                    h != &h.to_lowercase()
                        || !h.contains('.')
                        || h.starts_with('.')
                        || !h
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
                })
            {
                return Err(f.err("`hosts` lists lower-case domain names (\"github.com\")"));
            }
            f.str("source")?;
            f.finish()?;
            public_hosts.push(format!(
                "    PublicHosts {{ id: {}, hosts: {} }},",
                lit(&id),
                lits(&hosts)
            ));
        }
    }
    // Scopes the engine's own readers use.
    for builtin in ["cloudflare-page", "curl-exit"] {
        scopes.insert(builtin.to_string());
    }
    for (scope, context) in &code_scopes {
        if !scopes.contains(scope) {
            return Err(format!(
                "{context}: scope \"{scope}\" names no [[format]], [[component]] error header, [[log]] or [[client]]"
            ));
        }
    }
    for (component, context) in &component_refs {
        if !component_ids.contains(component) {
            return Err(format!(
                "{context}: component \"{component}\" is not a [[component]] id"
            ));
        }
    }
    for (client, context) in &client_refs {
        if !client_ids.contains(client) {
            return Err(format!(
                "{context}: client \"{client}\" is not a [[client]] id"
            ));
        }
    }
    formats.sort_by_key(|(order, index, _)| (*order, *index));

    let mut table = |name: &str, ty: &str, rows: Vec<String>| {
        let _ = writeln!(out, "pub static {name}: &[{ty}] = &[");
        for row in rows {
            let _ = writeln!(out, "{row}");
        }
        let _ = writeln!(out, "];\n");
    };
    table("COMPONENTS", "Component", components);
    table(
        "FORMATS",
        "Format",
        formats.into_iter().map(|(_, _, r)| r).collect(),
    );
    table("CODES", "Code", codes);
    table("PAGES", "Page", pages);
    table("CLIENTS", "Client", clients);
    table("FAILURES", "Failure", failures);
    table("LOGS", "Log", logs);
    table("RATE_HEADERS", "RateHeader", rate_headers);
    table("STATUS_WORDINGS", "StatusWording", wordings);
    table("PUBLIC_HOSTS", "PublicHosts", public_hosts);
    let _ = writeln!(out, "/// Every entry id, for the test that each is exercised by a fixture.\npub static ENTRY_IDS: &[&str] = &[");
    for id in ids.keys() {
        let _ = writeln!(out, "    {},", lit(id));
    }
    let _ = writeln!(out, "];");
    Ok(Compiled {
        tables: out,
        prose: prose.text,
    })
}
