// The explorer (/explorer/): readers combine filters on the bank's experiences
// and see, next to each value, how many sheets it would leave. AND across
// filters, OR within one. The state lives in the URL (?region=44&modele=…&q=…)
// so a view can be shared, reloaded, and left with the back button.
//
// Data: explorer/index.json (see scripts/banque/site/explorer.py), one short array
// per sheet. Words go through Pagefind, loaded only once the reader types:
// Pagefind answers with page hashes, which explorer/recherche.json maps to
// positions in the index.
import { queryWords } from "./texte.js";

// This file is assets/javascripts/explorateur.js: the site root is two folders up.
var ROOT = new URL("../../", import.meta.url);
var FIRST_FACET = 5; // a sheet: [slug, title, places, period text, start year (0 = unknown), facets…]
var BATCH = 50; // results shown at once
// index.json's "departements" lists, for each value of the first facet (the
// régions), its values in the second (their départements): see explorer.index().
var REGION_FACET = 0;
var DEPT_FACET = 1;

function el(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === "text") node.textContent = attrs[k];
    else node.setAttribute(k, attrs[k]);
  });
  (children || []).forEach(function (c) { if (c) node.appendChild(c); });
  return node;
}

function plural(n, word) {
  return n + " " + word + (n > 1 ? "s" : "");
}

var root = document.getElementById("explorateur");

var data, facets, rows, deptsOf, modelFacet;
var selected = []; // per facet: a Set of value positions
var query = "";
var hits = null; // Set of sheet positions matching the words, null without words
var textNote = "";
var pending = false; // words typed, Pagefind not answered yet
var shown = BATCH;
var ui = {};

// -- state <-> URL ---------------------------------------------------------

function readUrl() {
  var params = new URLSearchParams(window.location.search);
  facets.forEach(function (f, i) {
    selected[i] = new Set();
    params.getAll(f.cle).forEach(function (id) {
      var pos = f.index[id];
      if (pos !== undefined) selected[i].add(pos);
    });
  });
  query = (params.get("q") || "").trim();
}

function stateUrl() {
  var params = new URLSearchParams();
  facets.forEach(function (f, i) {
    Array.from(selected[i]).sort(function (a, b) { return a - b; }).forEach(function (pos) {
      params.append(f.cle, f.valeurs[pos][0]);
    });
  });
  if (query) params.set("q", query);
  var search = params.toString();
  return window.location.pathname + (search ? "?" + search : "") + window.location.hash;
}

function saveState(push) {
  var url = stateUrl();
  if (url === window.location.pathname + window.location.search + window.location.hash) return;
  if (push) window.history.pushState(null, "", url);
  else window.history.replaceState(null, "", url);
}

// -- counting ----------------------------------------------------------------

function matches(row, i) {
  var values = row[FIRST_FACET + i];
  for (var k = 0; k < values.length; k++) if (selected[i].has(values[k])) return true;
  return false;
}

// Standard faceted counts: a value of a filter counts the sheets that pass
// every OTHER filter (and the words) and have that value.
function compute() {
  var counts = facets.map(function (f) { return f.valeurs.map(function () { return 0; }); });
  var results = [];
  rows.forEach(function (row, r) {
    if (hits && !hits.has(r)) return;
    var failed = -1;
    var misses = 0;
    for (var i = 0; i < facets.length && misses < 2; i++) {
      if (selected[i].size && !matches(row, i)) { misses++; failed = i; }
    }
    if (misses === 0) {
      results.push(r);
      facets.forEach(function (f, i) { row[FIRST_FACET + i].forEach(function (v) { counts[i][v]++; }); });
    } else if (misses === 1) {
      row[FIRST_FACET + failed].forEach(function (v) { counts[failed][v]++; });
    }
  });
  return { counts: counts, results: results };
}

// -- the form ----------------------------------------------------------------

function checkbox(i, pos) {
  var f = facets[i];
  var id = "filtre-" + f.cle + "-" + f.valeurs[pos][0];
  var box = el("input", { type: "checkbox", id: id, name: f.cle, value: f.valeurs[pos][0] });
  box.checked = selected[i].has(pos);
  box.addEventListener("change", function () {
    if (box.checked) selected[i].add(pos); else selected[i].delete(pos);
    shown = BATCH;
    saveState(true);
    update();
  });
  var count = el("span", { "class": "explorateur-compte" });
  // After a ticked box, the next Tab stop leads to the results (not 50 more filters).
  var go = el("a", { href: "#explorateur-titre-resultats", "class": "explorateur-aller" });
  go.hidden = true;
  var item = el("li", {}, [box, el("label", { "for": id }, [
    el("span", { text: f.valeurs[pos][1] }), document.createTextNode(" "), count]), go]);
  f.items[pos] = { item: item, count: count, box: box, go: go };
  return item;
}

