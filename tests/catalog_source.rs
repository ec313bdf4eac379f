//! The catalog compiler (the one build.rs runs) stops on a broken `statuses.toml` with a message that
//! names the entry and the problem, and accepts the real file.

#[path = "../src/catalog/compile.rs"]
#[allow(dead_code)]
mod compile;

fn real() -> String {
    std::fs::read_to_string(format!(
        "{}/src/catalog/statuses.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The real catalog with the 404 entry's text changed by `edit`.
fn with_404(edit: impl Fn(&str) -> String) -> String {
    let text = real();
    let start = text
        .find("[[status]]\ncode = 404\n")
        .expect("the 404 entry");
    let end = start + 10 + text[start + 10..].find("[[status]]").unwrap();
    format!(
        "{}{}{}",
        &text[..start],
        edit(&text[start..end]),
        &text[end..]
    )
}

fn error_of(text: &str) -> String {
    compile::compile(text).expect_err("the compiler must refuse this catalog")
}

#[test]
fn the_real_catalog_compiles() {
    let code = compile::compile(&real()).unwrap();
    let entries = real().matches("[[status]]").count();
    assert!(entries >= 90);
    assert_eq!(
        code.matches("    Status {").count(),
        entries + 6,
        "every entry and six fallbacks"
    );
}

#[test]
fn a_missing_field_names_the_entry_and_the_field() {
    let broken = with_404(|entry| {
        entry
            .lines()
            .filter(|l| !l.starts_with("retry_note"))
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    });
    let message = error_of(&broken);
    assert!(message.contains("entry 404 (Not Found)"), "{message}");
    assert!(message.contains("retry_note"), "{message}");
}

#[test]
fn a_related_code_that_points_nowhere_is_refused() {
    let broken = with_404(|entry| entry.replace("{ code = 405,", "{ code = 432,"));
    let message = error_of(&broken);
    assert!(
        message.contains("entry 404 (Not Found)")
            && message.contains("related code 432 has no entry"),
        "{message}"
    );
}

#[test]
fn unknown_values_duplicates_and_empty_text_are_refused() {
    let message = error_of(&with_404(|e| {
        e.replace("side = \"client\"", "side = \"sideways\"")
    }));
    assert!(
        message.contains("entry 404") && message.contains("\"sideways\""),
        "{message}"
    );

    let message = error_of(&with_404(|e| {
        e.replace("retry = \"after-fix\"", "retry = \"maybe\"")
    }));
    assert!(
        message.contains("entry 404") && message.contains("\"maybe\""),
        "{message}"
    );

    let message = error_of(&with_404(|e| format!("{e}{e}")));
    assert!(message.contains("404 appears twice"), "{message}");

    let message = error_of(&with_404(|e| {
        e.replacen("summary = \"", "summary = \"  \" # was: \"", 1)
    }));
    assert!(
        message.contains("entry 404") && message.contains("summary"),
        "{message}"
    );

    let message = error_of(&with_404(|e| e.replace("code = 404", "code = 1404")));
    assert!(message.contains("100 and 999"), "{message}");

    let message = error_of(&with_404(|e| {
        e.replace(
            "phrase = \"Not Found\"",
            "phrase = \"Not Found\"\ncolour = \"blue\"",
        )
    }));
    assert!(
        message.contains("entry 404") && message.contains("colour"),
        "unknown fields are typos: {message}"
    );

    let no_fallback = real().replacen("[[fallback]]\nclass = 6", "[[fallback]]\nclass = 5", 1);
    assert!(error_of(&no_fallback).contains("one [[fallback]] per class"));
}
