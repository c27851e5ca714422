// The map view: an offline basemap (Natural Earth countries from world-atlas, no tiles, no
// network) and the server's clusters of located events as circles. Popups are built from DOM
// nodes with textContent: place names are text, never HTML.
"use strict";

(function () {
  function radius(count, top) {
    return 4 + 24 * Math.log1p(count) / Math.log1p(Math.max(top, 1));
  }

  function popup(cell, eventsHref, cellKm) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = (cell.place || "unnamed place") + (cell.country ? " (" + cell.country + ")" : "");
    var count = document.createElement("p");
    count.textContent = cell.events + " events";
    var link = document.createElement("a");
    var url = new URL(eventsHref, location.href);
    url.searchParams.set("near", [cell.lat.toFixed(4), cell.lon.toFixed(4), Math.max(cellKm, 1)].join(","));
    link.href = url.pathname + url.search;
    link.textContent = "show these events";
    box.append(title, count, link);
    return box;
  }

  // Rings that cross the date line (Russia's Chukotka, Fiji) would be drawn as stripes across
  // the map: move their western points east by 360°. Antarctica (a ring around the pole) is left out.
  function unwrap(ring) {
    var jumps = ring.some(function (p, i) { return i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180; });
    return jumps ? ring.map(function (p) { return p[0] < 0 ? [p[0] + 360, p[1]] : p; }) : ring;
  }

  function basemap(topo) {
    var geo = topojson.feature(topo, topo.objects.countries);
    geo.features = geo.features.filter(function (f) { return f.id !== "010"; });
    geo.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) { return; }
      if (g.type === "Polygon") { g.coordinates = g.coordinates.map(unwrap); }
      if (g.type === "MultiPolygon") { g.coordinates = g.coordinates.map(function (poly) { return poly.map(unwrap); }); }
    });
    return geo;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var el = document.getElementById("map");
    if (!el || !window.L) { return; }
    var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 10, attributionControl: true }).setView([30, 15], 2);
    map.attributionControl.setPrefix("Leaflet");
    map.attributionControl.addAttribution("Natural Earth (world-atlas)");
    fetch("/static/vendor/countries-110m.json").then(function (r) { return r.json(); }).then(function (topo) {
      L.geoJSON(basemap(topo), {
        style: { color: "#999", weight: 0.6, fillColor: "#eee", fillOpacity: 1 }, interactive: false
      }).addTo(map);
    });
    var layer = L.layerGroup().addTo(map);
    function load() {
      var zoom = Math.max(0, Math.min(5, Math.floor((map.getZoom() - 1) / 1.5)));
      var url = new URL(el.dataset.cells, location.href);
      url.searchParams.set("zoom", zoom);
      fetch(url.pathname + url.search, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          layer.clearLayers();
          var cells = data.cells || [];
          var top = cells.reduce(function (m, c) { return Math.max(m, c.events); }, 1);
          var km = data.cell_degrees * 111 / 2;
          cells.forEach(function (c) {
            L.circleMarker([c.lat, c.lon], { radius: radius(c.events, top), color: "#b2182b", weight: 1, fillOpacity: 0.5 })
              .bindPopup(popup(c, el.dataset.events, km)).addTo(layer);
          });
          el.dataset.cells_loaded = String(cells.length);
          el.dataset.ready = "1";
        });
    }
    map.on("zoomend", load);
    load();
  });
})();
