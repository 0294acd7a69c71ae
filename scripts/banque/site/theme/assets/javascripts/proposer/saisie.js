// Typed text as the validator reads it: the same cleaning, in JavaScript.

var LONE_SURROGATE = /[\ud800-\udfff]/gu;
var SHORT_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
export var CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

// Python counts characters (code points), not UTF-16 units.
export function length(text) {
  return Array.from(text).length;
}

function clean(text) {
  return String(text || "").replace(LONE_SURROGATE, "\ufffd");
}

// A one-line text: line breaks and tabs typed or pasted become spaces.
export function shortText(text) {
  return clean(text).replace(SHORT_BREAKS, " ").trim();
}

// The summary: the validator joins its words with single spaces.
export function longText(text) {
  return clean(text).split(/\s+/).filter(Boolean).join(" ");
}

// A body section: Markdown, kept as typed, without invisible control characters.
export function bodyText(text) {
  return clean(text)
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "")
    .replace(/^(?:[ \t]*\n)+/, "")
    .replace(/\s+$/, "");
}

// A year typed in a text field, or null.
export function year(text) {
  var t = text.trim();
  return /^\d{1,4}$/.test(t) ? parseInt(t, 10) : null;
}
