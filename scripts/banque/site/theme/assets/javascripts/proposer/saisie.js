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

// A date as the person writes it (JJ/MM/AAAA; « 8/1/2015 », « 08.01.2015 » and
// « 08-01-2015 » too, and AAAA-MM-JJ) → the file's ISO date, or "" when it is
// no date of the calendar.
export function isoDate(text) {
  var t = String(text || "").trim();
  var m = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(t);
  var parts = m ? [m[3], m[2], m[1]] : (/^(\d{4})-(\d{2})-(\d{2})$/.exec(t) || []).slice(1);
  if (parts.length !== 3) return "";
  var y = Number(parts[0]), mo = Number(parts[1]), d = Number(parts[2]);
  var date = new Date(Date.UTC(y, mo - 1, d));
  date.setUTCFullYear(y);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return "";
  return parts[0] + "-" + String(mo).padStart(2, "0") + "-" + String(d).padStart(2, "0");
}
