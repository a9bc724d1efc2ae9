# Two commands for a newcomer: `make run` and `make test`. Everything else is a step of theirs.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test test-sqlite test-postgres system lint bench translations

$(STAMP): pyproject.toml package-lock.json $(wildcard portal/translations/*/LC_MESSAGES/messages.po)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,redis]'
	if ls portal/translations/*/LC_MESSAGES/messages.po >/dev/null 2>&1; then $(BIN)/pybabel compile --use-fuzzy -d portal/translations; fi
	npm ci --no-audit --no-fund --silent
	touch $(STAMP)

# Gettext catalogues: extract marked strings, merge them into each language, compile.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		--ignore-dirs='.* node_modules __pycache__' --width=100 -o portal/translations/messages.pot .
	$(BIN)/pybabel update -i portal/translations/messages.pot -d portal/translations --no-fuzzy-matching --width=100
	$(BIN)/pybabel compile -d portal/translations

system:
	bash scripts/ensure-system.sh

# Example review links so the demo shows them; a shop sets its own.
DEMO_REVIEW_LINKS ?= [{"name": "Trustpilot", "url": "https://www.trustpilot.com/review/shop.example"}, {"name": "Google", "url": "https://g.page/r/shop-example/review"}]

run: system $(STAMP)
	PORTAL_REVIEW_LINKS='$(DEMO_REVIEW_LINKS)' $(BIN)/portal demo
	PORTAL_REVIEW_LINKS='$(DEMO_REVIEW_LINKS)' $(BIN)/portal run --host 127.0.0.1 --port 5000

test: system $(STAMP)
	bash scripts/test-all.sh

test-sqlite: $(STAMP)
	$(BIN)/pytest

test-postgres: $(STAMP)
	PORTAL_TEST_DATABASE=postgresql $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check portal tests bench

bench: $(STAMP)
	$(BIN)/python bench/scan_page.py
