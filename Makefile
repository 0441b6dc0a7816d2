# Two commands do everything on a fresh machine: `make run` and `make test`.
# Each bootstraps its own tools: uv in .tools/, the workspace in .venv/, Kafka's jars in ~/.cache/chorus.
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test lint typecheck imports pytest install kafka-start kafka-stop bench clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"

$(VENV)/.synced: $(UV) uv.lock pyproject.toml shared/pyproject.toml $(wildcard services/*/pyproject.toml)
	$(UV) sync --frozen --all-packages --python $(PYTHON)
	touch $@

install: $(VENV)/.synced

run: install
	$(BIN)/chorus up

test: install lint typecheck imports pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy shared/src services/*/src tests bench

imports: install
	$(BIN)/lint-imports

pytest: install
	$(BIN)/python -m chorus_shared.testing.run_pytest

kafka-start: install
	$(BIN)/chorus kafka start

kafka-stop: install
	$(BIN)/chorus kafka stop

clean:
	rm -rf $(VENV) $(TOOLS) .mypy_cache .ruff_cache .pytest_cache
