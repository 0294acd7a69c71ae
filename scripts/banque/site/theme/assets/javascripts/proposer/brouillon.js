// The draft: the lists of rows (territories, actors, indicators, sources)
// and every value typed, kept in this browser (localStorage) so a closed
// page comes back as it was left.
import { page, rowCount, say } from "./etat.js";
import { refresh } from "./dependances.js";

var STORAGE_KEY = "banque-proposition";
// A draft is read back from storage anyone on this browser could have written:
// at most this many rows per list (when the model sets no maximum), and no
// draft larger than MAX_DRAFT characters (the form's texts fit well within).
var MAX_ROWS = 50;
var MAX_DRAFT = 1000000;
export var LISTS = { territoires: 1, acteurs: 1, indicateurs: 0, sources: 1 }; // rows shown on an empty form

// -- lists of rows ----------------------------------------------------------------------

function container(list) {
  return page.form.querySelector('[data-liste="' + list + '"]');
}

export function addRow(list) {
  var rows = container(list);
  var i = rows.children.length;
  var template = page.form.querySelector('template[data-modele="' + list + '"]');
  var holder = document.createElement("template");
  holder.innerHTML = template.innerHTML.split("__i__").join(String(i)).split("__n__").join(String(i + 1));
  rows.appendChild(holder.content);
  updateRemoveButtons(list);
  return rows.lastElementChild;
}

function setRows(list, n) {
  container(list).textContent = "";
  for (var i = 0; i < n; i++) addRow(list);
}

function minRows(list) {
  return (page.S.regles[list] && page.S.regles[list].minItems) || 0;
}

function maxRows(list) {
  var max = page.S.regles[list] && page.S.regles[list].maxItems;
  return typeof max === "number" ? Math.min(max, MAX_ROWS) : MAX_ROWS;
}

// The number of rows a draft asks for, as an integer between the list's bounds.
function rowsWanted(list, n) {
  if (typeof n !== "number" || !isFinite(n)) n = LISTS[list];
  return Math.min(Math.max(Math.floor(n), minRows(list), 0), Math.max(maxRows(list), minRows(list)));
}

function updateRemoveButtons(list) {
  var rows = container(list), min = minRows(list);
  rows.querySelectorAll("[data-retirer]").forEach(function (b) { b.hidden = rows.children.length <= min; });
}

// Remove one row; the values of the rows after it move up one place.
export function removeRow(list, row) {
  var rows = container(list);
  var index = Array.from(rows.children).indexOf(row);
  var legend = row.querySelector("legend").textContent.trim();
  var state = readState(), values = {}, prefix = new RegExp("^" + list + "\\.(\\d+)\\.");
  Object.keys(state.valeurs).forEach(function (name) {
    var match = prefix.exec(name);
    if (!match) return (values[name] = state.valeurs[name]);
    var k = parseInt(match[1], 10);
    if (k === index) return;
    values[name.replace(prefix, list + "." + (k > index ? k - 1 : k) + ".")] = state.valeurs[name];
  });
  state.valeurs = values;
  state.listes[list] -= 1;
  writeState(state);
  var next = rows.children[Math.min(index, rows.children.length - 1)];
  (next ? next.querySelector("input, select, textarea") : page.form.querySelector('[data-ajouter="' + list + '"]')).focus();
  say(legend + " retiré.");
  saveDraft();
}

// -- the form's state, in and out --------------------------------------------------------

function readState() {
  var state = { version: 1, listes: {}, valeurs: {} };
  Object.keys(LISTS).forEach(function (list) { state.listes[list] = rowCount(list); });
  Array.from(page.form.elements).forEach(function (el) {
    if (!el.name || el.tagName === "BUTTON" || el.tagName === "FIELDSET") return;
    if (el.type === "checkbox") state.valeurs[el.name] = el.checked;
    else if (el.type === "radio") { if (el.checked) state.valeurs[el.name] = el.value; }
    else state.valeurs[el.name] = el.value;
  });
  return state;
}

export function writeState(state) {
  Object.keys(LISTS).forEach(function (list) {
    setRows(list, rowsWanted(list, state.listes && state.listes[list]));
  });
  var values = state.valeurs && typeof state.valeurs === "object" ? state.valeurs : {};
  Array.from(page.form.elements).forEach(function (el) {
    if (!el.name || !Object.prototype.hasOwnProperty.call(values, el.name)) return;
    var v = values[el.name];
    if (el.type === "checkbox") el.checked = v === true;
    else if (el.type === "radio") el.checked = el.value === v;
    else if (typeof v === "string") el.value = v;
  });
  refresh();
}

// -- localStorage ----------------------------------------------------------------------------

export function saveDraft() {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(readState()));
  } catch (e) {
    // Storage refused (private browsing, quota): the form still works, without a draft.
  }
}

export function loadDraft() {
  try {
    var text = window.localStorage.getItem(STORAGE_KEY);
    if (!text || text.length > MAX_DRAFT) return null;
    var state = JSON.parse(text);
    return state && typeof state === "object" && state.version === 1 ? state : null;
  } catch (e) {
    return null;
  }
}

export function removeDraft() {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch (e) {
    // Nothing stored.
  }
}
