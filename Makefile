# Deux commandes suffisent : « make site » et « make test ». Chacune installe ce qu'il faut.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installe

.PHONY: site serve apercu test lint valider schema carte bench bench-quick clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

## Construire le site publié dans build/site (CONSTRUIRE=--publication : refuser les réglages d'exemple)
site: $(STAMP)
	$(BIN)/banque construire $(CONSTRUIRE)

## Aperçu en direct (http://127.0.0.1:8000), les modifications s'affichent seules
serve: $(STAMP)
	$(BIN)/banque servir

## Aperçu du comité : montre aussi les brouillons et fiches en relecture
apercu: $(STAMP)
	$(BIN)/banque servir --apercu

## Vérifier toutes les fiches
valider: $(STAMP)
	$(BIN)/banque valider

## Réexporter le schéma JSON après un changement de modèle ou de vocabulaire
schema: $(STAMP)
	$(BIN)/banque schema

## Tous les tests (dont les tests dans Chromium), après le style (ruff) et les types (mypy)
test: lint
	$(BIN)/python -m pytest -n 2

## Style et types du code : ruff, puis mypy (sans « type: ignore » inutile)
lint: $(STAMP)
	$(BIN)/ruff check scripts tests bench
	$(BIN)/mypy

## Redériver schema/carte-france.json depuis ../shared/geo (contours IGN, une fois par nouvelle édition)
carte: $(STAMP)
	$(BIN)/python -m banque.committee.map_geometry

bench: $(STAMP)
	$(BIN)/python bench/run.py

bench-quick: $(STAMP)
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf build $(VENV)
