// The pages as citizens and assessors see them (issue #16), measured in Chromium at a laptop,
// a tablet and a phone size, on every page of the example station and of tests/fixtures/wide
// (long Thai names, a 12-column procurement table, long file names):
//  - no page scrolls sideways;
//  - every table fits its box, or shows its header cells through its own layout: cards whose
//    cells carry their header, or a scroll box no taller than the screen whose header row is
//    held in place, with a visible hint, in which every header cell can be scrolled into view;
//  - no part of a person's name (first name, surname) is cut across two lines, nor the Thai
//    compounds the browser's dictionary used to cut (กำลัง|พล, ร้อง|เรียน);
//  - phones keep the vertical padding of the footer and item layout; news photos are not
//    cropped.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { BUILD_TIMEOUT_MS, config, launch, newContext, repoRoot, siteDir, takeProblems } from "./lib.mjs";

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];

/** Compounds that Chromium cut before they were kept whole (see src/render/templates.rs). */
const COMPOUNDS = ["กำลังพล", "ร้องเรียน", "งบประมาณ", "ประพฤติมิชอบ", "จัดซื้อจัดจ้าง"];

let browser;
let work;
const sites = {};

function htmlFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith(".html")) out.push(relative(dir, join(e.parentPath ?? e.path, e.name)));
  }
  return out.sort();
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), "oit-layout-"));
  const fixture = join(work, "wide");
  execFileSync(config.bin, ["build", "--content", join(repoRoot, "tests", "fixtures", "wide"), "--out", fixture], {
    stdio: ["ignore", "ignore", "inherit"],
    timeout: BUILD_TIMEOUT_MS,
  });
  sites.example = siteDir();
  sites.wide = fixture;
  browser = await launch();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/**
 * Runs in the page: what is wrong with its layout, as readable strings. Scrolls the tables it
 * measures (the page is not reused afterwards).
 */
function measure({ compounds }) {
  const problems = [];
  const W = innerWidth;
  const H = innerHeight;
  const scroller = document.scrollingElement;
  if (scroller.scrollWidth > W) problems.push(`page scrolls sideways: ${scroller.scrollWidth} px wide in ${W}`);

  const visible = (el) => el.getClientRects().length > 0 && el.checkVisibility({ visibilityProperty: true });
  const text = (el) => el.textContent.replace(/\s+/g, " ").trim();

  // --- Tables ---
  for (const table of document.querySelectorAll("table")) {
    if (!visible(table)) continue; // in a closed <details>
    const heads = [...table.querySelectorAll("thead th")];
    const name = text(table.querySelector("caption") ?? table).slice(0, 50);
    let box = table;
    for (let el = table; el && el !== document.body; el = el.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(el).overflowX)) {
        box = el;
        break;
      }
    }
    const headHidden = heads.length > 0 && heads.every((th) => th.getBoundingClientRect().width <= 1);
    const fits =
      box.scrollWidth <= box.clientWidth + 1 && (box === table || table.getBoundingClientRect().width <= box.clientWidth + 1);
    if (fits) {
      // Stacked cards: a data table's cells must say which column they belong to.
      if (headHidden && table.closest(".data-table")) {
        const labels = heads.map(text);
        for (const row of table.querySelectorAll("tbody tr")) {
          [...row.children].forEach((cell, i) => {
            const shown = getComputedStyle(cell, "::before").content;
            if (!shown.includes(labels[i])) problems.push(`table "${name}": card cell ${i + 1} shows ${shown}, not "${labels[i]}"`);
          });
        }
      }
      continue;
    }
    // Wider than its box: a scroll box that keyboard users can reach, no taller than the screen
    // (its scroll bar in sight), with a visible hint, and its header cells held in place.
    const where = `table "${name}" (${Math.round(table.getBoundingClientRect().width)} px in ${box.clientWidth})`;
    if (box === table && getComputedStyle(table).display !== "block") {
      problems.push(`${where}: wider than the page column, with no scroll box`);
      continue;
    }
    if (box.tabIndex < 0) problems.push(`${where}: scroll box not focusable`);
    if (box.getBoundingClientRect().height > H) problems.push(`${where}: scroll box ${Math.round(box.getBoundingClientRect().height)} px tall, screen ${H}`);
    const hint = table.closest(".data-table")?.querySelector(".scroll-hint");
    if (!hint || !visible(hint) || hint.getBoundingClientRect().height < 10) problems.push(`${where}: no visible hint that columns are hidden`);
    if (heads.length === 0) problems.push(`${where}: no header row`);
    const boxRect = () => box.getBoundingClientRect();
    // A first column held in place (sticky to the left) covers that much of the box.
    const first = heads[0] && getComputedStyle(heads[0]);
    const stickyFirst = first?.position === "sticky" && first.left !== "auto" ? heads[0].getBoundingClientRect().width : 0;
    heads.forEach((th, i) => {
      box.scrollLeft = Math.max(0, th.offsetLeft - stickyFirst);
      const r = th.getBoundingClientRect();
      const b = boxRect();
      if (r.left < b.left - 1 || r.right > b.right + 1) problems.push(`${where}: header "${text(th)}" cannot be scrolled into view`);
    });
    // Scrolled sideways and down, the header row and the first column stay in the box.
    box.scrollLeft = box.scrollWidth;
    box.scrollTop = box.scrollHeight;
    const b = boxRect();
    for (const th of heads.slice(0, 1).concat(heads.slice(-1))) {
      const r = th.getBoundingClientRect();
      if (r.top < b.top - 1 || r.bottom > b.bottom + 1) problems.push(`${where}: header "${text(th)}" leaves the box when scrolled down`);
    }
    if (stickyFirst && heads[0].getBoundingClientRect().left < b.left - 1) problems.push(`${where}: first column leaves the box when scrolled sideways`);
    box.scrollLeft = 0;
    box.scrollTop = 0;
  }

  // --- Words cut across lines ---
  // The range of `word` at each place it occurs in `el`'s text (across inline elements).
  const ranges = (el, word) => {
    const nodes = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let all = "";
    for (let n; (n = walker.nextNode()); ) {
      nodes.push([n, all.length]);
      all += n.data;
    }
    const at = (pos) => {
      let k = nodes.length - 1;
      while (k > 0 && nodes[k][1] > pos) k--;
      return [nodes[k][0], pos - nodes[k][1]];
    };
    const out = [];
    for (let i = all.indexOf(word); i >= 0 && word; i = all.indexOf(word, i + word.length)) {
      const r = document.createRange();
      r.setStart(...at(i));
      const [endNode, endOffset] = at(i + word.length - 1);
      r.setEnd(endNode, endOffset + 1);
      out.push(r);
    }
    return out;
  };
  const lines = (range) => new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  const cut = (el, word, what) => {
    for (const r of ranges(el, word)) {
      if (lines(r) > 1) problems.push(`${what} "${word}" cut across lines in: ${text(el).slice(0, 80)}`);
    }
  };

  // People's names: officer lists and the cells of name columns. Any part of up to 26
  // characters (the longest rank+first name or surname); longer ones are shop names written
  // as one word, which may wrap.
  const nameCells = [...document.querySelectorAll(".officer-name")];
  for (const table of document.querySelectorAll("table")) {
    if (!visible(table)) continue;
    [...table.querySelectorAll("thead th")].forEach((th, i) => {
      const label = text(th);
      if (!/ชื่อ|สกุล|ผู้ได้รับการคัดเลือก|ผู้เสนอราคา|ผู้รับผิดชอบ/.test(label) || /ชื่อ(เอกสาร|โครงการ|ไฟล์)/.test(label)) return;
      for (const row of table.querySelectorAll("tbody tr")) if (row.children[i]) nameCells.push(row.children[i]);
    });
  }
  for (const el of nameCells) {
    for (const part of text(el).split(" ")) {
      if (part && [...part].length <= 26) cut(el, part, "name part");
    }
  }
  // Compounds, where the site's own text is: bodies, titles, tables, officer lists, cards, posters.
  const places = document.querySelectorAll(
    ".prose, .item-heading h1, .criteria-box, .data-table, .officers, .ncard, .ocard, .year-table, .poster, .news-h1",
  );
  for (const el of places) {
    if (!visible(el)) continue;
    for (const w of compounds) cut(el, w, "compound");
  }

  // --- Spacing and photos ---
  for (const sel of [".footer-grid", ".item-layout", ".topbar-inner"]) {
    const el = document.querySelector(sel);
    if (el && parseFloat(getComputedStyle(el).paddingTop) < 4) problems.push(`${sel}: no top padding`);
  }
  for (const img of document.querySelectorAll("img.ncard-photo")) {
    if (!img.naturalWidth) continue;
    const r = img.getBoundingClientRect();
    const fit = getComputedStyle(img).objectFit;
    const ratio = img.naturalWidth / img.naturalHeight / (r.width / r.height);
    if (fit === "cover" && Math.abs(ratio - 1) > 0.02) problems.push(`news photo ${img.currentSrc.split("/").slice(-2).join("/")} cropped`);
  }
  return problems;
}

