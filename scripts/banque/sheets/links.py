"""The links from an experience to the tools of the repertory, with their nature.

An `outils` item is either a bare slug (the old form: still valid, but
`banque relire` asks for its nature) or a mapping
`{outil: <slug>, lien: <nature>, passage: <text>}`. The nature comes from
schema/vocabulaires/liens_outils.yml: a tool the sources say the experience
uses, a tool a source cites, or a tool the committee relates (a suggestion).
The first two need the passage of the source that says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

from banque.sheets.fields import LinkId, ShortText, Slug, describe, rule
from banque.sheets.policy import policy


class ToolLink(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    outil: Slug = Field(description="L'identifiant de la fiche outil.", examples=["resolis"])
    lien: LinkId = Field(description="Ce que les sources disent du lien. " + describe("liens_outils"),
                         examples=[policy().link.cites])
    passage: ShortText | None = Field(
        default=None, max_length=400,
        description="Le passage de la source qui appuie le lien (obligatoire pour un outil utilisé ou cité), "
                    "avec sa partie du document.",
        examples=["IV.7 : « des réseaux privés (cf. réseau GNIAC, ou Résolis […]) »"],
    )

    @model_validator(mode="after")
    def _passage_when_sourced(self) -> ToolLink:
        if self.lien != policy().link.related and self.passage is None:
            raise rule("passage", f"un lien « {self.lien} » doit citer le passage de la source qui le dit "
                                  f"(« passage: … ») ; sans passage, écrivez « lien: {policy().link.related} »")
        return self


def _kind(value: Any) -> str:
    return "slug" if isinstance(value, str) else "lien"


LinkItem = Annotated[
    Annotated[Slug, Tag("slug")] | Annotated[ToolLink, Tag("lien")],
    Discriminator(_kind),
]


@dataclass(frozen=True)
class Link:
    """One link, whatever its written form: `lien` is None for a bare slug."""

    outil: str
    lien: str | None
    passage: str | None


def links(items: list[str | ToolLink]) -> list[Link]:
    return [Link(i, None, None) if isinstance(i, str) else Link(i.outil, i.lien, i.passage) for i in items]


def slugs(items: list[str | ToolLink]) -> list[str]:
    return [link.outil for link in links(items)]


def _unique_tools(items: list) -> list:
    seen: set[str] = set()
    for slug in slugs(items):
        if slug in seen:
            raise ValueError(f"l'outil « {slug} » apparaît deux fois")
        seen.add(slug)
    return items


ToolLinks = Annotated[list[LinkItem], AfterValidator(_unique_tools)]
