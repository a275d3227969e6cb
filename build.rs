//! Embeds the default theme and the example station into the binary, so an installed `oit`
//! needs no files beside it. Generates `$OUT_DIR/embedded.rs` with one `(path, bytes)` table per tree.
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut code = String::new();
    for (name, dir) in [
        ("THEME", "themes/default"),
        ("EXAMPLE", "content"),
        ("CRITERIA", "src/criteria/data"),
    ] {
        let root = Path::new(&manifest).join(dir);
        println!("cargo:rerun-if-changed={}", root.display());
        let mut files = Vec::new();
        if root.is_dir() {
            for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
                let entry = entry.expect("readable embedded tree");
                if entry.file_type().is_file() {
                    println!("cargo:rerun-if-changed={}", entry.path().display());
                    let rel = entry.path().strip_prefix(&root).expect("inside root");
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    files.push((rel, entry.path().to_path_buf()));
                }
            }
        }
        writeln!(code, "pub static {name}: &[(&str, &[u8])] = &[").unwrap();
        for (rel, path) in files {
            writeln!(
                code,
                "    ({rel:?}, include_bytes!({:?})),",
                path.display().to_string()
            )
            .unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    std::fs::write(Path::new(&out).join("embedded.rs"), code).expect("write embedded.rs");
}
