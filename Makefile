# Two commands do all set-up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST   ?= 127.0.0.1
PORT   ?= 8050

.PHONY: serve test install test-install browser lint bench fuzz screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed node_modules/.bundle

# plotly.js's partial bundle, which pages and the dashboard load (app/output/plotlyjs.py), from the
# npm registry with Debian's npm; should that fail, they load plotly.py's full bundle instead.
node_modules/.bundle: package.json package-lock.json
	@if { command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm; }; } \
		&& npm ci --omit=dev --no-audit --no-fund --loglevel=error; then touch $@; \
	else echo "plotly.js's partial bundle is not installed: pages and the dashboard load the full one"; fi

test-install: $(VENV)/.test-installed browser node_modules/.installed

# Debian's Chromium and ChromeDriver for the browser tests and image export (never a downloaded browser),
# the Arial-metric Liberation Sans the chart's labels are laid out for (chart/text.py) and CJK fonts,
# LibreOffice Impress to look at exported slides, Node.js's npm for the client libraries.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -d /usr/share/fonts/opentype/noto ] \
		|| [ ! -d /usr/share/fonts/truetype/liberation ] \
		|| [ ! -x /usr/bin/soffice ] || ! command -v npm >/dev/null; then \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			chromium chromium-driver fonts-dejavu-core fonts-liberation fonts-noto-cjk libreoffice-impress \
			$$(command -v npm >/dev/null || echo nodejs npm); \
	fi

# From the npm registry: plotly.js's partial bundle the HTML pages carry (app/output/plotlyjs.py),
# and the client libraries the browser tests load from localhost: TimelineJS, Mermaid, axe-core.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@ node_modules/.bundle

serve: install
	$(BIN)/defense-timeline serve --host $(HOST) --port $(PORT)

test: test-install
	$(BIN)/ruff check app tests benchmarks scripts
	$(BIN)/python -m pytest -q

lint: test-install
	$(BIN)/ruff check app tests benchmarks scripts
	$(BIN)/ruff format --check app tests benchmarks scripts

bench: test-install
	$(BIN)/python -m benchmarks.run $(if $(SIZES),--sizes $(SIZES))
	$(BIN)/python -m benchmarks.dashboard_bench

# The fuzz test at a larger size: make fuzz FUZZ_CASES=200000 FUZZ_SEED=7
fuzz: test-install
	FUZZ_CASES=$(or $(FUZZ_CASES),50000) FUZZ_SEED=$(or $(FUZZ_SEED),12) \
		FUZZ_IMAGE_CASES=$(or $(FUZZ_IMAGE_CASES),300) \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py -k "never_crash or images"

screenshot: test-install
	$(BIN)/python scripts/screenshot_dashboard.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache node_modules
