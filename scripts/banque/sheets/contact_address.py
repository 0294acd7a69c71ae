"""Is a referent's published address a functional one?

A `contact: public` referent is reached at an address of their structure
(contact@…, partenariats@…). Two kinds of address are personal data that the
public repository must never hold, and are refused:

- an address at a personal mailbox provider (gmail.com, orange.fr…): it
  belongs to a person, not to the structure;
- an address made of the referent's own name (camille.exemple@…,
  cexemple@…): it reaches that person, and stays readable in git history.
  Name and address are compared in their checked form (sheets/characters.py):
  invisible characters dropped, NFKC, Cyrillic and Greek look-alikes read as
  the Latin letters they imitate.
"""

from __future__ import annotations

import re
from functools import cache

from banque.paths import SCHEMA
from banque.sheets.characters import INVISIBLE, skeleton
from banque.sheets.text import fold, unaccent
from banque.sheets.yaml_strict import load_data_file

# The lists (personal mailbox providers, name particles) are data, read by the
# validator here and by the correspondent's form (site/form_schema.py).
ADDRESSES = SCHEMA / "messageries.yml"


@cache
def address_rules() -> dict[str, list[str]]:
    """schema/messageries.yml: {"domaines": exact webmail domains, "fournisseurs":
    providers present under many country domains, "particules": name particles}."""
    data = load_data_file(ADDRESSES.read_text(encoding="utf-8"), str(ADDRESSES))
    return {key: sorted({str(v).lower() for v in data[key]}) for key in ("domaines", "fournisseurs", "particules")}


def webmail_domain(address: str) -> str | None:
    """The personal mailbox provider's domain of `address`, or None."""
    domain = address.rsplit("@", 1)[-1].lower()
    if domain in address_rules()["domaines"]:
        return domain
    labels = domain.split(".")
    # yahoo.fr, yahoo.co.uk: the provider's name then one or two short labels.
    if labels[0] in address_rules()["fournisseurs"] and 2 <= len(labels) <= 3 and all(len(x) <= 3 for x in labels[1:]):
        return domain
    return None


def names_in_address(address: str, name: str) -> bool:
    """True if the local part of `address` is built from the words of `name`:
    a first name, a surname, "prenom.nom", "pnom", "nom.p"…"""
    particles = address_rules()["particules"]
    words = [w for w in fold(skeleton(INVISIBLE.sub("", name))).split() if len(w) >= 2 and w not in particles]
    if not words:
        return False
    local = unaccent(skeleton(INVISIBLE.sub("", address.rsplit("@", 1)[0])))
    parts = [p for p in re.split(r"[._+-]+", local) if p]
    joined = "".join(parts)
    for word in words:
        if word in parts:
            return True
        for other in words:
            if other != word and joined in (other[0] + word, word + other[0], other + word, word + other):
                return True
    return False
