"""`banque recueil`: the printed booklet (registered into the `banque` CLI).

Arguments in, French text out, exit code: 0 written, 1 the bank, the selection
or the writing failed (the problems are listed), 2 the system lacks WeasyPrint's
libraries (the message says what to install). The work is in site/booklet/.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from banque.sheets import report
from banque.sheets.problem import ProblemsError
from banque.sheets.report import count

DEFAULT_OUTPUT = Path("build") / "recueil.pdf"
MISSING_LIBRARIES = "recueil-bibliotheques-manquantes"


def cmd_recueil(args: argparse.Namespace) -> int:
    from banque.site.booklet import make, selection

    try:
        chosen = selection.parse({option: getattr(args, option) for option in selection.options()})
        held, rendered = make.make(Path.cwd(), args.contenu, chosen, args.sortie)
    except ProblemsError as exc:
        print("Recueil non écrit :", file=sys.stderr)
        print("\n".join(report.text_lines(exc.problems, indent="  ")), file=sys.stderr)
        return 2 if any(p.code == MISSING_LIBRARIES for p in exc.problems) else 1
    size = len(rendered.pdf) / 1024
    print(f"Recueil écrit : {args.sortie} ({count(rendered.pages, 'page')}, {size:.0f} Ko ; "
          f"{count(len(held.experiences), 'expérience')}, {count(len(held.tools), 'outil')} en annexe).")
    return 0


def register(sub) -> None:
    p = sub.add_parser("recueil", help="écrire le recueil imprimable (PDF) des expériences publiées, ou d'une sélection",
                       description="Écrit le recueil imprimable des expériences publiées : couverture, introduction, "
                                   "sommaire, une fiche par expérience, répertoire des outils en annexe. Les filtres "
                                   "sont ceux de la page « Explorer » et se combinent de la même façon.")
    p.add_argument("--region", action="append", metavar="CODE",
                   help="code INSEE de la région (44 : Grand Est), ou national, international ; répétable")
    p.add_argument("--modele", action="append", metavar="MODELE", help="modèle de partenariat (identifiant) ; répétable")
    p.add_argument("--theme", action="append", metavar="THEME", help="thème (identifiant) ; répétable")
    p.add_argument("--contenu", type=Path, default=Path("content"), help="dossier des fiches (par défaut : content/)")
    p.add_argument("--sortie", type=Path, default=DEFAULT_OUTPUT, help=f"fichier PDF écrit (par défaut : {DEFAULT_OUTPUT})")
    p.set_defaults(func=cmd_recueil)
