// The reader tools of the header (DGA website standard: text size and high contrast): they work
// from file://, are remembered from page to page, apply before the first paint (no flash of the
// normal page), and the high-contrast page still passes axe-core (colour contrast included).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { YEAR, fileUrl, launch, newContext, serveStatic, siteDir, takeProblems, NO_PROBLEMS } from "./lib.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const rootFontPx = (page) =>
  page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
const pressed = (page, selector) =>
  page.locator(`.reader-tools ${selector}`).getAttribute("aria-pressed");

describe("reader tools", () => {
  let browser;
  before(async () => {
    siteDir();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test("text size and contrast from file://, remembered across pages", async () => {
    const { context, problems } = await newContext(browser, { viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(fileUrl(`ita/${YEAR}/o01/index.html`));
    await page.locator(".reader-tools").waitFor({ state: "visible" });
    const normal = await rootFontPx(page);
    assert.equal(await pressed(page, '[data-text=""]'), "true");

    await page.locator('.reader-tools [data-text="xl"]').click();
    assert.equal(await rootFontPx(page), normal * 1.25);
    assert.equal(await pressed(page, '[data-text="xl"]'), "true");
    assert.equal(await pressed(page, '[data-text=""]'), "false");
    // Body text grows with it: the stylesheet is in rem.
    const bodyPx = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    assert.ok(bodyPx >= 17 * 1.25 - 0.5, `body text ${bodyPx}px`);

    await page.locator(".reader-tools [data-contrast]").click();
    const colours = () =>
      page.evaluate(() => {
        const a = document.querySelector("main a[href]");
        return {
          body: getComputedStyle(document.body).backgroundColor,
          main: getComputedStyle(document.querySelector("main")).color,
          link: getComputedStyle(a).color,
          underline: getComputedStyle(a).textDecorationLine,
        };
      });
    assert.deepEqual(await colours(), {
      body: "rgb(0, 0, 0)",
      main: "rgb(255, 255, 255)",
      link: "rgb(255, 255, 0)",
      underline: "underline",
    });

    // Another page, reached by a link as a reader would: the settings are already applied when
    // the page's own script has not run yet (the inline script in <head> does it).
    await page.addInitScript(() => {
      document.addEventListener("readystatechange", () => {
        if (document.readyState === "interactive" && !window.__first) {
          window.__first = document.documentElement.className;
        }
      });
    });
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(/o02\/index\.html$/);
    const first = await page.evaluate(() => window.__first || "");
    assert.match(first, /\btext-xl\b/);
    assert.match(first, /\bcontrast\b/);
    assert.equal(await rootFontPx(page), normal * 1.25);
    assert.equal(await pressed(page, "[data-contrast]"), "true");
    assert.equal((await colours()).body, "rgb(0, 0, 0)");

    // Back to normal, and that is remembered too.
    await page.locator('.reader-tools [data-text=""]').click();
    await page.locator(".reader-tools [data-contrast]").click();
    await page.goto(fileUrl("index.html"));
    assert.equal(await rootFontPx(page), normal);
    assert.notEqual((await colours()).body, "rgb(0, 0, 0)");
    assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
    await context.close();
  });

  test("largest text on a phone: no page scrolls sideways", async () => {
    const { context } = await newContext(browser, { viewport: { width: 390, height: 844 } });
    await context.addInitScript(() => {
      try { localStorage.setItem("oit-text", "xl"); } catch { /* about:blank */ }
    });
    const page = await context.newPage();
    for (const path of ["index.html", `ita/${YEAR}/index.html`, "news/index.html", "contact/index.html"]) {
      await page.goto(fileUrl(path));
      const [scroll, width] = await page.evaluate(() => [document.scrollingElement.scrollWidth, innerWidth]);
      assert.ok(scroll <= width, `${path}: ${scroll}px wide in a ${width}px window`);
    }
    await context.close();
  });

  test("site.js moves nothing: the header is the same height with and without it", async () => {
    const web = await serveStatic(siteDir());
    const height = async (block, width) => {
      const { context } = await newContext(browser, { viewport: { width, height: 800 } });
      if (block) await context.route(/site\.js$/, (route) => route.abort());
      const page = await context.newPage();
      await page.goto(web.base + `ita/${YEAR}/o01/index.html`);
      await page.evaluate(() => document.fonts.ready);
      const h = await page.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().height);
      await context.close();
      return h;
    };
    try {
      // Phones: the menu starts closed either way (CSS until the script has run).
      for (const width of [1366, 390]) {
        assert.equal(await height(false, width), await height(true, width), `at ${width}px`);
      }
    } finally {
      await web.close();
    }
  });

  test("high contrast passes axe-core", async () => {
    const web = await serveStatic(siteDir());
    const { context, problems } = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      try { localStorage.setItem("oit-contrast", "1"); } catch { /* about:blank */ }
    });
    const page = await context.newPage();
    try {
      for (const path of ["index.html", `ita/${YEAR}/o12/index.html`, "news/index.html"]) {
        await page.goto(web.base + path);
        await page.addScriptTag({ path: axePath });
        const result = await page.evaluate(() =>
          window.axe.run(document, { resultTypes: ["violations"] }),
        );
        const found = result.violations.map(
          (v) => `${v.id} (${v.impact}) on ${path}: ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`,
        );
        assert.deepEqual(found, []);
      }
      assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
    } finally {
      await context.close();
      await web.close();
    }
  });
});
