"""The site's own pages: search, explorer, coverage, open data, about,
accessibility and the form (site/pages/about.py)."""

from __future__ import annotations

from banque.site import explorer, form_schema
from banque.site.pages import about


def test_the_site_s_own_pages_and_their_templates(site_bank, site_cfg):
    result = about.pages(site_bank, site_cfg, [], {"cfg": site_cfg})
    assert [(p.path, p.template) for p in result] == [
        ("recherche.md", "recherche.md.j2"),
        (explorer.PAGE, "explorer.md.j2"),
        ("couverture.md", "couverture.md.j2"),
        ("donnees.md", "donnees.md.j2"),
        ("a-propos/index.md", "a_propos.md.j2"),
        ("a-propos/accessibilite.md", "accessibilite.md.j2"),
        ("proposer.md", "proposer.md.j2"),
    ]
    assert all(p.context["cfg"] is site_cfg for p in result)


def test_each_page_gets_its_own_view(site_bank, site_cfg):
    models = [{"id": "un-modele"}]
    found = {p.path: p.context for p in about.pages(site_bank, site_cfg, models, {"cfg": site_cfg})}
    assert found["donnees.md"]["nombre_experiences"] == len(site_bank.experiences)
    assert found["donnees.md"]["nombre_outils"] == len(site_bank.outils)
    assert found["a-propos/index.md"]["modeles"] is models
    assert found[explorer.PAGE].items() >= explorer.plain_lists(site_bank).items()
    assert found["couverture.md"].items() >= explorer.coverage(site_bank).items()
    form = found["proposer.md"]["f"]
    assert form == form_schema.page_context(site_bank, site_cfg.comite_courriel, site_cfg.repo_url, site_cfg.edition_url)
    assert form["comite"] == site_cfg.comite_courriel
