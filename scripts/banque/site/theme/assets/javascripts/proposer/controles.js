// The form's checks: each field against its rule in the schema (embedded by
// the build, never typed here), then what spans several fields (models,
// themes, territories, the slug, the period, the referent's consent).
import { byId, field, page, plural, shown } from "./etat.js";
import { collect } from "./collecte.js";
import { CONTROL, bodyText, length, longText, shortText, year } from "./saisie.js";
import { loadedTerritories, resolveTerritory } from "./territoires.js";

function validDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  var parts = text.split("-").map(Number);
  var date = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2]));
  return date.getUTCFullYear() === parts[0] && date.getUTCMonth() === parts[1] - 1 && date.getUTCDate() === parts[2];
}

function bodyProblem(text) {
  var fence = false, problem = "";
  text.split("\n").forEach(function (line) {
    if (problem) return;
    if (/^\s*(```|~~~)/.test(line)) { fence = !fence; return; }
    if (fence) return;
    var heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading && heading[1].length <= 2) {
      problem = "Les titres « # » et « ## » sont réservés au plan de la fiche : pour un intertitre, commencez la ligne par « ### ».";
    } else if (/!\[\s*\]\(/.test(line)) {
      problem = "Image sans texte alternatif : décrivez-la entre les crochets, par exemple ![Photo de l'équipe](adresse).";
    }
  });
  if (!problem && fence) problem = "Un bloc ouvert par ``` ou ~~~ n'est pas refermé : ajoutez la même ligne à la fin du bloc.";
  return problem;
}

// The message for one field, from its rule in the schema ("" when it is fine).
export function fieldProblem(el) {
  var rule = page.S.regles[el.dataset.regle] || {};
  if (el.type === "date" && el.validity && el.validity.badInput) return "Date incomplète : choisissez le jour, le mois et l'année.";
  var raw = el.value || "";
  if (rule.type === "markdown") {
    var body = bodyText(raw);
    if (!body) return el.required ? "Écrivez au moins un paragraphe." : "";
    return bodyProblem(body);
  }
  var text = rule.texte === "long" ? longText(raw) : rule.texte === "court" ? shortText(raw) : raw.trim();
  if (!text) {
    if (!el.required) return "";
    return el.tagName === "SELECT" ? "Choisissez une valeur dans la liste." : "Ce champ est obligatoire.";
  }
  if (rule.type === "integer") {
    var n = year(text);
    if (n === null) return "Écrivez une année en chiffres, par exemple 2015.";
    if ((rule.minimum !== undefined && n < rule.minimum) || (rule.maximum !== undefined && n > rule.maximum)) {
      return "Une année entre " + rule.minimum + " et " + rule.maximum + ", s'il vous plaît.";
    }
    return "";
  }
  if (rule.format === "date") {
    return validDate(text) ? "" : "Date invalide : écrivez-la au format AAAA-MM-JJ, par exemple 2015-01-08.";
  }
  if (rule.enum && rule.enum.indexOf(text) < 0) return "Choisissez une valeur dans la liste.";
  if (rule.texte && /[<>]/.test(text)) return "Les caractères « < » et « > » sont interdits dans ce champ.";
  if (rule.texte && CONTROL.test(text)) return "Caractère de contrôle interdit : retirez-le.";
  var size = length(text);
  if (rule.minLength !== undefined && size < rule.minLength) {
    return "Trop court : au moins " + rule.minLength + " caractères (" + size + " pour l'instant).";
  }
  if (rule.maxLength !== undefined && size > rule.maxLength) {
    return "Trop long : au plus " + rule.maxLength + " caractères (" + size + " pour l'instant).";
  }
  if (rule.pattern && !new RegExp(rule.pattern).test(text)) {
    return rule.message ? rule.message.charAt(0).toUpperCase() + rule.message.slice(1) + "." : "Format invalide.";
  }
  return "";
}

function territoryProblems(d, add) {
  var level = page.S.politique.niveau;
  var seen = {};
  d.territoires.forEach(function (row, i) {
    var levelEl = field("territoires." + i + ".niveau"), codeEl = field("territoires." + i + ".code");
    if (!row.niveau) return; // the select reports it
    var key = row.niveau;
    if (row.niveau === level.international) {
      if (row.code && !/^[A-Z]{2}$/.test(row.code)) {
        return add(codeEl, "Code de pays à deux lettres (ISO 3166-1), par exemple BE pour la Belgique.");
      }
      key += ":" + row.code;
    } else if (row.niveau !== level.national) {
      if (fieldProblem(codeEl)) return; // already reported as a text
      if (!row.code) return add(codeEl, "Indiquez le nom ou le code officiel du territoire.");
      if (loadedTerritories()) {
        var found = resolveTerritory(row.niveau, row.code);
        if (!found) return add(codeEl, "Territoire inconnu à ce niveau : tapez le début du nom ou du code, puis choisissez dans la liste.");
        if (found.several) return add(codeEl, "Plusieurs territoires portent ce nom : choisissez le bon dans la liste.");
        key += ":" + found.entry.v;
      } else key += ":" + row.code;
    }
    if (seen[key]) {
      add(row.niveau === level.national ? levelEl : codeEl, "Ce territoire est déjà indiqué plus haut.");
    }
    seen[key] = true;
  });
}

// Every problem of the form, in page order: [{el, message}].
export function problems() {
  var form = page.form, found = [];
  function add(el, message) { found.push({ el: el, message: message }); }
  form.querySelectorAll("[data-regle]").forEach(function (el) {
    if (el.type === "checkbox" || el.type === "radio" || !shown(el)) return;
    var message = fieldProblem(el);
    if (message) add(el, message);
  });
  var d = collect(), rules = page.S.regles;
  if (!d.nature) add(byId("f-nature"), "Choisissez la nature de l'expérience.");
  // No model only for an animation scheme whose sources name none (schema/regles.yml, roles.natures).
  var m = rules.modeles, fewest = d.nature === page.S.politique.nature.animation ? 0 : Math.max(m.minItems, 1);
  if (d.modeles.length < fewest || d.modeles.length > m.maxItems) {
    add(byId("f-modeles"), "Cochez de " + fewest + " à " + m.maxItems + " modèles de partenariat.");
  }
  var t = rules.themes;
  if (d.themes.length < t.minItems || d.themes.length > t.maxItems) {
    add(byId("f-themes"), "Cochez de " + t.minItems + " à " + plural(t.maxItems, "thème") + " (" + d.themes.length + " pour l'instant).");
  }
  var titre = field("titre");
  if (!fieldProblem(titre)) {
    var slug = d.slug, sr = rules.slug;
    if (slug.length < sr.minLength || !new RegExp(sr.pattern).test(slug)) {
      add(titre, "Le titre doit contenir des lettres ou des chiffres : il donne le nom du fichier.");
    } else if (page.S.slugs.indexOf(slug) >= 0) {
      add(titre, "Une fiche de la banque porte déjà l'identifiant « " + slug + " » : précisez le titre.");
    }
  }
  var p = d.periode;
  if (p.debut !== null && p.fin !== null && p.fin < p.debut && !fieldProblem(field("periode.fin"))) {
    add(field("periode.fin"), "L'année de fin (" + p.fin + ") précède l'année de début (" + p.debut + ").");
  }
  territoryProblems(d, add);
  if (d.referent && d.referent.consentement) {
    var c = d.referent.consentement;
    if (!c.date && !fieldProblem(field("referent.consentement.date"))) {
      add(field("referent.consentement.date"), "Indiquez aussi la date de l'accord (ou videz les deux champs).");
    }
    if (!c.moyen) add(field("referent.consentement.moyen"), "Indiquez aussi comment l'accord a été donné (ou videz les deux champs).");
  }
  var order = Array.from(form.querySelectorAll("[id]"));
  return found.sort(function (a, b) { return order.indexOf(a.el) - order.indexOf(b.el); });
}
