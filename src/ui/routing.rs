//! Deep links for the full page: `#429` or `?code=429` open a code; picking a code pushes `#429`, so a
//! link can be shared and Back/Forward walk through the codes seen. Embedded widgets leave the host
//! page's address alone.

use web_sys::window;

/// The code named by the page address, if any.
pub fn code_in_address() -> Option<u16> {
    let location = window()?.location();
    let hash = location.hash().ok()?;
    let from_hash = hash.trim_start_matches('#').trim();
    let candidate = if !from_hash.is_empty() {
        from_hash.to_string()
    } else {
        let search = location.search().ok()?;
        web_sys::UrlSearchParams::new_with_str(&search)
            .ok()?
            .get("code")?
    };
    let code: u16 = candidate.trim().parse().ok()?;
    (100..=999).contains(&code).then_some(code)
}

/// Record a picked code in the address (a new history entry unless it is already there).
pub fn push_code(code: u16) {
    let Some(window) = window() else { return };
    if code_in_address() == Some(code) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.push_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#{code}")),
        );
    }
}
