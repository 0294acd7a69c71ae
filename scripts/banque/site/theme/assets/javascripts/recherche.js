// Pagefind's interface on the search page. The query can come from the URL
// (?q=…) so a search can be shared.

// Pagefind indexes "d'insertion" as "insertion" too, but keeps a typed
// "l'insertion" whole, which then misses "d'insertion". It also keeps a typed
// "rhone-alpes" whole, which misses "Auvergne-Rhône-Alpes". Search for the
// words themselves: drop elided articles, split on hyphens.
var ELISION = /(^|[\s"«(])(?:qu|jusqu|lorsqu|puisqu|[cdjlmnst])['’](?=[^\s'’])/gi;

function wordsOf(term) {
  return term.replace(ELISION, "$1").replace(/[-‐‑]+/g, " ");
}

window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({
    element: "#recherche",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    processTerm: wordsOf,
    translations: { placeholder: "Rechercher une expérience, un lieu, un acteur…" },
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
  labelSearchBox(0);
});

// Tie the page's visible label to Pagefind's input, which the UI mounts
// a moment after it is created.
function labelSearchBox(attempt) {
  var input = document.querySelector("#recherche input[type='text'], #recherche input:not([type])");
  if (input) {
    input.id = "recherche-saisie";
    return;
  }
  if (attempt < 50) window.setTimeout(function () { labelSearchBox(attempt + 1); }, 50);
}
