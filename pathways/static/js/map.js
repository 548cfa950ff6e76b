// Progressive enhancement for /map/: everything works without this file.
// - layer links and the controls form swap the map in place (no full reload);
// - a tooltip follows the pointer and keyboard focus on states.
(function () {
  "use strict";
  var region = document.getElementById("map-region");
  if (!region || !window.fetch || !window.history) return;

  function tip() { return region.querySelector(".map-tip"); }

  function showTip(el, x, y) {
    var t = tip();
    if (!t || !el.dataset.tip) return;
    t.textContent = el.dataset.tip;
    t.hidden = false;
    var box = region.querySelector(".map-figure").getBoundingClientRect();
    t.style.left = Math.min(x - box.left + 12, box.width - 200) + "px";
    t.style.top = (y - box.top + 12) + "px";
  }
  function hideTip() { var t = tip(); if (t) t.hidden = true; }

  region.addEventListener("mousemove", function (e) {
    var a = e.target.closest && e.target.closest("a.state, a.callout");
    if (a) showTip(a, e.clientX, e.clientY); else hideTip();
  });
  region.addEventListener("mouseleave", hideTip);
  region.addEventListener("focusin", function (e) {
    var a = e.target.closest && e.target.closest("a.state");
    if (!a) { hideTip(); return; }
    var r = a.getBoundingClientRect();
    showTip(a, r.left + r.width / 2, r.top + r.height / 2);
  });
  region.addEventListener("focusout", hideTip);

  function load(url, push) {
    var u = new URL(url, window.location.href);
    u.searchParams.set("partial", "1");
    region.setAttribute("aria-busy", "true");
    fetch(u.toString(), { headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (html) {
        region.innerHTML = html;
        region.removeAttribute("aria-busy");
        u.searchParams.delete("partial");
        if (push) window.history.pushState({}, "", u.pathname + u.search);
        var h = region.querySelector("#map-title");
        if (h) { document.title = h.textContent + " · Policy map · Pathways"; }
      })
      .catch(function () { window.location.href = url; });
  }

  region.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[data-layer], a[data-layer-link]");
    if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    load(a.href, true);
    var h = region.querySelector("#map-title");
    if (h) h.focus && h.focus();
  });
  region.addEventListener("submit", function (e) {
    var f = e.target;
    if (!f.classList.contains("map-controls")) return;
    e.preventDefault();
    var q = new URLSearchParams(new FormData(f)).toString();
    load(f.action + "?" + q, true);
  });
  region.addEventListener("change", function (e) {
    if (e.target.matches(".map-controls select")) {
      e.target.form.requestSubmit ? e.target.form.requestSubmit() : e.target.form.submit();
    }
  });
  window.addEventListener("popstate", function () { load(window.location.href, false); });
})();
