// The page the form's modules share: the settings the build embedded in it
// (form_schema.client_settings), the form and its message areas. Filled once
// by proposer.js when the page starts.
export var page = {
  S: null, // the settings: the schema's limits (regles), the bank's rules (politique)…
  form: null,
  summary: null, // the list of problems above the form
  result: null, // the sheet, ready to send
  status: null, // the polite live region that says what just happened
  territoriesUrl: null,
  submitted: false, // once submitted, every change is checked at once
};

export function byId(id) {
  return document.getElementById(id);
}

export function field(name) {
  return page.form.elements.namedItem(name);
}

export function value(name) {
  var el = field(name);
  return el ? el.value || "" : "";
}

export function checked(name) {
  var el = field(name);
  return Boolean(el && el.checked);
}

export function shown(el) {
  return !el.closest("[hidden]") && !el.closest("template");
}

export function rowCount(list) {
  return page.form.querySelector('[data-liste="' + list + '"]').children.length;
}

export function range(n) {
  return Array.from({ length: n }, function (_, i) { return i; });
}

export function plural(n, word) {
  return n + " " + word + (n > 1 ? "s" : "");
}

export function say(message) {
  page.status.textContent = message;
}
