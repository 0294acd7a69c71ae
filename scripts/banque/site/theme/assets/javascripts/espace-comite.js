// The committee's space (/admin/): Sveltia CMS in French, with no request to unpkg.com.
//
// Sveltia fetches its interface strings from unpkg.com unless it finds them in
// its cache: localStorage « sveltia-cms.locale », for its own version. This
// classic script runs before the CMS's (scripts run in order): it puts there
// the French strings vendored with the CMS (site/vendor/sveltia-cms/fr.json,
// given by the page as a JSON data block), and chooses French unless the member
// chose another language in the CMS's settings.
(() => {
  "use strict";
  const block = document.getElementById("espace-comite-textes");
  if (!block) return;
  const data = JSON.parse(block.textContent);
  try {
    localStorage.setItem("sveltia-cms.locale",
      JSON.stringify({ _locale: data.langue, _version: data.version, ...data.textes }));
    const prefs = JSON.parse(localStorage.getItem("sveltia-cms.prefs") || "{}") || {};
    if (!prefs.locale) {
      prefs.locale = data.langue;
      localStorage.setItem("sveltia-cms.prefs", JSON.stringify(prefs));
    }
  } catch {
    // Storage refused (a strict private mode): the CMS follows the browser's language.
  }
})();
