"""The « Proposer une expérience » form, on the real site built from content/.

A new correspondent fills it in Chromium, makes a mistake and corrects it,
reloads the page, downloads the sheet; the committee's own commands
(`banque valider`, `banque importer`) must accept the file as it is. The
mailto: and GitHub links must carry the same file. Limits shown in the browser
come from the pydantic model: the page must carry the model's numbers.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import expect

from banque.sheets import writer, yaml_strict
from banque.sheets.models import Experience, Referent
from banque.sheets.text import sheet_slug
from banque.sheets.vocabulary import sections
from banque.site import form_schema, typography
from tests.a11y import BLOCKING, WCAG_TAGS, Violation, install_axe
from tests.navigateur import CONTENT, ROOT, Watcher, load_bank, open_page

FORM = "proposer/"
TITLE = 'L\'atelier vélo "solidaire" : Échirolles #2'
SLUG = "atelier-velo-solidaire-echirolles-2"
CORRESPONDENT = "Dominique Essai, correspondante en Isère"
SUMMARY = ("Une association d'insertion entretient les vélos de service des entreprises d'Échirolles : "
           "ses salariés y apprennent un métier, les entreprises roulent moins en voiture.")
BODY = {
    "Contexte": "À Échirolles, les entreprises ont des vélos de service\nmais personne pour les entretenir.",
    "Le partenariat": "Une convention de trois ans : « comité de suivi » chaque trimestre.\n\n### Gouvernance\n\n- l'association\n- le club d'entreprises",
    "Actions menées": "Ouverture d'un atelier ; formation à la mécanique cycle (50 % du temps).",
    "Résultats": "35 salariés accompagnés en 2023 ; voir [le rapport](https://exemple.org/rapport.pdf).",
    "Enseignements": "Un contrat régulier — plutôt que des commandes ponctuelles — permet de recruter.",
}


def banque(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "banque.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def settings_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="proposer-reglages">(.*?)</script>', html, re.S)
    assert match, "réglages du formulaire absents de la page"
    return json.loads(match.group(1))


def error_of(page, field_id: str):
    return page.locator(f"#{field_id}-erreur")


def assert_error_next_to(page, field_id: str, expected: str) -> None:
    """The French message is visible, in the field's own block, and tied to the field."""
    note = error_of(page, field_id)
    note.wait_for(state="visible")
    assert expected in note.inner_text()
    field = page.locator(f"#{field_id}")
    assert field.get_attribute("aria-invalid") == "true"
    assert f"{field_id}-erreur" in (field.get_attribute("aria-describedby") or "").split()
    same_block = page.evaluate(
        "([f, n]) => document.getElementById(f).closest('.proposer-champ') === document.getElementById(n).closest('.proposer-champ')",
        [field_id, f"{field_id}-erreur"])
    assert same_block, "le message n'est pas à côté du champ"


def assert_no_error(page, field_id: str) -> None:
    assert error_of(page, field_id).is_hidden()
    field = page.locator(f"#{field_id}")
    assert field.get_attribute("aria-invalid") is None
    assert f"{field_id}-erreur" not in (field.get_attribute("aria-describedby") or "").split()


