/* strife web map.
 *
 * Safety rule for this file: text from articles, titles, outlets, actors and notes is only ever put
 * in the page with textContent (or as <mark> nodes built with createElement + textContent).
 * Nothing here assigns innerHTML/outerHTML or calls insertAdjacentHTML, and links are made only for
 * http(s) URLs.  The server's CSP (script-src 'self') is the second wall.
 */
(function () {
  "use strict";

  var TYPE_COLORS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2e86c1",
    "Riots": "#16a085",
    "Strategic developments": "#7f8c8d"
  };
  var OTHER_COLOR = "#34495e";
  var PAGE = 5000;            // rows per /api/events request (the API's maximum)
  var MAX_EVENTS = 50000;     // beyond this the map asks for a narrower filter
  var MAP_FIELDS = "id,event_date,event_type,sub_event_type,latitude,longitude,fatalities,location,country,actor1";

  var state = { filters: {}, brush: null, days: [], count: 0, loading: 0, selected: null };
  var map = null;
  window.strife = { state: state, map: null, ready: false };

  // ---- small DOM helpers (text only) ----------------------------------------------------------
  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function safeUrl(url) {
    if (typeof url !== "string") return null;
    try {
      var u = new URL(url, window.location.href);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (e) { return null; }
  }
  function showMessage(text) {
    var m = $("message");
    m.textContent = text;
    m.hidden = !text;
    if (text) setTimeout(function () { m.hidden = true; }, 6000);
  }

  function query(params) {
    var usp = new URLSearchParams();
    Object.keys(params).forEach(function (k) {
      var v = params[k];
      if (v !== null && v !== undefined && v !== "") usp.set(k, v);
    });
    return usp.toString();
  }
  function api(path, params) {
    var url = path + (params ? "?" + query(params) : "");
    return fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) {
            var e = body && body.error ? body.error : { code: String(r.status), message: r.statusText };
            throw new Error("[" + e.code + "] " + e.message);
          }
          return body;
        });
      });
  }

  // The filters in force: the form's values, with the brushed date range narrowing since/until.
  function currentParams(withBrush) {
    var p = Object.assign({}, state.filters);
    if (withBrush && state.brush) {
      p.since = p.since && p.since > state.brush[0] ? p.since : state.brush[0];
      p.until = p.until && p.until < state.brush[1] ? p.until : state.brush[1];
    }
    return p;
  }

  // ---- map ------------------------------------------------------------------------------------
  function colorExpression() {
    var expr = ["match", ["get", "event_type"]];
    Object.keys(TYPE_COLORS).forEach(function (t) { expr.push(t, TYPE_COLORS[t]); });
    expr.push(OTHER_COLOR);
    return expr;
  }

  // world-atlas rings that cross the antimeridian jump from +180 to -180; shifting the western
  // part by 360 degrees keeps Russia and Fiji from drawing as streaks across the map.
  function unwrapRing(ring) {
    var jump = false;
    for (var i = 1; i < ring.length; i++) {
      if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { jump = true; break; }
    }
    if (!jump) return ring;
    return ring.map(function (p) { return p[0] < 0 ? [p[0] + 360, p[1]] : p; });
  }
  function unwrapGeometry(g) {
    if (!g) return g;
    if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrapRing);
    else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map(function (poly) { return poly.map(unwrapRing); });
    return g;
  }

  function initMap(config) {
    var style = {
      version: 8,
      sources: {},
      layers: [{ id: "background", type: "background", paint: { "background-color": "#cfdde8" } }]
    };
    if (config.tile_url) {
      style.sources.tiles = { type: "raster", tiles: [config.tile_url], tileSize: 256,
                              attribution: "map tiles: " + new URL(config.tile_url.replace(/[{}]/g, "")).host };
      style.layers.push({ id: "tiles", type: "raster", source: "tiles" });
    }
    map = new maplibregl.Map({
      container: "map", style: style, center: [42, 26], zoom: 3.2, attributionControl: false,
      renderWorldCopies: true, dragRotate: false, pitchWithRotate: false
    });
    window.strife.map = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    map.addControl(new maplibregl.AttributionControl({ compact: true,
      customAttribution: "Country outlines: Natural Earth via world-atlas" }), "bottom-right");

    map.on("load", function () {
      loadCountries(!!config.tile_url);
      map.addSource("events", {
        type: "geojson", data: { type: "FeatureCollection", features: [] },
        cluster: true, clusterMaxZoom: 9, clusterRadius: 36
      });
      map.addLayer({
        id: "clusters", type: "circle", source: "events", filter: ["has", "point_count"],
        paint: {
          "circle-color": ["step", ["get", "point_count"], "#5d8fbd", 20, "#3d6d99", 200, "#254c70"],
          "circle-radius": ["step", ["get", "point_count"], 11, 20, 15, 200, 20, 2000, 26],
          "circle-stroke-width": 1.5, "circle-stroke-color": "#ffffff", "circle-opacity": 0.9
        }
      });
      map.addLayer({
        id: "events-points", type: "circle", source: "events", filter: ["!", ["has", "point_count"]],
        paint: {
          "circle-color": colorExpression(),
          "circle-radius": ["interpolate", ["linear"], ["get", "fatalities"], 0, 5, 10, 8, 100, 13],
          "circle-stroke-width": 1, "circle-stroke-color": "#ffffff"
        }
      });
      map.on("click", "clusters", function (e) {
        var f = e.features[0];
        map.getSource("events").getClusterExpansionZoom(f.properties.cluster_id).then(function (zoom) {
          map.easeTo({ center: f.geometry.coordinates, zoom: zoom });
        });
      });
      map.on("click", "events-points", function (e) { openEvent(e.features[0].properties.id); });
      ["clusters", "events-points"].forEach(function (layer) {
        map.on("mouseenter", layer, function () { map.getCanvas().style.cursor = "pointer"; });
        map.on("mouseleave", layer, function () { map.getCanvas().style.cursor = ""; });
      });
      map.on("render", updateClusterLabels);
      window.strife.ready = true;
      refresh(true);
    });
  }

  function loadCountries(underTiles) {
    fetch("/static/vendor/world-atlas/countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      var geo = topojson.feature(topo, topo.objects.countries);
      geo.features = geo.features.filter(function (f) { return f.id !== "010"; });  // Antarctica: no events, odd ring
      geo.features.forEach(function (f) { unwrapGeometry(f.geometry); });
      map.addSource("countries", { type: "geojson", data: geo });
      var before = map.getLayer("clusters") ? "clusters" : undefined;
      map.addLayer({ id: "countries-fill", type: "fill", source: "countries",
                     paint: { "fill-color": "#f4f1ea", "fill-opacity": underTiles ? 0 : 1 } }, before);
      map.addLayer({ id: "countries-line", type: "line", source: "countries",
                     paint: { "line-color": "#9aa7b1", "line-width": 0.6 } }, before);
    }).catch(function (e) { showMessage("country outlines failed to load: " + e.message); });
  }

  // Cluster counts as small HTML labels: the map has no glyph server offline, so symbol text is out.
  // Only clusters on screen get a label (tens of nodes, never one per event).
  var clusterMarkers = {};
  function updateClusterLabels() {
    if (!map.getSource("events") || !map.isSourceLoaded("events")) return;
    var seen = {};
    map.querySourceFeatures("events", { filter: ["has", "point_count"] }).forEach(function (f) {
      var id = f.properties.cluster_id;
      if (seen[id]) return;
      seen[id] = true;
      var marker = clusterMarkers[id];
      if (!marker) {
        var node = el("div", "cluster-label", f.properties.point_count_abbreviated);
        marker = clusterMarkers[id] = new maplibregl.Marker({ element: node }).setLngLat(f.geometry.coordinates);
      }
      if (!marker._onMap) { marker.addTo(map); marker._onMap = true; }
    });
    Object.keys(clusterMarkers).forEach(function (id) {
      if (!seen[id] && clusterMarkers[id]._onMap) { clusterMarkers[id].remove(); clusterMarkers[id]._onMap = false; }
    });
  }
  function resetClusterLabels() {
    Object.keys(clusterMarkers).forEach(function (id) { clusterMarkers[id].remove(); });
    clusterMarkers = {};
  }

  // ---- data -----------------------------------------------------------------------------------
  function refresh(withStats) {
    var tasks = [loadEvents()];
    if (withStats) tasks.push(loadStats());
    updateDownloads();
    return Promise.all(tasks).catch(function (e) { showMessage(e.message); });
  }

  function loadEvents() {
    var token = ++state.loading;
    var params = currentParams(true);
    params.fields = MAP_FIELDS;
    params.limit = PAGE;
    $("count").textContent = "loading…";
    document.body.dataset.loaded = "0";
    var features = [];
    function page(n) {
      params.page = n;
      return api("/api/events", params).then(function (body) {
        if (token !== state.loading) return null;  // a newer request replaced this one
        body.events.forEach(function (e) {
          if (e.latitude === null || e.longitude === null) return;
          features.push({ type: "Feature", geometry: { type: "Point", coordinates: [e.longitude, e.latitude] },
                          properties: e });
        });
        var fetched = (n - 1) * PAGE + body.events.length;
        if (fetched < body.count && fetched < MAX_EVENTS && body.events.length) return page(n + 1);
        return body.count;
      });
    }
    return page(1).then(function (count) {
      if (count === null) return;
      state.count = count;
      resetClusterLabels();
      map.getSource("events").setData({ type: "FeatureCollection", features: features });
      var c = $("count");
      c.textContent = count.toLocaleString("en") + (count === 1 ? " event" : " events") +
        (count > features.length ? " (" + features.length.toLocaleString("en") + " on the map)" : "");
      c.dataset.count = String(count);
      c.dataset.mapped = String(features.length);
      if (count > MAX_EVENTS) showMessage("showing the first " + MAX_EVENTS + " events: narrow the filters");
      map.once("idle", function () { document.body.dataset.loaded = "1"; });
    });
  }

  function loadStats() {
    return api("/api/stats", currentParams(false)).then(function (st) {
      state.days = fillDays(st.by_day);
      drawTimeline();
      drawLegend(st.by_event_type);
      return st;
    });
  }

  function fillDays(byDay) {
    if (!byDay.length) return [];
    var counts = {};
    byDay.forEach(function (d) { counts[d.date] = d.count; });
    var out = [];
    var day = new Date(byDay[0].date + "T00:00:00Z");
    var last = new Date(byDay[byDay.length - 1].date + "T00:00:00Z");
    // long ranges stay one bar per day up to ~5 years; beyond that only days with events are drawn
    if ((last - day) / 86400000 > 2000) return byDay.map(function (d) { return { date: d.date, count: d.count }; });
    while (day <= last) {
      var key = day.toISOString().slice(0, 10);
      out.push({ date: key, count: counts[key] || 0 });
      day.setUTCDate(day.getUTCDate() + 1);
    }
    return out;
  }

  function populateSelect(select, values) {
    values.forEach(function (v) {
      if (!v) return;
      var o = el("option", null, v);
      o.value = v;
      select.appendChild(o);
    });
  }

  function drawLegend(byType) {
    var box = $("legend");
    clear(box);
    Object.keys(TYPE_COLORS).forEach(function (t) {
      var row = el("div");
      var sw = el("span", "sw");
      sw.style.background = TYPE_COLORS[t];
      row.appendChild(sw);
      row.appendChild(document.createTextNode(t + (byType && byType[t] ? " (" + byType[t] + ")" : "")));
      box.appendChild(row);
    });
  }

  function updateDownloads() {
    var p = currentParams(true);
    $("dl-csv").href = "/api/export?" + query(Object.assign({ format: "acled-csv" }, p));
    $("dl-geojson").href = "/api/export?" + query(Object.assign({ format: "geojson" }, p));
  }

  // ---- timeline with a brush -------------------------------------------------------------------
  var SVGNS = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs) {
    var n = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }
  var geometry = { left: 30, right: 8, top: 4, bottom: 16, width: 0, height: 0, barW: 0 };

  function drawTimeline() {
    var svg = $("timeline");
    clear(svg);
    var rect = svg.getBoundingClientRect();
    var W = Math.max(rect.width, 200), H = Math.max(rect.height, 60);
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    geometry.width = W - geometry.left - geometry.right;
    geometry.height = H - geometry.top - geometry.bottom;
    var days = state.days;
    if (!days.length) {
      var t = svgEl("text", { x: geometry.left, y: H / 2 });
      t.textContent = "no dated events";
      svg.appendChild(t);
      return;
    }
    var max = Math.max.apply(null, days.map(function (d) { return d.count; })) || 1;
    geometry.barW = geometry.width / days.length;
    var g = svgEl("g", { id: "bars" });
    days.forEach(function (d, i) {
      var h = d.count / max * geometry.height;
      var bar = svgEl("rect", {
        "class": "bar", x: geometry.left + i * geometry.barW, y: geometry.top + geometry.height - h,
        width: Math.max(geometry.barW - 1, 0.5), height: h, "data-date": d.date, "data-count": d.count
      });
      var tip = svgEl("title");
      tip.textContent = d.date + ": " + d.count;
      bar.appendChild(tip);
      g.appendChild(bar);
    });
    svg.appendChild(g);
    var maxLabel = svgEl("text", { x: 2, y: geometry.top + 9 });
    maxLabel.textContent = String(max);
    svg.appendChild(maxLabel);
    var ticks = Math.min(days.length, Math.max(2, Math.floor(geometry.width / 90)));
    for (var k = 0; k < ticks; k++) {
      var idx = Math.round(k * (days.length - 1) / Math.max(ticks - 1, 1));
      var lab = svgEl("text", { x: geometry.left + idx * geometry.barW, y: H - 3,
                                "text-anchor": k === ticks - 1 && ticks > 1 ? "end" : "start" });
      if (k === ticks - 1 && ticks > 1) lab.setAttribute("x", geometry.left + (idx + 1) * geometry.barW);
      lab.textContent = days[idx].date;
      svg.appendChild(lab);
    }
    var brush = svgEl("rect", { "class": "brush", id: "brush-rect", x: 0, y: geometry.top, width: 0,
                                height: geometry.height, visibility: "hidden" });
    svg.appendChild(brush);
    showBrush();
  }

  function dayIndexAt(clientX) {
    var svg = $("timeline");
    var rect = svg.getBoundingClientRect();
    var vb = svg.viewBox.baseVal;
    var x = (clientX - rect.left) * (vb && vb.width ? vb.width / rect.width : 1);
    var i = Math.floor((x - geometry.left) / geometry.barW);
    return Math.min(Math.max(i, 0), state.days.length - 1);
  }

  function showBrush() {
    var b = $("brush-rect");
    var bars = document.querySelectorAll("#timeline rect.bar");
    if (!state.brush) {
      if (b) b.setAttribute("visibility", "hidden");
      bars.forEach(function (r) { r.classList.remove("out"); });
      $("brush-label").textContent = "";
      $("brush-clear").hidden = true;
      return;
    }
    var i0 = -1, i1 = -1;
    state.days.forEach(function (d, i) {
      if (d.date >= state.brush[0] && i0 < 0) i0 = i;
      if (d.date <= state.brush[1]) i1 = i;
    });
    if (b && i0 >= 0) {
      b.setAttribute("x", geometry.left + i0 * geometry.barW);
      b.setAttribute("width", Math.max((i1 - i0 + 1) * geometry.barW, 1));
      b.setAttribute("visibility", "visible");
    }
    bars.forEach(function (r) {
      var d = r.getAttribute("data-date");
      r.classList.toggle("out", d < state.brush[0] || d > state.brush[1]);
    });
    $("brush-label").textContent = state.brush[0] === state.brush[1] ? state.brush[0]
      : state.brush[0] + " to " + state.brush[1];
    $("brush-clear").hidden = false;
  }

  function initBrush() {
    var svg = $("timeline");
    var start = null, moved = false;
    function range(a, b) {
      var i0 = Math.min(a, b), i1 = Math.max(a, b);
      return [state.days[i0].date, state.days[i1].date];
    }
    svg.addEventListener("pointerdown", function (e) {
      if (!state.days.length) return;
      start = dayIndexAt(e.clientX);
      moved = false;
      svg.setPointerCapture(e.pointerId);
    });
    svg.addEventListener("pointermove", function (e) {
      if (start === null) return;
      var i = dayIndexAt(e.clientX);
      if (i !== start) moved = true;
      state.brush = range(start, i);
      showBrush();
    });
    svg.addEventListener("pointerup", function (e) {
      if (start === null) return;
      var i = dayIndexAt(e.clientX);
      state.brush = moved || i !== start ? range(start, i) : [state.days[i].date, state.days[i].date];
      start = null;
      showBrush();
      refresh(false);
    });
    $("brush-clear").addEventListener("click", function () {
      state.brush = null;
      showBrush();
      refresh(false);
    });
    window.addEventListener("resize", function () { drawTimeline(); });
  }

  // ---- filters ----------------------------------------------------------------------------------
  function initFilters() {
    $("filters").addEventListener("submit", function (e) {
      e.preventDefault();
      var f = {};
      [["country", "f-country"], ["event_type", "f-type"], ["actor", "f-actor"], ["since", "f-since"],
       ["until", "f-until"], ["q", "f-q"]].forEach(function (pair) {
        var v = $(pair[1]).value.trim();
        if (v) f[pair[0]] = v;
      });
      state.filters = f;
      state.brush = null;
      refresh(true);
    });
    $("f-country").addEventListener("change", function () { $("filters").requestSubmit(); });
    $("f-type").addEventListener("change", function () { $("filters").requestSubmit(); });
    $("reset").addEventListener("click", function () {
      $("filters").reset();
      $("filters").requestSubmit();
    });
    $("panel-close").addEventListener("click", function () { $("panel").hidden = true; state.selected = null; });
  }

  // ---- the event panel --------------------------------------------------------------------------
  var CODED = [
    ["event_date", "Date"], ["event_type", "Event type"], ["sub_event_type", "Sub-event type"],
    ["disorder_type", "Disorder type"], ["actor1", "Actor 1"], ["assoc_actor_1", "Associated actor 1"],
    ["actor2", "Actor 2"], ["assoc_actor_2", "Associated actor 2"], ["interaction", "Interaction"],
    ["civilian_targeting", "Civilian targeting"], ["location", "Location"], ["admin1", "Admin 1"],
    ["admin2", "Admin 2"], ["country", "Country"], ["latitude", "Latitude"], ["longitude", "Longitude"],
    ["geo_precision", "Geo precision"], ["time_precision", "Time precision"], ["source", "Source"],
    ["notes", "Notes"], ["mention_count", "Reports"], ["id", "Event id"]
  ];

  function fieldTable(ev) {
    var table = el("table", "coded");
    CODED.forEach(function (pair) {
      var v = ev[pair[0]];
      if (v === null || v === undefined || v === "") return;
      if (pair[0] === "civilian_targeting") v = v ? "yes" : "no";
      var tr = el("tr");
      tr.appendChild(el("th", null, pair[1]));
      tr.appendChild(el("td", "v-" + pair[0], v));
      table.appendChild(tr);
    });
    return table;
  }

  function fatalityBox(ev) {
    var box = el("div", "fatal");
    [["fatalities_low", "low"], ["fatalities_best", "best"], ["fatalities_high", "high"], ["fatalities", "coded"]]
      .forEach(function (p) {
        var d = el("div");
        var b = el("b", null, ev[p[0]] === null || ev[p[0]] === undefined ? "–" : ev[p[0]]);
        d.appendChild(b);
        d.appendChild(document.createTextNode(p[1]));
        box.appendChild(d);
      });
    return box;
  }

  function claimsTable(claims) {
    var table = el("table", "claims");
    var head = el("tr");
    ["What", "Number", "Claimed by", "Hedges", "Words"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    claims.forEach(function (c) {
      var tr = el("tr", "claim");
      var num = c.value !== null && c.value !== undefined ? String(c.value) : "";
      if (c.low !== null && c.low !== undefined && c.high !== null && c.high !== undefined) num = c.low + "–" + c.high;
      else if (c.low !== null && c.low !== undefined && c.value === null) num = "≥ " + c.low;
      [c.kind, num, c.claimant || "unattributed", (c.hedges || []).join(", "), c.text || ""].forEach(function (v) {
        tr.appendChild(el("td", null, v));
      });
      table.appendChild(tr);
    });
    return table;
  }

  // Article text with this event's spans highlighted: the text is cut at every span boundary and
  // each piece becomes a text node, a <mark> (evidence, claims) or a sentence <span>.
  function highlightedText(text, spans) {
    var box = el("div", "article-text");
    var cuts = [0, text.length];
    spans.forEach(function (s) { cuts.push(s.start, s.end); });
    cuts = cuts.filter(function (c, i, a) { return c >= 0 && c <= text.length && a.indexOf(c) === i; })
               .sort(function (a, b) { return a - b; });
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = cuts[i], b = cuts[i + 1];
      var piece = text.slice(a, b);
      var covering = spans.filter(function (s) { return s.start <= a && s.end >= b; });
      var evidence = covering.filter(function (s) { return s.field !== "mention" && s.field !== "sentence"; });
      var node;
      if (evidence.length) {
        node = el("mark", null, piece);
        var top = evidence[evidence.length - 1];
        node.dataset.field = top.field || "";
        node.title = evidence.map(function (s) {
          return s.field + (s.claimant ? " (claimed by " + s.claimant + ")" : "");
        }).join("; ");
      } else if (covering.length) {
        node = el("span", "sentence", piece);
      } else {
        node = document.createTextNode(piece);
      }
      box.appendChild(node);
    }
    return box;
  }

  function reportBlock(eventId, m) {
    var box = el("div", "report");
    var title = el("div", "title");
    var url = safeUrl(m.article_url);
    var heading = m.article_title || "(untitled article)";
    if (url) {
      var a = el("a", null, heading);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      title.appendChild(a);
    } else {
      title.appendChild(el("strong", null, heading));
    }
    box.appendChild(title);
    var meta = [m.outlet, m.article_published].filter(Boolean).join(" · ");
    box.appendChild(el("div", "meta", meta));
    var who = el("div", "meta");
    who.textContent = "Claimant: " + (m.claimant || "unattributed") +
      ((m.hedges && m.hedges.length) ? " · hedges: " + m.hedges.join(", ") : "") +
      " · coded: " + m.sub_event_type + ", " + (m.fatalities || 0) + " fatalities";
    box.appendChild(who);
    var holder = el("div", "muted", "loading the report…");
    box.appendChild(holder);
    api("/api/articles/" + encodeURIComponent(m.article_id)).then(function (art) {
      var mine = art.spans.filter(function (s) { return s.mention_id === m.id; });
      box.replaceChild(highlightedText(art.text || "", mine), holder);
    }).catch(function (e) { holder.textContent = e.message; });
    return box;
  }

  function openEvent(id) {
    state.selected = id;
    var panel = $("panel"), body = $("panel-body");
    panel.hidden = false;
    clear(body);
    body.appendChild(el("p", "muted", "loading…"));
    return api("/api/events/" + encodeURIComponent(id)).then(function (ev) {
      if (state.selected !== id) return;
      clear(body);
      body.dataset.eventId = ev.id;
      body.appendChild(el("h2", null, ev.event_type + " — " + ev.sub_event_type));
      if (ev.deleted) body.appendChild(el("p", "muted", "This event was merged into another or withdrawn."));
      body.appendChild(el("h3", null, "Fatalities (contested numbers)"));
      body.appendChild(fatalityBox(ev));
      if (ev.claims && ev.claims.length) {
        body.appendChild(el("h3", null, "Who claimed what"));
        body.appendChild(claimsTable(ev.claims));
      }
      body.appendChild(el("h3", null, "Coded fields"));
      body.appendChild(fieldTable(ev));
      body.appendChild(el("h3", null, "Reports (" + ev.mentions.length + ")"));
      if (!ev.mentions.length) body.appendChild(el("p", "muted", "No stored reports (imported event)."));
      ev.mentions.forEach(function (m) { body.appendChild(reportBlock(ev.id, m)); });
    }).catch(function (e) { clear(body); body.appendChild(el("p", null, e.message)); });
  }
  window.strife.openEvent = openEvent;

  // ---- start --------------------------------------------------------------------------------------
  function start() {
    initFilters();
    initBrush();
    drawLegend(null);
    api("/api/config").then(function (config) {
      initMap(config);
      return api("/api/stats");
    }).then(function (st) {
      populateSelect($("f-country"), Object.keys(st.by_country).sort());
      populateSelect($("f-type"), Object.keys(st.by_event_type).sort());
    }).catch(function (e) { showMessage(e.message); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
