// What depends on other fields: sections shown or hidden by a choice
// (data-si, data-si-pas), the file name from the title, the summary's
// counter, the help of each territory row.
import { sheetSlug } from "../texte.js";
import { byId, checked, page, plural, value } from "./etat.js";
import { length, longText, shortText } from "./saisie.js";

// data-si="name" (a box checked) or "name=value"; data-si-pas is its opposite.
function condition(el) {
  var spec = el.dataset.si || el.dataset.siPas;
  var parts = spec.split("=");
  var on = parts.length === 1 ? checked(parts[0]) : value(parts[0]) === parts[1];
  return el.dataset.siPas ? !on : on;
}

export function refresh() {
  var S = page.S;
  page.form.querySelectorAll("[data-si], [data-si-pas]").forEach(function (el) { el.hidden = !condition(el); });
  var slug = sheetSlug(shortText(value("titre")));
  byId("f-titre-slug").textContent = slug ? slug + ".md" : "…";
  var resume = longText(value("resume")), advice = S.resume_conseil, rule = S.regles.resume;
  byId("f-resume-compteur").textContent = plural(length(resume), "caractère") + " (de " + rule.minLength + " à " +
    rule.maxLength + " ; " + advice[0] + " à " + advice[1] + " conseillés).";
  page.form.querySelectorAll("[data-aide-niveau]").forEach(function (help) {
    var row = help.closest("[data-ligne]"), level = row.querySelector("select").value;
    help.textContent = level && S.niveaux[level]
      ? "Tapez le début du nom ou du code, puis choisissez dans la liste. Code attendu : " + S.niveaux[level] + "."
      : "Choisissez d'abord le niveau.";
  });
}
