#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each one after another for SECONDS, leaving everything
# under fuzz-output/ (ignored by git):
#   fuzz-output/seeds/<Target>/    the seed corpus, made afresh at every run (see seeds below)
#   fuzz-output/corpus/<Target>/   the corpus libFuzzer grows; kept between runs
#   fuzz-output/crashes/<Target>/  crash-*, timeout-*, oom-* inputs, one file each
#   fuzz-output/logs/<Target>.log  libFuzzer's output
# Usage (from the repository root; `make fuzz`, `make fuzz-smoke` and `make fuzz-seeds` call it):
#   bash Fuzzing/fuzz.sh SECONDS [Target...]
# SECONDS 0 replays the seeds (and the corpus kept so far) once, with no mutation: a quick,
# deterministic check that every target builds and runs, which `make test` does.
# Exits 1 when a target found a crash, a hang (over 10 s for one input) or ran out of memory.
set -euo pipefail

seconds=${1:?usage: fuzz.sh SECONDS [Target...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzCSV FuzzXML FuzzNotes FuzzPipeline FuzzTemplate FuzzBaselineJSON)
root=$(pwd)
out=$root/fuzz-output
shared=$root/../shared/data
swift=${SWIFT:-swift}

start=$(date +%s)
bash "$root/scripts/forget-stale-build.sh" "$root/.build-fuzz"
# SwiftPM passes the two sanitizers as two -sanitize= options, in an order that changes from one
# build to the next, and swiftc keeps only the last: a module compiled then has either no coverage
# counters or no AddressSanitizer. The combined option, passed last, gives every module both.
# (--sanitize=fuzzer itself stays: it has libFuzzer supply `main` when the targets are linked.)
for target in "${targets[@]}"; do
    "$swift" build -c debug --sanitize=fuzzer --package-path Fuzzing --scratch-path .build-fuzz \
        -Xswiftc -use-ld=lld -Xswiftc -sanitize=fuzzer,address --product "$target"
done
echo "fuzz: built in $(( $(date +%s) - start )) s"

# Copies each file named to the seed folder $1, named after its path so that none overwrites another.
seed() {
    local folder=$1
    shift
    local file name
    for file in "$@"; do
        [ -f "$file" ] || continue
        name=${file#"$root"/}
        cp "$file" "$folder/$(echo "${name#../}" | tr '/' '_')"   # ../shared/data/x → shared_data_x, not a hidden file
    done
}

# The seed corpus of target $1: the repository's samples and test fixtures, and ../shared/data.
make_seeds() {
    local target=$1 folder=$out/seeds/$1
    rm -rf "$folder"
    mkdir -p "$folder"
    shopt -s nullglob globstar
    case $target in
    FuzzCSV)
        # The survey exports cut to their first rows: libFuzzer mutates small inputs faster.
        for file in samples/*/staff-survey-*.csv; do head -n 30 "$file" >"$folder/$(echo "$file" | tr '/' '_')"; done
        # Multi-select cells as JSON arrays (some Microsoft Forms exports), escapes and all.
        printf '%s\n' 'ID,Start time,Completion time,Email,Name,Q1,Q2,Used,Seen,Note,Text' \
            '1,a,b,,,Agree,Agree,"[""GP"",""wave; or not"",""caf\u00e9 \""x\""""]","[""Red, or crimson""]",,' \
            '2,a,b,,,Agree,Agree,"[]","Red, or crimson,Red",,' >"$folder/json-array-multi-select.csv"
        seed "$folder" samples/*/area-*.csv samples/*/code-changes.csv samples/*/fingertips-extract.csv \
            Tests/CSVSurveyTests/Fixtures/*/input.csv Tests/CSVIndicatorsTests/Fixtures/**/*.csv
        if [ -d "$shared" ]; then seed "$folder" "$shared"/csv-spectrum/csvs/*.csv; fi ;;
    FuzzXML)
        seed "$folder" samples/*/*.xml Tests/XMLDatasetTests/Fixtures/**/*.xml
        if [ -d "$shared" ]; then seed "$folder" "$shared"/sdmx/*.xml; fi ;;
    FuzzNotes)
        seed "$folder" samples/*/notes*/* Tests/InterviewNotesTests/Fixtures/**/*.md Tests/InterviewNotesTests/Fixtures/**/*.txt \
            Tests/InterviewNotesTests/Fixtures/**/*.vtt ;;
    FuzzPipeline)
        seed "$folder" pipelines/*.yaml Tests/BaselineCoreTests/Fixtures/config-errors/**/*.yaml ;;
    FuzzTemplate)
        seed "$folder" templates/*.mustache ;;
    FuzzBaselineJSON)
        seed "$folder" Tests/BaselineDiffTests/Fixtures/**/*.json Tests/EndToEndTests/Golden/**/baseline.json ;;
    *)
        echo "fuzz: no target '$target' (FuzzCSV FuzzXML FuzzNotes FuzzPipeline FuzzTemplate FuzzBaselineJSON)" >&2
        exit 2 ;;
    esac
    shopt -u nullglob globstar
}

[ -d "$shared" ] || echo "fuzz: ../shared/data not found: seeding from samples/ and the test fixtures only"

failed=()
summary=()
for target in "${targets[@]}"; do
    make_seeds "$target"
    mkdir -p "$out/corpus/$target" "$out/crashes/$target" "$out/logs"
    log=$out/logs/$target.log
    echo "fuzz: $target for $([ "$seconds" -eq 0 ] && echo "its seeds once" || echo "$seconds s") ($(ls "$out/seeds/$target" | wc -l) seeds, log in ${log#"$root"/})"
    # One process (no -jobs/-workers): the machine's cores are shared. Swift's own crash handler is
    # off so that AddressSanitizer reports the crash (SWIFT_BACKTRACE). No leak detection: Swift
    # keeps pointers with tag bits in spare bits (enum payloads), which LeakSanitizer takes for leaks.
    status=0
    ASAN_OPTIONS=detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS} SWIFT_BACKTRACE=enable=no PLACEBASELINE_ROOT=$root .build-fuzz/debug/"$target" \
        $([ "$seconds" -eq 0 ] && echo -runs=0 || echo -max_total_time="$seconds") -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -print_final_stats=1 \
        -artifact_prefix="$out/crashes/$target/" "$out/corpus/$target" "$out/seeds/$target" >"$log" 2>&1 &
    pid=$!
    wait "$pid" || status=$?
    # The fuzzer's input folder (FuzzWorkspace), which a crash or an early exit leaves behind.
    rm -rf /dev/shm/placebaseline-fuzz-*-"$pid"
    last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(echo "$last" | grep -oE 'cov: [0-9]+' || true)
    ft=$(echo "$last" | grep -oE 'ft: [0-9]+' || true)
    line="$target: ${runs:-?} runs, ${speed:-?}/s, ${cov:-cov: ?}, ${ft:-ft: ?}"
    if [ "$status" -ne 0 ]; then
        line="$line — FAILED (exit $status): $(grep -m1 -E 'ERROR: (libFuzzer|AddressSanitizer)|Test unit written' "$log" || echo "see the log")"
        failed+=("$target")
    fi
    echo "fuzz: $line"
    summary+=("$line")
done

echo "fuzz: summary after $(( $(date +%s) - start )) s"
printf '  %s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: ${failed[*]} failed; the inputs are in fuzz-output/crashes/ (Fuzzing/README.md says what to do)" >&2
    exit 1
fi
