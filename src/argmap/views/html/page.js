// argmap's map page: outline, search, details, focus, pan and zoom, live reload.
// Map text only ever reaches the page through textContent: never as markup.
(function () {
  "use strict";
  const SVGNS = "http://www.w3.org/2000/svg";
  const STATE_KEY = "argmap-view";
  const HOOD_LIMIT = 150;
  const data = JSON.parse(document.getElementById("argmap-data").textContent);
  const claims = data.claims;
  const byId = new Map(claims.map((c) => [c.id, c]));
  const $ = (id) => document.getElementById(id);
  const viewport = $("viewport");
  const stage = $("stage");
  const view = { x: 0, y: 0, k: 1 };
  const state = { query: "", matches: null, selected: null, focus: null };
  const REL_MARK = { supports: "+", attacks: "−", undercuts: "⊘", contrasts: "⇄" };

  // --- relations ------------------------------------------------------------------------
  const incoming = new Map(claims.map((c) => [c.id, { supports: [], attacks: [], contrasts: [], undercuts: [] }]));
  const near = new Map(claims.map((c) => [c.id, new Set()]));
  function relate(members) {
    for (const a of members) for (const b of members) if (a !== b && near.has(a)) near.get(a).add(b);
  }
  function addOnce(list, id) { if (!list.includes(id)) list.push(id); }
  const coPremises = new Map();
  for (const c of claims) {
    for (const t of c.supports) { if (incoming.has(t)) addOnce(incoming.get(t).supports, c.id); relate([c.id, t]); }
    for (const t of c.attacks) { if (incoming.has(t)) addOnce(incoming.get(t).attacks, c.id); relate([c.id, t]); }
    for (const t of c.contrasts) { if (incoming.has(t)) addOnce(incoming.get(t).contrasts, c.id); relate([c.id, t]); }
    for (const link of c.linked) {
      const premises = [c.id, ...link.with];
      if (incoming.has(link.to)) for (const p of premises) addOnce(incoming.get(link.to).supports, p);
      relate([...premises, link.to]);
      for (const p of premises) coPremises.set(p + "\u0000" + link.to, premises);
    }
  }
  for (const c of claims) {
    for (const cut of c.undercuts) {
      if (incoming.has(cut.to)) addOnce(incoming.get(cut.to).undercuts, c.id);
      relate([c.id, cut.from, cut.to, ...(coPremises.get(cut.from + "\u0000" + cut.to) || [])]);
    }
  }
  function neighbourhood(id, depth) {
    const distance = new Map([[id, 0]]);
    let frontier = [id];
    for (let level = 1; frontier.length && (depth === null || level <= depth); level++) {
      const next = [];
      for (const a of frontier) for (const b of near.get(a) || []) {
        if (!distance.has(b)) { distance.set(b, level); next.push(b); }
      }
      frontier = next;
    }
    return distance;
  }

  // --- search ---------------------------------------------------------------------------
  const fold = (s) => (s || "").normalize("NFKC").toLowerCase();
  const haystack = new Map(claims.map((c) => [c.id, fold(c.id + "\n" + c.text + "\n" + (c.quote || ""))]));
  function matching(query) {
    const words = fold(query).trim().split(/\s+/).filter(Boolean);
    if (!words.length) return null;
    const found = new Set();
    for (const [id, text] of haystack) if (words.every((w) => text.includes(w))) found.add(id);
    return found;
  }

  // --- outline --------------------------------------------------------------------------
  const rowsOf = new Map();
  const outlineItems = [];
  function twist(li, open) {
    const button = li.firstChild.firstChild;
    const list = li.lastChild;
    if (!(list instanceof HTMLUListElement)) return;
    list.hidden = !open;
    button.textContent = open ? "▾" : "▸";
    button.setAttribute("aria-expanded", String(open));
  }
  function outlineRow(row) {
    const c = claims[row[0]];
    const li = document.createElement("li");
    li.dataset.claimId = c.id;
    li.setAttribute("role", "treeitem");
    if (c.status) li.dataset.status = c.status;
    const line = document.createElement("div");
    line.className = "row";
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "twist";
    toggle.tabIndex = -1;
    const rel = document.createElement("span");
    rel.className = "rel " + row[2];
    rel.textContent = REL_MARK[row[2]] || "";
    if (row[2]) rel.title = row[2];
    const text = document.createElement("span");
    text.className = "text";
    text.textContent = c.text;
    const ident = document.createElement("span");
    ident.className = "id";
    ident.textContent = c.id;
    const body = document.createElement("span");
    body.className = "body";
    const meta = document.createElement("span");
    meta.className = "meta";
    meta.append(ident);
    if (row[3].includes("r") || row[3].includes("c")) {
      const again = document.createElement("span");
      again.className = "again";
      again.textContent = row[3].includes("c") ? "cycle" : "shown above";
      meta.append(again);
      li.classList.add("repeat");
    }
    if (c.status) meta.append(badge(c.status));
    body.append(text, meta);
    line.append(toggle, rel, body);
    li.append(line);
    return li;
  }
  function badge(status) {
    const b = document.createElement("span");
    b.className = "badge " + status;
    b.textContent = status;
    return b;
  }
  function buildOutline() {
    const root = $("outline");
    const fragment = document.createDocumentFragment();
    const lists = [fragment];
    const parents = [];
    for (const row of data.outline) {
      const depth = row[1];
      const li = outlineRow(row);
      while (lists.length > depth + 1) { lists.pop(); parents.pop(); }
      if (lists.length < depth + 1) {
        const parent = parents[parents.length - 1];
        const ul = document.createElement("ul");
        ul.setAttribute("role", "group");
        parent.append(ul);
        lists.push(ul);
      }
      lists[lists.length - 1].append(li);
      parents[depth] = li;
      parents.length = depth + 1;
      outlineItems.push({ li, depth, parent: depth ? parents[depth - 1] : null, id: claims[row[0]].id });
      if (!rowsOf.has(li.dataset.claimId)) rowsOf.set(li.dataset.claimId, []);
      rowsOf.get(li.dataset.claimId).push(li);
    }
    root.append(fragment);
    for (const item of outlineItems) twist(item.li, item.depth < 1 || data.outline.length < 200);
  }
  function revealInOutline(id) {
    const li = (rowsOf.get(id) || [])[0];
    if (!li) return;
    for (let up = li.parentElement; up && up.id !== "outline"; up = up.parentElement) {
      if (up instanceof HTMLUListElement) up.hidden = false;
      if (up instanceof HTMLLIElement) twist(up, true);
    }
    li.firstChild.scrollIntoView({ block: "nearest" });
  }
  function filterOutline(matches) {
    const shown = new Map();
    for (let i = outlineItems.length - 1; i >= 0; i--) {
      const item = outlineItems[i];
      const show = !matches || matches.has(item.id) || shown.get(item.li) === true;
      if (show) shown.set(item.li, true);
      if (show && item.parent) shown.set(item.parent, true);
      item.li.hidden = !show;
      item.li.classList.toggle("match", !!matches && matches.has(item.id));
      if (matches && show && item.li.lastChild instanceof HTMLUListElement) twist(item.li, true);
    }
  }

  // --- details panel --------------------------------------------------------------------
  function claimLink(id) {
    const a = document.createElement("a");
    a.href = "#claim=" + encodeURIComponent(id);
    a.dataset.claimLink = id;
    const c = byId.get(id);
    a.textContent = c ? c.text : id;
    a.title = id;
    return a;
  }
  function field(dl, name, value) {
    if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return;
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    if (Array.isArray(value)) {
      const ul = document.createElement("ul");
      for (const item of value) {
        const li = document.createElement("li");
        li.append(item);
        ul.append(li);
      }
      dd.append(ul);
    } else dd.append(value);
    dl.append(dt, dd);
  }
  function statusText(c) {
    const parts = [];
    if (c.status) parts.push(c.status + (data.semantics ? " (" + data.semantics + ")" : ""));
    if (c.score !== null && c.score !== undefined) parts.push("score " + c.score.toFixed(3) + (data.gradual ? " (" + data.gradual + ")" : ""));
    return parts.length ? parts.join(", ") : null;
  }
  function showPanel(id) {
    const panel = $("panel");
    const c = byId.get(id);
    panel.replaceChildren();
    if (!c) { panel.hidden = true; return; }
    panel.hidden = false;
    panel.dataset.claimId = c.id;
    const head = document.createElement("h2");
    const kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = c.kind;
    const ident = document.createElement("code");
    ident.textContent = c.id;
    head.append(kind, ident);
    if (c.status) head.append(badge(c.status));
    const text = document.createElement("p");
    text.className = "claim-text";
    text.textContent = c.text;
    panel.append(head, text);
    if (c.quote) {
      const quote = document.createElement("blockquote");
      quote.className = "quote";
      quote.textContent = c.quote;
      panel.append(quote);
    }
    const dl = document.createElement("dl");
    const tags = c.tags.map((t) => { const s = document.createElement("span"); s.className = "tag"; s.textContent = t; return s; });
    const into = incoming.get(c.id);
    field(dl, "Section", c.section);
    field(dl, "Tags", tags);
    field(dl, "Status", statusText(c));
    field(dl, "Supports", [...c.supports, ...c.linked.map((l) => l.to)].map(claimLink));
    field(dl, "Together with", c.linked.flatMap((l) => l.with).map(claimLink));
    field(dl, "Attacks", c.attacks.map(claimLink));
    field(dl, "Undercuts", c.undercuts.map((u) => { const s = document.createElement("span"); s.append(claimLink(u.from), " → ", claimLink(u.to)); return s; }));
    field(dl, "Contrasts with", [...c.contrasts, ...into.contrasts].filter((v, i, a) => a.indexOf(v) === i).map(claimLink));
    field(dl, "Supported by", into.supports.map(claimLink));
    field(dl, "Attacked by", into.attacks.map(claimLink));
    field(dl, "Undercut by", into.undercuts.map(claimLink));
    panel.append(dl);
    const actions = document.createElement("div");
    actions.className = "actions";
    const focus = document.createElement("button");
    focus.type = "button";
    focus.id = "focus-here";
    focus.textContent = "Focus on this claim";
    focus.addEventListener("click", () => setFocus(c.id));
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", () => select(null));
    actions.append(focus, close);
    panel.append(actions);
  }

  // --- pan and zoom ---------------------------------------------------------------------
  function applyView() { stage.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.k + ")"; }
  function zoomAt(factor, px, py) {
    const k = Math.min(4, Math.max(0.03, view.k * factor));
    view.x = px - (px - view.x) * (k / view.k);
    view.y = py - (py - view.y) * (k / view.k);
    view.k = k;
    applyView();
  }
  function fitTo(box) {
    if (!box || box.width <= 0 || box.height <= 0) return;
    const w = viewport.clientWidth, h = viewport.clientHeight, pad = 24;
    view.k = Math.min(1.4, Math.max(0.03, Math.min((w - 2 * pad) / box.width, (h - 2 * pad) / box.height)));
    view.x = (w - box.width * view.k) / 2 - box.x * view.k;
    view.y = (h - box.height * view.k) / 2 - box.y * view.k;
    applyView();
  }
  function stageBox(elements) {
    const origin = stage.getBoundingClientRect();
    let left = Infinity, top = Infinity, right = -Infinity, bottom = -Infinity;
    for (const el of elements) {
      const r = el.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      left = Math.min(left, r.left); top = Math.min(top, r.top); right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom);
    }
    if (left === Infinity) return null;
    return { x: (left - origin.left) / view.k, y: (top - origin.top) / view.k, width: (right - left) / view.k, height: (bottom - top) / view.k };
  }
  function fit() {
    const svg = stage.querySelector("svg");
    if (!svg) return;
    const shown = [...svg.querySelectorAll("[data-claim-id]:not(.gone):not(.dim)")];
    fitTo(stageBox(shown.length && (state.focus || state.matches) ? shown : [svg]));
  }
  let drag = null;
  viewport.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
  });
  window.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true;
    viewport.classList.add("dragging");
    view.x = drag.vx + dx; view.y = drag.vy + dy;
    applyView();
  });
  window.addEventListener("pointerup", () => {
    viewport.classList.remove("dragging");
    setTimeout(() => { drag = null; }, 0);
  });
  viewport.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = viewport.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  const centre = () => [viewport.clientWidth / 2, viewport.clientHeight / 2];
  $("zoom-in").addEventListener("click", () => zoomAt(1.25, ...centre()));
  $("zoom-out").addEventListener("click", () => zoomAt(0.8, ...centre()));
  $("zoom-fit").addEventListener("click", fit);
  viewport.addEventListener("keydown", (e) => {
    if (e.key === "+" || e.key === "=") zoomAt(1.25, ...centre());
    else if (e.key === "-") zoomAt(0.8, ...centre());
    else if (e.key === "0") fit();
  });

  // --- the Graphviz drawing (small maps) --------------------------------------------------
  const drawn = data.drawn ? stage.querySelector("svg") : null;
  const pointEnds = new Map();
  if (drawn) {
    const vb = drawn.viewBox.baseVal;
    drawn.setAttribute("width", String(vb.width));
    drawn.setAttribute("height", String(vb.height));
    for (const edge of drawn.querySelectorAll("g.edge")) {
      for (const [a, b] of [[edge.dataset.from, edge.dataset.to], [edge.dataset.to, edge.dataset.from]]) {
        if (!byId.has(a)) { if (!pointEnds.has(a)) pointEnds.set(a, new Set()); if (byId.has(b)) pointEnds.get(a).add(b); }
      }
    }
    // an edge from a point to another point (none today) would need one more step; not drawn so
  }
  function endsOf(id) { return byId.has(id) ? [id] : [...(pointEnds.get(id) || [])]; }
  function paintDrawn() {
    const visible = state.focus ? neighbourhood(state.focus.id, state.focus.depth) : null;
    const isIn = (id) => !visible || visible.has(id);
    const hit = (id) => !state.matches || state.matches.has(id);
    for (const g of drawn.querySelectorAll("[data-claim-id]")) {
      const id = g.dataset.claimId;
      g.classList.toggle("gone", !isIn(id));
      g.classList.toggle("dim", !hit(id));
      g.classList.toggle("match", !!state.matches && hit(id));
      g.classList.toggle("selected", id === state.selected);
    }
    const pointShown = (id) => endsOf(id).filter(isIn).length >= 2;
    const endShown = (id) => (byId.has(id) ? isIn(id) : pointShown(id));
    for (const g of drawn.querySelectorAll("[data-point]")) {
      g.classList.toggle("gone", !pointShown(g.dataset.point));
      g.classList.toggle("dim", !endsOf(g.dataset.point).some(hit));
    }
    for (const g of drawn.querySelectorAll("g.edge")) {
      const from = endsOf(g.dataset.from), to = endsOf(g.dataset.to);
      g.classList.toggle("gone", !endShown(g.dataset.from) || !endShown(g.dataset.to));
      g.classList.toggle("dim", !(from.some(hit) && to.some(hit)));
    }
  }

  // --- the neighbourhood drawing (big maps, or no Graphviz) ------------------------------
  function wrapLines(text, width, most) {
    const lines = [];
    let line = "", used = 0;
    for (const word of text.split(/(\s+)/)) {
      for (const ch of /\s/.test(word) ? [word] : word.match(/[\u1100-\uffff]|[^\u1100-\uffff]+/gu) || []) {
        const wide = /[\u1100-\uffff]/u.test(ch) ? 2 * [...ch].length : [...ch].length;
        if (used + wide > width && line.trim()) { lines.push(line.trim()); line = ""; used = 0; }
        if (!line && /^\s+$/.test(ch)) continue;
        line += ch; used += wide;
      }
    }
    if (line.trim()) lines.push(line.trim());
    if (lines.length > most) { lines.length = most; lines[most - 1] += " …"; }
    return lines;
  }
  function hoodEdges(ids) {
    const inside = new Set(ids);
    const edges = [];
    const seen = new Set();
    const add = (s, t, role) => {
      const key = s + "\u0000" + t + "\u0000" + role;
      if (inside.has(s) && inside.has(t) && s !== t && !seen.has(key)) { seen.add(key); edges.push({ s, t, role }); }
    };
    for (const id of ids) {
      const c = byId.get(id);
      c.supports.forEach((t) => add(id, t, "supports"));
      c.linked.forEach((l) => [id, ...l.with].forEach((p) => add(p, l.to, "supports")));
      c.attacks.forEach((t) => add(id, t, "attacks"));
      c.undercuts.forEach((u) => add(id, u.to, "undercuts"));
      c.contrasts.forEach((t) => { if (!seen.has(t + "\u0000" + id + "\u0000contrasts")) add(id, t, "contrasts"); });
    }
    return edges;
  }
  function layers(ids, edges) {
    const rank = new Map(ids.map((id) => [id, 0]));
    const ranked = edges.filter((e) => e.role !== "contrasts");
    for (let round = 0, changed = true; changed && round < ids.length; round++) {
      changed = false;
      for (const e of ranked) if (rank.get(e.t) < rank.get(e.s) + 1) { rank.set(e.t, rank.get(e.s) + 1); changed = true; }
    }
    const top = Math.max(0, ...rank.values());
    const rows = Array.from({ length: top + 1 }, () => []);
    for (const id of ids) rows[top - rank.get(id)].push(id);
    const order = new Map();
    const number = () => rows.forEach((row) => row.forEach((id, i) => order.set(id, i / Math.max(1, row.length - 1))));
    number();
    const adjacent = new Map(ids.map((id) => [id, []]));
    for (const e of edges) { adjacent.get(e.s).push(e.t); adjacent.get(e.t).push(e.s); }
    for (let sweep = 0; sweep < 6; sweep++) {
      for (const row of rows) {
        const weight = new Map(row.map((id) => {
          const n = adjacent.get(id);
          return [id, n.length ? n.reduce((sum, m) => sum + order.get(m), 0) / n.length : order.get(id)];
        }));
        row.sort((a, b) => weight.get(a) - weight.get(b));
      }
      number();
    }
    return rows.filter((row) => row.length);
  }
  function svgEl(name, attrs, parent) {
    const el = document.createElementNS(SVGNS, name);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (parent) parent.append(el);
    return el;
  }
  function markers(svg) {
    const defs = svgEl("defs", {}, svg);
    for (const [role, style] of Object.entries(data.styles.edges)) {
      const m = svgEl("marker", { id: "head-" + role, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, orient: "auto-start-reverse", markerUnits: "userSpaceOnUse" }, defs);
      if (style.arrowhead === "tee") svgEl("path", { d: "M8,0V10", stroke: style.color, "stroke-width": 2.5 }, m);
      else svgEl("path", { d: "M0,1L10,5L0,9z", fill: style.color }, m);
    }
  }
  function hoodNode(svg, c, x, y, w, lines) {
    const kind = data.styles.kinds[c.kind] || data.styles.kinds.claim;
    const status = c.status ? data.styles.statuses[c.status] : null;
    const g = svgEl("g", { class: "node " + c.kind, transform: "translate(" + x + "," + y + ")" }, svg);
    g.dataset.claimId = c.id;
    if (c.status) g.dataset.status = c.status;
    const h = 22 + lines.length * 14;
    const box = {
      fill: kind.fillcolor, stroke: status ? status.color : kind.color,
      "stroke-width": status ? 3 : kind.style.includes("bold") ? 2.5 : 1.3,
    };
    if (status && status.dashed) box["stroke-dasharray"] = "6 4";
    if (status && status.dotted) box["stroke-dasharray"] = "1.5 3";
    if (kind.shape === "note") svgEl("path", Object.assign({ d: "M0,0H" + (w - 10) + "L" + w + ",10V" + h + "H0Z" }, box), g);
    else svgEl("rect", Object.assign({ width: w, height: h, rx: 7 }, box), g);
    const ident = svgEl("text", { x: w / 2, y: 14, "text-anchor": "middle", class: "ident" }, g);
    ident.textContent = "[" + c.id + "]";
    const text = svgEl("text", { x: w / 2, y: 30, "text-anchor": "middle", class: "label" + (c.status === "out" ? " out" : "") }, g);
    lines.forEach((line, i) => { const t = svgEl("tspan", { x: w / 2, dy: i ? 14 : 0 }, text); t.textContent = line; });
    const title = svgEl("title", {}, g);
    title.textContent = c.text;
    return h;
  }
  function drawHood(ids, centreId) {
    const edges = hoodEdges(ids);
    const rows = layers(ids, edges);
    const svg = svgEl("svg", { class: "graph hood", role: "img", "aria-label": "Neighbourhood of " + centreId });
    markers(svg);
    const edgeLayer = svgEl("g", {}, svg);
    const W = 190, GAP = 26, VGAP = 64;
    const place = new Map();
    const widest = Math.max(...rows.map((r) => r.length));
    let y = 10;
    for (const row of rows) {
      let x = 10 + ((widest - row.length) * (W + GAP)) / 2;
      let tallest = 0;
      for (const id of row) {
        const c = byId.get(id);
        const h = hoodNode(svg, c, x, y, W, wrapLines(c.text, 30, 6));
        place.set(id, { x, y, h });
        tallest = Math.max(tallest, h);
        x += W + GAP;
      }
      y += tallest + VGAP;
    }
    for (const e of edges) hoodEdge(edgeLayer, e, place.get(e.s), place.get(e.t), W);
    svg.setAttribute("width", String(10 + widest * (W + GAP)));
    svg.setAttribute("height", String(y));
    return svg;
  }
  function hoodEdge(layer, e, a, b, W) {
    const style = data.styles.edges[e.role];
    let d;
    if (e.role === "contrasts" || Math.abs(a.y - b.y) < 1) {
      const [l, r] = a.x < b.x ? [a, b] : [b, a];
      d = "M" + (l.x + W) + "," + (l.y + l.h / 2) + "L" + r.x + "," + (r.y + r.h / 2);
    } else {
      const up = b.y < a.y;
      const sy = up ? a.y : a.y + a.h, ty = up ? b.y + b.h : b.y;
      const mid = (sy + ty) / 2;
      d = "M" + (a.x + W / 2) + "," + sy + "C" + (a.x + W / 2) + "," + mid + " " + (b.x + W / 2) + "," + mid + " " + (b.x + W / 2) + "," + ty;
    }
    const g = svgEl("g", { class: "edge " + e.role }, layer);
    g.dataset.from = e.s;
    g.dataset.to = e.t;
    const attrs = { d, fill: "none", stroke: style.color, "stroke-width": 1.6 };
    if (style.style === "dashed") attrs["stroke-dasharray"] = "6 4";
    if (e.role !== "contrasts") attrs["marker-end"] = "url(#head-" + e.role + ")";
    svgEl("path", attrs, g);
  }
  function hoodIds(id, depth) {
    let reach = neighbourhood(id, depth);
    for (let d = depth === null ? 6 : depth - 1; reach.size > HOOD_LIMIT && d >= 1; d--) reach = neighbourhood(id, d);
    const ids = [...reach.keys()].slice(0, HOOD_LIMIT);
    return { ids, cut: ids.length < neighbourhood(id, depth).size };
  }
  function paintHood() {
    const centreId = state.focus ? state.focus.id : null;
    let ids = null, cut = false;
    if (centreId) ({ ids, cut } = hoodIds(centreId, state.focus.depth));
    else if (claims.length <= HOOD_LIMIT) ids = claims.map((c) => c.id);
    $("empty").hidden = !!ids;
    if (!ids) { stage.replaceChildren(); return; }
    const key = ids.join("\u0000");
    if (stage.dataset.key !== key) {
      stage.replaceChildren(drawHood(ids, centreId || ""));
      stage.dataset.key = key;
      requestAnimationFrame(fit);
    }
    const svg = stage.firstChild;
    for (const g of svg.querySelectorAll("[data-claim-id]")) {
      g.classList.toggle("selected", g.dataset.claimId === state.selected);
      g.classList.toggle("dim", !!state.matches && !state.matches.has(g.dataset.claimId));
    }
    $("count").dataset.cut = cut ? "1" : "";
  }

  // --- state changes ----------------------------------------------------------------------
  function paint() { if (drawn) paintDrawn(); else paintHood(); }
  function depthChoice() { const v = $("depth").value; return v === "all" ? null : Number(v); }
  function setFocus(id) {
    state.focus = id ? { id, depth: depthChoice() } : null;
    $("unfocus").disabled = !state.focus;
    paint();
    if (drawn) fit();
  }
  function select(id, options) {
    state.selected = id && byId.has(id) ? id : null;
    for (const li of document.querySelectorAll("#outline li.selected")) li.classList.remove("selected");
    for (const li of rowsOf.get(state.selected) || []) li.classList.add("selected");
    showPanel(state.selected);
    if (state.selected && !drawn) {
      const shownHere = stage.querySelector('[data-claim-id="' + CSS.escape(state.selected) + '"]');
      if (!shownHere || (options && options.refocus)) { setFocus(state.selected); }
    }
    paint();
    if (state.selected && !(options && options.quiet)) revealInOutline(state.selected);
    if (state.selected && drawn && options && options.centre) {
      const g = drawn.querySelector('[data-claim-id="' + CSS.escape(state.selected) + '"]');
      if (g && !g.classList.contains("gone")) {
        const box = stageBox([g]);
        if (box) { view.x = viewport.clientWidth / 2 - (box.x + box.width / 2) * view.k; view.y = viewport.clientHeight / 2 - (box.y + box.height / 2) * view.k; applyView(); }
      }
    }
    history.replaceState(null, "", state.selected ? "#claim=" + encodeURIComponent(state.selected) : location.pathname + location.search);
  }
  function search(query) {
    state.query = query;
    state.matches = matching(query);
    filterOutline(state.matches);
    $("count").textContent = state.matches ? state.matches.size + " of " + claims.length + " claims" : claims.length + " claims";
    paint();
    if (drawn) fit();
  }

  // --- events -----------------------------------------------------------------------------
  let searchTimer = 0;
  $("search").addEventListener("input", (e) => {
    clearTimeout(searchTimer);
    const value = e.target.value;
    searchTimer = setTimeout(() => search(value), claims.length > 2000 ? 150 : 30);
  });
  $("search").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && state.matches && state.matches.size) select([...state.matches][0], { centre: true });
  });
  $("depth").addEventListener("change", () => { if (state.focus) setFocus(state.focus.id); });
  $("unfocus").addEventListener("click", () => setFocus(null));
  $("outline").addEventListener("click", (e) => {
    const li = e.target.closest("li");
    if (!li) return;
    if (e.target.closest(".twist")) { twist(li, li.lastChild.hidden); return; }
    select(li.dataset.claimId, { quiet: true, centre: true, refocus: !drawn });
  });
  $("expand-all").addEventListener("click", () => outlineItems.forEach((item) => twist(item.li, true)));
  $("collapse-all").addEventListener("click", () => outlineItems.forEach((item) => twist(item.li, item.depth < 1 && false)));
  stage.addEventListener("click", (e) => {
    if (drag && drag.moved) return;
    const g = e.target.closest("[data-claim-id]");
    if (g) select(g.dataset.claimId);
  });
  document.addEventListener("click", (e) => {
    const a = e.target.closest("a[data-claim-link]");
    if (!a) return;
    e.preventDefault();
    select(a.dataset.claimLink, { centre: true });
  });
  $("legend-toggle").addEventListener("click", (e) => {
    const legend = document.querySelector("[data-legend]");
    const open = legend.classList.toggle("closed") === false;
    e.target.setAttribute("aria-expanded", String(open));
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "/" && document.activeElement !== $("search")) { e.preventDefault(); $("search").focus(); }
    if (e.key === "Escape") { if (state.focus) setFocus(null); else if (state.selected) select(null); }
  });

  // --- live preview: follow the server's events, keep the view across reloads ------------
  function saveView() {
    try {
      sessionStorage.setItem(STATE_KEY, JSON.stringify({
        query: $("search").value, selected: state.selected, focus: state.focus, depth: $("depth").value,
        view: drawn ? view : null, searchFocused: document.activeElement === $("search"),
      }));
    } catch (err) { /* storage can be unavailable; the view is then not kept */ }
  }
  function restoreView() {
    let saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(STATE_KEY) || "null"); sessionStorage.removeItem(STATE_KEY); } catch (err) { saved = null; }
    return saved;
  }
  function follow(live) {
    const banner = $("banner");
    const events = new EventSource(live.events);
    events.addEventListener("state", (e) => {
      const news = JSON.parse(e.data);
      banner.hidden = !news.error;
      banner.textContent = news.error || "";
      if (news.version !== live.version) { events.close(); saveView(); location.reload(); }
    });
  }

  // --- start --------------------------------------------------------------------------------
  buildOutline();
  const saved = data.live ? restoreView() : null;
  if (saved) { $("depth").value = saved.depth; $("search").value = saved.query || ""; }
  search($("search").value);
  if (saved && saved.focus && byId.has(saved.focus.id)) { state.focus = saved.focus; $("unfocus").disabled = false; paint(); }
  const fromHash = /^#claim=(.+)$/.exec(location.hash);
  const first = saved && saved.selected ? saved.selected : fromHash ? decodeURIComponent(fromHash[1]) : null;
  requestAnimationFrame(() => {
    fit();
    if (saved && saved.view) { Object.assign(view, saved.view); applyView(); }
    if (first && byId.has(first)) select(first, { refocus: !drawn && !(saved && saved.focus) });
    if (saved && saved.searchFocused) $("search").focus();
    if (data.live) follow(data.live);
    document.documentElement.dataset.ready = "1";
  });
})();
