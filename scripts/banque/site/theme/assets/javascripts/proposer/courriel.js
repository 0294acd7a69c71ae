// Is a published address a functional one? The validator's rules
// (banque.sheets.contact_address), on the same data: schema/messageries.yml,
// embedded in the page's settings (page.S.courriel) by form_schema.py.
import { fold } from "../texte.js";

function unaccent(text) {
  return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

// The personal mailbox provider's domain of `address`, or "".
export function webmailDomain(address, rules) {
  var domain = String(address).split("@").pop().toLowerCase();
  if (rules.domaines.indexOf(domain) >= 0) return domain;
  var labels = domain.split(".");
  // yahoo.fr, yahoo.co.uk: the provider's name then one or two short labels.
  var short = labels.slice(1).every(function (x) { return x.length <= 3; });
  if (rules.fournisseurs.indexOf(labels[0]) >= 0 && labels.length >= 2 && labels.length <= 3 && short) return domain;
  return "";
}

// True if the local part of `address` is built from the words of `name`:
// a first name, a surname, « prenom.nom », « pnom », « nom.p »…
export function namesInAddress(address, name, rules) {
  var words = fold(String(name).normalize("NFKC")).split(" ").filter(function (w) {
    return w.length >= 2 && rules.particules.indexOf(w) < 0;
  });
  var at = String(address).lastIndexOf("@");
  var local = unaccent(String(address).slice(0, at < 0 ? undefined : at).normalize("NFKC"));
  var parts = local.split(/[._+-]+/).filter(Boolean);
  var joined = parts.join("");
  return words.some(function (word) {
    if (parts.indexOf(word) >= 0) return true;
    return words.some(function (other) {
      return other !== word && [other[0] + word, word + other[0], other + word, word + other].indexOf(joined) >= 0;
    });
  });
}

// Why the referent's published address is refused, or "".
export function addressProblem(address, name, rules) {
  var provider = webmailDomain(address, rules);
  if (provider) {
    return "« " + provider + " » est une messagerie personnelle : publiez l'adresse fonctionnelle de la structure "
      + "(contact@…, partenariats@… sur son propre domaine) ou choisissez un contact par le comité de rédaction.";
  }
  if (name && namesInAddress(address, name, rules)) {
    return "Cette adresse est formée du nom du référent : c'est une adresse personnelle. Publiez l'adresse "
      + "fonctionnelle de la structure (contact@…, partenariats@…) ou choisissez un contact par le comité de rédaction.";
  }
  return "";
}
