//! Catalog search for the browsable catalog and the docs-site API: a code, a phrase, an alias or a
//! keyword ("rate limit" → 429, "teapot" → 418), best match first.

use super::{Status, STATUSES};

/// The most of a query that is searched (characters).
pub const MAX_QUERY_CHARS: usize = 200;

/// Entries matching `query`, ranked: an exact code first, then phrase, alias and keyword matches,
/// then words found in the summary or explanation. An empty query matches nothing.
pub fn search(query: &str) -> Vec<&'static Status> {
    // A search is a few words; a pasted megabyte would otherwise be matched against every entry's
    // text word by word (seconds of a frozen page). Only the start of a long query is used.
    let query: String = query.trim().chars().take(MAX_QUERY_CHARS).collect();
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u32, &'static Status)> = STATUSES
        .iter()
        .filter_map(|status| {
            let score = score(status, &query);
            (score > 0).then_some((score, status))
        })
        .collect();
    // Higher score first; among equals, registered codes before vendor codes, then code order (the
    // sort is stable).
    scored.sort_by_key(|(score, status)| std::cmp::Reverse((*score, status.official)));
    scored.into_iter().map(|(_, s)| s).collect()
}

fn score(status: &Status, query: &str) -> u32 {
    let code = status.code.to_string();
    if code == query {
        return 1000;
    }
    // "50" or "5xx" finds the codes of that family.
    let digits = query.trim_end_matches('x');
    if !digits.is_empty() && digits.len() < 3 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return if code.starts_with(digits) { 500 } else { 0 };
    }

    let phrase = status.phrase.to_lowercase();
    let mut best = 0;
    if phrase == query {
        best = best.max(900);
    } else if phrase.starts_with(query) {
        best = best.max(700);
    } else if contains_words(&phrase, query) {
        best = best.max(600);
    }
    for alias in status.aliases {
        let alias = alias.to_lowercase();
        if alias == query {
            best = best.max(850);
        } else if contains_words(&alias, query) {
            best = best.max(550);
        }
    }
    // Another vendor's meaning of the number ranks below what the number usually means.
    for meaning in status.also {
        let phrase = meaning.phrase.to_lowercase();
        if phrase == query {
            best = best.max(650);
        } else if contains_words(&phrase, query) {
            best = best.max(400);
        }
    }
    for keyword in status.keywords {
        let keyword = keyword.to_lowercase();
        if keyword == query {
            best = best.max(800);
        } else if contains_words(&keyword, query) || contains_words(query, &keyword) {
            best = best.max(450);
        }
    }
    if best == 0 && query.len() >= 3 {
        if contains_words(&status.summary.to_lowercase(), query) {
            best = 200;
        } else if contains_words(&status.explanation.to_lowercase(), query) {
            best = 100;
        }
    }
    best
}

/// Does `haystack` contain `needle` starting at a word boundary? ("limit" in "rate limit", not
/// "imit"). Plural and verb endings after the needle are allowed.
fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        at == 0
            || !haystack[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
    })
}
