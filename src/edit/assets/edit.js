// oit edit: small helpers on top of plain forms (everything works without them too):
// dropping files on an upload box, the Markdown preview, a Buddhist-Era calendar, and a
// warning before leaving a form with unsaved changes.
(function () {
  'use strict';
  var MONTHS = ['มกราคม', 'กุมภาพันธ์', 'มีนาคม', 'เมษายน', 'พฤษภาคม', 'มิถุนายน', 'กรกฎาคม',
    'สิงหาคม', 'กันยายน', 'ตุลาคม', 'พฤศจิกายน', 'ธันวาคม'];
  var DAYS = ['อา', 'จ', 'อ', 'พ', 'พฤ', 'ศ', 'ส'];

  // Drop files anywhere on an upload box.
  document.querySelectorAll('.upload').forEach(function (box) {
    var input = box.querySelector('input[type=file]');
    if (!input) return;
    ['dragenter', 'dragover'].forEach(function (t) {
      box.addEventListener(t, function (e) { e.preventDefault(); box.classList.add('over'); });
    });
    ['dragleave', 'drop'].forEach(function (t) {
      box.addEventListener(t, function () { box.classList.remove('over'); });
    });
    box.addEventListener('drop', function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }
    });
  });

  // The Markdown preview, rendered by the editor with the site's own renderer.
  document.querySelectorAll('textarea[data-preview]').forEach(function (ta) {
    var out = document.getElementById(ta.getAttribute('data-preview'));
    var timer = null;
    function update() {
      var body = new URLSearchParams();
      body.set('body', ta.value);
      fetch('/markdown', { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : ''; })
        .then(function (html) { out.innerHTML = html; })
        .catch(function () {});
    }
    ta.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(update, 250); });
    update();
  });

  // A calendar in the Buddhist Era beside each date field; typing stays possible.
  function parse(v) {
    var m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(v || '');
    if (!m) return null;
    var y = +m[3]; if (y > 2400) y -= 543;
    return new Date(y, +m[2] - 1, +m[1]);
  }
  function fmt(d) { return d.getDate() + '/' + (d.getMonth() + 1) + '/' + (d.getFullYear() + 543); }
  document.querySelectorAll('input[data-date]').forEach(function (input) {
    if (input.closest('table')) return;
    var wrap = document.createElement('div');
    wrap.className = 'date-wrap';
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    var btn = document.createElement('button');
    btn.type = 'button';
    btn.textContent = 'ปฏิทิน';
    btn.setAttribute('aria-label', 'เลือกวันที่จากปฏิทิน');
    btn.setAttribute('aria-expanded', 'false');
    wrap.appendChild(btn);
    var cal = null;
    function close() { if (cal) { cal.remove(); cal = null; btn.setAttribute('aria-expanded', 'false'); } }
    function open(month) {
      close();
      cal = document.createElement('div');
      cal.className = 'cal';
      cal.setAttribute('role', 'dialog');
      cal.setAttribute('aria-label', 'ปฏิทิน');
      var head = document.createElement('div');
      head.className = 'cal-head';
      var prev = document.createElement('button'); prev.type = 'button'; prev.textContent = '‹';
      prev.setAttribute('aria-label', 'เดือนก่อน');
      var next = document.createElement('button'); next.type = 'button'; next.textContent = '›';
      next.setAttribute('aria-label', 'เดือนถัดไป');
      var title = document.createElement('strong');
      title.textContent = MONTHS[month.getMonth()] + ' ' + (month.getFullYear() + 543);
      prev.onclick = function () { open(new Date(month.getFullYear(), month.getMonth() - 1, 1)); };
      next.onclick = function () { open(new Date(month.getFullYear(), month.getMonth() + 1, 1)); };
      head.append(prev, title, next);
      cal.appendChild(head);
      var t = document.createElement('table');
      var tr = document.createElement('tr');
      DAYS.forEach(function (d) { var th = document.createElement('th'); th.textContent = d; th.scope = 'col'; tr.appendChild(th); });
      t.appendChild(tr);
      var first = new Date(month.getFullYear(), month.getMonth(), 1);
      var days = new Date(month.getFullYear(), month.getMonth() + 1, 0).getDate();
      tr = document.createElement('tr');
      for (var i = 0; i < first.getDay(); i++) tr.appendChild(document.createElement('td'));
      for (var d = 1; d <= days; d++) {
        if (tr.children.length === 7) { t.appendChild(tr); tr = document.createElement('tr'); }
        var td = document.createElement('td');
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = d;
        var date = new Date(month.getFullYear(), month.getMonth(), d);
        b.setAttribute('aria-label', d + ' ' + MONTHS[month.getMonth()] + ' ' + (month.getFullYear() + 543));
        b.onclick = (function (date) {
          return function () { input.value = fmt(date); input.dispatchEvent(new Event('input', { bubbles: true })); close(); input.focus(); };
        })(date);
        td.appendChild(b);
        tr.appendChild(td);
      }
      t.appendChild(tr);
      cal.appendChild(t);
      wrap.appendChild(cal);
      btn.setAttribute('aria-expanded', 'true');
      cal.addEventListener('keydown', function (e) { if (e.key === 'Escape') { close(); btn.focus(); } });
      (cal.querySelector('td button') || prev).focus();
    }
    btn.onclick = function () {
      if (cal) { close(); return; }
      var d = parse(input.value) || new Date();
      open(new Date(d.getFullYear(), d.getMonth(), 1));
    };
  });

  // On a phone the criteria text would fill the first screen: folded there.
  if (window.matchMedia('(max-width: 48rem)').matches) {
    document.querySelectorAll('details.criteria').forEach(function (d) { d.open = false; });
  }

  // Leaving a form with changes asks first (sending another form of the page too).
  var dirty = new Set();
  document.querySelectorAll('form').forEach(function (f) {
    f.addEventListener('input', function () { dirty.add(f); });
    f.addEventListener('change', function () { dirty.add(f); });
    f.addEventListener('submit', function () { dirty.delete(f); });
  });
  window.addEventListener('beforeunload', function (e) { if (dirty.size) { e.preventDefault(); e.returnValue = ''; } });
})();
