// lagebild web interface: article highlights and chart brushing. No inline code anywhere
// (the Content-Security-Policy forbids it); record text is only ever set with textContent.
"use strict";

(function () {
  function showRecords(panel, records, indices) {
    panel.replaceChildren();
    indices.forEach(function (i) {
      var r = records[i];
      if (!r) { return; }
      var box = document.createElement("section");
      box.className = "rec rec-" + r.kind;
      box.id = "rec-" + r.id;
      var h = document.createElement("h3");
      h.textContent = r.kind + (r.event ? ": " + r.event.join("+") : "") + (r.form ? " (" + r.form + ")" : "");
      var pre = document.createElement("pre");
      pre.textContent = JSON.stringify(r, null, 2);
      box.append(h, pre);
      panel.append(box);
    });
  }

  function markActive(root, index) {
    root.querySelectorAll(".hl.active").forEach(function (el) { el.classList.remove("active"); });
    root.querySelectorAll(".hl").forEach(function (el) {
      if (el.dataset.records.split(" ").indexOf(String(index)) >= 0) { el.classList.add("active"); }
    });
  }

  function article() {
    var root = document.getElementById("article-text");
    var panel = document.getElementById("record-panel");
    if (!root || !panel) { return; }
    fetch(root.dataset.records, { headers: { Accept: "application/json" } })
      .then(function (resp) { return resp.json(); })
      .then(function (doc) {
        var records = doc.records || [];
        function open(el) {
          var ids = el.dataset.records.split(" ").map(Number);
          showRecords(panel, records, ids);
          markActive(root, ids[0]);
        }
        root.addEventListener("click", function (ev) {
          var el = ev.target.closest(".hl");
          if (el) { open(el); }
        });
        root.addEventListener("keydown", function (ev) {
          var el = ev.target.closest(".hl");
          if (el && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); open(el); }
        });
        var wanted = location.hash.replace(/^#rec-/, "");
        var index = records.findIndex(function (r) { return r.id === wanted; });
        if (wanted && index >= 0) {
          showRecords(panel, records, [index]);
          markActive(root, index);
        }
        root.dataset.ready = "1";
      });
  }

  // Brushing a chart: drag across bars (or click one) to filter the page to that period.
  function brush(svg) {
    var bars = Array.prototype.slice.call(svg.querySelectorAll("g.bar"));
    var ns = "http://www.w3.org/2000/svg";
    var sel = null, x0 = 0;
    function svgX(ev) {
      var pt = svg.createSVGPoint();
      pt.x = ev.clientX; pt.y = ev.clientY;
      return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
    }
    function covered(a, b) {
      var lo = Math.min(a, b), hi = Math.max(a, b);
      return bars.filter(function (g) {
        var r = g.querySelector("rect.hit");
        var x = parseFloat(r.getAttribute("x")), w = parseFloat(r.getAttribute("width"));
        return x + w >= lo && x <= hi;
      });
    }
    svg.addEventListener("pointerdown", function (ev) {
      x0 = svgX(ev);
      sel = document.createElementNS(ns, "rect");
      sel.setAttribute("class", "brush");
      sel.setAttribute("x", x0); sel.setAttribute("y", 0);
      sel.setAttribute("width", 0); sel.setAttribute("height", svg.viewBox.baseVal.height - 20);
      svg.append(sel);
      svg.setPointerCapture(ev.pointerId);
    });
    svg.addEventListener("pointermove", function (ev) {
      if (!sel) { return; }
      var x = svgX(ev);
      sel.setAttribute("x", Math.min(x, x0));
      sel.setAttribute("width", Math.abs(x - x0));
    });
    svg.addEventListener("pointerup", function (ev) {
      if (!sel) { return; }
      var chosen = covered(x0, svgX(ev));
      sel = null;
      if (!chosen.length) { return; }
      var url = new URL(svg.dataset.href, location.href);
      url.searchParams.set("since", chosen[0].dataset.start);
      url.searchParams.set("until", chosen[chosen.length - 1].dataset.end);
      url.searchParams.delete("page");
      location.assign(url.pathname + url.search);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    article();
    document.querySelectorAll("svg.brushable").forEach(brush);
  });
})();
