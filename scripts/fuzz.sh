#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and runs each for a bounded time.
# Usage: scripts/fuzz.sh [seconds per target (default 60)] [target ...]
#        FUZZ_RUNS=10000000 scripts/fuzz.sh 0 AgentFuzzConfiguration   (a number of executions instead)
# Prints executions and crashes per target; exits 1 if any target crashed. Crashing inputs are
# saved under .build/fuzz/artifacts/TARGET/ and replay with the normally built target:
#   swift build --product TARGET && .build/debug/TARGET .build/fuzz/artifacts/TARGET/crash-*
# The agent's targets start from their committed corpus, Tests/FuzzCorpus/TARGET, which `swift test`
# replays (FuzzCorpusTests); add a crashing input there once it is fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"

seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(DeviceFuzzFrames DeviceFuzzScanner DeviceFuzzKeys
    AgentFuzzRequestBodies AgentFuzzUploadAnswer AgentFuzzConfiguration AgentFuzzPhoneNumber)
scratch=.build/fuzz

# Seeds: well-formed inputs the fuzzer mutates from.
seed() { mkdir -p "$scratch/corpus/$1"; printf "$3" > "$scratch/corpus/$1/$2"; }
seed DeviceFuzzFrames idle '\x02{"seq":0,"type":"idle"}\x039265'
seed DeviceFuzzFrames ack-garbage 'noise\x06\x15\x02{"seq":1,"ty\x02{"seq":0,"type":"idle"}\x039265'
seed DeviceFuzzFrames input '\x02{"mode":"phone","seq":3,"type":"input","value":"01012345678"}\x039F52'
seed DeviceFuzzScanner lines '8801234567893\r\n]E04006381333931\rA-1\nB-2\n\r\n'
seed DeviceFuzzScanner binary '12\xff\xfe\r\x1b[A\n\x00\r'
# Shift+A, 1, Enter as input_event records (24 bytes each, 1 ms apart).
seed DeviceFuzzKeys typed '\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x2a\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xe8\x03\x00\x00\x00\x00\x00\x00\x01\x00\x1e\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xd0\x07\x00\x00\x00\x00\x00\x00\x01\x00\x1e\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xb8\x0b\x00\x00\x00\x00\x00\x00\x01\x00\x2a\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xa0\x0f\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x88\x13\x00\x00\x00\x00\x00\x00\x01\x00\x02\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x70\x17\x00\x00\x00\x00\x00\x00\x01\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x58\x1b\x00\x00\x00\x00\x00\x00\x01\x00\x1c\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x40\x1f\x00\x00\x00\x00\x00\x00\x01\x00\x1c\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x28\x23\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00'

# The longest input worth trying: a phone number is short, a posagent.toml is not.
max_len() {
    case "$1" in
        AgentFuzzPhoneNumber) echo 64 ;;
        AgentFuzzRequestBodies) echo 512 ;;
        AgentFuzzUploadAnswer) echo 1024 ;;
        AgentFuzzConfiguration) echo 2048 ;;
        *) echo 8192 ;;
    esac
}
if [ -n "${FUZZ_RUNS:-}" ]; then limit=(-runs="$FUZZ_RUNS"); else limit=(-max_total_time="$seconds"); fi

status=0
summary=()
for target in "${targets[@]}"; do
    echo "fuzz: building $target"
    swift build --scratch-path "$scratch" -c release --sanitize=fuzzer \
        -Xswiftc -parse-as-library -Xswiftc -DFUZZING --product "$target" >"$scratch/$target.build.log" 2>&1 \
        || { cat "$scratch/$target.build.log" >&2; exit 1; }
    binary="$(swift build --scratch-path "$scratch" -c release --show-bin-path)/$target"
    mkdir -p "$scratch/artifacts/$target" "$scratch/corpus/$target"
    committed=()
    [ -d "Tests/FuzzCorpus/$target" ] && committed=("Tests/FuzzCorpus/$target")
    log="$scratch/$target.log"
    echo "fuzz: running $target (${limit[0]})"
    set +e
    # Swift's own backtracer off: libFuzzer then sees the trap and saves the input that caused it.
    SWIFT_BACKTRACE=enable=no "$binary" "${limit[@]}" -max_len="$(max_len "$target")" -print_final_stats=1 \
        -artifact_prefix="$scratch/artifacts/$target/" "$scratch/corpus/$target" "${committed[@]}" >"$log" 2>&1
    result=$?
    set -e
    execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
    [ -n "$execs" ] || execs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#' || true)"
    crashes="$(find "$scratch/artifacts/$target" -name 'crash-*' -newer "$scratch/$target.build.log" | wc -l)"
    if [ "$result" -ne 0 ]; then
        status=1
        grep -E 'ERROR|Fatal error|Precondition|crash-' "$log" | head -5 >&2 || true
    fi
    rate="$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)"
    summary+=("$target: ${execs:-0} execs, ${rate:-?} exec/s, $crashes crashes (exit $result)")
done

for line in "${summary[@]}"; do echo "fuzz: $line"; done
exit "$status"
