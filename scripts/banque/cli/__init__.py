"""The `banque` command. Messages are in French: editors and correspondents read them."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from banque.sheets import cms_config, report, schema_export
from banque.sheets.check import validate
from banque.sheets.collect import collect
from banque.sheets.problem import has_errors, problem

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
    return 1 if has_errors(problems) else 0


def _cms_target() -> tuple[str, str, str]:
    """(repository, branch, site URL) of the committee's space, from mkdocs.yml."""
    from banque.paths import PROJECT
    from banque.site.admin import target

    return target(PROJECT)


def cmd_schema(args: argparse.Namespace) -> int:
    cms = _cms_target()
    if args.verifier:
        stale = schema_export.stale() + ([cms_config.CONFIG_FILE] if cms_config.stale(*cms) else [])
        for path in stale:
            print(f"{path} n'est pas à jour : lancez « banque schema ».", file=sys.stderr)
        breaks = schema_export.breaks()
        if breaks:
            print("\n".join(report.text_lines(breaks)), file=sys.stderr)
        return 1 if stale or breaks else 0
    written = schema_export.write() + ([cms_config.CONFIG_FILE] if cms_config.write(*cms) else [])
    for path in [*written, *schema_export.snapshot(replace=args.instantane)]:
        print(f"Écrit : {path}")
    return 0


def _committee_pages(layout, preview: bool):
    """The committee's dashboard, a page of the preview only (it names drafts)."""
    if not preview:
        return None
    from banque.committee.dashboard_report import PreviewPage

    return PreviewPage(layout.content)


def cmd_construire(args: argparse.Namespace) -> int:
    from banque.site.build import Layout, construire

    # A committee preview never lands where the public site is deployed from.
    sortie = args.sortie or (Path.cwd() / "build" / "apercu" if args.apercu else None)
    layout = Layout.default(Path.cwd(), content=args.contenu, build=sortie)
    return construire(layout, preview=args.apercu, force=args.forcer, extra_pages=_committee_pages(layout, args.apercu),
                      deploy=args.publication)


def cmd_servir(args: argparse.Namespace) -> int:
    from banque.site.build import Layout
    from banque.site.live import LivePreview

    layout = Layout.default(Path.cwd(), content=args.contenu, build=args.sortie)
    live = LivePreview(layout, args.apercu, _committee_pages(layout, args.apercu))
    return live.serve(args.adresse, complete=args.complet)


def cmd_verifier_liens(args: argparse.Namespace) -> int:
    from banque.committee.link_check import run

    if not args.contenu.exists():
        print(f"Dossier introuvable : {args.contenu}", file=sys.stderr)
        return 2
    return run(args.contenu, timeout=args.delai, limit=args.max, workers=args.paralleles)


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
    p.add_argument("--forcer", action="store_true",
                   help="reconstruire même si rien n'a changé depuis la dernière construction")
    p.add_argument("--publication", action="store_true",
                   help="construction à déployer : refuser tant qu'un réglage de mkdocs.yml a sa valeur d'exemple")
    p.set_defaults(func=cmd_construire)

    p = sub.add_parser("servir", help="aperçu en direct du site, mis à jour à chaque modification")
    p.add_argument("--apercu", action="store_true", help="inclure brouillons et fiches en relecture")
    p.add_argument("--adresse", default="127.0.0.1:8000", help="adresse d'écoute (par défaut 127.0.0.1:8000)")
    p.add_argument("--contenu", type=Path, default=None, help="dossier des fiches (par défaut : content/)")
    p.add_argument("--sortie", type=Path, default=None, help="dossier de construction (par défaut : build/)")
    p.add_argument("--complet", action="store_true",
                   help="reconstruire tout le site à chaque modification (plus lent ; par défaut, seules les pages touchées)")
    p.set_defaults(func=cmd_servir)

    p = sub.add_parser("schema", help="exporter le schéma JSON et sa documentation dans schema/")
    p.add_argument("--verifier", action="store_true",
                   help="échouer si le schéma exporté n'est pas à jour, ou si le format casse les fiches de sa version majeure")
    p.add_argument("--instantane", action="store_true",
                   help="réécrire schema/versions/<majeure>/ (schéma et exemples de la version majeure publiée)")
    p.set_defaults(func=cmd_schema)

    from banque.cli import committee  # the committee's tools: nouvelle-fiche, relire, importer…

    p = sub.add_parser("verifier-liens", help="vérifier que les adresses web citées par les fiches répondent (réseau)")
    p.add_argument("--contenu", type=Path, default=CONTENT, help="dossier des fiches (par défaut : content/)")
    committee.link_options(p)
    p.set_defaults(func=cmd_verifier_liens)

    committee.register(sub)
    from banque.cli import consent  # ask a person, record their answer

    consent.register(sub)
    from banque.cli import booklet  # the printed booklet: recueil

    booklet.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:  # Ctrl-C: no traceback (`construire` says more, and keeps the site)
        print(problem("commande-interrompue").message, file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `banque relire … | head` closed the pipe: the reader has what it wanted.
        # Point stdout at nothing so Python's final flush raises no traceback;
        # 1 as Python's documentation advises, since the output was cut.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
