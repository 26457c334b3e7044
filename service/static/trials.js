/* Controlled trials on the counsellor's page: the jobseeker's consent to trials (asked only when a trial runs at the
   office, GET /v1/trials) and the equivalence draw (POST …/equivalence-draw): the counsellor ticks two or more levels
   as equally suitable, the service draws one, and the decision form gets the drawn level pre-selected. */
"use strict";

const Trials = (() => {
  const { t, api, showProblem, showError } = UI;
  const consentGroup = document.getElementById("trial-consent-group");
  const form = document.getElementById("equivalence-form");
  const drawn = document.getElementById("drawn");
  const error = document.getElementById("equivalence-error");
  let active = [];
  let assessment = null;

  /* The trials active today at the counsellor's office; the consent question only when there is one. */
  async function load() {
    const answer = await api("GET", "/v1/trials");
    active = answer.ok ? answer.data : [];
    consentGroup.hidden = active.length === 0;
  }

  function consented() {
    return !consentGroup.hidden && (document.querySelector("input[name=trial_consent]:checked") || {}).value === "true";
  }

  function equivalenceTrial() {
    return active.find((trial) => trial.kind === "equivalence");
  }

  /* The draw for an assessment: offered while it can be decided, in an equivalence trial, with the jobseeker's consent. */
  function show(a, consent) {
    assessment = a;
    form.reset();
    for (const input of form.elements) input.disabled = false;
    drawn.hidden = true;
    error.replaceChildren();
    form.hidden = !(equivalenceTrial() && consent && !a.suggestion_hidden);
  }

  /* The drawn level is the one to decide: it is chosen in the decision form and the others are closed. */
  function preselect(level) {
    for (const input of document.querySelectorAll("#decision-form input[name=level]")) {
      input.checked = input.value === level;
      input.disabled = input.value !== level;
    }
    document.getElementById("decision-form").dispatchEvent(new Event("change"));
  }

  async function draw(event) {
    event.preventDefault();
    const options = [...form.querySelectorAll("input[name=equivalent]:checked")].map((input) => input.value);
    if (options.length < 2) return showError(error, t.draw_needs_two);
    error.replaceChildren();
    const button = document.getElementById("draw");
    button.disabled = true;
    const path = `/v1/assessments/${encodeURIComponent(assessment.id)}/equivalence-draw`;
    const answer = await api("POST", path, { trial_id: equivalenceTrial().trial_id, options });
    button.disabled = false;
    if (!answer.ok) return showProblem(error, answer);
    for (const input of form.elements) input.disabled = true;
    drawn.textContent = answer.data.drawn_text;
    drawn.dataset.level = answer.data.drawn;
    drawn.hidden = false;
    preselect(answer.data.drawn);
    drawn.focus();
  }

  form.addEventListener("submit", draw);
  return { load, show, consented };
})();
