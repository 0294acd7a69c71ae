// Showing the problems: each message next to its field (tied to it for
// screen readers), and the summary above the form that links to every one.
import { byId, field, page } from "./etat.js";
import { problems } from "./controles.js";

function describe(el, id, on) {
  var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  ids = ids.filter(function (x) { return x !== id; });
  if (on) ids.push(id);
  if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
  else el.removeAttribute("aria-describedby");
}

function showProblem(el, message) {
  var note = byId(el.id + "-erreur");
  if (note) {
    note.textContent = message || "";
    note.hidden = !message;
  }
  describe(el, el.id + "-erreur", Boolean(message));
  // A group's message marks its own boxes (not those of a nested group) as invalid.
  var targets = el.tagName !== "FIELDSET" ? [el] : Array.from(el.querySelectorAll('input[type="checkbox"], input[type="radio"]'))
    .filter(function (box) { return box.closest("fieldset") === el; });
  targets.forEach(function (t) {
    if (message) t.setAttribute("aria-invalid", "true");
    else t.removeAttribute("aria-invalid");
  });
}

function label(el) {
  if (el.tagName === "FIELDSET") return el.querySelector("legend").textContent.trim();
  var l = page.form.querySelector('label[for="' + el.id + '"]');
  var text = l ? l.textContent.replace(/\(facultatif\)/, "").trim() : el.name;
  // « Acteur 2 — Type », « Période — Année de début »: the field's group says which one.
  var group = el.closest("fieldset");
  return group ? group.querySelector("legend").textContent.replace(/\(facultatifs?\)/, "").trim() + " — " + text : text;
}

// Show every problem next to its field; `only` limits the display to some fields.
export function render(found, only) {
  var byEl = new Map();
  found.forEach(function (p) { if (!byEl.has(p.el)) byEl.set(p.el, p.message); });
  page.form.querySelectorAll("[data-regle], .proposer-groupe").forEach(function (el) {
    if (el.type === "checkbox" || el.type === "radio") return;
    if (only && only.indexOf(el) < 0) return;
    showProblem(el, byEl.get(el) || "");
  });
  return byEl;
}

// The summary is an alert with a heading, as in the DSFR and GOV.UK error
// summaries: `announce` (a submit) has it read at once; while the
// correspondent fixes fields one by one, it is updated silently.
export function showSummary(byEl, announce) {
  page.summary.setAttribute("aria-live", announce ? "assertive" : "off");
  var list = byId("proposer-erreurs-liste");
  list.textContent = "";
  byEl.forEach(function (message, el) {
    var item = document.createElement("li"), link = document.createElement("a");
    link.href = "#" + el.id;
    link.textContent = label(el) + " : " + message;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var target = el.tagName === "FIELDSET" ? el.querySelector("input, select, textarea") : el;
      target.focus();
      el.scrollIntoView({ block: "center" });
    });
    item.appendChild(link);
    list.appendChild(item);
  });
  byId("proposer-erreurs-titre").textContent = byEl.size === 1
    ? "La fiche n'est pas encore prête : 1 point à corriger."
    : "La fiche n'est pas encore prête : " + byEl.size + " points à corriger.";
  page.summary.hidden = byEl.size === 0;
}

// Re-check the fields around `el` as the correspondent types or leaves it.
export function recheck(el) {
  var around = [el];
  var group = el.closest(".proposer-groupe");
  if (group) around.push(group);
  if (el.type === "checkbox" || el.type === "radio") around = [group];
  if (el.name === "periode.debut") around.push(field("periode.fin"));
  if (/^territoires\.\d+\.niveau$/.test(el.name)) around.push(field(el.name.replace(/niveau$/, "code")));
  if (/^referent\.consentement\./.test(el.name)) around.push(field("referent.consentement.date"), field("referent.consentement.moyen"));
  var found = problems();
  render(found, around.filter(Boolean));
  if (!page.summary.hidden) showSummary(render(found), false);
}
