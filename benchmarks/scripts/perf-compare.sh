#!/usr/bin/env bash
# Side-by-side measurement of the authorizer and of restart replay: a baseline commit against this
# working tree, in alternating runs of the same JMH settings, so that a noisy machine affects both alike.
# Usage: benchmarks/scripts/perf-compare.sh [BASELINE_REF] [ROUNDS]   (defaults: main, 2)
# The baseline must have the journal key (main after the journal-encryption merge), since ReplayBenchmark
# is copied into it when it has none and replays a sealed journal too.
# Writes its jars and logs under ${OUT:-/tmp/junction-perf}; prints each run's score lines.
# Each side runs its own AuthorizerBenchmark: a baseline older than 2026-11-22 03:01 (commit "AuthorizerBenchmark
# draws a card at random...") drew 4,096 cards per run and reads about 1.9x higher for the same code, so
# compare the authorizer only against baselines after it. Runs use plain `java -jar` (no huge pages).
set -euo pipefail
BASELINE=${1:-main}
ROUNDS=${2:-2}
ROOT=$(git rev-parse --show-toplevel)
OUT=${OUT:-/tmp/junction-perf}
JMH=${JMH:-"-f 1 -wi 3 -w 2s -i 5 -r 2s"}
REPLAY_REQUESTS=${REPLAY_REQUESTS:-2000000}
mkdir -p "$OUT"

# The baseline's jar, built from a clean export of the ref; ReplayBenchmark is copied in when the ref
# predates it, so that both sides replay the same journal.
rm -rf "$OUT/baseline-src" && mkdir -p "$OUT/baseline-src"
git -C "$ROOT" archive "$BASELINE" | tar -x -C "$OUT/baseline-src"
REPLAY=benchmarks/src/main/java/dev/junction/benchmarks/ReplayBenchmark.java
[ -f "$OUT/baseline-src/$REPLAY" ] || cp "$ROOT/$REPLAY" "$OUT/baseline-src/$REPLAY"
(cd "$OUT/baseline-src" && mvn -B -q -pl benchmarks -am package -DskipTests)
cp "$OUT/baseline-src/benchmarks/target/benchmarks.jar" "$OUT/baseline.jar"
(cd "$ROOT" && mvn -B -q -pl benchmarks -am package -DskipTests)
cp "$ROOT/benchmarks/target/benchmarks.jar" "$OUT/new.jar"

for round in $(seq 1 "$ROUNDS"); do
  for side in baseline new; do
    echo "== round $round: $side ($(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg))"
    java -jar "$OUT/$side.jar" AuthorizerBenchmark $JMH -prof gc 2>&1 | tee "$OUT/authorizer-$side-$round.log" |
      grep -E "^AuthorizerBenchmark.authorize(Batch)? |gc.alloc.rate.norm  "
    java -jar "$OUT/$side.jar" ReplayBenchmark -p requests="$REPLAY_REQUESTS" -p sealed=false,true -f 1 -wi 1 -i 3 2>&1 |
      tee "$OUT/replay-$side-$round.log" | grep -E "^(recover|readInputs):|^ReplayBenchmark"
  done
done
