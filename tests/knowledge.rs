//! Every knowledge entry meets real text: the fixtures under `tests/fixtures/<area>/`, each listed with
//! its source and its expected result in that folder's `expect*.toml` (written by hand from the
//! vendor's documentation, not copied from the program). For each case the diagnosis must settle on the
//! expected status (or none), contain the expected finding kinds, and name the expected side and
//! client; and every entry of `src/knowledge/` must be exercised by at least one case.

mod common;
use common::FIXTURE_NOW;
use http_troubleshooter::diagnosis::{self, Clock, Diagnosis, FindingKind};
use http_troubleshooter::knowledge;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

struct Case {
    expect_file: PathBuf,
    file: PathBuf,
    code: Option<u16>,
    kinds: Vec<String>,
    side: Option<String>,
    client: Option<String>,
    entries: Vec<String>,
    /// The wait the diagnosis must name, in seconds from the response's Date (worked out by hand
    /// from the fixture's headers or body).
    wait: Option<u64>,
    /// A case whose fixture needs a mechanism the engine lacks yet: it is run and reported, not
    /// asserted, until the mechanism exists.
    pending: Option<String>,
}

/// Every file under the crate's `dir` whose extension is `ext`.
fn files_under(dir: &str, ext: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, ext, out);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(dir),
        ext,
        &mut out,
    );
    out
}

fn expect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            expect_files(&path, out);
        } else if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("expect") && n.ends_with(".toml"))
        {
            out.push(path);
        }
    }
}

fn cases() -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    expect_files(&root, &mut files);
    let mut cases = Vec::new();
    for expect_file in files {
        let text = std::fs::read_to_string(&expect_file).unwrap();
        let table: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", expect_file.display()));
        let list = table
            .get("case")
            .and_then(toml::Value::as_array)
            .cloned()
            .unwrap_or_default();
        for case in list {
            let get = |k: &str| {
                case.get(k)
                    .and_then(toml::Value::as_str)
                    .map(str::to_string)
            };
            let strings = |k: &str| -> Vec<String> {
                case.get(k)
                    .and_then(toml::Value::as_array)
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let file = get("file").expect("a case names its file");
            assert!(
                get("source").is_some_and(|s| s.starts_with("http")),
                "{}: {file} has no source URL",
                expect_file.display()
            );
            cases.push(Case {
                file: expect_file.parent().unwrap().join(&file),
                expect_file: expect_file.clone(),
                code: case
                    .get("code")
                    .and_then(toml::Value::as_integer)
                    .map(|c| c as u16),
                kinds: strings("kinds"),
                side: get("side"),
                client: get("client"),
                entries: strings("entries"),
                wait: case
                    .get("wait")
                    .and_then(toml::Value::as_integer)
                    .map(|w| w as u64),
                pending: get("pending"),
            });
        }
    }
    cases
}

fn diagnose(path: &Path) -> Diagnosis {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    diagnosis::diagnose_at(
        &text,
        Clock {
            now: Some(FIXTURE_NOW),
        },
    )
}

