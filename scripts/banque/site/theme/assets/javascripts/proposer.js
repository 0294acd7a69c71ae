// « Proposer une expérience » : the form checks each entry with the schema's
// own limits (embedded in the page as JSON by the build, from the pydantic
// model), keeps the draft in this browser (localStorage), and produces the
// sheet file, to download, to e-mail to the committee, or to open on GitHub.
// There is no server: nothing leaves the browser until the correspondent
// chooses a way to send it.
(function () {
  "use strict";

  var SCRIPT = document.currentScript;
  var STORAGE_KEY = "banque-proposition";
  var LISTS = { territoires: 1, acteurs: 1, indicateurs: 0, sources: 1 }; // rows shown on an empty form
  var CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
  var SHORT_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
  var LONE_SURROGATE = /[\ud800-\udfff]/gu;

  // -- text helpers (the validator's rules, in JavaScript) -----------------------

  // Python counts characters (code points), not UTF-16 units.
  function length(text) {
    return Array.from(text).length;
  }

  function clean(text) {
    return String(text || "").replace(LONE_SURROGATE, "\ufffd");
  }

  // A one-line text: line breaks and tabs typed or pasted become spaces.
  function shortText(text) {
    return clean(text).replace(SHORT_BREAKS, " ").trim();
  }

  // The summary: the validator joins its words with single spaces.
  function longText(text) {
    return clean(text).split(/\s+/).filter(Boolean).join(" ");
  }

  // A body section: Markdown, kept as typed, without invisible control characters.
  function bodyText(text) {
    return clean(text)
      .replace(/\r\n?/g, "\n")
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "")
      .replace(/^(?:[ \t]*\n)+/, "")
      .replace(/\s+$/, "");
  }

  // Same as territory.fold: lowercase, no accents, words separated by one space.
  function fold(text) {
    return String(text || "")
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  // Same as new_sheet.slugify: « L'atelier vélo d'Échirolles » → atelier-velo-echirolles.
  var WORD = "[\\p{L}\\p{N}_]";
  var ELISION = new RegExp("(?<!" + WORD + ")(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’ʼ]", "giu");
  var INNER_APOSTROPHE = new RegExp("(?<=" + WORD + ")['’ʼ](?=" + WORD + ")", "gu");
  var LIGATURES = { "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss" };
  var MAX_SLUG = 80;

  function slugify(text) {
    var slug = String(text || "")
      .replace(ELISION, "")
      .replace(/[œŒæÆß]/g, function (c) { return LIGATURES[c]; })
      .replace(INNER_APOSTROPHE, "")
      .normalize("NFKD")
      .replace(/\p{Mn}/gu, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    if (slug.length > MAX_SLUG) {
      var cut = slug.slice(0, MAX_SLUG + 1);
      slug = cut.indexOf("-") >= 0 ? cut.slice(0, cut.lastIndexOf("-")) : slug.slice(0, MAX_SLUG);
    }
    return slug.replace(/^-+|-+$/g, "");
  }

  // A YAML double-quoted scalar: the only way user text enters the front matter,
  // so no value can ever become YAML structure (a key, a list, a comment).
  function yamlString(value) {
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

  // -- the sheet -------------------------------------------------------------------------

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

  function sheetText(d, S) {
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
      if (r.contact === "public") lines.push("  courriel: " + q(r.courriel));
      if (r.consentement) {
        lines.push("  consentement:", "    date: " + q(r.consentement.date), "    moyen: " + q(r.consentement.moyen));
      }
    }
    lines.push("statut: " + q(S.statut), "correspondant: " + q(d.correspondant), "---");
    var body = S.sections.map(function (title, i) { return "## " + title + "\n\n" + d.corps[i]; });
    return lines.join("\n") + "\n\n" + body.join("\n\n") + "\n";
  }

  // -- territories: a compact list, loaded when a territory field gets the focus ----------

  var territories = null; // level -> [{v: value written in the sheet, n: name, label, f: folded name}]
  var territoriesLoading = null;

  function departementOf(code) {
    return /^9[78]/.test(code) ? code.slice(0, 3) : code.slice(0, 2);
  }

  function indexTerritories(raw) {
    var depts = {}, regions = {};
    raw.departement.forEach(function (e) { depts[e[0]] = e[1]; });
    raw.region.forEach(function (e) { if (e.length === 2) regions[e[0]] = e[1]; });
    var index = {};
    Object.keys(raw).forEach(function (level) {
      index[level] = raw[level].map(function (e) {
        var label = e[1];
        if (level === "commune" || level === "arrondissement_municipal") {
          var dept = depts[departementOf(e[0])];
          if (dept) label = e[1] + " (" + dept + ")";
        } else if (level === "departement") {
          label = e[1] + " (" + e[0] + ")";
        } else if (level === "region" && e[2]) {
          label = e[1] + " (aujourd'hui " + regions[e[2]] + ")";
        }
        return { v: e[0], n: e[1], label: label, f: fold(e[1]) };
      });
    });
    return index;
  }

  function loadTerritories() {
    if (territories) return Promise.resolve(territories);
    if (territoriesLoading) return territoriesLoading;
    var url = SCRIPT && SCRIPT.dataset.territoires;
    if (!url || !window.fetch) return Promise.resolve(null);
    territoriesLoading = fetch(url)
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.arrayBuffer();
      })
      .then(function (buffer) {
        var bytes = new Uint8Array(buffer);
        // A server may already have decompressed it (Content-Encoding): check the gzip magic.
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
          if (typeof DecompressionStream === "undefined") throw new Error("gzip");
          var stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
          return new Response(stream).text();
        }
        return new TextDecoder("utf-8").decode(bytes);
      })
      .then(function (text) {
        territories = indexTerritories(JSON.parse(text));
        return territories;
      })
      .catch(function () {
        territoriesLoading = null;
        return null;
      });
    return territoriesLoading;
  }

  function suggest(level, query) {
    var list = territories && territories[level];
    var folded = fold(query), upper = query.trim().toUpperCase();
    if (!list || (!folded && !upper)) return [];
    var found = [];
    list.forEach(function (e) {
      var code = e.v.toUpperCase(), rank = -1;
      if (code === upper || e.f === folded) rank = 0;
      else if (upper && code.indexOf(upper) === 0) rank = 1;
      else if (folded && e.f.indexOf(folded) === 0) rank = 2;
      else if (folded && e.f.indexOf(" " + folded) >= 0) rank = 3;
      if (rank >= 0) found.push([rank, e]);
    });
    found.sort(function (a, b) {
      return a[0] - b[0] || a[1].n.length - b[1].n.length || a[1].label.localeCompare(b[1].label, "fr");
    });
    return found.slice(0, 12).map(function (x) { return x[1]; });
  }

  // {entry} for a known code or a unique name, {several: [...]} for a shared name, or null.
  function resolveTerritory(level, value) {
    var list = territories && territories[level];
    var text = value.trim();
    if (!list || !text) return null;
    var exact = list.find(function (e) { return e.v === text || e.v.toUpperCase() === text.toUpperCase(); });
    if (exact) return { entry: exact };
    var folded = fold(text);
    var named = list.filter(function (e) { return e.f === folded; });
    if (named.length === 1) return { entry: named[0] };
    if (named.length > 1) return { several: named };
    return null;
  }

  // -- the page ---------------------------------------------------------------------------

  var S, form, summary, result, status;
  var submitted = false;
  var downloadUrl = null;

  function byId(id) {
    return document.getElementById(id);
  }

  function field(name) {
    return form.elements.namedItem(name);
  }

  function value(name) {
    var el = field(name);
    return el ? el.value || "" : "";
  }

  function checked(name) {
    var el = field(name);
    return Boolean(el && el.checked);
  }

  function shown(el) {
    return !el.closest("[hidden]") && !el.closest("template");
  }

  function rowCount(list) {
    return form.querySelector('[data-liste="' + list + '"]').children.length;
  }

  function range(n) {
    return Array.from({ length: n }, function (_, i) { return i; });
  }

  function year(text) {
    var t = text.trim();
    return /^\d{1,4}$/.test(t) ? parseInt(t, 10) : null;
  }

  function collect() {
    var rules = S.regles;
    var d = {
      titre: shortText(value("titre")),
      resume: longText(value("resume")),
      nature: value("nature"),
      modeles: rules["modeles.modele"].enum.filter(function (id) { return checked("modeles." + id); }).map(function (id) {
        return { modele: id, justification: shortText(value("modeles." + id + ".justification")) };
      }),
      territoires: range(rowCount("territoires")).map(function (i) {
        var level = value("territoires." + i + ".niveau");
        var code = level === "national" ? "" : shortText(value("territoires." + i + ".code"));
        return { niveau: level, code: level === "international" ? code.toUpperCase() : code };
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
      outils: Array.from(form.querySelectorAll('[data-regle="outils"]:checked')).map(function (el) { return el.value; }),
      sources: range(rowCount("sources")).map(function (i) {
        var p = "sources." + i + ".";
        return { titre: shortText(value(p + "titre")), auteur: shortText(value(p + "auteur")), date: value(p + "date"),
                 passage: shortText(value(p + "passage")), url: value(p + "url").trim() };
      }),
      referent: null,
      corps: S.sections.map(function (_, i) { return bodyText(value("corps." + i)); }),
      correspondant: shortText(value("correspondant")),
    };
    if (value("referent.choix") !== "a_identifier") {
      var date = value("referent.consentement.date"), means = shortText(value("referent.consentement.moyen"));
      d.referent = {
        nom: shortText(value("referent.nom")), fonction: shortText(value("referent.fonction")),
        organisation: shortText(value("referent.organisation")), contact: value("referent.contact") || "via_comite",
        courriel: value("referent.courriel").trim(),
        consentement: date || means ? { date: date, moyen: means } : null,
      };
    }
    d.slug = slugify(d.titre);
    return d;
  }

  // -- checks ------------------------------------------------------------------------------

  function plural(n, word) {
    return n + " " + word + (n > 1 ? "s" : "");
  }

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
  function fieldProblem(el) {
    var rule = S.regles[el.dataset.regle] || {};
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
    var seen = {};
    d.territoires.forEach(function (row, i) {
      var levelEl = field("territoires." + i + ".niveau"), codeEl = field("territoires." + i + ".code");
      if (!row.niveau) return; // the select reports it
      var key = row.niveau;
      if (row.niveau === "international") {
        if (row.code && !/^[A-Z]{2}$/.test(row.code)) {
          return add(codeEl, "Code de pays à deux lettres (ISO 3166-1), par exemple BE pour la Belgique.");
        }
        key += ":" + row.code;
      } else if (row.niveau !== "national") {
        if (fieldProblem(codeEl)) return; // already reported as a text
        if (!row.code) return add(codeEl, "Indiquez le nom ou le code officiel du territoire.");
        if (territories) {
          var found = resolveTerritory(row.niveau, row.code);
          if (!found) return add(codeEl, "Territoire inconnu à ce niveau : tapez le début du nom ou du code, puis choisissez dans la liste.");
          if (found.several) return add(codeEl, "Plusieurs territoires portent ce nom : choisissez le bon dans la liste.");
          key += ":" + found.entry.v;
        } else key += ":" + row.code;
      }
      if (seen[key]) {
        add(row.niveau === "national" ? levelEl : codeEl, "Ce territoire est déjà indiqué plus haut.");
      }
      seen[key] = true;
    });
  }

  // Every problem of the form, in page order: [{el, message}].
  function problems() {
    var found = [];
    function add(el, message) { found.push({ el: el, message: message }); }
    form.querySelectorAll("[data-regle]").forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio" || !shown(el)) return;
      var message = fieldProblem(el);
      if (message) add(el, message);
    });
    var d = collect(), rules = S.regles;
    if (!d.nature) add(byId("f-nature"), "Choisissez la nature de l'expérience.");
    var m = rules.modeles;
    if (d.modeles.length < m.minItems || d.modeles.length > m.maxItems) {
      add(byId("f-modeles"), "Cochez de " + m.minItems + " à " + m.maxItems + " modèles de partenariat.");
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
      } else if (S.slugs.indexOf(slug) >= 0) {
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

  function describe(el, id, on) {
    var ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    ids = ids.filter(function (x) { return x !== id; });
    if (on) ids.push(id);
    if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
    else el.removeAttribute("aria-describedby");
  }

  function showProblem(el, message) {
    var note = byId(el.id + "-erreur");
    if (note) {
      note.textContent = message || "";
      note.hidden = !message;
    }
    describe(el, el.id + "-erreur", Boolean(message));
    // A group's message marks its own boxes (not those of a nested group) as invalid.
    var targets = el.tagName !== "FIELDSET" ? [el] : Array.from(el.querySelectorAll('input[type="checkbox"], input[type="radio"]'))
      .filter(function (box) { return box.closest("fieldset") === el; });
    targets.forEach(function (t) {
      if (message) t.setAttribute("aria-invalid", "true");
      else t.removeAttribute("aria-invalid");
    });
  }

  function label(el) {
    if (el.tagName === "FIELDSET") return el.querySelector("legend").textContent.trim();
    var l = form.querySelector('label[for="' + el.id + '"]');
    var text = l ? l.textContent.replace(/\(facultatif\)/, "").trim() : el.name;
    // « Acteur 2 — Type », « Période — Année de début »: the field's group says which one.
    var group = el.closest("fieldset");
    return group ? group.querySelector("legend").textContent.replace(/\(facultatifs?\)/, "").trim() + " — " + text : text;
  }

  // Show every problem next to its field; `only` limits the display to some fields.
  function render(found, only) {
    var byEl = new Map();
    found.forEach(function (p) { if (!byEl.has(p.el)) byEl.set(p.el, p.message); });
    form.querySelectorAll("[data-regle], .proposer-groupe").forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") return;
      if (only && only.indexOf(el) < 0) return;
      showProblem(el, byEl.get(el) || "");
    });
    return byEl;
  }

  function showSummary(byEl) {
    var list = byId("proposer-erreurs-liste");
    list.textContent = "";
    byEl.forEach(function (message, el) {
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = "#" + el.id;
      link.textContent = label(el) + " : " + message;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        var target = el.tagName === "FIELDSET" ? el.querySelector("input, select, textarea") : el;
        target.focus();
        el.scrollIntoView({ block: "center" });
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    byId("proposer-erreurs-titre").textContent = byEl.size === 1
      ? "La fiche n'est pas encore prête : 1 point à corriger."
      : "La fiche n'est pas encore prête : " + byEl.size + " points à corriger.";
    summary.hidden = byEl.size === 0;
  }

  // Re-check the fields around `el` as the correspondent types or leaves it.
  function recheck(el) {
    var around = [el];
    var group = el.closest(".proposer-groupe");
    if (group) around.push(group);
    if (el.type === "checkbox" || el.type === "radio") around = [group];
    if (el.name === "periode.debut") around.push(field("periode.fin"));
    if (/^territoires\.\d+\.niveau$/.test(el.name)) around.push(field(el.name.replace(/niveau$/, "code")));
    if (/^referent\.consentement\./.test(el.name)) around.push(field("referent.consentement.date"), field("referent.consentement.moyen"));
    var found = problems();
    render(found, around.filter(Boolean));
    if (!summary.hidden) showSummary(render(found));
  }

  // -- lists of rows (territories, actors, indicators, sources) --------------------------

  function addRow(list) {
    var container = form.querySelector('[data-liste="' + list + '"]');
    var i = container.children.length;
    var template = form.querySelector('template[data-modele="' + list + '"]');
    var holder = document.createElement("template");
    holder.innerHTML = template.innerHTML.split("__i__").join(String(i)).split("__n__").join(String(i + 1));
    container.appendChild(holder.content);
    updateRemoveButtons(list);
    return container.lastElementChild;
  }

  function setRows(list, n) {
    form.querySelector('[data-liste="' + list + '"]').textContent = "";
    for (var i = 0; i < n; i++) addRow(list);
  }

  function updateRemoveButtons(list) {
    var min = (S.regles[list] && S.regles[list].minItems) || 0;
    var container = form.querySelector('[data-liste="' + list + '"]');
    container.querySelectorAll("[data-retirer]").forEach(function (b) { b.hidden = container.children.length <= min; });
  }

  function removeRow(list, row) {
    var container = form.querySelector('[data-liste="' + list + '"]');
    var index = Array.from(container.children).indexOf(row);
    var legend = row.querySelector("legend").textContent.trim();
    var state = readState(), values = {}, prefix = new RegExp("^" + list + "\\.(\\d+)\\.");
    Object.keys(state.valeurs).forEach(function (name) {
      var match = prefix.exec(name);
      if (!match) return (values[name] = state.valeurs[name]);
      var k = parseInt(match[1], 10);
      if (k === index) return;
      values[name.replace(prefix, list + "." + (k > index ? k - 1 : k) + ".")] = state.valeurs[name];
    });
    state.valeurs = values;
    state.listes[list] -= 1;
    writeState(state);
    var rows = container.children;
    var next = rows[Math.min(index, rows.length - 1)];
    (next ? next.querySelector("input, select, textarea") : form.querySelector('[data-ajouter="' + list + '"]')).focus();
    say(legend + " retiré.");
    saveDraft();
  }

  // -- draft in localStorage -------------------------------------------------------------

  function readState() {
    var state = { version: 1, listes: {}, valeurs: {} };
    Object.keys(LISTS).forEach(function (list) { state.listes[list] = rowCount(list); });
    Array.from(form.elements).forEach(function (el) {
      if (!el.name || el.tagName === "BUTTON" || el.tagName === "FIELDSET") return;
      if (el.type === "checkbox") state.valeurs[el.name] = el.checked;
      else if (el.type === "radio") { if (el.checked) state.valeurs[el.name] = el.value; }
      else state.valeurs[el.name] = el.value;
    });
    return state;
  }

  function writeState(state) {
    Object.keys(LISTS).forEach(function (list) {
      var n = state.listes && typeof state.listes[list] === "number" ? state.listes[list] : LISTS[list];
      setRows(list, Math.max(n, (S.regles[list] && S.regles[list].minItems) || 0));
    });
    var values = state.valeurs || {};
    Array.from(form.elements).forEach(function (el) {
      if (!el.name || !(el.name in values)) return;
      var v = values[el.name];
      if (el.type === "checkbox") el.checked = v === true;
      else if (el.type === "radio") el.checked = el.value === v;
      else if (typeof v === "string") el.value = v;
    });
    refresh();
  }

  function saveDraft() {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(readState()));
    } catch (e) {
      // Storage refused (private browsing, quota): the form still works, without a draft.
    }
  }

  function loadDraft() {
    try {
      var text = window.localStorage.getItem(STORAGE_KEY);
      var state = text && JSON.parse(text);
      return state && state.version === 1 ? state : null;
    } catch (e) {
      return null;
    }
  }

  function clearDraft() {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (e) {
      // Nothing stored.
    }
    form.reset();
    writeState({ listes: LISTS, valeurs: {} });
    submitted = false;
    render([]);
    summary.hidden = true;
    hideResult();
    say("Brouillon effacé : le formulaire est vide.");
  }

  // -- what depends on other fields --------------------------------------------------------

  function condition(el) {
    var spec = el.dataset.si || el.dataset.siPas;
    var parts = spec.split("=");
    var on = parts.length === 1 ? checked(parts[0]) : value(parts[0]) === parts[1];
    return el.dataset.siPas ? !on : on;
  }

  function refresh() {
    form.querySelectorAll("[data-si], [data-si-pas]").forEach(function (el) { el.hidden = !condition(el); });
    var slug = slugify(shortText(value("titre")));
    byId("f-titre-slug").textContent = slug ? slug + ".md" : "…";
    var resume = longText(value("resume")), advice = S.resume_conseil, rule = S.regles.resume;
    byId("f-resume-compteur").textContent = plural(length(resume), "caractère") + " (de " + rule.minLength + " à " +
      rule.maxLength + " ; " + advice[0] + " à " + advice[1] + " conseillés).";
    form.querySelectorAll("[data-aide-niveau]").forEach(function (help) {
      var row = help.closest("[data-ligne]"), level = row.querySelector("select").value;
      help.textContent = level && S.niveaux[level]
        ? "Tapez le début du nom ou du code, puis choisissez dans la liste. Code attendu : " + S.niveaux[level] + "."
        : "Choisissez d'abord le niveau.";
    });
  }

  function say(message) {
    status.textContent = message;
  }

  // -- territory fields ----------------------------------------------------------------------

  function territoryRow(input) {
    return input.dataset.territoire;
  }

  function placeNote(input, text) {
    byId(input.id + "-lieu").textContent = text;
  }

  function updateSuggestions(input) {
    var level = value("territoires." + territoryRow(input) + ".niveau");
    var list = byId(input.getAttribute("list"));
    list.textContent = "";
    if (level === "international" || level === "national") return;
    suggest(level, input.value).forEach(function (e) {
      var option = document.createElement("option");
      option.value = e.v;
      option.label = e.label;
      option.textContent = e.label;
      list.appendChild(option);
    });
  }

  // A typed name becomes its code when only one territory bears it.
  function settleTerritory(input) {
    var level = value("territoires." + territoryRow(input) + ".niveau");
    if (level === "international") {
      input.value = input.value.trim().toUpperCase();
      return placeNote(input, "");
    }
    if (!territories || !level || level === "national") return placeNote(input, "");
    var found = resolveTerritory(level, input.value);
    if (found && found.entry) {
      if (input.value !== found.entry.v) {
        input.value = found.entry.v;
        saveDraft();
      }
      placeNote(input, "Reconnu : " + found.entry.label + ".");
    } else placeNote(input, "");
  }

  function onTerritoryFocus(input) {
    if (territories) return;
    placeNote(input, "Chargement de la liste des territoires…");
    loadTerritories().then(function (loaded) {
      placeNote(input, loaded ? "" : "La liste des territoires n'a pas pu être chargée : écrivez le code officiel, le comité le vérifiera.");
      if (loaded) {
        updateSuggestions(input);
        settleTerritory(input);
      }
    });
  }

  // -- the sheet, and the three ways to send it -----------------------------------------------

  function hideResult() {
    if (!result.hidden) say("La fiche a changé : cliquez de nouveau sur « Préparer la fiche ».");
    result.hidden = true;
  }

  function mailto(d, text) {
    var file = d.slug + ".md";
    var subject = "Proposition d'expérience : " + d.titre;
    var intro = "Bonjour,\n\nVoici ma proposition de fiche pour la banque d'expériences, à enregistrer sous " +
      S.dossier + "/" + file + " :\n\n";
    var build = function (body) {
      return "mailto:" + S.comite + "?subject=" + encodeURIComponent(subject) +
        "&body=" + encodeURIComponent(body.replace(/\n/g, "\r\n"));
    };
    var href = build(intro + text);
    if (href.length <= S.mailto_max) return { href: href, complete: true };
    return {
      href: build("Bonjour,\n\nVoici ma proposition de fiche pour la banque d'expériences : le fichier " + file +
                  " est joint à ce message.\n\n" + d.correspondant),
      complete: false,
    };
  }

  function forgeLink(d, text) {
    var href = S.forge.nouveau + "?filename=" + encodeURIComponent(d.slug + ".md") + "&value=" + encodeURIComponent(text);
    return href.length <= S.forge_max ? { href: href, complete: true } : { href: S.forge.televerser, complete: false };
  }

  function showResult(d) {
    var text = sheetText(d, S), file = d.slug + ".md";
    byId("proposer-nom-fichier").textContent = file;
    byId("proposer-apercu").textContent = text;
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    downloadUrl = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
    var download = byId("proposer-telecharger");
    download.href = downloadUrl;
    download.setAttribute("download", file);
    var mail = mailto(d, text), mailLink = byId("proposer-courriel");
    mailLink.href = mail.href;
    mailLink.textContent = mail.complete ? "Envoyer la fiche par courriel" : "Écrire au comité (fiche à joindre)";
    byId("proposer-courriel-note").textContent = mail.complete
      ? "Ouvre votre messagerie avec un message au comité, fiche comprise. Si votre messagerie coupe le message, joignez plutôt le fichier téléchargé."
      : "La fiche est trop longue pour tenir dans un courriel pré-rempli : téléchargez-la, puis joignez le fichier " + file +
        " au message qui s'ouvre.";
    var forge = byId("proposer-forge");
    if (forge && S.forge) {
      var link = forgeLink(d, text);
      forge.href = link.href;
      forge.textContent = link.complete ? "Proposer la fiche sur GitHub" : "Déposer la fiche sur GitHub";
      byId("proposer-forge-note").textContent = link.complete
        ? "Ouvre la page de création du fichier sur GitHub, déjà remplie (compte GitHub nécessaire) : validez avec « Commit changes… », puis « Propose changes » crée la demande de fusion que le comité relit."
        : "La fiche est trop longue pour être pré-remplie sur GitHub : téléchargez-la, puis déposez le fichier " + file +
          " sur la page qui s'ouvre (compte GitHub nécessaire) ; GitHub propose ensuite la demande de fusion.";
    }
    result.hidden = false;
    result.focus();
    say("Fiche prête : " + file + ".");
  }

  function onSubmit(event) {
    event.preventDefault();
    submitted = true;
    var d = collect();
    var needsList = d.territoires.some(function (t) { return t.niveau && t.niveau !== "national" && t.niveau !== "international"; });
    (needsList ? loadTerritories() : Promise.resolve(null)).then(function () {
      form.querySelectorAll("[data-territoire]").forEach(function (input) { if (shown(input)) settleTerritory(input); });
      var found = problems();
      var byEl = render(found);
      showSummary(byEl);
      if (byEl.size) {
        result.hidden = true;
        summary.focus();
        return;
      }
      showResult(collect());
    });
  }

  // -- start ----------------------------------------------------------------------------------

  function init() {
    form = byId("proposer");
    var settings = byId("proposer-reglages");
    if (!form || !settings) return;
    S = JSON.parse(settings.textContent);
    summary = byId("proposer-erreurs");
    result = byId("proposer-resultat");
    status = byId("proposer-etat");

    var draft = loadDraft();
    writeState(draft || { listes: LISTS, valeurs: {} });
    form.hidden = false;
    byId("proposer-sans-js").hidden = true;
    if (draft) say("Brouillon retrouvé : vous reprenez où vous en étiez. Il reste dans ce navigateur jusqu'à ce que vous l'effaciez.");

    form.addEventListener("input", function (event) {
      var el = event.target;
      refresh();
      saveDraft();
      hideResult();
      if (el.dataset.territoire !== undefined) updateSuggestions(el);
      if (el.getAttribute("aria-invalid") === "true" || submitted) recheck(el);
    });
    form.addEventListener("change", function (event) {
      var el = event.target;
      refresh();
      if (el.dataset.territoire !== undefined) settleTerritory(el);
      if (/^territoires\.\d+\.niveau$/.test(el.name)) {
        var code = field(el.name.replace(/niveau$/, "code"));
        if (code) { updateSuggestions(code); settleTerritory(code); }
      }
      saveDraft();
      if (el.type === "checkbox" || el.type === "radio" || submitted || el.getAttribute("aria-invalid") === "true") recheck(el);
    });
    // Leaving a field checks it, once something has been typed in it.
    form.addEventListener("focusout", function (event) {
      var el = event.target;
      if (el.dataset && el.dataset.regle && el.type !== "checkbox" && el.type !== "radio" && (el.value || submitted)) recheck(el);
    });
    form.addEventListener("focusin", function (event) {
      if (event.target.dataset && event.target.dataset.territoire !== undefined) onTerritoryFocus(event.target);
    });
    form.addEventListener("click", function (event) {
      var add = event.target.closest("[data-ajouter]"), remove = event.target.closest("[data-retirer]");
      if (add) {
        var row = addRow(add.dataset.ajouter);
        row.querySelector("input, select, textarea").focus();
        saveDraft();
        hideResult();
      } else if (remove) {
        removeRow(remove.dataset.retirer, remove.closest("[data-ligne]"));
        hideResult();
      }
    });
    form.addEventListener("submit", onSubmit);
    byId("proposer-effacer").addEventListener("click", clearDraft);
  }

  // Pure functions, for the tests (tests/test_formulaire.py compares them with Python's).
  window.BanqueProposer = { slugify: slugify, yamlString: yamlString, fold: fold, sheetText: sheetText };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
