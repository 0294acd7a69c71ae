"""The validated bank: sheets with their model, body sections and resolved territories."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .load import RawSheet
from .models import Editorial, Experience, Tool
from .territory import Place


@dataclass
class Sheet:
    raw: RawSheet
    model: Editorial
    sections: list[tuple[str, str]]  # (title, markdown) in order
    places: list[Place] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.model.slug  # type: ignore[attr-defined]

    @property
    def kind(self) -> str:
        return self.raw.kind

    @property
    def path(self) -> Path:
        return self.raw.path

    @property
    def published(self) -> bool:
        return self.model.statut == "publiee"

    @property
    def departements(self) -> list[str]:
        return sorted({d for p in self.places for d in p.departements})

    @property
    def regions(self) -> list[str]:
        return sorted({r for p in self.places for r in p.regions})

    @property
    def scope(self) -> str:
        """'national', 'international' or 'local' (has régions)."""
        levels = {p.niveau for p in self.places}
        if self.regions:
            return "local"
        return "international" if "international" in levels else "national"


@dataclass
class Bank:
    experiences: list[Sheet] = field(default_factory=list)
    outils: list[Sheet] = field(default_factory=list)

    def visible(self, preview: bool = False) -> "Bank":
        """The sheets a build shows: published ones, or all but archived in preview."""
        keep = (lambda s: s.model.statut != "archivee") if preview else (lambda s: s.published)
        return Bank([s for s in self.experiences if keep(s)], [s for s in self.outils if keep(s)])

    def outil(self, slug: str) -> Sheet | None:
        return next((s for s in self.outils if s.slug == slug), None)

    @property
    def experience_models(self) -> list[Experience]:
        return [s.model for s in self.experiences]  # type: ignore[misc]

    @property
    def tool_models(self) -> list[Tool]:
        return [s.model for s in self.outils]  # type: ignore[misc]
