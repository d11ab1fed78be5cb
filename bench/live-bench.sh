#!/usr/bin/env bash
# Live streaming benchmarks (bench/README.md, docs/live.md): throughput from one writer to 1 and 20
# viewers, latency from addSample to a viewer, memory of a 64 MiB history under an hour of 1080p30.
# Usage: bench/live-bench.sh [all|throughput|latency|memory] [quick]
# Results: bench/out/live/*.csv (one file per run; '#' lines say what was run and the load).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
what="${1:-all}"
quick="${2:-}"
mvn -B -q -o -Pbench package -pl bench -am -DskipTests -Dspotless.check.skip=true
out=bench/out/live
mkdir -p "$out"
jar=bench/target/benchmarks.jar
java_opts=(--add-opens=java.base/java.nio=ALL-UNNAMED -cp "$jar")

if [ -n "$quick" ]; then
  messages=300; lat_samples=1300; paced_samples=1300; hour=6000; paced_minutes_samples=1800
else
  messages=3000; lat_samples=10300; paced_samples=10300; hour=108000; paced_minutes_samples=9000
fi

run() { # NAME JAVA-ARGS...
  local name="$1"; shift
  echo "== $name" >&2
  java "$@" | tee "$out/$name.csv"
}

if [ "$what" = all ] || [ "$what" = throughput ]; then
  for w in client sink; do
    for kb in 30 256; do
      run "throughput-$w-${kb}k" -Xmx3g "${java_opts[@]}" dev.rrdvideo.bench.live.LiveThroughput \
        --readers 1,20 --messages "$((kb > 100 ? messages / 3 : messages))" --sample-kb "$kb" \
        --writer "$w" --runs 3
    done
  done
fi

if [ "$what" = all ] || [ "$what" = latency ]; then
  for p in sink client; do
    run "latency-$p-max" -Xmx1g "${java_opts[@]}" dev.rrdvideo.bench.live.LiveLatency \
      --samples "$lat_samples" --fps 0 --path "$p"
    run "latency-$p-30fps" -Xmx1g "${java_opts[@]}" dev.rrdvideo.bench.live.LiveLatency \
      --samples "$paced_samples" --fps 30 --path "$p"
  done
fi

if [ "$what" = all ] || [ "$what" = memory ]; then
  # serial GC as the ./rrdvideo launcher uses; a modest heap for a 64 MiB history
  run memory-hour-max -Xmx256m -XX:+UseSerialGC "${java_opts[@]}" \
    dev.rrdvideo.bench.live.LiveMemory --samples "$hour" --fps 0 --history-mib 64 --every-ms 1000
  run memory-5min-30fps -Xmx256m -XX:+UseSerialGC "${java_opts[@]}" \
    dev.rrdvideo.bench.live.LiveMemory --samples "$paced_minutes_samples" --fps 30 \
    --history-mib 64 --every-ms 5000 --full-gc-every 2
fi
