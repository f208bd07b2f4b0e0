#!/usr/bin/env bash
# Builds and runs one libFuzzer target for a given time.
#
#   Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
#   TARGET: DecodeRepair | Pipeline | TMXImport   (Fuzz/Targets/TARGET.swift)
#
# How it builds (Swift 6.3, Linux; see Fuzz/README.md):
#   1. the package's library modules are compiled by SwiftPM in release mode into .build-fuzz
#      with coverage instrumentation and AddressSanitizer (-sanitize=fuzzer,address), without
#      linking any executable (the wiretm CLI has its own main; libFuzzer brings another);
#   2. the target file is compiled with swiftc -parse-as-library and linked against those
#      object files; libFuzzer's runtime provides main() and calls LLVMFuzzerTestOneInput.
# New inputs go to .build-fuzz/corpus/TARGET, crashes/timeouts to Fuzz/artifacts/TARGET/.
set -euo pipefail
TARGET=${1:?usage: Fuzz/run.sh TARGET SECONDS [libFuzzer flags]}
SECONDS_TO_RUN=${2:?usage: Fuzz/run.sh TARGET SECONDS [libFuzzer flags]}
shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD="$ROOT/.build-fuzz"
SOURCE="$ROOT/Fuzz/Targets/$TARGET.swift"
[[ -f "$SOURCE" ]] || { echo "run.sh: no target $SOURCE" >&2; exit 64; }

cd "$ROOT"
# libFuzzer prints its own stack; the Swift backtracer would wait on a crashed process.
export SWIFT_BACKTRACE=enable=no
swift build -c release --build-path "$BUILD" --target WireTM \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >&2

RELEASE="$BUILD/release/"
# Every library object SwiftPM compiled (not the CLI, not the test support).
mapfile -t OBJECTS < <(find "$RELEASE" -path '*/wiretm.build' -prune -o -path '*/_WireTMTestSupport.build' -prune \
  -o -path '*/ArgumentParser*.build' -prune -o -path '*Tests.build' -prune -o -name '*.o' -path '*.build/*' -print | sort)
BINARY="$BUILD/fuzz-$TARGET"
if [[ ! -x "$BINARY" || "$SOURCE" -nt "$BINARY" || -n "$(find "$RELEASE" -name '*.o' -newer "$BINARY" -print -quit)" ]]; then
  swiftc -O -parse-as-library -sanitize=fuzzer,address -module-cache-path "$BUILD/module-cache" \
    -I "$RELEASE/Modules" \
    -Xcc -fmodule-map-file="$RELEASE/CICU.build/module.modulemap" -Xcc -I"$ROOT/Sources/CICU/include" \
    -Xcc -fmodule-map-file="$ROOT/Sources/ICUSystem/module.modulemap" \
    -Xcc -fmodule-map-file="$BUILD/checkouts/GRDB.swift/Sources/GRDBSQLite/module.modulemap" \
    "$SOURCE" "${OBJECTS[@]}" \
    $(pkg-config --libs icu-i18n icu-uc) -lsqlite3 -o "$BINARY" >&2
fi

WORK="$BUILD/corpus/$TARGET"
ARTIFACTS="$ROOT/Fuzz/artifacts/$TARGET"
mkdir -p "$WORK" "$ARTIFACTS"
[[ -d "$ROOT/Fuzz/corpus/$TARGET" ]] || python3 "$ROOT/Fuzz/seed_corpus.py"
# -timeout: an input taking over 10 s counts as a hang; -rss_limit_mb: runaway memory is a
# finding too; -max_len: pages are small, and long inputs are covered by the linearity tests.
exec "$BINARY" "$WORK" "$ROOT/Fuzz/corpus/$TARGET" \
  -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=3072 -max_len=65536 \
  -artifact_prefix="$ARTIFACTS/" -print_final_stats=1 "$@"
