//! Request path → file inside the output folder, or nothing. Nothing outside the folder can be
//! reached: `..`, encoded slashes and back-slashes, NUL, and symlinks pointing out are refused.
use std::path::{Path, PathBuf};

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = |c: u8| (c as char).to_digit(16);
            let (h, l) = (hex(*b.get(i + 1)?)?, hex(*b.get(i + 2)?)?);
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut rel = PathBuf::new();
    for raw in path.split('/') {
        let seg = String::from_utf8(percent_decode(raw)?).ok()?;
        if seg.is_empty() || seg == "." {
            continue;
        }
        // A decoded segment may not smuggle a separator or climb out.
        if seg == ".." || seg.contains(['/', '\\', '\0']) || seg.starts_with('.') {
            return None;
        }
        rel.push(seg);
    }
    let mut full = root.join(&rel);
    if full.is_dir() {
        full.push("index.html");
    }
    let canon_root = root.canonicalize().ok()?;
    let canon = full.canonicalize().ok()?;
    (canon.starts_with(&canon_root) && canon.is_file()).then_some(canon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_inside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/index.html"), "x").unwrap();
        std::fs::write(root.join("ไฟล์.pdf"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        assert!(resolve(&root, "/a/").unwrap().ends_with("a/index.html"));
        assert!(resolve(&root, "/a/index.html?x=1").is_some());
        assert!(resolve(&root, "/%E0%B9%84%E0%B8%9F%E0%B8%A5%E0%B9%8C.pdf").is_some());
        for bad in [
            "/../secret.txt",
            "/a/../../secret.txt",
            "/..%2Fsecret.txt",
            "/a%2F..%2F..%2Fsecret.txt",
            "/%2e%2e/secret.txt",
            "/a%5C..%5C..%5Csecret.txt",
            "/a%00",
            "/.oit-site",
            "/%zz",
        ] {
            assert!(resolve(&root, bad).is_none(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt"))
                .unwrap();
            assert!(resolve(&root, "/link.txt").is_none());
        }
    }
}
