/* The auditor's overview: decisions by period/office (GET /v1/audit/decisions), the chain (GET /v1/audit/verify)
   and, when the service has it, the monitoring report's alerts (GET /v1/audit/report). */
"use strict";

(() => {
  const { el, t, texts, api, number, format, dateTime, showProblem, start, download, lang } = UI;
  const filters = document.getElementById("filters");
  const error = document.getElementById("audit-error");
  const LIST_LIMIT = 500;
  const OVERVIEW_LIMIT = 10000;

  function nextDay(date) {
    const day = new Date(date + "T00:00:00Z");
    day.setUTCDate(day.getUTCDate() + 1);
    return day.toISOString().slice(0, 10);
  }

  /* The filters as query parameters; `scope` "overview" leaves out level and overrides-only. */
  function query(scope, extra = {}) {
    const f = filters.elements;
    const params = new URLSearchParams();
    if (f.since.value) params.set("since", f.since.value + "T00:00:00Z");
    if (f.until.value) params.set("until", nextDay(f.until.value) + "T00:00:00Z");
    if (f.office.value.trim()) params.set("office", f.office.value.trim());
    if (f.counsellor.value.trim()) params.set("counsellor", f.counsellor.value.trim());
    if (scope === "list") {
      if (f.level.value) params.set("level", f.level.value);
      if (f.overrides_only.checked) params.set("overrides_only", "true");
    }
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return params.toString();
  }

  /* Wilson score interval for k of n at 95 %. */
  function wilson(k, n) {
    const z = 1.96;
    const p = k / n;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    return [Math.max(0, centre - half), Math.min(1, centre + half)];
  }

  function count(label, value, key) {
    return el("div", {}, el("dt", { text: label }), el("dd", { "data-count": key, text: value }));
  }

  function overview(page) {
    const items = page.items;
    const scored = items.filter((d) => d.follows_suggestion !== null);
    const overrides = scored.filter((d) => d.follows_suggestion === false).length;
    const cells = [count(t.decisions_count, page.total, "decisions"), count(t.with_suggestion, scored.length, "scored"), count(t.overrides_count, overrides, "overrides")];
    if (scored.length) {
      const [low, high] = wilson(overrides, scored.length);
      const rate = count(t.override_rate, number("override_rate", overrides / scored.length), "rate");
      rate.append(el("dd", { class: "small", text: `${t.interval95}: ${number("override_rate", low)}–${number("override_rate", high)}` }));
      cells.push(rate);
    }
    document.getElementById("counts").replaceChildren(...cells);
    matrix(items);
    if (page.total > items.length) {
      document.getElementById("counts").append(count("", format(t.showing, { shown: items.length, total: page.total }), "partial"));
    }
  }

  function matrix(items) {
    const levels = texts.level_order;
    const rows = [...texts.suggestable, null];
    const key = (s, d) => `${s}|${d}`;
    const counts = new Map();
    for (const d of items) counts.set(key(d.suggested_level, d.decided_level), (counts.get(key(d.suggested_level, d.decided_level)) || 0) + 1);
    const table = document.getElementById("matrix");
    table.tHead.replaceChildren(el("tr", {}, el("td", {}), ...levels.map((l) => el("th", { scope: "col", text: texts.levels[l] }))));
    table.tBodies[0].replaceChildren(
      ...rows.map((s) =>
        el(
          "tr",
          {},
          el("th", { scope: "row", text: s ? texts.levels[s] : t.no_suggestion }),
          ...levels.map((d) => el("td", { class: s === d ? "diagonal" : null, "data-cell": key(s, d), text: counts.get(key(s, d)) || 0 })),
        ),
      ),
    );
  }

  function listing(page) {
    const rows = page.items.map((d) =>
      el(
        "tr",
        { "data-decision": d.id },
        el("td", { text: dateTime(d.created_at) }),
        el("td", { text: d.office }),
        el("td", { text: d.counsellor }),
        el("td", { text: d.suggested_level ? texts.levels[d.suggested_level] : t.no_suggestion }),
        el("td", { text: texts.levels[d.decided_level] || d.decided_level }),
        el("td", { text: d.follows_suggestion === null ? texts.missing : d.follows_suggestion ? t.yes : t.no }),
        el("td", { text: d.reason_code ? texts.reasons[d.reason_code] || d.reason_code : "" }),
        el("td", { text: d.justification || "" }),
        el("td", {}, el("a", { href: `/ui/audit/case/${encodeURIComponent(d.assessment_id)}?lang=${lang}`, text: t.open_case })),
      ),
    );
    document.getElementById("decisions").tBodies[0].replaceChildren(...rows);
    const shown = page.total ? format(t.showing, { shown: page.items.length, total: page.total }) : t.none_found;
    document.getElementById("showing").textContent = shown;
  }

  function chain(report) {
    const box = document.getElementById("chain");
    box.className = "chain " + (report.ok ? "ok" : "broken");
    box.dataset.ok = String(report.ok);
    box.textContent = report.ok ? format(t.chain_ok, { checked: report.checked }) : format(t.chain_broken, { count: report.breaks.length });
  }

  function reportPeriod() {
    const f = filters.elements;
    const today = new Date().toISOString().slice(0, 10);
    return {
      since: f.since.value || new Date(Date.now() - 90 * 864e5).toISOString().slice(0, 10),
      until: f.until.value || today,
    };
  }

  function reportParams(format) {
    const { since, until } = reportPeriod();
    const params = new URLSearchParams({ since, until: nextDay(until), format, verify: "false" });
    if (filters.elements.office.value.trim()) params.set("office", filters.elements.office.value.trim());
    return params.toString();
  }

  /* A fairness group ("KVINNE & under_30") and a metric ("share_STANDARD_INNSATS") in words. */
  function groupName(group) {
    return group.split(texts.group_separator).map((part) => texts.groups[part]).join(", ");
  }

  /* The monitoring report words its alerts itself (in English) and names levels and groups by code: show labels. */
  function labelCodes(sentence) {
    return sentence.replace(/[\w-]+/g, (word) => texts.levels[word] || texts.groups[word] || word);
  }

  function metricName(metric) {
    const level = metric.startsWith("share_") ? metric.slice("share_".length) : null;
    return level ? format(texts.metrics.share, { level: texts.levels[level] }) : texts.metrics[metric];
  }

  /* The monitoring report's summary, alerts and largest fairness gaps; the section stays hidden without it. */
  async function monitoring() {
    const section = document.getElementById("report");
    const answer = await api("GET", "/v1/audit/report?" + reportParams("json"));
    section.hidden = !(answer.ok && typeof answer.data === "object");
    if (section.hidden) return;
    const report = answer.data;
    const chosen = filters.elements.since.value || filters.elements.until.value;
    document.getElementById("report-period").textContent = format(t.report_period, reportPeriod()) + (chosen ? "" : " " + t.report_default);
    const summary = report.summary || {};
    const counts = [["assessments", t.assessments_count], ["scored", t.scored], ["declined_profiling", t.declined], ["decided", t.decided]];
    document.getElementById("report-summary").replaceChildren(
      ...counts.filter(([key]) => key in summary).map(([key, label]) => count(label, summary[key], "report-" + key)),
    );
    const alerts = Array.isArray(report.alerts) ? report.alerts : [];
    const line = (a) => labelCodes(typeof a === "string" ? a : a.message || JSON.stringify(a));
    document.getElementById("alerts").replaceChildren(...(alerts.length ? alerts.map((a) => el("li", { text: line(a) })) : [el("li", { text: t.no_alerts })]));
    const gaps = ((report.fairness || {}).largest_gaps || []).filter((g) => g.gap !== null).sort((a, b) => b.gap - a.gap).slice(0, 8);
    const gap = (v) => (typeof v === "number" ? number("fairness_gap", v) : texts.missing);
    document.getElementById("gaps").hidden = gaps.length === 0;
    document.querySelector("#gaps tbody").replaceChildren(
      ...gaps.map((g) =>
        el(
          "tr",
          { class: g.alert ? "alert" : null },
          el("td", { text: texts.groupings[g.grouping] }),
          el("td", { text: metricName(g.metric) }),
          el("td", { text: gap(g.gap) }),
          el("td", { text: `${groupName(g.high_group)} (${gap(g.high_value)})` }),
          el("td", { text: `${groupName(g.low_group)} (${gap(g.low_value)})` }),
        ),
      ),
    );
  }

  async function load(event) {
    if (event) event.preventDefault();
    if (!filters.reportValidity()) return;
    error.replaceChildren();
    const [all, page, verified] = await Promise.all([
      api("GET", `/v1/audit/decisions?${query("overview", { limit: OVERVIEW_LIMIT })}`),
      api("GET", `/v1/audit/decisions?${query("list", { limit: LIST_LIMIT })}`),
      api("GET", "/v1/audit/verify"),
    ]);
    for (const answer of [all, page, verified]) if (!answer.ok) return showProblem(error, answer);
    overview(all.data);
    listing(page.data);
    chain(verified.data);
    monitoring();
  }

  async function exportCsv() {
    const answer = await api("GET", `/v1/audit/decisions?${query("list", { limit: OVERVIEW_LIMIT, format: "csv" })}`, undefined, "text/csv");
    if (!answer.ok) return showProblem(error, answer);
    download(answer.data, "text/csv;charset=utf-8", "decisions.csv");
  }

  async function openReport() {
    const answer = await api("GET", "/v1/audit/report?" + reportParams("html"), undefined, "text/html");
    if (!answer.ok) return showProblem(error, answer);
    window.open(URL.createObjectURL(new Blob([answer.data], { type: "text/html" })), "_blank");
  }

  start(() => load());
  filters.addEventListener("submit", load);
  document.getElementById("export-csv").addEventListener("click", exportCsv);
  document.getElementById("open-report").addEventListener("click", openReport);
})();
