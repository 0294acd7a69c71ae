// The search page: a box, a message and the results, drawn here on Pagefind's
// search API (pagefind.js), with the class names of Pagefind's ready-made
// interface (styled in banque.css). Compared with that interface,
// each result says whether it is an experience or a tool (the
// sheet's « genre » metadata), does not repeat its title, and when every word
// together finds nothing, the closest pages are shown and said to be so
// (recherche-mots.js). The query can come from the URL (?q=…), so a search
// can be shared.
import { queryParts, closest, withoutTitle } from "./recherche-mots.js";
import { typeset, typesetMarkup } from "./typographie.js";

var ROOT = new URL("../../", import.meta.url);
var PAGE_SIZE = 10; // results drawn at a time
var SECTIONS = 2; // sections shown under a result
var DELAY = 250; // ms of quiet typing before searching
// Pagefind favours short pages (pageLength 0.75 by default): a tool's short
// sheet that names « associations » and « entreprises » in its audience came
// before the experience whose text is about them. Natural queries of
// tests/site/recherche/requetes.yml (cas: langage-naturel) are judged on this.
var OPTIONS = { excerptLength: 24, ranking: { pageLength: 0.2, termFrequency: 0.8 } };

var box = document.querySelector(".recherche-pagefind");
var stopWords = (box.dataset.motsVides || "").split(/\s+/).filter(Boolean);

function el(tag, attrs, children) {
  var node = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (key) {
    if (key === "text") node.textContent = attrs[key];
    else if (key === "html") node.innerHTML = attrs[key];
    else node.setAttribute(key, attrs[key]);
  });
  (children || []).forEach(function (child) { if (child) node.appendChild(child); });
  return node;
}

// -- the form --------------------------------------------------------------------------

var input = el("input", {
  class: "pagefind-ui__search-input", type: "text", id: "recherche-saisie", autocomplete: "off",
  autocapitalize: "none", enterkeyhint: "search", spellcheck: "false",
  placeholder: "Rechercher une expérience, un lieu, un acteur…",
});
var clear = el("button", { class: "pagefind-ui__search-clear", type: "button", text: "Effacer", hidden: "" });
var message = el("p", { class: "pagefind-ui__message" });
var list = el("ol", { class: "pagefind-ui__results" });
var more = el("button", { class: "pagefind-ui__button", type: "button", text: "Plus de résultats", hidden: "" });
var form = el("form", { class: "pagefind-ui__form", role: "search", "aria-label": "Rechercher dans les fiches" }, [
  input, clear,
  el("div", { class: "pagefind-ui__drawer" }, [el("div", { class: "pagefind-ui__results-area" }, [message, list, more])]),
]);
box.classList.add("pagefind-ui");
box.appendChild(form);

// -- searching -------------------------------------------------------------------------

var pagefind = null;
var round = 0; // the latest search; older answers are dropped
var found = []; // Pagefind results of the latest search, in order
var shown = 0;
var timer = null;

function loadPagefind() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (module) {
      return module.options(OPTIONS).then(function () { return module; });
    });
  }
  return pagefind;
}

function plural(count, one, many) {
  return count + " " + (count > 1 ? many : one);
}

function say(text) {
  message.textContent = typeset(text);
}

function search(term) {
  var current = ++round;
  var parts = queryParts(term, stopWords);
  list.textContent = "";
  more.hidden = true;
  found = [];
  shown = 0;
  clear.hidden = term === "";
  if (!parts.words.length) {
    message.textContent = "";
    return Promise.resolve();
  }
  return loadPagefind().then(function (pf) {
    return pf.search(parts.text).then(function (all) {
      if (all.results.length || parts.words.length < 2) return { results: all.results, near: false };
      return Promise.all(parts.words.map(function (word) { return pf.search(word); })).then(function (each) {
        var pages = closest(each.map(function (r) { return r.results; }));
        return { results: pages.map(function (p) { return p.result; }), near: true };
      });
    });
  }).then(function (answer) {
    if (current !== round) return;
    found = answer.results;
    var quoted = "« " + term.trim() + " »";
    if (!found.length) say("Pas de résultat pour " + quoted + ". Essayez d'autres mots, ou moins de mots.");
    else if (answer.near) say("Aucune fiche ne contient tous ces mots ; voici les plus proches : "
                              + plural(found.length, "résultat", "résultats") + " pour " + quoted + ".");
    else say(plural(found.length, "résultat", "résultats") + " pour " + quoted + ".");
    return showMore();
  }).catch(function () {
    if (current !== round) return;
    pagefind = null;
    say("La recherche n'est pas disponible pour le moment. Parcourez les fiches depuis le menu.");
  });
}

