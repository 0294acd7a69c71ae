"""The form and the validator: one set of rules.

Each value of tests/site/formulaire/accord.yml is typed into the « Proposer une
expérience » form, on a sheet otherwise complete and valid, in Chromium on the
real built site. The form's verdict (its list of problems on « Préparer la
fiche ») and `banque valider`'s, run for real on the sheet the form produces
with that value (the file its download, e-mail and GitHub links would carry),
must agree, and be the one the corpus expects.
"""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from tests.navigateur import CONTENT, ROOT
from tests.site.test_form_schema import FORM, SUMMARY, TITLE, banque, fill_sheet

pytestmark = pytest.mark.browser

CORPUS = ROOT / "tests" / "site" / "formulaire" / "accord.yml"
VALUES = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["valeurs"]
# The file the form makes of what it holds, whether or not its checks pass.
SHEET = """async ([collecte, fiche]) => {
  const { collect } = await import(collecte);
  const { sheetText } = await import(fiche);
  return sheetText(collect(), JSON.parse(document.getElementById('proposer-reglages').textContent));
}"""
SCRIPTS = "assets/javascripts/proposer/"
RESTORE = """(saved) => {
  localStorage.clear();
  Object.entries(JSON.parse(saved)).forEach(([key, value]) => localStorage.setItem(key, value));
}"""


def field_id(name: str) -> str:
    return "f-" + name.replace(".", "-")


@pytest.fixture(scope="module")
def verdicts(browser, real_server, tmp_path_factory) -> list[dict]:
    """Every value of the corpus, with the form's problems and the validator's report."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    content = tmp_path_factory.mktemp("accord") / "content"
    shutil.copytree(CONTENT, content)
    out = []
    try:
        # The valid sheet is typed once; its draft (kept by the page) is put back
        # before each value.
        page.goto(real_server.url(FORM))
        page.fill("#f-titre", TITLE)
        page.fill("#f-resume", SUMMARY)
        fill_sheet(page)
        draft = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
        for entry in VALUES:
            page.evaluate(RESTORE, draft)
            page.reload()
            page.locator("#f-correspondant").wait_for(state="visible")
            assert page.input_value("#f-correspondant"), "brouillon non relu"
            for name, value in (entry.get("avant") or {}).items():
                page.fill("#" + field_id(name), value)
            page.fill("#" + field_id(entry["champ"]), str(entry["valeur"]))
            page.click("#proposer button[type=submit]")
            page.wait_for_function("""() => !document.getElementById('proposer-resultat').hidden
                                         || !document.getElementById('proposer-erreurs').hidden""")
            form_errors = page.locator(".proposer-erreur:not([hidden])").all_inner_texts()
            text = page.evaluate(SHEET, [real_server.url(SCRIPTS + "collecte.js"), real_server.url(SCRIPTS + "fiche.js")])
            slug = re.search(r"^slug: ['\"]?([^'\"\n]*)", text, re.M)
            sheet = content / "experiences" / f"{slug.group(1) if slug and slug.group(1) else 'fiche'}.md"
            sheet.write_text(text, encoding="utf-8")
            checked = banque("valider", str(sheet), "--contenu", str(content))
            sheet.unlink()
            out.append({**entry, "formulaire": form_errors, "valider": checked.returncode,
                        "rapport": checked.stdout + checked.stderr, "fiche": text})
    finally:
        context.close()
    return out


def test_the_corpus_holds_at_least_30_values_valid_and_invalid():
    assert len(VALUES) >= 30
    assert 10 <= sum(1 for v in VALUES if v["valide"]) <= len(VALUES) - 10


@pytest.mark.parametrize("index", range(len(VALUES)), ids=[f"{v['champ']}={v['valeur']}" for v in VALUES])
def test_form_and_validator_agree(verdicts, index):
    v = verdicts[index]
    form_accepts = not v["formulaire"]
    validator_accepts = v["valider"] == 0
    assert form_accepts == validator_accepts, (
        f"« {v['valeur']} » ({v['champ']}) : formulaire {'accepte' if form_accepts else 'refuse'} "
        f"{v['formulaire']}, banque valider {'accepte' if validator_accepts else 'refuse'} :\n{v['rapport']}")
    assert form_accepts == v["valide"], f"« {v['valeur']} » ({v['champ']}) : verdict attendu {v['valide']}"
    if not validator_accepts:
        # Refused for this value: the report names the field, and nothing else.
        key = v["champ"].split(".")[-1]
        errors = [line for line in v["rapport"].splitlines() if re.match(r"\S+\.md:\d+: ", line)]
        assert errors and all(f" {key}" in line or f".{key}" in line for line in errors), v["rapport"]


def test_dates_are_typed_jj_mm_aaaa_and_written_iso(verdicts):
    by_value = {(v["champ"], v["valeur"]): v for v in verdicts}
    assert "date: '2024-03-01'" in by_value[("sources.0.date", "1/3/2024")]["fiche"] or \
        'date: "2024-03-01"' in by_value[("sources.0.date", "1/3/2024")]["fiche"]
    consent = by_value[("referent.consentement.date", "01/03/2025")]["fiche"]
    assert re.search(r"^    date: ['\"]?2025-03-01['\"]?$", consent, re.M), consent


def test_the_form_names_the_webmail_as_the_validator_does(verdicts):
    v = next(v for v in verdicts if v["valeur"] == "contact@orange.fr")
    assert any("« orange.fr » est une messagerie personnelle" in e for e in v["formulaire"]), v["formulaire"]
    assert "orange.fr" in v["rapport"]


ADDRESSES = [
    ("contact@asso.fr", "Camille Essai"), ("camille.essai@asso.fr", "Camille Essai"), ("c.essai@asso.fr", "Camille Essai"),
    ("essaic@asso.fr", "Camille Essai"), ("camilleessai@asso.fr", "Camille Essai"), ("essai-camille@asso.fr", "Camille Essai"),
    ("ESSAI@asso.fr", "Camille Essai"), ("élodie@asso.fr", "Élodie Martin"), ("elodie@asso.fr", "Élodie Martin"),
    ("de@asso.fr", "Anne de Bretagne"), ("bretagne@asso.fr", "Anne de Bretagne"), ("jp@asso.fr", "Jean Pierre"),
    ("x@gmail.com", ""), ("x@GMail.com", ""), ("x@yahoo.fr", ""), ("x@yahoo.co.uk", ""), ("x@yahoo.example.org", ""),
    ("x@hotmail.com", ""), ("x@outlook.fr", ""), ("x@live.com.au", ""), ("x@gmx.de", ""), ("x@live-asso.fr", ""),
    ("x@orange-asso.fr", ""), ("x@asso.orange.fr", ""), ("x@laposte.net", ""), ("x@proton.me", ""),
]
COMPARE = """async ([url, rules, cases]) => {
  const m = await import(url);
  return cases.map(([address, name]) => [m.webmailDomain(address, rules) || null, m.namesInAddress(address, name, rules)]);
}"""


def test_address_rules_in_javascript_match_the_validator(page, real_server):
    """courriel.js against banque.sheets.contact_address, on the same data."""
    from banque.sheets.contact_address import address_rules, names_in_address, webmail_domain

    page.goto(real_server.url(FORM))
    got = page.evaluate(COMPARE, [real_server.url(SCRIPTS + "courriel.js"), address_rules(), ADDRESSES])
    assert got == [[webmail_domain(a), names_in_address(a, n)] for a, n in ADDRESSES]
