// bilateral dashboard: plain JS; d3 and topojson-client (vendored under /static/vendor/) draw the
// map and the network. Talks only to this server (/api/ and /static/), through getJSON().
// Filters and the view live in the URL hash (#view=map&pair=BY-KZ&type=CONSULT&event=...), so a
// view can be bookmarked or shared and the browser's back button works. Text from articles is
// always inserted as text (never as HTML), and no style is set from markup (strict CSP: styles
// only from style.css or through the CSSOM).
"use strict";

const FILTER_KEYS = ["country", "pair", "from", "to", "type", "actor", "text"];
const PLOVER_TYPES = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE",
  "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT"];
const FLOW_COLORS = { total: "var(--total)", export: "var(--export)", import: "var(--import)" };
const SVG_NS = "http://www.w3.org/2000/svg";  // a namespace name, not a download

const state = { page: 0, pageSize: 50, order: "desc", stats: null, loaded: {} };
const $ = (sel) => document.querySelector(sel);

let regionNames = null, languageNames = null;
try {
  regionNames = new Intl.DisplayNames(["en"], { type: "region" });
  languageNames = new Intl.DisplayNames(["en"], { type: "language" });
} catch (e) { /* older browsers: codes only */ }

function countryName(code) {
  if (!code) return "";
  if (code === "EU") return "European Union";
  try { return regionNames ? regionNames.of(code) : code; } catch (e) { return code; }
}
function languageName(code) {
  if (!code || code === "?") return "unknown";
  try { return languageNames ? languageNames.of(code) : code; } catch (e) { return code; }
}

// ------------------------------------------------------------------ small helpers

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "style") node.style.cssText = v;  // CSSOM, allowed under a CSP without 'unsafe-inline'
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "style") node.style.cssText = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

const QUALIFIER = { more_than: "> ", less_than: "< ", about: "≈ " };

function human(value, unit) {
  if (value === null || value === undefined) return "";
  if (unit === "%") return `${+value.toFixed(2)}`;
  const a = Math.abs(value);
  for (const [scale, word] of [[1e12, "tn"], [1e9, "bn"], [1e6, "m"], [1e3, "k"]]) {
    if (a >= scale) return `${+(value / scale).toPrecision(3)} ${word}`;
  }
  return `${+value.toPrecision(6)}`;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, v);
  return q.toString();
}

function showError(message) {
  const box = $("#error");
  if (!message) { box.hidden = true; box.textContent = ""; return; }
  box.textContent = message;
  box.hidden = false;
}

async function api(path, params) {
  const qs = params ? query(params) : "";
  return getJSON("/api/" + path + (qs ? "?" + qs : ""));
}

// The one place the page talks to the server: only this server's /api/ and /static/ paths.
async function getJSON(url) {
  if (!/^\/(api|static)\//.test(url)) throw new Error("refusing to fetch " + url);
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) throw new Error((body && body.error) || `${res.status} ${res.statusText}`);
  return body;
}

// ------------------------------------------------------------------ filters <-> URL hash

const VIEWS = ["overview", "map", "network", "trends", "event"];

