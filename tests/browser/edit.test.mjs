// `oit edit`: a webmaster's monthly update, end to end in Chromium, on a copy of the example
// with December 2566 taken out of O7 and O15: December's O7 report uploaded (PDF + Word), O15
// December marked "ไม่มีการจัดซื้อจัดจ้าง", a row with a photo added to O1's executives, a news
// item written for O19. Then the tree is compared with what is expected (O7's index.md is the
// example's own again, byte for byte), `oit check` agrees with the editor and `oit build` works.
// Also: every item saved with no change leaves every file byte-identical; a bad date is refused
// at its field with check's message and nothing written; axe-core on every screen; screenshots
// at 1366×768 and 390×844.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { BUILD_TIMEOUT_MS, NO_PROBLEMS, artifactsDir, config, launch, newContext, takeProblems } from "./lib.mjs";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Every file under `dir` → sha256 of its bytes. */
function treeHashes(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

/** Removes the lines of month `key` (and the lines under it) from a front matter. */
function dropMonth(text, key) {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.startsWith(`  ${key}:`));
  let j = i + 1;
  while (j < lines.length && lines[j].startsWith("    ")) j++;
  lines.splice(i, j - i);
  return lines.join("\n");
}

async function startEditor(content, work) {
  const child = spawn(config.bin, ["edit", "--content", content, "--port", "0", "--no-open"], {
    env: { ...process.env, TMPDIR: work, LANG: "C.UTF-8" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`oit edit did not start:\n${log}`)), BUILD_TIMEOUT_MS);
    const look = () => {
      const m = log.match(/http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)/);
      if (m) {
        clearTimeout(timer);
        ok(m[0]);
      }
    };
    child.stderr.on("data", look);
    child.on("exit", (code) => fail(new Error(`oit edit exited with ${code}:\n${log}`)));
  });
  return { url, base: new URL(url).origin, stop: () => child.kill("SIGTERM"), log: () => log };
}

