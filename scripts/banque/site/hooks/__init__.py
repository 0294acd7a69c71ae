"""mkdocs hooks, listed in mkdocs.yml: the live preview (preview.py) and the
security of every page (security.py). mkdocs loads each file by its path."""
