"""Hostile content cannot run: the corpus of tests/site/hostile/, and the layers it goes through.

1. validation refuses what has no business in a sheet (markup in short
   fields, javascript: addresses, images without alt text, personal addresses,
   oversized files);
2. the sanitiser (sanitize.py) strips what a sheet body may not keep;
3. every page carries a Content-Security-Policy (csp.py);
4. the scan of the built site (html_scan.py) fails the build on anything left.

A referent switched to `masque`, or removed, disappears from every output.
No browser here: see test_securite_navigateur.py for the same site in Chromium.
The sanitiser's allowlist and the policy's parts have their unit tests in
test_sanitize.py and test_csp.py.
"""

from __future__ import annotations

import html as html_lib
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from banque.sheets.check import validate
from banque.sheets.problem import Problem
from banque.site import csp, html_scan, sanitize
from tests.navigateur import CONTENT, ROOT, SITE_PREFIX, build_site, fold, run_build
from tests.site.hostile.corpus import (
    HOSTILE,
    OUTCOMES,
    REFERENT_SHEET,
    case_id,
    cases,
    cases_with,
    expected,
    page_of,
    visible_text,
)
from tests.site.site_files import site_texts

PUBLISHED = cases_with("publiee")
REFUSED = cases_with("refusee")
BUILD_REFUSED = cases_with("construction_refusee")


def _report(problems) -> list[str]:
    return [f"{p.line}: {p.field}: {p.message}" for p in problems]


# -- the corpus itself -----------------------------------------------------------------------

def test_every_case_has_an_expected_outcome():
    sheets = cases()
    assert len(sheets) >= 20
    for sheet in sheets:
        outcome = expected(sheet)
        assert outcome["resultat"] in OUTCOMES, sheet.name
        keys = {"refusee": {"problemes"}, "publiee": {"absent", "present", "html", "uniques"},
                "construction_refusee": {"etape", "messages"}}[outcome["resultat"]]
        assert set(outcome) - {"resultat"} <= keys and set(outcome) & keys, f"{sheet.name} : {sorted(outcome)}"
    orphans = [p.name for kind in ("experiences", "outils") for p in (HOSTILE / kind).glob("*.attendu")
               if not p.with_suffix(".md").exists()]
    assert not orphans
    assert PUBLISHED and REFUSED and BUILD_REFUSED


def test_readme_lists_every_case():
    readme = (HOSTILE / "README.md").read_text(encoding="utf-8")
    missing = [case_id(s) for s in cases() if f"`{s.stem}`" not in readme]
    assert not missing, f"cas absents de tests/site/hostile/README.md : {missing}"


# -- 1. validation ---------------------------------------------------------------------------

@pytest.mark.parametrize("sheet", REFUSED, ids=case_id)
def test_refused_case_gets_exactly_its_french_report(sheet: Path):
    _, problems = validate([sheet], HOSTILE)
    assert _report(problems) == expected(sheet)["problemes"]


@pytest.mark.parametrize("sheet", PUBLISHED + BUILD_REFUSED, ids=case_id)
def test_other_cases_pass_validation(sheet: Path):
    """Their danger is in what they would become: validation lets them through."""
    _, problems = validate([sheet], HOSTILE)
    assert problems == [], "\n".join(map(str, problems))


def test_phone_field_is_refused():
    # Covered by the negative examples: `referent.telephone` is an unknown field.
    golden = (HOSTILE.parents[1] / "sheets" / "exemples" / "negatifs" / "experiences" / "champ-inconnu.attendu").read_text(encoding="utf-8")
    assert "referent.telephone: champ inconnu" in golden


