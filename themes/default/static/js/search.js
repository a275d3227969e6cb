/* Offline Thai search over search-index.js (window.OIT_SEARCH), which the build writes with
   words segmented by ICU4X. The query is segmented by the browser (Intl.Segmenter); because the
   two segmenters split some words differently, a query word matches an indexed word that
   contains it (or is contained in it), and the page text as a last resort. */
(function () {
  "use strict";
  var idx = window.OIT_SEARCH;
  var me = document.currentScript;
  var root = (me && me.getAttribute("data-root")) || "";
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!idx || !input || !list) return;
  var words = Object.keys(idx.words);

  /* Lower case of equal length, so that a position found in it is the same position in the
     original text (the few characters whose lower case is longer, such as İ, stay as they are). */
  function lower(s) {
    return Array.from(s, function (c) {
      var l = c.toLowerCase();
      return l.length === c.length ? l : c;
    }).join("");
  }
  var low = idx.docs.map(function (d) {
    return { t: lower(d.t), x: lower(d.x), c: lower(d.c || "") };
  });

  function segment(q) {
    q = lower(q).trim();
    if (!q) return [];
    if (window.Intl && Intl.Segmenter) {
      var seg = new Intl.Segmenter("th", { granularity: "word" });
      var out = [];
      for (var s of seg.segment(q)) if (s.isWordLike) out.push(s.segment);
      if (out.length) return out;
    }
    return q.split(/\s+/);
  }

  function docsFor(token) {
    var hit = {};
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      if (w.indexOf(token) !== -1 || (w.length > 1 && token.indexOf(w) !== -1 && w.length * 2 >= token.length)) {
        var ds = idx.words[w];
        for (var j = 0; j < ds.length; j++) hit[ds[j]] = (hit[ds[j]] || 0) + (w === token ? 3 : 1);
      }
    }
    for (var k = 0; k < low.length; k++) {
      if ((low[k].t + " " + low[k].x).indexOf(token) !== -1) hit[k] = (hit[k] || 0) + 1;
    }
    return hit;
  }

  /* What a visitor expects first: the item whose code they typed ("O15", "o 15"), then pages
     whose title holds the query, then pages whose text holds it as typed; the word score above
     only orders pages within these tiers. */
  function boost(k, phrase, tokens) {
    var d = low[k], b = 0;
    if (d.c && d.c === phrase) b += 10000;
    else if (d.c && tokens.indexOf(d.c) !== -1) b += 1000;
    var title = d.t.replace(/\s+/g, "");
    if (title.indexOf(phrase) !== -1) b += 100;
    tokens.forEach(function (t) { if (title.indexOf(t) !== -1) b += 10; });
    if (phrase.length > 1 && d.x.replace(/\s+/g, "").indexOf(phrase) !== -1) b += 5;
    return b;
  }

  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Where the query words occur in `text` (any case), as [start, end) spans; spans that touch
     or overlap are one span, so the pieces of จัดซื้อจัดจ้าง (จัด|ซื้อ|จัด|จ้าง) are one <mark>. */
  function spans(text, tokens) {
    var l = lower(text), found = [];
    tokens.forEach(function (t) {
      if (!t) return;
      for (var at = l.indexOf(t); at !== -1; at = l.indexOf(t, at + t.length)) found.push([at, at + t.length]);
    });
    found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    found.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    return merged;
  }

  /* What to mark in `text`: the query as typed where the text holds it, else its words (a lone
     จัด of จัดการ is no help where จัดซื้อจัดจ้าง itself is in the text). */
  function needles(text, typed, tokens) {
    return typed && lower(text).indexOf(typed) !== -1 ? [typed] : tokens;
  }

  /* text[start, end) as HTML with the spans marked. */
  function marked(text, all, start, end) {
    var html = "", at = start;
    all.forEach(function (s) {
      if (s[1] <= start || s[0] >= end) return;
      var a = Math.max(s[0], start), b = Math.min(s[1], end);
      html += esc(text.slice(at, a)) + "<mark>" + esc(text.slice(a, b)) + "</mark>";
      at = b;
    });
    return html + esc(text.slice(at, end));
  }

  /* About 200 characters around the longest match (the whole compound rather than a lone
     จัด), starting at a word where a space is near, never cutting a match. */
  function snippet(text, typed, tokens) {
    var all = spans(text, needles(text, typed, tokens)), best = null;
    all.forEach(function (s) { if (!best || s[1] - s[0] > best[1] - best[0]) best = s; });
    var start = 0;
    if (best && best[0] > 60) {
      start = best[0] - 60;
      var space = text.indexOf(" ", start);
      if (space !== -1 && space < best[0] && space - start < 40) start = space + 1;
    }
    var end = Math.min(text.length, start + 200);
    all.forEach(function (s) { if (s[0] < end && s[1] > end) end = s[1]; });
    return (start > 0 ? "…" : "") + marked(text, all, start, end) + (end < text.length ? "…" : "");
  }

  function run(q) {
    var tokens = segment(q);
    list.innerHTML = "";
    if (!tokens.length) { status.textContent = ""; return; }
    var score = null;
    tokens.forEach(function (t) {
      var hit = docsFor(t);
      if (score === null) { score = hit; return; }
      var both = {};
      for (var d in score) if (hit[d]) both[d] = score[d] + hit[d];
      score = both;
    });
    var typed = lower(q).trim().replace(/\s+/g, " ");
    var phrase = typed.replace(/ /g, "");
    for (var k in score) score[k] += boost(k, phrase, tokens);
    var ids = Object.keys(score).sort(function (a, b) { return score[b] - score[a] || a - b; });
    status.textContent = ids.length ? "พบ " + ids.length + " รายการสำหรับ “" + q + "”" : "ไม่พบผลการค้นหาสำหรับ “" + q + "”";
    ids.slice(0, 50).forEach(function (id) {
      var d = idx.docs[id];
      var li = document.createElement("li");
      li.innerHTML = '<a href="' + esc(root + d.u) + '">' + (d.c ? '<span class="code-badge">' + esc(d.c) + "</span> " : "") +
        marked(d.t, spans(d.t, needles(d.t, typed, tokens)), 0, d.t.length) + "</a><p>" + snippet(d.x, typed, tokens) + "</p>";
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(location.search);
  var q0 = params.get("q") || "";
  // A result page is not a page to index (engines that run scripts read this).
  if (q0) {
    var robots = document.createElement("meta");
    robots.name = "robots";
    robots.content = "noindex";
    document.head.appendChild(robots);
  }
  input.value = q0;
  run(q0);
  document.getElementById("search-form").addEventListener("submit", function (e) { e.preventDefault(); run(input.value); });
  input.addEventListener("input", function () { run(input.value); });
})();
