// Text helpers shared by the site's scripts. `fold` and `slugify` are the
// Python ones (banque.sheets.text); tests/site/test_texte_js.py runs both on the
// same cases.

// Python drops the characters whose canonical combining class is not 0
// (unicodedata.combining). JavaScript cannot read that class, but canonical
// ordering shows it: NFD moves a mark of class 1 to 239 before U+0345, the
// only character of class 240.
function combining(mark) {
  var pair = "\u0345" + mark;
  return mark === "\u0345" || pair.normalize("NFD") !== pair;
}

// Compatibility decomposition, combining marks dropped, lowercase.
function asciiLower(text) {
  return String(text || "")
    .normalize("NFKD")
    .replace(/\p{M}/gu, function (m) { return combining(m) ? "" : m; })
    .toLowerCase();
}

// Lowercase, accents and punctuation removed, words separated by one space:
// how readers and editors type names (« Saint-Étienne » → « saint etienne »).
export function fold(text) {
  return asciiLower(text).replace(/[^a-z0-9]+/g, " ").trim();
}

// A page address from a name: lowercase ASCII words joined by hyphens.
export function slugify(text) {
  return asciiLower(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

// A new sheet's slug from its title, as `banque nouvelle-fiche` and
// `banque importer` make it (banque.sheets.text.sheet_slug): elided
// articles dropped, ligatures spelt out, cut at a word within 80 characters.
// « L'atelier vélo d'Échirolles » → atelier-velo-echirolles.
var WORD = "[\\p{L}\\p{N}_]";
// Only at a word start, so « aujourd'hui » or « presqu'île » keep their letters.
var ELISION = new RegExp("(?<!" + WORD + ")(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’ʼ]", "giu");
var INNER_APOSTROPHE = new RegExp("(?<=" + WORD + ")['’ʼ](?=" + WORD + ")", "gu");
// Ligatures NFKD leaves alone.
var LIGATURES = { "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss" };
var MAX_SLUG = 80;

export function sheetSlug(text) {
  var slug = slugify(String(text || "")
    .replace(ELISION, "")
    .replace(/[œŒæÆß]/g, function (c) { return LIGATURES[c]; })
    .replace(INNER_APOSTROPHE, ""));
  if (slug.length > MAX_SLUG) {
    var cut = slug.slice(0, MAX_SLUG + 1);
    slug = cut.indexOf("-") >= 0 ? cut.slice(0, cut.lastIndexOf("-")) : slug.slice(0, MAX_SLUG);
  }
  return slug.replace(/^-+|-+$/g, "");
}

// What a reader's query gives Pagefind (search page and explorer alike).
// Pagefind indexes « d'insertion » as « insertion » too, but keeps a typed
// « l'insertion » whole, which then misses « d'insertion »; it also keeps a
// typed « rhone-alpes » whole, which misses « Auvergne-Rhône-Alpes ». So:
// elided articles dropped, hyphens made spaces. Accents and case are left to
// Pagefind.
var QUERY_ELISION = /(^|[\s"«(])(?:qu|jusqu|lorsqu|puisqu|[cdjlmnst])['’](?=[^\s'’])/gi;

export function queryWords(term) {
  return term.replace(QUERY_ELISION, "$1").replace(/[-‐‑]+/g, " ");
}
