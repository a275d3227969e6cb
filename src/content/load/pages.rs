//! pages/*.md: the station's ordinary pages (about, contact, …). A page that cannot be read or
//! parsed is left out after its finding; the others still load.
use super::Cx;
use crate::content::model::*;
use crate::names::safe_path;
use crate::yaml;

impl Cx {
    pub(super) fn load_pages(&mut self) -> Vec<Page> {
        let dir = self.root.join("pages");
        let mut pages = Vec::new();
        for path in self.entries(&dir) {
            if path.extension().is_none_or(|e| e != "md") || !path.is_file() {
                continue;
            }
            let rel = self.rel(&path).to_path_buf();
            let Some(text) = self.read_text(&path) else {
                continue;
            };
            let fm = match yaml::split_front_matter(&text, &rel) {
                Ok(fm) => fm,
                Err(f) => {
                    self.findings.push(f);
                    continue;
                }
            };
            // A misspelt key is reported and left out; the rest of the page is still read.
            let (front, findings) = yaml::parse_lenient::<PageFront>(fm.yaml, &rel, fm.yaml_line);
            self.findings.extend(findings);
            let Some(front) = front else {
                continue;
            };
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            pages.push(Page {
                slug: safe_path(&stem),
                file: rel,
                title: front.title,
                menu: front.menu,
                body: fm.body.to_string(),
                body_line: fm.body_line,
            });
        }
        pages
    }
}
