//! Compiles the data the product knows into static tables, so nothing is parsed when the page starts:
//! - `src/catalog/statuses.toml` → `$OUT_DIR/catalog_tables.rs` (`src/catalog/compile.rs`);
//! - every `*.toml` under `src/knowledge/` → tables (`src/knowledge/compile.rs`), turned into data by
//!   `src/knowledge/pack.rs`: `$OUT_DIR/knowledge_tables.zst` with the Rust that reads it in
//!   `$OUT_DIR/knowledge_tables.rs`, and the text the visitor reads in `$OUT_DIR/knowledge_prose.zst`.
//!
//! A broken entry stops the build with a message that names its file and entry.

#[path = "src/catalog/compile.rs"]
mod compile;
#[path = "src/knowledge/compile.rs"]
mod knowledge;
#[path = "src/knowledge/pack.rs"]
mod pack;

use std::{env, fs, path::Path};

const SOURCE: &str = "src/catalog/statuses.toml";
const KNOWLEDGE: &str = "src/knowledge";

fn main() {
    println!("cargo:rerun-if-changed={SOURCE}");
    println!("cargo:rerun-if-changed=src/catalog/compile.rs");
    println!("cargo:rerun-if-changed=src/knowledge/compile.rs");
    println!("cargo:rerun-if-changed=src/knowledge/pack.rs");
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let result = fs::read_to_string(SOURCE)
        .map_err(|e| format!("cannot read the catalog: {e}"))
        .and_then(|text| compile::compile(&text));
    match result {
        Ok(code) => {
            fs::write(Path::new(&out_dir).join("catalog_tables.rs"), code)
                .expect("write catalog_tables.rs");
        }
        // A panic in a build script prints its message and fails the build: that is the point.
        Err(message) => panic!("\n\n{SOURCE}: {message}\n\n"),
    }

    let mut sources = Vec::new();
    collect(Path::new(KNOWLEDGE), &mut sources);
    // Sorted by path, so the order of precedence between files never depends on the file system.
    sources.sort_by(|a: &knowledge::Source, b| a.path.cmp(&b.path));
    match knowledge::compile(&sources) {
        Ok(compiled) => {
            // The tables as data: bytes for `unpack.rs` to read, and the Rust that reads them.
            let packed = pack::pack(&compiled.tables).unwrap_or_else(|m| panic!("\n\n{m}\n\n"));
            fs::write(Path::new(&out_dir).join("knowledge_tables.rs"), packed.code)
                .expect("write knowledge_tables.rs");
            let bytes = zstd::bulk::compress(&packed.bytes, 19)
                .expect("zstd compresses the knowledge tables");
            fs::write(Path::new(&out_dir).join("knowledge_tables.zst"), bytes)
                .expect("write knowledge_tables.zst");
            // The prose the tables point into, as one zstd frame (level 19: the smallest that still
            // compresses in a second or two); `Prose` in src/knowledge/mod.rs unpacks it.
            let packed = zstd::bulk::compress(compiled.prose.as_bytes(), 19)
                .expect("zstd compresses the knowledge prose");
            fs::write(Path::new(&out_dir).join("knowledge_prose.zst"), packed)
                .expect("write knowledge_prose.zst");
        }
        Err(message) => panic!("\n\n{message}\n\n"),
    }
}

fn collect(dir: &Path, sources: &mut Vec<knowledge::Source>) {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, sources);
        } else if path.extension().is_some_and(|e| e == "toml") {
            println!("cargo:rerun-if-changed={}", path.display());
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            sources.push(knowledge::Source {
                path: path.display().to_string(),
                text,
            });
        }
    }
}
