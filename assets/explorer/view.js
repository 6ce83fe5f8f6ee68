// whomet explorer: turning API answers into page content. Every string from the data goes in
// as a text node (el() never parses HTML), so a name like <img onerror=…> stays a name.
"use strict";

const View = (() => {
  // el("li", {class: "x"}, "text", child) — attributes set one by one, children as text nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "onclick") node.addEventListener("click", value);
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // Only web addresses become links; anything else (javascript:, data:) stays text.
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function citation(c) {
    const url = safeUrl(c.url);
    const title = c.title ? ` “${c.title}”` : "";
    const head = url
      ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, c.publication + title)
      : el("span", {}, c.publication + title);
    return el("li", { class: "source" },
      head,
      c.published ? el("span", { class: "muted" }, ` (${c.published})`) : null,
      !url && c.url ? el("span", { class: "muted" }, ` ${c.url}`) : null,
      c.evidence ? el("blockquote", { class: "evidence" }, c.evidence) : null);
  }

  function sources(list) {
    if (!list || list.length === 0) return el("p", { class: "muted" }, "no source recorded");
    return el("ul", { class: "sources" }, list.map(citation));
  }

  function statusBadge(status) {
    return el("span", { class: `badge status-${status}` }, status);
  }

  function actorButton(id, name, onActor) {
    return el("button", { type: "button", class: "actor-link", onclick: () => onActor(id) }, name || id);
  }

  // One meeting row (MeetingRow or timeline entry); `self` is left out of the counterparts.
  function meeting(m, self, onActor) {
    const names = {};
    (m.participants || []).forEach((id, i) => { names[id] = (m.names || [])[i] || id; });
    const others = m.counterparts || (m.participants || []).filter((id) => id !== self);
    return el("li", { class: `meeting${m.status !== "held" ? " not-held" : ""}`, dataset: { meeting: m.id } },
      el("div", { class: "meeting-head" },
        el("time", { class: "date" }, m.date),
        " ", statusBadge(m.status),
        " ", el("span", { class: "kind" }, m.kind.replace(/_/g, " ")),
        m.place ? el("span", { class: "place" }, ` in ${m.place}`) : null,
        m.inside === "possible" ? el("span", { class: "badge possible", title: "the date range only overlaps the window" }, "possibly in window") : null),
      others.length ? el("div", { class: "with" }, "with ",
        others.map((id, i) => [i ? ", " : "", actorButton(id, names[id], onActor)])) : null,
      m.role ? el("div", { class: "muted" }, `as ${m.role}`) : null,
      m.date_note ? el("div", { class: "muted" }, `date: ${m.date_note}`) : null,
      m.notes ? el("div", { class: "notes" }, m.notes) : null,
      sources(m.sources),
      el("div", { class: "muted id" }, m.id));
  }

  function span(from, to) {
    if (!from && !to) return "";
    return ` (${from || "…"} – ${to || "…"})`;
  }

  function roles(list, key, nameKey, onActor) {
    return el("ul", { class: "roles" }, list.map((r) =>
      el("li", {},
        el("span", {}, `${r.role} — `), actorButton(r[key], r[nameKey], onActor),
        el("span", { class: "muted" }, span(r.from, r.to)),
        sources(r.sources))));
  }

  function profile(p, onActor) {
    const count = p.meetings.reduce((n, y) => n + y.meetings.length, 0);
    const parts = [
      el("h2", { id: "profile-name" }, p.name),
      el("p", { class: "kind-line" },
        el("span", { class: `badge kind-${p.kind}` }, p.kind),
        p.native_name ? el("span", { class: "native" }, ` ${p.native_name}`) : null,
        el("span", { class: "muted id" }, ` ${p.id}`)),
    ];
    if (p.aliases.length) parts.push(el("p", {}, "also: ", p.aliases.join("; ")));
    if (p.notes) parts.push(el("p", { class: "notes" }, p.notes));
    if (p.roles.length) parts.push(el("h3", {}, "Roles"), roles(p.roles, "of", "of_name", onActor));
    if (p.members.length) parts.push(el("details", {}, el("summary", {}, `Members and office holders (${p.members.length})`),
      roles(p.members, "actor", "actor_name", onActor)));
    parts.push(el("h3", {}, `Meetings (${count})`));
    if (count === 0) parts.push(el("p", { class: "muted" }, "none in this window"));
    for (const year of p.meetings) {
      parts.push(el("h4", { class: "year" }, year.year === null ? "open date" : String(year.year)),
        el("ul", { class: "meetings" }, year.meetings.map((m) => meeting(m, p.id, onActor))));
    }
    if (p.presences.length) parts.push(el("h3", {}, `Present with others, no meeting (${p.presences.length})`),
      el("ul", { class: "meetings" }, p.presences.map((m) => meeting(m, p.id, onActor))));
    if (p.visits.length) parts.push(el("h3", {}, `State visits (${p.visits.length})`),
      el("ul", { class: "meetings" }, p.visits.map((m) => meeting(m, p.id, onActor))));
    if (p.sources.length) {
      parts.push(el("h3", {}, `Sources (${p.sources.length})`), el("ul", { class: "sources" }, p.sources.map((s) => {
        const url = safeUrl(s.url);
        return el("li", { class: "source" },
          url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, s.publication) : s.publication,
          s.title ? ` “${s.title}”` : "", s.published ? el("span", { class: "muted" }, ` (${s.published})`) : null,
          s.notes ? el("div", { class: "notes" }, s.notes) : null);
      })));
    }
    return parts;
  }

  function pair(report, names, onActor) {
    const title = `${names[report.a] || report.a} and ${names[report.b] || report.b}`;
    return [
      el("h2", {}, title),
      report.meetings.length
        ? el("ul", { class: "meetings" }, report.meetings.map((m) => meeting(m, null, onActor)))
        : el("p", { class: "muted" }, "no meetings of the two in this window"),
    ];
  }

  function chain(title, report, onActor) {
    const names = report.names || {};
    const parts = [el("h3", {}, title)];
    if (!report.found) {
      parts.push(el("ul", { class: "notes" }, report.notes.map((n) => el("li", {}, n))));
      return parts;
    }
    const path = report.paths[0];
    parts.push(el("p", { class: "chain" }, path.actors.map((id, i) =>
      [i ? " → " : "", actorButton(id, names[id], onActor)])));
    // An open arrival (null) is told by the last meeting's known bound, as the CLI's tables do.
    const last = path.hops[path.hops.length - 1];
    const arrival = path.arrival
      || (last && last.earliest && `${last.earliest}..`)
      || (last && last.latest && `..${last.latest}`);
    if (arrival) parts.push(el("p", { class: "muted" }, `reaches ${names[report.to] || report.to} from ${arrival} (${path.order} order)`));
    parts.push(el("ol", { class: "hops" }, path.hops.map((h) =>
      el("li", { class: "hop", dataset: { from: h.from, to: h.to } },
        el("div", {}, actorButton(h.from, names[h.from], onActor), " met ", actorButton(h.to, names[h.to], onActor)),
        el("div", {}, el("time", { class: "date" }, h.date), h.place ? ` in ${h.place}` : "",
          h.meetings > 1 ? el("span", { class: "muted" }, ` (1 of ${h.meetings} meetings)`) : null),
        h.meeting ? el("div", { class: "muted id" }, h.meeting) : el("div", { class: "muted" }, `via ${h.role || "affiliation"}`),
        el("div", { class: "source" }, h.source)))));
    if (report.notes.length) parts.push(el("ul", { class: "notes" }, report.notes.map((n) => el("li", {}, n))));
    return parts;
  }

  // The drawing as a standalone SVG document: shapes, lines and labels where cytoscape placed
  // them, in its colours. Labels are text nodes, so the serializer escapes whatever they hold.
  function svg(cy) {
    const NS = "http://www.w3.org/2000/svg";
    const make = (tag, attrs, text) => {
      const node = document.createElementNS(NS, tag);
      for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, String(value));
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const pad = 20;
    const box = cy.elements().boundingBox({ includeLabels: true });
    const [x, y, w, h] = [box.x1 - pad, box.y1 - pad, box.w + 2 * pad, box.h + 2 * pad];
    const root = make("svg", { xmlns: NS, width: Math.ceil(w), height: Math.ceil(h),
      viewBox: `${x} ${y} ${w} ${h}`, "font-family": "sans-serif", "font-size": 11 });
    root.append(make("title", {}, "whomet: network of meetings"));
    root.append(make("rect", { x, y, width: w, height: h, fill: "#ffffff" }));
    // Edges between the same two actors (held and not held, or both chains) bend apart, as
    // cytoscape draws them.
    const siblings = {};
    cy.edges().forEach((e) => {
      const key = [e.data("source"), e.data("target")].sort().join("|");
      (siblings[key] = siblings[key] || []).push(e);
    });
    for (const group of Object.values(siblings)) {
      group.forEach((e, k) => {
        const [s, t] = [e.source().position(), e.target().position()];
        const [dx, dy] = [t.x - s.x, t.y - s.y];
        const length = Math.hypot(dx, dy) || 1;
        const bend = (k - (group.length - 1) / 2) * 24;
        const [cx, cy2] = [(s.x + t.x) / 2 - (dy / length) * bend, (s.y + t.y) / 2 + (dx / length) * bend];
        const line = make("path", { d: `M ${s.x} ${s.y} Q ${cx} ${cy2} ${t.x} ${t.y}`, fill: "none",
          stroke: e.style("line-color"), "stroke-width": parseFloat(e.style("width")) || 1 });
        if (e.style("line-style") === "dashed") line.setAttribute("stroke-dasharray", "6 4");
        line.append(make("title", {}, e.data("title")
          || `${e.data("a")} – ${e.data("b")}: ${e.data("meetings") || 0} meeting(s)`));
        root.append(line);
      });
    }
    const polygon = (p, r, corners, turn) => Array.from({ length: corners }, (_, i) => {
      const a = turn + (2 * Math.PI * i) / corners;
      return `${(p.x + r * Math.cos(a)).toFixed(2)},${(p.y + r * Math.sin(a)).toFixed(2)}`;
    }).join(" ");
    cy.nodes().forEach((n) => {
      const [p, r, shape] = [n.position(), n.width() / 2, n.style("shape")];
      const mark = shape === "round-rectangle"
        ? make("rect", { x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r, rx: r / 4 })
        : shape === "diamond" ? make("polygon", { points: polygon(p, r, 4, -Math.PI / 2) })
        : shape === "octagon" ? make("polygon", { points: polygon(p, r, 8, Math.PI / 8) })
        : make("circle", { cx: p.x, cy: p.y, r });
      mark.setAttribute("fill", n.style("background-color"));
      const border = parseFloat(n.style("border-width")) || 0;
      if (border > 0) {
        mark.setAttribute("stroke", n.style("border-color"));
        mark.setAttribute("stroke-width", border);
      }
      mark.append(make("title", {}, n.data("name") || n.id()));
      root.append(mark);
      root.append(make("text", { x: p.x, y: p.y + r + border / 2 + 13, "text-anchor": "middle", fill: "#222222" },
        n.data("name") || n.id()));
    });
    return new XMLSerializer().serializeToString(root);
  }

  return { el, profile, pair, chain, meeting, svg };
})();
