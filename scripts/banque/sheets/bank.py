"""The validated bank: sheets with their model, body sections and resolved territories."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from banque.sheets.links import slugs
from banque.sheets.load import RawSheet
from banque.sheets.models import Experience, Tool
from banque.sheets.policy import policy
from banque.sheets.territory import Place

M = TypeVar("M", bound=Experience | Tool)


@dataclass
class Sheet(Generic[M]):
    """A valid sheet; `Sheet[Experience]` and `Sheet[Tool]` know their model's fields."""

    raw: RawSheet
    model: M
    sections: list[tuple[str, str]]  # (title, markdown) in order
    places: list[Place] = field(default_factory=list)
    # Views derived from the sheet alone (render's card), computed once: a
    # sheet's card appears on many listing pages.
    views: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def slug(self) -> str:
        return self.model.slug

    @property
    def kind(self) -> str:
        return self.raw.kind

    @property
    def path(self) -> Path:
        return self.raw.path

    @property
    def published(self) -> bool:
        return self.model.statut == policy().status.published

    # Computed once: listing pages ask each sheet for them again and again.
    @cached_property
    def _departements(self) -> tuple[str, ...]:
        return tuple(sorted({d for p in self.places for d in p.departements}))

    @cached_property
    def _regions(self) -> tuple[str, ...]:
        return tuple(sorted({r for p in self.places for r in p.regions}))

    @property
    def departements(self) -> list[str]:
        return list(self._departements)

    @property
    def regions(self) -> list[str]:
        return list(self._regions)

    @property
    def scope(self) -> str:
        """The level id of a scope without région (national or international), or 'local' (has régions)."""
        if self._regions:
            return "local"
        level = policy().level
        return level.international if any(p.niveau == level.international for p in self.places) else level.national


@dataclass
class Bank:
    experiences: list[Sheet[Experience]] = field(default_factory=list)
    outils: list[Sheet[Tool]] = field(default_factory=list)

    def visible(self, preview: bool = False) -> Bank:
        """The sheets a build shows: published ones, or all but archived in preview."""
        archived = policy().status.archived
        keep = (lambda s: s.model.statut != archived) if preview else (lambda s: s.published)
        return Bank([s for s in self.experiences if keep(s)], [s for s in self.outils if keep(s)])

    def outil(self, slug: str) -> Sheet[Tool] | None:
        # A dict built once (a bank's lists are not changed once built):
        # every experience page looks up its tools.
        return self._tools_by_slug.get(slug)

    def experiences_citing(self, tool_slug: str) -> list[Sheet[Experience]]:
        """The experiences that cite a tool, in the bank's order (each tool page
        asks: an index built once instead of a pass over every experience)."""
        return list(self._citing.get(tool_slug, ()))

    @cached_property
    def _citing(self) -> dict[str, list[Sheet[Experience]]]:
        found: dict[str, list[Sheet[Experience]]] = {}
        for s in self.experiences:
            for slug in dict.fromkeys(slugs(s.model.outils)):
                found.setdefault(slug, []).append(s)
        return found

    @cached_property
    def _tools_by_slug(self) -> dict[str, Sheet[Tool]]:
        found: dict[str, Sheet[Tool]] = {}
        for s in self.outils:
            found.setdefault(s.slug, s)
        return found

    @property
    def experience_models(self) -> list[Experience]:
        return [s.model for s in self.experiences]

    @property
    def tool_models(self) -> list[Tool]:
        return [s.model for s in self.outils]
