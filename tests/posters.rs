//! The QR codes on the posters must decode back to the exact URLs (checked with a real decoder).
use oit::render::posters::{qr_matrix, qr_svg};

/// Renders the module matrix as a greyscale image (4 px a module, quiet zone) and decodes it.
fn decode(text: &str) -> String {
    let (n, cells) = qr_matrix(text).expect("encodable");
    let scale = 4;
    let quiet = 4;
    let size = (n + 2 * quiet) * scale;
    let img = rqrr::PreparedImage::prepare_from_greyscale(size, size, |x, y| {
        let (mx, my) = (x / scale, y / scale);
        let dark = mx >= quiet
            && my >= quiet
            && mx < n + quiet
            && my < n + quiet
            && cells[(my - quiet) * n + (mx - quiet)];
        if dark { 0 } else { 255 }
    });
    let mut img = img;
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("decodes").1
}

#[test]
fn qr_codes_decode_to_the_exact_urls() {
    for url in [
        "https://itas.nacc.go.th/go/eit/abc123",
        "https://song.phrae.police.go.th/ita/2567/o09/",
        "https://song.phrae.police.go.th/oit/ita/2567/",
        "https://www.facebook.com/songpolice?ref=qr#complaint",
    ] {
        assert_eq!(decode(url), url);
    }
}

#[test]
fn svg_holds_the_same_code() {
    let svg = qr_svg("https://example.go.th/", "ป้าย").unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("aria-label=\"ป้าย\""));
    let (n, cells) = qr_matrix("https://example.go.th/").unwrap();
    let dark = cells.iter().filter(|c| **c).count();
    assert_eq!(
        svg.matches("h1v1h-1z").count(),
        dark,
        "one square per dark module of a {n}×{n} code"
    );
}

#[test]
fn built_site_has_posters_only_for_known_urls() {
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_oit"))
        .args(["build", "--content", "tests/fixtures/basic", "--out"])
        .arg(&dest)
        .status()
        .unwrap();
    assert!(status.success());
    // No base URL and no EIT link in the fixture: nothing invented.
    assert!(!dest.join("posters/oit.svg").exists());
    let page = std::fs::read_to_string(dest.join("posters/index.html")).unwrap();
    assert!(page.contains("ยังสร้างป้ายไม่ได้"));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_oit"))
        .args([
            "build",
            "--content",
            "tests/fixtures/basic",
            "--base-url",
            "https://t.example.go.th/x",
            "--out",
        ])
        .arg(&dest)
        .status()
        .unwrap();
    assert!(status.success());
    let page = std::fs::read_to_string(dest.join("posters/index.html")).unwrap();
    assert!(
        page.contains("https://t.example.go.th/x/ita/2567/"),
        "{page}"
    );
    assert!(dest.join("posters/oit.svg").exists() && dest.join("posters/manuals.svg").exists());
}
