// 404.html where hosts really serve it, and the search page's results.
//
// The example is served under a sub-path (/oit/) by a small server that behaves like nginx with
// `error_page 404 /oit/404.html`: any missing address, however deep, gets 404.html's bytes with
// status 404. There the page must be styled and every link on it must lead somewhere, built with
// or without a base URL. Then the search: the item whose code is typed comes first, a Thai
// compound is one highlight, Latin words are highlighted in any case, and snippets show no
// Markdown table syntax.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILD_TIMEOUT_MS, YEAR, artifactsDir, config, fileUrl, launch, newContext, siteDir, takeProblems } from "./lib.mjs";

const SUB = "/oit/";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

/** `dir` published at http://127.0.0.1:<port>/oit/, nginx-like: folders need their trailing
 *  slash, a missing path (inside /oit/ or not) gets /oit/404.html with status 404. */
async function serveUnderSubPath(dir) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const notFound = () => {
      res.writeHead(404, { "Content-Type": TYPES[".html"] });
      res.end(readFileSync(join(root, "404.html")));
    };
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return notFound();
    }
    if (!path.startsWith(SUB)) return notFound();
    let file = resolve(join(root, path.slice(SUB.length)));
    if (file !== root && !file.startsWith(root + sep)) return notFound();
    try {
      if (statSync(file).isDirectory()) {
        if (!path.endsWith("/")) {
          res.writeHead(301, { Location: path + "/" });
          return res.end();
        }
        file = join(file, "index.html");
      }
      const body = readFileSync(file);
      res.writeHead(200, { "Content-Type": TYPES[file.slice(file.lastIndexOf("."))] || "application/octet-stream" });
      res.end(body);
    } catch {
      notFound();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, site: origin + SUB, close: () => new Promise((r) => server.close(r)) };
}

/** Every address the page links to or loads: links, form actions, style sheets, scripts, images. */
function addressesOf(page) {
  return page.evaluate(() => [
    ...[...document.querySelectorAll("a[href]")].map((a) => ["a", a.href]),
    ...[...document.querySelectorAll("form[action]")].map((f) => ["form", f.action]),
    ...[...document.querySelectorAll("link[href]")].map((l) => ["link", l.href]),
    ...[...document.querySelectorAll("script[src]")].map((s) => ["script", s.src]),
    ...[...document.images].map((i) => ["img", i.currentSrc || i.src]),
  ]);
}

/** The addresses of the page on this server that do not answer 200 (same-page anchors: that
 *  the target exists). Other hosts (Facebook, the EIT survey) and tel:/mailto: are not asked. */
async function brokenAddresses(page, origin) {
  const here = page.url().split("#")[0];
  const bad = [];
  let checked = 0;
  for (const [kind, href] of await addressesOf(page)) {
    const u = new URL(href);
    if (u.origin !== origin) continue;
    checked++;
    if (href.split("#")[0] === here) {
      const id = decodeURIComponent(u.hash.slice(1));
      if (!id || !(await page.locator(`[id="${id}"]`).count())) bad.push(`${kind} ${href}: no such anchor`);
      continue;
    }
    const r = await fetch(href, { redirect: "manual" });
    if (r.status !== 200) bad.push(`${kind} ${href}: HTTP ${r.status}`);
  }
  return { bad, checked };
}

