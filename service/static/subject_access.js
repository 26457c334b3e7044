/* Subject access for the auditor: POST /v1/audit/subject-access with an identity number and a purpose, then
   everything held about the person, printable. The number goes in the request body only, never in a URL, and the
   field is emptied once the service has answered. */
"use strict";

(() => {
  const { el, t, texts, api, format, dateTime, showProblem, showError, start } = UI;
  const form = document.getElementById("lookup");
  const error = document.getElementById("subject-error");
  const article = document.getElementById("subject");
  const printButton = document.getElementById("print");
  let model = null;

  function day(iso) {
    return new Date(iso + "T00:00:00Z").toLocaleDateString(texts.formats.locales, { timeZone: "UTC", dateStyle: "short" });
  }

  function yesNo(value) {
    return value ? t.yes : t.no;
  }

  function pairs(rows) {
    const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== "");
    return shown.flatMap(([k, v, code]) => [el("dt", { text: k }), el("dd", { class: code ? "code" : null, text: v })]);
  }

  /* One payload value of an event as a person reads it: levels, channels and results by their labels. */
  function payloadValue(key, value) {
    if (typeof value === "boolean") return yesNo(value);
    if (key === "level" || key === "drawn") return texts.levels[value] || value;
    if (key === "options") return value.map((level) => texts.levels[level] || level).join(", ");
    if (key === "rule_outcome") return texts.rule_outcomes[value] || value;
    if (key === "channel" || key === "outcome") return t[`subject_${key}_${value}`] || value;
    if (key === "received_on") return day(value);
    return String(value);
  }

  function decisionView(d) {
    return el(
      "li",
      { class: "decision", "data-decision": d.id, "data-seq": d.seq },
      el("h4", { text: `${t.subject_decision}: ${texts.levels[d.decided_level] || d.decided_level} · ${dateTime(d.created_at)}` }),
      el(
        "dl",
        {},
        ...pairs([
          [t.follows, d.follows_suggestion === null ? texts.missing : yesNo(d.follows_suggestion)],
          [t.reason, d.reason_code ? texts.reasons[d.reason_code] || d.reason_code : null],
          [t.justification, d.justification],
          [t.subject_by, `${d.counsellor} (${t.office.toLowerCase()} ${d.office})`],
          [t.seq, d.seq],
          [t.record_id, d.id, true],
        ]),
      ),
    );
  }

  function eventView(e) {
    const by = e.office ? `${e.actor} (${t.office.toLowerCase()} ${e.office})` : e.actor;
    const rows = Object.entries(e.payload).map(([key, value]) => [t[`subject_payload_${key}`] || key, payloadValue(key, value), key === "decision_id"]);
    return el(
      "li",
      { class: "decision", "data-kind": e.kind, "data-seq": e.seq },
      el("h4", { text: `${t[`subject_kind_${e.kind}`] || e.kind} · ${dateTime(e.created_at)}` }),
      el("dl", {}, ...pairs([...rows, [t.subject_by, by], [t.seq, e.seq]])),
    );
  }

  function caseView(held, number) {
    const a = held.assessment;
    const titleId = `held-${number}`;
    const shown = el("div", { class: "shown" });
    Result.render(shown, a, model);
    // the counsellor's page names its one suggestion by id; here there may be several
    shown.querySelector("#suggested-level")?.removeAttribute("id");
    const records = [...a.decisions.map((d) => [d.seq, decisionView(d)]), ...held.events.map((e) => [e.seq, eventView(e)])];
    records.sort((x, y) => x[0] - y[0]);
    return el(
      "section",
      { class: "card held-case", "data-assessment": a.id, "aria-labelledby": titleId },
      el("h2", { id: titleId, text: format(t.subject_case_title, { number }) + ` · ${dateTime(a.created_at)}` }),
      el(
        "dl",
        { class: "meta" },
        ...pairs([
          [t.assessment_id, a.id, true],
          [t.office, a.office],
          [t.counsellor, a.counsellor],
          [t.subject_state, t[`subject_state_${a.state}`] || a.state],
          [t.subject_consent, yesNo(held.consent)],
        ]),
      ),
      el("h3", { text: t.subject_profile }),
      el("dl", { class: "meta profile" }, ...pairs(held.profile.map((item) => [item.label, item.text]))),
      el("h3", { text: t.subject_shown }),
      shown,
      el("h3", { text: t.subject_events }),
      el("ol", { class: "records" }, ...records.map(([, view]) => view)),
    );
  }

  function outcomes(items, caseNumbers) {
    const table = document.getElementById("subject-outcomes");
    table.hidden = items.length === 0;
    document.getElementById("subject-no-outcomes").hidden = items.length > 0;
    table.tBodies[0].replaceChildren(
      ...items.map((o) =>
        el(
          "tr",
          { "data-outcome": o.id },
          el("td", { text: day(o.observed_on) }),
          el("td", { text: o.horizon_months }),
          el("td", { text: yesNo(o.employed) }),
          el("td", { text: o.source }),
          el("td", { class: "code", text: o.assessment_id ? `${format(t.subject_case_title, { number: caseNumbers[o.assessment_id] })} (${o.assessment_id})` : texts.missing }),
        ),
      ),
    );
  }

  function show(answer) {
    const lookup = answer.lookup;
    document.getElementById("subject-message").textContent = answer.message;
    document.getElementById("subject-lookup").textContent = format(t.subject_lookup_recorded, {
      time: dateTime(lookup.created_at),
      actor: lookup.actor,
      seq: lookup.seq,
      purpose: lookup.payload.purpose,
    });
    document.getElementById("subject-meta").replaceChildren(...pairs([[t.subject_person_key, answer.person_key, true]]));
    article.dataset.empty = String(answer.empty);
    const caseNumbers = Object.fromEntries(answer.cases.map((held, i) => [held.assessment.id, i + 1]));
    document.getElementById("subject-cases").replaceChildren(...answer.cases.map((held, i) => caseView(held, i + 1)));
    outcomes(answer.outcomes, caseNumbers);
    article.hidden = false;
    printButton.hidden = false;
    article.focus();
  }

  async function lookUp(event) {
    event.preventDefault();
    const fields = form.elements;
    for (const node of form.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    const missing = [fields.national_id, fields.purpose].filter((input) => !input.value.trim());
    if (missing.length) {
      for (const input of missing) input.setAttribute("aria-invalid", "true");
      showError(error, t.subject_fill_both);
      return missing[0].focus();
    }
    error.replaceChildren();
    const body = { national_id: fields.national_id.value.trim(), purpose: fields.purpose.value };
    const answer = await api("POST", "/v1/audit/subject-access", body);
    if (!answer.ok) {
      const named = showProblem(error, answer).map((name) => fields[name]).filter(Boolean);
      for (const input of named) input.setAttribute("aria-invalid", "true");
      if (named.length) named[0].focus();
      return;
    }
    fields.national_id.value = "";
    show(answer.data);
  }

  start((ready) => {
    model = ready.model;
  });
  form.addEventListener("submit", lookUp);
  printButton.addEventListener("click", () => window.print());
})();