@pytest.mark.parametrize("address, refused", [
    ("contact@association-essai.org", False),
    ("partenariats@association-essai.org", False),
    ("epicerie13@gmail.com", True),
    ("contact@yahoo.fr", True),
    ("contact@yahoo.co.uk", True),
    ("asso@hotmail.fr", True),
    ("asso@outlook.com", True),
    ("asso@live.fr", True),
    ("asso@orange.fr", True),
    ("asso@free.fr", True),
    ("asso@sfr.fr", True),
    ("asso@laposte.net", True),
    ("asso@wanadoo.fr", True),
    ("asso@icloud.com", True),
    ("asso@protonmail.com", True),
    ("contact@asso-orange.fr", False),  # a structure's own domain that merely contains a provider's name
    ("camille.essai@association-essai.org", True),
    ("c.essai@association-essai.org", True),
    ("cessai@association-essai.org", True),
    ("essai.camille@association-essai.org", True),
    ("camille@association-essai.org", True),
])
def test_public_address_must_be_functional(address: str, refused: bool, tmp_path):
    sheet = tmp_path / "experiences" / "courriel-au-nom-du-referent.md"
    sheet.parent.mkdir()
    text = (HOSTILE / "experiences" / sheet.name).read_text(encoding="utf-8")
    sheet.write_text(text.replace("camille.essai@association-essai.org", address), encoding="utf-8")
    _, problems = validate([sheet], tmp_path)
    assert bool(problems) is refused, _report(problems)
    if refused:
        assert [p.field for p in problems] == ["referent.courriel"]
        assert "contact: via_comite" in problems[0].message


def _banque(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "banque.cli", *args], cwd=ROOT, capture_output=True, text=True)


@pytest.mark.parametrize("command", ["valider", "relire"])
def test_terminal_escape_codes_are_never_echoed_raw(command: str, tmp_path):
    """A territory code, a nature, an unknown key and a title holding escape codes: shown as « \\x1b »."""
    sheet = tmp_path / "experiences" / "echappements-terminal.md"
    sheet.parent.mkdir()
    text = (HOSTILE / "experiences" / sheet.name).read_text(encoding="utf-8")
    title = "titre: Essai hostile, codes d'échappement du terminal"
    assert title in text
    sheet.write_text(text.replace(title, f'titre: "\\e[2J{title[7:]}"'), encoding="utf-8")
    result = _banque(command, str(sheet))
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out), repr(out)
    assert "13\\x1b[2J\\x1b]0;pirate\\x07" in out and "cle\\x1b[8m" in out and "partenariat\\x1b[31m" in out


