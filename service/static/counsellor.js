/* The counsellor's page: the registration form → POST /v1/assessments → the suggestion → POST …/decision. */
"use strict";

(() => {
  const { el, t, api, showProblem, showError, start, lang } = UI;
  const form = document.getElementById("assess-form");
  const decisionForm = document.getElementById("decision-form");
  const provisionalForm = document.getElementById("provisional-form");
  const overrideFields = document.getElementById("override-fields");
  const reasonCode = document.getElementById("reason_code");
  const justification = document.getElementById("justification");
  const receipt = document.getElementById("receipt");
  const result = document.getElementById("result");
  let model = null;
  let assessment = null;
  let trialConsent = false;

  function fieldValue(container) {
    const kind = container.dataset.kind;
    const name = container.dataset.field;
    const raw = container.querySelector("input[type=radio]")
      ? (form.querySelector(`input[name="${name}"]:checked`) || { value: "" }).value
      : form.elements[name].value;
    if (raw === "") return null;
    if (kind === "bool") return raw === "true";
    if (kind === "int") return parseInt(raw, 10);
    if (kind === "float") return Math.round(parseFloat(raw) * parseFloat(container.dataset.scale || "1") * 1e6) / 1e6;
    return raw;
  }

  function body() {
    const profile = {};
    for (const container of form.querySelectorAll("[data-field]")) profile[container.dataset.field] = fieldValue(container);
    return {
      national_id: form.elements.national_id.value.trim(),
      office: form.elements.office.value.trim(),
      consent: form.querySelector("input[name=consent]:checked").value === "true",
      trial_consent: Trials.consented(),
      profile,
    };
  }

  /* Years in Norway only for a background outside Norway (the API refuses it otherwise). */
  function syncYears() {
    const years = form.elements.years_in_norway;
    const background = (form.querySelector("input[name=country_background]:checked") || {}).value;
    years.disabled = background === "NORGE";
    years.required = Boolean(background) && background !== "NORGE";
    if (years.disabled) years.value = "";
  }

  function markInvalid(fields) {
    for (const node of document.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
    for (const field of fields) {
      const name = field.replace(/^profile\./, "");
      const target = document.getElementById("f-" + name) || form.querySelector(`input[name="${name}"]`);
      if (target) target.setAttribute("aria-invalid", "true");
    }
  }

  async function assess(event) {
    event.preventDefault();
    const error = document.getElementById("assess-error");
    error.replaceChildren();
    if (!form.reportValidity()) return;
    const button = document.getElementById("assess");
    button.disabled = true;
    const sent = body();
    const answer = await api("POST", "/v1/assessments", sent);
    trialConsent = sent.trial_consent;
    button.disabled = false;
    if (!answer.ok) {
      markInvalid(showProblem(error, answer));
      error.scrollIntoView({ block: "center" });
      return;
    }
    markInvalid([]);
    show(answer.data);
  }

  function show(a) {
    assessment = a;
    Result.render(document.getElementById("assessment-view"), a, model);
    for (const mark of document.querySelectorAll(".suggested-mark")) mark.hidden = mark.dataset.level !== a.suggested_level;
    decisionForm.reset();
    for (const input of decisionForm.elements) input.disabled = false;
    overrideFields.hidden = true;
    receipt.hidden = true;
    document.getElementById("decision-error").replaceChildren();
    provisionalForm.reset();
    provisionalForm.hidden = !a.suggestion_hidden;
    decisionForm.hidden = a.suggestion_hidden;
    Trials.show(a, trialConsent);
    const link = document.getElementById("print-link");
    link.href = `/ui/print/${encodeURIComponent(a.id)}?lang=${lang}`;
    link.target = "_blank";
    link.rel = "opener";
    result.dataset.assessment = a.id;
    result.hidden = false;
    result.focus();
    if (a.scored && !a.suggestion_hidden) showCounterfactuals(a);
  }

  /* Blind-first: the counsellor's own level first; the answer is the assessment with its suggestion. */
  async function recordProvisional(event) {
    event.preventDefault();
    const error = document.getElementById("provisional-error");
    const level = (provisionalForm.querySelector("input[name=provisional]:checked") || {}).value;
    if (!level) return showError(error, t.choose_level);
    error.replaceChildren();
    const button = document.getElementById("save-provisional");
    button.disabled = true;
    const answer = await api("POST", `/v1/assessments/${encodeURIComponent(assessment.id)}/provisional-level`, { level });
    button.disabled = false;
    if (!answer.ok) return showProblem(error, answer);
    show(answer.data);
  }

  /* What would change the suggestion, from the assessment's explanation, above the model line. */
  async function showCounterfactuals(a) {
    const answer = await api("GET", `/v1/assessments/${encodeURIComponent(a.id)}/explanation?audience=counsellor`);
    if (assessment !== a) return; // a newer assessment is shown by now
    const view = document.getElementById("assessment-view");
    const part = answer.ok ? Result.counterfactuals(answer.data) : el("div", { class: "error", role: "alert" });
    if (!answer.ok) showProblem(part, answer);
    view.querySelector(".model-version").before(part);
  }

  function chosenLevel() {
    return (decisionForm.querySelector("input[name=level]:checked") || {}).value || "";
  }

  function isOverride() {
    const level = chosenLevel();
    return Boolean(assessment && assessment.suggested_level && level && level !== assessment.suggested_level);
  }

  function syncOverride() {
    const override = isOverride();
    overrideFields.hidden = !override;
    reasonCode.required = override;
    justification.required = override;
    reasonCode.setAttribute("aria-required", String(override));
    justification.setAttribute("aria-required", String(override));
  }

  /* The needs assessment's documentation; null without a factor, undefined without a channel (never assumed). */
  function documented() {
    const factors = [...decisionForm.querySelectorAll("input[name=factors]:checked")].map((input) => input.value);
    const channel = (decisionForm.querySelector("input[name=channel]:checked") || {}).value;
    if (!factors.length) return null;
    if (!channel) return undefined;
    const wishes = decisionForm.elements.wishes.value.trim();
    return { factors, channel, wishes: wishes || null };
  }

  async function decide(event) {
    event.preventDefault();
    const error = document.getElementById("decision-error");
    markInvalid([]);
    const level = chosenLevel();
    if (!level) return showError(error, t.choose_level);
    const override = isOverride();
    if (override && (!reasonCode.value || !justification.value.trim())) {
      showError(error, t.override_needs_reason);
      const missing = [reasonCode, justification].filter((input) => !input.value.trim());
      for (const input of missing) input.setAttribute("aria-invalid", "true");
      missing[0].focus();
      return;
    }
    const documentation = documented();
    if (!documentation) {
      showError(error, t.documentation_needed);
      decisionForm.querySelector(documentation === null ? "input[name=factors]" : "input[name=channel]").focus();
      return;
    }
    error.replaceChildren();
    const payload = override ? { level, reason_code: reasonCode.value, justification: justification.value.trim() } : { level };
    payload.documentation = documentation;
    const button = document.getElementById("save-decision");
    button.disabled = true;
    const answer = await api("POST", `/v1/assessments/${encodeURIComponent(assessment.id)}/decision`, payload);
    button.disabled = false;
    if (!answer.ok) return showProblem(error, answer);
    for (const input of decisionForm.elements) input.disabled = true;
    showReceipt(answer.data);
  }

  function showReceipt(d) {
    const rows = [[t.record_id, d.id], [t.assessment_id, d.assessment_id], [t.seq, d.seq], [t.hash, d.hash]];
    receipt.replaceChildren(
      el("h3", { text: t.saved_title }),
      el("p", { text: d.in_decision_log ? t.in_log : "" }),
      UI.texts.needs_approval.includes(d.decided_level) ? el("p", { id: "approval-note", text: t.awaiting_approval_note }) : null,
      el("dl", { class: "meta" }, ...rows.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { class: "code", text: v })])),
    );
    receipt.dataset.decision = d.id;
    receipt.hidden = false;
    receipt.focus();
  }

  function fresh() {
    form.reset();
    form.elements.office.value = form.dataset.office || "";
    result.hidden = true;
    assessment = null;
    markInvalid([]);
    syncYears();
    form.elements.national_id.focus();
  }

  start(({ claims, model: current }) => {
    model = current;
    form.dataset.office = claims.office || "";
    form.elements.office.value = claims.office || "";
    Trials.load();
  });
  form.addEventListener("submit", assess);
  form.addEventListener("change", (event) => {
    if (event.target.name === "country_background") syncYears();
  });
  decisionForm.addEventListener("change", syncOverride);
  decisionForm.addEventListener("submit", decide);
  provisionalForm.addEventListener("submit", recordProvisional);
  document.getElementById("new-assessment").addEventListener("click", fresh);
  syncYears();
})();
