// bilateral dashboard views: the world map, the network of who met whom, a pair's trends and the
// event page. Loaded after app.js (shares its helpers: el, svg, api, getJSON, query, readHash,
// writeHash, setFilters, openEvent, countryName, human, figureChart, emptyChart).
// d3 (projection, force layout, colour scales) and topojson-client are vendored, never fetched
// from elsewhere; the countries come from the world-atlas package (Natural Earth 1:110m).
"use strict";

const WORLD_URL = "/static/vendor/countries-110m.v2.0.2.json";
const TYPE_COLORS = ["#2563eb", "#059669", "#d97706", "#7c3aed", "#dc2626", "#0891b2", "#65a30d", "#db2777",
  "#4b5563", "#ca8a04", "#9333ea", "#0d9488", "#ea580c", "#1d4ed8", "#be123c", "#15803d", "#78716c"];
const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const NO_NUMERIC = { Kosovo: "XK" };  // world-atlas shapes without an ISO numeric id

let worldPromise = null;
function world() {
  if (!worldPromise) {
    worldPromise = getJSON(WORLD_URL).then((topo) => topojson.feature(topo, topo.objects.countries).features)
      .catch((err) => { worldPromise = null; throw err; });
  }
  return worldPromise;
}

function sourceLink(url) {
  if (!/^https?:\/\//i.test(url)) return el("span", {}, url);
  return el("a", { href: url, target: "_blank", rel: "noopener noreferrer", class: "source-link" }, url);
}

function eventList(events, emptyText) {
  if (!events.length) return el("p", { class: "muted" }, emptyText);
  return el("ol", { class: "event-list" }, events.map((e) => el("li", { "data-id": e.event_id },
    el("a", { href: "#" + query({ view: "event", event: e.event_id }), title: "open the event page" },
      `${e.date || "undated"} · ${e.type}${e.mode ? " / " + e.mode : ""} · ${e.countries.join(" – ")}`),
    e.location ? el("span", { class: "muted" }, ` · ${e.location.name}`) : null,
    e.sources[0] && e.sources[0].title ? el("div", { class: "muted small" }, e.sources[0].title) : null)));
}

// replaceChildren with nested arrays and empty parts allowed (as el() takes them).
function fill(node, ...children) {
  node.replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
}

function setView(changes) {
  writeHash(changes);
}

// ------------------------------------------------------------------ map

async function loadMap(view) {
  const [features, data] = await Promise.all([world(), api("map", view.filters)]);
  const byNumeric = new Map(data.countries.filter((c) => c.numeric).map((c) => [c.numeric, c]));
  const byCode = new Map(data.countries.map((c) => [c.country, c]));
  const measure = view.measure === "goldstein" && data.intensity_available ? "goldstein" : "count";
  for (const b of document.querySelectorAll("#map-measure button")) {
    b.classList.toggle("active", b.dataset.measure === measure);
    b.disabled = b.dataset.measure === "goldstein" && !data.intensity_available;
    b.title = b.disabled ? "no event in the filter has a CAMEO code with a Goldstein value" : "";
  }
  const W = 960, H = 500;
  const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [W - 4, H - 4]], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const maxCount = Math.max(1, ...data.countries.map((c) => c.events));
  const countScale = d3.scaleSequentialLog((t) => d3.interpolateBlues(0.25 + 0.75 * t)).domain([1, Math.max(2, maxCount)]);
  const intensityScale = d3.scaleDiverging(d3.interpolateRdYlGn).domain([-10, 0, 10]);
  const fillOf = (c) => {
    if (!c) return null;
    if (measure === "count") return countScale(Math.max(1, c.events));
    return c.goldstein === null ? null : intensityScale(c.goldstein);
  };
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "world map of events", id: "map-svg" });
  g.append(svg("path", { d: path({ type: "Sphere" }), class: "sphere" }));
  g.append(svg("path", { d: path(d3.geoGraticule10()), class: "graticule" }));
  for (const f of features) {
    const c = byNumeric.get(f.id) || byCode.get(NO_NUMERIC[f.properties.name]);
    const code = c ? c.country : null;
    const fill = fillOf(c);
    const tip = c ? `${countryName(code)}: ${c.events} event(s)` +
      (c.goldstein !== null ? ` · mean Goldstein ${c.goldstein} (${c.scored_events} scored)` : "") : f.properties.name;
    g.append(svg("path", { d: path(f), class: "country" + (c ? " has-events" : "") + (code && code === view.focus ? " focus" : ""),
      style: fill ? `fill:${fill}` : null, "data-country": code, "data-fill": fill || null, onclick: c ? () => setView({ focus: code }) : null },
      svg("title", {}, tip)));
  }
  const rScale = d3.scaleSqrt().domain([0, Math.max(1, ...data.places.map((p) => p.events))]).range([0, 14]);
  for (const p of data.places) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    g.append(svg("circle", { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: Math.max(3, rScale(p.events)).toFixed(1),
      class: "place" + (String(p.geonameid) === view.focus ? " focus" : ""), "data-geonameid": p.geonameid,
      onclick: () => setView({ focus: String(p.geonameid) }) },
    svg("title", {}, `${p.name}${p.country ? ", " + p.country : ""}: ${p.events} event(s)`)));
  }
  $("#map").replaceChildren(g);
  $("#map-legend").replaceChildren(mapLegend(measure, countScale, intensityScale, maxCount));
  const notes = [`${data.events} event(s) in the filter`];
  notes.push(`${data.located_events} at ${data.places.length} located place(s)`);
  if (data.unplaced_events) notes.push(`${data.unplaced_events} at places without coordinates`);
  if (!data.intensity_available) notes.push("no Goldstein values for these events: colour by count");
  $("#map-note").textContent = notes.join(" · ");
  await loadMapFocus(view, data);
}

