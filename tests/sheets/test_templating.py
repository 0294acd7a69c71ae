"""The jinja2 environment that writes Markdown: its filters, the rules it
offers the templates, escaping of every printed value, and no silent blank."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest
import yaml

from banque.sheets.markdown_text import Raw
from banque.sheets.policy import policy
from banque.sheets.templating import date_fr, environment, front_matter, relative


def render(tmp_path: Path, source: str, **values: object) -> str:
    (tmp_path / "page.md.j2").write_text(source, encoding="utf-8")
    return environment(tmp_path).get_template("page.md.j2").render(**values)


# -- date_fr ------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2026, 1, 1), "1er janvier 2026"),
    (dt.date(2015, 1, 8), "8 janvier 2015"),
    (dt.date(2024, 2, 29), "29 février 2024"),
    (dt.date(2025, 8, 1), "1er août 2025"),
    (dt.date(2025, 12, 31), "31 décembre 2025"),
    (dt.date(2025, 10, 11), "11 octobre 2025"),
    (dt.date(2025, 5, 21), "21 mai 2025"),
])
def test_date_in_french(day: dt.date, text: str):
    assert date_fr(day) == text


def test_no_date_is_no_text():
    assert date_fr(None) == ""


def test_every_month_has_its_french_name():
    names = [date_fr(dt.date(2025, m, 2)).split()[1] for m in range(1, 13)]
    assert names == ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                     "septembre", "octobre", "novembre", "décembre"]


# -- front_matter -------------------------------------------------------------------------


def test_front_matter_is_yaml_that_reads_back_as_the_data():
    data = {"title": "Lavéo : l'insertion [par] le *lavage* # sans eau", "description": "un mot " * 60 + "fin",
            "tags": ["emploi", "Île-de-France"], "search": {"exclude": True}}
    text = front_matter(data)
    assert isinstance(text, Raw)
    assert yaml.safe_load(text) == data
    assert "Île-de-France" in text  # readable, not \u escapes
    assert len(text.splitlines()) == 7  # a long value stays on one line
    assert text.splitlines()[0].startswith("description:")  # keys sorted: stable pages
    assert not text.endswith("\n")


def test_front_matter_is_printed_unescaped_by_templates(tmp_path: Path):
    page = render(tmp_path, "---\n{{ meta | front_matter }}\n---\n", meta={"title": "*Un* titre"})
    assert page == "---\ntitle: '*Un* titre'\n---\n"


# -- rel --------------------------------------------------------------------------------


@pytest.mark.parametrize(("target", "here", "link"), [
    ("territoires/bretagne.md", "experiences/laveo.md", "../territoires/bretagne.md"),
    ("territoires/bretagne.md", "index.md", "territoires/bretagne.md"),
    ("experiences/autre.md", "experiences/laveo.md", "autre.md"),
    ("index.md", "territoires/regions/bretagne.md", "../../index.md"),
    ("themes/économie (sociale).md", "index.md", "themes/%C3%A9conomie%20%28sociale%29.md"),
])
def test_relative_link_between_pages(target: str, here: str, link: str):
    assert relative(target, here) == link and isinstance(relative(target, here), Raw)


def test_rel_filter_in_a_template(tmp_path: Path):
    page = render(tmp_path, "[Bretagne]({{ 'territoires/bretagne.md' | rel(here) }})", here="experiences/laveo.md")
    assert page == "[Bretagne](../territoires/bretagne.md)"


# -- printed values -----------------------------------------------------------------------------


def test_every_printed_value_is_escaped(tmp_path: Path):
    page = render(tmp_path, "# {{ titre }}\n", titre="[x](javascript:alert(1)) *gras*")
    assert page == "# \\[x\\]\\(javascript:alert\\(1\\)\\) \\*gras\\*\n"


def test_raw_attr_and_url_filters(tmp_path: Path):
    source = "{{ corps | raw }}|<a title=\"{{ titre | attr }}\">|[l]({{ adresse | url }})"
    page = render(tmp_path, source, corps="## Contexte", titre='"x"', adresse="https://exemple.org/a b")
    assert page == '## Contexte|<a title="&quot;x&quot;">|[l](https://exemple.org/a%20b)'


def test_none_prints_nothing(tmp_path: Path):
    assert render(tmp_path, "[{{ rien }}]", rien=None) == "[]"


def test_a_missing_value_is_an_error_not_a_blank(tmp_path: Path):
    with pytest.raises(jinja2.UndefinedError, match="absent"):
        render(tmp_path, "Titre : {{ absent }}")
    with pytest.raises(jinja2.UndefinedError):
        render(tmp_path, "{{ fiche.titre }}", fiche={})


def test_another_finalize_replaces_the_escaping(tmp_path: Path):
    (tmp_path / "page.txt.j2").write_text("{{ titre }}", encoding="utf-8")
    env = environment(tmp_path, finalize=lambda v: f"«{v}»")
    assert env.get_template("page.txt.j2").render(titre="*x*") == "«*x*»"


def test_templates_keep_their_last_newline_and_trim_block_lines(tmp_path: Path):
    source = "{% for x in items %}\n- {{ x }}\n{% endfor %}\n"
    assert render(tmp_path, source, items=["a", "b"]) == "- a\n- b\n"


# -- the rules ---------------------------------------------------------------------------


def test_templates_read_the_rules_as_regles(tmp_path: Path):
    rules = policy().for_templates()
    assert environment(tmp_path).globals["regles"] == rules
    page = render(tmp_path, "{{ regles.statut.published }} {{ regles.resume.min }}–{{ regles.resume.max }}")
    assert page == f"{policy().status.published} {policy().summary_min}–{policy().summary_max}"
