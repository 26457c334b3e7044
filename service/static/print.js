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
    for (const [id, empty] of [["x-raised", x.raised], ["x-lowered", x.lowered]]) {
      document.getElementById(id).closest("section").hidden = empty.length === 0;
    }
    document.getElementById("x-who").textContent = x.who_decides;
    document.getElementById("x-object").textContent = x.how_to_object;
    document.getElementById("x-model").textContent = `${t.model}: ${x.model.name} v${x.model.version} · ${x.assessment_id}`;
  });
  document.getElementById("print").addEventListener("click", () => window.print());
})();
