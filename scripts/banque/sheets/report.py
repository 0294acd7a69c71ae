"""Stage 3: print problems for people (French text) or machines (JSON)."""

from __future__ import annotations

import json

from banque.sheets.problem import ERROR, Problem


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def as_text(problems: list[Problem], checked: int) -> str:
    errors = [p for p in problems if p.severity == ERROR]
    if not errors:
        return f"✓ {_plural(checked, 'fiche')} vérifiée{'s' if checked > 1 else ''}, aucun problème."
    lines = [str(p) for p in problems]
    files = len({p.path for p in errors})
    lines.append("")
    lines.append(
        f"✗ {_plural(len(errors), 'erreur')} dans {_plural(files, 'fiche')} "
        f"(sur {checked} vérifiée{'s' if checked > 1 else ''}). Rien n'a été publié."
    )
    return "\n".join(lines)


def as_json(problems: list[Problem], checked: int) -> str:
    return json.dumps(
        {"fiches_verifiees": checked, "problemes": [p.as_dict() for p in problems]},
        ensure_ascii=False,
        indent=2,
    )
