//! `check --external` against a local server (never the internet): broken links are reported,
//! a slow server times out instead of hanging the check.
use oit::check::external::{ExternalOptions, check};
use std::time::Duration;

fn serve() -> u16 {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            std::thread::spawn(move || {
                let code = match req.url() {
                    "/ok" => 200,
                    "/no-head" if *req.method() == tiny_http::Method::Head => 405,
                    "/no-head" => 200,
                    "/slow" => {
                        std::thread::sleep(Duration::from_secs(5));
                        200
                    }
                    _ => 404,
                };
                let _ = req.respond(tiny_http::Response::empty(code));
            });
        }
    });
    port
}

#[test]
fn external_links_are_reported_with_timeouts() {
    let port = serve();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("site.yaml"),
        format!(
            "station: {{ name_th: ทดสอบ }}\nfiscal_year: 2567\nsocial: [{{ name: Facebook, url: \"http://127.0.0.1:{port}/ok\" }}]\n\
             officers: {{ a: {{ name: ก }} }}\n"
        ),
    )
    .unwrap();
    std::fs::create_dir_all(root.join("ita/2567/o10")).unwrap();
    std::fs::write(
        root.join("ita/2567/o10/index.md"),
        format!(
            "---\nlinks:\n  - {{ title: ก, url: \"http://127.0.0.1:{port}/missing\", key: crime_report }}\n  - {{ title: ข, url: \"http://127.0.0.1:{port}/no-head\" }}\n---\n[ช้า](http://127.0.0.1:{port}/slow)\n"
        ),
    )
    .unwrap();
    let (site, _, _) = oit::pipeline::load_site(root, None).ok().unwrap();
    let started = std::time::Instant::now();
    let findings = check(
        &site,
        &ExternalOptions {
            timeout: Duration::from_secs(1),
            pace: Duration::from_millis(10),
            parallel_hosts: 2,
        },
    );
    assert!(started.elapsed() < Duration::from_secs(30), "bounded");
    let msgs: Vec<&str> = findings.iter().map(|f| f.message.en.as_str()).collect();
    assert_eq!(findings.len(), 2, "{msgs:?}");
    assert!(
        msgs.iter()
            .any(|m| m.contains("/missing answered HTTP 404")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.contains("/slow unreachable")),
        "{msgs:?}"
    );
    let missing = findings
        .iter()
        .find(|f| f.message.en.contains("/missing"))
        .unwrap();
    assert_eq!(missing.item.as_deref(), Some("O10"));
    assert_eq!(missing.file.as_deref(), Some("ita/2567/o10/index.md"));
}
