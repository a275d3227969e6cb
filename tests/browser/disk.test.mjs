// The built example opened straight from disk (file://): navigation to every item, the Thai
// search, and the bundled Sarabun font.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  ITEM_COUNT,
  NO_PROBLEMS,
  YEAR,
  fileUrl,
  fontReport,
  launch,
  newContext,
  takeProblems,
  thaiTextFonts,
  fontList,
  walkItems,
} from "./lib.mjs";

const codes = Array.from({ length: ITEM_COUNT }, (_, i) => `O${i + 1}`);

describe("from disk (file://)", () => {
  let browser, context, problems, page;
  before(async () => {
    browser = await launch();
    ({ context, problems } = await newContext(browser));
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
  });

  test("home → fiscal year → all 25 items, by the year's list and by the pager", async () => {
    const steps = [];
    const { links, visited, chain } = await walkItems(page, fileUrl("index.html"), (step, info) =>
      steps.push({ step, ...info }),
    );
    assert.match(steps[0].h1, new RegExp(`${YEAR}`), "home h1 names the fiscal year");
    assert.ok(steps[1].url.endsWith(`/ita/${YEAR}/index.html`), `year page url: ${steps[1].url}`);
    assert.equal(links.length, ITEM_COUNT, `the year page links every item:\n${links.join("\n")}`);
    assert.deepEqual(
      visited.map((v) => v.code),
      codes,
    );
    for (const v of visited) {
      assert.ok(v.url.startsWith("file://") && v.url.endsWith(v.href.replace(/^(\.\.\/)+/, "")), v.url);
      assert.equal(v.badge, v.code, `${v.url}: code badge`);
      assert.ok(v.h1.includes(v.code), `${v.url}: h1 ${JSON.stringify(v.h1)} names ${v.code}`);
      assert.deepEqual(v.broken, [], `${v.url}: images that do not load`);
    }
    assert.deepEqual(chain, codes, "the pager's next links walk O1 … O25 in order");
    assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
  });

  test("search for จัดซื้อ (only inside the compound จัดซื้อจัดจ้าง in the text) finds O14 and O15", async () => {
    await page.goto(fileUrl("index.html"));
    // Through the search box of the header, as a visitor would.
    await page.locator("#site-search-q").fill("จัดซื้อ");
    await page.locator("#site-search-q").press("Enter");
    await page.waitForURL(/\/search\/index\.html\?q=/);
    await page.locator("#search-results li").first().waitFor();
    const found = await page.locator("#search-results .code-badge").allInnerTexts();
    assert.ok(found.includes("O14") && found.includes("O15"), `results: ${found.join(", ")}`);
    assert.match(await page.locator("#search-status").innerText(), /พบ \d+ รายการ/);
    // The matched word is highlighted in the excerpt.
    assert.ok((await page.locator("#search-results mark").count()) > 0, "no <mark> in the results");

    // Precondition of the test: in the text of O14 and O15, จัดซื้อ never stands alone.
    const facts = await page.evaluate(() => {
      const idx = window.OIT_SEARCH;
      const texts = idx.docs.filter((d) => d.c === "O14" || d.c === "O15").map((d) => `${d.t} ${d.x}`);
      const all = texts.join(" ");
      const seg = [...new Intl.Segmenter("th", { granularity: "word" }).segment("จัดซื้อ")]
        .filter((s) => s.isWordLike)
        .map((s) => s.segment);
      return {
        occurrences: (all.match(/จัดซื้อ/g) || []).length,
        inCompound: (all.match(/จัดซื้อจัดจ้าง/g) || []).length,
        indexHasWord: Object.prototype.hasOwnProperty.call(idx.words, "จัดซื้อ"),
        browserTokens: seg,
      };
    });
    assert.ok(facts.occurrences > 0);
    assert.equal(facts.inCompound, facts.occurrences, "every จัดซื้อ in O14/O15 is part of จัดซื้อจัดจ้าง");
    console.log(
      `# จัดซื้อ: ${facts.occurrences} occurrences in O14/O15, all in จัดซื้อจัดจ้าง; ` +
        `the build's segmenter indexed จัดซื้อ as its own word: ${facts.indexHasWord}; ` +
        `Chromium's Intl.Segmenter splits the query into ${JSON.stringify(facts.browserTokens)}`,
    );
    assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
  });

  test("search for ตลับ (part of ตลับหมึก) finds O15", async () => {
    await page.goto(fileUrl("search/index.html") + "?q=" + encodeURIComponent("ตลับ"));
    await page.locator("#search-results li").first().waitFor();
    const found = await page.locator("#search-results .code-badge").allInnerTexts();
    assert.ok(found.includes("O15"), `results: ${found.join(", ")}`);
    assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
  });

  test("a word indexed only inside a longer word still finds its page", async () => {
    // Chosen from the index itself, so the test does not depend on how the build segmenter
    // happens to split a given compound: a Thai word the browser's segmenter finds inside an
    // index word but that is not an index word of its own.
    await page.goto(fileUrl("search/index.html"));
    const pick = await page.evaluate(() => {
      const idx = window.OIT_SEARCH;
      const words = new Set(Object.keys(idx.words));
      const seg = new Intl.Segmenter("th", { granularity: "word" });
      for (const long of Object.keys(idx.words)) {
        if (!/^[\u0e00-\u0e7f]{6,}$/.test(long)) continue;
        for (const s of seg.segment(long)) {
          const w = s.segment;
          if (s.isWordLike && w.length >= 3 && w !== long && !words.has(w)) {
            const codes = idx.words[long].map((i) => idx.docs[i].c).filter((c) => c);
            if (codes.length) return { w, long, codes };
          }
        }
      }
      return null;
    });
    assert.ok(pick, "precondition: some Thai index word contains a shorter word that is not indexed alone");
    await page.goto(fileUrl("search/index.html") + "?q=" + encodeURIComponent(pick.w));
    await page.locator("#search-results li").first().waitFor();
    const found = await page.locator("#search-results .code-badge").allInnerTexts();
    assert.ok(found.includes(pick.codes[0]), `${pick.w} (inside ${pick.long}, ${pick.codes}): results ${found.join(", ")}`);
    assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
  });

  test("a search with no match says so", async () => {
    await page.goto(fileUrl("search/index.html") + "?q=" + encodeURIComponent("ฮิปโปโปเตมัส"));
    await page.locator("#search-status").filter({ hasText: "ไม่พบ" }).waitFor();
    assert.equal(await page.locator("#search-results li").count(), 0);
    assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
  });

  for (const path of ["index.html", `ita/${YEAR}/index.html`, `ita/${YEAR}/o01/index.html`, `ita/${YEAR}/o14/index.html`, "news/index.html", "search/index.html?q=%E0%B8%88%E0%B8%B1%E0%B8%94%E0%B8%8B%E0%B8%B7%E0%B9%89%E0%B8%AD"]) {
    test(`Thai text of ${path} is drawn in the bundled Sarabun`, async () => {
      const [file, query] = path.split("?");
      await page.goto(fileUrl(file) + (query ? `?${query}` : ""));
      const f = await fontReport(page);
      assert.ok(f.check, "document.fonts.check('16px Sarabun') after document.fonts.ready");
      assert.ok(f.loadedThaiFaces > 0, "a Thai-range Sarabun face is loaded");
      assert.match(f.bodyFont, /^"?Sarabun"?,/, `body font-family: ${f.bodyFont}`);
      assert.match(f.h1Font, /^"?Sarabun"?,/, `h1 font-family: ${f.h1Font}`);
      const { count, nodes } = await thaiTextFonts(page);
      assert.ok(count > 10, `only ${count} elements with Thai text`);
      const notSarabun = (fonts) => fonts.length === 0 || fonts.some((x) => x.familyName !== "Sarabun" || !x.isCustomFont);
      const wrong = nodes.filter((n) => notSarabun(n.thaiFonts));
      assert.deepEqual(
        wrong.map((n) => `${n.html} → ${fontList(n.thaiFonts)}`),
        [],
        "elements whose Thai letters are drawn (partly) with a font other than the bundled Sarabun",
      );
      // Not a failure: symbols next to Thai text (arrows …) that Sarabun's subsets lack.
      for (const n of nodes.filter((n) => notSarabun(n.fonts))) {
        console.log(`# ${path}: non-Thai symbol drawn with a fallback font: ${n.html} → ${fontList(n.fonts)}`);
      }
      assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
    });
  }
});
