"""The bank's settings, read from `extra.banque` in mkdocs.yml."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteConfig:
    comite_courriel: str
    edition_url: str  # forge URL prefix to edit a file, e.g. https://github.com/o/r/edit/main/
    licence: str
    licence_url: str
    site_url: str
    apercu: bool = False
    repo_url: str = ""  # the forge repository (the form opens its "new file" page)
    date: str = ""  # the build date (AAAA-MM-JJ, build_date.build_day): the open data's update date

    @classmethod
    def from_mkdocs(cls, config: dict, apercu: bool = False, date: str = "") -> SiteConfig:
        extra = config.get("extra", {}).get("banque", {})
        return cls(
            comite_courriel=extra["comite_courriel"],
            edition_url=extra["edition_url"],
            licence=extra["licence"],
            licence_url=extra["licence_url"],
            site_url=config.get("site_url", ""),
            apercu=apercu,
            repo_url=config.get("repo_url", "") or "",
            date=date,
        )
