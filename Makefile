# Banjar Enroll: every target sets up .venv from the pinned lock file first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test soak lint bench lock translations screenshots dist clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

## run: start the application on the local database in the user's data folder
run: $(STAMP)
	$(BIN)/banjar-enroll

## test: ruff, the layer contracts and the whole test suite (what CI runs), then the line coverage of desktop_app (files not wholly covered, and the total)
test: lint
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest --cov --cov-report=term:skip-covered

## soak: the sync model test long (400 examples x 40 steps), 20 kills of the laptop's sync and 6 of office serve; run on purpose, prints what it ran
soak: $(STAMP)
	SYNC_MODEL_PROFILE=soak KILL_LOOP_RUNS=20 $(BIN)/python -m pytest -s -p no:cacheprovider \
		tests/sync/test_sync_model.py tests/sync/test_kill_loop.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports

## bench: store (bulk insert, search), desktop (start, NIK feedback, list filter), sync, receipt, Excel and codec benchmarks; run on purpose, not in CI
bench: $(STAMP)
	$(BIN)/python tests/bench/store_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/bench/ui_bench.py
	$(BIN)/python tests/bench/sync_bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python tests/bench/receipt_bench.py
	$(BIN)/python tests/bench/spreadsheet_bench.py
	$(BIN)/python tests/bench/codec_bench.py

## dist: the one-folder application dist/banjar-enroll/ (PyInstaller), then its --version and --self-test
dist: $(STAMP)
	$(BIN)/python build/build.py

## screenshots: render the main window (form and list) to docs/screenshots/*.png
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m desktop_app.ui.screenshots docs/screenshots

## translations: refresh the .ts source from the UI code and compile the .qm files (the application's, and Qt's dialogs', qtbase_id.ts, kept by hand)
translations: $(STAMP)
	$(BIN)/pyside6-lupdate desktop_app/ui/*.py -no-obsolete -locations none \
		-ts resources/translations/banjar_enroll_id.ts
	$(BIN)/pyside6-lrelease resources/translations/banjar_enroll_id.ts \
		-qm resources/translations/banjar_enroll_id.qm
	$(BIN)/pyside6-lrelease resources/translations/qtbase_id.ts \
		-qm resources/translations/qtbase_id.qm

## lock: re-pin requirements.lock from pyproject.toml
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --extra dev --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements.lock pyproject.toml

clean:
	rm -rf $(VENV)
