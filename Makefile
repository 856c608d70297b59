# PlaceBaseline — the two commands of the quick start, and a few more.
#   make run     installs the system libraries if missing, builds, runs the Millbrook sample
#   make test    the whole test suite (what .ci/run calls)
#   make bench   the benchmark against the C-library floors and the Python peers
#   make release an optimised, self-contained .build/release/baseline (for large inputs)
#   make fuzz    each libFuzzer target in Fuzzing/ for FUZZ_MINUTES (default 10), one after another
#   make fuzz-smoke  the same for FUZZ_SMOKE_SECONDS (default 20) each

SWIFT ?= swift
PIPELINE ?= pipelines/millbrook-2025.yaml
FUZZ_MINUTES ?= 10
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_TARGETS ?=

.PHONY: run test deps build release bench fuzz fuzz-smoke clean

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

# Corpora, crashes and logs go to fuzz-output/ (see Fuzzing/README.md); FUZZ_TARGETS picks some.
fuzz: deps
	SWIFT=$(SWIFT) bash Fuzzing/fuzz.sh $$(( $(FUZZ_MINUTES) * 60 )) $(FUZZ_TARGETS)

fuzz-smoke: deps
	SWIFT=$(SWIFT) bash Fuzzing/fuzz.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf .build output/*/
