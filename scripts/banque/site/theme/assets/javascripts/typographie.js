// French typography in text the browser receives as data: Pagefind's search
// excerpts (Pagefind turns every space of a page into an ordinary one).
// The same rules as banque.site.typography.text; tests/site/test_typographie_js.py
// runs both on the same cases.

var NBSP = "\u00a0";
var NNBSP = "\u202f";
var ADDRESS = /(?:https?:\/\/|ftp:\/\/|mailto:|www\.)[^\s<>«»"]*[^\s<>«»"'.,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
var SPACES = "[ \\t\\r\\n\\u00a0\\u202f\\u2009]+";
var RULES = [
  [new RegExp(SPACES + "(?=[;!?])", "g"), NNBSP],
  [new RegExp(SPACES + "(?=:)", "g"), NBSP],
  [new RegExp("(?<=«)" + SPACES, "g"), NNBSP],
  [new RegExp(SPACES + "(?=»)", "g"), NNBSP],
  [/(?<![\d.,])(\d{1,3}) (?=\d{3}(?!\d))/g, "$1" + NNBSP],
  [/(?<=\d) (?=(?:€|%|‰)(?![\p{L}\p{N}_]))/gu, NBSP],
  [/(?<!\.)\.\.\.(?!\.)/g, "…"],
];

function apply(chunk) {
  return RULES.reduce(function (text, rule) { return text.replace(rule[0], rule[1]); }, chunk);
}

// Plain text with French typography; web and e-mail addresses left whole.
export function typeset(text) {
  var value = String(text);
  var out = "";
  var last = 0;
  value.replace(ADDRESS, function (address, at) {
    out += apply(value.slice(last, at)) + address;
    last = at + address.length;
    return address;
  });
  return out + apply(value.slice(last));
}

// An excerpt (text and <mark> tags): the text between the tags only.
export function typesetMarkup(markup) {
  return String(markup).split(/(<[^>]*>)/).map(function (part, i) {
    return i % 2 ? part : typeset(part);
  }).join("");
}
