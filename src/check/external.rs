//! `check --external`: try every external link (e-services, social pages, survey, links in
//! Markdown) with timeouts and a pause between requests to the same host, so the check reports
//! but never hangs and never hammers a government server. Results are warnings: a site that is
//! down today may be up when the assessor looks.
use crate::content::Site;
use crate::diagnostics::{Finding, Text};
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

/// An external URL and where it is written.
#[derive(Debug, Clone)]
pub struct ExternalLink {
    pub url: String,
    pub file: PathBuf,
    pub item: Option<String>,
}

fn markdown_links(md: &str) -> Vec<String> {
    Parser::new(md)
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .collect()
}

/// Every external link of the site, once per (url, file).
pub fn collect(site: &Site) -> Vec<ExternalLink> {
    let mut out: Vec<ExternalLink> = Vec::new();
    let mut push = |url: &str, file: PathBuf, item: Option<String>| {
        if (url.starts_with("http://") || url.starts_with("https://"))
            && !out.iter().any(|l| l.url == url && l.file == file)
        {
            out.push(ExternalLink {
                url: url.to_string(),
                file,
                item,
            });
        }
    };
    let site_yaml = PathBuf::from("site.yaml");
    for s in &site.config.social {
        push(&s.url, site_yaml.clone(), None);
    }
    if let Some(u) = &site.config.eit_survey_url {
        push(u, site_yaml.clone(), None);
    }
    push(&site.config.contact.map_url, site_yaml.clone(), None);
    for y in site.years.values() {
        for item in y.items.values() {
            for l in &item.links {
                push(&l.url, item.file.clone(), Some(item.code.clone()));
            }
            for u in markdown_links(&item.body) {
                push(&u, item.file.clone(), Some(item.code.clone()));
            }
        }
    }
    for n in &site.news {
        for u in markdown_links(&n.body) {
            push(&u, n.file.clone(), None);
        }
    }
    for p in &site.pages {
        for u in markdown_links(&p.body) {
            push(&u, p.file.clone(), None);
        }
    }
    out
}

fn host(url: &str) -> String {
    url.split("://")
        .nth(1)
        .unwrap_or("")
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Why a link could not be reached, in words; the library's own text last, in parentheses.
fn unreachable(e: &ureq::Error) -> Text {
    let (th, en) = match e {
        ureq::Error::Io(io) => return crate::os_error::io_text(io),
        ureq::Error::HostNotFound => ("ไม่พบชื่อโดเมนนี้", "the host name does not exist"),
        ureq::Error::Timeout(_) => (
            "เว็บไซต์ปลายทางไม่ตอบภายในเวลาที่กำหนด",
            "the site did not answer in time",
        ),
        ureq::Error::ConnectionFailed => {
            ("เชื่อมต่อเว็บไซต์ปลายทางไม่ได้", "could not connect to the site")
        }
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => (
            "เว็บไซต์ปลายทางส่งต่อ (redirect) ไม่สิ้นสุดหรือผิดพลาด",
            "the site's redirects fail or never end",
        ),
        _ => ("เกิดข้อผิดพลาดระหว่างเชื่อมต่อ", "the connection failed"),
    };
    Text::new(format!("{th} ({e})"), format!("{en} ({e})"))
}

/// `Ok(status)` or the reason the link could not be reached.
fn probe(agent: &ureq::Agent, url: &str) -> Result<u16, Text> {
    let status = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| {
        r.map(|r| r.status().as_u16()).map_err(|e| unreachable(&e))
    };
    match status(agent.head(url).call()) {
        // Some servers refuse HEAD; ask again the ordinary way before calling the link broken.
        Ok(405 | 403 | 501) | Err(_) => status(agent.get(url).call()),
        other => other,
    }
}

pub struct ExternalOptions {
    pub timeout: Duration,
    /// Pause between two requests to the same host.
    pub pace: Duration,
    /// Hosts checked at the same time.
    pub parallel_hosts: usize,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            pace: Duration::from_millis(500),
            parallel_hosts: 4,
        }
    }
}

pub fn check(site: &Site, opts: &ExternalOptions) -> Vec<Finding> {
    let links = collect(site);
    let mut by_host: BTreeMap<String, Vec<ExternalLink>> = BTreeMap::new();
    for l in links {
        by_host.entry(host(&l.url)).or_default().push(l);
    }
    let config = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .timeout_connect(Some(opts.timeout))
        .http_status_as_error(false)
        .max_redirects(5)
        .user_agent(format!("oit/{} (link check)", env!("CARGO_PKG_VERSION")))
        .build();
    let agent = ureq::Agent::new_with_config(config);
    let hosts: Vec<Vec<ExternalLink>> = by_host.into_values().collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.parallel_hosts.max(1))
        .build();
    let run = || {
        use rayon::prelude::*;
        hosts
            .par_iter()
            .flat_map_iter(|links| {
                let mut out = Vec::new();
                for (i, l) in links.iter().enumerate() {
                    if i > 0 {
                        std::thread::sleep(opts.pace);
                    }
                    let problem = match probe(&agent, &l.url) {
                        Ok(s) if s < 400 => continue,
                        Ok(s) => (format!("ตอบกลับด้วยรหัส {s}"), format!("answered HTTP {s}")),
                        Err(e) => (format!("เข้าไม่ได้: {}", e.th), format!("unreachable: {}", e.en)),
                    };
                    let mut f = Finding::warning(
                        "external-link",
                        Text::new(format!("ลิงก์ภายนอก {} {}", l.url, problem.0), format!("external link {} {}", l.url, problem.1)),
                    )
                    .file(&l.file)
                    .hint(Text::new(
                        "เปิดลิงก์ด้วยเบราว์เซอร์ ถ้าเว็บปลายทางย้ายที่อยู่ ให้แก้ลิงก์ในไฟล์นี้",
                        "open the link in a browser; if the target moved, fix the link in this file",
                    ));
                    f.item = l.item.clone();
                    out.push(f);
                }
                out
            })
            .collect::<Vec<_>>()
    };
    let mut findings = match pool {
        Ok(p) => p.install(run),
        Err(_) => run(),
    };
    crate::diagnostics::sort(&mut findings);
    findings
}
