//! news/<folder>/index.md: news posts, each a folder with its photos and files. Each folder is
//! one `unit`, so `serve` re-reads only the post that changed; the list is sorted newest first
//! with the slug breaking ties, so the order never depends on the file system.
use super::{Cx, UnitMemo};
use crate::content::model::*;
use crate::content::parse_item_code;
use crate::diagnostics::{Finding, Text};
use crate::names::safe_path;
use crate::yaml;
use std::path::Path;

static NEWS: UnitMemo<News> = UnitMemo::new(10_000);

impl Cx {
    pub(super) fn load_news(&mut self, config: Option<&SiteConfig>) -> Vec<News> {
        let dir = self.root.join("news");
        let mut news = Vec::new();
        for folder in self.entries(&dir) {
            if !folder.is_dir() {
                continue;
            }
            if let Some(n) = self.unit(&NEWS, &folder, String::new(), |cx| {
                cx.load_news_entry(&folder)
            }) {
                news.push(n);
            }
        }
        let _ = config;
        // Newest first; slug breaks ties so order never depends on the file system.
        news.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        news
    }

    /// One news folder: its index.md and files.
    fn load_news_entry(&mut self, folder: &Path) -> Option<News> {
        let index = folder.join("index.md");
        let rel_dir = self.rel(folder).to_path_buf();
        let rel = rel_dir.join("index.md");
        if !index.is_file() {
            self.findings.push(
                Finding::warning(
                    "news",
                    Text::new(
                        "โฟลเดอร์ข่าวไม่มีไฟล์ index.md จึงไม่ถูกเผยแพร่",
                        "news folder without index.md is not published",
                    ),
                )
                .file(&rel_dir),
            );
            return None;
        }
        let text = self.read_text(&index)?;
        let fm = match yaml::split_front_matter(&text, &rel) {
            Ok(fm) => fm,
            Err(f) => {
                self.findings.push(f);
                return None;
            }
        };
        // A misspelt key is reported and left out; the rest of the post is still read.
        let (front, findings) = yaml::parse_lenient::<NewsFront>(fm.yaml, &rel, fm.yaml_line);
        self.findings.extend(findings);
        let front = front?;
        let date_line = yaml::key_line(fm.yaml, fm.yaml_line, "date");
        let date = self.date(&front.date, &rel, date_line)?;
        let files = self.folder_files(folder, false);
        self.reserved_names(&files, &rel_dir, None);
        let photos_line = yaml::key_line(fm.yaml, fm.yaml_line, "photos");
        let photos = self.referenced(&front.photos, &rel, photos_line, folder);
        let mut items = Vec::new();
        for code in &front.items {
            match parse_item_code(code) {
                Some(n) => items.push(format!("O{n}")),
                None => self.findings.push(
                    Finding::error(
                        "item-code",
                        Text::new(
                            format!("รหัสข้อ \"{code}\" ไม่ถูกต้อง (เช่น O6)"),
                            format!("\"{code}\" is not an item code (e.g. O6)"),
                        ),
                    )
                    .file(&rel)
                    .line_opt(yaml::key_line(fm.yaml, fm.yaml_line, "items")),
                ),
            }
        }
        let name = folder
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Some(News {
            slug: safe_path(&name),
            dir: rel_dir,
            file: rel,
            title: front.title,
            date,
            items,
            tags: front.tags,
            photos,
            summary: front.summary,
            files,
            body: fm.body.to_string(),
            body_line: fm.body_line,
            stamp: None,
        })
    }
}
