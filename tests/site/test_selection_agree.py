"""The same selection (région, model, theme) keeps the same sheets in the
explorer's index, in the open data, in the printed booklet and through
sheets/selection.py; the feed lists only sheets the explorer shows."""

from __future__ import annotations

import itertools
import json
import xml.etree.ElementTree as ET

from banque.sheets.policy import policy
from banque.sheets.selection import Selection, select
from banque.site import explorer, exports
from banque.site.booklet import selection as booklet
from tests.site.small_bank import CFG, small_bank

KEYS = {"regions": policy().level.region, "modeles": "modele", "themes": "theme"}


def explorer_slugs(index: dict, selection: Selection) -> set[str]:
    """The explorer's filtering, as explorateur.js does it: AND across facets, OR within one."""
    facets = {f["cle"]: (i, [v[0] for v in f["valeurs"]]) for i, f in enumerate(index["facettes"])}
    kept = set()
    for row in index["fiches"]:
        values = row[5:]
        if all(not wanted or wanted & {facets[KEYS[name]][1][p] for p in values[facets[KEYS[name]][0]]}
               for name, wanted in vars(selection).items()):
            kept.add(row[0])
    return kept


def export_slugs(records: list[dict], selection: Selection) -> set[str]:
    """The same selection made by a reader of experiences.json, from its fields alone."""
    level = policy().level
    kept = set()
    for r in records:
        scopes = {t["niveau"] for t in r["territoires"]} & {level.national, level.international}
        regions = {x["code"] for x in r["regions"]} or ({level.international} if level.international in scopes else {level.national})
        have = {"regions": regions, "modeles": {m["modele"] for m in r["modeles"]}, "themes": set(r["themes"])}
        if all(not wanted or wanted & have[name] for name, wanted in vars(selection).items()):
            kept.add(r["slug"])
    return kept


def selections(bank) -> list[Selection]:
    regions = sorted({r for s in bank.experiences for r in s.regions} | {s.scope for s in bank.experiences if not s.regions})
    models = sorted({u.modele for s in bank.experiences for u in s.model.modeles})
    themes = sorted({t for s in bank.experiences for t in s.model.themes})
    found = [Selection()]
    found += [Selection(regions=frozenset({r})) for r in regions]
    found += [Selection(modeles=frozenset({m})) for m in models]
    found += [Selection(themes=frozenset({t})) for t in themes]
    found += [Selection(regions=frozenset(pair)) for pair in itertools.combinations(regions, 2)]
    found += [Selection(modeles=frozenset({m}), themes=frozenset({t})) for m in models for t in themes]
    found += [Selection(frozenset({r}), frozenset({m}), frozenset({t})) for r in regions[:3] for m in models for t in themes[:3]]
    return found


def test_explorer_exports_and_selection_keep_the_same_sheets():
    bank = small_bank()  # every status: the preview's explorer and data show them all
    index = explorer.index(bank)
    records = json.loads(exports.render(bank, CFG)["donnees/experiences.json"])
    tried = selections(bank)
    assert len(tried) > 20
    sizes = set()
    for selection in tried:
        chosen = {s.slug for s in select(bank, selection).experiences}
        assert explorer_slugs(index, selection) == chosen, selection
        assert export_slugs(records, selection) == chosen, selection
        options = {KEYS[name]: sorted(values) for name, values in vars(selection).items()}
        assert {s.slug for s in booklet.select(bank, booklet.parse(options))} == chosen, selection
        sizes.add(len(chosen))
    assert len(sizes) > 2  # selections of several sizes, not all empty or all full


def test_the_feed_lists_only_sheets_the_explorer_and_the_data_hold():
    bank = small_bank().visible()
    files = exports.render(bank, CFG)
    feed = ET.fromstring(files["flux.xml"])
    links = {e.find("{http://www.w3.org/2005/Atom}link").get("href") for e in feed.iter("{http://www.w3.org/2005/Atom}entry")}
    experiences = {f"{CFG.site_url}experiences/{row[0]}/" for row in explorer.index(bank)["fiches"]}
    tools = {f"{CFG.site_url}outils/{r['slug']}/" for r in json.loads(files["donnees/outils.json"])}
    assert links and links <= experiences | tools
    assert {f"{CFG.site_url}experiences/{r['slug']}/" for r in json.loads(files["donnees/experiences.json"])} == experiences
