# Convenience wrappers; dev.py does the work (and needs nothing but Python 3.11).
.PHONY: run test bundle i18n bench
run:
	python3 dev.py run
test:
	python3 dev.py test
bundle:
	python3 dev.py bundle
i18n:
	python3 dev.py i18n
bench:
	.venv/bin/python -m benchmarks.run
