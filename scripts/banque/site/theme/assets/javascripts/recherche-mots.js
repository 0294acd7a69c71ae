// What the search page does with a reader's words, apart from the page itself
// (tests/site/test_recherche.py runs these in Chromium).
//
// Pagefind keeps only the pages that hold every word of a query. A reader types
// « accompagnement des seniors à domicile » where the sheet says « personnes
// âgées »: every word together finds nothing. So the page drops the words that
// never make a query fail (schema/regles.yml, mots_vides), and when
// the remaining words together still find nothing, it searches each one and
// ranks the pages by the number of words they hold, then by Pagefind's score.
import { fold, queryWords } from "./texte.js";

// The query split into words (elisions and hyphens handled as everywhere:
// texte.js's queryWords), without the stop words. `words` are the words given
// to Pagefind; a query of stop words only keeps them, so it still searches.
export function queryParts(term, stopWords) {
  var stop = new Set(stopWords);
  var all = queryWords(term).split(/\s+/).filter(function (w) { return fold(w) !== ""; });
  var kept = all.filter(function (w) { return !stop.has(fold(w)); });
  var words = kept.length ? kept : all;
  var seen = new Set();
  words = words.filter(function (w) {
    var key = fold(w);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { text: words.join(" "), words: words };
}

// Pages found word by word, closest first. `perWord` holds, for each word,
// Pagefind's results ([{id, score}, …]). Each page keeps the number of words it
// holds and the sum of its scores; ties keep the order of the first word's
// results, so the ranking does not depend on the order of arrival.
export function closest(perWord) {
  var pages = new Map();
  var order = 0;
  perWord.forEach(function (results) {
    results.forEach(function (result) {
      var page = pages.get(result.id);
      if (!page) {
        page = { id: result.id, result: result, words: 0, score: 0, order: order++ };
        pages.set(result.id, page);
      }
      page.words += 1;
      page.score += result.score || 0;
    });
  });
  return Array.from(pages.values()).sort(function (a, b) {
    return b.words - a.words || b.score - a.score || a.order - b.order;
  });
}

// An excerpt (text and <mark> tags) without the page's title at its start:
// Pagefind's excerpt of a sheet often opens with its title, shown just above.
export function withoutTitle(markup, title) {
  var wanted = fold(title);
  if (!wanted) return markup;
  var parts = String(markup).split(/(<[^>]*>)/);
  var text = "";
  for (var i = 0; i < parts.length; i += 1) {
    if (i % 2) continue;
    for (var j = 0; j < parts[i].length; j += 1) {
      text += parts[i][j];
      var folded = fold(text);
      if (folded.length > wanted.length) return markup;
      if (folded === wanted && !/[\p{L}\p{N}]/u.test(parts[i][j + 1] || "")) {
        // Tags before the cut are kept, so marks stay balanced; those left
        // empty go, and so do the spaces and stops that followed the title.
        var before = parts.slice(0, i).filter(function (p, k) { return k % 2; }).join("");
        var out = before + parts[i].slice(j + 1) + parts.slice(i + 1).join("");
        var last = null;
        while (out !== last) {
          last = out;
          out = out.replace(/^((?:<[^>]*>)*)[\s.:;,!?—–-]+/, "$1").replace(/<(\w+)><\/\1>/g, "");
        }
        return out;
      }
    }
  }
  return markup;
}