function readHash() {
  const h = new URLSearchParams(location.hash.replace(/^#/, ""));
  const filters = {};
  for (const k of FILTER_KEYS) filters[k] = h.get(k) || "";
  const view = VIEWS.includes(h.get("view")) ? h.get("view") : "overview";
  return { filters, view, page: Math.max(0, (+h.get("page") || 1) - 1), event: h.get("event") || "",
           fpair: h.get("fpair") || "", kind: h.has("kind") ? h.get("kind") : "trade",
           measure: h.get("measure") === "goldstein" ? "goldstein" : "count", focus: h.get("focus") || "",
           level: h.get("level") === "person" ? "person" : "country", edges: h.get("edges") === "all" ? "all" : "meetings",
           edge: h.get("edge") || "" };
}

// Hash params that belong to one view (kept while filters change, dropped on "Reset").
const VIEW_KEYS = ["view", "event", "fpair", "kind", "measure", "focus", "level", "edges", "edge"];

function currentFilters() {
  const form = $("#filters");
  const f = {};
  for (const k of FILTER_KEYS) f[k] = (form.elements[k].value || "").trim();
  return f;
}

function writeHash(extra) {
  const h = new URLSearchParams(location.hash.replace(/^#/, ""));
  const kept = {};
  for (const k of VIEW_KEYS) if (h.get(k)) kept[k] = h.get(k);
  const params = Object.assign(kept, currentFilters(), { page: state.page ? state.page + 1 : "" }, extra || {});
  if (params.kind === "trade") params.kind = "";  // the default
  if (params.view === "overview") params.view = "";
  const next = "#" + query(params);
  if (next === location.hash || (next === "#" && !location.hash)) render();
  else location.hash = next;
}

function setFilters(changes) {
  const form = $("#filters");
  for (const [k, v] of Object.entries(changes)) form.elements[k].value = v;
  state.page = 0;
  writeHash({ page: "" });
}

// ------------------------------------------------------------------ stats (once)

function countList(target, items, label, onClick) {
  const list = $(target);
  list.replaceChildren();
  const max = Math.max(1, ...items.map((i) => i.n));
  for (const item of items) {
    list.append(el("li", { title: item.title || "", onclick: onClick ? () => onClick(item) : null },
      el("span", { class: "k" }, label(item)),
      el("span", { class: "bar" }, el("i", { style: `width:${(100 * item.n / max).toFixed(1)}%` })),
      el("span", { class: "n" }, item.n.toLocaleString("en"))));
  }
  if (!items.length) list.append(el("li", { class: "muted" }, "none yet"));
}

async function loadStats() {
  const s = await api("stats");
  state.stats = s;
  const range = s.date_range && s.date_range.from ? ` · ${s.date_range.from} – ${s.date_range.to}` : "";
  $("#summary").textContent = `${s.events.toLocaleString("en")} events from ${s.documents.toLocaleString("en")} documents` +
    ` in ${s.languages.length} languages · ${s.figures.toLocaleString("en")} figures · ${s.quotes.toLocaleString("en")} quotes` +
    (s.events_with_conflicts ? ` · ${s.events_with_conflicts} with conflicting sources` : "") + range;
  countList("#pairs", s.events_by_pair.map((p) => ({ n: p.count, key: p.pair,
    title: p.pair.split("-").map(countryName).join(" – ") })), (i) => i.key,
    (i) => { setFilters({ pair: i.key, country: "" }); });
  countList("#types", s.events_by_type.map((t) => ({ n: t.count, key: t.key })), (i) => i.key,
    (i) => setFilters({ type: i.key }));
  countList("#languages", s.languages.map((l) => ({ n: l.documents, key: l.language, title: "documents" })),
    (i) => `${i.key} ${languageName(i.key)}`, null);
  const select = $("#filters").elements.type;
  const present = new Map(s.events_by_type.map((t) => [t.key, t.count]));
  for (const t of PLOVER_TYPES) {
    select.append(el("option", { value: t }, present.has(t) ? `${t} (${present.get(t)})` : t));
  }
}

// ------------------------------------------------------------------ events table

function eventRow(e) {
  const langs = [...new Set(e.sources.map((s) => s.language || "?"))].sort();
  const actors = e.actors.map((a) => `${a.name}${a.country ? " (" + a.country + ")" : ""}`).join(", ");
  return el("tr", { "data-id": e.event_id, onclick: () => openEvent(e.event_id) },
    el("td", { class: "date" }, e.date || "—"),
    el("td", {}, el("span", { class: "tag type" }, e.type), e.mode ? el("span", { class: "tag" }, e.mode) : null),
    el("td", {}, e.countries.map((c) => el("span", { class: "tag", title: countryName(c) }, c)),
      (e.organizations || []).map((o) => el("span", { class: "tag org", title: "organisation" }, o))),
    el("td", {}, e.location ? `${e.location.name}${e.location.country ? ", " + e.location.country : ""}` : ""),
    el("td", { class: "actors" }, actors),
    el("td", { class: "num" }, e.sources.length),
    el("td", {}, langs.join(" ")));
}

async function loadEvents(filters) {
  const params = Object.assign({}, filters, { limit: state.pageSize, offset: state.page * state.pageSize, order: state.order });
  const body = $("#events tbody");
  const data = await api("events", params);
  if (data.events.length === 0 && data.total > 0 && state.page > 0) {  // page beyond the end
    state.page = Math.floor((data.total - 1) / state.pageSize);
    return loadEvents(filters);
  }
  body.replaceChildren(...data.events.map(eventRow));
  if (!data.events.length) body.append(el("tr", {}, el("td", { colspan: 7, class: "empty" }, "No events match these filters.")));
  const first = data.total ? data.offset + 1 : 0, last = data.offset + data.events.length;
  // a count that stopped (total_exact false) is a lower bound: "10,000+", and there is a next page
  const total = data.total.toLocaleString("en") + (data.total_exact ? "" : "+");
  $("#events-count").textContent = `(${total})`;
  $("#page-info").textContent = `${first}–${last} of ${total}`;
  $("#prev").disabled = state.page === 0;
  $("#next").disabled = data.total_exact && last >= data.total;
  $("#sort-date").textContent = state.order === "desc" ? "date ↓" : "date ↑";
  markSelected();
}

function markSelected() {
  const id = readHash().event;
  for (const tr of document.querySelectorAll("#events tbody tr")) tr.classList.toggle("selected", tr.dataset.id === id);
}

// ------------------------------------------------------------------ timeline

function monthsBetween(first, last) {
  const out = [];
  let [y, m] = first.split("-").map(Number);
  const [y2, m2] = last.split("-").map(Number);
  while (y < y2 || (y === y2 && m <= m2)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1; if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

async function loadTimeline(filters) {
  const t = await api("timeline", filters);
  const box = $("#timeline");
  const notes = [];
  const yearOnly = Object.values(t.year_only).reduce((a, b) => a + b, 0);
  if (yearOnly) notes.push(`${yearOnly} dated to a year only`);
  if (t.open_year) notes.push(`${t.open_year} without a year`);
  if (t.undated) notes.push(`${t.undated} undated`);
  $("#timeline-note").textContent = notes.length ? "not shown: " + notes.join(", ") : "";
  if (!t.months.length) { box.replaceChildren(emptyChart("No dated events for these filters.")); return; }
  const counts = new Map(t.months.map((m) => [m.month, m.events]));
  let buckets = monthsBetween(t.months[0].month, t.months[t.months.length - 1].month)
    .map((m) => ({ key: m, n: counts.get(m) || 0, from: m, to: m }));
  if (buckets.length > 120) {  // many years: one bar per year
    const years = new Map();
    for (const b of buckets) years.set(b.key.slice(0, 4), (years.get(b.key.slice(0, 4)) || 0) + b.n);
    buckets = [...years].map(([y, n]) => ({ key: y, n, from: y, to: y }));
  }
  box.replaceChildren(barChart(buckets, (b) => setFilters({ from: b.from, to: b.to })));
}

function emptyChart(message) {
  return svg("svg", { viewBox: "0 0 800 60", role: "img" },
    svg("text", { x: 400, y: 34, "text-anchor": "middle", class: "empty-chart" }, message));
}

function niceMax(v) {
  if (v <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function barChart(buckets, onClick) {
  const W = 900, H = 170, L = 34, R = 8, T = 10, B = 34;
  const max = niceMax(Math.max(...buckets.map((b) => b.n)));
  const step = (W - L - R) / buckets.length, bw = Math.max(1, Math.min(40, step * 0.8));
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "events per period" });
  for (const tick of [0, max / 2, max].filter(Number.isInteger)) {  // counts: whole numbers only
    g.append(svg("line", { x1: L, x2: W - R, y1: y(tick), y2: y(tick), class: "grid" }),
      svg("text", { x: L - 4, y: y(tick) + 3, "text-anchor": "end" }, tick));
  }
  const labelEvery = Math.ceil(buckets.length / Math.floor((W - L - R) / 48));
  buckets.forEach((b, i) => {
    const x = L + i * step + (step - bw) / 2;
    if (b.n) {
      g.append(svg("rect", { x, y: y(b.n), width: bw, height: y(0) - y(b.n), class: "bar",
        onclick: () => onClick(b) }, svg("title", {}, `${b.key}: ${b.n} event${b.n === 1 ? "" : "s"}`)));
    }
    if (i % labelEvery === 0) {
      g.append(svg("text", { x: L + i * step + step / 2, y: H - B + 14, "text-anchor": "middle" }, b.key));
    }
  });
  g.append(svg("line", { x1: L, x2: W - R, y1: y(0), y2: y(0), class: "axis" }));
  return g;
}

// ------------------------------------------------------------------ figures

function defaultFigurePair(filters) {
  if (/^[A-Za-z]{2}-[A-Za-z]{2}$/.test(filters.pair)) return filters.pair.toUpperCase();
  const s = state.stats;
  if (!s || !s.events_by_pair.length) return "";
  const code = (filters.country || "").toUpperCase();
  const withCountry = s.events_by_pair.find((p) => p.pair.split("-").includes(code));
  return (withCountry || s.events_by_pair[0]).pair;
}

async function loadFigures(filters) {
  const view = readHash();
  const form = $("#figures-form");
  const pair = view.fpair || defaultFigurePair(filters);
  form.elements.pair.value = pair;
  form.elements.kind.value = view.kind === "all" ? "" : view.kind;
  const kind = form.elements.kind.value;
  const tbody = $("#figures-table tbody");
  if (!pair) { tbody.replaceChildren(); $("#figures-chart").replaceChildren(emptyChart("Choose a pair.")); return; }
  const data = await api("figures", { pair, kind });
  const pts = data.points;
  tbody.replaceChildren(...pts.map((p) => el("tr", { onclick: () => openEvent(p.event_id), title: "open the event" },
    el("td", {}, p.period || "?"), el("td", {}, p.kind), el("td", {}, p.flow || ""),
    el("td", { class: "num", title: p.qualifier || "" }, (QUALIFIER[p.qualifier] || "") + human(p.value, p.unit)),
    el("td", {}, p.unit),
    el("td", { class: "num" }, p.sources), el("td", {}, p.date || "?"),
    el("td", {}, p.flags ? el("span", { class: "tag warn" }, p.flags) : ""))));
  if (!pts.length) tbody.append(el("tr", {}, el("td", { colspan: 8, class: "empty" }, `No ${kind || ""} figures stated for ${pair}.`)));
  const chart = figureChart(pts, pair, kind);
  $("#figures-chart").replaceChildren(chart.node);
  $("#figures-note").textContent = pts.length ? `${pair}: ${pts.length} stated` +
    (chart.left ? ` · ${chart.left} not charted (no period, or another unit or kind)` : "") : "";
}

function figureChart(points, pair, kind) {
  // One unit and (when "all") one kind per chart: the most frequent; the table lists everything.
  const most = (xs) => { const c = new Map(); xs.forEach((x) => c.set(x, (c.get(x) || 0) + 1));
    return [...c].sort((a, b) => b[1] - a[1])[0][0]; };
  let pts = points.filter((p) => p.period);
  if (!pts.length) {
    return { node: emptyChart(points.length ? "No figure states its period." : `No figures for ${pair}.`), left: points.length };
  }
  const k = kind || most(pts.map((p) => p.kind));
  pts = pts.filter((p) => p.kind === k);
  const unit = most(pts.map((p) => p.unit));
  pts = pts.filter((p) => p.unit === unit);
  const periods = [...new Set(pts.map((p) => p.period))].sort();
  const flows = [...new Set(pts.map((p) => p.flow || "—"))].sort((a, b) =>
    ["total", "export", "import"].indexOf(a) - ["total", "export", "import"].indexOf(b));
  // For each (period, flow) the value stated by most sources; others stay in the table.
  const best = new Map();
  for (const p of pts) {
    const key = p.period + "|" + (p.flow || "—"), cur = best.get(key);
    if (!cur || p.sources > cur.sources) best.set(key, p);
  }
  const W = 560, H = 240, L = 56, R = 8, T = 12, B = 44;
  const max = niceMax(Math.max(...[...best.values()].map((p) => p.value), 0));
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const step = (W - L - R) / periods.length, gw = Math.min(90, step * 0.8), bw = gw / flows.length;
  const g = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": `${k} ${pair}` });
  for (const tick of [0, max / 4, max / 2, 3 * max / 4, max]) {
    g.append(svg("line", { x1: L, x2: W - R, y1: y(tick), y2: y(tick), class: "grid" }),
      svg("text", { x: L - 4, y: y(tick) + 3, "text-anchor": "end" }, human(tick, unit)));
  }
  periods.forEach((period, i) => {
    const x0 = L + i * step + (step - gw) / 2;
    flows.forEach((flow, j) => {
      const p = best.get(period + "|" + flow);
      if (!p) return;
      const qual = p.qualifier ? ` (${p.qualifier.replace("_", " ")})` : "";
      g.append(svg("rect", { x: x0 + j * bw, y: y(p.value), width: Math.max(1, bw - 2), height: y(0) - y(p.value),
        fill: FLOW_COLORS[flow] || "var(--other)", style: "cursor:pointer", onclick: () => openEvent(p.event_id) },
        svg("title", {}, `${period} ${flow}: ${human(p.value, unit)} ${unit}${qual} · ${p.sources} source(s)`)));
    });
    const label = period.includes("/") ? period.replace("/", "–") : period;
    g.append(svg("text", { x: L + i * step + step / 2, y: H - B + 14, "text-anchor": "middle" }, label));
  });
  g.append(svg("line", { x1: L, x2: W - R, y1: y(0), y2: y(0), class: "axis" }),
    svg("text", { x: L, y: H - 8 }, `${k} · ${pair} · ${unit}`));
  const wrap = el("div", {}, g, el("div", { class: "legend" },
    flows.map((f) => el("span", {}, el("i", { style: `background:${FLOW_COLORS[f] || "var(--other)"}` }), f)),
    el("span", {}, "bar = the value most sources state for that period and flow; click a bar for its event")));
  return { node: wrap, left: points.length - pts.length };
}

// ------------------------------------------------------------------ who met whom

async function loadWhoMet(filters) {
  const data = await api("who-met", { actor: filters.actor, country: filters.country, pair: filters.pair });
  const list = $("#who-met");
  const shown = data.pairs.slice(0, 200);
  $("#who-note").textContent = data.pairs.length > shown.length ? `top ${shown.length} of ${data.pairs.length}` :
    [filters.actor ? `with “${filters.actor}”` : "", data.countries.length ? `people of ${data.countries.join(" and ")}` : ""]
      .filter(Boolean).join(", ");
  const name = (n) => el("span", { class: "name", title: "filter events by this person",
    onclick: () => setFilters({ actor: n }) }, n);
  list.replaceChildren(...shown.map((p) => el("li", {}, name(p.a), "—", name(p.b),
    el("span", { class: "meta" }, `${p.meetings}× · last ${p.last || "?"}`))));
  if (!shown.length) list.append(el("li", { class: "muted" }, "No meetings between people of different states."));
}

// ------------------------------------------------------------------ event detail

function evidenceLine(ev) {
  return el("div", { class: "evidence" }, ev.text,
    el("span", { class: "off", title: "character offsets in the original document" }, `[${ev.start}–${ev.end}]`));
}

function openEvent(id) {
  const view = readHash();
  if (view.event === id) { renderDetail(id); return; }
  const h = new URLSearchParams(location.hash.replace(/^#/, ""));
  h.set("event", id);
  location.hash = "#" + h.toString();
}

function closeEvent() {
  const h = new URLSearchParams(location.hash.replace(/^#/, ""));
  h.delete("event");
  location.hash = "#" + h.toString();
}

async function renderDetail(id) {
  const panel = $("#detail"), body = $("#detail-body");
  if (!id) { panel.hidden = true; markSelected(); return; }
  panel.hidden = false;
  body.replaceChildren(el("p", { class: "muted" }, "loading…"));
  let e;
  try { e = await api("events/" + encodeURIComponent(id)); }
  catch (err) { body.replaceChildren(el("p", { class: "error" }, err.message)); return; }
  markSelected();
  const loc = e.location;
  const countries = [...new Set(e.countries)].sort();
  const parts = [
    el("p", { class: "headline" }, `${e.type}${e.mode ? " / " + e.mode : ""} · ${countries.join(" – ")}`),
    el("p", { class: "muted" }, countries.map(countryName).join(" – "), " · ",
      el("a", { href: "#" + query({ view: "event", event: e.event_id }), class: "page-link" }, "event page: all sources, evidence, links")),
    el("dl", {},
      el("dt", {}, "date"), el("dd", {}, e.date || "unknown", e.date_precision ? ` (${e.date_precision})` : "",
        e.future ? el("span", { class: "tag warn" }, "announced") : null),
      el("dt", {}, "CAMEO"), el("dd", {}, e.cameo || "—"),
      el("dt", {}, "place"), el("dd", {}, loc ? `${loc.name}${loc.country ? ", " + loc.country : ""}` +
        (loc.geonameid ? ` · GeoNames ${loc.geonameid}` : "") : "—"),
      e.organizations.length ? [el("dt", {}, "organisations"), el("dd", {}, e.organizations.join(", "))] : null,
      el("dt", {}, "event id"), el("dd", {}, el("a", { href: "/api/events/" + encodeURIComponent(e.event_id), target: "_blank" }, e.event_id))),
  ];
  if (e.conflicts.length) {
    parts.push(el("h3", {}, "Sources disagree"), el("div", { class: "conflicts" }, e.conflicts.map((c) => el("div", {}, c))));
  }
  if (e.date_evidence.length) {
    parts.push(el("h3", {}, "Date evidence"), e.date_evidence.map(evidenceLine));
  }
  if (e.actors.length) {
    parts.push(el("h3", {}, "Actors"), el("table", { class: "compact" },
      el("thead", {}, el("tr", {}, el("th", {}, "name"), el("th", {}, "state"), el("th", {}, "role"))),
      el("tbody", {}, e.actors.map((a) => el("tr", { title: a.evidence.map((x) => x.text).join("\n") },
        el("td", {}, a.name), el("td", {}, a.country || "?"), el("td", {}, a.role || ""))))));
  }
  if (e.figures.length) {
    parts.push(el("h3", {}, "Figures"), el("table", { class: "compact" },
      el("thead", {}, el("tr", {}, ["kind", "flow", "value", "unit", "period", "flags"].map((h) => el("th", {}, h)))),
      el("tbody", {}, e.figures.map((f) =>
        el("tr", { title: f.evidence.map((x) => x.text).join("\n") }, el("td", {}, f.kind), el("td", {}, f.flow || ""),
          el("td", { class: "num", title: f.qualifier || "" }, (QUALIFIER[f.qualifier] || "") + human(f.value, f.unit)),
          el("td", {}, f.unit), el("td", {}, f.period || "?"),
          el("td", {}, f.flags.map((x) => el("span", { class: "tag warn" }, x))))))));
    // Several figures usually come from one sentence: show each sentence once.
    const seen = new Map();
    for (const f of e.figures) for (const x of f.evidence) seen.set(`${x.doc_id}|${x.start}|${x.end}`, x);
    if (seen.size) {
      parts.push(el("div", { class: "ev-small" }, "stated in:"),
        [...seen.values()].map((x) => el("div", { class: "evidence ev-small" }, `${x.doc_id}: ${x.text}`,
          el("span", { class: "off" }, `[${x.start}–${x.end}]`))));
    }
  }
  if (e.quotes.length) {
    parts.push(el("h3", {}, "Quotes"), e.quotes.map((q) => el("blockquote", {}, `“${q.text}”`,
      el("span", { class: "who" }, `— ${q.speaker || "unknown speaker"} · ${q.doc_id}`))));
  }
  parts.push(el("h3", {}, `Sources (${e.sources.length})`), e.sources.map((s) => el("div", { class: "source" },
    el("div", { class: "title" }, s.title || s.doc_id),
    el("div", { class: "meta" }, [s.doc_id, s.language ? `${s.language} ${languageName(s.language)}` : "language ?",
      `published ${s.published || "?"}`, s.date ? `event date here ${s.date}` : null, s.source_path]
      .filter(Boolean).join(" · ")),
    s.url ? el("div", { class: "meta" }, sourceLink(s.url)) : null,
    (s.evidence_spans || []).length ? s.evidence_spans.map(evidenceLine) : el("div", { class: "muted" }, "no evidence sentence stored"))));
  body.replaceChildren(...parts.flat(Infinity).filter(Boolean));
  panel.scrollTop = 0;
}

// ------------------------------------------------------------------ wiring

function updateExportLinks(filters) {
  for (const a of document.querySelectorAll(".exports a[data-format]")) {
    a.href = "/api/export?" + query(Object.assign({ format: a.dataset.format }, filters));
  }
}

// Links to the other views keep the current filters.
function updateViewLinks(view) {
  for (const a of document.querySelectorAll("nav.views a[data-view]")) {
    const params = Object.assign({}, view.filters, { view: a.dataset.view === "overview" ? "" : a.dataset.view });
    a.href = "#" + query(params);
    a.classList.toggle("active", a.dataset.view === view.view);
    if (a.dataset.view === view.view) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
  for (const section of document.querySelectorAll("[data-view-section]")) {
    section.hidden = section.dataset.viewSection !== view.view;
  }
  document.body.dataset.view = view.view;
}

// Each view loads what it shows; a view's data is fetched again only when its inputs change.
const VIEW_LOADERS = {
  overview: (v) => [[JSON.stringify([v.filters, state.page, state.pageSize, state.order, v.fpair, v.kind]),
    () => Promise.all([loadEvents(v.filters), loadTimeline(v.filters), loadFigures(v.filters), loadWhoMet(v.filters)])]],
  map: (v) => [[JSON.stringify([v.filters, v.measure, v.focus]), () => loadMap(v)]],
  network: (v) => [[JSON.stringify([v.filters, v.level, v.edges, v.edge]), () => loadNetwork(v)]],
  trends: (v) => [[JSON.stringify([v.filters]), () => loadTrends(v)]],
  event: (v) => [[JSON.stringify([v.event]), () => loadEventPage(v.event)]],
};

async function render() {
  const view = readHash();
  const form = $("#filters");
  for (const k of FILTER_KEYS) form.elements[k].value = view.filters[k];
  state.page = view.page;
  const filters = view.filters;
  updateExportLinks(filters);
  updateViewLinks(view);
  const jobs = [renderDetail(view.view === "event" ? "" : view.event)];
  state.loaded = state.loaded || {};
  for (const [key, load] of VIEW_LOADERS[view.view](view)) {
    if (state.loaded[view.view] !== key) {
      state.loaded[view.view] = key;
      jobs.push(load().catch((err) => { state.loaded[view.view] = ""; throw err; }));
    }
  }
  showError("");
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) showError(failed.reason.message);
}

function init() {
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); state.page = 0; writeHash({ page: "" }); });
  $("#reset").addEventListener("click", () => { location.hash = ""; });
  $("#prev").addEventListener("click", () => { state.page = Math.max(0, state.page - 1); writeHash(); });
  $("#next").addEventListener("click", () => { state.page += 1; writeHash(); });
  $("#page-size").addEventListener("change", (ev) => { state.pageSize = +ev.target.value; state.page = 0; writeHash({ page: "" }); });
  $("#sort-date").addEventListener("click", () => { state.order = state.order === "desc" ? "asc" : "desc"; state.page = 0; writeHash({ page: "" }); });
  $("#figures-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const f = ev.target.elements;
    writeHash({ fpair: f.pair.value.trim().toUpperCase(), kind: f.kind.value || "all" });
  });
  $("#detail-close").addEventListener("click", closeEvent);
  initViews();
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape" && !$("#detail").hidden) closeEvent(); });
  window.addEventListener("hashchange", render);
  loadStats().catch((err) => showError(err.message)).finally(render);
}

document.addEventListener("DOMContentLoaded", init);
