"""A problem found in a sheet. Problems are values: every stage collects them
and the report prints them all at once."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "erreur"
WARNING = "avertissement"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    hint: str = ""
    severity: str = ERROR

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.field}: {self.message}"
        if self.hint:
            text += f"\n    → {self.hint}"
        return text

    def as_dict(self) -> dict:
        return asdict(self)