function fieldset(i) {
  var f = facets[i];
  f.items = {};
  f.list = el("ul", { "class": "explorateur-valeurs" });
  var set = el("fieldset", { "class": "explorateur-facette", id: "facette-" + f.cle }, [
    el("legend", { text: f.legende }), f.list]);
  if (i === DEPT_FACET) {
    f.hint = el("p", { "class": "explorateur-aide", text: "Choisissez une région pour filtrer par département." });
    set.appendChild(f.hint);
  } else {
    f.valeurs.forEach(function (_, pos) { f.list.appendChild(checkbox(i, pos)); });
  }
  return set;
}

// Départements are listed under the chosen régions (and any already chosen).
function showDepartements() {
  var f = facets[DEPT_FACET];
  var wanted = [];
  selected[REGION_FACET].forEach(function (r) { (deptsOf[r] || []).forEach(function (d) { wanted.push(d); }); });
  selected[DEPT_FACET].forEach(function (d) { if (wanted.indexOf(d) < 0) wanted.push(d); });
  wanted.sort(function (a, b) { return a - b; });
  var current = Object.keys(f.items).map(Number).sort(function (a, b) { return a - b; });
  if (current.join() !== wanted.join()) {
    f.items = {};
    f.list.textContent = "";
    wanted.forEach(function (pos) { f.list.appendChild(checkbox(DEPT_FACET, pos)); });
  }
  f.hint.hidden = wanted.length > 0;
}

function build() {
  var words = el("input", { type: "search", id: "explorateur-mots", name: "q", autocomplete: "off",
    "aria-describedby": "explorateur-mots-aide" });
  var timer = null;
  words.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      query = words.value.trim();
      shown = BATCH;
      saveState(false);
      searchWords();
    }, 250);
  });
  ui.words = words;
  ui.clear = el("button", { type: "button", "class": "md-button explorateur-effacer", text: "Effacer tous les filtres" });
  ui.clear.addEventListener("click", function () {
    selected.forEach(function (s) { s.clear(); });
    query = "";
    words.value = "";
    shown = BATCH;
    saveState(true);
    searchWords();
    words.focus(); // the button hides itself: keep the focus in the form
  });
  // The results come after every filter in the Tab order: a shortcut to them, at every width.
  ui.skip = el("a", { href: "#explorateur-titre-resultats", "class": "explorateur-aller" });
  var form = el("form", { "class": "explorateur-filtres", "aria-labelledby": "explorateur-titre-filtres" }, [
    el("h2", { id: "explorateur-titre-filtres", text: "Filtrer" }),
    el("p", { "class": "explorateur-raccourci" }, [ui.skip]),
    el("p", { "class": "explorateur-champ" }, [
      el("label", { "for": "explorateur-mots", text: "Mots-clés" }), words,
      el("span", { id: "explorateur-mots-aide", "class": "explorateur-aide",
        text: "Un titre, un lieu, un acteur… avec ou sans accents." })]),
    ui.clear,
  ].concat(facets.map(function (_, i) { return fieldset(i); })));
  form.addEventListener("submit", function (e) { e.preventDefault(); });

  ui.status = el("p", { id: "explorateur-statut", "class": "explorateur-statut", role: "status", "aria-live": "polite" });
  ui.list = el("ol", { "class": "explorateur-liste" });
  ui.more = el("button", { type: "button", "class": "md-button explorateur-plus" });
  ui.more.addEventListener("click", function () {
    var first = shown;
    shown += BATCH;
    render(compute());
    var next = ui.list.children[first];
    if (next) next.querySelector("a").focus();
  });
  var results = el("section", { "class": "explorateur-resultats", "aria-labelledby": "explorateur-titre-resultats" }, [
    el("h2", { id: "explorateur-titre-resultats", tabindex: "-1", text: "Expériences" }), ui.status, ui.list, ui.more]);
  root.appendChild(form);
  root.appendChild(results);
}

// -- results -----------------------------------------------------------------

