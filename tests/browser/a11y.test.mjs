// axe-core on one page of every template of the default theme (desktop width): no violation of
// any impact (critical, serious, moderate or minor), best-practice rules included (unique
// landmarks, one <main>, all content inside landmarks). A failure names the page, and each rule's
// id, impact and offending elements. The pages come from a plain static server on 127.0.0.1:
// axe reads the style sheets by XHR, which file:// refuses.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { YEAR, launch, newContext, serveStatic, siteDir, takeProblems, NO_PROBLEMS } from "./lib.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** template → a page built from it (plus a query string for the search). */
export const TEMPLATES = [
  ["home.html", "index.html"],
  ["year.html", `ita/${YEAR}/index.html`],
  ["item.html (tables, attachments)", `ita/${YEAR}/o01/index.html`],
  ["item.html (monthly reports)", `ita/${YEAR}/o14/index.html`],
  ["archive.html", "ita/index.html"],
  ["news_list.html", "news/index.html"],
  ["news.html", "news/2567-01-15-eit-survey/index.html"],
  ["page.html", "contact/index.html"],
  ["sitemap.html", "sitemap/index.html"],
  ["search.html (with results)", "search/index.html", "?q=" + encodeURIComponent("จัดซื้อ")],
  ["404.html", "404.html"],
  ["posters (QR posters)", "posters/index.html"],
];

function describeViolation(v) {
  const nodes = v.nodes
    .slice(0, 8)
    .map((n) => `      ${n.target.join(" ")}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, "\n        ")}` : ""}`)
    .join("\n");
  const more = v.nodes.length > 8 ? `\n      … and ${v.nodes.length - 8} more` : "";
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node(s))\n${nodes}${more}`;
}

describe("axe-core on every template", () => {
  let browser, context, problems, page, web;
  before(async () => {
    web = await serveStatic(siteDir());
    browser = await launch();
    ({ context, problems } = await newContext(browser, { viewport: { width: 1280, height: 900 } }));
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await web?.close();
  });

  for (const [template, path, query = ""] of TEMPLATES) {
    test(`${template}: ${path}${query} has no axe violation`, async () => {
      const resp = await page.goto(web.base + path + query);
      assert.equal(resp.status(), 200);
      await page.evaluate(() => document.fonts.ready);
      if (query) await page.locator("#search-results li").first().waitFor();
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() =>
        window.axe.run(document, { resultTypes: ["violations"], reporter: "v2" }),
      );
      const shown = path + decodeURIComponent(query);
      const found = result.violations.map((v) => `${v.id} (${v.impact}) on ${shown}`);
      assert.deepEqual(
        found,
        [],
        `${template} (${shown}) — ${result.violations.length} axe violation(s):\n` +
          result.violations.map(describeViolation).join("\n"),
      );
      assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
    });
  }
});
