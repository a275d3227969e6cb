//! site.yaml: the station, its officers and its settings. It is read first because items check
//! their officer ids against it; when it cannot be parsed, pages, news and items are still
//! loaded (without those checks) so one run reports every problem.
use super::Cx;
use crate::content::model::*;
use crate::diagnostics::{Finding, Text};
use crate::yaml;
use std::path::Path;

impl Cx {
    pub(super) fn load_site(&mut self) -> Option<Site> {
        let site_file = self.root.join("site.yaml");
        if !site_file.is_file() {
            self.findings.push(
                Finding::error(
                    "site",
                    Text::new(
                        format!("ไม่พบไฟล์ site.yaml ในโฟลเดอร์ {}", self.root.display()),
                        format!("no site.yaml in {}", self.root.display()),
                    ),
                )
                .file(Path::new("site.yaml"))
                .hint(Text::new(
                    "ระบุโฟลเดอร์เนื้อหาด้วย --content หรือสร้างไฟล์ site.yaml ตามตัวอย่างใน README",
                    "point --content at the content folder, or create site.yaml as shown in the README",
                )),
            );
            return None;
        }
        let text = self.read_text(&site_file);
        let parsed = text.as_deref().map(|t| {
            // `serve`: site.yaml is read on every rebuild and rarely changes.
            // A misspelt key is reported and left out; the rest is still read and checked.
            static PARSED: crate::memo::TextMemo<(Option<SiteConfig>, Vec<Finding>)> =
                crate::memo::TextMemo::new(100);
            PARSED.get_or_when_on(t, || {
                yaml::parse_lenient::<SiteConfig>(t, Path::new("site.yaml"), 1)
            })
        });
        let config = match parsed {
            Some((Some(c), findings)) => {
                self.findings.extend(findings);
                c
            }
            Some((None, findings)) => {
                self.findings.extend(findings);
                // Everything else is still read, so one run reports all the problems.
                self.load_pages();
                self.load_news(None);
                self.load_years(None);
                return None;
            }
            None => return None,
        };
        let text = text.unwrap_or_default();
        if let Some(logo) = &config.station.logo {
            self.check_ref(
                Path::new("site.yaml"),
                yaml::key_line(&text, 1, "  logo"),
                &self.root.clone(),
                logo,
            );
        }
        let pages = self.load_pages();
        let news = self.load_news(Some(&config));
        let years = self.load_years(Some(&config));
        Some(Site {
            root: self.root.clone(),
            config,
            pages,
            news,
            years,
            config_text: text,
            stamp: Default::default(),
        })
    }
}