function mapLegend(measure, countScale, intensityScale, maxCount) {
  const stops = measure === "count"
    ? [1, Math.round(Math.sqrt(maxCount)), maxCount].filter((v, i, a) => a.indexOf(v) === i).map((v) => [countScale(Math.max(1, v)), `${v}`])
    : [-10, -5, 0, 5, 10].map((v) => [intensityScale(v), `${v > 0 ? "+" : ""}${v}`]);
  return el("div", { class: "legend" },
    el("span", {}, measure === "count" ? "events:" : "mean Goldstein (conflict − … + cooperation):"),
    stops.map(([color, label]) => el("span", {}, el("i", { style: `background:${color}` }), label)),
    el("span", {}, el("i", { class: "none" }), "no events / no value"),
    el("span", {}, el("i", { class: "dot" }), "located events (size = count)"));
}

async function loadMapFocus(view, data) {
  const box = $("#map-focus");
  if (!view.focus) { box.replaceChildren(el("p", { class: "muted" }, "Click a state or a place for its events.")); return; }
  const isPlace = /^\d+$/.test(view.focus);
  let title, events, total;
  if (isPlace) {
    const place = data.places.find((p) => String(p.geonameid) === view.focus);
    const res = await api("map/place", Object.assign({ geonameid: view.focus }, view.filters));
    title = `${place ? place.name : "GeoNames " + view.focus}: ${res.total} event(s)`;
    events = res.events; total = res.total;
  } else {
    const res = await api("events", Object.assign({}, view.filters, { country: view.focus, limit: 25, order: "desc" }));
    title = `${countryName(view.focus)} (${view.focus}): ${res.total} event(s)`;
    events = res.events; total = res.total;
  }
  fill(box, el("div", { class: "card-head" }, el("h3", {}, title),
    isPlace ? null : el("button", { type: "button", class: "secondary", onclick: () => setFilters({ country: view.focus }) },
      "filter all views by this state")),
  eventList(events, "No events."), total > events.length ? el("p", { class: "muted" }, `first ${events.length} of ${total}`) : null);
}

// ------------------------------------------------------------------ network

