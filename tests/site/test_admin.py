"""The committee's space at /admin/: its files, its vendored CMS checked against
version.json, its policy, and its place in a real build (out of the search
index, the sitemap and the navigation; every other page keeps the site's policy)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import replace

import pytest
import yaml

from banque.sheets import cms_config
from banque.sheets.problem import ProblemsError
from banque.site import admin, csp, html_scan
from banque.site.settings import SiteConfig

CFG = SiteConfig(comite_courriel="comite@exemple.org", edition_url="https://github.com/orga/depot/edit/principale/",
                 licence="CC BY 4.0", licence_url="https://exemple.org/licence", site_url="https://orga.github.io/depot/",
                 repo_url="https://github.com/orga/depot")


def test_the_repository_and_branch_come_from_the_site_settings():
    assert admin.for_site(CFG) == ("orga/depot", "principale", "https://orga.github.io/depot/")
    assert admin.files(replace(CFG, repo_url="https://gitlab.com/orga/depot")) == {}


def test_the_files_of_the_space():
    files = admin.files(CFG)
    lock = admin.vendored()
    assert set(files) == {"admin/index.html", "admin/config.yml"} | {f"admin/{n}" for n in lock["sha256"] if n != "fr.json"}
    assert files["admin/config.yml"] == cms_config.render("orga/depot", "principale", "https://orga.github.io/depot/")
    assert yaml.safe_load(files["admin/config.yml"])["backend"]["repo"] == "orga/depot"
    assert "admin/LICENSE.txt" in files and any(n.endswith(".woff2") for n in files)


def test_the_page_says_noindex_carries_its_policy_and_the_french_strings():
    html = admin.files(CFG)["admin/index.html"]
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert f'content="{csp.admin_policy()}"' in html and '<html lang="fr">' in html
    assert '<link href="config.yml" type="application/yaml" rel="cms-config-url">' in html
    data = json.loads(re.search(r'id="espace-comite-textes">(.*?)</script>', html, re.S).group(1))
    assert data["version"] == admin.vendored()["version"] and data["langue"] == "fr"
    assert data["textes"]["sign_in_using_access_token"].startswith("Se connecter")
    # The strings are handed over before the CMS starts; no inline script at all.
    assert html.index("espace-comite.js") < html.index('src="sveltia-cms.js"')
    assert re.findall(r"<script>", html) == []


def test_the_vendored_script_loads_its_fonts_from_the_site():
    script = (admin.VENDOR / admin.SCRIPT).read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in script
    fonts = set(re.findall(r"url\((polices/[a-z0-9-]+\.woff2)\)", script))
    assert len(fonts) == 3 and all((admin.VENDOR / f).is_file() for f in fonts)


def test_the_vendored_files_match_version_json():
    lock = admin.vendored()
    assert lock["version"] == "0.221.1" and lock["integrite"][f"{lock['paquet']}@{lock['version']}"].startswith("sha512-")
    for name, digest in lock["sha256"].items():
        assert hashlib.sha256((admin.VENDOR / name).read_bytes()).hexdigest() == digest, name


def test_a_changed_vendored_file_stops_the_build(tmp_path, monkeypatch):
    copy = tmp_path / "sveltia-cms"
    shutil.copytree(admin.VENDOR, copy)
    (copy / "LICENSE.txt").write_text("autre chose\n", encoding="utf-8")
    monkeypatch.setattr(admin, "VENDOR", copy)
    admin.vendored.cache_clear()
    try:
        with pytest.raises(ProblemsError) as caught:
            admin.vendored()
        assert [p.code for p in caught.value.problems] == ["espace-comite-fichier-modifie"]
        assert "LICENSE.txt" in caught.value.problems[0].message
    finally:
        admin.vendored.cache_clear()


def test_the_space_in_a_real_build_is_out_of_the_index_the_sitemap_and_the_nav(real_site):
    site = real_site.site
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    assert "noindex" in page and "data-pagefind-body" not in page
    assert (site / "admin" / "config.yml").is_file() and (site / "admin" / "sveltia-cms.js").is_file()
    assert "admin" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "admin/" not in home
    # Pagefind indexes only the pages marked data-pagefind-body (the sheets), not /admin/.
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    marked = [p for p in site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(marked) > 0
    assert html_scan.scan_page(site / "admin" / "index.html", site, "/banque-experiences/") == []
    # Every other page keeps the site's policy.
    other = html_scan.directives(re.search(r'Content-Security-Policy" content="([^"]*)"', home).group(1))
    assert dict(other)["connect-src"] == ["'self'"] and dict(other)["style-src"] == ["'self'"]
