//! The knowledge compiler (the one build.rs runs) stops on a broken knowledge file with a message that
//! names the file, the entry and the problem, and accepts the real files.

#[path = "../src/knowledge/compile.rs"]
#[allow(dead_code)]
mod compile;

#[path = "../src/knowledge/pack.rs"]
mod pack;

use compile::{compile, Compiled, Source};

const NETWORK: &str = r#"
[[network]]
id = "other"
headline = "Network error"
verdict = "No response{host}."
detail = "The error names the failing step."
source = "https://fetch.spec.whatwg.org/"
"#;

fn with(path: &str, text: &str) -> Result<String, String> {
    compiled(path, text).map(|c| c.tables)
}

fn compiled(path: &str, text: &str) -> Result<Compiled, String> {
    compile(&[
        Source {
            path: "network.toml".into(),
            text: NETWORK.into(),
        },
        Source {
            path: path.into(),
            text: text.into(),
        },
    ])
}

fn err(path: &str, text: &str) -> String {
    with(path, text).expect_err("a broken file must not compile")
}

const CODE: &str = r#"
[[kind]]
id = "payment-declined"
about = "Declined."

[[kind]]
id = "api-error"
about = "An API error."

[[format]]
id = "pay"
name = "Pay"
when = ["/error/type"]
codes = ["/error/code"]
source = "https://example.com/docs/errors"

[[code]]
id = "pay-declined"
scope = "pay"
codes = ["card_declined"]
kind = "payment-declined"
title = "Declined ({code})"
detail = "The card was declined."
source = "https://example.com/docs/errors"
"#;

#[test]
fn the_real_files_compile() {
    fn collect(dir: &std::path::Path, out: &mut Vec<Source>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                collect(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml") {
                out.push(Source {
                    path: path.display().to_string(),
                    text: std::fs::read_to_string(&path).unwrap(),
                });
            }
        }
    }
    let mut sources = Vec::new();
    collect(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/knowledge"),
        &mut sources,
    );
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    let compiled = compile(&sources).expect("the knowledge files compile");
    assert!(compiled.tables.contains("pub static FORMATS"));
    let packed = pack::pack(&compiled.tables).expect("and their tables pack");
    assert!(
        !packed.code.contains("Prose::at("),
        "no table is left as code"
    );
    assert!(packed.code.contains("pub static PAGES: Table<Page>"));
}

#[test]
fn a_good_entry_compiles() {
    let code = with("bodies/pay.toml", CODE).unwrap();
    assert!(code.contains("\"pay-declined\""));
    assert!(code.contains("FindingKind::PaymentDeclined"));
}

#[test]
fn the_text_a_visitor_reads_is_kept_apart_from_the_tables() {
    let c = compiled("bodies/pay.toml", CODE).unwrap();
    // The code's title and detail are in the prose, once each, and the table points at them there.
    let title = "Declined ({code})";
    let start = c.prose.find(title).expect("the title is in the prose");
    assert!(c
        .tables
        .contains(&format!("title: Prose::at({start}, {})", title.len())));
    assert!(c.prose.contains("The card was declined."));
    assert!(!c.tables.contains("The card was declined."));
    // Ids and codes, which the matchers read, stay in the tables.
    assert!(c.tables.contains("\"card_declined\""));
}

#[test]
fn an_unknown_field_names_the_file_and_entry() {
    let e = err(
        "bodies/pay.toml",
        &CODE.replace("scope = \"pay\"", "scope = \"pay\"\nsevrity = \"info\""),
    );
    assert!(
        e.contains("bodies/pay.toml") && e.contains("\"pay-declined\"") && e.contains("sevrity"),
        "{e}"
    );
}

#[test]
fn an_undeclared_kind_is_refused() {
    let e = err(
        "bodies/pay.toml",
        &CODE.replace(
            "kind = \"payment-declined\"\ntitle",
            "kind = \"payment-refused\"\ntitle",
        ),
    );
    assert!(
        e.contains("\"pay-declined\"")
            && e.contains("payment-refused")
            && e.contains("not declared"),
        "{e}"
    );
}

#[test]
fn a_side_or_precedence_that_does_not_exist_is_refused() {
    let e = err(
        "bodies/pay.toml",
        &CODE.replace(
            "title =",
            "side = \"customer\"\nprecedence = \"vendor-code\"\ntitle =",
        ),
    );
    assert!(e.contains("side \"customer\" does not exist"), "{e}");
    let e = err(
        "bodies/pay.toml",
        &CODE.replace("title =", "verdict = \"Declined.\"\ntitle ="),
    );
    assert!(e.contains("`precedence` is needed"), "{e}");
}

#[test]
fn a_code_table_that_points_nowhere_is_refused() {
    let e = err(
        "bodies/pay.toml",
        &CODE.replace("scope = \"pay\"", "scope = \"payy\""),
    );
    assert!(e.contains("scope \"payy\" names no [[format]]"), "{e}");
}

#[test]
fn unknown_slots_duplicate_ids_and_empty_markers_are_refused() {
    let e = err("bodies/pay.toml", &CODE.replace("({code})", "({cod})"));
    assert!(e.contains("unknown slot {cod}"), "{e}");
    let e = err(
        "bodies/pay.toml",
        &format!("{CODE}\n[[format]]\nid = \"pay\"\nname = \"P\"\nwhen = [\"/x\"]\nsource = \"https://e.com\"\n"),
    );
    assert!(e.contains("the id \"pay\" is already used"), "{e}");
    let e = err(
        "pages/p.toml",
        "[[page]]\nid = \"p\"\nkind = \"api-error\"\ntitle = \"t\"\ndetail = \"d\"\nsource = \"https://e.com\"\n",
    );
    assert!(e.contains("a page needs markers"), "{e}");
}

