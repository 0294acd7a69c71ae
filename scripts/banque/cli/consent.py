"""`banque consentement`: ask a person of a sheet, then record their answer.

    banque consentement demande FICHE [--personne NOM] [--destinataire ADRESSE]
    banque consentement reponse FICHE --date AAAA-MM-JJ --moyen TEXTE (--accord --portee P | --refus)

Exit codes: 0 done; 1 the sheet or the answer is invalid, nothing written;
2 wrong arguments (sheet not found, person unknown or to choose); 3 refusal
recorded, but the sheet still names the person elsewhere: rewrite the lines
shown (the build refuses the sheet until then).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from banque.committee.consent import Person, mailto, person, request_text, subject
from banque.committee.consent_record import Answer, record
from banque.sheets import report
from banque.sheets.bank import Sheet
from banque.sheets.check import validate
from banque.sheets.policy import policy
from banque.sheets.problem import Problem, ProblemsError, errors, problem
from banque.sheets.vocabulary import vocabulary
from banque.sheets.yaml_strict import load_data_file
from banque.site.settings import SiteConfig

CONTENT = Path("content")
USAGE, INVALID, NAME_LEFT = 2, 1, 3


def _say(problems: list[Problem]) -> None:
    print("\n".join(report.text_lines(problems)), file=sys.stderr)


def _sheet(args: argparse.Namespace) -> Sheet:
    """The experience sheet named by a path or a slug, validated; ProblemsError otherwise."""
    given = Path(args.fiche)
    path = given if given.suffix == ".md" else args.contenu / "experiences" / f"{args.fiche}.md"
    if not path.is_file():
        raise ProblemsError([problem("consentement-fiche-introuvable", fiche=args.fiche)])
    bank, problems = validate([path], args.contenu if args.contenu.is_dir() else None)
    if errors(problems) or not bank.experiences:
        raise ProblemsError([problem("consentement-fiche-invalide", str(path), fiche=str(path))] + errors(problems))
    return bank.experiences[0]


def _who(sheet: Sheet, args: argparse.Namespace) -> Person:
    try:
        return person(sheet, args.personne)
    except ProblemsError:
        if args.personne and args.fonction and args.organisation:
            return Person(args.personne, args.fonction, args.organisation, "")  # someone the sheet does not name yet
        raise


def _committee(args: argparse.Namespace) -> str:
    if args.comite:
        return args.comite
    address = SiteConfig.from_mkdocs(load_data_file(Path("mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")).comite_courriel
    if any(part in address for part in policy().placeholders):
        _say([problem("consentement-adresse-exemple", "mkdocs.yml", adresse=address)])
    return address


def cmd_demande(args: argparse.Namespace) -> int:
    try:
        sheet = _sheet(args)
        who = person(sheet, args.personne)
        committee = _committee(args)
    except ProblemsError as exc:
        _say(exc.problems)
        return INVALID if any(p.code == "consentement-fiche-invalide" for p in exc.problems) else USAGE
    except (OSError, KeyError, ValueError):
        print("Adresse du comité illisible dans mkdocs.yml (extra.banque.comite_courriel) : donnez --comite ADRESSE.",
              file=sys.stderr)
        return USAGE
    text = request_text(sheet, who, committee)
    if args.format in ("texte", "les-deux"):
        print(f"Objet : {subject(sheet)}\n\n{text}")
    if args.format in ("mailto", "les-deux"):
        if args.format == "les-deux":
            print("Lien à ouvrir dans votre messagerie (le comité en copie ; ajoutez l'adresse de la personne) :")
        print(mailto(text, subject(sheet), committee, args.destinataire or ""))
    return 0


def cmd_reponse(args: argparse.Namespace) -> int:
    answers = policy().consent_answer
    answer = Answer(args.date, args.moyen, answers.refused if args.refus else answers.agreed, args.portee,
                    args.courriel, args.fonction, args.organisation)
    try:
        sheet = _sheet(args)
        who = _who(sheet, args)
        left = record(sheet, who, answer, args.contenu if args.contenu.is_dir() else None)
    except ProblemsError as exc:
        _say(exc.problems)
        return USAGE if any(p.code.startswith("consentement-personne") or p.code == "consentement-fiche-introuvable"
                            for p in exc.problems) else INVALID
    what = "Refus" if args.refus else "Accord"
    print(f"{what} de {who.nom} enregistré dans {sheet.raw.display}.")
    if left:
        _say([problem("consentement-refus-nomme", sheet.raw.display, nom=who.nom, fiche=sheet.raw.display), *left])
        return NAME_LEFT
    print("Vérifiez la fiche («\u00a0banque valider\u00a0»), puis proposez la modification au comité.")
    return 0


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date attendue au format AAAA-MM-JJ, pas « {text} »") from None


def register(sub: argparse._SubParsersAction) -> None:
    """Add `banque consentement` and its two steps to the `banque` parser."""
    top = sub.add_parser("consentement", help="demander à une personne d'être référent, puis enregistrer sa réponse",
                         description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
                         formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = top.add_subparsers(dest="etape", required=True, metavar="ETAPE")

    p = steps.add_parser("demande", help="écrire la demande à envoyer (texte et lien mailto:)")
    p.add_argument("fiche", metavar="FICHE", help="la fiche : chemin du fichier ou identifiant (slug)")
    p.add_argument("--personne", metavar="NOM", help="la personne à solliciter, si la fiche en nomme plusieurs")
    p.add_argument("--destinataire", metavar="ADRESSE", help="l'adresse de la personne, pour le lien seulement (jamais enregistrée)")
    p.add_argument("--comite", metavar="ADRESSE", help="l'adresse du comité (par défaut : extra.banque.comite_courriel de mkdocs.yml)")
    p.add_argument("--format", choices=["texte", "mailto", "les-deux"], default="les-deux", help="ce qui est écrit (les deux par défaut)")
    p.add_argument("--contenu", type=Path, default=CONTENT, metavar="DOSSIER", help="dossier de la banque (par défaut : content)")
    p.set_defaults(func=cmd_demande)

    p = steps.add_parser("reponse", help="enregistrer la réponse (accord ou refus) dans la fiche")
    p.add_argument("fiche", metavar="FICHE", help="la fiche : chemin du fichier ou identifiant (slug)")
    p.add_argument("--date", type=_date, required=True, metavar="AAAA-MM-JJ", help="la date de la réponse")
    p.add_argument("--moyen", required=True, metavar="TEXTE", help="comment elle a été donnée et où elle est conservée")
    choice = p.add_mutually_exclusive_group(required=True)
    choice.add_argument("--accord", action="store_true", help="la personne accepte (avec --portee)")
    choice.add_argument("--refus", action="store_true", help="la personne refuse : elle sera masquée partout")
    p.add_argument("--portee", choices=vocabulary("portees_consentement").ids, help="ce que la personne accepte")
    p.add_argument("--courriel", metavar="ADRESSE", help="l'adresse fonctionnelle publiée, avec la portée qui la publie")
    p.add_argument("--personne", metavar="NOM", help="la personne qui répond, si la fiche en nomme plusieurs (ou une nouvelle)")
    p.add_argument("--fonction", metavar="TEXTE", help="sa fonction aujourd'hui, si elle a changé")
    p.add_argument("--organisation", metavar="TEXTE", help="sa structure aujourd'hui, si elle a changé")
    p.add_argument("--contenu", type=Path, default=CONTENT, metavar="DOSSIER", help="dossier de la banque (par défaut : content)")
    p.set_defaults(func=cmd_reponse)
