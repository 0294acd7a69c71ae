// « Proposer une expérience » : the form checks each entry with the schema's
// own limits (embedded in the page as JSON by the build, from the pydantic
// model), keeps the draft in this browser (localStorage), and produces the
// sheet file, to download, to e-mail to the committee, or to open on GitHub.
// There is no server: nothing leaves the browser until the correspondent
// chooses a way to send it.
//
// This file starts the page and wires its events; the work is in proposer/:
// etat (the shared page), saisie (text as the validator reads it), collecte
// (the form as the sheet's data), controles (the checks), erreurs (their
// display), dependances (what follows other fields), brouillon (rows and
// draft), territoires and champ-territoire (the territory list and fields),
// fiche (the sheet file), envoi (the ways to send it).
import { LISTS, addRow, loadDraft, removeDraft, removeRow, saveDraft, writeState } from "./proposer/brouillon.js";
import { onTerritoryFocus, settleTerritory, updateSuggestions } from "./proposer/champ-territoire.js";
import { collect, needsTerritoryList } from "./proposer/collecte.js";
import { problems } from "./proposer/controles.js";
import { refresh } from "./proposer/dependances.js";
import { hideResult, showResult } from "./proposer/envoi.js";
import { recheck, render, showSummary } from "./proposer/erreurs.js";
import { byId, field, page, say, shown } from "./proposer/etat.js";
import { loadTerritories } from "./proposer/territoires.js";

function onSubmit(event) {
  event.preventDefault();
  page.submitted = true;
  (needsTerritoryList(collect()) ? loadTerritories() : Promise.resolve(null)).then(function () {
    page.form.querySelectorAll("[data-territoire]").forEach(function (input) { if (shown(input)) settleTerritory(input); });
    var byEl = render(problems());
    page.summary.hidden = true; // shown anew: read again on every submit
    showSummary(byEl, true);
    if (byEl.size) {
      page.result.hidden = true;
      page.summary.focus();
      return;
    }
    showResult(collect());
  });
}

function clearDraft() {
  removeDraft();
  page.form.reset();
  writeState({ listes: LISTS, valeurs: {} });
  page.submitted = false;
  render([]);
  page.summary.hidden = true;
  hideResult();
  say("Brouillon effacé : le formulaire est vide.");
}

function init() {
  var form = byId("proposer");
  var settings = byId("proposer-reglages");
  if (!form || !settings) return;
  var script = document.querySelector("script[data-territoires]");
  Object.assign(page, {
    S: JSON.parse(settings.textContent),
    form: form,
    summary: byId("proposer-erreurs"),
    result: byId("proposer-resultat"),
    status: byId("proposer-etat"),
    territoriesUrl: script && script.dataset.territoires,
  });

  var draft = loadDraft();
  writeState(draft || { listes: LISTS, valeurs: {} });
  form.hidden = false;
  byId("proposer-sans-js").hidden = true;
  if (draft) say("Brouillon retrouvé : vous reprenez où vous en étiez. Il reste dans ce navigateur jusqu'à ce que vous l'effaciez.");

  form.addEventListener("input", function (event) {
    var el = event.target;
    refresh();
    saveDraft();
    hideResult();
    if (el.dataset.territoire !== undefined) updateSuggestions(el);
    if (el.getAttribute("aria-invalid") === "true" || page.submitted) recheck(el);
  });
  form.addEventListener("change", function (event) {
    var el = event.target;
    refresh();
    if (el.dataset.territoire !== undefined) settleTerritory(el);
    if (/^territoires\.\d+\.niveau$/.test(el.name)) {
      var code = field(el.name.replace(/niveau$/, "code"));
      if (code) { updateSuggestions(code); settleTerritory(code); }
    }
    saveDraft();
    if (el.type === "checkbox" || el.type === "radio" || page.submitted || el.getAttribute("aria-invalid") === "true") recheck(el);
  });
  // Leaving a field checks it, once something has been typed in it.
  form.addEventListener("focusout", function (event) {
    var el = event.target;
    if (el.dataset && el.dataset.regle && el.type !== "checkbox" && el.type !== "radio" && (el.value || page.submitted)) recheck(el);
  });
  form.addEventListener("focusin", function (event) {
    if (event.target.dataset && event.target.dataset.territoire !== undefined) onTerritoryFocus(event.target);
  });
  form.addEventListener("click", function (event) {
    var add = event.target.closest("[data-ajouter]"), remove = event.target.closest("[data-retirer]");
    if (add) {
      var row = addRow(add.dataset.ajouter);
      row.querySelector("input, select, textarea").focus();
      saveDraft();
      hideResult();
    } else if (remove) {
      removeRow(remove.dataset.retirer, remove.closest("[data-ligne]"));
      hideResult();
    }
  });
  form.addEventListener("submit", onSubmit);
  byId("proposer-effacer").addEventListener("click", clearDraft);
}

// A module runs once the page is parsed: no need to wait for DOMContentLoaded.
init();
