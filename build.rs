//! Compiles `src/catalog/statuses.toml` into `$OUT_DIR/catalog_tables.rs` with the catalog compiler
//! in `src/catalog/compile.rs`. A broken entry stops the build with a message that names it, so a bad
//! edit never reaches a user; nothing is parsed when the page starts.

#[path = "src/catalog/compile.rs"]
mod compile;

use std::{env, fs, path::Path};

const SOURCE: &str = "src/catalog/statuses.toml";

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=src/catalog/compile.rs");
    let result = fs::read_to_string(SOURCE)
        .map_err(|e| format!("cannot read the catalog: {e}"))
        .and_then(|text| compile::compile(&text));
    match result {
        Ok(code) => {
            let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
                .join("catalog_tables.rs");
            fs::write(out, code).expect("write catalog_tables.rs");
        }
        // A panic in a build script prints its message and fails the build: that is the point.
        Err(message) => panic!("\n\n{SOURCE}: {message}\n\n"),
    }
}
