// The official territories, for the territory fields: a compact list
// (form_schema.territory_list), loaded when a territory field first gets
// the focus, searched by code or by name typed without accents.
import { fold } from "../texte.js";
import { page } from "./etat.js";

var territories = null; // level -> [{v: value written in the sheet, n: name, label, f: folded name}]
var territoriesLoading = null;

// The list, once loaded (null before).
export function loadedTerritories() {
  return territories;
}

function departementOf(code) {
  return /^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
}

function indexTerritories(raw) {
  var level = page.S.politique.niveau;
  var depts = {}, regions = {};
  raw[level.departement].forEach(function (e) { depts[e[0]] = e[1]; });
  raw[level.region].forEach(function (e) { if (e.length === 2) regions[e[0]] = e[1]; });
  var index = {};
  Object.keys(raw).forEach(function (id) {
    index[id] = raw[id].map(function (e) {
      var label = e[1];
      if (id === level.commune || id === level.arrondissement) {
        var dept = depts[departementOf(e[0])];
        if (dept) label = e[1] + " (" + dept + ")";
      } else if (id === level.departement) {
        label = e[1] + " (" + e[0] + ")";
      } else if (id === level.region && e[2]) {
        label = e[1] + " (aujourd'hui " + regions[e[2]] + ")";
      }
      return { v: e[0], n: e[1], label: label, f: fold(e[1]) };
    });
  });
  return index;
}

export function loadTerritories() {
  if (territories) return Promise.resolve(territories);
  if (territoriesLoading) return territoriesLoading;
  var url = page.territoriesUrl;
  if (!url || !window.fetch) return Promise.resolve(null);
  territoriesLoading = fetch(url)
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.arrayBuffer();
    })
    .then(function (buffer) {
      var bytes = new Uint8Array(buffer);
      // A server may already have decompressed it (Content-Encoding): check the gzip magic.
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
        if (typeof DecompressionStream === "undefined") throw new Error("gzip");
        var stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).text();
      }
      return new TextDecoder("utf-8").decode(bytes);
    })
    .then(function (text) {
      territories = indexTerritories(JSON.parse(text));
      return territories;
    })
    .catch(function () {
      territoriesLoading = null;
      return null;
    });
  return territoriesLoading;
}

// At most 12 territories of `level` for what is typed: exact code or name
// first, then codes and names that start with it, then names with a word that does.
export function suggest(level, query) {
  var list = territories && territories[level];
  var folded = fold(query), upper = query.trim().toUpperCase();
  if (!list || (!folded && !upper)) return [];
  var found = [];
  list.forEach(function (e) {
    var code = e.v.toUpperCase(), rank = -1;
    if (code === upper || e.f === folded) rank = 0;
    else if (upper && code.indexOf(upper) === 0) rank = 1;
    else if (folded && e.f.indexOf(folded) === 0) rank = 2;
    else if (folded && e.f.indexOf(" " + folded) >= 0) rank = 3;
    if (rank >= 0) found.push([rank, e]);
  });
  found.sort(function (a, b) {
    return a[0] - b[0] || a[1].n.length - b[1].n.length || a[1].label.localeCompare(b[1].label, "fr");
  });
  return found.slice(0, 12).map(function (x) { return x[1]; });
}

// {entry} for a known code or a unique name, {several: [...]} for a shared name, or null.
export function resolveTerritory(level, value) {
  var list = territories && territories[level];
  var text = value.trim();
  if (!list || !text) return null;
  var exact = list.find(function (e) { return e.v === text || e.v.toUpperCase() === text.toUpperCase(); });
  if (exact) return { entry: exact };
  var folded = fold(text);
  var named = list.filter(function (e) { return e.f === folded; });
  if (named.length === 1) return { entry: named[0] };
  if (named.length > 1) return { several: named };
  return null;
}