def fill_sheet(page, *, body: dict[str, str] = BODY) -> None:
    """Everything but the title and the summary, as a correspondent would."""
    page.check("#f-nature-partenariat_multilateral")
    page.check("#f-modeles-pratiques_responsables")
    page.fill("#f-modeles-pratiques_responsables-justification",
              "Les entreprises confient l'entretien de leur flotte à une structure d'insertion.")
    # Territory 1: a commune typed by its name, turned into its code.
    page.select_option("#f-territoires-0-niveau", "commune")
    page.fill("#f-territoires-0-code", "Grenoble")
    page.locator("#f-territoires-0-code").blur()
    # Territory 2: a région typed without accents.
    page.click("[data-ajouter=territoires]")
    page.select_option("#f-territoires-1-niveau", "region")
    page.fill("#f-territoires-1-code", "auvergne rhone alpes")
    page.locator("#f-territoires-1-code").blur()
    page.fill("#f-periode-debut", "2019")
    page.check("#f-themes-emploi-insertion")
    page.check("#f-themes-environnement")
    page.check("#f-outils-ptce")
    page.fill("#f-acteurs-0-nom", "Association Vélo Solidaire")
    page.select_option("#f-acteurs-0-type", "association")
    page.select_option("#f-acteurs-0-role", "porteur")
    page.click("[data-ajouter=acteurs]")
    page.fill("#f-acteurs-1-nom", "Club des entreprises d'Échirolles")
    page.select_option("#f-acteurs-1-type", "entreprise")
    page.select_option("#f-acteurs-1-role", "partenaire")
    page.click("[data-ajouter=indicateurs]")
    page.fill("#f-indicateurs-0-libelle", "Salariés en insertion accompagnés")
    page.fill("#f-indicateurs-0-valeur", "35")
    page.fill("#f-indicateurs-0-annee", "2023")
    page.fill("#f-sources-0-titre", "Rapport d'activité 2023")
    page.fill("#f-sources-0-date", "2024-03-15")
    page.fill("#f-sources-0-url", "https://exemple.org/rapport-2023.pdf")
    page.fill("#f-referent-nom", "Camille Essai")
    page.fill("#f-referent-fonction", "coordinatrice")
    page.fill("#f-referent-organisation", "Association Vélo Solidaire")
    page.check("#f-referent-contact-public")
    page.fill("#f-referent-courriel", "contact@velo-solidaire.example")
    page.fill("#f-referent-consentement-date", "2025-03-01")
    page.fill("#f-referent-consentement-moyen", "courriel au correspondant du 1er mars 2025")
    for i, title in enumerate(t for t, _ in sections()["experiences"]):
        page.fill(f"#f-corps-{i}", body[title])
    page.fill("#f-correspondant", CORRESPONDENT)


def prepare(page) -> None:
    page.click("#proposer button[type=submit]")
    page.locator("#proposer-resultat").wait_for(state="visible")
    assert page.locator("#proposer-erreurs").is_hidden()


def decode_mailto(href: str) -> tuple[str, dict[str, str]]:
    assert href.startswith("mailto:")
    address, _, query = href[len("mailto:"):].partition("?")
    fields = {k: unquote(v) for k, v in (part.split("=", 1) for part in query.split("&"))}
    return address, fields


# -- the model's limits, in the page ----------------------------------------------------------------

def test_page_carries_the_model_limits(real_site):
    settings = settings_of(real_site.html(FORM))
    rules = settings["regles"]
    schema = Experience.model_json_schema()
    props, defs = schema["properties"], schema["$defs"]
    assert rules["titre"]["minLength"] == props["titre"]["minLength"] == 5
    assert rules["titre"]["maxLength"] == props["titre"]["maxLength"]
    assert (rules["resume"]["minLength"], rules["resume"]["maxLength"]) == (props["resume"]["minLength"], props["resume"]["maxLength"])
    assert rules["modeles"]["maxItems"] == props["modeles"]["maxItems"]
    assert rules["themes"]["maxItems"] == props["themes"]["maxItems"]
    assert rules["modeles.justification"]["minLength"] == defs["ModelUse"]["properties"]["justification"]["minLength"]
    assert rules["acteurs.nom"]["maxLength"] == defs["Actor"]["properties"]["nom"]["maxLength"]
    assert rules["periode.debut"]["minimum"] == defs["Period"]["properties"]["debut"]["anyOf"][0]["minimum"]
    assert rules["referent.courriel"]["pattern"] == Referent.model_json_schema()["properties"]["courriel"]["anyOf"][0]["pattern"]
    # What JSON Schema cannot say: which texts refuse « < » and « > ».
    assert rules["titre"]["texte"] == "court" and rules["resume"]["texte"] == "long"
    assert rules["referent.consentement"]["requis"] is False, "une fiche en relecture n'exige pas le consentement"
    assert rules["correspondant"]["requis"] is True
    assert settings == json.loads(json.dumps(form_schema.client_settings(
        real_site.bank, real_site.banque["comite_courriel"], real_site.settings["repo_url"], real_site.banque["edition_url"])))


