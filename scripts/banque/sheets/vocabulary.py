"""The controlled vocabularies, read from schema/vocabulaires/*.yml.

They are data, not code: the committee adds a theme by editing YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from banque.paths import VOCABULARIES
from banque.sheets.yaml_strict import load_data_file


@dataclass(frozen=True)
class Term:
    id: str
    libelle: str
    definition: str = ""
    pluriel: str = ""
    extrait: str = ""
    groupe: str = ""
    code: str = ""
    inverse: str = ""  # liens_outils: the heading on the other side of the link
    passage: str = ""  # modeles: where the report says the extract


@dataclass(frozen=True)
class Vocabulary:
    name: str
    terms: tuple[Term, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.terms)

    def label(self, term_id: str) -> str:
        return self.by_id[term_id].libelle

    @cached_property  # built once: pages look labels up thousands of times
    def by_id(self) -> dict[str, Term]:
        return {t.id: t for t in self.terms}


NAMES = (
    "modeles",
    "natures",
    "themes",
    "types_acteurs",
    "roles",
    "types_outils",
    "liens_outils",
    "statuts",
    "modes_contact",
    "niveaux_territoire",
)


def _read(path: Path):
    return load_data_file(path.read_text(encoding="utf-8"), str(path))


@cache
def vocabulary(name: str) -> Vocabulary:
    entries = _read(VOCABULARIES / f"{name}.yml")
    return Vocabulary(name, tuple(Term(**{k: str(v) for k, v in e.items()}) for e in entries))


@cache
def sections() -> dict[str, tuple[tuple[str, str], ...]]:
    """Required body sections per kind: ((title, help), ...)."""
    data = _read(VOCABULARIES / "sections.yml")
    return {kind: tuple((s["titre"], s["aide"]) for s in items) for kind, items in data.items()}
