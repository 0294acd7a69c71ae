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

from banque.sheets.characters import INVISIBLE, skeleton
from banque.sheets.text import fold, unaccent

# Personal mailbox providers, by exact domain.
WEBMAIL_DOMAINS = {
    "gmail.com", "googlemail.com", "ymail.com", "rocketmail.com", "msn.com", "aol.com", "aol.fr",
    "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "neuf.fr", "cegetel.net", "club-internet.fr",
    "laposte.net", "bbox.fr", "numericable.fr", "aliceadsl.fr", "voila.fr", "noos.fr",
    "icloud.com", "me.com", "mac.com", "protonmail.com", "protonmail.ch", "proton.me", "pm.me",
    "tutanota.com", "tuta.io", "mail.com", "zoho.com",
}
# Providers present under many country domains (yahoo.fr, hotmail.co.uk, live.be…).
WEBMAIL_NAMES = {"yahoo", "hotmail", "outlook", "live", "gmx", "yandex"}
# Particles of a name, too common to mean anything alone in an address.
PARTICLES = {"de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "del", "della", "el", "al", "ben"}


def webmail_domain(address: str) -> str | None:
    """The personal mailbox provider's domain of `address`, or None."""
    domain = address.rsplit("@", 1)[-1].lower()
    if domain in WEBMAIL_DOMAINS:
        return domain
    labels = domain.split(".")
    # yahoo.fr, yahoo.co.uk: the provider's name then one or two short labels.
    if labels[0] in WEBMAIL_NAMES and 2 <= len(labels) <= 3 and all(len(x) <= 3 for x in labels[1:]):
        return domain
    return None


def names_in_address(address: str, name: str) -> bool:
    """True if the local part of `address` is built from the words of `name`:
    a first name, a surname, "prenom.nom", "pnom", "nom.p"…"""
    words = [w for w in fold(skeleton(INVISIBLE.sub("", name))).split() if len(w) >= 2 and w not in PARTICLES]
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
