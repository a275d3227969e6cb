/* oit default theme: collapse the main menu behind its button on narrow screens.
   The menu is a <details open> element, so without this script it simply stays open. */
(function () {
  var menu = document.querySelector("details.menu");
  if (!menu || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 899.98px)");
  function sync() {
    if (narrow.matches) menu.removeAttribute("open");
    else menu.setAttribute("open", "");
  }
  sync();
  if (narrow.addEventListener) narrow.addEventListener("change", sync);
  else if (narrow.addListener) narrow.addListener(sync);
})();
