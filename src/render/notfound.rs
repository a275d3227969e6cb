//! 404.html: hosts serve it in place of any missing address, at any depth.
use super::templates::Theme;
use super::{Job, OutFile};
use serde_json::{Value, json};

/// What 404.html needs beyond the site-wide context. With a base URL, nothing: its links are
/// absolute. Without one it cannot know where it is served (`/oit/ita/2567/o99/` may be a missing
/// page of a site at `/oit/`): its script looks for the site's root first before a top-level name
/// of the site in the address (`top_json`), and the page carries the theme's style sheet inline,
/// styled even where no root is found.
pub(super) fn context(
    theme: &Theme,
    base_url: Option<&str>,
    jobs: &[Job],
    out: &[OutFile],
) -> Value {
    if base_url.is_some() {
        return json!({ "absolute": true });
    }
    let mut top: Vec<&str> = jobs
        .iter()
        .map(|(p, _, _)| p.as_str())
        .chain(out.iter().map(|f| f.path.as_str()))
        .chain(["404.html", "sitemap.xml"])
        .map(|p| p.split('/').next().unwrap_or(p))
        .collect();
    top.sort_unstable();
    top.dedup();
    let css = theme
        .assets
        .get("css/site.css")
        .map(|b| String::from_utf8_lossy(b).replace("</", "<\\/"))
        .unwrap_or_default();
    // Both go into the page as they are: no `</` may end the script or the style early.
    let top = serde_json::to_string(&top)
        .unwrap_or_else(|_| "[]".into())
        .replace("</", "<\\/");
    json!({ "absolute": false, "top_json": top, "inline_css": css })
}
