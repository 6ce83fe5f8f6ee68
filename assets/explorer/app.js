// whomet explorer: the page's state lives in the URL hash (#actor=ID or #path=A,B, with
// &order=time&from=&to=&within=), so every view is a link. Text from the data goes through
// View.el (text nodes only) or into cytoscape's canvas labels, never through innerHTML.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const el = View.el;
  const KIND_COLOURS = { person: "#3b6fb6", party: "#c0602b", state: "#3f8a3a", organization: "#8a5bb0" };
  const PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#1f78b4", "#b15928", "#6a3d9a"];
  let cy = null;
  let selected = null;
  let meta = null;
  let view = {};
  let token = 0; // answers to superseded requests are dropped

  function parseHash() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ""));
    const get = (k) => params.get(k) || "";
    return { actor: get("actor"), path: get("path"), order: get("order"), from: get("from"), to: get("to"), within: get("within") };
  }

  function writeHash(next) {
    const params = new URLSearchParams();
    for (const key of ["actor", "path", "order", "from", "to", "within"]) {
      if (next[key]) params.set(key, next[key]);
    }
    const hash = "#" + params.toString().replace(/%2C/gi, ",");
    if (hash !== location.hash) history.pushState(null, "", hash);
    apply();
  }

  function windowQuery(extra) {
    const params = new URLSearchParams(extra || {});
    if (view.from) params.set("from", view.from);
    if (view.to) params.set("to", view.to);
    if (view.within) params.set("within", view.within);
    return params.toString();
  }

  function say(text, isError) {
    const status = $("status");
    status.textContent = text || "";
    status.classList.toggle("error", Boolean(isError));
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
    if (!response.ok) {
      const error = new Error(body.error || `HTTP ${response.status}`);
      error.candidates = body.candidates || [];
      throw error;
    }
    return body;
  }

  // ---- the graph ----------------------------------------------------------------------

  function colourOf(data) {
    const by = $("colour").value;
    if (by === "kind") return KIND_COLOURS[data.kind] || "#777";
    const group = by === "community"
      ? (data.community === null || data.community === undefined ? null : `c${data.community}`)
      : data[by] || (data.kind === by ? data.id : null);
    if (!group) return "#bbb";
    let h = 0;
    for (const c of group) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return PALETTE[h % PALETTE.length];
  }

  // Communities cost a Leiden run per window on the server, so they are asked for only when
  // they colour the nodes.
  function wantsCommunities() { return $("colour").value === "community" ? "1" : "0"; }

  function ensureCy() {
    if (cy) return cy;
    cy = cytoscape({
      container: $("cy"),
      style: [
        { selector: "node", style: {
          label: "data(name)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 3,
          "background-color": "data(colour)", width: "data(size)", height: "data(size)",
          "text-wrap": "ellipsis", "text-max-width": 120, color: "#222",
          "text-background-color": "#fff", "text-background-opacity": 0.7, "text-background-padding": 1 } },
        { selector: "node[kind = 'state']", style: { shape: "octagon" } },
        { selector: "node[kind = 'party']", style: { shape: "round-rectangle" } },
        { selector: "node[kind = 'organization']", style: { shape: "diamond" } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#f2b705" } },
        { selector: "edge", style: { width: "data(width)", "line-color": "#9aa4b1", "curve-style": "bezier" } },
        { selector: "edge.not-held", style: { "line-style": "dashed", "line-color": "#c07b7b" } },
        { selector: "edge:selected", style: { "line-color": "#f2b705" } },
        { selector: "edge.hop", style: { "line-color": "#d62728", width: 5, "z-index": 10 } },
        { selector: "edge.hop.time", style: { "line-color": "#1f77b4", "line-style": "solid" } },
        { selector: "node.hop", style: { "border-width": 3, "border-color": "#d62728" } },
      ],
    });
    cy.on("tap", "node", (e) => selectActor(e.target.id(), false));
    cy.on("dbltap", "node", (e) => expand(e.target.id()));
    cy.on("tap", "edge", (e) => showPair(e.target.data("a"), e.target.data("b")));
    return cy;
  }

  function sizes(nodes) {
    const scores = nodes.map((n) => n.score || 0);
    const lo = Math.min(...scores), hi = Math.max(...scores);
    return (score) => (hi > lo ? 18 + 42 * ((score - lo) / (hi - lo)) : 28);
  }

  function elementsOf(network) {
    const size = sizes(network.nodes);
    const nodes = network.nodes.map((n) => ({ group: "nodes", data: { ...n, size: size(n.score), colour: colourOf(n) } }));
    const edges = network.edges.map((e) => ({
      group: "edges",
      classes: e.held ? "" : "not-held",
      data: { id: `${e.a}|${e.b}|${e.held}`, source: e.a, target: e.b, a: e.a, b: e.b,
        width: Math.min(1 + e.meetings.length, 8), meetings: e.meetings.length },
    }));
    return [...nodes, ...edges];
  }

  function layout(fit) {
    const n = cy.nodes().length;
    const options = n > 300
      ? { name: "concentric", concentric: (node) => 10 - (node.data("distance") || 0), levelWidth: () => 1, animate: false }
      : { name: "cose", animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 };
    cy.layout({ ...options, fit: fit !== false, padding: 30 }).run();
  }

  function legend() {
    const list = $("legend");
    list.replaceChildren();
    if ($("colour").value === "kind") {
      for (const kind of Object.keys(KIND_COLOURS)) {
        list.append(el("li", {}, el("span", { class: `swatch ${kind}` }), kind));
      }
    } else {
      list.append(el("li", {}, `colours: one per ${$("colour").value}; grey: none recorded`));
    }
    list.append(el("li", {}, el("span", { class: "swatch dashed" }), "not held (scheduled, cancelled, declined)"));
  }

  async function drawEgo(actor) {
    const mine = ++token;
    const query = windowQuery({ measure: $("measure").value || "degree", depth: $("depth").value,
      status: $("nonheld").checked ? "all" : "held", communities: wantsCommunities() });
    const network = await api(`/api/ego/${encodeURIComponent(actor)}?${query}`);
    if (mine !== token) return;
    ensureCy().elements().remove();
    cy.add(elementsOf(network));
    layout();
    const centre = cy.getElementById(network.centre);
    centre.select();
    selected = network.centre;
    $("expand").disabled = false;
    $("graph-note").textContent = [`${network.nodes.length} actors, ${network.edges.length} edges, sized by ${network.measure}`,
      ...network.notes].join(". ");
  }

  async function expand(actor) {
    const query = windowQuery({ measure: $("measure").value || "degree", depth: 1, status: $("nonheld").checked ? "all" : "held",
      communities: wantsCommunities() });
    try {
      const network = await api(`/api/ego/${encodeURIComponent(actor)}?${query}`);
      const fresh = elementsOf(network).filter((e) => cy.getElementById(e.data.id).empty());
      cy.add(fresh);
      layout(false);
      say(`added ${fresh.filter((e) => e.group === "nodes").length} actors around ${network.nodes[0].name}`);
    } catch (e) { say(e.message, true); }
  }

  // ---- profile, pair and chains ----------------------------------------------------------

  function onActor(id) { writeHash({ ...view, actor: id, path: "", order: "" }); }

  async function showProfile(actor) {
    const profile = await api(`/api/actor/${encodeURIComponent(actor)}?${windowQuery({ status: "all" })}`);
    $("profile").replaceChildren(...View.profile(profile, onActor));
    document.title = `${profile.name} — whomet explorer`;
    return profile;
  }

  async function selectActor(actor, redraw) {
    selected = actor;
    $("expand").disabled = false;
    if (!redraw) {
      // A click keeps the drawing and the link follows the selection.
      const params = { ...view, actor, path: "", order: "" };
      history.replaceState(null, "", "#" + new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString());
      view = params;
    }
    try { await showProfile(actor); } catch (e) { say(e.message, true); }
  }

  async function showPair(a, b) {
    try {
      const report = await api(`/api/between/${encodeURIComponent(a)}/${encodeURIComponent(b)}?${windowQuery({ status: "all" })}`);
      const names = {};
      cy.nodes().forEach((n) => { names[n.id()] = n.data("name"); });
      const detail = $("detail");
      detail.replaceChildren(el("button", { type: "button", class: "close", onclick: () => { detail.hidden = true; } }, "Close"),
        ...View.pair(report, names, onActor));
      detail.hidden = false;
      detail.scrollIntoView({ block: "nearest" });
    } catch (e) { say(e.message, true); }
  }

  async function resolveName(text) {
    const answer = await api(`/api/search?q=${encodeURIComponent(text)}`);
    if (answer.resolved) return answer.resolved.id;
    const names = answer.candidates.map((c) => `${c.name} (${c.id})`).join(", ");
    throw new Error(names ? `${answer.error.split(";")[0]}; candidates: ${names}` : answer.error);
  }

  async function showPath(spec) {
    const [a, b] = spec.split(",").map((s) => s.trim());
    if (!a || !b) throw new Error("a chain needs two actors: #path=A,B");
    const mine = ++token;
    const q = (order) => api(`/api/path?${windowQuery({ a, b, order })}`);
    const [shortest, timed] = await Promise.all([q("shortest"), q("time")]);
    if (mine !== token) return;
    const first = view.order === "time" ? ["time", timed] : ["shortest", shortest];
    const second = view.order === "time" ? ["shortest", shortest] : ["time", timed];
    const title = (k) => (k === "time" ? "Time-ordered chain (earliest arrival)" : "Shortest chain");
    const result = $("path-result");
    result.replaceChildren(el("h2", {}, `Chains from ${shortest.names[shortest.from] || shortest.from} to ${shortest.names[shortest.to] || shortest.to}`),
      ...View.chain(title(first[0]), first[1], onActor), ...View.chain(title(second[0]), second[1], onActor));
    result.hidden = false;
    $("path-a").value = shortest.names[shortest.from] || a;
    $("path-b").value = shortest.names[shortest.to] || b;
    ensureCy().elements().remove();
    const names = { ...shortest.names, ...timed.names };
    for (const [kind, report] of [["static", shortest], ["time", timed]]) {
      for (const path of report.paths) {
        for (const id of path.actors) {
          if (cy.getElementById(id).empty()) {
            cy.add({ group: "nodes", classes: "hop", data: { id, name: names[id] || id, kind: "person", size: 30, colour: "#777", distance: 0 } });
          }
        }
        for (const h of path.hops) {
          const cites = h.meeting ? `${h.meeting} (${h.date})` : (h.via || "affiliation");
          cy.add({ group: "edges", classes: `hop ${kind}`, data: { id: `${kind}|${h.from}|${h.to}`, source: h.from, target: h.to, a: h.from, b: h.to, width: 5,
            title: `${kind === "time" ? "time-ordered" : "shortest"} chain, ${h.from} – ${h.to}: ${cites}` } });
        }
      }
    }
    cy.layout({ name: "breadthfirst", roots: cy.getElementById(shortest.from), directed: true, fit: true, padding: 40 }).run();
    $("graph-note").textContent = "red: the shortest chain; blue: the time-ordered chain; click an edge for the meetings behind it";
  }

  // ---- search ----------------------------------------------------------------------------

  let suggestTimer = null;
  let suggestions = [];
  let active = -1;

  function renderSuggestions() {
    const list = $("suggestions");
    list.replaceChildren(...suggestions.map((s, i) => el("li", {
      role: "option", id: `suggestion-${i}`, "aria-selected": String(i === active), class: i === active ? "active" : "",
      onclick: () => pick(i),
    }, el("strong", {}, s.name), " ", el("span", { class: "muted" }, `${s.kind} · ${s.id}${s.why ? " · " + s.why : ""}`))));
    list.hidden = suggestions.length === 0;
    $("search").setAttribute("aria-expanded", String(suggestions.length > 0));
    if (active >= 0) $("search").setAttribute("aria-activedescendant", `suggestion-${active}`);
    else $("search").removeAttribute("aria-activedescendant");
  }

  async function suggest() {
    const text = $("search").value.trim();
    if (!text) { suggestions = []; renderSuggestions(); return []; }
    const answer = await api(`/api/search?q=${encodeURIComponent(text)}`);
    const list = [];
    if (answer.resolved) list.push({ ...answer.resolved, why: answer.resolved.how === "exact" ? "" : `matched "${answer.resolved.key}"` });
    for (const c of answer.candidates) if (!list.some((x) => x.id === c.id)) list.push(c);
    if ($("search").value.trim() === text) {
      suggestions = list;
      active = list.length ? 0 : -1;
      renderSuggestions();
    }
    return list;
  }

  function pick(i) {
    const s = suggestions[i];
    if (!s) return;
    suggestions = [];
    renderSuggestions();
    $("search").value = s.name;
    writeHash({ ...view, actor: s.id, path: "", order: "" });
  }

  $("search").addEventListener("input", () => {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(() => suggest().catch((e) => say(e.message, true)), 150);
  });
  $("search").addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && suggestions.length) { active = (active + 1) % suggestions.length; renderSuggestions(); e.preventDefault(); }
    else if (e.key === "ArrowUp" && suggestions.length) { active = (active + suggestions.length - 1) % suggestions.length; renderSuggestions(); e.preventDefault(); }
    else if (e.key === "Escape") { suggestions = []; renderSuggestions(); }
  });
  $("search-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    clearTimeout(suggestTimer);
    try {
      const list = suggestions.length ? suggestions : await suggest();
      if (list.length) pick(Math.max(active, 0));
      else say(`nothing matches “${$("search").value}”`, true);
    } catch (err) { say(err.message, true); }
  });

  // ---- window, toolbar, path form, exports ----------------------------------------------

  let windowTimer = null;
  function windowChanged() {
    clearTimeout(windowTimer);
    windowTimer = setTimeout(() => writeHash({ ...view, from: $("from").value.trim(), to: $("to").value.trim(), within: $("within").value === "certain" ? "certain" : "" }), 250);
  }
  for (const id of ["from", "to"]) $(id).addEventListener("input", windowChanged);
  $("within").addEventListener("change", windowChanged);
  $("year-from").addEventListener("input", () => { $("from").value = $("year-from").value; windowChanged(); });
  $("year-to").addEventListener("input", () => { $("to").value = $("year-to").value; windowChanged(); });
  $("window").addEventListener("submit", (e) => { e.preventDefault(); windowChanged(); });
  $("clear-window").addEventListener("click", () => { $("from").value = ""; $("to").value = ""; windowChanged(); });
  for (const id of ["measure", "depth", "nonheld"]) $(id).addEventListener("change", () => apply());
  $("colour").addEventListener("change", () => {
    legend();
    // An ego network drawn without communities is fetched again with them.
    if ($("colour").value === "community" && view.actor && !view.path) return apply();
    if (cy) cy.nodes().forEach((n) => n.data("colour", colourOf(n.data())));
  });
  $("expand").addEventListener("click", () => { if (selected) expand(selected); });

  $("path-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const [a, b] = await Promise.all([resolveName($("path-a").value), resolveName($("path-b").value)]);
      writeHash({ ...view, actor: "", path: `${a},${b}`, order: $("path-order").value === "time" ? "time" : "" });
    } catch (err) { say(err.message, true); }
  });

  function download(name, href) {
    const a = el("a", { href, download: name });
    document.body.append(a);
    a.click();
    a.remove();
  }
  $("export-svg").addEventListener("click", () => {
    if (!cy || cy.elements().empty()) return say("nothing drawn yet", true);
    const url = URL.createObjectURL(new Blob([View.svg(cy)], { type: "image/svg+xml" }));
    download("whomet.svg", url);
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });
  $("export-png").addEventListener("click", () => {
    if (!cy || cy.elements().empty()) return say("nothing drawn yet", true);
    download("whomet.png", cy.png({ full: true, scale: 2, bg: "#ffffff" }));
  });
  $("export-dot").addEventListener("click", async () => {
    const params = { depth: $("depth").value, status: $("nonheld").checked ? "all" : "held", measure: $("measure").value || "degree" };
    if (view.path) params.path = view.path; else if (view.actor) params.around = view.actor; else return say("choose an actor or a chain first", true);
    const response = await fetch(`/api/dot?${windowQuery(params)}`);
    if (!response.ok) return say((await response.json()).error, true);
    const url = URL.createObjectURL(new Blob([await response.text()], { type: "text/vnd.graphviz" }));
    download("whomet.dot", url);
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });

  document.addEventListener("keydown", (e) => {
    const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName);
    if (e.key === "/" && !typing) { e.preventDefault(); $("search").focus(); }
  });

  // ---- applying the hash -----------------------------------------------------------------

  async function apply() {
    view = parseHash();
    $("from").value = view.from;
    $("to").value = view.to;
    $("within").value = view.within === "certain" ? "certain" : "possible";
    $("path-order").value = view.order === "time" ? "time" : "shortest";
    if (/^\d{4}/.test(view.from)) $("year-from").value = view.from.slice(0, 4);
    if (/^\d{4}/.test(view.to)) $("year-to").value = view.to.slice(0, 4);
    say("");
    try {
      if (view.path) {
        $("detail").hidden = true;
        await showPath(view.path);
      } else if (view.actor) {
        $("path-result").hidden = true;
        await Promise.all([drawEgo(view.actor), showProfile(view.actor)]);
      }
    } catch (e) {
      const names = (e.candidates || []).map((c) => `${c.name} (${c.id})`).join(", ");
      say(names ? `${e.message.split(";")[0]}; candidates: ${names}` : e.message, true);
    }
  }

  async function start() {
    try {
      meta = await api("/api/meta");
      $("measure").replaceChildren(...meta.measures.map((m) => el("option", { value: m }, m)));
      if (meta.large) for (const o of $("measure").options) o.disabled = !["degree", "strength", "pagerank"].includes(o.value);
      const years = [meta.first, meta.last].map((d) => (d ? Number(d.slice(0, 4)) : null));
      if (years[0] && years[1]) {
        for (const id of ["year-from", "year-to"]) { $(id).min = years[0]; $(id).max = years[1]; }
        $("year-from").value = years[0];
        $("year-to").value = years[1];
      }
    } catch (e) { say(e.message, true); }
    legend();
    window.addEventListener("hashchange", apply);
    window.addEventListener("popstate", apply);
    await apply();
    document.body.dataset.ready = "true";
  }

  start();
})();
