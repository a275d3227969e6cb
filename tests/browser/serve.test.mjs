// `oit serve` on a copy of the example: the same navigation over http, then live reload — an
// edit shows up by itself, a YAML error shows the file and line, fixing it brings the page back.
import { after, afterEach, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  BUILD_TIMEOUT_MS,
  ITEM_COUNT,
  NO_PROBLEMS,
  YEAR,
  config,
  fontReport,
  launch,
  newContext,
  startServer,
  takeProblems,
  walkItems,
} from "./lib.mjs";

const ITEM = "o14";
const ITEM_PATH = `ita/${YEAR}/${ITEM}/index.html`;

/**
 * Opens `n` keep-alive connections at once (as a browser does for a page and its style sheets,
 * fonts and scripts), sends one request on each, and counts those not answered within `ms`.
 */
async function unansweredKeepAlive(base, n, ms) {
  const { port } = new URL(base);
  const sockets = await Promise.all(
    Array.from({ length: n }, () => new Promise((ok, fail) => {
      const s = connect(Number(port), "127.0.0.1", () => ok(s));
      s.on("error", fail);
    })),
  );
  try {
    const answered = await Promise.all(
      sockets.map((s) => new Promise((ok) => {
        const t = setTimeout(() => ok(false), ms);
        s.once("data", () => {
          clearTimeout(t);
          ok(true);
        });
        s.write("GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n");
      })),
    );
    return answered.filter((a) => !a).length;
  } finally {
    sockets.forEach((s) => s.destroy());
  }
}

// Regression: with tiny_http 0.12, connections arriving together could wait forever behind
// kept-alive ones, so a page, a photo or the live-reload long-poll sometimes never loaded.
// `oit serve` now answers each request on a connection of its own.

