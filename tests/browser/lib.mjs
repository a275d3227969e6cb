// Shared helpers of the browser tests: configuration from the environment (set by
// tests/browser.rs), launching the system Chromium through playwright-core, and a page wrapper
// that records console errors, failed local requests and any attempt to leave the machine.
//
// Normally run by `cargo test --test browser`. By hand, from tests/browser/ after `npm ci`:
//   OIT_BIN=../../target/debug/oit node --test --test-reporter=spec
// (OIT_SITE=<built site> skips the build.)
import { chromium } from "playwright-core";
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, "..", "..");

/** The fiscal year and item count of the example station (content/). */
export const YEAR = 2567;
export const ITEM_COUNT = 25;

/** Generous: `oit` built in debug mode takes ~15 s for the example on a slow machine. */
export const BUILD_TIMEOUT_MS = Number(process.env.OIT_BUILD_TIMEOUT_MS || 180_000);

export const config = {
  bin: process.env.OIT_BIN || join(repoRoot, "target", "debug", "oit"),
  content: process.env.OIT_CONTENT || join(repoRoot, "content"),
  artifacts: process.env.OIT_ARTIFACTS || join(repoRoot, "target", "browser-artifacts"),
  chromium: process.env.OIT_CHROMIUM || "/usr/bin/chromium",
  site: process.env.OIT_SITE || "",
};

let builtHere = null;
/** The built example site: OIT_SITE, or built once per test file with OIT_BIN. */
export function siteDir() {
  if (config.site) return config.site;
  if (!builtHere) {
    builtHere = mkdtempSync(join(tmpdir(), "oit-browser-site-"));
    const out = join(builtHere, "site");
    execFileSync(config.bin, ["build", "--content", config.content, "--out", out], {
      stdio: ["ignore", "ignore", "inherit"],
      timeout: BUILD_TIMEOUT_MS,
    });
    process.on("exit", () => rmSync(builtHere, { recursive: true, force: true }));
    config.site = out;
  }
  return config.site;
}

/** file:// URL of a page of the built site, e.g. `ita/2567/o01/index.html`. */
export function fileUrl(path = "index.html") {
  return pathToFileURL(join(siteDir(), path)).href;
}

export function artifactsDir() {
  mkdirSync(config.artifacts, { recursive: true });
  return config.artifacts;
}

export async function launch() {
  return chromium.launch({
    executablePath: config.chromium,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-default-apps",
      "--disable-extensions",
      "--lang=th-TH",
    ],
  });
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);
function isLocal(url) {
  const u = new URL(url);
  if (u.protocol === "file:" || u.protocol === "data:" || u.protocol === "blob:") return true;
  return LOOPBACK.has(u.hostname);
}

