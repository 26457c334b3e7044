/* The counsellor's cases: GET /v1/assessments by state → one case → the step its state allows
   (provisional level, decision, approval or return, objection, review). The API decides what is allowed;
   the page offers only the step the state and the token's rights make possible, and shows any refusal. */
"use strict";

(() => {
  const { el, t, api, showProblem, showError, start, format, dateTime, texts } = UI;
  const PAGE = 20;
  const filter = document.getElementById("cases-filter");
  const table = document.getElementById("cases-table");
  const panel = document.getElementById("case-panel");
  const actions = document.getElementById("case-actions");
  const caseError = document.getElementById("case-error");
  const caseStatus = document.getElementById("case-status");
  let claims = {};
  let model = null;
  let offset = 0;
  let current = null;

  const levelName = (value) => (value ? texts.levels[value] || value : "–");
  const stateName = (value) => texts.states[value] || value;

  async function load(event) {
    if (event) {
      event.preventDefault();
      offset = 0;
    }
    const error = document.getElementById("cases-error");
    const state = filter.elements.state.value;
    const query = new URLSearchParams({ limit: PAGE, offset });
    if (state) query.append("status", state);
    const answer = await api("GET", `/v1/assessments?${query}`);
    if (!answer.ok) return showProblem(error, answer);
    error.replaceChildren();
    const page = answer.data;
    document.getElementById("cases-count").textContent = format(t.cases_count, { total: page.total });
    const rows = page.items.map((item) =>
      el(
        "tr",
        { "data-assessment": item.assessment_id, "data-state": item.state },
        el(
          "td",
          {},
          el("button", {
            type: "button",
            class: "link open-case",
            "aria-label": format(t.open_listed_case, { id: item.assessment_id }),
            "data-assessment": item.assessment_id,
            text: dateTime(item.created_at),
          }),
        ),
        el("td", { text: stateName(item.state) }),
        el("td", { text: levelName(item.decided_level) }),
        el("td", { text: item.decided_by || "–" }),
      ),
    );
    table.tBodies[0].replaceChildren(...rows);
    table.hidden = rows.length === 0;
    if (!rows.length) document.getElementById("cases-count").textContent = t.cases_empty;
    document.getElementById("previous-page").hidden = offset === 0;
    document.getElementById("next-page").hidden = offset + PAGE >= page.total;
  }

  async function open(id) {
    const answer = await api("GET", `/v1/assessments/${encodeURIComponent(id)}`);
    caseStatus.replaceChildren();
    if (!answer.ok) return showProblem(caseError, answer);
    caseError.replaceChildren();
    show(answer.data);
    panel.hidden = false;
    panel.focus();
  }

  function show(a) {
    current = a;
    document.getElementById("case-state").textContent = `${t.col_state}: ${stateName(a.state)}`;
    Result.render(document.getElementById("case-view"), a, model);
    actions.replaceChildren(...step(a));
  }

  /* The one step the case's state allows, for this counsellor. */
  function step(a) {
    const decision = a.decisions.length ? a.decisions[a.decisions.length - 1] : null;
    switch (a.state) {
      case "undecided":
        return a.suggestion_hidden ? [provisionalForm(a)] : [decisionForm(a, t.decide_title)];
      case "provisional":
      case "returned":
        return [decisionForm(a, t.decide_title)];
      case "awaiting_approval":
        return claims.approver && decision.counsellor !== claims.sub ? [approvalForm(a, decision)] : [note(t.approver_only)];
      case "decided":
        return [objectionForm(a, decision)];
      case "under_review":
        return [note(t.reviewer_only), reviewForm(a)];
      default:
        return [note(t.no_action)];
    }
  }

  function note(text) {
    return el("p", { class: "note", text });
  }

  function select(id, label, options, { required = true, empty = true } = {}) {
    const input = el("select", { id, name: id, required },
      empty ? el("option", { value: "", text: t.choose }) : null,
      ...options.map(([value, text]) => el("option", { value, text })));
    return [el("div", { class: "field" }, el("label", { for: id, text: label }), input), input];
  }

  function textarea(id, label) {
    const input = el("textarea", { id, name: id, rows: 3, maxlength: panel.dataset.maxText });
    return [el("div", { class: "field" }, el("label", { for: id, text: label }), input), input];
  }

  function levels() {
    return texts.level_order.map((value) => [value, texts.levels[value]]);
  }

  function form(title, id, parts, button, submit) {
    const node = el("form", { id, novalidate: true }, el("h3", { text: title }), ...parts,
      el("button", { type: "submit", id: `${id}-submit`, text: button }));
    node.addEventListener("submit", async (event) => {
      event.preventDefault();
      node.querySelector("button[type=submit]").disabled = true;
      await submit();
      node.querySelector("button[type=submit]").disabled = false;
    });
    return node;
  }

  /* POST one step; on success reopen the case (its new state decides the next step) and say what happened. */
  async function post(path, body) {
    const answer = await api("POST", `/v1/assessments/${encodeURIComponent(current.id)}/${path}`, body);
    if (!answer.ok) {
      showProblem(caseError, answer);
      return false;
    }
    caseError.replaceChildren();
    const id = current.id;
    await open(id);
    caseStatus.replaceChildren(el("p", { text: format(t.action_saved, { state: stateName(current.state) }) }));
    load();
    return true;
  }

  function provisionalForm() {
    const [field, level] = select("provisional-level", t.provisional_level, levels());
    return form(t.provisional_title, "provisional-form", [el("p", { text: t.provisional_help }), field],
      t.save_provisional, () => (level.value ? post("provisional-level", { level: level.value }) : showError(caseError, t.choose_level)));
  }

  function overrideParts(prefix) {
    const [levelField, level] = select(`${prefix}-level`, t.decided_level, levels());
    const reasons = Object.entries(texts.reasons);
    const [reasonField, reason] = select(`${prefix}-reason`, t.reason_code, reasons, { required: false });
    const [justificationField, justification] = textarea(`${prefix}-justification`, t.justification);
    const body = () => {
      const chosen = { level: level.value };
      if (reason.value) chosen.reason_code = reason.value;
      if (justification.value.trim()) chosen.justification = justification.value.trim();
      return chosen;
    };
    return { parts: [levelField, reasonField, justificationField], level, body };
  }

  /* The needs assessment's documentation: factors (checkboxes), the jobseeker's wishes, the channel (asked). */
  function documentationParts(prefix) {
    const boxes = Object.entries(texts.considered).map(([value, label]) => {
      const id = `${prefix}-factor-${value}`;
      return el("span", { class: "choice" }, el("input", { type: "checkbox", id, name: `${prefix}-factors`, value }), el("label", { for: id, text: label }));
    });
    const [channelField, channel] = select(`${prefix}-channel`, t.channel, Object.entries(texts.channels));
    const [wishesField, wishes] = textarea(`${prefix}-wishes`, t.wishes);
    const factors = el("fieldset", { class: "field radios" }, el("legend", { text: t.considered_factors }), ...boxes);
    const body = () => {
      const chosen = [...factors.querySelectorAll("input:checked")].map((input) => input.value);
      if (!chosen.length || !channel.value) return null;
      return { factors: chosen, channel: channel.value, wishes: wishes.value.trim() || null };
    };
    return { parts: [el("fieldset", { class: "group" }, el("legend", { text: t.documentation_title }), factors, wishesField, channelField)], body };
  }

  function decisionForm(a, title) {
    const decision = overrideParts("decide");
    const documentation = documentationParts("decide");
    return form(title, "decide-form", [...decision.parts, ...documentation.parts, note(t.awaiting_approval_note)], t.save_decision, () => {
      if (!decision.level.value) return showError(caseError, t.choose_level);
      const documented = documentation.body();
      if (!documented) return showError(caseError, t.documentation_needed);
      return post("decision", { ...decision.body(), documentation: documented });
    });
  }

  function approvalForm(a, decision) {
    const approve = el("button", { type: "button", id: "approve", text: t.approve });
    approve.addEventListener("click", () => post("approval", { decision_id: decision.id }));
    const [reasonField, reason] = textarea("return-reason", t.return_reason);
    const returned = form(t.return_decision, "return-form", [reasonField], t.return_decision, () =>
      post("return", { decision_id: decision.id, reason: reason.value }));
    return el("div", {}, el("h3", { text: t.approval_title }),
      el("p", { text: `${levelName(decision.decided_level)} · ${decision.counsellor}` }), approve, returned);
  }

  function objectionForm(a, decision) {
    const channels = ["digital", "letter", "in_person", "phone"].map((c) => [c, t[`subject_channel_${c}`]]);
    const [channelField, channel] = select("objection-channel", t.objection_channel, channels);
    const received = el("input", { type: "date", id: "objection-received", name: "objection-received", required: true,
      value: new Date().toISOString().slice(0, 10) });
    const receivedField = el("div", { class: "field" }, el("label", { for: "objection-received", text: t.objection_received }), received);
    const [textField, said] = textarea("objection-text", t.objection_text);
    return form(t.objection_title, "objection-form", [channelField, receivedField, textField], t.save_objection, () =>
      post("objection", { decision_id: decision.id, channel: channel.value, received_on: received.value, text: said.value }));
  }

  function reviewForm() {
    const outcomes = ["upheld", "superseded"].map((o) => [o, t[`subject_outcome_${o}`]]);
    const [outcomeField, outcome] = select("review-outcome", t.review_outcome, outcomes);
    const [justificationField, justification] = textarea("review-justification", t.review_justification);
    const replacement = overrideParts("review");
    const newLevel = el("fieldset", { class: "group", id: "review-new-decision" }, el("legend", { text: t.review_new_level }),
      ...replacement.parts);
    return form(t.review_title, "review-form", [outcomeField, justificationField, newLevel], t.save_review, async () => {
      const review = { outcome: outcome.value, justification: justification.value };
      if (outcome.value === "superseded") {
        const answer = await api("POST", `/v1/assessments/${encodeURIComponent(current.id)}/decision`, replacement.body());
        if (!answer.ok) return showProblem(caseError, answer);
      }
      return post("review", review);
    });
  }

  start((signedIn) => {
    claims = signedIn.claims;
    model = signedIn.model;
    load();
  });
  filter.addEventListener("submit", load);
  table.addEventListener("click", (event) => {
    const button = event.target.closest("button.open-case");
    if (button) open(button.dataset.assessment);
  });
  document.getElementById("previous-page").addEventListener("click", () => {
    offset = Math.max(0, offset - PAGE);
    load();
  });
  document.getElementById("next-page").addEventListener("click", () => {
    offset += PAGE;
    load();
  });
})();
