//! A station with one criteria rule, written into a temp folder and checked: the fixture of the
//! rule tests (check_rules.rs) and of the message tests (messages.rs).
#![allow(dead_code)]

use crate::samples;
use oit::check::{self, CheckOptions};
use oit::diagnostics::Finding;

pub const SITE: &str = r#"
station: { name_th: สถานีตำรวจภูธรทดสอบ }
fiscal_year: 2567
criteria: criteria.yaml
contact: { address: ที่อยู่, phone: "054-000-000", email: a@b.go.th, map_url: "https://maps.example.org/x" }
social: [{ name: Facebook, url: "https://facebook.com/x" }]
officers:
  head: { name: พ.ต.อ.หัวหน้า ทดสอบ, position: ผกก. }
  clerk: { name: จ.ส.ต.เสมียน ทดสอบ }
"#;

/// Criteria of one item, O1, with the one `rule` (a YAML flow mapping).
pub fn criteria(rule: &str) -> String {
    format!(
        "id: test\ntitle_th: ทดสอบ\nfiscal_year: 2567\nperiod: {{ from: 2566-10, to: 2566-12 }}\n\
         lines_of_work: [อำนวยการ, จราจร]\nitems:\n  - code: O1\n    title_th: ข้อทดสอบ\n    rules:\n      - {rule}\n"
    )
}

/// Loads and checks (as of 1 May 2567) a site of `site_yaml`, criteria with the one `rule`, and
/// `files`: the loader's warnings, then the report's findings.
pub fn load_and_check(
    site_yaml: &str,
    rule: &str,
    files: &[(&str, &[u8])],
) -> (Vec<Finding>, Vec<Finding>) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("site.yaml"), site_yaml).unwrap();
    std::fs::write(root.join("criteria.yaml"), criteria(rule)).unwrap();
    for (path, bytes) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        // Short stand-ins like b"%PDF" become real files of that kind (formats are sniffed).
        let real = if bytes.len() < 8 && !path.ends_with(".md") && !path.ends_with(".yaml") {
            samples::by_name(path)
        } else {
            bytes.to_vec()
        };
        std::fs::write(p, real).unwrap();
    }
    let (site, crits, warnings) = match oit::pipeline::load_site(root, None) {
        Ok(x) => x,
        Err(f) => panic!("load failed: {:?}", f.findings),
    };
    let as_of = oit::thai::parse_date("2567-05-01").unwrap();
    let report = check::check(&site, &crits, &CheckOptions { as_of, year: None });
    (warnings, report.findings().cloned().collect())
}