#[test]
fn a_rate_header_needs_a_thing_it_says_and_a_unit_for_times() {
    let good = "[[rate_header]]\nid = \"acme-reset\"\nheaders = [\"x-acme-reset\"]\nsays = \"reset\"\nunit = \"epoch-seconds\"\nsource = \"https://e.com\"\n";
    let out = with("rate-limits/acme.toml", good).expect("a good rate header compiles");
    assert!(
        out.contains("says: Says::Reset, unit: Unit::EpochSeconds"),
        "{out}"
    );
    let e = err(
        "rate-limits/acme.toml",
        &good.replace("\"reset\"", "\"resets\""),
    );
    assert!(
        e.contains("rate-limits/acme.toml") && e.contains("\"acme-reset\"") && e.contains("resets"),
        "{e}"
    );
    let e = err(
        "rate-limits/acme.toml",
        &good.replace("unit = \"epoch-seconds\"\n", ""),
    );
    assert!(e.contains("`unit` is required"), "{e}");
    let e = err(
        "rate-limits/acme.toml",
        &good.replace("epoch-seconds", "fortnights"),
    );
    assert!(e.contains("fortnights"), "{e}");
    let e = err(
        "rate-limits/acme.toml",
        &good.replace("x-acme-reset", "x-*-reset"),
    );
    assert!(e.contains("`*` may only end a header name"), "{e}");
}

#[test]
fn a_client_code_marker_must_name_real_scopes() {
    let client = "[[client]]\nid = \"acmectl\"\nname = \"acmectl\"\nmarkers = [\"acmectl: \"]\ncodes = [{ after = \"Error (\", until = \")\", scopes = [\"acmectl\"] }]\nsource = \"https://e.com\"\n";
    let out =
        with("clients/acme.toml", client).expect("a client whose codes use its own scope compiles");
    assert!(
        out.contains("CodeAt { after: \"Error (\", until: \")\", scopes: &[\"acmectl\"] }"),
        "{out}"
    );
    let e = err(
        "clients/acme.toml",
        &client.replace("scopes = [\"acmectl\"]", "scopes = [\"acme\"]"),
    );
    assert!(e.contains("scope \"acme\" names no"), "{e}");
    let e = err("clients/acme.toml", &client.replace("until = \")\", ", ""));
    assert!(
        e.contains("\"acmectl\"") && e.contains("give `after` and `until`"),
        "{e}"
    );
}

/// The tables become bytes that the page reads back in order (src/knowledge/pack.rs): each form the
/// compiler writes, packed as worked out here by hand.
#[test]
fn the_tables_pack_into_bytes_read_in_the_order_their_literals_name_fields() {
    let tables = r#"pub enum Kind { A, B }
pub static THINGS: &[Thing] = &[
    Thing { id: "a\"b", n: Some(-4), on: true, list: &["x"], pair: ("k", ""), p: Prose::at(10, 5), q: Prose::at(15, 2), kind: Kind::B, c: Cond::Eq("p", "v"), d: None },
];
"#;
    let packed = pack::pack(tables).expect("the compiler's grammar packs");
    #[rustfmt::skip]
    let expected: Vec<u8> = vec![
        1,                      // one Thing
        3, b'a', b'"', b'b',    // id: its length, then its bytes, unescaped
        1, 7,                   // Some(-4): zigzag 7
        1,                      // true
        1, 1, b'x',             // a list of one string
        1, b'k', 0,             // a tuple: its values in order
        20, 10,                 // Prose at 10 (zigzag 20) for 5 (10)
        0, 4,                   // the next prose starts where the last ended: distance 0, length 2
        0,                      // Kind::B, the first variant of Kind seen
        0, 1, b'p', 1, b'v',    // Cond::Eq, its first variant, and its two values
        0,                      // None
    ];
    assert_eq!(packed.bytes, expected);
    // The code keeps what is not a table, reads the table from `Tables`, and reads each type's
    // fields in the order the literals wrote them.
    assert!(packed.code.starts_with("pub enum Kind { A, B }"));
    assert!(packed
        .code
        .contains("pub static THINGS: Table<Thing> = Table(|t: &'static Tables| t.t0);"));
    assert!(packed.code.contains("t0: &'static [Thing],"));
    let reader = packed.code.split("impl Decode for Thing").nth(1).unwrap();
    let fields: Vec<&str> = reader
        .lines()
        .filter_map(|l| l.trim().strip_suffix(": Decode::decode(r),"))
        .take(10)
        .collect();
    assert_eq!(
        fields,
        ["id", "n", "on", "list", "pair", "p", "q", "kind", "c", "d"]
    );
    assert!(packed.code.contains("_ => Kind::B,"));
    assert!(packed
        .code
        .contains("_ => Cond::Eq(Decode::decode(r), Decode::decode(r)),"));
}

#[test]
fn a_form_the_packer_does_not_know_stops_the_build_with_where_it_is() {
    let err = pack::pack("pub static T: &[X] = &[X { a: 1.5 }];\n")
        .err()
        .expect("a float is not in the grammar");
    assert!(err.contains("expected ',' or '}'"), "{err}");
    let err = pack::pack("pub static T: &[X] = &[X { a: 1 }, X { b: 2 }];\n")
        .err()
        .expect("two shapes of one struct");
    assert!(
        err.contains("X literals name their fields in different orders"),
        "{err}"
    );
}
