"""The editorial committee's commands (registered into the `banque` CLI).

Each command is a thin layer: arguments in, French text out, exit code. The
work lives in new_sheet, review, importer and dashboard.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import traceback
from pathlib import Path

from banque.committee import dashboard, dashboard_issue, dashboard_report, importer, new_sheet, review
from banque.sheets import report
from banque.sheets.collect import display_path
from banque.sheets.problem import ERROR, Problem, ProblemsError, errors

CONTENT = Path("content")


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date attendue au format AAAA-MM-JJ, pas « {text} »") from None


def _today(args: argparse.Namespace) -> dt.date:
    return args.aujourdhui or dt.date.today()


# -- nouvelle-fiche ----------------------------------------------------------------


def cmd_nouvelle_fiche(args: argparse.Namespace) -> int:
    if not args.contenu.is_dir():
        print(f"Dossier introuvable : {args.contenu}", file=sys.stderr)
        return 2
    kind = "outils" if args.outil else "experiences"
    try:
        path = new_sheet.create(args.titre, kind, args.contenu, _today(args))
    except ProblemsError as exc:
        why, *details = exc.problems
        print("\n".join([f"Fiche non créée : {why.message}"] + [f"  {report.spoken(p, place=False)}" for p in details]),
              file=sys.stderr)
        return 1
    shown = display_path(path)
    print(f"Fiche créée : {shown}")
    print("Prochaines étapes :")
    print("  1. Remplissez chaque champ : les lignes « # » expliquent ce qu'il faut écrire ;")
    print("     remplacez les « À compléter » et les valeurs d'exemple.")
    print(f"  2. Vérifiez la fiche : banque valider {shown}")
    print(f"  3. Préparez la relecture : banque relire {shown}")
    print("  4. Passez « statut » à « en_relecture » et proposez la fiche au comité (demande de fusion).")
    return 0


# -- relire --------------------------------------------------------------------------


def cmd_relire(args: argparse.Namespace) -> int:
    if not args.fichier.is_file():
        print(f"Fichier introuvable : {args.fichier}", file=sys.stderr)
        return 2
    report = review.review(args.fichier, args.contenu, _today(args))
    print(review.as_markdown(report) if args.format == "markdown" else review.as_text(report))
    return 1 if report.errors else 0


# -- importer ------------------------------------------------------------------------


def _read_input(source: str) -> bytes:
    # One byte more than allowed: enough to know the proposal is too big, without reading it all.
    if source == "-":
        return sys.stdin.buffer.read(importer.MAX_BYTES + 1)
    with open(source, "rb") as handle:
        return handle.read(importer.MAX_BYTES + 1)


def _said(p: Problem) -> str:
    """`ligne N : rubrique : message (conseil)`, each part only when there is one, on one line."""
    said = " : ".join(part for part in (report.where(p), p.field, p.message) if part)
    return " ".join((said + (f" ({p.hint})" if p.hint else "")).split())


def _said_markdown(p: Problem) -> str:
    """The same, for the public comment on an issue: every part inert (report.md_inert)."""
    return report.md_inert(_said(p))


# Exit codes of `banque importer`: 1 is « à compléter » (the correspondent fixes the proposal);
# a crash is a bug of ours, which the workflow must not present as the correspondent's mistake.
IMPORT_CRASHED = 3


def cmd_importer(args: argparse.Namespace) -> int:
    if args.source != "-" and not Path(args.source).is_file():
        print(f"Fichier introuvable : {args.source}", file=sys.stderr)
        return 2
    if not args.contenu.is_dir():
        print(f"Dossier introuvable : {args.contenu}", file=sys.stderr)
        return 2
    try:
        done = importer.import_text(_read_input(args.source), args.contenu, args.correspondant, _today(args))
    except ProblemsError as exc:
        _refused(exc.problems, markdown=args.format == "markdown")
        return 1
    except Exception:  # any other failure is a bug: said as one, details for the maintainers
        print("Erreur interne de l'import : la proposition n'a pas été traitée, rien n'a été écrit.\n"
              "Détails pour les mainteneurs :", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return IMPORT_CRASHED
    shown = display_path(done.path)
    print(f"Fiche créée : {shown}")  # first line: the workflow reads the path from it
    print("Statut : en relecture.")
    if done.notes:  # the workflow puts them into the pull request's public description
        say = _said_markdown if args.format == "markdown" else _said
        print("Remarques :")
        for note in done.notes:
            print(f"  - {say(note)}")
    print(f"Prochaine étape : banque relire {shown}")
    return 0


def _refused(problems: list[Problem], markdown: bool) -> None:
    """Why nothing was written: on stderr as text, or on stdout as the Markdown of a public comment."""
    found = errors(problems)
    notes = [p for p in problems if p.severity != ERROR]
    say = _said_markdown if markdown else _said
    lines = ["La proposition n'a pas été importée : rien n'a été écrit.", "", f"À corriger ({len(found)}) :", ""]
    lines += [f"- {say(p)}" for p in found]
    if notes:
        lines += ["", "Remarques :", ""] + [f"- {say(n)}" for n in notes]
    if not markdown:
        lines = [line.replace("- ", "  - ", 1) if line.startswith("- ") else line for line in lines if line]
    print("\n".join(lines), file=sys.stdout if markdown else sys.stderr)


# -- tableau-de-bord -------------------------------------------------------------------


def cmd_tableau_de_bord(args: argparse.Namespace) -> int:
    if not args.contenu.is_dir():
        print(f"Dossier introuvable : {args.contenu}", file=sys.stderr)
        return 2
    if args.format == "ticket":
        print(dashboard_issue.render(args.contenu, _today(args), args.delai, args.max, args.paralleles, args.journal))
        return 0
    report = dashboard_report.render(dashboard.gather(args.contenu, _today(args)), page=False)
    print((report if args.format == "markdown" else dashboard_report.as_text(report)).rstrip("\n"))
    return 0


# -- registration ------------------------------------------------------------------------


def _positive(kind):
    def parse(text: str):
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"nombre positif attendu, pas « {text} »")
        return value
    return parse


def link_options(p: argparse.ArgumentParser, when: str = "") -> None:
    """The bounds of a check of the sheets' web addresses (verifier-liens, the dashboard issue)."""
    p.add_argument("--delai", type=_positive(float), default=10.0, metavar="S",
                   help=f"{when}attente maximale de chaque réponse, en secondes (10)")
    p.add_argument("--max", type=_positive(int), default=500, metavar="N", help=f"{when}nombre maximal d'adresses vérifiées (500)")
    p.add_argument("--paralleles", type=_positive(int), default=4, metavar="N", help=f"{when}requêtes simultanées (4)")


