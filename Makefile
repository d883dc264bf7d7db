# Two commands do everything on a fresh machine:
#   make demo   set up .venv, build the sample corpus into out/
#   make test   set up .venv and system test parts, run the whole test suite
# Both are idempotent: a second run only re-runs the job.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed

.PHONY: demo test lint format bench bench-build bench-scale bench-store bench-view bench-carb bench-facts bench-extract bench-analysis bench-entities bench-concepts bench-startup bench-memory system-deps clean

$(STAMP): setup.cfg pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

# Real parts the tests drive (Debian packages), installed only where missing: a headless
# browser, a Virtuoso triple store, Java (HermiT, shipped with owlready2, checks the ontology),
# Apache Jena (riot, tdb2) and rapper (Raptor), which read the exports.
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	test -f /usr/share/java/jena-arq.jar || missing="$$missing libapache-jena-java"; \
	command -v rapper >/dev/null 2>&1 || missing="$$missing raptor2-utils"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

demo: $(STAMP)
	$(KG) build corpus/ -o out/
	@echo
	@echo "Outputs in out/:"
	@echo "  out/graph.html   open in a browser (works offline)"
	@echo "  out/graph.trig   all named graphs, for other triple stores"
	@echo "  out/report.json  counts, timings, skipped and repaired inputs"
	@echo "  out/store/       the Oxigraph store:  $(KG) query out -f examples/who_met_whom.rq"

test: $(STAMP) system-deps
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests benchmarks examples
	$(VENV)/bin/ruff format --check kg tests benchmarks examples

format: $(STAMP)
	$(VENV)/bin/ruff format kg tests benchmarks examples
	$(VENV)/bin/ruff check --fix kg tests benchmarks examples

bench-build: $(STAMP)
	$(PY) benchmarks/build_speed.py

bench-scale: $(STAMP)
	$(PY) benchmarks/scale.py

# CaRB dev (data in ../shared/bench/carb/ beside the clone): extract, then score.
CARB ?= ../shared/bench/carb
bench-carb: $(STAMP)
	@mkdir -p out
	$(KG) extract $(CARB)/dev.txt --format carb > out/carb-dev.tsv
	$(KG) eval carb --gold $(CARB)/gold/dev.tsv --extractions out/carb-dev.tsv

# Statements on the real news pages (../shared/bench/news/pages): coverage of sentences, filler share.
bench-facts: $(STAMP)
	$(PY) benchmarks/facts_dev.py

bench-extract: $(STAMP)
	$(PY) benchmarks/extraction_speed.py

bench-analysis: $(STAMP)
	$(PY) benchmarks/analysis_speed.py

bench-store: $(STAMP)
	$(PY) benchmarks/store_speed.py

# One long document and many tiny ones: peak RSS and speed (long: ~1 hour at the defaults).
bench-memory: $(STAMP)
	$(PY) benchmarks/memory.py $(MEMORY_ARGS)

bench-entities: $(STAMP)
	$(PY) benchmarks/entity_speed.py

# Entity nodes by type and the share of phrase nodes (kg:Concept, kg:Other) on the news dev pages and corpus/.
bench-concepts: $(STAMP)
	$(PY) benchmarks/concepts_dev.py

# Soak: generated hostile documents (10,000 by default) built in batches, as files and as JSONL,
# with 1 and 2 workers, each build in a subprocess under a time limit; prints crashes, hangs,
# documents lost without a report line, and every export's round trip in rdflib and pyoxigraph.
# Not part of `make test` (about an hour on 2 cores); tests/test_fuzz_sample.py runs a small sample.
.PHONY: fuzz
FUZZ_DOCUMENTS ?= 10000
FUZZ_SEED ?= 1
fuzz: $(STAMP)
	$(PY) benchmarks/fuzz.py --documents $(FUZZ_DOCUMENTS) --seed $(FUZZ_SEED)

# Seconds for `python -c "import kg"` and `kg --help` (best of 5 fresh processes).
bench-startup: $(STAMP)
	$(PY) benchmarks/startup.py

bench: bench-build bench-scale bench-carb bench-extract bench-analysis bench-entities bench-store bench-startup

clean:
	rm -rf out/ test-output/ .pytest_cache
