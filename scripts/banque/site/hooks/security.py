"""mkdocs hooks: sanitising of sheet bodies, escaping of the meta tags, and the
Content-Security-Policy of every page (csp.py)."""

from __future__ import annotations

import html

from banque.site import csp, sanitize


def on_page_content(html, page, config, files):
    # Sheet bodies come from anyone: only the allowlisted HTML survives.
    if page.file.src_uri.startswith(("experiences/", "outils/")) and page.file.src_uri != "outils/index.md":
        return sanitize.unindexed_headers(sanitize.clean(html))
    return html


def on_page_context(context, page, config, nav):
    # Material prints these two into <meta content="…"> without escaping them:
    # a summary with a quote would otherwise open a new attribute (onmouseover…).
    for key in ("description", "author"):
        if isinstance(page.meta.get(key), str):
            page.meta[key] = html.escape(page.meta[key], quote=True)
    return context


class _Run:
    """What mkdocs was started for. `mkdocs serve` (and `banque servir`) adds
    its own inline live-reload script to every page it serves: the policy
    would block it, so a served preview goes without. mkdocs calls on_startup
    once, and keeps a hook module loaded for the whole process (as it keeps a
    plugin that has on_startup), so the answer lasts across rebuilds."""

    serving = False


def on_startup(command, dirty):
    _Run.serving = command == "serve"


def on_post_page(output, page, config):
    # Every page gets its Content-Security-Policy, computed from its final HTML.
    return output if _Run.serving else csp.add_policy(output)


def on_post_template(output_content, template_name, config):
    # Static templates (404.html) are pages too; sitemap.xml has no <head>.
    if _Run.serving or not template_name.endswith(".html"):
        return output_content
    return csp.add_policy(output_content)