def _common(p: argparse.ArgumentParser, today: bool = True) -> None:
    p.add_argument("--contenu", type=Path, default=CONTENT, metavar="DOSSIER", help="dossier de la banque (par défaut : content)")
    if today:
        p.add_argument("--aujourdhui", type=_day, metavar="AAAA-MM-JJ",
                       help="date du jour à utiliser (par défaut : aujourd'hui ; utile pour des résultats reproductibles)")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the committee's subcommands to the `banque` parser."""
    p = sub.add_parser("nouvelle-fiche", help="créer une fiche vide et commentée à partir d'un titre")
    p.add_argument("titre", help="le titre de l'expérience (ou de l'outil) ; il donne le nom du fichier")
    p.add_argument("--outil", action="store_true", help="créer une fiche outil (content/outils/) au lieu d'une expérience")
    _common(p)
    p.set_defaults(func=cmd_nouvelle_fiche)

    p = sub.add_parser("relire", help="rapport de relecture d'une fiche pour le comité")
    p.add_argument("fichier", type=Path, metavar="FICHIER", help="la fiche à relire")
    p.add_argument("--format", choices=["texte", "markdown"], default="texte",
                   help="texte (terminal) ou markdown (commentaire de demande de fusion)")
    _common(p)
    p.set_defaults(func=cmd_relire)

    p = sub.add_parser("importer", help="transformer une proposition (ticket GitHub ou fiche reçue) en fiche « en relecture »")
    p.add_argument("source", metavar="FICHIER_OU_-", help="le texte du ticket ou la fiche reçue ; « - » pour l'entrée standard")
    p.add_argument("--correspondant", metavar="NOM", help="le nom du correspondant (remplace celui de la proposition)")
    p.add_argument("--format", choices=["texte", "markdown"], default="texte",
                   help="texte (terminal) ou markdown : ce qu'il faut corriger, sur la sortie standard, "
                        "prêt pour le commentaire public du ticket")
    _common(p)
    p.set_defaults(func=cmd_importer)

    p = sub.add_parser("tableau-de-bord", help="fiches en attente, relectures et consentements anciens, lacunes de la banque")
    p.add_argument("--format", choices=["texte", "markdown", "ticket"], default="texte",
                   help="format du tableau de bord ; « ticket » : le texte du ticket « Tableau de bord du comité », "
                        "avec la vérification des adresses web (réseau)")
    _common(p)
    link_options(p, "avec --format ticket : ")
    p.add_argument("--journal", default="", metavar="ADRESSE",
                   help="avec --format ticket : l'adresse du journal du contrôle, citée dans le ticket")
    p.set_defaults(func=cmd_tableau_de_bord)
