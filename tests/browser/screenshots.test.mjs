// Screenshots of the home page and an item page at desktop and phone widths, saved as test
// artifacts in $OIT_ARTIFACTS (default target/browser-artifacts/) for a person to look at.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { statSync } from "node:fs";
import { join } from "node:path";
import { YEAR, NO_PROBLEMS, artifactsDir, fileUrl, fontReport, launch, newContext, takeProblems } from "./lib.mjs";

const PAGES = [
  ["home", "index.html"],
  ["item-o14", `ita/${YEAR}/o14/index.html`],
];
const SIZES = [
  ["desktop", { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 }],
  ["phone", { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }],
];

describe("screenshots", () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  for (const [sizeName, options] of SIZES) {
    for (const [name, path] of PAGES) {
      test(`${name} at ${sizeName} width (${options.viewport.width}px)`, async () => {
        const { context, problems } = await newContext(browser, options);
        try {
          const page = await context.newPage();
          await page.goto(fileUrl(path));
          const f = await fontReport(page);
          assert.ok(f.check && f.loadedThaiFaces > 0, `Sarabun not loaded: ${JSON.stringify(f)}`);
          // Nothing wider than the screen: no sideways scrolling on a phone.
          const overflow = await page.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            inner: window.innerWidth,
            culprits: [...document.querySelectorAll("body *")]
              .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest(".table-scroll, .visually-hidden"))
              .slice(0, 5)
              .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`),
          }));
          assert.ok(overflow.scroll <= overflow.inner, `page is wider than the screen: ${JSON.stringify(overflow)}`);
          const file = join(artifactsDir(), `${name}-${sizeName}.png`);
          await page.screenshot({ path: file, fullPage: true });
          assert.ok(statSync(file).size > 10_000, `${file} looks empty`);
          console.log(`# saved ${file}`);
          assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
        } finally {
          await context.close();
        }
      });
    }
  }
});
