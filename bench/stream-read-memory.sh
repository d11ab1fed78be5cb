#!/usr/bin/env bash
# End-to-end: peak memory (max RSS) and wall time of a streaming read of a large recording.
# Makes a synthetic ~1 GiB VideoStream recording (random 64 KiB samples, keyframe every 30),
# then streams it through `rrdvideo verify` (decodes every chunk and sample) and
# `rrdvideo print` twice: once from the file and once from a pipe (stdin).
# Not run in CI. Usage: bench/stream-read-memory.sh [SIZE_MB]   (default 1024)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-1024}"
big="${BIG:-/tmp/rrdvideo-bench-${size_mb}m.rrd}"
heap="${HEAP:-64m}"

mvn -B -q -ntp -Pbench -DskipTests package -pl bench,cli -am
if [ ! -f "$big" ]; then
  java --add-opens=java.base/java.nio=ALL-UNNAMED -cp bench/target/benchmarks.jar \
    dev.rrdvideo.bench.SyntheticVideo "$big" "$size_mb" 64 30
fi
ls -l "$big"

measure() {
  local label="$1"; shift
  local log; log="$(mktemp)"
  /usr/bin/time -f '%e %M' -o "$log" "$@" > /dev/null
  read -r secs kib < "$log"
  printf '%-40s wall %6.2f s   max RSS %5d MiB\n' "$label" "$secs" "$((kib / 1024))"
  rm -f "$log"
}

jar=cli/target/rrdvideo.jar
measure "verify (file, -Xmx$heap)" java -Xmx"$heap" -jar "$jar" verify --quiet "$big"
measure "print (file, -Xmx$heap)" java -Xmx"$heap" -jar "$jar" print "$big"
measure "print (stdin pipe, -Xmx$heap)" sh -c "cat '$big' | java -Xmx$heap -jar $jar print -"
