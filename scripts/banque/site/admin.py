"""The « Espace du comité » at /admin/: Sveltia CMS, vendored, with its generated configuration.

The build writes these files into the docs folder, which mkdocs copies as they
are (they are not pages: no navigation, no sitemap entry, no search index):

- admin/index.html, which loads the CMS under its own security policy
  (csp.ADMIN_DIRECTIVES: the GitHub API and nothing else outside the site) and
  says noindex;
- admin/config.yml, generated from the models (sheets/cms_config.py);
- admin/sveltia-cms.js, its licence and its fonts (polices/), vendored in
  vendor/sveltia-cms/ by scripts/refresh_sveltia.py and checked here against
  the sha256 of its version.json;
- the French strings of the interface, in the page as a data block, which
  assets/javascripts/espace-comite.js hands to the CMS before it starts.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from banque.sheets import cms_config
from banque.sheets.problem import ProblemsError, problem
from banque.site import csp
from banque.site.form_schema import forge, script_json
from banque.site.settings import SiteConfig

VENDOR = Path(__file__).resolve().parent / "vendor" / "sveltia-cms"
FOLDER = "admin"
SCRIPT = "sveltia-cms.js"
LANGUAGE = "fr"
TITLE = "Espace du comité — Banque d'expériences"
# Vendored files the page carries itself: the French strings are a data block.
KEPT_OUT = ("fr.json",)

PAGE = """<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="{policy}">
  <meta name="robots" content="noindex, nofollow">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title}</title>
  <link href="config.yml" type="application/yaml" rel="cms-config-url">
  <script type="application/json" id="espace-comite-textes">{strings}</script>
  <script src="../assets/javascripts/espace-comite.js"></script>
</head>
<body>
  <noscript>L'espace du comité a besoin de JavaScript.</noscript>
  <script src="{script}"></script>
</body>
</html>
"""


@cache
def vendored() -> dict:
    """The lock file (version.json), after checking each vendored file's sha256 against it."""
    lock = json.loads((VENDOR / "version.json").read_text(encoding="utf-8"))
    for name, digest in lock["sha256"].items():
        if hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() != digest:
            raise ProblemsError([problem("espace-comite-fichier-modifie", fichier=f"{VENDOR.name}/{name}")])
    return lock


def target(root: Path) -> tuple[str, str, str]:
    """(GitHub repository « owner/name », branch, site URL) from mkdocs.yml in `root`."""
    from banque.sheets.yaml_strict import load_data_file

    settings = load_data_file((root / "mkdocs.yml").read_text(encoding="utf-8"), "mkdocs.yml")
    return for_site(SiteConfig.from_mkdocs(settings))


def for_site(cfg: SiteConfig) -> tuple[str, str, str]:
    found = forge(cfg.repo_url, cfg.edition_url)
    if found is None:
        return "", "main", cfg.site_url
    return f"{found['proprietaire']}/{found['depot']}", found["branche"], cfg.site_url


def page() -> str:
    lock = vendored()
    strings = json.loads((VENDOR / f"{LANGUAGE}.json").read_text(encoding="utf-8"))
    data = {"langue": LANGUAGE, "version": lock["version"], "textes": strings}
    return PAGE.format(policy=csp.admin_policy(), title=TITLE, strings=script_json(data), script=SCRIPT)


def files(cfg: SiteConfig) -> dict[str, str | bytes]:
    """The files of /admin/ (docs-relative paths), or none when the forge is not GitHub."""
    repo, branch, site_url = for_site(cfg)
    if not repo:
        return {}
    copied = {f"{FOLDER}/{name}": (VENDOR / name).read_bytes() for name in vendored()["sha256"] if name not in KEPT_OUT}
    return {
        **copied,
        f"{FOLDER}/index.html": page(),
        f"{FOLDER}/config.yml": cms_config.render(repo, branch, site_url),
    }
