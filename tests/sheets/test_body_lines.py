"""sheets/body_lines.py: the checks of one line of a sheet's body."""

from __future__ import annotations

import pytest

from banque.sheets.body_lines import line_problems


@pytest.mark.parametrize(("line", "codes"), [
    ("Un paragraphe ordinaire, sans rien.", []),
    ("![Photo de l'équipe](../../assets/photo.png)", []),
    ('<img src="../../assets/p.png" alt="Photo">', []),
    ("![](a.png)", ["image-sans-alternative"]),
    ('<img src="a.png">', ["image-sans-alternative"]),
    ('<img src="a.png" alt=" ">', ["image-sans-alternative"]),
    ("`<img src=a.png>` en code", []),
    ('<img src="/\\attaquant.example/p.png" alt="x">', ["image-adresse-antislash"]),
    ('<img src="/&#92;attaquant.example/p.png" alt="x">', ["image-adresse-antislash"]),
    ("![x](/\\attaquant.example/p.png)", ["image-adresse-antislash"]),
    ('<div class="carte-referent">Faux référent</div>', ["classe-dans-le-corps"]),
    ("<p CLASS=md-button>x</p>", ["classe-dans-le-corps"]),
    ("[Contacter le référent](https://attaquant.example){ .md-button .referent-contact }", ["classe-dans-le-corps"]),
    ("Un paragraphe\u00a0{: .apercu-bandeau }", ["classe-dans-le-corps"]),
    ('Texte { class="x" }', ["classe-dans-le-corps"]),
    ("Un ensemble {a, b} et 0.5 { 1.5 }", []),
    ("{: #une-ancre }", []),
])
def test_line_problems(line: str, codes: list[str]):
    assert line_problems(line) == codes
