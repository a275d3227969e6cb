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

  function segment(q) {
    q = q.toLowerCase().trim();
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
    for (var k = 0; k < idx.docs.length; k++) {
      var d = idx.docs[k];
      if ((d.t + " " + d.x).toLowerCase().indexOf(token) !== -1) hit[k] = (hit[k] || 0) + 1;
    }
    return hit;
  }

  function esc(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function highlight(text, tokens) {
    var lower = text.toLowerCase();
    var at = -1, tok = "";
    for (var i = 0; i < tokens.length && at < 0; i++) { at = lower.indexOf(tokens[i]); tok = tokens[i]; }
    var start = Math.max(0, at - 60);
    var piece = at < 0 ? text.slice(0, 160) : text.slice(start, start + 200);
    var out = esc(piece);
    tokens.forEach(function (t) {
      if (!t) return;
      out = out.split(esc(t)).join("<mark>" + esc(t) + "</mark>");
    });
    return (start > 0 ? "…" : "") + out + "…";
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
    var ids = Object.keys(score).sort(function (a, b) { return score[b] - score[a] || a - b; });
    status.textContent = ids.length ? "พบ " + ids.length + " รายการสำหรับ “" + q + "”" : "ไม่พบผลการค้นหาสำหรับ “" + q + "”";
    ids.slice(0, 50).forEach(function (id) {
      var d = idx.docs[id];
      var li = document.createElement("li");
      li.innerHTML = '<a href="' + esc(root + d.u) + '">' + (d.c ? '<span class="code-badge">' + esc(d.c) + "</span> " : "") +
        esc(d.t) + "</a><p>" + highlight(d.x, tokens) + "</p>";
      list.appendChild(li);
    });
  }

  var params = new URLSearchParams(location.search);
  var q0 = params.get("q") || "";
  input.value = q0;
  run(q0);
  document.getElementById("search-form").addEventListener("submit", function (e) { e.preventDefault(); run(input.value); });
  input.addEventListener("input", function () { run(input.value); });
})();
