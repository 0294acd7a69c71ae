"""`banque servir`'s object and the mkdocs hooks that call it (site/live.py,
site/hooks/). The real server is tested in test_apercu_direct.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bench.generate import generate as generate_bank
from mkdocs.config import load_config

from banque.site.build import Layout, mkdocs_settings
from banque.site.hooks.preview import KEY
from banque.site.live import LivePreview
from tests.navigateur import ROOT

HOOKS = "scripts/banque/site/hooks/"


@pytest.fixture
def live(tmp_path: Path) -> LivePreview:
    generate_bank(6, tmp_path / "content", seed=7)
    live = LivePreview(Layout(ROOT, tmp_path / "content", tmp_path / "build"), preview=True)
    assert live.generate()
    return live


def config_of(live: LivePreview | None, docs: Path, site: Path):
    """A config as mkdocs' serve() loads it at each rebuild, with the object or without."""
    extra = {"extra": {KEY: live}} if live is not None else {}
    return load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site), **extra)


def hook(config, name: str):
    """The hook module as mkdocs loaded it (by its path, from mkdocs.yml)."""
    return config.plugins[HOOKS + name + ".py"]


def test_the_object_reaches_the_hooks_and_the_settings_stay_whole(live, tmp_path):
    config = config_of(live, live.layout.docs, tmp_path / "servi")
    assert config.extra[KEY] is live
    hook(config, "preview").on_config(config)
    assert config.extra["banque"] == mkdocs_settings(ROOT)["extra"]["banque"]  # mkdocs.yml's own extra, put back
    assert config.extra["banque_apercu"] is True and config.extra["generator"] is False


def test_without_the_object_the_hooks_do_nothing(live, tmp_path):
    page = next((live.layout.docs / "experiences").glob("*.md"))
    page.write_text("modifié à la main", encoding="utf-8")
    config = config_of(None, live.layout.docs, tmp_path / "servi")
    preview = hook(config, "preview")
    preview.on_config(config)
    preview.on_pre_build(config)
    preview.on_post_build(config)
    assert "banque_apercu" not in config.extra and page.read_text(encoding="utf-8") == "modifié à la main"


def test_before_build_regenerates_and_after_build_asks_for_the_held_pages(live, tmp_path):
    sheet = next(p for p in sorted((live.layout.content / "experiences").glob("*.md")))
    text = sheet.read_text(encoding="utf-8")
    sheet.write_text(re.sub(r"^titre: .*$", 'titre: "Titre venu du hook"', text, count=1, flags=re.M), encoding="utf-8")
    config = config_of(live, live.layout.docs, tmp_path / "servi")
    preview = hook(config, "preview")
    preview.on_pre_build(config)
    assert "Titre venu du hook" in (live.layout.docs / "experiences" / sheet.name).read_text(encoding="utf-8")
    assert live.session.held  # the lists that show the sheet come one rebuild later
    preview.on_post_build(config)
    assert not live.session.held and live.relaunch.read_text(encoding="utf-8")
    assert "tableau-de-bord.md" not in {p.name for p in live.layout.docs.iterdir()}  # no extra pages given


def test_a_served_site_goes_without_its_security_policy(live, tmp_path):
    config = config_of(None, live.layout.docs, tmp_path / "servi")
    security = hook(config, "security")
    page = "<!doctype html><html><head><title>t</title></head><body><p>x</p></body></html>"
    try:
        security.on_startup(command="serve", dirty=True)
        assert security.on_post_page(page, None, config) == page
        security.on_startup(command="build", dirty=False)
        assert "Content-Security-Policy" in security.on_post_page(page, None, config)
    finally:
        security.on_startup(command="build", dirty=False)