// The period comes written by the build (« depuis 2008 », « début inconnu »).
function period(row) {
  return row[3];
}

function item(r) {
  var row = rows[r];
  var models = row[FIRST_FACET + modelFacet].map(function (m) { return facets[modelFacet].valeurs[m][1]; });
  return el("li", { "class": "explorateur-fiche" }, [
    el("a", { href: ROOT.pathname + "experiences/" + row[0] + "/", text: row[1] }),
    el("p", { "class": "carte-meta", text: [row[2], models.join(", "), period(row)].filter(Boolean).join(" · ") })]);
}

function render(state) {
  var n = state.results.length;
  facets.forEach(function (f, i) {
    Object.keys(f.items).forEach(function (pos) {
      var entry = f.items[pos];
      entry.count.textContent = "(" + state.counts[i][pos] + ")";
      entry.box.checked = selected[i].has(Number(pos));
      entry.item.classList.toggle("explorateur-zero", state.counts[i][pos] === 0);
      entry.go.hidden = !entry.box.checked;
      entry.go.textContent = "Aller aux résultats (" + n + ")";
    });
  });
  ui.skip.textContent = "Aller aux résultats (" + n + ")";
  ui.list.textContent = "";
  state.results.slice(0, shown).forEach(function (r) { ui.list.appendChild(item(r)); });
  var rest = n - Math.min(shown, n);
  ui.more.hidden = rest <= 0;
  ui.more.textContent = "Afficher " + Math.min(rest, BATCH) + " de plus (" + plural(rest, "restante") + ")";
  var active = query || selected.some(function (s) { return s.size; });
  // Hidden but keeping its room: ticking a box must not push the box down the screen.
  ui.clear.classList.toggle("explorateur-inactif", !active);
  var text = n === 0 ? "Aucune expérience ne correspond à ces critères : retirez un filtre pour élargir la recherche."
    : plural(n, "expérience") + (active ? " sur " + rows.length : "") + ".";
  if (textNote) text += " " + textNote;
  if (pending) text = "Recherche en cours…";
  if (ui.status.textContent !== text) ui.status.textContent = text;
}

function update() {
  showDepartements();
  render(compute());
}

// -- words (Pagefind) ------------------------------------------------------------

var pagefind = null;
var searchMap = null;
var searchRound = 0;

function loadSearch() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", ROOT).href);
    searchMap = fetch(new URL("explorer/recherche.json", ROOT)).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    });
  }
  return Promise.all([pagefind, searchMap]);
}

function searchWords() {
  var round = ++searchRound;
  if (!query) {
    hits = null;
    textNote = "";
    pending = false;
    update();
    return;
  }
  pending = true;
  update();
  loadSearch().then(function (loaded) {
    return loaded[0].search(queryWords(query)).then(function (found) {
      if (round !== searchRound) return;
      var map = loaded[1];
      hits = new Set();
      found.results.forEach(function (res) { if (map[res.id] !== undefined) hits.add(map[res.id]); });
      textNote = "";
      pending = false;
      update();
    });
  }).catch(function () {
    if (round !== searchRound) return;
    pagefind = null;
    hits = null;
    pending = false;
    textNote = "La recherche par mots n'est pas disponible ici : seuls les filtres s'appliquent.";
    update();
  });
}

// -- start -----------------------------------------------------------------

function restore() {
  readUrl();
  ui.words.value = query;
  shown = BATCH;
  searchWords();
}

function start() {
  fetch(new URL("explorer/index.json", ROOT)).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(function (json) {
    data = json;
    rows = data.fiches;
    facets = data.facettes;
    facets.forEach(function (f, i) {
      f.index = {};
      f.valeurs.forEach(function (v, pos) { f.index[v[0]] = pos; });
      if (f.cle === "modele") modelFacet = i;
    });
    deptsOf = data.departements;
    readUrl();
    build();
    restore();
    // The plain lists stay for readers without JavaScript only.
    document.querySelectorAll(".explorateur-sans-js").forEach(function (n) { n.hidden = true; });
    root.hidden = false;
    window.addEventListener("popstate", restore);
  }).catch(function () {
    var note = el("p", { "class": "explorateur-erreur", role: "alert",
      text: "L'explorateur n'a pas pu charger les fiches : utilisez les listes ci-dessous." });
    root.parentNode.insertBefore(note, root);
  });
}

if (root) start();