/** What shows the theme's style sheet is applied (each differs from the browser's default). */
function styleReport(page) {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const css = (sel, prop) => {
      const el = document.querySelector(sel);
      return el ? getComputedStyle(el)[prop] : null;
    };
    return {
      robots: document.querySelector('meta[name="robots"]')?.content,
      bodyFont: css("body", "fontFamily"),
      sarabun: document.fonts.check("16px Sarabun", "ไม่พบหน้า"),
      brandBand: css(".brand-band", "backgroundColor"),
      homeButton: css(".notfound-links .btn-navy", "backgroundColor"),
      links: css(".notfound-links", "display"),
      sheets: [...document.styleSheets].filter((s) => s.href).map((s) => s.href),
    };
  });
}

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe-core's violations on the page as it is now, as "rule: targets" lines. */
async function axeViolations(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

const MISSING = [`${SUB}ita/${YEAR}/o99/`, `${SUB}ita/${YEAR}/o99/deeper/still/page.html`, `${SUB}no-such-page/deeper/`];

describe("404.html served in place of missing addresses under /oit/", () => {
  let browser, context, problems, page, web, based, basedDir;
  before(async () => {
    web = await serveUnderSubPath(siteDir());
    browser = await launch();
    ({ context, problems } = await newContext(browser));
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await web?.close();
    await based?.close();
    if (basedDir) rmSync(basedDir, { recursive: true, force: true });
  });

  for (const missing of MISSING) {
    test(`${missing}: styled, noindex, and every link answers 200`, async () => {
      const resp = await page.goto(web.origin + missing);
      assert.equal(resp.status(), 404);
      const style = await styleReport(page);
      assert.equal(style.robots, "noindex");
      assert.match(style.bodyFont, /Sarabun/);
      assert.ok(style.sarabun, "the Sarabun web font loaded (fonts.css found from the deep address)");
      assert.equal(style.homeButton, "rgb(15, 35, 71)", "the home button has the theme's navy");
      assert.notEqual(style.brandBand, "rgba(0, 0, 0, 0)", "the header band has its background");
      assert.equal(style.links, "flex");
      assert.ok(style.sheets.includes(`${web.site}assets/css/site.css`), style.sheets.join("\n"));
      assert.equal(await page.locator("html").getAttribute("data-root"), SUB);

      const { bad, checked } = await brokenAddresses(page, web.origin);
      assert.deepEqual(bad, []);
      assert.ok(checked >= 20, `only ${checked} addresses checked`);
      const hrefs = (await addressesOf(page)).map(([, h]) => h);
      for (const want of ["index.html", `ita/${YEAR}/index.html`, "sitemap/index.html", "search/index.html"]) {
        assert.ok(hrefs.includes(web.site + want), `no link to ${want}`);
      }
      assert.equal(await page.locator("#notfound-url code").innerText(), missing);

      // Nothing failed but the page itself; Chromium's preload scanner, which reads the style
      // sheets and scripts of the markup ahead of the script that sets <base> and fetches them
      // from the missing folder (the page then loads them from the root, as checked above); and,
      // for a name the site does not have, the search for its root (each folder, longest first).
      const folder = web.origin + missing.slice(0, missing.lastIndexOf("/") + 1);
      const expected = (u) =>
        u === `${web.origin + missing}: HTTP 404` ||
        new RegExp(`^${folder}assets/(css/(fonts|site)\\.css|js/site\\.js): HTTP 404$`).test(u) ||
        (missing.includes("no-such-page") && /\/assets\/css\/site\.css: HTTP 404$/.test(u));
      const p = takeProblems(problems);
      assert.deepEqual(p.failed.filter((u) => !expected(u)), []);
      assert.deepEqual(p.console.filter((m) => !/Failed to load resource: .* 404/.test(m)), []);
      assert.equal(p.console.length, p.failed.length, "one console line per failed request");
      assert.deepEqual([...p.pageErrors, ...p.external], []);
    });
  }

  test("no axe-core violation on the 404 page at a deep address", async () => {
    await page.goto(web.origin + MISSING[0]);
    assert.deepEqual(await axeViolations(page), []);
    takeProblems(problems);
  });

  test("its search box and skip link work from a deep address", async () => {
    await page.goto(web.origin + MISSING[1]);
    await page.locator(".skip-link").focus();
    await page.keyboard.press("Enter");
    assert.equal(page.url(), web.origin + MISSING[1] + "#main", "the skip link stays on the page");
    await page.locator("#notfound-q").fill("จัดซื้อ");
    await page.locator("#notfound-q").press("Enter");
    await page.waitForURL(/\/oit\/search\/index\.html\?q=/);
    await page.locator("#search-results li").first().waitFor();
    assert.ok((await page.locator("#search-results li").count()) >= 2);
    takeProblems(problems);
  });

  test("screenshots at 1366×768 and 390×844", async () => {
    for (const [w, h] of [[1366, 768], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(web.origin + MISSING[0]);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: join(artifactsDir(), `404-deep-${w}x${h}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(overflow <= 0, `${w}px wide: scrolls sideways by ${overflow}px`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    takeProblems(problems);
  });

  test("from disk (file://): its links lead to files of the site", async () => {
    const p = await context.newPage();
    await p.goto(fileUrl("404.html"));
    assert.match((await styleReport(p)).bodyFont, /Sarabun/);
    const missing = (await addressesOf(p))
      .filter(([, h]) => h.startsWith("file:"))
      .map(([, h]) => h.split(/[?#]/)[0])
      .filter((h) => !existsSync(fileURLToPath(h)));
    assert.deepEqual(missing, []);
    await p.close();
    assert.deepEqual(takeProblems(problems).failed, []);
  });

  test("built with a base URL: absolute links, no script needed", async () => {
    // The base URL names this server, so the absolute links can be followed.
    basedDir = mkdtempSync(join(tmpdir(), "oit-notfound-"));
    const out = join(basedDir, "site");
    based = await serveUnderSubPath(out);
    execFileSync(config.bin, ["build", "--content", config.content, "--out", out, "--base-url", based.site], {
      stdio: ["ignore", "ignore", "inherit"],
      timeout: BUILD_TIMEOUT_MS,
    });
    const html = readFileSync(join(out, "404.html"), "utf8");
    assert.ok(!html.includes("<base") && !html.includes("XMLHttpRequest"), "no root-finding script");
    assert.ok(!html.includes('rel="canonical"'), "a 404 page has no canonical address");

    const resp = await page.goto(based.origin + MISSING[1]);
    assert.equal(resp.status(), 404);
    const style = await styleReport(page);
    assert.equal(style.robots, "noindex");
    assert.equal(style.homeButton, "rgb(15, 35, 71)");
    const relative = await page.evaluate(() =>
      [...document.querySelectorAll("a[href], link[href], script[src], form[action]")]
        .map((e) => e.getAttribute("href") ?? e.getAttribute("src") ?? e.getAttribute("action"))
        .filter((h) => !/^(https?:|mailto:|tel:|#)/.test(h)),
    );
    assert.deepEqual(relative, [], "relative addresses on the 404 page");
    const { bad, checked } = await brokenAddresses(page, based.origin);
    assert.deepEqual(bad, []);
    assert.ok(checked >= 20, `only ${checked} addresses checked`);
    takeProblems(problems);
  });
});

describe("search results", () => {
  let browser, context, problems, page, web;
  before(async () => {
    web = await serveUnderSubPath(siteDir());
    browser = await launch();
    ({ context, problems } = await newContext(browser));
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await web?.close();
  });

  /** The results for `q`: code badge (or ""), link, title, snippet, and each <mark>'s text and
   *  horizontal padding. */
  async function search(q) {
    await page.goto(`${web.site}search/index.html?q=${encodeURIComponent(q)}`);
    await page.locator("#search-results li").first().waitFor();
    return page.locator("#search-results li").evaluateAll((lis) =>
      lis.map((li) => ({
        code: li.querySelector(".code-badge")?.textContent ?? "",
        href: li.querySelector("a").getAttribute("href"),
        snippet: li.querySelector("p").textContent,
        marks: [...li.querySelectorAll("mark")].map((m) => ({
          text: m.textContent,
          padding: getComputedStyle(m).paddingLeft + " " + getComputedStyle(m).paddingRight,
          nextIsMark: m.nextSibling?.nodeName === "MARK",
        })),
      })),
    );
  }

  test("result pages are noindex, the search form is not", async () => {
    await page.goto(`${web.site}search/index.html?q=` + encodeURIComponent("จัดซื้อ"));
    assert.equal(await page.locator('meta[name="robots"]').getAttribute("content"), "noindex");
    await page.goto(`${web.site}search/index.html`);
    assert.equal(await page.locator('meta[name="robots"]').count(), 0);
  });

  test("O15 (and o15) lists O15 first", async () => {
    for (const q of ["O15", "o15"]) {
      const found = await search(q);
      assert.equal(found[0].code, "O15", `${q}: ${found.map((f) => f.code || f.href).join(", ")}`);
    }
  });

  test("จัดซื้อจัดจ้าง is highlighted whole: one <mark>, no padding", async () => {
    const found = await search("จัดซื้อจัดจ้าง");
    const marks = found.flatMap((f) => f.marks);
    assert.ok(marks.some((m) => m.text === "จัดซื้อจัดจ้าง"), JSON.stringify(marks.slice(0, 8)));
    for (const f of found) {
      if (f.snippet.includes("จัดซื้อจัดจ้าง")) {
        assert.ok(f.marks.some((m) => m.text.includes("จัดซื้อจัดจ้าง")), `${f.href}: ${JSON.stringify(f.marks)}`);
      }
    }
    assert.deepEqual(marks.filter((m) => m.nextIsMark), [], "marks side by side");
    assert.deepEqual([...new Set(marks.map((m) => m.padding))], ["0px 0px"]);
    await page.screenshot({ path: join(artifactsDir(), "search-compound-1366.png") });
  });

  test("pdf highlights the Latin word in any case", async () => {
    const found = await search("pdf");
    const marks = found.flatMap((f) => f.marks.map((m) => m.text));
    assert.ok(marks.length > 0 && marks.every((m) => /^pdf$/i.test(m)), JSON.stringify(marks));
    assert.ok(marks.includes("PDF"), JSON.stringify(marks));
    assert.deepEqual(await axeViolations(page), [], "axe-core on the results");
  });

  test("no snippet or indexed text holds Markdown table pipes", async () => {
    for (const q of ["บริการ", "ระดับ", "โทรศัพท์"]) {
      const found = await search(q);
      assert.deepEqual(found.filter((f) => f.snippet.includes("|")).map((f) => f.snippet), [], q);
    }
    const piped = await page.evaluate(() => window.OIT_SEARCH.docs.filter((d) => /\||\*\*|\]\(/.test(d.x)).map((d) => d.u));
    assert.deepEqual(piped, []);
  });

  test("ร้องเรียน ranks O17 (the complaints item) first, above the privacy policy", async () => {
    const found = await search("ร้องเรียน");
    const order = found.map((f) => f.code || f.href);
    assert.equal(found[0].code, "O17", order.join(", "));
    const privacy = found.findIndex((f) => f.href.includes("privacy/"));
    assert.ok(privacy === -1 || privacy > 0, order.join(", "));
    const p = takeProblems(problems);
    assert.deepEqual([...p.console, ...p.pageErrors, ...p.failed, ...p.external], []);
  });

  test("screenshot at 390×844", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await search("จัดซื้อจัดจ้าง");
    await page.screenshot({ path: join(artifactsDir(), "search-compound-390.png") });
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
