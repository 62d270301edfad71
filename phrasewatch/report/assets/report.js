// The report's charts and tables, drawn from the JSON block #pw-data. Every value from
// the scan goes in as a text node or an attribute value: never as markup.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("pw-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var PAGE = 50;

  // --- building elements ------------------------------------------------------------
  function safeHref(h) {
    // links the report makes are relative paths, file: URIs or anchors; anything else is refused
    h = String(h);
    return /^(\.\.?\/|#|file:)/i.test(h) ? h : "#";
  }
  function setAttrs(e, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") e.textContent = String(v);
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), v);
      else if (k === "href") e.setAttribute("href", safeHref(v));
      else e.setAttribute(k, String(v));
    });
  }
  function append(e, kids) {
    kids.forEach(function (kid) {
      if (kid === null || kid === undefined || kid === false) return;
      if (Array.isArray(kid)) append(e, kid);
      else if (typeof kid === "object") e.appendChild(kid);
      else e.appendChild(document.createTextNode(String(kid)));
    });
  }
  function el(tag, attrs) {
    var e = document.createElement(tag);
    setAttrs(e, attrs);
    append(e, Array.prototype.slice.call(arguments, 2));
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    setAttrs(e, attrs);
    append(e, Array.prototype.slice.call(arguments, 2));
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); return e; }
  function records(table) {
    var cols = table.columns;
    return table.rows.map(function (r) {
      var o = {};
      cols.forEach(function (c, i) { o[c] = r[i]; });
      return o;
    });
  }
  function fmt(v, digits, column) {
    if (v === null || v === undefined) return "";
    if (typeof v === "number" && !Number.isInteger(v)) return v.toFixed(digits === undefined ? 3 : digits);
    if (typeof v === "number" && !/year|session|lag|start|end/.test(column || "")) return v.toLocaleString("en");
    return String(v);
  }
  function shortList(codes, most) {
    var list = (codes || "").split(";").filter(Boolean);
    return list.length > most ? list.slice(0, most).join(" ") + " +" + (list.length - most) + " more" : list.join(" ");
  }
  function actorName(code) {
    var name = DATA.actors[code];
    return name && name !== code ? code + " " + name : code;
  }

  var FORMULAE = DATA.formulae;
  var FBYID = {};
  FORMULAE.forEach(function (f, i) { FBYID[f.id] = f; f.index = i; });
  var DOCS = records(DATA.docs);

  // --- grade colours: weakest (takes note of) to strongest (firmly supports) ----------------
  var RAMP = ["#fde725", "#b5de2b", "#6ece58", "#35b779", "#1f9e89", "#26828e", "#31688e", "#3e4989", "#482878", "#440154"];
  function gradeColor(g) {
    if (g === null || g === undefined) return "#b9bec9";
    var i = Math.max(1, Math.min(10, Math.round(g))) - 1;
    return RAMP[i];
  }

  // --- formula cards: diffusion curve and first adopters ------------------------------------
  function yearOf(date) { return date ? parseInt(String(date).slice(0, 4), 10) : null; }
  function fractionalYear(date) {
    var s = String(date || "");
    var y = parseInt(s.slice(0, 4), 10);
    if (s.length >= 7) {
      var m = parseInt(s.slice(5, 7), 10) || 1, d = s.length >= 10 ? parseInt(s.slice(8, 10), 10) || 1 : 15;
      return y + ((m - 1) * 30.4 + d) / 365.25;
    }
    return y + 0.5;
  }
  function ticks(lo, hi, n) {
    var span = Math.max(1, hi - lo), steps = [1, 2, 5, 10, 20, 25, 50, 100], step = steps[steps.length - 1];
    for (var i = 0; i < steps.length; i++) if (span / steps[i] <= n) { step = steps[i]; break; }
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi; t += step) out.push(t);
    return out;
  }

  function formulaChart(f, curve, adopters) {
    var W = 540, L = 34, R = 12, T = 10, CH = 110, GAP = 22, ROWS = 14;
    var years = adopters.map(function (a) { return a.first_year; }).concat(curve.map(function (c) { return c.year; }));
    var prcYear = yearOf(f.prcFirst);
    if (prcYear) years.push(prcYear);
    var lo = Math.min.apply(null, years), hi = Math.max.apply(null, years) + 1;
    if (DATA.years) hi = Math.max(hi, DATA.years[1] + 1);
    lo = Math.min(lo, hi - 4);
    // time runs continuously: a year's dots and steps sit in its middle, China's first use at its date
    var x = function (t) { return L + (t - lo) / (hi - lo) * (W - L - R); };
    var mid = function (year) { return x(year + 0.5); };
    var perYear = {};
    adopters.forEach(function (a) { (perYear[a.first_year] = perYear[a.first_year] || []).push(a); });
    var most = Math.max.apply(null, Object.keys(perYear).map(function (k) { return perYear[k].length; }).concat([1]));
    // a crowded year stacks in several columns of at most ROWS dots, and the last year's must fit
    var layout = function (n) { var cols = Math.ceil(n / ROWS); return { cols: cols, rows: Math.ceil(n / cols) }; };
    var cell = Math.max(4, Math.min(9, (W - L - R) / (hi - lo) * 0.9));
    R += Math.max(0, (layout((perYear[hi - 1] || []).length).cols - 1) * cell / 2);
    var stripH = Math.max(24, layout(most).rows * cell + 8);
    var H = T + CH + GAP + stripH + 18;
    var maxC = Math.max.apply(null, curve.map(function (c) { return c.cumulative; }).concat([1]));
    var y = function (v) { return T + CH - v / maxC * CH; };
    var s = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "diffusion of " + f.id, "class": "chart" });
    ticks(0, maxC, 4).forEach(function (t) {
      s.appendChild(svg("line", { x1: L, x2: W - R, y1: y(t), y2: y(t), "class": "grid" }));
      s.appendChild(svg("text", { x: L - 4, y: y(t) + 4, "text-anchor": "end" }, String(t)));
    });
    s.appendChild(svg("line", { x1: L, x2: W - R, y1: T + CH, y2: T + CH, "class": "axis" }));
    var stripTop = T + CH + GAP, axisY = stripTop + stripH;
    s.appendChild(svg("line", { x1: L, x2: W - R, y1: axisY, y2: axisY, "class": "axis" }));
    ticks(lo, hi - 1, 8).forEach(function (t) {
      s.appendChild(svg("line", { x1: mid(t), x2: mid(t), y1: axisY, y2: axisY + 4, "class": "axis" }));
      s.appendChild(svg("text", { x: mid(t), y: axisY + 15, "text-anchor": "middle" }, String(t)));
    });
    s.appendChild(svg("text", { x: L, y: stripTop - 6 }, "first adopters (one dot each)"));
    if (curve.length) {
      var d = "M" + mid(curve[0].year) + "," + y(0);
      curve.forEach(function (c) { d += " H" + mid(c.year) + " V" + y(c.cumulative); });
      d += " H" + x(hi);
      s.appendChild(svg("path", { d: d + " V" + y(0) + " Z", "class": "area" }));
      s.appendChild(svg("path", { d: d, "class": "curve" }));
      curve.forEach(function (c) {
        s.appendChild(svg("circle", { cx: mid(c.year), cy: y(c.cumulative), r: 3, "class": "step" },
          svg("title", null, c.year + ": " + c.new_adopters + " new (" + c.adopters.split(";").join(", ") + "), " + c.cumulative + " in all")));
      });
    }
    if (prcYear) {
      var px = x(fractionalYear(f.prcFirst));
      s.appendChild(svg("line", { x1: px, x2: px, y1: T, y2: axisY, "class": "prc" }));
      s.appendChild(svg("text", { x: px + 3, y: T + 9 }, "China " + f.prcFirst));
    }
    Object.keys(perYear).forEach(function (k) {
      var list = perYear[k], shape = layout(list.length);
      list.sort(function (a, b) { return (b.strongest || 0) - (a.strongest || 0) || (a.actor < b.actor ? -1 : 1); });
      list.forEach(function (a, i) {
        var col = Math.floor(i / shape.rows), row = i % shape.rows;
        var lag = a.lag_years === null || a.lag_years === undefined ? "" : ", " + a.lag_years + " years after China's first use";
        var grade = a.strongest_name ? "; strongest: " + a.strongest_name : "; no grading verb";
        s.appendChild(svg("circle", {
          cx: mid(a.first_year) + (col - (shape.cols - 1) / 2) * cell, cy: axisY - 4 - cell / 2 - row * cell, r: cell / 2 - 0.3,
          fill: gradeColor(a.strongest), "class": "dot", "data-actor": a.actor, "data-formula": f.id,
          onclick: function () { showSentences({ formula: f.id, actor: a.actor, stance: "endorse" }); }
        }, svg("title", null, actorName(a.actor) + ": first " + a.first_date + lag + grade)));
      });
    });
    return s;
  }

  function textFragment(words) {
    // #:~:text= makes the browser scroll to the words and mark them; "-" "," "&" are its syntax
    words = String(words || "").split(/\s+/).filter(Boolean).join(" ");
    return words ? "#:~:text=" + encodeURIComponent(words).replace(/-/g, "%2D") : "";
  }
  function docLink(docIndex, label) {
    var doc = DOCS[docIndex];
    if (!doc) return "";
    return doc.href ? el("a", { href: doc.href, title: doc.path || "" }, label || doc.doc_id) : (label || doc.doc_id);
  }

  function drawFormulae() {
    var curves = {}, adopters = {};
    records(DATA.diffusion).forEach(function (c) { (curves[c.formula_id] = curves[c.formula_id] || []).push(c); });
    records(DATA.adopters).forEach(function (a) { (adopters[a.formula_id] = adopters[a.formula_id] || []).push(a); });
    var box = byId("formula-cards"), others = [];
    var used = {};
    FORMULAE.forEach(function (f) {
      var list = adopters[f.id] || [];
      if (!list.length) { others.push(f); return; }
      list.forEach(function (a) { used[a.strongest_name || ""] = a.strongest; });
      list.sort(function (a, b) { return a.first_date < b.first_date ? -1 : a.first_date > b.first_date ? 1 : (a.actor < b.actor ? -1 : 1); });
      var firstOne = list[0];
      var meta = [list.length + " actor" + (list.length === 1 ? "" : "s") + " other than China",
        "first: " + firstOne.actor + " " + firstOne.first_date];
      if (f.prcFirst) meta.push("China's first use " + f.prcFirst + (f.prcFirstSource ? " (" + f.prcFirstSource + ")" : ""));
      if (DATA.chinaFirst[f.id]) meta.push("China in this corpus from " + DATA.chinaFirst[f.id]);
      var rows = list.map(function (a) {
        return el("tr", null, el("td", null, actorName(a.actor)), el("td", null, a.first_date),
          el("td", { "class": "num" }, a.lag_years === null ? "" : fmt(a.lag_years, 1)),
          el("td", null, a.strongest_name || ""), el("td", null, docLink(a.doc)),
          el("td", null, el("a", { href: "#kwic", onclick: function (ev) { ev.preventDefault(); showSentences({ formula: f.id, actor: a.actor, stance: "endorse" }); } }, "sentences")));
      });
      box.appendChild(el("div", { "class": "card", id: "formula-" + f.id, "data-formula": f.id },
        el("h3", null, f.label, el("span", { "class": "zh" }, f.zh ? f.zh + " · " + f.id : f.id)),
        el("p", { "class": "meta" }, meta.join(" · ")),
        formulaChart(f, curves[f.id] || [], list),
        el("details", null, el("summary", null, "First adopters, lag and strongest grade (" + list.length + ")"),
          el("table", { "class": "plain" },
            el("tr", null, el("th", null, "actor"), el("th", null, "first"), el("th", { "class": "num" }, "lag (years)"),
              el("th", null, "strongest"), el("th", null, "document"), el("th", null, "")),
            rows))));
    });
    if (!box.firstChild) box.appendChild(el("p", { "class": "help" }, "No actor other than China endorses any formula in this scan."));
    if (others.length) {
      byId("formulae-other").appendChild(el("p", { "class": "help" },
        "Found but endorsed by no actor other than China: ",
        others.map(function (f, i) { return [i ? ", " : "", f.label + " (" + f.id + ", " + f.matches + ")"]; })));
    }
    var legend = byId("grade-legend");
    var grades = Object.keys(used).map(function (k) { return [k, used[k]]; }).sort(function (a, b) { return (a[1] || 0) - (b[1] || 0); });
    legend.appendChild(el("span", null, "Strongest verb:"));
    grades.forEach(function (g) {
      var sw = el("span", { "class": "sw" });
      sw.style.background = gradeColor(g[1]);
      legend.appendChild(el("span", null, sw, g[0] || "none (no grading verb)"));
    });
  }

  // --- heat map: actor x formula, sortable -----------------------------------------------
  function drawHeat() {
    var cells = records(DATA.heat.cells), index = {};
    records(DATA.heat.index).forEach(function (r) { index[r.actor] = r; });
    var columns = FORMULAE.filter(function (f) {
      return cells.some(function (c) { return c.formula_id === f.id && c.adopted && c.actor !== DATA.china; });
    });
    var grid = {}, actors = {};
    cells.forEach(function (c) {
      actors[c.actor] = true;
      (grid[c.actor] = grid[c.actor] || {})[c.formula_id] = c;
    });
    var max = Math.max.apply(null, cells.map(function (c) { return c.count; }).concat([1]));
    var state = { key: "index", formula: null };
    var select = byId("heat-sort");
    [["index", "adoption index"], ["formulae", "formulae adopted"], ["code", "code"], ["name", "name"]].forEach(function (o) {
      select.appendChild(el("option", { value: o[0] }, o[1]));
    });
    var box = byId("heat"), china = byId("heat-china");
    function value(actor, key) {
      if (key === "index") return (index[actor] || {}).index || 0;
      if (key === "formulae") return (index[actor] || {}).formulae_adopted || 0;
      return 0;
    }
    function draw() {
      var list = Object.keys(actors).filter(function (a) { return china.checked || a !== DATA.china; });
      list.sort(function (a, b) {
        if (state.formula) {
          var ca = (grid[a][state.formula] || {}).count || 0, cb = (grid[b][state.formula] || {}).count || 0;
          if (cb !== ca) return cb - ca;
        } else if (state.key === "name") {
          var na = DATA.actors[a] || a, nb = DATA.actors[b] || b;
          if (na !== nb) return na < nb ? -1 : 1;
        } else if (state.key !== "code") {
          var d = value(b, state.key) - value(a, state.key);
          if (d) return d;
        }
        return a < b ? -1 : a > b ? 1 : 0;
      });
      var head = el("tr", null, el("th", { "class": "row" }, "actor"), el("th", { "class": "row num" }, "index"));
      columns.forEach(function (f) {
        head.appendChild(el("th", {
          "class": "col sortable" + (state.formula === f.id ? " sorted" : ""), title: f.label + " (" + f.id + ")", "data-formula": f.id,
          onclick: function () { state.formula = state.formula === f.id ? null : f.id; draw(); }
        }, f.id));
      });
      var body = el("tbody");
      list.forEach(function (a) {
        var tr = el("tr", { "data-actor": a }, el("th", { "class": "row", title: DATA.actors[a] || a }, actorName(a)),
          el("td", { "class": "idx" }, fmt(value(a, "index"), 2)));
        columns.forEach(function (f) {
          var c = grid[a][f.id];
          var td = el("td", { "data-formula": f.id });
          if (c && c.count > 0) {
            var t = Math.log(1 + c.count) / Math.log(1 + max);
            td.style.background = "rgba(184,50,42," + (0.12 + 0.88 * t).toFixed(3) + ")";
            if (t > 0.55) td.className = "dark";
            td.textContent = String(c.count);
            td.title = actorName(a) + " · " + f.id + ": " + c.count + " endorsement(s) in " + c.documents + " document(s)" +
              (c.strongest_name ? "; strongest: " + c.strongest_name : "");
            td.addEventListener("click", function () { showSentences({ formula: f.id, actor: a, stance: "endorse" }); });
          } else if (c) {
            td.className = "mention";
            td.textContent = "·";
            td.title = actorName(a) + " · " + f.id + ": mentioned " + c.mentions + " time(s), not endorsed";
            td.addEventListener("click", function () { showSentences({ formula: f.id, actor: a }); });
          }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      clear(box).appendChild(el("table", { "class": "heat", id: "heat-table" }, el("thead", null, head), body));
    }
    select.addEventListener("change", function () { state.key = select.value; state.formula = null; draw(); });
    china.addEventListener("change", draw);
    if (!columns.length) { box.appendChild(el("p", { "class": "help" }, "Nothing adopted.")); return; }
    draw();
  }

  // --- body / genre breakdown ----------------------------------------------------------------
  function drawBreakdowns() {
    var box = byId("breakdown-tables"), names = Object.keys(DATA.breakdowns);
    if (!names.length) {
      box.appendChild(el("p", { "class": "help" }, "The documents carry no body or genre metadata."));
      return;
    }
    names.forEach(function (col) {
      var rows = records(DATA.breakdowns[col]), groups = {}, totals = {};
      rows.forEach(function (r) {
        var g = r[col] === null ? "(none)" : String(r[col]);
        (groups[g] = groups[g] || {})[r.formula_id] = r;
        totals[g] = r.documents_total;
      });
      var fs = FORMULAE.filter(function (f) { return rows.some(function (r) { return r.formula_id === f.id && r.count > 0; }); });
      var head = el("tr", null, el("th", null, col), el("th", { "class": "num" }, "documents"));
      fs.forEach(function (f) { head.appendChild(el("th", { "class": "num", title: f.label }, f.id)); });
      var table = el("table", { "class": "plain", id: "breakdown-" + col }, head);
      Object.keys(groups).sort().forEach(function (g) {
        var tr = el("tr", null, el("td", null, g), el("td", { "class": "num" }, fmt(totals[g])));
        fs.forEach(function (f) {
          var r = groups[g][f.id];
          tr.appendChild(el("td", { "class": "num", title: r ? r.mentions + " mention(s), " + r.documents + " endorsing document(s)" : "" },
            r ? (r.count ? fmt(r.count) : "·") : ""));
        });
        table.appendChild(tr);
      });
      box.appendChild(el("h3", null, "Endorsements by " + col));
      box.appendChild(el("div", { "class": "scroll" }, table));
    });
  }

  // --- sentences (KWIC): filters and pages -------------------------------------------------
  var KW = records(DATA.kwic);
  var kwState = { page: 0, rows: KW };
  function showSentences(filter) {
    byId("f-formula").value = filter.formula || "";
    byId("f-actor").value = filter.actor || "";
    byId("f-stance").value = filter.stance || "";
    byId("f-from").value = ""; byId("f-to").value = ""; byId("f-text").value = "";
    filterKwic();
    byId("kwic").scrollIntoView();
  }
  function filterKwic() {
    var formula = byId("f-formula").value, actor = byId("f-actor").value.trim().toUpperCase();
    var from = parseInt(byId("f-from").value, 10), to = parseInt(byId("f-to").value, 10);
    var stance = byId("f-stance").value, words = byId("f-text").value.trim().toLowerCase();
    var fIndex = formula ? FBYID[formula].index : null;
    kwState.rows = KW.filter(function (r) {
      if (fIndex !== null && r.formula !== fIndex) return false;
      if (stance && r.stance !== stance) return false;
      var doc = DOCS[r.doc];
      if (actor) {
        var credited = (r.credited || "").toUpperCase().split(";");
        if (credited.indexOf(actor) < 0) return false;
      }
      if (!isNaN(from) && !(doc.year >= from)) return false;
      if (!isNaN(to) && !(doc.year <= to)) return false;
      if (words && (r.left + r.match + r.right).toLowerCase().indexOf(words) < 0) return false;
      return true;
    });
    kwState.page = 0;
    drawKwic();
  }
  function drawKwic() {
    var rows = kwState.rows, start = kwState.page * PAGE, end = Math.min(rows.length, start + PAGE);
    var table = clear(byId("kwic-table"));
    table.appendChild(el("thead", null, el("tr", null, ["year", "document", "credited to", "sentence", "formula", "voice", "stance", "grade"]
      .map(function (h) { return el("th", null, h); }))));
    var body = el("tbody");
    rows.slice(start, end).forEach(function (r) {
      var doc = DOCS[r.doc], f = FORMULAE[r.formula] || { id: "?", label: "" };
      var link = doc.href ? el("a", { href: doc.href + (doc.fragment ? textFragment(r.find) : ""),
        title: "open " + (doc.path || doc.doc_id) + " at the match" }, doc.doc_id) : doc.doc_id;
      var offset = "characters " + r.start + "–" + r.end + (doc.text_offset ? " (+" + doc.text_offset + " in the file)" : "");
      var ctx = el("td", { "class": "ctx" }, r.left, r.match ? el("mark", null, r.match) : null, r.right);
      body.appendChild(el("tr", null,
        el("td", null, doc.year === null ? "" : String(doc.year)),
        el("td", { "class": "doc" }, link, doc.title ? el("span", { "class": "off" }, doc.title) : null, el("span", { "class": "off" }, offset)),
        el("td", { "class": "who", title: (r.credited || "").split(";").join(" ") }, shortList(r.credited, 6)),
        ctx,
        el("td", { title: f.label }, f.id),
        el("td", null, r.voice || ""),
        el("td", { "class": "stance-" + (r.stance || ""), title: r.stance_cue || "" }, r.stance || ""),
        el("td", null, r.strength_name || "")));
    });
    table.appendChild(body);
    byId("kwic-status").textContent = rows.length ?
      "Rows " + (start + 1).toLocaleString("en") + "–" + end.toLocaleString("en") + " of " + rows.length.toLocaleString("en") +
      (rows.length !== KW.length ? " (filtered from " + KW.length.toLocaleString("en") + ")" : "") : "No sentence matches these filters.";
    pager(byId("kwic-pager"), kwState, rows.length, drawKwic);
  }
  function pager(box, state, n, redraw) {
    clear(box);
    var pages = Math.max(1, Math.ceil(n / PAGE));
    box.appendChild(el("button", { type: "button", disabled: state.page === 0 ? "disabled" : null,
      onclick: function () { state.page -= 1; redraw(); } }, "‹ previous"));
    box.appendChild(el("span", null, "page " + (state.page + 1) + " of " + pages));
    box.appendChild(el("button", { type: "button", disabled: state.page >= pages - 1 ? "disabled" : null,
      onclick: function () { state.page += 1; redraw(); } }, "next ›"));
  }
  function setupKwic() {
    byId("kwic-note").textContent = "Every match in the documents the scores count, any stance, with the actors it is credited to " +
      "(as phrasewatch score --explain lists them); " + DATA.kwic.note + ". Each document links to its file at the match; " +
      "offsets are characters in the document's text.";
    var select = byId("f-formula");
    select.appendChild(el("option", { value: "" }, "any"));
    var counts = {};
    KW.forEach(function (r) { counts[r.formula] = (counts[r.formula] || 0) + 1; });
    FORMULAE.forEach(function (f) {
      if (counts[f.index]) select.appendChild(el("option", { value: f.id }, f.id + " (" + counts[f.index] + ")"));
    });
    var actors = {};
    KW.forEach(function (r) { (r.credited || "").split(";").forEach(function (a) { if (a) actors[a] = true; }); });
    var list = byId("f-actors");
    Object.keys(actors).sort().forEach(function (a) { list.appendChild(el("option", { value: a }, DATA.actors[a] || a)); });
    ["f-formula", "f-stance"].forEach(function (id) { byId(id).addEventListener("change", filterKwic); });
    ["f-actor", "f-from", "f-to", "f-text"].forEach(function (id) { byId(id).addEventListener("input", filterKwic); });
    byId("f-reset").addEventListener("click", function () { showSentences({}); });
    filterKwic();
  }

  // --- score tables ---------------------------------------------------------------------------
  function csv(table) {
    function cell(v) {
      if (v === null || v === undefined) return "";
      var s = String(v);
      return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
    }
    return [table.columns.map(cell).join(",")].concat(table.rows.map(function (r) { return r.map(cell).join(","); })).join("\n") + "\n";
  }
  function setupScores() {
    var tabs = byId("score-tabs"), names = Object.keys(DATA.scores), state = { name: names[0], page: 0, sort: null, rows: [] };
    function select(name) {
      state.name = name; state.page = 0; state.sort = null;
      state.rows = DATA.scores[name].rows.slice();
      Array.prototype.forEach.call(tabs.querySelectorAll("button[data-table]"), function (b) {
        b.className = b.getAttribute("data-table") === name ? "on" : "";
      });
      draw();
    }
    function draw() {
      var t = DATA.scores[state.name], start = state.page * PAGE, end = Math.min(state.rows.length, start + PAGE);
      var table = clear(byId("score-table"));
      table.appendChild(el("tr", null, t.columns.map(function (c, i) {
        return el("th", { "class": "sortable" + (state.sort === i ? " sorted" : ""), onclick: function () {
          state.sort = i; state.page = 0;
          state.rows.sort(function (a, b) {
            var x = a[i], y = b[i];
            if (x === y) return 0;
            if (x === null) return 1;
            if (y === null) return -1;
            return typeof x === "number" && typeof y === "number" ? y - x : (x < y ? -1 : 1);
          });
          draw();
        } }, c);
      })));
      state.rows.slice(start, end).forEach(function (r) {
        table.appendChild(el("tr", null, r.map(function (v, i) {
          return el("td", { "class": typeof v === "number" ? "num" : null }, fmt(v, 3, t.columns[i]));
        })));
      });
      byId("score-status").textContent = t.command + ": " + state.rows.length.toLocaleString("en") + " rows" +
        (state.rows.length ? ", " + (start + 1) + "–" + end + " shown" : "");
      pager(byId("score-pager"), state, state.rows.length, draw);
    }
    names.forEach(function (name) {
      tabs.appendChild(el("button", { type: "button", "data-table": name, onclick: function () { select(name); } }, name));
    });
    tabs.appendChild(el("button", { type: "button", onclick: function () {
      var blob = new Blob([csv(DATA.scores[state.name])], { type: "text/csv" });
      var a = el("a", { download: state.name + ".csv" });
      a.href = URL.createObjectURL(blob);  // a blob: URL made here, not from the data
      document.body.appendChild(a);
      a.click();
      a.remove();
    } }, "Download CSV"));
    select(state.name);
  }

  drawFormulae();
  drawHeat();
  drawBreakdowns();
  setupKwic();
  setupScores();
  document.documentElement.setAttribute("data-ready", "1");
})();
