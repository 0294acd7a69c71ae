// The sheet, ready: its preview and the three ways to send it (download,
// e-mail to the committee, a new file on GitHub). A link too long for a mail
// client or for GitHub becomes « download, then attach or upload ».
import { byId, page, say } from "./etat.js";
import { sheetText } from "./fiche.js";

// Fill `el` with French text in which GitHub's English button names, given as
// { en: "…" }, are marked lang="en" (WCAG 3.1.2): a screen reader says them in English.
function setText(el, parts) {
  el.textContent = "";
  parts.forEach(function (part) {
    if (typeof part === "string") {
      el.appendChild(document.createTextNode(part));
      return;
    }
    var span = document.createElement("span");
    span.lang = "en";
    span.textContent = part.en;
    el.appendChild(span);
  });
}

var downloadUrl = null;

export function hideResult() {
  if (!page.result.hidden) say("La fiche a changé : cliquez de nouveau sur « Préparer la fiche ».");
  page.result.hidden = true;
}

function mailto(d, text) {
  var S = page.S, file = d.slug + ".md";
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
  var S = page.S;
  var href = S.forge.nouveau + "?filename=" + encodeURIComponent(d.slug + ".md") + "&value=" + encodeURIComponent(text);
  return href.length <= S.forge_max ? { href: href, complete: true } : { href: S.forge.televerser, complete: false };
}

export function showResult(d) {
  var text = sheetText(d, page.S), file = d.slug + ".md";
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
  if (forge && page.S.forge) {
    var link = forgeLink(d, text);
    forge.href = link.href;
    forge.textContent = link.complete ? "Proposer la fiche sur GitHub" : "Déposer la fiche sur GitHub";
    setText(byId("proposer-forge-note"), link.complete
      ? ["Ouvre la page de création du fichier sur GitHub, déjà remplie (compte GitHub nécessaire) : validez avec « ",
        { en: "Commit changes…" }, " », puis « ", { en: "Propose changes" }, " » crée la demande de fusion que le comité relit."]
      : ["La fiche est trop longue pour être pré-remplie sur GitHub : téléchargez-la, puis déposez le fichier " + file +
        " sur la page qui s'ouvre (compte GitHub nécessaire) ; GitHub propose ensuite la demande de fusion."]);
  }
  page.result.hidden = false;
  page.result.focus();
  say("Fiche prête : " + file + ".");
}