describe("from oit serve (http://127.0.0.1)", () => {
  let work, content, server, browser, context, problems, page;
  before(async () => {
    work = mkdtempSync(join(tmpdir(), "oit-browser-serve-"));
    content = join(work, "content");
    cpSync(config.content, content, { recursive: true });
    server = await startServer(content, work);
    browser = await launch();
  });
  // Each test in a browser context of its own (its own connections to the server).
  beforeEach(async () => {
    ({ context, problems } = await newContext(browser));
    page = await context.newPage();
  });
  afterEach(async () => {
    await context?.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    if (server) console.log(`# oit serve log:\n${server.log().replace(/^/gm, "#   ")}`);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("home → fiscal year → all 25 items over http", async () => {
    const steps = [];
    const { links, visited, chain } = await walkItems(page, server.base, (step, info) => steps.push({ step, ...info }));
    assert.ok(steps[1].url.startsWith(server.base) && steps[1].url.endsWith(`/ita/${YEAR}/index.html`), steps[1].url);
    assert.equal(links.length, ITEM_COUNT);
    const codes = Array.from({ length: ITEM_COUNT }, (_, i) => `O${i + 1}`);
    assert.deepEqual(
      visited.map((v) => v.code),
      codes,
    );
    for (const v of visited) assert.ok(v.h1.includes(v.code) && v.badge === v.code, `${v.url}: ${v.h1}`);
    const broken = visited.filter((v) => v.broken.length).map((v) => `${v.url}: ${v.broken.join(", ")}`);
    assert.deepEqual(broken, [], "images that did not load within 20 s");
    assert.deepEqual(chain, codes);
    const f = await fontReport(page);
    assert.ok(f.check && f.loadedThaiFaces > 0, JSON.stringify(f));
    assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
  });

  test("editing, breaking and fixing the item's index.md reloads the open page by itself", async () => {
    const md = join(content, "ita", String(YEAR), ITEM, "index.md");
    const original = readFileSync(md, "utf8");
    const sentence = `ประโยคทดสอบการโหลดหน้าใหม่อัตโนมัติ รหัส ${Date.now()}`;
    const timeout = BUILD_TIMEOUT_MS;

    await page.goto(server.base + ITEM_PATH);
    assert.ok((await page.locator("h1").innerText()).includes("O14"));
    assert.equal(await page.getByText(sentence).count(), 0);
    // A mark that survives only as long as the document: gone after a reload.
    const markReloaded = () => page.evaluate(() => (window.__oitNotReloaded = true));
    let since = 0;
    const reloaded = async (what) => {
      try {
        await page.waitForFunction(() => !window.__oitNotReloaded, null, { timeout, polling: 200 });
      } catch (e) {
        throw new Error(
          `${what}: the page did not reload by itself within ${timeout / 1000} s of the save ` +
            `(if the server log shows the rebuild, the long-poll got no answer)\n` +
            `oit serve log:\n${server.log()}`,
          { cause: e },
        );
      }
      console.log(`# ${what}: the page reloaded itself ${((Date.now() - since) / 1000).toFixed(1)} s after the save`);
    };

    // 1. Edit the body: the new sentence appears without any action from the test.
    await markReloaded();
    since = Date.now();
    writeFileSync(md, `${original.trimEnd()}\n\n${sentence}\n`);
    await reloaded("edit");
    await page.getByText(sentence).waitFor({ timeout });
    assert.ok(page.url().endsWith(ITEM_PATH));

    // 2. Break the front matter: the error page names the file and the line.
    const lines = `${original.trimEnd()}\n\n${sentence}\n`.split("\n");
    const at = lines.findIndex((l) => /^supervisor:/.test(l));
    assert.ok(at > 0, "the item's front matter has a supervisor: line");
    lines[at] = `${lines[at]}: x`; // "mapping values are not allowed here"
    await markReloaded();
    since = Date.now();
    writeFileSync(md, lines.join("\n"));
    await reloaded("broken YAML");
    await page.getByText("สร้างเว็บไซต์ไม่สำเร็จ").first().waitFor({ timeout });
    // A build may catch the file half-written (emptied, not yet rewritten) and show that error
    // first; the next build follows by itself. Wait for the error of the broken line.
    const where = `ita/${YEAR}/${ITEM}/index.md:${at + 1}:`;
    await page
      .getByText(where)
      .first()
      .waitFor({ timeout })
      .catch(async () => assert.fail(`the error page names ${where}:\n${await page.locator("body").innerText()}`));
    const status = await page.evaluate(async (u) => {
      const r = await fetch(u, { cache: "no-store" });
      await r.text();
      return r.status;
    }, server.base + ITEM_PATH);
    assert.equal(status, 500, "the error page is served with status 500");

    // 3. Fix it: the item page comes back, with the edit.
    await markReloaded();
    since = Date.now();
    writeFileSync(md, `${original.trimEnd()}\n\n${sentence}\n`);
    await reloaded("fix");
    await page.locator("h1").filter({ hasText: "O14" }).waitFor({ timeout });
    await page.getByText(sentence).waitFor({ timeout });

    // The 500 of the error page, and its fetch above, are expected.
    const p = takeProblems(problems);
    p.failed = p.failed.filter((f) => !/HTTP 500$/.test(f));
    p.console = p.console.filter((c) => !/status of 500/.test(c));
    assert.deepEqual(p, NO_PROBLEMS);
  });
});

// On a server of its own (the stuck connections would disturb the tests above), fresh: its
// thread pool has only its initial threads.
describe("oit serve under simultaneous connections", () => {
  let work, server;
  before(async () => {
    work = mkdtempSync(join(tmpdir(), "oit-browser-serve-"));
    cpSync(config.content, join(work, "content"), { recursive: true });
    server = await startServer(join(work, "content"), work);
  });
  after(async () => {
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test("oit serve answers 8 simultaneous keep-alive connections", async () => {
    for (let round = 0; round < 3; round++) {
      const lost = await unansweredKeepAlive(server.base, 8, 3000);
      assert.equal(lost, 0, `round ${round + 1}: ${lost} of 8 connections got no answer within 3 s`);
    }
  });
});
