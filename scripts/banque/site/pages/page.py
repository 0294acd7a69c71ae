"""A page to render, and the experiences grouped once for every listing page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from banque.sheets.bank import Sheet


@dataclass
class Page:
    path: str  # relative to the docs folder
    template: str
    context: dict


def group_by(sheets: list[Sheet], keys: Callable[[Sheet], Iterable[str]]) -> dict[str, list[Sheet]]:
    groups: dict[str, list[Sheet]] = defaultdict(list)
    for s in sheets:
        for k in keys(s):
            groups[k].append(s)
    return groups


@dataclass(frozen=True)
class Groups:
    """Experiences by région, scope (sheets without a région), model, theme and actor type."""

    region: dict[str, list[Sheet]]
    scope: dict[str, list[Sheet]]
    model: dict[str, list[Sheet]]
    theme: dict[str, list[Sheet]]
    actor: dict[str, list[Sheet]]

    @classmethod
    def of(cls, exps: list[Sheet]) -> Groups:
        return cls(
            region=group_by(exps, lambda s: s.regions),
            scope=group_by(exps, lambda s: [] if s.regions else [s.scope]),
            model=group_by(exps, lambda s: [u.modele for u in s.model.modeles]),
            theme=group_by(exps, lambda s: s.model.themes),
            actor=group_by(exps, lambda s: sorted({a.type for a in s.model.acteurs})),
        )
