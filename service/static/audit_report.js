/* The auditor's report page: the audit report (GET /v1/audit/report?format=html) for a period and office, in the
   page's language, shown inside the page so that its case links open the case page and it prints with the page. */
"use strict";

(() => {
  const { api, showProblem, start, lang } = UI;
  const form = document.getElementById("report-filters");
  const view = document.getElementById("report-view");
  const status = document.getElementById("report-status");
  const error = document.getElementById("report-error");
  const printButton = document.getElementById("print-report");

  function nextDay(date) {
    const day = new Date(date + "T00:00:00Z");
    day.setUTCDate(day.getUTCDate() + 1);
    return day.toISOString().slice(0, 10);
  }

  function params(format) {
    const f = form.elements;
    const query = new URLSearchParams({ format, lang });
    if (f.since.value) query.set("since", f.since.value);
    if (f.until.value) query.set("until", nextDay(f.until.value));
    if (f.office.value.trim()) query.set("office", f.office.value.trim());
    return query.toString();
  }

  /* Evidently's drift page is a page of its own: fetched with the token and opened in a new tab. */
  async function openDrift(event) {
    event.preventDefault();
    const answer = await api("GET", "/v1/audit/report?" + params("drift"), undefined, "text/html");
    if (!answer.ok) return showProblem(error, answer);
    window.open(URL.createObjectURL(new Blob([answer.data], { type: "text/html" })), "_blank");
  }

  function show(html) {
    const page = new DOMParser().parseFromString(html, "text/html");
    const style = page.getElementById("audit-report-style");
    const article = page.getElementById("audit-report");
    document.getElementById("audit-report-style")?.remove();
    if (style) document.head.append(document.adoptNode(style));
    view.replaceChildren(document.adoptNode(article));
    for (const link of view.querySelectorAll("a[data-drift-page]")) link.addEventListener("click", openDrift);
    printButton.hidden = false;
  }

  async function load(event) {
    if (event) event.preventDefault();
    if (!form.reportValidity()) return;
    error.replaceChildren();
    status.textContent = view.dataset.making;
    view.setAttribute("aria-busy", "true");
    const answer = await api("GET", "/v1/audit/report?" + params("html"), undefined, "text/html");
    view.removeAttribute("aria-busy");
    status.textContent = "";
    if (!answer.ok) return showProblem(error, answer);
    show(answer.data);
  }

  start(() => load());
  form.addEventListener("submit", load);
  printButton.addEventListener("click", () => window.print());
})();
