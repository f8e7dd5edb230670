# Each target bootstraps .venv itself, so a fresh clone needs nothing but Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: run test lint format bench bench-search lock install messages deploy-check audit

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo ""
	@echo "  Site:  http://127.0.0.1:$(PORT)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/"
	@echo "  Demo logins (development only): editor, reviewer, steering1, steering2, steering3, handler, admin"
	@echo "  Password for each: link-demo-only; second factor: the code load_demo explains above"
	@echo ""
	@echo "  Mail is written to mail/ (no EMAIL_HOST set); the task worker sends it."
	@echo ""
	@# The task worker (mail) and the daily reminders run beside the web server and stop
	@# with it.
	$(PY) manage.py db_worker --backend mail --no-reload --interval 2 & worker=$$!; \
	( while true; do $(PY) manage.py send_reminders; sleep 86400; done ) & daily=$$!; \
	trap 'kill $$worker $$daily 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	@$(PY) -c "import os; from linksite.settings.environment import database_from_url as d; print('Database for this run:', d(os.environ.get('DATABASE_URL', ''), 'db.sqlite3')['ENGINE'].rsplit('.', 1)[-1])"
	$(VENV)/bin/ruff check .
	DJANGO_SETTINGS_MODULE=linksite.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=linksite.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Every benchmark, one after the other: the pages (bench/pages.py: queries, req/s, p50 and p99
# of each page type uncached and through Varnish, and nginx's static ceiling), the search
# (BENCH_SIZES, 1,000 and 10,000 pages when unset), the alerts and the take-down from the
# front cache; then all their FIGURE lines as one table. Needs Debian's varnish, nginx and wrk.
# With BENCH_AGAINST (another site's address, e.g. bakerydemo at http://127.0.0.1:8100, started
# by whoever runs this), bench/against.py runs this site beside it too, page type by page type.
# Fails if any of them failed, after the table.
BENCH_SCRIPTS := pages.py search.py alerts.py takedown.py faults.py $(if $(BENCH_AGAINST),against.py)
bench: install
	@out=$$(mktemp -d /tmp/linksite-bench.XXXXXX); \
	for script in $(BENCH_SCRIPTS); do \
	  args=; [ $$script = search.py ] && args="$(BENCH_SIZES)"; \
	  [ $$script = against.py ] && args="--other $(BENCH_AGAINST)"; \
	  echo "=== bench/$$script $$args"; \
	  { $(PY) bench/$$script $$args 2>&1 || echo "--- bench/$$script FAILED"; } | tee $$out/$$script.txt; \
	done; \
	echo; echo "=== figures"; \
	for script in $(BENCH_SCRIPTS); do \
	  grep -h '^FIGURE ' $$out/$$script.txt | awk -v s=$$script '{ printf "%-12s %-34s %10s %s\n", s, $$2, $$3, $$4 }'; \
	done; \
	failed=$$(grep -h 'FAILED$$' $$out/*.txt); rm -rf $$out; \
	if [ -n "$$failed" ]; then echo "$$failed"; exit 1; fi

# The site search's speed at 1,000 and 10,000 pages, on the database DATABASE_URL names
# (a throwaway test database; SQLite when unset). Prints build time and latencies.
bench-search: install
	$(PY) bench/search.py $(BENCH_SIZES)

# Production on this machine: nginx and Varnish (installed from Debian if missing) and
# gunicorn on loopback with production settings, then curl checks of pages, static files,
# images and documents and their headers, and of the front cache (deploy/run-local.sh).
deploy-check: install
	deploy/run-local.sh

# Known vulnerabilities in the pinned dependencies (pip-audit, PyPI's advisory data). Fails,
# saying so, when the advisory data cannot be reached: that is not "no vulnerabilities".
audit: install
	$(PY) deploy/audit.py requirements.lock

# Regenerate the pins after changing pyproject.toml.
lock:
	rm -rf /tmp/linksite-lock && $(PYTHON) -m venv /tmp/linksite-lock
	/tmp/linksite-lock/bin/pip install --quiet --upgrade pip
	/tmp/linksite-lock/bin/pip install --quiet "$$(pwd)[test]"
	/tmp/linksite-lock/bin/pip freeze --exclude linksite > requirements.lock

# Interface languages other than English (settings.LANGUAGES).
CATALOGUES := ur pl bn

# After adding or changing interface strings: update locale/*/django.po, keeping every
# existing translation, then compile the .mo files (committed, so nothing else needs gettext).
# makemessages needs GNU gettext's xgettext: apt-get install -y gettext.
messages: install
	$(PY) manage.py makemessages $(foreach lang,$(CATALOGUES),--locale $(lang)) --add-location file --no-obsolete --ignore ".venv/*" --ignore "static/*" --ignore "media/*" --ignore "artefacts/*" --ignore "tests/*"
	$(PY) manage.py compile_catalogues
