"""The `banque` command. Messages are in French: editors and correspondents read them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import report, schema_export
from .check import collect, validate

CONTENT = Path("content")


def cmd_valider(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.chemins] or [args.contenu]
    missing = [p for p in paths if not p.exists()]
    if missing:
        print(f"Chemin introuvable : {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    _, problems = validate(paths, args.contenu if args.contenu.exists() else None)
    checked = len(collect(paths))
    out = report.as_json if args.format == "json" else report.as_text
    print(out(problems, checked))
    return 1 if any(p.severity == "erreur" for p in problems) else 0


def cmd_schema(args: argparse.Namespace) -> int:
    if args.verifier:
        stale = schema_export.stale()
        for path in stale:
            print(f"{path} n'est pas à jour : lancez « banque schema ».", file=sys.stderr)
        return 1 if stale else 0
    for path in schema_export.write():
        print(f"Écrit : {path}")
    return 0


def cmd_construire(args: argparse.Namespace) -> int:
    from .build import Layout, construire

    # A committee preview never lands where the public site is deployed from.
    sortie = args.sortie or (Path.cwd() / "build" / "apercu" if args.apercu else None)
    layout = Layout.default(Path.cwd(), content=args.contenu, build=sortie)
    return construire(layout, preview=args.apercu)


def cmd_servir(args: argparse.Namespace) -> int:
    import os

    from .build import Layout, generate

    layout = Layout.default(Path.cwd())
    if not generate(layout, preview=args.apercu):
        return 1
    os.environ["BANQUE_SERVE"] = "1"
    os.environ["BANQUE_APERCU"] = "1" if args.apercu else "0"
    from mkdocs.__main__ import cli

    argv = ["serve", "--dev-addr", args.adresse, "-f", str(layout.root / "mkdocs.yml")]
    return cli.main(args=argv, standalone_mode=False) or 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="banque",
        description="Banque d'expériences des alliances en territoires : valider les fiches et construire le site.",
    )
    sub = parser.add_subparsers(dest="commande", required=True, metavar="COMMANDE")

    p = sub.add_parser("valider", help="vérifier des fiches (toutes par défaut)")
    p.add_argument("chemins", nargs="*", help="fiches ou dossiers à vérifier (par défaut : content/)")
    p.add_argument("--format", choices=["texte", "json"], default="texte", help="format du rapport")
    p.add_argument("--contenu", type=Path, default=CONTENT, help="dossier de la banque (références, slugs)")
    p.set_defaults(func=cmd_valider)

    p = sub.add_parser("construire", help="valider puis construire le site dans build/site")
    p.add_argument("--apercu", action="store_true", help="inclure brouillons et fiches en relecture (aperçu du comité)")
    p.add_argument("--contenu", type=Path, default=None, help="dossier des fiches (par défaut : content/)")
    p.add_argument("--sortie", type=Path, default=None, help="dossier de construction (par défaut : build/, ou build/apercu/ avec --apercu)")
    p.set_defaults(func=cmd_construire)

    p = sub.add_parser("servir", help="aperçu en direct du site, mis à jour à chaque modification")
    p.add_argument("--apercu", action="store_true", help="inclure brouillons et fiches en relecture")
    p.add_argument("--adresse", default="127.0.0.1:8000", help="adresse d'écoute (par défaut 127.0.0.1:8000)")
    p.set_defaults(func=cmd_servir)

    p = sub.add_parser("schema", help="exporter le schéma JSON dans schema/")
    p.add_argument("--verifier", action="store_true", help="échouer si le schéma exporté n'est pas à jour")
    p.set_defaults(func=cmd_schema)

    from . import commands_editorial  # the committee's tools: nouvelle-fiche, relire, importer…

    commands_editorial.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
