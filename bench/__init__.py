"""Mesures de performance de la banque (banc d'essai) : `python bench/run.py`."""
