"""The bank's settings, read from `extra.banque` in mkdocs.yml."""

from __future__ import annotations

import datetime as dt
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
    build_day: dt.date | None = None  # the build date (build_date.py): consent expiry is read on it

    @property
    def today(self) -> dt.date:
        """The day the site describes: the build date, or the clock's outside a build."""
        return self.build_day or dt.date.today()

    @classmethod
    def from_mkdocs(cls, config: dict, apercu: bool = False, build_day: dt.date | None = None) -> SiteConfig:
        extra = config.get("extra", {}).get("banque", {})
        return cls(
            comite_courriel=extra["comite_courriel"],
            edition_url=extra["edition_url"],
            licence=extra["licence"],
            licence_url=extra["licence_url"],
            site_url=config.get("site_url", ""),
            apercu=apercu,
            repo_url=config.get("repo_url", "") or "",
            build_day=build_day,
        )
