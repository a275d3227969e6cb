/* oit default theme. Loaded with `defer`; the inline script in <head> has already applied the
   reader's saved settings, so nothing here changes what the first paint shows. */
(function () {
  var root = document.documentElement;

  /* The main menu is a <details open> element, so without this script it simply stays open. On
     narrow screens it collapses behind its button (CSS keeps it hidden until this has run). */
  var menu = document.querySelector("details.menu");
  if (menu && window.matchMedia) {
    var narrow = window.matchMedia("(max-width: 899.98px)");
    var sync = function () {
      if (narrow.matches) menu.removeAttribute("open");
      else menu.setAttribute("open", "");
    };
    sync();
    if (narrow.addEventListener) narrow.addEventListener("change", sync);
    else if (narrow.addListener) narrow.addListener(sync);
  }
  root.className += " menu-ready";

  /* Reader tools: text size and high contrast, remembered across pages in localStorage. */
  var tools = document.querySelector(".reader-tools");
  if (!tools) return;
  var store = null;
  try { store = window.localStorage; } catch (e) { /* blocked: settings last for this page */ }
  function save(key, value) {
    if (!store) return;
    try {
      if (value) store.setItem(key, value);
      else store.removeItem(key);
    } catch (e) { /* full or blocked: nothing to do */ }
  }
  function setClass(name, on) {
    var names = root.className.split(/\s+/).filter(function (c) { return c && c !== name; });
    if (on) names.push(name);
    root.className = names.join(" ");
  }
  function textSize() {
    return /\btext-xl\b/.test(root.className) ? "xl" : /\btext-lg\b/.test(root.className) ? "lg" : "";
  }
  function refresh() {
    var size = textSize();
    var contrast = /\bcontrast\b/.test(root.className);
    var buttons = tools.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      var on = b.hasAttribute("data-contrast") ? contrast : b.getAttribute("data-text") === size;
      b.setAttribute("aria-pressed", on ? "true" : "false");
    }
  }
  tools.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("button") : null;
    if (!b) return;
    if (b.hasAttribute("data-contrast")) {
      var on = !/\bcontrast\b/.test(root.className);
      setClass("contrast", on);
      save("oit-contrast", on ? "1" : "");
    } else {
      var size = b.getAttribute("data-text");
      setClass("text-lg", size === "lg");
      setClass("text-xl", size === "xl");
      save("oit-text", size);
    }
    refresh();
  });
  refresh();
})();
