/* The printable explanation for the jobseeker: GET /v1/assessments/{id}/explanation?audience=jobseeker. */
"use strict";

(() => {
  const { el, t, api, showProblem, start } = UI;
  const article = document.getElementById("explanation");

  function list(id, items) {
    document.getElementById(id).replaceChildren(...items.map((item) => el("li", { text: item })));
  }

  start(async () => {
    const id = encodeURIComponent(article.dataset.assessment);
    const answer = await api("GET", `/v1/assessments/${id}/explanation?audience=jobseeker`);
    if (!answer.ok) return showProblem(document.getElementById("explanation-error"), answer);
    const x = answer.data;
    document.getElementById("x-summary").textContent = x.summary;
    list("x-raised", x.raised);
    list("x-lowered", x.lowered);
    list("x-data", x.data_used);
    document.getElementById("x-level").textContent = x.suggested_level_text || "";
    list("x-flags", x.flags.length ? x.flags.map((f) => f.text) : [t.no_flags]);
    document.getElementById("x-counterfactuals").replaceChildren(
      ...x.counterfactuals.map((c) => el("li", { "data-level": c.level, "data-found": String(c.found), text: c.text })),
    );
    document.getElementById("x-counterfactual-note").textContent = x.counterfactual_note || "";
    const scored = Boolean(x.suggested_level);
    const shown = { "x-raised": x.raised.length, "x-lowered": x.lowered.length, "x-level": scored, "x-flags": scored, "x-counterfactuals": x.counterfactuals.length };
    for (const [part, visible] of Object.entries(shown)) document.getElementById(part).closest("section").hidden = !visible;
    document.getElementById("x-who").textContent = x.who_decides;
    document.getElementById("x-object").textContent = x.how_to_object;
    document.getElementById("x-model").textContent = `${t.model}: ${x.model.name} v${x.model.version} · ${x.assessment_id}`;
  });
  document.getElementById("print").addEventListener("click", () => window.print());
})();