/**
 * A browser context whose pages may talk to loopback and file:// only (anything else is aborted
 * and recorded), plus a record of problems: console errors, page errors, failed or 4xx/5xx
 * requests for local resources.
 */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({
    locale: "th-TH",
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const problems = { console: [], pageErrors: [], failed: [], external: [] };
  await context.route(
    (url) => !isLocal(url.href),
    (route) => {
      problems.external.push(route.request().url());
      return route.abort("blockedbyclient");
    },
  );
  context.on("page", (page) => watch(page, problems));
  return { context, problems };
}

function watch(page, problems) {
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.console.push(`${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.pageErrors.push(`${page.url()}: ${err.message}`));
  page.on("requestfailed", (req) => {
    const url = req.url();
    const why = req.failure()?.errorText || "";
    // Leaving a page cancels what it still loads (the live-reload long-poll of `oit serve`,
    // lazy images): not a fault of the site. Images are checked by `brokenImages`.
    if (why.includes("ERR_ABORTED")) return;
    if (isLocal(url)) problems.failed.push(`${url}: ${why} (${req.resourceType()})`);
  });
  page.on("response", (resp) => {
    const url = resp.url();
    if (isLocal(url) && resp.status() >= 400 && !url.startsWith("file:")) {
      problems.failed.push(`${url}: HTTP ${resp.status()}`);
    }
  });
}

/** Empties the record; returns what it held, for one assertion per step. */
export function takeProblems(problems) {
  const out = {};
  for (const k of Object.keys(problems)) out[k] = problems[k].splice(0);
  return out;
}

export const NO_PROBLEMS = { console: [], pageErrors: [], failed: [], external: [] };

/** Waits for web fonts, then returns what the page reports about Sarabun. */
export async function fontReport(page) {
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => {
    const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, "") === "Sarabun");
    const thai = (f) => /U\+0?E01/i.test(f.unicodeRange);
    return {
      check: document.fonts.check("16px Sarabun") && document.fonts.check("16px Sarabun", "สวัสดี"),
      loadedThaiFaces: faces.filter((f) => thai(f) && f.status === "loaded").length,
      bodyFont: getComputedStyle(document.body).fontFamily,
      h1Font: getComputedStyle(document.querySelector("h1")).fontFamily,
    };
  });
}

/**
 * Every element whose own text contains Thai letters, with the fonts Chromium actually used to
 * draw it (DevTools CSS.getPlatformFontsForNode): `fonts` for the element's own text as shown
 * (which may include symbols such as arrows), and `thaiFonts` for a probe holding only the Thai
 * characters of that text, with the same style. A Thai character missing from the bundled Sarabun
 * would be drawn with a system fallback font (or as a box) and show up in `thaiFonts`.
 */
export async function thaiTextFonts(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const count = await page.evaluate(() => {
      let n = 0;
      for (const el of [...document.body.querySelectorAll("*")]) {
        if (["SCRIPT", "STYLE", "NOSCRIPT", "OIT-PROBE"].includes(el.tagName)) continue;
        const own = [...el.childNodes]
          .filter((c) => c.nodeType === 3)
          .map((c) => c.data)
          .join("");
        if (!/[\u0E01-\u0E5B]/.test(own) || !el.getClientRects().length) continue;
        el.setAttribute("data-thai-probe", String(n));
        const probe = document.createElement("oit-probe");
        probe.setAttribute("data-thai-only", String(n));
        probe.textContent = own.replace(/[^\u0E00-\u0E7F]+/g, " ").trim();
        el.appendChild(probe);
        n++;
      }
      return n;
    });
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const fontsOf = async (selector) => {
      const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector });
      const out = new Map();
      for (const nodeId of nodeIds) {
        const { attributes } = await cdp.send("DOM.getAttributes", { nodeId });
        const { outerHTML } = await cdp.send("DOM.getOuterHTML", { nodeId });
        const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
        const key = attributes[attributes.findIndex((a) => a.startsWith("data-thai-")) + 1];
        out.set(key, { html: outerHTML.replace(/<oit-probe.*?<\/oit-probe>/g, "").slice(0, 160), fonts });
      }
      return out;
    };
    const whole = await fontsOf("[data-thai-probe]");
    const thai = await fontsOf("oit-probe");
    await page.evaluate(() => {
      document.querySelectorAll("oit-probe").forEach((e) => e.remove());
      document.querySelectorAll("[data-thai-probe]").forEach((e) => e.removeAttribute("data-thai-probe"));
    });
    const nodes = [...whole.entries()].map(([k, v]) => ({
      html: v.html,
      fonts: v.fonts,
      thaiFonts: thai.get(k)?.fonts ?? [],
    }));
    return { count, nodes };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** `Sarabun×12, Liberation Sans×1` */
export function fontList(fonts) {
  return fonts.map((x) => `${x.familyName}×${x.glyphCount}`).join(", ");
}

/**
 * Home → the fiscal year's index (by clicking the main menu) → every item, by clicking each
 * link of the year's list and coming back, then again by following "next" from O1 to the last.
 * Returns what it saw; asserts are left to the caller through `check(step, problems)`.
 */
export async function walkItems(page, homeUrl, check) {
  await page.goto(homeUrl);
  check("home", { h1: await page.locator("h1").first().innerText() });
  await page.locator(`nav.site-nav a[href$="ita/${YEAR}/index.html"]`).click();
  await page.waitForLoadState("load");
  const yearUrl = page.url();
  check("year", { url: yearUrl, h1: await page.locator("h1").first().innerText() });

  const links = await page
    .locator("main a[href]")
    .evaluateAll((as) =>
      [...new Set(as.map((a) => a.getAttribute("href")).filter((h) => /\/o\d\d\/index\.html$/.test(h)))],
    );
  const visited = [];
  for (const href of links) {
    await page.locator(`main a[href="${href}"]`).first().click();
    await page.waitForLoadState("load");
    const code = "O" + Number(href.match(/\/o(\d\d)\//)[1]);
    visited.push({
      broken: await brokenImages(page),
      code,
      href,
      url: page.url(),
      h1: await page.locator("h1").first().innerText(),
      badge: await page.locator(".item-heading .code-badge").first().innerText(),
    });
    await page.goBack();
    await page.waitForURL(yearUrl);
  }

  // The pager: O1, next, next, ... until there is no "next".
  const chain = [];
  await page.locator(`main a[href$="/o01/index.html"]`).first().click();
  await page.waitForLoadState("load");
  for (;;) {
    chain.push(await page.locator(".item-heading .code-badge").first().innerText());
    const next = page.locator("a[rel=next]");
    if ((await next.count()) === 0 || chain.length > 100) break;
    await next.first().click();
    await page.waitForLoadState("load");
  }
  return { links, visited, chain };
}

/** Loads every image of the page, lazy ones included; returns those that did not load. */
export async function brokenImages(page) {
  return page.evaluate(async () => {
    const imgs = [...document.images];
    for (const img of imgs) img.loading = "eager";
    const all = Promise.all(
      imgs.map((img) =>
        img.complete
          ? null
          : new Promise((done) => {
              img.addEventListener("load", done, { once: true });
              img.addEventListener("error", done, { once: true });
            }),
      ),
    );
    await Promise.race([all, new Promise((done) => setTimeout(done, 20000))]);
    return imgs
      .filter((img) => !img.complete || !img.naturalWidth)
      .map((img) => `${img.currentSrc || img.src}${img.complete ? "" : " (still loading after 20 s)"}`);
  });
}

/** Starts `oit serve` on a free loopback port; resolves once it answers. */
export async function startServer(contentDir, workDir) {
  const child = spawn(config.bin, ["serve", "--content", contentDir, "--bind", "127.0.0.1", "--port", "0"], {
    // The server keeps the site in memory; TMPDIR stays inside our own temp folder anyway.
    env: { ...process.env, TMPDIR: workDir, LANG: "C.UTF-8" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const onData = (d) => {
    log += d.toString();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const base = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`oit serve did not start:\n${log}`)), BUILD_TIMEOUT_MS);
    const look = () => {
      const m = log.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m && m[1] !== "0") {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${m[1]}/`);
      }
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`oit serve exited with ${code}:\n${log}`));
    });
  });
  return {
    base,
    child,
    log: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};

/**
 * The built site on a plain static web server on 127.0.0.1 (like any web host: 404.html for a
 * missing path). For axe-core, which reads the style sheets by XHR, refused from file:// pages.
 */
export async function serveStatic(dir) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    let file = resolve(join(dir, path));
    if (!file.startsWith(resolve(dir))) file = join(dir, "404.html");
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const body = readFileSync(file);
      const ext = file.slice(file.lastIndexOf("."));
      res.writeHead(200, { "Content-Type": TYPES[ext] || "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "Content-Type": TYPES[".html"] });
      res.end(readFileSync(join(dir, "404.html")));
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((r) => server.close(r)),
  };
}