def test_form_has_every_field_of_the_model_and_no_other(real_site):
    html = real_site.html(FORM)
    used = set(re.findall(r'data-regle="([^"]+)"', html))
    model_fields = set(Experience.model_fields) - set(form_schema.COMMITTEE_ONLY)
    assert {name.split(".")[0] for name in used} == model_fields | {"corps"}
    assert used <= set(settings_of(html)["regles"])
    # Every choice of every vocabulary is offered.
    rules = settings_of(html)["regles"]
    for name, ids in (("themes", rules["themes"]["elements"]["enum"]), ("modeles", rules["modeles.modele"]["enum"]),
                      ("nature", rules["nature"]["enum"]), ("referent-contact", rules["referent.contact"]["enum"])):
        for term_id in ids:
            assert f'id="f-{name}-{term_id}"' in html, (name, term_id)
    for name in ("territoires.niveau", "acteurs.type", "acteurs.role"):
        for term_id in rules[name]["enum"]:
            assert f'<option value="{term_id}">' in html, (name, term_id)
    for title, help_text in sections()["experiences"]:
        assert f">{title}" in html and typography.text(help_text).replace("'", "&#x27;") in html
    # Tools: the published tool sheets, and only them.
    offered = set(re.findall(r'name="outils\.([a-z0-9-]+)"', html))
    assert offered == {s.slug for s in real_site.bank.outils}


