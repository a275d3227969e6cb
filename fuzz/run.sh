#!/usr/bin/env bash
# Runs the fuzz targets one after another (one fuzzer at a time, one process each).
#   fuzz/run.sh [RUNS] [MAX_SECONDS] [TARGET...]
# Defaults: 1,000,000 executions or 600 s per target, whichever comes first; every target.
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`); works on stable with RUSTC_BOOTSTRAP=1.
# Crash inputs land in fuzz/artifacts/<target>/: minimise them (`cargo fuzz tmin`) and copy them
# to fuzz/regressions/<target>/, which tests/fuzz_regressions.rs replays on every `cargo test`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
runs=${1:-1000000}
secs=${2:-600}
shift 2 2>/dev/null || shift $#
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(dates pdpa front_matter_yaml markdown criteria sniff office)
export RUSTC_BOOTSTRAP=1
target_dir=${FUZZ_TARGET_DIR:-target}
[ -d corpus ] || ./seed.sh
max_len() {
    case "$1" in
    dates) echo 256 ;; pdpa) echo 4096 ;; front_matter_yaml | markdown) echo 16384 ;;
    criteria) echo 131072 ;; *) echo 70000 ;;
    esac
}
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t: up to $runs runs / $secs s"
    cargo fuzz run "$t" -O -a -s none --target-dir "$target_dir" "corpus/$t" -- \
        -runs="$runs" -max_total_time="$secs" -max_len="$(max_len "$t")" -timeout=60 \
        -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="artifacts/$t/" 2>&1 |
        tee "logs-$t.txt" | grep -E "^(#[0-9]+ +(DONE|INITED)|stat::|==[0-9]+==|SUMMARY|Done [0-9]+ runs|thread '|panicked)" 
    echo "== $t: exit ${PIPESTATUS[0]}"
done
