"""Is a referent's public address a functional one? Names are read with the shared folding."""

from __future__ import annotations

import pytest

from banque.sheets.contact_address import names_in_address, webmail_domain


@pytest.mark.parametrize(
    ("address", "name", "personal"),
    [
        ("camille.exemple@asso.fr", "Camille Exemple", True),
        ("cexemple@asso.fr", "Camille Exemple", True),
        ("exemple.c@asso.fr", "Camille Exemple", True),
        ("Élodie@asso.fr", "Elodie Dupré", True),  # accents and case do not hide a name
        ("contact@asso.fr", "Camille Exemple", False),
        ("de.la@asso.fr", "Jean de la Tour", False),  # particles alone mean nothing
        ("jean!tour@asso.fr", "Jean Tour", False),  # only . _ + - separate the words of an address
    ],
)
def test_contact_address_reads_names_with_the_shared_folding(address: str, name: str, personal: bool):
    assert names_in_address(address, name) is personal


@pytest.mark.parametrize(("address", "domain"), [("a@gmail.com", "gmail.com"), ("a@Yahoo.fr", "yahoo.fr"),
                                                 ("a@hotmail.co.uk", "hotmail.co.uk"), ("a@asso.fr", None),
                                                 ("a@live-asso.fr", None)])
def test_personal_mailbox_providers(address: str, domain: str | None):
    assert webmail_domain(address) == domain


@pytest.mark.parametrize("name", ["Cam\u200bille Es\u200dsai", "Саmillе Еssаі", "Ｃａｍｉｌｌｅ Essai"])
def test_invisible_and_look_alike_letters_do_not_hide_the_name(name: str):
    assert names_in_address("camille.essai@asso.fr", name)


def test_the_lists_are_data_read_from_schema(monkeypatch, tmp_path):
    from banque.sheets import contact_address

    rules = contact_address.address_rules()
    assert "gmail.com" in rules["domaines"] and "yahoo" in rules["fournisseurs"] and "de" in rules["particules"]
    # A provider added to the data file is refused, with no code change.
    data = tmp_path / "messageries.yml"
    data.write_text("domaines: [exemple-perso.fr]\nfournisseurs: []\nparticules: []\n", encoding="utf-8")
    monkeypatch.setattr(contact_address, "ADDRESSES", data)
    contact_address.address_rules.cache_clear()
    try:
        assert webmail_domain("contact@exemple-perso.fr") == "exemple-perso.fr"
        assert webmail_domain("contact@gmail.com") is None
        assert names_in_address("de@asso.fr", "Camille de Essai")  # « de » is no particle here
    finally:
        contact_address.address_rules.cache_clear()
