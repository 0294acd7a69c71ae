"""The build date of a reproducible site.

Two builds of one commit are byte-identical: the date every page and the
sitemap carry is the last commit's, or SOURCE_DATE_EPOCH when it is given.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def source_date_epoch(root: Path) -> str:
    """The last commit's time: two builds of one commit are byte-identical."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True)
        if out.stdout.strip():
            return out.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return "1420675200"  # 2015-01-08, the pioneers' meeting: fixed when there is no git


def build_day(epoch: str) -> dt.date:
    """The build date as a day (UTC): consent expiry and the pages' dates are read on it."""
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()


def shallow_clone(root: Path) -> bool:
    """True in a shallow git clone; False in a full clone or outside git."""
    try:
        out = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=root, capture_output=True, text=True)
    except OSError:
        return False
    return out.returncode == 0 and out.stdout.strip() == "true"


@contextmanager
def build_date(epoch: str) -> Iterator[None]:
    """mkdocs reads the build date (sitemap, page dates) from the environment
    only: SOURCE_DATE_EPOCH is set for the build, then put back as it was."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous

