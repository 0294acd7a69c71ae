// Pagefind's interface on the search page. The query can come from the URL
// (?q=…) so a search can be shared. What is typed goes through queryWords
// (texte.js), as in the explorer: elided articles dropped, hyphens split.
import { queryWords } from "./texte.js";
import { typesetMarkup } from "./typographie.js";

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

// Pagefind gives its excerpts with ordinary spaces: French typography again.
function typesetResult(result) {
  result.excerpt = typesetMarkup(result.excerpt);
  (result.sub_results || []).forEach(function (sub) { sub.excerpt = typesetMarkup(sub.excerpt); });
  return result;
}

// A module runs once the page is parsed, after pagefind-ui.js (a classic script).
var ui = new PagefindUI({
  element: "#recherche",
  showSubResults: true,
  showImages: false,
  resetStyles: false,
  processTerm: queryWords,
  processResult: typesetResult,
  translations: { placeholder: "Rechercher une expérience, un lieu, un acteur…" },
});
var query = new URLSearchParams(window.location.search).get("q");
if (query) ui.triggerSearch(query);
labelSearchBox(0);

// Pagefind writes « 7 résultats pour strasbourg » or « Pas de résultat » in an
// element that is no live region: a screen reader heard nothing. The page's
// polite status region (#recherche-annonce) repeats it once typing pauses.
function announceResults() {
  var region = document.getElementById("recherche-annonce");
  var box = document.querySelector(".recherche-pagefind");
  if (!region || !box) return;
  var timer = null;
  new MutationObserver(function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var message = box.querySelector(".pagefind-ui__message");
      var text = message ? message.textContent.trim() : "";
      if (region.textContent !== text) region.textContent = text;
    }, 500);
  }).observe(box, { childList: true, subtree: true, characterData: true });
}
announceResults();