// -- results ---------------------------------------------------------------------------

function pagePath(url) {
  return url.split("#")[0];
}

function resultItem(data) {
  var title = data.meta.title || data.url;
  var sections = (data.sub_results || []).filter(function (sub) {
    return pagePath(sub.url) !== sub.url && sub.title !== title;
  }).slice(0, SECTIONS);
  var excerpt = typesetMarkup(withoutTitle(data.excerpt, title));
  return el("li", { class: "pagefind-ui__result" }, [
    el("div", { class: "pagefind-ui__result-inner" }, [
      data.meta.genre ? el("p", { class: "pagefind-ui__result-tags recherche-genre", text: data.meta.genre }) : null,
      el("p", { class: "pagefind-ui__result-title" }, [
        el("a", { class: "pagefind-ui__result-link", href: data.url, text: title }),
      ]),
      excerpt ? el("p", { class: "pagefind-ui__result-excerpt", html: excerpt }) : null,
      sections.length ? el("ul", { class: "recherche-sections", "aria-label": "Passages de « " + title + " »" },
        sections.map(function (sub) {
          return el("li", { class: "pagefind-ui__result-nested" }, [
            el("a", { class: "pagefind-ui__result-link recherche-section", href: sub.url, text: sub.title }),
            el("span", { class: "pagefind-ui__result-excerpt", html: " — " + typesetMarkup(withoutTitle(sub.excerpt, sub.title)) }),
          ]);
        })) : null,
    ]),
  ]);
}

function showMore() {
  var current = round;
  var next = found.slice(shown, shown + PAGE_SIZE);
  return Promise.all(next.map(function (result) { return result.data(); })).then(function (pages) {
    if (current !== round) return;
    pages.forEach(function (data) { list.appendChild(resultItem(data)); });
    shown += pages.length;
    more.hidden = shown >= found.length;
  });
}

// -- events ----------------------------------------------------------------------------

function remember(term) {
  var url = new URL(window.location.href);
  if (term) url.searchParams.set("q", term);
  else url.searchParams.delete("q");
  window.history.replaceState(null, "", url);
}

input.addEventListener("input", function () {
  window.clearTimeout(timer);
  var term = input.value;
  clear.hidden = term === "";
  timer = window.setTimeout(function () { remember(term.trim()); search(term); }, DELAY);
});
form.addEventListener("submit", function (event) {
  event.preventDefault();
  window.clearTimeout(timer);
  search(input.value);
});
clear.addEventListener("click", function () {
  input.value = "";
  remember("");
  search("");
  input.focus();
});
more.addEventListener("click", function () { showMore(); });

var query = new URLSearchParams(window.location.search).get("q");
if (query) {
  input.value = query;
  search(query);
}

// The message is no live region of its own: the page's polite status region
// (#recherche-annonce) repeats it once typing pauses, so a screen reader hears
// the count once, not at every key.
function announceResults() {
  var region = document.getElementById("recherche-annonce");
  if (!region) return;
  var wait = null;
  new MutationObserver(function () {
    window.clearTimeout(wait);
    wait = window.setTimeout(function () {
      var text = message.textContent.trim();
      if (region.textContent !== text) region.textContent = text;
    }, 500);
  }).observe(message, { childList: true, subtree: true, characterData: true });
}
announceResults();
