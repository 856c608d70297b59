# PlaceBaseline — the two commands of the quick start, and a few more.
#   make run     installs the system libraries if missing, builds, runs the Millbrook sample and its progress
#   make run-all builds every place of the sample programme (pipelines/programme-2025.yaml) into output/programme/, and its index
#   make test    the whole test suite (what .ci/run calls): unit and end-to-end tests, the
#                threaded suites under ThreadSanitizer, and every fuzz target over its seeds
#   make bench   the benchmark against the C-library floors and the Python peers
#   make bench-programme  every authority of a national file at once (issue 22): 30 and 300 places, --jobs 1 and 2
#   make release an optimised, self-contained .build/release/baseline (for large inputs)
#   make stress  500 runs that stop early with both cores busy: no crash, every error located
#   make tsan    the thread hand-off's and the readers' tests under ThreadSanitizer
#   make fuzz    each libFuzzer target in Fuzzing/ for FUZZ_MINUTES (default 10), one after another
#   make fuzz-smoke  the same for FUZZ_SMOKE_SECONDS (default 20) each
#   make check-dashboard  the sample's dashboard.html in headless Chromium at 1100 and 390 px and
#                printed to A4 (part of `make test`; skipped with a message without chromium)

SWIFT ?= swift
PIPELINE ?= pipelines/millbrook-2025.yaml
PROGRAMME ?= pipelines/programme-2025.yaml
PROGRAMME_OUTPUT ?= output/programme
JOBS ?=
FUZZ_MINUTES ?= 10
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_TARGETS ?=

.PHONY: run run-all test test-in-scratch deps build release bench bench-programme fuzz fuzz-smoke fuzz-seeds clean stress tsan check-dashboard

# The sample's 2024 baseline is written first: the 2025 and 2026 briefs open with progress
# measured from it (their pipelines name the outcomes file).
run: deps build
ifeq ($(PIPELINE),pipelines/millbrook-2025.yaml)
	.build/debug/baseline run -q pipelines/millbrook-2024.yaml
endif
	.build/debug/baseline run $(PIPELINE)
ifeq ($(PIPELINE),pipelines/millbrook-2025.yaml)
	.build/debug/baseline run -q pipelines/millbrook-2026.yaml
	.build/debug/baseline progress samples/millbrook/outcomes.yaml output/millbrook/2024 output/millbrook/2025 output/millbrook/2026
endif

# Every place of the programme's places: list, its shared indicator file read once (docs/scale.md);
# JOBS=N builds N places at once (default: the cores). Under output/programme/: the programme's
# Millbrook is built from fewer sources than pipelines/millbrook-2025.yaml's, and would replace it.
run-all: deps build
	.build/debug/baseline run $(PROGRAMME) --output $(PROGRAMME_OUTPUT) $(if $(JOBS),--jobs $(JOBS))
	.build/debug/baseline index $(PROGRAMME_OUTPUT)

deps:
	@bash tools/install-deps.sh

build: deps
	$(SWIFT) build --product baseline

# The release build, as the benchmarks measure it:
# - the Swift runtime linked in statically: calls into it (retain, release, thread-locals) are
#   direct, 5-15% less CPU on every pipeline, and the binary is self-contained;
# - concrete types' metadata reached by accessor functions, not looked up by mangled name at
#   first use: each look-up scanned the binary's 6,800 conformance records (the Millbrook sample:
#   351M -> 320M instructions, 40 -> 28 ms). A frontend flag, so here rather than in
#   Package.swift, where unsafe flags would stop the package being a versioned dependency.
RELEASE_FLAGS = -c release --static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors

release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product baseline

# The whole suite, with a temporary directory of its own that is removed after
# (scripts/scratch-tmp.sh): the tests' scratch folders never pile up in /tmp.
test: deps
	bash scripts/scratch-tmp.sh $(MAKE) test-in-scratch

test-in-scratch:
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	bash scripts/forget-stale-build.sh Examples/CustomAdapter/.build
	$(SWIFT) test --package-path Examples/CustomAdapter
	$(MAKE) tsan
	$(MAKE) fuzz-seeds
	$(MAKE) check-dashboard

# The sample's page as a laptop, a phone and a printer see it (scripts/check-dashboard.py);
# pictures and the PDF go beside it in output/millbrook/2025/. Then the same pipeline naming its
# files by absolute paths (long unbroken words in the notes), which must not widen the phone page.
check-dashboard:
	@if command -v chromium >/dev/null && command -v pdftotext >/dev/null; then \
		$(SWIFT) build --product baseline && \
		.build/debug/baseline run -q pipelines/millbrook-2024.yaml && \
		.build/debug/baseline run -q pipelines/millbrook-2025.yaml && \
		timeout 600 python3 scripts/check-dashboard.py output/millbrook/2025/dashboard.html && \
		sed 's#\.\./samples#$(CURDIR)/samples#g' pipelines/millbrook-2025.yaml > output/long-paths.yaml && \
		.build/debug/baseline run -q output/long-paths.yaml -o output/long-paths && \
		timeout 600 python3 scripts/check-dashboard.py output/long-paths/millbrook/2025/dashboard.html; \
	else echo "check-dashboard: skipped — needs chromium and pdftotext (apt-get install chromium poppler-utils)"; fi

stress: build
	bash scripts/stress-early-stops.sh 500

# ThreadSanitizer over the suites that start threads (a race makes the run fail), in its own
# build folder so the normal build is untouched.
TSAN_SUITES ?= HandoffTests|CSVReaderTests|ParallelReadTests|CSVSurveyAdapterTests|XMLDatasetTests|InterviewNotesTests|RunnerTests|SharedSourceTests|AreaRoutingTests|LockedTests|StagingFolderTests|ReadAheadTests|SideBySideTests|SinksSideBySideTests|OutputClaimsTests|DetachedThreadTests|ThreadStartTests
# Its summary line says "ThreadSanitizer run with N tests": the same tests again, not more of them.
tsan: deps
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	bash -o pipefail -c "$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan --filter '$(TSAN_SUITES)' 2>&1 | sed -u 's/Test run with/ThreadSanitizer run with/'"

bench: deps
	bash bench/run.sh --repeat 5

bench-programme: deps
	bash bench/programme.sh --repeat 3

# Corpora, crashes and logs go to fuzz-output/ (see Fuzzing/README.md); FUZZ_TARGETS picks some.
fuzz: deps
	SWIFT=$(SWIFT) bash Fuzzing/fuzz.sh $$(( $(FUZZ_MINUTES) * 60 )) $(FUZZ_TARGETS)

fuzz-smoke: deps
	SWIFT=$(SWIFT) bash Fuzzing/fuzz.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

# Every fuzz target built and run once over its seeds, with no mutation (part of `make test`).
fuzz-seeds: deps
	SWIFT=$(SWIFT) bash Fuzzing/fuzz.sh 0 $(FUZZ_TARGETS)

clean:
	rm -rf .build output/*/