/**
 * Every page of both sites, loaded once and measured at each viewport in turn (resizing is far
 * cheaper than loading the page again): viewport width → problems found.
 */
async function measureAll() {
  const found = new Map(VIEWPORTS.map((v) => [v.width, []]));
  const { context, problems: seen } = await newContext(browser, { viewport: VIEWPORTS[0] });
  const page = await context.newPage();
  let pages = 0;
  try {
    for (const [siteName, dir] of Object.entries(sites)) {
      for (const rel of htmlFiles(dir)) {
        await page.setViewportSize(VIEWPORTS[0]);
        await page.goto(pathToFileURL(join(dir, rel)).href);
        await page.evaluate(async () => {
          for (const img of document.images) img.loading = "eager";
          await document.fonts.ready;
          await Promise.all(
            [...document.images].map((i) => (i.complete ? null : new Promise((ok) => ((i.onload = ok), (i.onerror = ok))))),
          );
        });
        for (const viewport of VIEWPORTS) {
          await page.setViewportSize(viewport);
          // Scroll-driven animations (the hint) follow a resize at the next frames.
          await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
          for (const p of await page.evaluate(measure, { compounds: COMPOUNDS })) {
            found.get(viewport.width).push(`${siteName}/${rel}: ${p}`);
          }
        }
        pages++;
      }
    }
  } finally {
    await context.close();
  }
  return { found, pages, seen: takeProblems(seen) };
}

let measured;
for (const viewport of VIEWPORTS) {
  test(`layout at ${viewport.width}×${viewport.height}`, async () => {
    measured ??= await measureAll();
    assert.ok(measured.pages > 50, `only ${measured.pages} pages measured`);
    assert.deepEqual(measured.found.get(viewport.width), []);
    const { console: errors, pageErrors } = measured.seen;
    assert.deepEqual({ errors, pageErrors }, { errors: [], pageErrors: [] });
  });
}
