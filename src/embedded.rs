//! Files compiled into the binary by build.rs: the default theme, the example station and the
//! built-in criteria, each as `(relative path, bytes)` sorted by path.
include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// Writes an embedded tree into `dir` (used to build the example station when no content
/// folder exists).
pub fn extract(tree: &[(&str, &[u8])], dir: &std::path::Path) -> std::io::Result<()> {
    for (rel, bytes) in tree {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    Ok(())
}