async function loadNetwork(view) {
  for (const b of document.querySelectorAll("#network-level button")) b.classList.toggle("active", b.dataset.level === view.level);
  for (const b of document.querySelectorAll("#network-edges button")) b.classList.toggle("active", b.dataset.edges === view.edges);
  const data = await api("network", Object.assign({ level: view.level, edges: view.edges }, view.filters));
  const box = $("#network");
  $("#network-note").textContent = `${data.nodes.length} ${view.level === "person" ? "people" : "states"}, ` +
    `${data.edges.length} link(s)` + (data.edges_total > data.edges.length ? ` (strongest ${data.edges.length} of ${data.edges_total})` : "") +
    (view.edges === "meetings" ? " · meetings = talks, visits, calls (CONSULT)" : " · events of any type");
  if (!data.edges.length) {
    box.replaceChildren(emptyChart(view.edges === "meetings" ? "No meetings for these filters." : "No events between two parties."));
    await loadEdge(view);
    return;
  }
  const W = 960, H = 520;
  const nodes = data.nodes.map((n) => Object.assign({}, n));
  const links = data.edges.map((e) => Object.assign({}, e));
  const maxW = Math.max(...links.map((l) => l.events));
  const maxN = Math.max(...nodes.map((n) => n.events));
  const radius = d3.scaleSqrt().domain([0, maxN]).range([5, 22]);
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance(Math.max(90, 240 - 6 * nodes.length)).strength(0.6))
    .force("charge", d3.forceManyBody().strength(-380))
    .force("center", d3.forceCenter(W / 2, H / 2))
    .force("collide", d3.forceCollide((d) => radius(d.events) + 14))
    .force("x", d3.forceX(W / 2).strength(0.04)).force("y", d3.forceY(H / 2).strength(0.07))
    .stop();
  for (let i = 0; i < 300; i += 1) sim.tick();  // a fixed layout: same picture for the same data
  const clampX = (x) => Math.max(30, Math.min(W - 30, x)), clampY = (y) => Math.max(20, Math.min(H - 20, y));
  for (const n of nodes) { n.x = clampX(n.x); n.y = clampY(n.y); }
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "network of who met whom", id: "network-svg" });
  const width = d3.scaleLinear().domain([1, Math.max(2, maxW)]).range([1.5, 9]);
  const [selA, selB] = view.edge.split("|");
  for (const l of links) {
    const a = l.source, b = l.target;
    const selected = (a.id === selA && b.id === selB) || (a.id === selB && b.id === selA);
    const directed = l.source_to_target || l.target_to_source
      ? ` (${a.id} → ${b.id}: ${l.source_to_target}, ${b.id} → ${a.id}: ${l.target_to_source})` : "";
    const label = `${a.id} – ${b.id}: ${l.events} event(s)${directed}, last ${l.last || "?"}`;
    const open = () => setView({ edge: `${a.id}|${b.id}` });
    g.append(svg("g", { class: "edge" + (selected ? " selected" : ""), "data-a": a.id, "data-b": b.id, onclick: open },
      svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge-line", "stroke-width": width(l.events).toFixed(1) }),
      svg("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, class: "edge-hit" }),
      svg("title", {}, label + " · click for the events")));
  }
  // people coloured by their state (states themselves need no colour: their label is the state)
  const states = [...new Set(nodes.map((n) => n.country).filter(Boolean))].sort();
  const stateColor = new Map(states.map((c, i) => [c, TYPE_COLORS[i % TYPE_COLORS.length]]));
  for (const n of nodes) {
    const label = n.id;
    const full = view.level === "person" ? `${n.id}${n.country ? " (" + n.country + ")" : ""}` : countryName(n.id);
    const filter = view.level === "person" ? { actor: n.id } : { country: n.id };
    g.append(svg("g", { class: "node", "data-id": n.id, transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`,
      onclick: () => setFilters(filter) },
    svg("circle", { r: radius(n.events).toFixed(1),
      style: view.level === "person" && n.country ? `fill:${stateColor.get(n.country)}` : null }),
    svg("text", { y: (radius(n.events) + 12).toFixed(1), "text-anchor": "middle" }, label),
    svg("title", {}, `${full}: ${n.events} event(s) with ${n.partners} partner(s) · click to filter by it`)));
  }
  fill(box, g, view.level === "person" && states.length ? el("div", { class: "legend" },
    states.map((c) => el("span", { title: countryName(c) }, el("i", { style: `background:${stateColor.get(c)}` }), c))) : null);
  await loadEdge(view);
}

async function loadEdge(view) {
  const box = $("#network-edge");
  if (!view.edge || !view.edge.includes("|")) {
    box.replaceChildren(el("p", { class: "muted" }, "Click a link for the events behind it; click a node to filter by it."));
    return;
  }
  const [a, b] = view.edge.split("|");
  const res = await api("network/edge", Object.assign({ a, b, level: view.level, edges: view.edges }, view.filters));
  const name = (x) => (view.level === "person" ? x : `${countryName(x)} (${x})`);
  fill(box, el("div", { class: "card-head" }, el("h3", { id: "edge-title" }, `${name(a)} – ${name(b)}: ${res.total} event(s)`),
    el("button", { type: "button", class: "secondary", onclick: () => setView({ edge: "" }) }, "close")),
  eventList(res.events, "No events for this link with these filters."));
}

// ------------------------------------------------------------------ trends

async function loadTrends(view) {
  const pair = /^[A-Za-z]{2}-[A-Za-z]{2}$/.test(view.filters.pair) ? view.filters.pair.toUpperCase() : "";
  const chart = $("#trends-chart"), side = $("#trends-figures");
  const picks = $("#trends-pairs");
  const top = state.stats ? state.stats.events_by_pair.slice(0, 8) : [];
  fill(picks, el("span", { class: "muted" }, "pairs: "), top.map((p) =>
    el("button", { type: "button", class: "chip" + (p.pair === pair ? " active" : ""), onclick: () => setFilters({ pair: p.pair, country: "" }) },
      `${p.pair} (${p.count})`)));
  if (!pair) {
    $("#trends-title").textContent = "Trends for a pair";
    $("#trends-note").textContent = "";
    chart.replaceChildren(emptyChart("Choose a pair of states (the Pair filter, or one of the pairs above)."));
    side.replaceChildren();
    return;
  }
  const [t, figs] = await Promise.all([api("trends", view.filters), api("figures", { pair, kind: "" })]);
  $("#trends-title").textContent = `Trends: ${countryName(pair.slice(0, 2))} – ${countryName(pair.slice(3))}`;
  const notes = [];
  const yearOnly = Object.values(t.year_only).reduce((a, b) => a + b, 0);
  if (yearOnly) notes.push(`${yearOnly} dated to a year only`);
  if (t.open_year) notes.push(`${t.open_year} without a year`);
  if (t.undated) notes.push(`${t.undated} undated`);
  if (!t.intensity_available) notes.push("no Goldstein values for these events: counts only");
  $("#trends-note").textContent = notes.length ? notes.join(" · ") : "";
  chart.replaceChildren(trendChart(t));
  const quads = Object.entries(t.quad_classes || {});
  const gs = (g) => (g === null ? "" : ` · mean Goldstein ${g > 0 ? "+" : ""}${g}`);
  const dir = t.direction ? el("ol", { class: "counts", id: "trends-direction" }, t.direction.map((d) =>
    el("li", {}, el("span", { class: "k" }, d.from ? `${d.from} → ${d.to}` : "both / undirected"),
      el("span", { class: "n" }, `${d.events}${gs(d.goldstein)}`)))) : null;
  fill(side,
    dir ? [el("h3", {}, "Who acts on whom"), dir] : null,
    el("h3", {}, "Figures stated about the pair"),
    figs.points.length ? figureChart(figs.points, pair, "").node : el("p", { class: "muted" }, "No figures stated for this pair."),
    figs.points.length ? el("table", { class: "compact", id: "trends-figures-table" },
      el("thead", {}, el("tr", {}, ["period", "kind", "flow", "value", "unit", "src"].map((h) => el("th", {}, h)))),
      el("tbody", {}, figs.points.map((p) => el("tr", { onclick: () => openEvent(p.event_id), title: "open the event" },
        el("td", {}, p.period || "?"), el("td", {}, p.kind), el("td", {}, p.flow || ""),
        el("td", { class: "num" }, (QUALIFIER[p.qualifier] || "") + human(p.value, p.unit)), el("td", {}, p.unit),
        el("td", { class: "num" }, p.sources))))) : null,
    quads.length ? [el("h3", {}, "Events by QuadClass"), el("ol", { class: "counts" },
      quads.map(([q, n]) => el("li", {}, el("span", { class: "k" }, `${q} ${QUAD_NAMES[q] || ""}`), el("span", { class: "n" }, n))))] : null);
}

function trendChart(t) {
  if (!t.months.length) return emptyChart("No events dated to a month for these filters.");
  const months = monthsBetween(t.months[0].month, t.months[t.months.length - 1].month);
  const byMonth = new Map(t.months.map((m) => [m.month, m]));
  const types = t.types.filter((ty) => t.months.some((m) => m.by_type[ty]));
  const color = new Map(types.map((ty, i) => [ty, TYPE_COLORS[i % TYPE_COLORS.length]]));
  const W = 640, H = 260, L = 34, R = t.intensity_available ? 34 : 10, T = 12, B = 36;
  const max = niceMax(Math.max(...t.months.map((m) => m.events)));
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const step = (W - L - R) / months.length, bw = Math.max(1, Math.min(40, step * 0.8));
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per month by type", id: "trends-svg" });
  for (const tick of [0, max / 2, max]) {
    g.append(svg("line", { x1: L, x2: W - R, y1: y(tick), y2: y(tick), class: "grid" }),
      svg("text", { x: L - 4, y: y(tick) + 3, "text-anchor": "end" }, String(+tick.toFixed(1))));
  }
  const labelEvery = Math.ceil(months.length / 12);
  months.forEach((month, i) => {
    const m = byMonth.get(month);
    const x = L + i * step + (step - bw) / 2;
    let acc = 0;
    for (const ty of types) {
      const n = m ? m.by_type[ty] || 0 : 0;
      if (!n) continue;
      g.append(svg("rect", { x: x.toFixed(1), y: y(acc + n).toFixed(1), width: bw.toFixed(1), height: (y(acc) - y(acc + n)).toFixed(1),
        fill: color.get(ty), class: "bar-type", "data-month": month, "data-type": ty,
        onclick: () => setFilters({ type: ty, from: month, to: month }) },
      svg("title", {}, `${month} ${ty}: ${n} · click to filter`)));
      acc += n;
    }
    if (i % labelEvery === 0) g.append(svg("text", { x: L + i * step + step / 2, y: H - B + 14, "text-anchor": "middle" }, month));
  });
  g.append(svg("line", { x1: L, x2: W - R, y1: y(0), y2: y(0), class: "axis" }));
  if (t.intensity_available) {  // mean Goldstein per month on its own axis, -10 (conflict) .. +10 (cooperation)
    const gy = (v) => T + (H - T - B) * (1 - (v + 10) / 20);
    g.append(svg("line", { x1: L, x2: W - R, y1: gy(0), y2: gy(0), class: "zero" }));
    for (const tick of [-10, 0, 10]) g.append(svg("text", { x: W - R + 4, y: gy(tick) + 3 }, `${tick > 0 ? "+" : ""}${tick}`));
    const pts = months.map((month, i) => [i, byMonth.get(month)]).filter(([, m]) => m && m.goldstein !== null)
      .map(([i, m]) => [L + i * step + step / 2, gy(m.goldstein), m]);
    if (pts.length) {
      g.append(svg("path", { d: "M" + pts.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join("L"), class: "goldstein-line" }));
      for (const [px, py, m] of pts) {
        g.append(svg("circle", { cx: px.toFixed(1), cy: py.toFixed(1), r: 3.5, class: "goldstein-dot" },
          svg("title", {}, `${m.month}: mean Goldstein ${m.goldstein} over ${m.scored_events} event(s)`)));
      }
    }
  }
  return el("div", {}, g, el("div", { class: "legend" }, types.map((ty) => el("span", {}, el("i", { style: `background:${color.get(ty)}` }), ty)),
    t.intensity_available ? el("span", {}, el("i", { class: "line" }), "mean Goldstein (right axis)") : null,
    el("span", {}, "click a bar to filter by its month and type")));
}

// ------------------------------------------------------------------ event page

const FIELD_LABELS = { event: "the event", date: "date", location: "place", actor: "person", figure: "figure", quote: "quote" };

// Every piece of evidence of one source, in document order, each sentence once with what it proves.
function evidenceOf(e, docId) {
  const items = new Map();
  const add = (field, value, ev, marks) => {
    if (!ev || ev.doc_id !== docId) return;
    const key = `${ev.start}|${ev.end}`;
    const it = items.get(key) || { ev, proves: [], marks: new Set() };
    it.proves.push(value ? `${FIELD_LABELS[field]}: ${value}` : FIELD_LABELS[field]);
    for (const m of marks || []) if (m) it.marks.add(m);
    items.set(key, it);
  };
  for (const s of e.sources) if (s.doc_id === docId) for (const ev of s.evidence_spans || []) add("event", "", ev, []);
  for (const ev of e.date_evidence) add("date", e.date, ev, []);
  if (e.location) for (const ev of e.location.evidence) add("location", e.location.name, ev, [e.location.name]);
  for (const a of e.actors) for (const ev of a.evidence) add("actor", a.name, ev, [a.name, a.name.split(" ").slice(-1)[0]]);
  for (const f of e.figures) for (const ev of f.evidence) add("figure", `${f.kind} ${f.flow || ""} ${human(f.value, f.unit)} ${f.unit} ${f.period || ""}`.replace(/\s+/g, " "), ev, []);
  for (const q of e.quotes) for (const ev of q.evidence) add("quote", q.speaker || "", ev, [q.text]);
  return [...items.values()].sort((a, b) => a.ev.start - b.ev.start);
}

// The sentence with the values it names marked (as text nodes and <mark>, never as HTML).
function highlighted(text, marks) {
  const spans = [];
  for (const m of marks) {
    if (m.length < 3) continue;
    let i = text.indexOf(m);
    while (i >= 0) { spans.push([i, i + m.length]); i = text.indexOf(m, i + m.length); }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const out = [];
  let pos = 0;
  for (const [s, t] of spans) {
    if (s < pos) continue;
    out.push(text.slice(pos, s), el("mark", {}, text.slice(s, t)));
    pos = t;
  }
  out.push(text.slice(pos));
  return out;
}

// One source's best link to another source of the event, with the parts of its score (the
// linker's own explanation, GET /api/events/{id}/explain); an analyst's correction shows as such.
function explainLine(src) {
  const x = src.link || {};
  const parts = Object.entries(x.parts || {}).filter(([, v]) => typeof v === "number").sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
  const score = x.score !== undefined && x.score !== null ? x.score : src.score;
  if (!x.with && !parts.length && !x.correction) {
    return el("div", { class: "explain muted", "data-doc": src.doc_id }, el("strong", {}, src.doc_id),
      ": not linked to another source (the event's only one, or the one the others were linked to)");
  }
  return el("div", { class: "explain", "data-doc": src.doc_id }, el("strong", {}, src.doc_id),
    x.with ? [" linked to ", el("strong", {}, x.with)] : " linked",
    score !== null && score !== undefined ? ` with score ${score}` : "",
    x.correction ? ` (an analyst's correction: ${typeof x.correction === "string" ? x.correction : JSON.stringify(x.correction)})` : "",
    parts.length ? el("ul", {}, parts.map(([k, v]) => el("li", { class: v >= 0 ? "plus" : "minus" }, `${k} ${v > 0 ? "+" : ""}${v}`))) : null);
}

function explainBlock(x, nSources) {
  if (!x) {
    return el("p", { class: "muted" }, nSources > 1
      ? "This database does not keep the linker's reasons (stored before linking explanations existed)."
      : "One source: nothing was linked.");
  }
  return el("div", {}, x.sources.map(explainLine),
    x.story_events && x.story_events.length ? el("p", { class: "muted" }, "Same story, other events: ",
      x.story_events.map((s, i) => [i ? ", " : "", el("a", { href: "#" + query({ view: "event", event: s.event_id }) },
        `${s.type} (${s.doc_ids.join(", ")})`)])) : null,
    x.corrections && x.corrections.length ? el("ul", { class: "corrections" }, x.corrections.map((c) =>
      el("li", {}, `${c.kind}: ${c.doc_a} / ${c.doc_b}${c.note ? " — " + c.note : ""} (${c.at})`))) : null);
}

async function loadEventPage(id) {
  const box = $("#event-page");
  if (!id) { box.replaceChildren(el("p", { class: "muted" }, "No event chosen: open one from the events table, the map or the network.")); return; }
  box.replaceChildren(el("p", { class: "muted" }, "loading…"));
  const [e, ctx] = await Promise.all([api("events/" + encodeURIComponent(id)), api("events/" + encodeURIComponent(id) + "/context")]);
  const countries = [...new Set(e.countries)].sort();
  const loc = e.location;
  const facts = [["date", (e.date || "unknown") + (e.date_precision ? ` (${e.date_precision})` : "") + (e.future ? " · announced" : "")],
    ["CAMEO", e.cameo || "—"], ["place", loc ? `${loc.name}${loc.country ? ", " + loc.country : ""}` : "—"],
    ["states", countries.map((c) => `${countryName(c)} (${c})`).join(" – ")]];
  if (e.initiator && e.initiator.length) facts.push(["initiator → recipient", `${e.initiator.join(", ")} → ${(e.recipient || []).join(", ") || "?"}`]);
  facts.push(["Goldstein · QuadClass", ctx.goldstein === null ? "unknown (no CAMEO value)" :
    `${ctx.goldstein > 0 ? "+" : ""}${ctx.goldstein} · ${ctx.quad_class} ${ctx.quad_label || ""}`]);
  if (e.organizations.length) facts.push(["organisations", e.organizations.join(", ")]);
  const parts = [
    el("div", { class: "card-head" }, el("h2", { id: "event-title" }, `${e.type}${e.mode ? " / " + e.mode : ""} · ${countries.join(" – ")}`),
      el("a", { href: "/api/events/" + encodeURIComponent(e.event_id), target: "_blank", class: "muted" }, `event ${e.event_id} (JSON)`)),
    el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", {}, k), el("dd", {}, v)])),
  ];
  if (e.conflicts.length) parts.push(el("div", { class: "conflicts" }, el("strong", {}, "Sources disagree: "), e.conflicts.join("; ")));
  parts.push(el("h3", {}, `Sources (${e.sources.length}) and their evidence`));
  for (const s of e.sources) {
    const items = evidenceOf(e, s.doc_id);
    parts.push(el("section", { class: "source", "data-doc": s.doc_id },
      el("div", { class: "title" }, s.title || s.doc_id),
      el("div", { class: "meta" }, [s.doc_id, s.language ? `${s.language} ${languageName(s.language)}` : "language ?",
        `published ${s.published || "?"}`, s.date ? `event date here ${s.date}` : null].filter(Boolean).join(" · ")),
      el("div", { class: "meta" }, s.url ? sourceLink(s.url) : el("span", { class: "muted", title: s.source_path || "" },
        s.source_path ? `file ${s.source_path.split("/").pop()}` : "no link stored")),
      items.length ? el("ol", { class: "evidence-list" }, items.map((it) => el("li", { class: "evidence" },
        el("span", { class: "sentence" }, highlighted(it.ev.text, it.marks)),
        el("span", { class: "proves" }, it.proves.join(" · ")),
        el("span", { class: "off", title: "character offsets in the original document" }, `[${it.ev.start}–${it.ev.end}]`))))
        : el("p", { class: "muted" }, "no evidence sentence stored")));
  }
  if (e.figures.length) {
    parts.push(el("h3", {}, "Figures"), el("table", { class: "compact" },
      el("thead", {}, el("tr", {}, ["kind", "flow", "value", "unit", "period", "countries", "flags"].map((h) => el("th", {}, h)))),
      el("tbody", {}, e.figures.map((f) => el("tr", {}, el("td", {}, f.kind), el("td", {}, f.flow || ""),
        el("td", { class: "num" }, (QUALIFIER[f.qualifier] || "") + human(f.value, f.unit)), el("td", {}, f.unit),
        el("td", {}, f.period || "?"), el("td", {}, f.countries.join("-")),
        el("td", {}, f.flags.map((x) => el("span", { class: "tag warn" }, x))))))));
  }
  if (e.quotes.length) {
    parts.push(el("h3", {}, "Quotes"), e.quotes.map((q) => el("blockquote", {}, `“${q.text}”`,
      el("span", { class: "who" }, `— ${q.speaker || "unknown speaker"} · ${q.doc_id}`))));
  }
  parts.push(el("h3", {}, "Why these sources are one event"), el("div", { id: "links-note" }, explainBlock(ctx.explain, e.sources.length)));
  box.replaceChildren(...parts.flat(Infinity).filter(Boolean));
}

// ------------------------------------------------------------------ wiring

function initViews() {
  for (const b of document.querySelectorAll("#map-measure button")) b.addEventListener("click", () => setView({ measure: b.dataset.measure === "count" ? "" : b.dataset.measure }));
  for (const b of document.querySelectorAll("#network-level button")) b.addEventListener("click", () => setView({ level: b.dataset.level === "country" ? "" : b.dataset.level, edge: "" }));
  for (const b of document.querySelectorAll("#network-edges button")) b.addEventListener("click", () => setView({ edges: b.dataset.edges === "meetings" ? "" : b.dataset.edges, edge: "" }));
}
