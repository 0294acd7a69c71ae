"""The Content-Security-Policy of a page (site/csp.py): which inline scripts are
the theme's, their hashes, and where the policy goes. That every built page
carries it is checked in test_hostile.py."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from banque.site import csp

THEME_SCRIPT = ('var target=document.getElementById(location.hash.slice(1));'
                'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))')
NO_SCRIPT_POLICY = "; ".join(" ".join([name, *sources]) for name, sources in csp.DIRECTIVES)


def directives(page: str) -> dict[str, str]:
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert found, page
    return dict(d.split(" ", 1) for d in found.group(1).split("; "))


def test_theme_inline_scripts_are_recognised_exactly():
    base = ('__md_scope=new URL("../..",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
            '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')
    assert csp.is_theme_script(base)
    assert csp.is_theme_script(base.replace('"../.."', '"/banque-experiences/"'))
    # The placeholder (a base URL) cannot smuggle code or close the string.
    assert not csp.is_theme_script(base.replace('"../.."', '"",alert(1),"'))
    assert not csp.is_theme_script(base + ";window.__pwned=1")
    assert not csp.is_theme_script("window.__pwned=1")
    assert not csp.is_theme_script("")


def test_theme_scripts_are_read_from_the_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    scripts = tmp_path / "partials" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "base.html").write_text('<script>var base="{{ config.base }}";go(base)</script>\n'
                                       "<script>{% if x %}logique(){% endif %}</script>\n", encoding="utf-8")
    (tmp_path / "ailleurs.html").write_text("<script>ailleurs()</script>", encoding="utf-8")
    monkeypatch.setattr(csp, "theme_template_dirs", lambda: (tmp_path,))
    assert csp.is_theme_script('var base="../..";go(base)')
    assert csp.is_theme_script('var base="";go(base)')
    assert not csp.is_theme_script('var base="";alert(1);"";go(base)')
    # A script with logic cannot be pinned down; outside partials/javascripts/ nothing is read.
    assert not csp.is_theme_script("logique()") and not csp.is_theme_script("{% if x %}logique(){% endif %}")
    assert not csp.is_theme_script("ailleurs()")


def test_a_script_hash_is_the_one_browsers_compute():
    assert csp.script_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # sha256 of nothing
    digest = base64.b64encode(hashlib.sha256("é = 'à';".encode()).digest()).decode()
    assert csp.script_hash("é = 'à';") == f"'sha256-{digest}'"  # of the UTF-8 bytes


@pytest.mark.parametrize(("script_type", "runs"), [
    (None, True), ("", True), ("module", True), (" Text/JavaScript ", True), ("application/ecmascript", True),
    ("application/json", False), ("application/ld+json", False), ("text/template", False),
])
def test_which_scripts_a_browser_runs(script_type: str | None, runs: bool):
    assert csp.runs({} if script_type is None else {"type": script_type}) is runs


@pytest.mark.parametrize(("html", "expected"), [
    ("<script>a()</script><p>x</p><script>\n  b()\n</script>", ["a()", "\n  b()\n"]),
    ('<SCRIPT type=module>a()</SCRIPT >', ["a()"]),
    ("<script type='text/javascript'>a()</script>", ["a()"]),
    ('<script src="x.js"></script><script defer src=\'y.js\'>z()</script>', []),
    ('<script type="application/json">{"a": 1}</script>', []),
    ('<p>texte</p>', []),
])
def test_inline_scripts_are_the_ones_that_run_as_written(html: str, expected: list[str]):
    assert csp.inline_scripts(html) == expected


def test_a_page_without_inline_script_allows_only_the_site_s_files():
    assert csp.policy("<html><head></head><body><p>x</p></body></html>") == NO_SCRIPT_POLICY == csp.policy_for([])
    assert "'unsafe-inline'" not in NO_SCRIPT_POLICY and "'unsafe-eval'" not in NO_SCRIPT_POLICY


def test_each_theme_script_is_allowed_once_by_its_hash():
    policy = dict(d.split(" ", 1) for d in csp.policy_for([THEME_SCRIPT, "window.__pwned=1", THEME_SCRIPT]).split("; "))
    assert policy["script-src"].split() == ["'self'", "'wasm-unsafe-eval'", csp.script_hash(THEME_SCRIPT)]
    assert [name for name in policy] == [name for name, _ in csp.DIRECTIVES]


def test_policy_allows_only_the_page_s_theme_scripts():
    page = f"<html><head><meta charset=\"utf-8\"></head><body><script>{THEME_SCRIPT}</script><script>window.__pwned=1</script></body></html>"
    result = csp.add_policy(page)
    found = directives(result)
    assert found["script-src"].split() == ["'self'", "'wasm-unsafe-eval'", csp.script_hash(THEME_SCRIPT)]
    assert csp.script_hash("window.__pwned=1") not in result
    assert found["object-src"] == "'none'" and found["base-uri"] == "'self'"
    # Right after <meta charset>, before any script.
    assert result.index("Content-Security-Policy") < result.index("<script")


@pytest.mark.parametrize(("page", "before"), [
    ('<html><head lang="fr">\n<meta charset="utf-8">\n<title>t</title></head><body></body></html>', '<meta charset="utf-8">'),
    ("<html><HEAD><title>t</title></HEAD><body></body></html>", "<HEAD>"),
])
def test_the_policy_goes_right_after_the_charset_or_the_head(page: str, before: str):
    result = csp.add_policy(page)
    meta = csp.META.format(csp.policy(page))
    assert result == page.replace(before, before + "\n    " + meta, 1)


def test_a_fragment_or_a_feed_is_left_as_it_is():
    for text in ("<p>x</p><script>a()</script>", '<?xml version="1.0"?><feed><title>t</title></feed>'):
        assert csp.add_policy(text) == text


def test_the_committee_space_policy_adds_only_what_the_cms_needs():
    admin = dict(d.split(" ", 1) for d in csp.admin_policy().split("; "))
    site = dict(d.split(" ", 1) for d in NO_SCRIPT_POLICY.split("; "))
    assert list(admin) == list(site)
    assert admin["script-src"] == "'self'"  # no inline script, no eval, no WebAssembly
    assert admin["connect-src"] == "'self' https://api.github.com"
    assert admin["img-src"] == "'self' data: blob: https://avatars.githubusercontent.com"
    for name in ("default-src", "object-src", "frame-src", "base-uri", "form-action"):
        assert admin[name] == site[name], name
    # Every other page keeps the site's policy.
    assert "api.github.com" not in NO_SCRIPT_POLICY and "unsafe-inline" not in NO_SCRIPT_POLICY
