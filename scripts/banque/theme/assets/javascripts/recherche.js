// Pagefind's interface on the search page. The query can come from the URL
// (?q=…) so a search can be shared.
window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({
    element: "#recherche",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    translations: { placeholder: "Rechercher une expérience, un lieu, un acteur…" },
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) ui.triggerSearch(query);
});
