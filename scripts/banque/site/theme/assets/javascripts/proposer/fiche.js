// The sheet file the form produces: YAML front matter, then the body sections.
// It must read back exactly as typed: `banque valider` and `banque importer`
// take it as it is (tests/site/test_form_schema.py checks both).

// A YAML double-quoted scalar: the only way user text enters the front matter,
// so no value can ever become YAML structure (a key, a list, a comment).
export function yamlString(value) {
  var out = '"';
  Array.from(String(value)).forEach(function (ch) {
    var code = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 ||
             code === 0xfeff || code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) {
      out += "\\u" + ("0000" + code.toString(16)).slice(-4);
    } else out += ch;
  });
  return out + '"';
}

function yamlList(values) {
  return "[" + values.map(yamlString).join(", ") + "]";
}

function territoryGroups(rows) {
  // One entry per level, in the order the levels first appear; codes deduplicated.
  var groups = [];
  rows.forEach(function (row) {
    var group = groups.find(function (g) { return g.niveau === row.niveau; });
    if (!group) groups.push(group = { niveau: row.niveau, codes: [] });
    if (row.code && group.codes.indexOf(row.code) < 0) group.codes.push(row.code);
  });
  return groups;
}

// The file for the sheet `d` (collecte.js), with the page's settings `S`.
export function sheetText(d, S) {
  var q = yamlString;
  var lines = ["---", S.schema];
  lines.push("slug: " + q(d.slug), "titre: " + q(d.titre), "resume: " + q(d.resume), "nature: " + q(d.nature));
  lines.push("modeles:");
  d.modeles.forEach(function (m) {
    lines.push("  - modele: " + q(m.modele), "    justification: " + q(m.justification));
  });
  lines.push("territoires:");
  territoryGroups(d.territoires).forEach(function (g) {
    lines.push("  - niveau: " + q(g.niveau), "    codes: " + yamlList(g.codes));
  });
  lines.push("themes: " + yamlList(d.themes));
  lines.push("acteurs:");
  d.acteurs.forEach(function (a) {
    lines.push("  - nom: " + q(a.nom), "    type: " + q(a.type), "    role: " + q(a.role));
  });
  lines.push("periode:", "  debut: " + d.periode.debut);
  if (d.periode.fin !== null) lines.push("  fin: " + d.periode.fin);
  if (d.indicateurs.length) {
    lines.push("indicateurs:");
    d.indicateurs.forEach(function (i) {
      lines.push("  - libelle: " + q(i.libelle), "    valeur: " + q(i.valeur), "    annee: " + i.annee);
    });
  }
  if (d.outils.length) lines.push("outils: " + yamlList(d.outils));
  lines.push("sources:");
  d.sources.forEach(function (s) {
    lines.push("  - titre: " + q(s.titre));
    ["auteur", "date", "passage", "url"].forEach(function (k) {
      if (s[k]) lines.push("    " + k + ": " + q(s[k]));
    });
  });
  if (d.referent === null) {
    lines.push("referent: " + q(S.a_identifier));
  } else {
    var r = d.referent;
    lines.push("referent:", "  nom: " + q(r.nom), "  fonction: " + q(r.fonction),
               "  organisation: " + q(r.organisation), "  contact: " + q(r.contact));
    if (r.contact === S.politique.contact.public) lines.push("  courriel: " + q(r.courriel));
    if (r.consentement) {
      lines.push("  consentement:", "    date: " + q(r.consentement.date), "    moyen: " + q(r.consentement.moyen));
    }
  }
  // The situation described is the correspondent's own, at the month the form is sent.
  lines.push("situation: " + q(d.situation));
  lines.push("statut: " + q(S.statut), "correspondant: " + q(d.correspondant), "---");
  var body = S.sections.map(function (title, i) { return "## " + title + "\n\n" + d.corps[i]; });
  return lines.join("\n") + "\n\n" + body.join("\n\n") + "\n";
}
