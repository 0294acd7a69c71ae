"""A page to render, and the experiences grouped once for every listing page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from banque.sheets.bank import Sheet
from banque.sheets.models import Experience


@dataclass
class Page:
    path: str  # relative to the docs folder
    template: str
    context: dict


Experiences = list[Sheet[Experience]]


def group_by(sheets: Experiences, keys: Callable[[Sheet[Experience]], Iterable[str]]) -> dict[str, Experiences]:
    groups: dict[str, Experiences] = defaultdict(list)
    for s in sheets:
        for k in keys(s):
            groups[k].append(s)
    return groups


@dataclass(frozen=True)
class Groups:
    """Experiences by région, scope (sheets without a région), model, theme and actor type."""

    region: dict[str, Experiences]
    scope: dict[str, Experiences]
    model: dict[str, Experiences]
    theme: dict[str, Experiences]
    actor: dict[str, Experiences]

    @classmethod
    def of(cls, exps: Experiences) -> Groups:
        return cls(
            region=group_by(exps, lambda s: s.regions),
            scope=group_by(exps, lambda s: [] if s.regions else [s.scope]),
            model=group_by(exps, lambda s: [u.modele for u in s.model.modeles]),
            theme=group_by(exps, lambda s: s.model.themes),
            actor=group_by(exps, lambda s: sorted({a.type for a in s.model.acteurs})),
        )
