//! pages/*.md: the station's ordinary pages (about, contact, …). A page that cannot be read or
//! parsed is left out after its finding; the others still load.
use super::{Cx, sorted_entries};
use crate::content::model::*;
use crate::output::names::safe_path;
use crate::yaml;

impl Cx {
    pub(super) fn load_pages(&mut self) -> Vec<Page> {
        let dir = self.root.join("pages");
        let mut pages = Vec::new();
        for path in sorted_entries(&dir) {
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
            let front: PageFront = match yaml::parse(fm.yaml, &rel, fm.yaml_line) {
                Ok(f) => f,
                Err(f) => {
                    self.findings.push(f);
                    continue;
                }
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
