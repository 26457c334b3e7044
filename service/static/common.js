/* Shared by every page: texts, the signed-in token (this tab only), API calls and small DOM helpers.
   The token's payload is decoded only to show who is signed in; the API checks the token on every call. */
"use strict";

const UI = (() => {
  const texts = JSON.parse(document.getElementById("ui-texts").textContent);
  const t = texts.ui;
  const lang = texts.lang;
  const locales = texts.formats.locales;
  const TOKEN_KEY = "profiling.token";
  const PAGE_ROLES = {
    counsellor: ["counsellor"],
    cases: ["counsellor"],
    print: ["counsellor", "auditor"],
    audit: ["auditor"],
    case: ["auditor"],
    subject_access: ["auditor"],
  };
  const SVG_NS = "http://www.w3.org/2000/svg";

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  /* A number by its field's rule, the one the service writes it by (models/formatting.py hands the rules over). */
  const numberFormats = {};
  function number(field, value) {
    if (!(field in numberFormats)) {
      const rule = texts.formats.numbers[field];
      const style = rule.percent ? "percent" : "decimal";
      numberFormats[field] = new Intl.NumberFormat(locales, { style, maximumFractionDigits: rule.decimals, useGrouping: false });
    }
    return numberFormats[field].format(value);
  }

  /* A risk, a bound of its range or a threshold. */
  function pct(value) {
    return number("risk", value);
  }

  function dateTime(iso) {
    return new Date(iso).toLocaleString(locales, { dateStyle: "short", timeStyle: "short" });
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  }

  function svg(tag, attrs = {}, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    node.append(...children);
    return node;
  }

  function setAttrs(node, attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }

  function claimsOf(token) {
    try {
      const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
      const json = decodeURIComponent(
        Array.from(atob(part), (c) => "%" + c.charCodeAt(0).toString(16).padStart(2, "0")).join(""),
      );
      return JSON.parse(json);
    } catch {
      return null;
    }
  }

  function roleName(role) {
    return t["role_" + role] || role;
  }

  async function api(method, path, body, accept) {
    const headers = { "Accept-Language": lang, Authorization: "Bearer " + sessionStorage.getItem(TOKEN_KEY) };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (accept) headers.Accept = accept;
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      return { ok: false, status: 0, data: { detail: t.network_error } };
    }
    const type = response.headers.get("content-type") || "";
    const data = type.includes("json") ? await response.json() : await response.text();
    if (response.status === 401) signOut(typeof data === "object" ? data.detail : "");
    return { ok: response.ok, status: response.status, data, response };
  }

  /* Show an API refusal (problem+json) in a container: title, detail and each field's reason. */
  function showProblem(container, result) {
    const data = typeof result.data === "object" && result.data ? result.data : { detail: String(result.data) };
    const head = result.status ? `${t.api_error} (${result.status}): ` : "";
    const errors = Array.isArray(data.errors) ? data.errors : [];
    const list = errors.map((e) => el("li", { text: `${e.field}: ${e.reason}` }));
    container.replaceChildren(
      el("p", { text: head + (data.detail || data.title || "") }),
      ...(list.length ? [el("ul", {}, ...list)] : []),
    );
    return errors.map((e) => e.field);
  }

  function showError(container, message) {
    container.replaceChildren(el("p", { text: message }));
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    document.getElementById("app").hidden = true;
    document.getElementById("who").hidden = true;
    document.getElementById("signin").hidden = false;
    const error = document.getElementById("signin-error");
    if (message) showError(error, message);
    else error.replaceChildren();
  }

  function refusal(claims) {
    if (!claims || !claims.role) return t.token_not_valid;
    if (claims.exp && claims.exp * 1000 < Date.now()) return t.token_not_valid;
    const allowed = PAGE_ROLES[document.body.dataset.page] || [];
    if (!allowed.includes(claims.role)) {
      return format(t.wrong_role, { role: allowed.map(roleName).join(" / "), has: roleName(claims.role) });
    }
    return "";
  }

  /* Sign in (or reuse this tab's token), check it against the API, then call ready({claims, model}). */
  function start(ready) {
    const form = document.getElementById("signin-form");
    async function enter(token) {
      const claims = claimsOf(token);
      const problem = refusal(claims);
      if (problem) return signOut(problem);
      sessionStorage.setItem(TOKEN_KEY, token);
      const model = await api("GET", "/v1/model");
      if (!model.ok) {
        if (model.status !== 401) signOut(model.data.detail || t.network_error);
        return;
      }
      const office = claims.office ? `, ${t.office.toLowerCase()} ${claims.office}` : "";
      document.getElementById("who-text").textContent = `${t.signed_in_as} ${claims.sub} (${roleName(claims.role)}${office})`;
      document.getElementById("who").hidden = false;
      document.getElementById("signin").hidden = true;
      document.getElementById("app").hidden = false;
      ready({ claims, model: model.data });
    }
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const token = document.getElementById("token").value.trim();
      if (token) enter(token);
      else showError(document.getElementById("signin-error"), t.token_not_valid);
    });
    document.getElementById("signout").addEventListener("click", () => {
      signOut("");
      location.reload();
    });
    const stored = sessionStorage.getItem(TOKEN_KEY);
    if (stored) enter(stored);
    else signOut("");
  }

  function download(content, type, filename) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const link = el("a", { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  return { texts, t, lang, el, svg, format, number, pct, dateTime, api, showProblem, showError, start, download };
})();