describe("oit edit: the monthly update", () => {
  let work, content, original, editor, browser, context, problems, page;
  const shots = [];
  before(async () => {
    work = mkdtempSync(join(tmpdir(), "oit-edit-"));
    content = join(work, "content");
    cpSync(config.content, content, { recursive: true });
    original = config.content;
    for (const [item, folder] of [["o07", "2566-12"], ["o15", "2566-12"]]) {
      const index = join(content, "ita", "2567", item, "index.md");
      writeFileSync(index, dropMonth(readFileSync(index, "utf8"), folder));
      rmSync(join(content, "ita", "2567", item, folder), { recursive: true });
    }
    editor = await startEditor(content, work);
    browser = await launch();
    ({ context, problems } = await newContext(browser, { viewport: { width: 1366, height: 768 } }));
    page = await context.newPage();
    await page.goto(editor.url);
  });
  after(async () => {
    await browser?.close();
    editor?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  async function axe(where) {
    await page.addScriptTag({ path: axePath });
    const r = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    assert.deepEqual(
      r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target).join(" ")}`),
      [],
      `axe on ${where}`,
    );
  }

  async function screens(name, reload = true) {
    for (const [w, h] of [[1366, 768], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      // As a phone opens it: the script folds the criteria text at narrow widths on load.
      if (w < 500 && reload) await page.reload();
      const file = join(artifactsDir(), `edit-${name}-${w}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
      const wide = await page.evaluate(() => document.scrollingElement.scrollWidth > innerWidth);
      assert.equal(wide, false, `${name} scrolls sideways at ${w} px`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
  }

  test("the token in the address becomes a cookie; the home screen shows what is missing", async () => {
    assert.equal(new URL(page.url()).search, "", "the token is taken out of the address bar");
    const o7 = page.locator("ol.items li", { hasText: "O7 " });
    await assert.doesNotReject(o7.locator(".badge.fail").waitFor());
    const row = page.locator("table.grid tr", { hasText: "O7" });
    assert.match(await row.innerText(), /✗ ขาด/);
    assert.match(await page.locator("#h-todo").innerText(), /สิ่งที่ต้องทำเดือนนี้/);
    await axe("home");
    await screens("home");
  });

  test("December's O7 report, PDF and Word, by upload: index.md is the example's own again", async () => {
    await page.locator("ol.items a", { hasText: "O7 " }).click();
    assert.equal(await page.locator(".missing a").innerText(), "ธันวาคม 2566", "the missing month is named at the top");
    assert.equal(await page.locator(".missing a").getAttribute("href"), "#m-2566-12");
    const dec = page.locator("#m-2566-12");
    assert.equal(await dec.getAttribute("open"), "", "the missing month is open");
    const title = page.locator("#f-month-2566-12-title");
    assert.equal(await title.inputValue(), "รายงานการปฏิบัติราชการประจำเดือนธันวาคม 2566");
    await axe("item O7");
    await screens("item-o07");
    await page.setInputFiles("#f-month-2566-12-files", [
      join(original, "ita/2567/o07/2566-12/report.pdf"),
      join(original, "ita/2567/o07/2566-12/report.docx"),
    ]);
    await page.getByRole("button", { name: "บันทึก", exact: true }).click();
    await page.locator(".saved").waitFor();
    for (const f of ["index.md", "2566-12/report.pdf", "2566-12/report.docx"]) {
      assert.deepEqual(
        readFileSync(join(content, "ita/2567/o07", f)),
        readFileSync(join(original, "ita/2567/o07", f)),
        `o07/${f} equals the example's`,
      );
    }
    assert.match(await page.locator("#m-2566-12 .badge").innerText(), /เผยแพร่แล้ว/);
  });

  test("O15 December: ไม่มีการจัดซื้อจัดจ้าง", async () => {
    await page.goto(editor.base + "/item/2567/o15");
    await page.check("#f-month-2566-12-none");
    assert.equal(await page.inputValue("#f-month-2566-12-reason"), "ไม่มีการจัดซื้อจัดจ้าง");
    await page.getByRole("button", { name: "บันทึก", exact: true }).click();
    await page.locator(".saved").waitFor();
    const text = readFileSync(join(content, "ita/2567/o15/index.md"), "utf8");
    const i11 = text.indexOf("2566-11:"), i12 = text.indexOf("2566-12:"), i01 = text.indexOf("2567-01:");
    assert.ok(i11 < i12 && i12 < i01, `December sits between November and January:\n${text}`);
    assert.match(text.slice(i12, i01), /none: ไม่มีการจัดซื้อจัดจ้าง/);
    // Everything but the new month is the example's text.
    const before = readFileSync(join(original, "ita/2567/o15/index.md"), "utf8");
    assert.equal(dropMonth(text, "2566-12"), dropMonth(before, "2566-12"));
  });

  test("O1: a row with a photo added to the executives", async () => {
    await page.goto(editor.base + "/item/2567/o01");
    await axe("item O1 (data tables)");
    await screens("item-o01");
    const grid = page.locator("fieldset.table", { hasText: "ทำเนียบผู้บริหาร" });
    const row = grid.locator("tr.new-row");
    const inputs = row.locator("input:not([type=file])");
    await inputs.nth(0).fill("ร.ต.อ.สมชาย ใจดี");
    await inputs.nth(1).fill("รองสารวัตรป้องกันปราบปราม");
    await inputs.nth(3).fill("054-591-109");
    await row.locator("input[type=file]").setInputFiles(join(original, "ita/2567/o01/photos/head.jpg"));
    await page.getByRole("button", { name: "บันทึก", exact: true }).click();
    await page.locator(".saved").waitFor();
    const yaml = readFileSync(join(content, "ita/2567/o01/executives.yaml"), "utf8");
    const before = readFileSync(join(original, "ita/2567/o01/executives.yaml"), "utf8");
    assert.ok(yaml.startsWith(before.trimEnd()), "the rows written by hand are kept as they were");
    const added = yaml.slice(before.trimEnd().length);
    assert.match(added, /ร\.ต\.อ\.สมชาย ใจดี/);
    assert.match(added, /photo: photos\/head-2\.jpg/);
    assert.match(added, /054-591-109/);
    assert.deepEqual(
      readFileSync(join(content, "ita/2567/o01/photos/head-2.jpg")),
      readFileSync(join(original, "ita/2567/o01/photos/head.jpg")),
    );
  });

  test("a news item for O19 with a photo", async () => {
    await page.goto(editor.base + "/news");
    await axe("news list");
    await page.getByRole("link", { name: "เขียนข่าวใหม่" }).click();
    // The date by keyboard alone: the calendar opens on Enter, a day is taken with Enter, and
    // Escape closes it without a choice.
    // The script adds the calendar button once it has run (it is deferred).
    await page.locator(".date-wrap button").waitFor();
    await page.focus("#f-date");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "ปฏิทิน");
    await page.keyboard.press("Enter");
    await page.locator(".cal").waitFor();
    await axe("calendar");
    for (let i = 0; i < 4; i++) await page.keyboard.press("Tab");
    const day = await page.evaluate(() => document.activeElement.getAttribute("aria-label"));
    await page.keyboard.press("Enter");
    assert.equal(await page.locator(".cal").count(), 0, "the calendar closes on a choice");
    const [d, , y] = day.split(" ");
    assert.match(await page.inputValue("#f-date"), new RegExp(`^${d}/\\d+/${y}$`));
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.locator(".cal").waitFor();
    await page.keyboard.press("Escape");
    assert.equal(await page.locator(".cal").count(), 0, "Escape closes the calendar");
    await axe("news form");
    await screens("news-new");
    await page.fill("#f-title", "สภ.สอง ประชุมชี้แจงแนวทางการประเมิน ITA");
    await page.fill("#f-date", "28/3/2567");
    await page.check("#f-items-O19");
    await page.check("#f-tags-ita");
    await page.setInputFiles("#f-photo-new", join(original, "ita/2567/o01/photos/head.jpg"));
    await page.fill("#f-photo-new-alt", "ผกก.สภ.สอง ชี้แจงแนวทางการประเมิน");
    await page.fill("#f-body", "ผู้กำกับการชี้แจงแนวทางการประเมิน ITA แก่ข้าราชการตำรวจในสถานี");
    await page.locator("#preview-body p").waitFor();
    await page.getByRole("button", { name: "บันทึกข่าว" }).click();
    await page.locator(".saved").waitFor();
    const dir = readdirSync(join(content, "news")).find((d) => d.startsWith("2567-03-28-"));
    assert.ok(dir, "a folder named by the date");
    const text = readFileSync(join(content, "news", dir, "index.md"), "utf8");
    assert.match(text, /^---\ntitle: สภ\.สอง ประชุมชี้แจงแนวทางการประเมิน ITA\ndate: 2567-03-28\nitems: \[O19\]\ntags: \[ita\]\nphotos:\n/);
    assert.match(text, /file: head\.jpg/);
    assert.match(text, /---\nผู้กำกับการชี้แจงแนวทางการประเมิน ITA แก่ข้าราชการตำรวจในสถานี\n$/);
  });

  test("oit check agrees with the editor, and oit build succeeds", async () => {
    await page.goto(editor.base + "/");
    assert.equal(await page.locator("ol.items .badge.fail").count(), 0, "no item fails in the editor");
    const check = spawnSync(config.bin, ["check", "--content", content, "--format", "json"], { encoding: "utf8" });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const report = JSON.parse(check.stdout);
    const y = report.years.find((r) => r.year === 2567);
    assert.equal(y.monthly.find((m) => m.code === "O7").months["2566-12"], "filled");
    assert.equal(y.monthly.find((m) => m.code === "O15").months["2566-12"], "none_stated");
    const news = y.items.find((i) => i.code === "O19");
    assert.equal(news.status, "pass");
    const out = join(work, "site");
    const build = spawnSync(config.bin, ["build", "--content", content, "--out", out], { encoding: "utf8" });
    assert.equal(build.status, 0, build.stderr);
  });

  test("a bad date is refused at its field with check's words; nothing is written", async () => {
    await page.goto(editor.base + "/item/2567/o07");
    const before = treeHashes(content);
    await page.fill("#f-updated", "31/02/2567");
    await page.getByRole("button", { name: "บันทึก", exact: true }).click();
    const err = page.locator("#f-updated-err");
    await err.waitFor();
    assert.match(await err.innerText(), /กุมภาพันธ์/);
    assert.equal(await page.getAttribute("#f-updated", "aria-invalid"), "true");
    assert.deepEqual(treeHashes(content), before);
    const seen = takeProblems(problems);
    assert.deepEqual(seen.failed.map((f) => f.replace(/^.*: /, "")), ["HTTP 422"], "only the refused save");
    await axe("item with an error");
    await screens("item-error", false);
  });

  test("every item, the station and every page saved with no change: every file stays byte-identical", async () => {
    await page.goto(editor.base + "/station");
    await axe("station");
    await screens("station");
    const before = treeHashes(content);
    await page.getByRole("button", { name: "บันทึก", exact: true }).click();
    await page.locator(".saved").waitFor();
    for (let n = 1; n <= 25; n++) {
      const code = `o${String(n).padStart(2, "0")}`;
      await page.goto(`${editor.base}/item/2567/${code}`);
      await page.getByRole("button", { name: "บันทึก", exact: true }).click();
      await page.locator(".saved").waitFor();
    }
    await page.goto(`${editor.base}/pages`);
    const pages = await page.locator("main li a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.ok(pages.length >= 4, `the ordinary pages are listed: ${pages}`);
    for (const href of pages) {
      await page.goto(editor.base + href);
      if (href === pages[0]) await axe(`page ${href}`);
      await page.getByRole("button", { name: "บันทึก", exact: true }).click();
      await page.locator(".saved").waitFor();
    }
    assert.deepEqual(treeHashes(content), before);
    assert.deepEqual(takeProblems(problems), NO_PROBLEMS);
  });
});
