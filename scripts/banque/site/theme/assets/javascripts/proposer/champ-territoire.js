// A territory code field: suggestions as the correspondent types, and a
// typed name turned into its code when only one territory bears it.
import { byId, page, value } from "./etat.js";
import { saveDraft } from "./brouillon.js";
import { loadTerritories, loadedTerritories, resolveTerritory, suggest } from "./territoires.js";

function levelOf(input) {
  return value("territoires." + input.dataset.territoire + ".niveau");
}

function placeNote(input, text) {
  byId(input.id + "-lieu").textContent = text;
}

export function updateSuggestions(input) {
  var level = levelOf(input), levels = page.S.politique.niveau;
  var list = byId(input.getAttribute("list"));
  list.textContent = "";
  if (level === levels.international || level === levels.national) return;
  suggest(level, input.value).forEach(function (e) {
    var option = document.createElement("option");
    option.value = e.v;
    option.label = e.label;
    option.textContent = e.label;
    list.appendChild(option);
  });
}

// A typed name becomes its code when only one territory bears it.
export function settleTerritory(input) {
  var level = levelOf(input), levels = page.S.politique.niveau;
  if (level === levels.international) {
    input.value = input.value.trim().toUpperCase();
    return placeNote(input, "");
  }
  if (!loadedTerritories() || !level || level === levels.national) return placeNote(input, "");
  var found = resolveTerritory(level, input.value);
  if (found && found.entry) {
    if (input.value !== found.entry.v) {
      input.value = found.entry.v;
      saveDraft();
    }
    placeNote(input, "Reconnu : " + found.entry.label + ".");
  } else placeNote(input, "");
}

// The list is loaded the first time a territory field gets the focus.
export function onTerritoryFocus(input) {
  if (loadedTerritories()) return;
  placeNote(input, "Chargement de la liste des territoires…");
  loadTerritories().then(function (loaded) {
    placeNote(input, loaded ? "" : "La liste des territoires n'a pas pu être chargée : écrivez le code officiel, le comité le vérifiera.");
    if (loaded) {
      updateSuggestions(input);
      settleTerritory(input);
    }
  });
}