fn side_name(d: &Diagnosis) -> String {
    serde_json::to_value(d.side)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn every_fixture_case_gets_its_status_kinds_side_and_client() {
    let cases = cases();
    assert!(cases.len() >= 100, "only {} fixture cases", cases.len());
    let mut failures = Vec::new();
    let pending: Vec<&Case> = cases.iter().filter(|c| c.pending.is_some()).collect();
    for case in &pending {
        println!(
            "pending: {} — {}",
            case.file.display(),
            case.pending.as_deref().unwrap_or("")
        );
    }
    // Pending cases stay few: each one is a promise with a reason, not a way to hide a failure.
    assert!(
        pending.len() * 20 <= cases.len(),
        "{} pending cases",
        pending.len()
    );
    for case in cases.iter().filter(|c| c.pending.is_none()) {
        let d = diagnose(&case.file);
        let name = format!(
            "{} ({})",
            case.file.display(),
            case.expect_file.file_name().unwrap().to_string_lossy()
        );
        if d.code != case.code {
            failures.push(format!(
                "{name}: status {:?}, expected {:?} — verdict: {}",
                d.code, case.code, d.verdict
            ));
        }
        let kinds: BTreeSet<&str> = d.findings.iter().map(|f| f.kind.as_str()).collect();
        for kind in &case.kinds {
            if !kinds.contains(kind.as_str()) {
                failures.push(format!(
                    "{name}: no finding of kind {kind}; kinds: {kinds:?}"
                ));
            }
        }
        if let Some(side) = &case.side {
            if &side_name(&d) != side {
                failures.push(format!("{name}: side {}, expected {side}", side_name(&d)));
            }
        }
        if let Some(client) = &case.client {
            let expected = knowledge::client(client)
                .unwrap_or_else(|| panic!("{name}: no [[client]] {client}"))
                .name;
            if d.client != Some(expected) {
                failures.push(format!(
                    "{name}: client {:?}, expected {expected}",
                    d.client
                ));
            }
        }
        if let Some(wait) = case.wait {
            if d.retry.after_seconds != Some(wait) {
                failures.push(format!(
                    "{name}: wait {:?} s, expected {wait} s — advice: {}",
                    d.retry.after_seconds, d.retry.advice
                ));
            }
        }
        for entry in &case.entries {
            if !d.matched_entries.contains(&entry.as_str()) {
                failures.push(format!(
                    "{name}: entry {entry} did not match (matched: {:?})",
                    d.matched_entries
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn every_knowledge_entry_is_exercised_by_a_fixture() {
    let mut matched: BTreeSet<&str> = BTreeSet::new();
    for case in cases() {
        matched.extend(diagnose(&case.file).matched_entries);
    }
    // Mozilla's own translations exercise the entries that read them.
    for (_, _, text, _, _) in firefox_cors_messages() {
        matched.extend(diagnosis::diagnose(&text).matched_entries);
    }
    let unexercised: Vec<&&str> = knowledge::ENTRY_IDS
        .iter()
        .filter(|id| !matched.contains(**id))
        .collect();
    assert!(
        unexercised.is_empty(),
        "{} knowledge entries are not exercised by any fixture: {unexercised:?}",
        unexercised.len()
    );
}

#[test]
fn every_finding_has_a_declared_kind_and_the_typescript_union_lists_them_all() {
    let dts =
        std::fs::read_to_string(format!("{}/www/types.d.ts", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let start = dts
        .find("export type FindingKind =")
        .expect("the .d.ts declares FindingKind");
    let end = start + dts[start..].find(';').unwrap();
    let declared: BTreeSet<&str> = dts[start..end].split('"').skip(1).step_by(2).collect();
    let ours: BTreeSet<&str> = FindingKind::ALL.iter().map(|k| k.as_str()).collect();
    let union: Vec<String> = ours.iter().map(|k| format!("\"{k}\"")).collect();
    assert_eq!(
        declared,
        ours,
        "www/types.d.ts's FindingKind must list exactly the kinds of src/knowledge/:\nexport type FindingKind =\n  | {};",
        union.join("\n  | ")
    );
}

#[test]
fn kinds_reach_javascript_as_kebab_case_strings() {
    let d = diagnosis::diagnose("HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n");
    let json = serde_json::to_value(&d).unwrap();
    let kinds: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"retry-after"), "{kinds:?}");
}

/// Only what came from the paste is masked, never our own words: no verdict, finding or step of a
/// fixture shows the mask marker unless the paste itself held something secret (issue 16: "AWS
/// rejected the request signature: [masked] the secret access key…" masked the advice).
#[test]
fn our_own_words_are_never_masked() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for case in cases().iter().filter(|c| c.pending.is_none()) {
        let text = std::fs::read_to_string(&case.file).unwrap();
        if http_troubleshooter::diagnosis::redact::mask(&text).as_str() != text {
            continue;
        }
        checked += 1;
        let d = diagnose(&case.file);
        let mut texts: Vec<&str> = vec![d.verdict.as_str(), d.retry.advice.as_str()];
        texts.extend(d.steps.iter().map(|s| s.as_str()));
        for f in &d.findings {
            texts.push(f.title.as_str());
            texts.push(f.detail.as_str());
        }
        if let Some(t) = texts.iter().find(|t| t.contains("[masked]")) {
            failures.push(format!("{}: {t}", case.file.display()));
        }
    }
    assert!(checked >= 300, "only {checked} fixtures without secrets");
    assert!(
        failures.is_empty(),
        "our own words were masked:\n{}",
        failures.join("\n")
    );
}

#[test]
fn advice_that_names_secrets_reads_whole() {
    // The S3 signature fixture holds no secret; its advice talks about the secret access key.
    let d =
        diagnose(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/s3-signature.xml"));
    let all: Vec<&str> = std::iter::once(d.verdict.as_str())
        .chain(d.steps.iter().map(|s| s.as_str()))
        .collect();
    assert!(
        all.iter().any(|t| t.contains("secret access key")),
        "{all:?}"
    );
    assert!(all.iter().all(|t| !t.contains("[masked]")), "{all:?}");
}

/// Masking is a type: only the redaction module turns text into `Shown` text, and the joining macro
/// is the only way to mix our words with it.
#[test]
fn only_the_redaction_module_makes_shown_text() {
    for file in files_under("src", "rs") {
        if file.ends_with("diagnosis/redact.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("__joined"),
            "{} calls Shown::__joined directly: use shown!",
            file.display()
        );
        assert!(
            !text.contains("Shown("),
            "{} builds Shown by hand",
            file.display()
        );
    }
}

/// Firefox's CORS, mixed-content and CSP messages in every language Mozilla ships (`tests/fixtures/browsers/
/// firefox-cors-l10n.json`, copied from mozilla-l10n's security.properties and csp.properties), filled in as Firefox
/// prints them: (locale, key, message, whether it prints a status, the entry that must read it).
fn firefox_cors_messages() -> Vec<(String, String, String, bool, String)> {
    let path = format!(
        "{}/tests/fixtures/browsers/firefox-cors-l10n.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let entry_of = |key: &str| -> String {
        data["entries"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["keys"].as_array().unwrap().iter().any(|k| k == key))
            .unwrap_or_else(|| panic!("no entry reads {key}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    data["messages"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(locale, keys)| {
            keys.as_object()
                .unwrap()
                .iter()
                .map(move |(key, text)| (locale.clone(), key.clone(), text.as_str().unwrap()))
        })
        .map(|(locale, key, template)| {
            let prints_status = (key.starts_with("CORSMissingAllowOrigin")
                || key.starts_with("CORSDidNotSucceed")
                || key.starts_with("CORSPreflightDidNotSucceed"))
                && template.trim_end().ends_with(['.', '。']);
            let second = if prints_status { "404" } else { "X-Trace-Id" };
            // CSP messages name the directive first, the blocked URL second and its type third.
            let text = template
                .replace("%1$S", "https://api.example.com/v1/items?page=2")
                .replace("%2$S", second)
                .replace("%3$S", "connect-src");
            let want = entry_of(&key);
            (locale, key, text, prints_status, want)
        })
        .collect()
}

/// Every translation (CORS, mixed content, CSP) is read as Firefox's, by the entry of its kind, with
/// the status a CORS message prints after the locale's "Status code:".
#[test]
fn firefox_cors_messages_are_read_in_every_language() {
    let messages = firefox_cors_messages();
    assert!(messages.len() > 300, "only {} messages", messages.len());
    let mut failures = Vec::new();
    for (locale, key, text, prints_status, want) in &messages {
        let d = diagnosis::diagnose(text);
        // A few locales still ship some messages in English: the English entries read those.
        if !text.starts_with("Cross-Origin Request Blocked")
            && !d.matched_entries.contains(&want.as_str())
        {
            failures.push(format!(
                "{locale} {key}: {want} did not match (matched {:?}): {text}",
                d.matched_entries
            ));
        }
        if d.client != Some("Firefox") {
            failures.push(format!("{locale} {key}: client {:?}: {text}", d.client));
        }
        if *prints_status && d.code != Some(404) {
            failures.push(format!("{locale} {key}: status {:?}: {text}", d.code));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} messages:\n{}",
        failures.len(),
        messages.len(),
        failures.join("\n")
    );
}

/// The tables are one byte string read in order (src/knowledge/pack.rs, unpack.rs): a reader that took
/// a byte too many or too few would garble every table after it. The last table, every entry's id,
/// must come back whole — sorted as the compiler wrote it and naming each entry of the other tables
/// (public host lists are not entries a fixture exercises, so not among them).
#[test]
fn the_packed_tables_read_back_to_their_last_entry() {
    let ids = knowledge::ENTRY_IDS;
    assert!(ids.len() > 5000, "{} ids", ids.len());
    assert!(
        ids.windows(2).all(|w| w[0] < w[1]),
        "the ids come back in the compiler's order"
    );
    let named = knowledge::PAGES
        .iter()
        .map(|p| p.id)
        .chain(knowledge::CODES.iter().map(|c| c.id))
        .chain(knowledge::FAILURES.iter().map(|f| f.id))
        .chain(knowledge::CLIENTS.iter().map(|c| c.id))
        .chain(knowledge::LOGS.iter().map(|l| l.id));
    for id in named {
        assert!(ids.binary_search(&id).is_ok(), "{id} is not among the ids");
    }
    // A page's matchers and flags, as one knowledge file writes them (bodies/api-causes.toml).
    let binance = knowledge::page("binance-timestamp-outside-recv-window").expect("the page");
    assert_eq!(binance.component, None);
    assert!(binance
        .any
        .contains(&"timestamp for this request is outside of the recvwindow"));
    assert_eq!(binance.meaning.status, Some(400));
    assert_eq!(binance.meaning.steps.len(), 3);
}

/// The visitor's text is packed apart from the tables (build.rs, zstd) and unpacked on first use:
/// every entry's text must come back whole, as its knowledge file wrote it.
#[test]
fn the_packed_prose_unpacks_to_what_the_knowledge_files_say() {
    let files: Vec<toml::Table> = files_under("src/knowledge", "toml")
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap().parse().unwrap())
        .collect();
    let written = |section: &str, id: &str, field: &str| -> Option<toml::Value> {
        files.iter().find_map(|t| {
            t.get(section)?
                .as_array()?
                .iter()
                .find(|e| e.get("id").and_then(|v| v.as_str()) == Some(id))?
                .get(field)
                .cloned()
        })
    };
    let text = |v: Option<toml::Value>| v.and_then(|v| v.as_str().map(str::to_string));
    let list = |v: Option<toml::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    };
    for page in knowledge::PAGES {
        let m = &page.meaning;
        assert_eq!(
            Some(m.title.get().to_string()),
            text(written("page", page.id, "title")),
            "{}",
            page.id
        );
        assert_eq!(
            Some(m.detail.get().to_string()),
            text(written("page", page.id, "detail")),
            "{}",
            page.id
        );
        assert_eq!(
            m.verdict.map(|v| v.get().to_string()),
            text(written("page", page.id, "verdict")),
            "{}",
            page.id
        );
        let steps: Vec<String> = knowledge::texts(m.steps).map(str::to_string).collect();
        assert_eq!(
            steps,
            list(written("page", page.id, "steps")),
            "{}",
            page.id
        );
    }
    for code in knowledge::CODES {
        assert_eq!(
            Some(code.meaning.title.get().to_string()),
            text(written("code", code.id, "title")),
            "{}",
            code.id
        );
    }
    for failure in knowledge::FAILURES {
        assert_eq!(
            failure.verdict.map(|v| v.get().to_string()),
            text(written("failure", failure.id, "verdict")),
            "{}",
            failure.id
        );
    }
    assert!(
        knowledge::PAGES.len() > 1000,
        "the tables hold the knowledge"
    );
}
