"""mkdocs hook: French typography in the text of every page (site/typography.py).

Listed before hooks/security.py in mkdocs.yml, so that the Content-Security-Policy,
computed from a page's final HTML, is computed after this pass. Pagefind indexes
the built pages: its search excerpts get the same typography; the print view is
the same page.
"""

from __future__ import annotations

from banque.site import typography


def on_post_page(output, page, config):
    return typography.html(output)


def on_post_template(output_content, template_name, config):
    # Static templates (404.html) are pages too; sitemap.xml is not text for readers.
    if not template_name.endswith(".html"):
        return output_content
    return typography.html(output_content)
