# PlaceBaseline — the two commands of the quick start, and a few more.
#   make run     installs the system libraries if missing, builds, runs the Millbrook sample
#   make test    the whole test suite (what .ci/run calls)
#   make bench   the benchmark against the C-library floors and the Python peers
#   make release an optimised, self-contained .build/release/baseline (for large inputs)

SWIFT ?= swift
PIPELINE ?= pipelines/millbrook-2025.yaml

.PHONY: run test deps build release bench clean

run: deps build
	.build/debug/baseline run $(PIPELINE)

deps:
	@bash tools/install-deps.sh

build: deps
	$(SWIFT) build --product baseline

release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product baseline

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) test --package-path Examples/CustomAdapter

bench: deps
	bash bench/run.sh --repeat 5

clean:
	rm -rf .build output/*/
