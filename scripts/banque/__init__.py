"""Banque d'expériences des alliances en territoires: sheets in, static site out."""
