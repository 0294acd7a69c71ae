// What the form holds, as the sheet's data: each value cleaned as the
// validator will read it, the slug derived from the title.
import { sheetSlug } from "../texte.js";
import { checked, page, range, rowCount, value } from "./etat.js";
import { bodyText, longText, shortText, year } from "./saisie.js";

export function collect() {
  var S = page.S, rules = S.regles, level = S.politique.niveau;
  var d = {
    titre: shortText(value("titre")),
    resume: longText(value("resume")),
    nature: value("nature"),
    modeles: rules["modeles.modele"].enum.filter(function (id) { return checked("modeles." + id); }).map(function (id) {
      return { modele: id, justification: shortText(value("modeles." + id + ".justification")) };
    }),
    territoires: range(rowCount("territoires")).map(function (i) {
      var niveau = value("territoires." + i + ".niveau");
      var code = niveau === level.national ? "" : shortText(value("territoires." + i + ".code"));
      return { niveau: niveau, code: niveau === level.international ? code.toUpperCase() : code };
    }),
    themes: rules.themes.elements.enum.filter(function (id) { return checked("themes." + id); }),
    acteurs: range(rowCount("acteurs")).map(function (i) {
      var p = "acteurs." + i + ".";
      return { nom: shortText(value(p + "nom")), type: value(p + "type"), role: value(p + "role") };
    }),
    periode: { debut: year(value("periode.debut")), fin: year(value("periode.fin")) },
    indicateurs: range(rowCount("indicateurs")).map(function (i) {
      var p = "indicateurs." + i + ".";
      return { libelle: shortText(value(p + "libelle")), valeur: shortText(value(p + "valeur")), annee: year(value(p + "annee")) };
    }),
    outils: Array.from(page.form.querySelectorAll('[data-regle="outils"]:checked')).map(function (el) { return el.value; }),
    sources: range(rowCount("sources")).map(function (i) {
      var p = "sources." + i + ".";
      return { titre: shortText(value(p + "titre")), auteur: shortText(value(p + "auteur")), date: value(p + "date"),
               passage: shortText(value(p + "passage")), url: value(p + "url").trim() };
    }),
    referent: null,
    corps: S.sections.map(function (_, i) { return bodyText(value("corps." + i)); }),
    correspondant: shortText(value("correspondant")),
    situation: new Date().toISOString().slice(0, 7),
  };
  if (value("referent.choix") !== "a_identifier") {
    var date = value("referent.consentement.date"), means = shortText(value("referent.consentement.moyen"));
    d.referent = {
      nom: shortText(value("referent.nom")), fonction: shortText(value("referent.fonction")),
      organisation: shortText(value("referent.organisation")), contact: value("referent.contact") || S.politique.contact.via_committee,
      courriel: value("referent.courriel").trim(),
      consentement: date || means ? { date: date, moyen: means } : null,
    };
  }
  d.slug = sheetSlug(d.titre);
  return d;
}

// True if some territory row needs the list of official territories.
export function needsTerritoryList(d) {
  var level = page.S.politique.niveau;
  return d.territoires.some(function (t) { return t.niveau && t.niveau !== level.national && t.niveau !== level.international; });
}