def test_settings_json_cannot_close_its_script_element():
    text = form_schema.script_json({"x": "</script><script>alert(1)</script>", "y": "a & b \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><script>alert(1)</script>", "y": "a & b \u2028"}


def test_forge_links_come_from_repo_url():
    forge = form_schema.forge("https://github.com/org/depot", "https://github.com/org/depot/edit/principale/")
    assert forge["nouveau"] == "https://github.com/org/depot/new/principale/content/experiences"
    assert forge["ticket"] == "https://github.com/org/depot/issues/new?template=proposer-une-experience.yml"
    assert form_schema.forge("https://gitlab.com/org/depot", "") is None


def test_territory_list_is_compact_complete_and_reproducible(real_site):
    data = (real_site.site / form_schema.TERRITORIES_FILE).read_bytes()
    assert data == form_schema.territory_list()
    assert len(data) < 400_000, f"liste des territoires trop lourde : {len(data)} octets"
    levels = json.loads(gzip.decompress(data))
    communes = dict(levels["commune"])
    assert communes["38185"] == "Grenoble" and len(communes) > 34_000
    assert ["Alsace", "Alsace", "44"] in levels["region"]
    assert dict(levels["departement"])["2A"] == "Corse-du-Sud"
    assert dict(levels["epci"])["200040715"] == "Grenoble-Alpes-Métropole"


# -- in the browser -------------------------------------------------------------------------------------

@pytest.mark.browser
def test_correspondent_proposes_an_experience_the_committee_accepts(page, watcher, real_site, real_server, tmp_path):
    page.goto(real_server.url(FORM))
    assert page.locator("#proposer").is_visible() and page.locator("#proposer-sans-js").is_hidden()
    territory_file = form_schema.TERRITORIES_FILE
    assert not any(territory_file in url for _, url in watcher.requests), "liste des territoires chargée d'emblée"

    # A wrong title: the message, in French, next to the field; then corrected.
    page.fill("#f-titre", "Atelier <b>vélo</b>")
    page.locator("#f-resume").focus()
    assert_error_next_to(page, "f-titre", "Les caractères « < » et « > » sont interdits dans ce champ.")
    page.fill("#f-titre", TITLE)
    assert_no_error(page, "f-titre")
    assert page.locator("#f-titre-slug").inner_text() == f"{SLUG}.md"
    # A résumé too short, then long enough.
    page.fill("#f-resume", "Trop court.")
    page.locator("#f-resume").blur()
    assert_error_next_to(page, "f-resume", "Trop court : au moins 60 caractères (11 pour l'instant).")
    page.fill("#f-resume", SUMMARY)
    assert_no_error(page, "f-resume")

    fill_sheet(page)
    assert any(territory_file in url for _, url in watcher.requests), "liste des territoires jamais chargée"
    expect(page.locator("#f-territoires-0-code")).to_have_value("38185")
    expect(page.locator("#f-territoires-0-code-lieu")).to_contain_text("Grenoble (Isère)")
    expect(page.locator("#f-territoires-1-code")).to_have_value("84")

    # The draft survives a reload.
    page.reload()
    assert "Brouillon retrouvé" in page.locator("#proposer-etat").inner_text()
    assert page.input_value("#f-titre") == TITLE
    assert page.input_value("#f-resume") == SUMMARY
    assert page.input_value("#f-territoires-1-code") == "84"
    assert page.input_value("#f-acteurs-1-nom") == "Club des entreprises d'Échirolles"
    assert page.is_checked("#f-referent-contact-public") and page.locator("#f-referent-courriel").is_visible()
    assert page.input_value("#f-corps-1") == BODY["Le partenariat"]
    assert page.input_value("#f-correspondant") == CORRESPONDENT

    prepare(page)
    assert page.locator("#proposer-nom-fichier").inner_text() == f"{SLUG}.md"
    with page.expect_download() as info:
        page.click("#proposer-telecharger")
    download = info.value
    assert download.suggested_filename == f"{SLUG}.md"
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    sheet = content / "experiences" / f"{SLUG}.md"
    download.save_as(sheet)
    text = sheet.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../../schema/experience.schema.json\n")
    assert page.locator("#proposer-apercu").text_content() == text

    # The committee's validator accepts it as it is.
    checked = banque("valider", str(sheet), "--contenu", str(content))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    bank = load_bank(content)
    m = next(s for s in bank.experiences if s.slug == SLUG).model
    assert m.statut == "en_relecture" and m.correspondant == CORRESPONDENT
    assert m.situation == dt.date.today().strftime("%Y-%m")  # the month the form was filled
    assert m.titre == TITLE and m.resume == SUMMARY
    assert [(t.niveau, t.codes) for t in m.territoires] == [("commune", ["38185"]), ("region", ["84"])]
    assert [a.nom for a in m.acteurs] == ["Association Vélo Solidaire", "Club des entreprises d'Échirolles"]
    assert m.outils == ["ptce"] and m.periode.debut == 2019 and m.periode.fin is None
    assert m.referent.contact == "public" and m.referent.courriel == "contact@velo-solidaire.example"
    assert m.referent.consentement.moyen == "courriel au correspondant du 1er mars 2025"
    assert str(m.sources[0].date) == "2024-03-15"
    sheet_obj = next(s for s in bank.experiences if s.slug == SLUG)
    assert dict(sheet_obj.sections) == BODY

    # A sheet received by e-mail goes through `banque importer` too.
    other = tmp_path / "autre"
    shutil.copytree(CONTENT, other)
    imported = banque("importer", str(sheet), "--contenu", str(other))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    assert (other / "experiences" / f"{SLUG}.md").is_file()

    # The e-mail carries the same file, to the committee.
    address, mail = decode_mailto(page.get_attribute("#proposer-courriel", "href"))
    assert address == real_site.banque["comite_courriel"]
    assert mail["subject"] == f"Proposition d'expérience : {TITLE}"
    assert mail["body"].replace("\r\n", "\n").endswith("\n\n" + text)
    # GitHub's "new file" page, pre-filled: the pull request path.
    forge = urlsplit(page.get_attribute("#proposer-forge", "href"))
    owner_repo = urlsplit(real_site.settings["repo_url"]).path.strip("/")
    assert (forge.scheme, forge.hostname, forge.path) == ("https", "github.com", f"/{owner_repo}/new/main/content/experiences")
    query = parse_qs(forge.query, keep_blank_values=True, strict_parsing=True)
    assert query == {"filename": [f"{SLUG}.md"], "value": [text]}


@pytest.mark.browser
def test_too_long_for_a_link_says_to_download_and_attach(page, real_site, real_server):
    page.goto(real_server.url(FORM))
    page.fill("#f-titre", "Une expérience racontée très longuement")
    page.fill("#f-resume", SUMMARY)
    fill_sheet(page, body={title: ("Un paragraphe détaillé, répété. " * 60).strip() for title in BODY})
    # No referent yet: the person's fields disappear and are not written.
    page.check("#f-referent-a-identifier")
    assert page.locator("#f-referent-nom").is_hidden()
    prepare(page)
    text = page.locator("#proposer-apercu").text_content()
    assert '\nreferent: "à identifier"\n' in text and "Camille Essai" not in text
    slug = "une-experience-racontee-tres-longuement"
    problems = writer.check_text("experiences", slug, text, CONTENT, CONTENT / "experiences" / f"{slug}.md")
    assert not [p for p in problems if p.severity == "erreur"], problems
    address, mail = decode_mailto(page.get_attribute("#proposer-courriel", "href"))
    assert address == real_site.banque["comite_courriel"]
    assert "racontee-tres-longuement.md est joint" in mail["body"] and "---" not in mail["body"]
    assert "trop longue pour tenir dans un courriel" in page.locator("#proposer-courriel-note").inner_text()
    assert page.get_attribute("#proposer-forge", "href").endswith("/upload/main/content/experiences")
    assert "téléchargez-la, puis déposez le fichier" in page.locator("#proposer-forge-note").inner_text()
    assert len(page.get_attribute("#proposer-courriel", "href")) <= form_schema.MAILTO_MAX


@pytest.mark.browser
def test_every_problem_is_listed_and_the_draft_can_be_erased(page, real_server):
    page.goto(real_server.url(FORM))
    page.fill("#f-titre", "Essai")
    page.fill("#f-periode-debut", "2030")
    page.fill("#f-periode-fin", "2020")
    page.fill("#f-corps-0", "## Un titre de section de trop")
    page.check("#f-referent-contact-public")
    page.fill("#f-referent-consentement-moyen", "accord oral")
    page.click("#proposer button[type=submit]")
    errors = page.locator("#proposer-erreurs")
    errors.wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "proposer-erreurs"
    listed = errors.inner_text()
    assert "points à corriger" in listed
    assert_error_next_to(page, "f-periode-fin", "L'année de fin (2020) précède l'année de début (2030).")
    assert_error_next_to(page, "f-corps-0", "réservés au plan de la fiche")
    assert_error_next_to(page, "f-referent-courriel", "Ce champ est obligatoire.")
    assert_error_next_to(page, "f-referent-consentement-date", "Indiquez aussi la date de l'accord")
    assert "Thèmes : Cochez de 1 à 5 thèmes" in listed
    assert page.locator("#f-themes-emploi-insertion").get_attribute("aria-invalid") == "true"
    assert page.locator("#proposer-resultat").is_hidden()
    # A link of the list takes the correspondent to the field.
    errors.get_by_role("link", name=re.compile("^Période — Année de fin")).click()
    assert page.evaluate("document.activeElement.id") == "f-periode-fin"

    page.click("#proposer-effacer")
    assert "Brouillon effacé" in page.locator("#proposer-etat").inner_text()
    assert page.input_value("#f-titre") == "" and errors.is_hidden()
    page.reload()
    assert page.input_value("#f-titre") == "" and page.input_value("#f-periode-fin") == ""
    assert "Brouillon retrouvé" not in page.locator("#proposer-etat").inner_text()


@pytest.mark.browser
def test_a_hostile_draft_is_read_back_within_bounds(page, real_server):
    """The draft comes from localStorage, which anything on this browser may have written:
    « "acteurs": 1e8 » used to build a hundred million rows and freeze the page."""
    page.goto(real_server.url(FORM))
    hostile = {"version": 1, "listes": {"acteurs": 1e8, "territoires": "9" * 9, "sources": -5, "indicateurs": 1e300},
               "valeurs": {"titre": "Brouillon gardé", "__proto__": {"x": 1}, "acteurs.0.nom": 42}}
    page.evaluate("d => localStorage.setItem('banque-proposition', JSON.stringify(d))", hostile)
    page.set_default_timeout(10_000)
    page.reload()
    assert page.input_value("#f-titre") == "Brouillon gardé"
    rows = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('[data-liste]'))
        .map(el => [el.dataset.liste, el.children.length]))""")
    maximum = form_schema.rules()["acteurs"].get("maxItems", 50)
    assert rows["acteurs"] == min(maximum, 50)
    assert rows["territoires"] == 1 and rows["sources"] >= 1 and rows["indicateurs"] <= 50
    assert page.input_value("#f-acteurs-0-nom") == ""  # a number is not a text value
    # A draft too large is not read at all: the form starts empty.
    page.evaluate("() => localStorage.setItem('banque-proposition', JSON.stringify({version: 1, listes: {},"
                  " valeurs: {titre: 'x'.repeat(1100000)}}))")
    page.reload()
    assert page.input_value("#f-titre") == ""


@pytest.mark.browser
def test_form_passes_axe_with_errors_shown(browser, real_server):
    seen = Watcher()
    context, p = open_page(browser, seen)
    install_axe(context)
    try:
        p.goto(real_server.url(FORM))
        p.click("[data-ajouter=indicateurs]")
        p.click("#proposer button[type=submit]")
        p.locator("#proposer-erreurs").wait_for(state="visible")
        # The form itself: the theme's own controls (such as the « back to top »
        # button, mid-fade after the focus moves) are the site-wide tests' business.
        found = p.evaluate(
            """async (tags) => {
                 const r = await axe.run({include: [['.md-content']]},
                                         {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                 return r.violations.map(v => ({
                   rule: v.id, impact: v.impact || 'minor', help: v.help,
                   targets: v.nodes.map(n => n.target.join(' ')),
                   summaries: v.nodes.map(n => n.failureSummary || ''),
                 }));
               }""", WCAG_TAGS)
        blocking = [v for v in map(lambda v: Violation(**v), found) if v.impact in BLOCKING]
    finally:
        context.close()
    assert not blocking, "\n".join(v.describe() for v in blocking)
    seen.assert_clean()


@pytest.mark.browser
def test_without_javascript_the_page_gives_the_email_and_issue_paths(browser, real_site, real_server):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    try:
        p = context.new_page()
        p.goto(real_server.url(FORM))
        assert p.locator("#proposer").is_hidden()
        fallback = p.locator("#proposer-sans-js")
        assert fallback.is_visible()
        mail = fallback.locator(f'a[href^="mailto:{real_site.banque["comite_courriel"]}"]')
        assert mail.count() == 1
        issue = fallback.get_by_role("link", name=re.compile("formulaire « Proposer une expérience »"))
        assert issue.get_attribute("href") == f'{real_site.settings["repo_url"]}/issues/new?template=proposer-une-experience.yml'
        assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "proposer-une-experience.yml").is_file()
    finally:
        context.close()


TITLES = [
    "L'atelier vélo solidaire d'Échirolles",
    "Aujourd'hui, presqu'île : l'œuvre d'Æsop à Saint-Étienne",
    "Jusqu'à l'été, qu'en dit-on ? « Lorsqu'il pleut »",
    "  Économie  sociale — et solidaire !!  ",
    "Émilie’s ﬁnance ß 2024",
    "Un titre très long " + "avec beaucoup de mots " * 8,
    "<b>", "ÀÉÎÕÜ", "Coopérative ＡＢＣ",
]
YAML_VALUES = ['a "quoted" value', "back\\slash", "deux-points : et # dièse", "- tiret", "[liste]", "{objet}",
               "yes", "NO", "01000", "2015-02-30", "null", "~", "&ancre *alias !!tag", "ligne\nsuivante",
               "tab\there", "\u2028séparateur\u2029", "\x85", "\ufeffBOM", "émoji 🚲", "'apostrophe'", "%pourcent", "@arobase"]


@pytest.mark.browser
def test_javascript_slug_and_yaml_match_python(page, real_server):
    page.goto(real_server.url(FORM))
    run = "async ([url, name, args]) => { const f = (await import(url))[name]; return args.map(a => f(a)); }"
    slugs = page.evaluate(run, [real_server.url("assets/javascripts/texte.js"), "sheetSlug", TITLES])
    assert slugs == [sheet_slug(t) for t in TITLES]
    quoted = page.evaluate(run, [real_server.url("assets/javascripts/proposer/fiche.js"), "yamlString", YAML_VALUES])
    text = "\n".join(f"v{i}: {q}" for i, q in enumerate(quoted))
    doc, issues = yaml_strict.parse(text)
    assert not issues, issues
    assert doc.data == {f"v{i}": v for i, v in enumerate(YAML_VALUES)}
