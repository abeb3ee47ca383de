# The two commands of the quick start. Both set everything up first, and are safe to repeat.
.PHONY: setup run test bench screenshots

setup:
	@scripts/setup.sh

run: setup
	.venv/bin/python -m kiosk --windowed

test: setup
	.venv/bin/ruff check .
	.venv/bin/lint-imports
	.venv/bin/python -m kiosk services  # the catalogue lint: exit 1 on an error
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest

bench: setup
	QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench
