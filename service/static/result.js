/* An assessment as the counsellor sees it (used by the counsellor's page and the auditor's case view):
   risk with its range, the suggested level, the flags before the reasons, the reasons as a bar chart, the model;
   and, from its explanation, what would change the suggestion. */
"use strict";

const Result = (() => {
  const { el, svg, t, pct, format, texts } = UI;
  let chartCount = 0;

  /* A horizontal 0–100 % scale with the range as a band and the estimate as a marker. */
  function riskBar(risk, range, policy) {
    const x = (p) => 14 + p * 612;
    const label = format(t.risk_chart, { risk: pct(risk), lower: pct(range.lower), upper: pct(range.upper) });
    const chart = svg("svg", { class: "chart risk-bar", viewBox: "0 0 640 66", role: "img", "aria-label": label });
    chart.append(svg("title", { text: label }));
    chart.append(svg("rect", { class: "track", x: 14, y: 22, width: 612, height: 20, rx: 3 }));
    chart.append(svg("rect", { class: "band", x: x(range.lower), y: 22, width: Math.max(2, x(range.upper) - x(range.lower)), height: 20 }));
    for (const threshold of policy ? [policy.standard_below, policy.tailored_from] : []) {
      chart.append(svg("line", { class: "threshold", x1: x(threshold), x2: x(threshold), y1: 16, y2: 48 }));
    }
    chart.append(svg("rect", { class: "marker", x: x(risk) - 2, y: 16, width: 4, height: 32 }));
    const anchor = risk < 0.05 ? "start" : risk > 0.95 ? "end" : "middle";
    chart.append(svg("text", { x: x(risk), y: 12, "text-anchor": anchor, "font-weight": 700, text: pct(risk) }));
    for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
      const tickAnchor = tick === 0 ? "start" : tick === 1 ? "end" : "middle";
      chart.append(svg("text", { x: x(tick), y: 62, "text-anchor": tickAnchor, text: pct(tick) }));
    }
    return chart;
  }

  /* Reasons ranked by size: raises to the right (solid), lowers to the left (hatched), with a +/− sign. */
  function reasonsChart(reasons) {
    const id = `hatch-${++chartCount}`;
    const row = 28;
    const top = 30;
    const axis = 430;
    const half = 150;
    const biggest = Math.max(...reasons.map((r) => Math.abs(r.contribution)), 1e-9);
    const height = top + reasons.length * row + 6;
    const chart = svg("svg", { class: "chart reasons-chart", viewBox: `0 0 600 ${height}`, role: "img", "aria-label": t.reasons_chart });
    chart.append(svg("title", { text: t.reasons_chart }));
    const pattern = svg("pattern", { id, width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" });
    pattern.append(svg("rect", { width: 6, height: 6, fill: "#ffffff" }), svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#1b5e9e", "stroke-width": 3 }));
    chart.append(svg("defs", {}, pattern));
    chart.append(svg("rect", { x: 270, y: 6, width: 14, height: 14, fill: `url(#${id})`, stroke: "#1b5e9e" }));
    chart.append(svg("text", { x: 290, y: 18, text: "− " + texts.directions.lowers }));
    chart.append(svg("rect", { x: 440, y: 6, width: 14, height: 14, class: "bar-raises" }));
    chart.append(svg("text", { x: 460, y: 18, text: "+ " + texts.directions.raises }));
    reasons.forEach((reason, i) => {
      const y = top + i * row;
      const size = (Math.abs(reason.contribution) / biggest) * (half - 18);
      const raises = reason.direction === "raises";
      const label = reason.label.length > 40 ? reason.label.slice(0, 39) + "…" : reason.label;
      chart.append(svg("text", { x: 262, y: y + 17, "text-anchor": "end", text: `${i + 1}. ${label}` }));
      const bar = raises
        ? svg("rect", { class: "bar-raises", x: axis, y: y + 5, width: Math.max(size, 2), height: 16 })
        : svg("rect", { x: axis - Math.max(size, 2), y: y + 5, width: Math.max(size, 2), height: 16, fill: `url(#${id})`, stroke: "#1b5e9e", "stroke-width": 1.5 });
      bar.append(svg("title", { text: reason.text }));
      chart.append(bar);
      const signX = raises ? axis + size + 6 : axis - size - 6;
      chart.append(svg("text", { x: signX, y: y + 18, "text-anchor": raises ? "start" : "end", "font-weight": 700, text: raises ? "+" : "−" }));
    });
    chart.append(svg("line", { class: "axis", x1: axis, x2: axis, y1: top - 2, y2: height - 2 }));
    return chart;
  }

  function section(title, ...children) {
    return el("section", { class: "part" }, el("h3", { text: title }), ...children);
  }

  /* Fill `container` with everything shown for assessment `a`; `model` is GET /v1/model (for the thresholds). */
  function render(container, a, model) {
    const modelLine = el("p", { class: "small model-version", text: `${t.model}: ${a.model.name} v${a.model.version}` + (a.policy_version ? ` · ${t.policy} ${a.policy_version}` : "") });
    if (!a.scored) {
      container.replaceChildren(section(t.not_scored_title, el("p", { class: "suggestion-note", text: a.message })), modelLine);
      return;
    }
    if (a.suggestion_hidden) {
      container.replaceChildren(el("p", { class: "suggestion-note", id: "suggestion-hidden", text: a.message }), modelLine);
      return;
    }
    const policy = model && model.policy && model.policy.version === a.policy_version ? model.policy : null;
    const horizon = model ? model.horizon_months : 12;
    const [name, ...rest] = a.suggested_level_text.split(":");
    const meaning = rest.join(":").trim();
    const flags = a.flags.length
      ? el("ul", { class: "flags" }, ...a.flags.map((f) => el("li", { "data-flag": f.code, text: f.text })))
      : el("p", { text: t.no_flags });
    container.replaceChildren(
      section(
        t.risk_title,
        el("p", { class: "risk-number", text: format(t.risk_sentence, { risk: pct(a.risk), horizon, lower: pct(a.range.lower), upper: pct(a.range.upper) }) }),
        riskBar(a.risk, a.range, policy),
        policy ? el("p", { class: "small", text: format(t.thresholds, { standard: pct(policy.standard_below), tailored: pct(policy.tailored_from) }) }) : null,
      ),
      section(
        t.suggested_level,
        el("p", { class: "level-name", id: "suggested-level", "data-level": a.suggested_level, text: name }),
        el("p", { text: meaning.charAt(0).toUpperCase() + meaning.slice(1) }),
      ),
      section(t.flags_title, flags),
      section(
        t.reasons_title,
        reasonsChart(a.reasons),
        el("ol", { class: "reasons" }, ...a.reasons.map((r) => el("li", { "data-direction": r.direction, text: `${r.direction === "raises" ? "+" : "−"} ${r.text}` }))),
      ),
      modelLine,
      el("p", { class: "suggestion-note", text: a.message }),
    );
  }

  /* What would change the suggestion (GET …/explanation): one line for each other level, then the caveat. */
  function counterfactuals(x) {
    const items = x.counterfactuals.map((c) => el("li", { "data-level": c.level, "data-found": String(c.found), text: c.text }));
    return el(
      "section",
      { class: "part", id: "counterfactuals" },
      el("h3", { text: t.counterfactuals_title }),
      el("ul", { class: "counterfactuals" }, ...items),
      el("p", { class: "small counterfactual-note", text: x.counterfactual_note }),
    );
  }

  return { render, counterfactuals };
})();