def _huge_sheet(folder: Path, megabytes: int = 20) -> Path:
    """A valid sheet padded to `megabytes` MB: generated, never committed."""
    sheet = folder / "experiences" / "fiche-enorme.md"
    sheet.parent.mkdir(parents=True, exist_ok=True)
    text = REFERENT_SHEET.read_text(encoding="utf-8").replace("essai-referent-a-masquer", "fiche-enorme")
    line = ("Une phrase de remplissage qui répète la même chose encore et encore. " * 10 + "\n").encode("utf-8")
    with sheet.open("wb") as out:
        out.write(text.encode("utf-8"))
        for _ in range(megabytes * 1_000_000 // len(line) + 1):
            out.write(line)
    return sheet


def test_20_mb_sheet_is_refused_at_once(tmp_path):
    sheet = _huge_sheet(tmp_path)
    assert sheet.stat().st_size >= 20_000_000
    start = time.perf_counter()
    _, problems = validate([sheet], tmp_path)
    elapsed = time.perf_counter() - start
    assert _report(problems) == ["1: fichier: fichier trop volumineux (20.0 Mo, au plus 200 ko)"]
    assert elapsed < 1.0, f"{elapsed:.2f} s : le fichier a été lu au lieu d'être refusé sur sa taille"


def test_20_mb_sheet_stops_the_build(tmp_path):
    content = tmp_path / "content"
    _huge_sheet(content)
    (content / "outils").mkdir()
    result = run_build(content, tmp_path / "build")
    assert result.returncode == 1
    assert "fichier trop volumineux (20.0 Mo, au plus 200 ko)" in result.stdout
    assert not (tmp_path / "build" / "site").exists()


# Files that are not plain sheets: made by the test (a pipe, links and folders are not versioned).
_NBSP = "\u00a0"
_LINK = f"lien symbolique refusé{_NBSP}: une fiche est un fichier ordinaire de content/"
_ELSEWHERE = "fiche hors de content/experiences/ ou content/outils/"


def _extension(name: str) -> str:
    suffix = name[name.rindex("."):]
    return (f"extension «{_NBSP}{suffix}{_NBSP}» ignorée par le site{_NBSP}: "
            f"une fiche se termine par «{_NBSP}.md{_NBSP}» en minuscules")


NOT_SHEETS = [
    # (case, file under content/, how it is made, the report's line for it)
    ("lien-vers-dev-zero", "experiences/z.md", lambda p, secret: p.symlink_to("/dev/zero"), _LINK),
    ("tube-nomme", "experiences/tube.md", lambda p, secret: os.mkfifo(p),
     f"«{_NBSP}tube.md{_NBSP}» n'est pas un fichier ordinaire (tube nommé)"),
    ("lien-hors-du-depot", "experiences/dehors.md", lambda p, secret: p.symlink_to(secret), _LINK),
    ("dossier-nomme-md", "experiences/piege.md", lambda p, secret: p.mkdir(),
     f"«{_NBSP}piege.md{_NBSP}» n'est pas un fichier ordinaire (dossier)"),
    ("extension-majuscule", "experiences/fiche.MD", lambda p, secret: shutil.copy(secret, p), _extension("fiche.MD")),
    ("extension-markdown", "experiences/fiche.markdown", lambda p, secret: shutil.copy(secret, p),
     _extension("fiche.markdown")),
    ("sous-dossier", "experiences/sous/x.md", lambda p, secret: shutil.copy(secret, p), _ELSEWHERE),
    ("racine-de-content", "x.md", lambda p, secret: shutil.copy(secret, p), _ELSEWHERE),
]


def _content_with(tmp_path: Path, traps) -> Path:
    """A small bank (one valid sheet) plus the traps; `secret.md` is a valid sheet outside content/."""
    content = tmp_path / "content"
    (content / "outils").mkdir(parents=True)
    (content / "experiences").mkdir()
    shutil.copy(HOSTILE / "experiences" / "resume-guillemets.md", content / "experiences")
    secret = tmp_path / "secret.md"
    text = (HOSTILE / "experiences" / "resume-guillemets.md").read_text(encoding="utf-8")
    secret.write_text(text.replace("Essai hostile", "SECRET-HORS-DU-DEPOT"), encoding="utf-8")
    for _, name, make, _ in traps:
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        make(path, secret)
    return content


@pytest.mark.parametrize("case", NOT_SHEETS, ids=lambda c: c[0])
def test_a_file_that_is_not_a_plain_sheet_is_refused_by_name(tmp_path, case):
    """Before: /dev/zero exhausted memory, a pipe hung forever, a link published a file from
    outside the repository, a folder crashed (IsADirectoryError), the other names were ignored."""
    _, name, _, message = case
    content = _content_with(tmp_path, [case])
    args = [sys.executable, "-m", "banque.cli", "valider", "--contenu", str(content), str(content)]
    result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out, out
    assert f"content/{name}:1: fichier: {message}\n" in out, out
    assert "✗ 1 erreur dans 1 fiche" in out  # the valid sheet passes: only the trap is refused
    assert "SECRET-HORS-DU-DEPOT" not in out


def test_files_that_are_not_sheets_stop_the_build_at_once(tmp_path):
    content = _content_with(tmp_path, NOT_SHEETS)
    start = time.perf_counter()
    result = run_build(content, tmp_path / "build")
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert f"✗ {len(NOT_SHEETS)} erreurs dans {len(NOT_SHEETS)} fiches" in result.stdout
    assert time.perf_counter() - start < 60
    assert not (tmp_path / "build" / "site").exists()


# -- 2. the sanitiser ------------------------------------------------------------------------

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    "<ScRiPt>window.__pwned=1</sCrIpT>",
    '<script src="https://attaquant.example/x.js"></script>',
    "<svg><script>window.__pwned=1</script></svg>",
    '<svg onload="window.__pwned=1"></svg>',
    '<math><mi xlink:href="javascript:window.__pwned=1">x</mi></math>',
    '<iframe src="https://attaquant.example/"></iframe>',
    '<iframe srcdoc="&lt;script&gt;window.__pwned=1&lt;/script&gt;"></iframe>',
    '<object data="https://attaquant.example/x.swf"></object>',
    '<embed src="https://attaquant.example/x.swf">',
    "<style>body{display:none}</style>",
    '<link rel="stylesheet" href="https://attaquant.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">',
    '<base href="https://attaquant.example/">',
    '<form action="javascript:window.__pwned=1"><button>ok</button></form>',
    '<img src="x" onerror="window.__pwned=1">',
    '<IMG SRC="x" ONERROR="window.__pwned=1">',
    '<p onclick="window.__pwned=1">x</p>',
    '<div OnMouseOver="window.__pwned=1">x</div>',
    '<details ontoggle="window.__pwned=1" open>x</details>',
    '<a href="javascript:window.__pwned=1">x</a>',
    '<a href="JaVaScRiPt:window.__pwned=1">x</a>',
    '<a href="&#106;avascript:window.__pwned=1">x</a>',
    '<a href="&#x6A;avascript:window.__pwned=1">x</a>',
    '<a href="&#0000106avascript:window.__pwned=1">x</a>',
    '<a href="javascript&colon;window.__pwned=1">x</a>',
    '<a href="   javascript:window.__pwned=1">x</a>',
    '<a href="&#x20;javascript:window.__pwned=1">x</a>',
    '<a href="java&#x09;script:window.__pwned=1">x</a>',
    '<a href="java&NewLine;script:window.__pwned=1">x</a>',
    '<a href="\x01javascript:window.__pwned=1">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+">x</a>',
    '<img src="data:image/svg+xml,&lt;svg onload=window.__pwned=1&gt;" alt="x">',
    '<p style="position:fixed;top:0">x</p>',
    '<img src="https://traceur.example/p.gif" alt="x">',
    '<img src="//traceur.example/p.gif" alt="x">',
    '<div id="__config">{}</div>',
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_sanitiser_leaves_nothing_that_runs_or_loads(payload: str):
    cleaned = sanitize.clean(payload)
    lowered = html_lib.unescape(cleaned).lower()
    for bad in ("<script", "<svg", "<math", "<iframe", "<object", "<embed", "<style", "<link", "<meta",
                "<base", "<form", "__pwned", "javascript", "vbscript", "data:", "style=", "attaquant", "traceur",
                "__config"):
        assert bad not in lowered, f"{payload!r} → {cleaned!r}"
    assert not re.search(r"\son[a-z]+\s*=", lowered), f"{payload!r} → {cleaned!r}"
    # The scan of built pages agrees: nothing left to report.
    assert _scan_fragment(cleaned) == []


# -- 3. the Content-Security-Policy ------------------------------------------------------------

def test_every_built_page_has_its_policy_in_head(hostile_site):
    pages = sorted(hostile_site.site.rglob("*.html"))
    assert len(pages) > 20 and (hostile_site.site / "404.html") in pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        assert head.count('http-equiv="Content-Security-Policy"') == 1, page
        assert text.count('http-equiv="Content-Security-Policy"') == 1, page


# -- 4. the sheets published sanitised, and the scan of the built site --------------------------------

@pytest.mark.parametrize("sheet", PUBLISHED, ids=case_id)
def test_published_case_is_sanitised(hostile_site, sheet: Path):
    want = expected(sheet)
    page = page_of(hostile_site.site, sheet)
    raw = page.read_text(encoding="utf-8")
    lowered = raw.lower()
    text = visible_text(raw)
    for bad in want.get("absent", []):
        assert bad.lower() not in lowered, f"« {bad} » reste dans {page.relative_to(hostile_site.site)}"
    for good in want.get("present", []):
        assert good in text, f"« {good} » manque dans le texte de la page"
    for fragment in want.get("html", []):
        assert fragment in raw, f"fragment absent : {fragment}"
    for ident in want.get("uniques", []):
        assert raw.count(f'id="{ident}"') == 1, ident
    assert html_scan.scan_page(page, hostile_site.site, SITE_PREFIX) == []


def test_hostile_sheets_never_reach_exports_or_feed_as_markup(hostile_site):
    for rel in ("donnees/experiences.json", "donnees/experiences.csv", "donnees/outils.json", "flux.xml"):
        text = (hostile_site.site / rel).read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "onerror=" not in text.lower(), rel


def test_feed_and_sitemap_stay_valid_xml(hostile_site):
    for rel in ("flux.xml", "sitemap.xml"):
        ElementTree.parse(hostile_site.site / rel)  # raises on a character XML forbids


def test_a_tool_title_is_text_on_every_page_that_lists_it(hostile_site):
    """« [Cliquez ici](https://attaquant.example) **urgent** »: its page, the tools' list, the
    experiences that cite it, the reason two experiences are related."""
    title = "[Cliquez ici](https://attaquant.example) **urgent**"
    listing = [p for p in sorted(hostile_site.site.rglob("*.html")) if title in visible_text(p.read_text(encoding="utf-8"))]
    rels = {p.relative_to(hostile_site.site).as_posix() for p in listing}
    assert {"outils/index.html", "outils/outil-titre-lien/index.html",
            "experiences/cite-outil-titre-lien-1/index.html"} <= rels, rels
    related = (hostile_site.site / "experiences" / "cite-outil-titre-lien-2" / "index.html").read_text(encoding="utf-8")
    assert "même outil : " + title in visible_text(related)
    for page in listing:
        text = page.read_text(encoding="utf-8")
        assert 'href="https://attaquant.example' not in text and "<strong>urgent" not in text, page


def _scan_fragment(fragment: str) -> list[Problem]:
    """Findings of the scan on a one-page site whose body is `fragment`."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        (site / "assets").mkdir()
        (site / "assets" / "site.js").write_text("", encoding="utf-8")
        page = f'<!doctype html><html><head><meta charset="utf-8"></head><body>{fragment}</body></html>'
        (site / "index.html").write_text(csp.add_policy(page), encoding="utf-8")
        return html_scan.scan_site(site)


@pytest.mark.parametrize("fragment, message", [
    ("<script>window.__pwned=1</script>", "script intégré inconnu"),
    ('<script src="https://attaquant.example/x.js"></script>', "script chargé depuis un autre site"),
    ('<script src="//attaquant.example/x.js"></script>', "script chargé depuis un autre site"),
    ('<script src="introuvable.js"></script>', "script qui n'est pas un fichier .js du site"),
    ('<script src="../../etc/passwd"></script>', "script qui n'est pas un fichier .js du site"),
    ('<img src="x" OnError="window.__pwned=1" alt="x">', "attribut d'événement « onerror »"),
    ('<a href="JaVaScRiPt:window.__pwned=1">x</a>', "adresse « javascript: » interdite dans l'attribut « href »"),
    ('<a href="&#106;avascript:window.__pwned=1">x</a>', "adresse « javascript: » interdite"),
    ('<a href="java&#x09;script:window.__pwned=1">x</a>', "adresse « javascript: » interdite"),
    ('<a href=" vbscript:msgbox(1)">x</a>', "adresse « vbscript: » interdite"),
    ('<img src="data:image/png;base64,AAAA" alt="x">', "adresse « data: » interdite dans l'attribut « src »"),
    ('<form action="javascript:x"></form>', "interdite dans l'attribut « action »"),
    ('<img srcset="a.png 1x, javascript:x 2x" alt="x">', "interdite dans l'attribut « srcset »"),
    ('<iframe src="https://attaquant.example/"></iframe>', "élément <iframe> interdit"),
    ('<object data="x.swf"></object>', "élément <object> interdit"),
    ('<embed src="x.swf">', "élément <embed> interdit"),
    ('<meta http-equiv="refresh" content="0; url=javascript:x">', "redirection vers une adresse « javascript: »"),
])
def test_scan_reports_each_danger_in_french(fragment: str, message: str):
    findings = _scan_fragment(fragment)
    assert any(message in f.message for f in findings), findings
    assert all(f.path == "index.html" and f.line >= 1 for f in findings)


def test_scan_accepts_the_site_s_own_scripts_and_data_blocks():
    assert _scan_fragment('<script src="assets/site.js"></script>'
                          '<script id="__config" type="application/json">{"base": "."}</script>'
                          '<a href="mailto:x@example.org">x</a> <a href="https://example.org/">y</a>') == []


def test_scan_requires_the_policy_on_every_page(tmp_path):
    (tmp_path / "index.html").write_text("<html><head></head><body>x</body></html>", encoding="utf-8")
    findings = html_scan.scan_site(tmp_path)
    assert [f.message for f in findings] == ["pas de politique de sécurité (meta Content-Security-Policy)"]
    page = csp.add_policy("<html><head></head><body><p>x</p></body></html>")
    (tmp_path / "index.html").write_text(page.replace("'self'", "'self' 'unsafe-inline'", 1), encoding="utf-8")
    assert [f.message for f in html_scan.scan_site(tmp_path)] == ["politique de sécurité différente de celle attendue (« default-src » : 'unsafe-inline')"]


def test_scan_report_names_file_line_and_element():
    text = html_scan.report(_scan_fragment('<p>\n<img src="x" onerror="window.__pwned=1" alt="x"></p>'))
    assert text.startswith("1 élément dangereux dans les pages produites :")
    # Line 3: the page's first line, then the policy meta, then the fragment's second line.
    assert '  - index.html, ligne 3 : <img src="x" onerror="window.__pwned=1" alt="x"> : attribut d\'événement « onerror » interdit' in text


# -- 5. links inside the bank are checked by the strict build -------------------------------------

@pytest.mark.parametrize("sheet", BUILD_REFUSED, ids=case_id)
def test_build_refused_case_names_step_and_link(sheet: Path, tmp_path):
    content = tmp_path / "content"
    for kind in ("experiences", "outils"):
        (content / kind).mkdir(parents=True)
    shutil.copy2(sheet, content / sheet.parent.name / sheet.name)
    result = run_build(content, tmp_path / "build")
    out = result.stdout + result.stderr
    want = expected(sheet)
    assert result.returncode == 1
    assert f"Échec à l'étape « {want['etape']} »" in out
    for message in want["messages"]:
        assert message in out
    assert "Le site précédent reste en place." in out
    assert not (tmp_path / "build" / "site").exists()


# -- 6. a referent masked, then removed, leaves no trace ------------------------------------------

REFERENT_WORDS = ["Philibertine", "Oudart", "Vasquez", "jardinière coordinatrice", "Oudartienne"]


def _mentions(folder: Path, words=REFERENT_WORDS) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for rel, text in site_texts(folder):
        folded = fold(text)
        hits = [w for w in words if w in text or fold(w) in folded]
        if hits:
            found[rel] = hits
    return found


@pytest.fixture(scope="module")
def referent_build(tmp_path_factory):
    """A bank of two sheets (one real, one fictional with a named referent), built once."""
    folder = tmp_path_factory.mktemp("referent")
    content = folder / "content"
    (content / "experiences").mkdir(parents=True)
    (content / "outils").mkdir()
    shutil.copy2(CONTENT / "experiences" / "laveo-structures-insertion.md", content / "experiences")
    shutil.copy2(REFERENT_SHEET, content / "experiences")
    return build_site(content, folder / "build")


def test_named_referent_is_found_by_the_leak_check(referent_build):
    """The check below would see a leak: the named referent is in the page and the exports,
    and the search index is read decompressed (the sheet's title is found in it)."""
    found = _mentions(referent_build.site)
    slug = REFERENT_SHEET.stem
    assert f"experiences/{slug}/index.html" in found
    assert "donnees/experiences.json" in found and "donnees/experiences.csv" in found
    title = _mentions(referent_build.site, ["jardin partagé entre une école"])
    assert any(rel.startswith("pagefind/fragment/") for rel in title)


def _rebuild(build, sheet_text: str):
    content = build.content
    (content / "experiences" / REFERENT_SHEET.name).write_text(sheet_text, encoding="utf-8")
    result = run_build(content, build.build)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_masking_then_removing_a_referent_erases_them_from_every_output(referent_build, tmp_path):
    """Rebuilt into the same build folder: no stale file keeps the name."""
    build = referent_build
    # Work on a copy: the module's build stays as it was for other tests.
    content, out = tmp_path / "content", tmp_path / "build"
    shutil.copytree(build.content, content)
    shutil.copytree(build.build, out)
    build = type(build)(content, out, build.log)
    original = REFERENT_SHEET.read_text(encoding="utf-8")
    slug = REFERENT_SHEET.stem

    # Opposition: the same sheet, contact « masque » (the name left in the file, the worst case).
    _rebuild(build, original.replace("contact: via_comite", "contact: masque"))
    assert (out / "site" / "experiences" / slug / "index.html").is_file()
    leaks = _mentions(out)  # site and generated docs alike
    assert not leaks, f"référent masqué encore présent : {leaks}"
    checked = {rel for rel, _ in site_texts(out / "site")}
    for must in ("donnees/experiences.json", "donnees/experiences.csv", "flux.xml", "sitemap.xml",
                 f"experiences/{slug}/index.html"):
        assert must in checked
    assert any(rel.startswith("pagefind/fragment/") for rel in checked)

    # Erasure: the referent removed, so the sheet goes back to draft and leaves the site.
    removed = re.sub(r"referent:\n(  .*\n|    .*\n)+", "referent: à identifier\n", original)
    removed = removed.replace("statut: publiee", "statut: brouillon")
    assert "Philibertine" not in removed
    _rebuild(build, removed)
    assert not (out / "site" / "experiences" / slug).exists()
    assert not (out / "docs" / "experiences" / f"{slug}.md").exists()
    leaks = _mentions(out, REFERENT_WORDS + [slug, "jardin partagé entre une école"])
    assert not leaks, f"fiche retirée encore présente : {leaks}"
