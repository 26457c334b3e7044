/* One case for the auditor: the assessment as shown (GET /v1/assessments/{id}), every decision, the chain status. */
"use strict";

(() => {
  const { el, t, texts, api, format, dateTime, showProblem, start } = UI;
  const id = document.getElementById("case").dataset.assessment;

  function pairs(rows) {
    const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== "");
    return shown.flatMap(([k, v, code]) => [el("dt", { text: k }), el("dd", { class: code ? "code" : null, text: v })]);
  }

  function decisionView(d) {
    const follows = d.follows_suggestion === null ? texts.missing : d.follows_suggestion ? t.yes : t.no;
    return el(
      "article",
      { class: "decision", "data-decision": d.id },
      el("h3", { text: `${texts.levels[d.decided_level] || d.decided_level} · ${dateTime(d.created_at)}` }),
      el(
        "dl",
        {},
        ...pairs([
          [t.suggested, d.suggested_level ? texts.levels[d.suggested_level] : t.no_suggestion],
          [t.follows, follows],
          [t.reason, d.reason_code ? texts.reasons[d.reason_code] || d.reason_code : null],
          [t.justification, d.justification],
          [t.counsellor, `${d.counsellor} (${t.office.toLowerCase()} ${d.office})`],
          [t.record_id, d.id, true],
          [t.seq, d.seq],
          [t.supersedes, d.supersedes, true],
          [t.hash, d.hash, true],
        ]),
      ),
    );
  }

  start(async ({ model }) => {
    const error = document.getElementById("case-error");
    const [answer, verified, reconstructed] = await Promise.all([
      api("GET", `/v1/assessments/${encodeURIComponent(id)}`),
      api("GET", "/v1/audit/verify"),
      api("GET", `/v1/audit/cases/${encodeURIComponent(id)}`),
    ]);
    if (!answer.ok) return showProblem(error, answer);
    const a = answer.data;
    document.getElementById("case-meta").replaceChildren(
      ...pairs([
        [t.assessment_id, a.id, true],
        [t.assessed_at, dateTime(a.created_at)],
        [t.office, a.office],
        [t.counsellor, a.counsellor],
      ]),
    );
    Result.render(document.getElementById("assessment-view"), a, model);
    const list = document.getElementById("case-decisions");
    list.replaceChildren(...(a.decisions.length ? a.decisions.map(decisionView) : [el("p", { text: t.no_decisions })]));
    if (!verified.ok) return showProblem(error, verified);
    const report = verified.data;
    const mine = new Set(a.decisions.map((d) => d.id));
    const inThisCase = (b) => mine.has(b.decision_id) || b.assessment_id === a.id;
    const box = document.getElementById("chain");
    box.className = "chain " + (report.ok ? "ok" : "broken");
    box.dataset.ok = String(report.ok);
    box.textContent = report.ok ? format(t.chain_ok, { checked: report.checked }) : format(t.chain_broken, { count: report.breaks.length });
    if (report.breaks.some(inThisCase)) box.append(el("span", { text: " " + t.case_in_break }));
    const integrity = reconstructed.ok ? reconstructed.data.integrity : null;
    if (integrity) {
      const intact = el("p", { id: "case-integrity", "data-ok": String(integrity.ok), class: "chain " + (integrity.ok ? "ok" : "broken") });
      intact.textContent = integrity.ok ? t.case_intact : format(t.case_altered, { problems: integrity.problems.join("; ") });
      box.after(intact);
    }
  });
})();
