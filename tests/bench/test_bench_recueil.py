"""The booklet's benchmark measures a real `banque recueil` and reads the PDF back."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate
from bench.recueil import line, measure


def test_a_synthetic_bank_s_booklet_is_measured(tmp_path: Path):
    generate(3, tmp_path / "content", seed=1)
    result = measure(tmp_path / "content", tmp_path / "recueil.pdf")
    assert result["pages"] >= 3 + 3  # cover, introduction, contents, part, then a page per sheet at least
    assert result["octets"] == (tmp_path / "recueil.pdf").stat().st_size > 0
    assert result["s"] > 0 and result["mo"] > 0
    assert line("essai", result).startswith("| essai | ") and f"| {result['pages']} |" in line("essai", result)
