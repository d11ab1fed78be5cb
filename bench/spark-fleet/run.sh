#!/usr/bin/env bash
# The fleet benchmark of bench/spark-fleet/README.md (make the fleet first with make-fleet.sh;
# build the shaded jar with `mvn -pl spark -am package -DskipTests`; the Spark class path comes
# from spark/submit-check). Prints wall times; nothing else runs meanwhile, ideally.
# Usage: bench/spark-fleet/run.sh [ffprobe|inspect|spark|split]...   (default: the first three)
# spark: every query twice in one session (cold, then warm), then one query per spark-submit.
# split: one large recording (BIG_RRD, default bench/out/big-split/big-400m.rrd: make-big-split.sh)
#        read whole and split in 128 MiB and 32 MiB parts, each query twice in one session.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
fleet="$root/bench/out/fleet"
jars="$root/spark/submit-check/target/spark-4.0.1/spark-jars"
what=("$@")
[ ${#what[@]} -gt 0 ] || what=(ffprobe inspect spark)
t() { local s e; s=$(date +%s.%N); "$@"; e=$(date +%s.%N); echo "$(echo "$e - $s" | bc)"; }
for w in "${what[@]}"; do
  case "$w" in
    ffprobe)
      echo "ffprobe -show_packets loop, $(ls "$fleet/mp4" | wc -l) MP4s: $(t bash -c "for f in '$fleet'/mp4/*.mp4; do ffprobe -v error -show_packets -of csv \"\$f\" >/dev/null; done") s"
      echo "ffprobe -show_packets loop, 3 big MP4s: $(t bash -c "for f in '$fleet'/big-mp4/*.mp4; do ffprobe -v error -show_packets -of csv \"\$f\" >/dev/null; done") s"
      ;;
    inspect)
      "$root/rrdvideo" --version >/dev/null  # builds the tool if needed; the loop then runs it as is
      export RRDVIDEO_NO_BUILD=1
      echo "rrdvideo inspect --format csv loop, $(ls "$fleet/rrd" | wc -l) recordings: $(t bash -c "for f in '$fleet'/rrd/*.rrd; do '$root/rrdvideo' inspect \"\$f\" --format csv >/dev/null; done") s"
      echo "rrdvideo inspect --format csv loop, 3 big recordings: $(t bash -c "for f in '$fleet'/big/*.rrd; do '$root/rrdvideo' inspect \"\$f\" --format csv >/dev/null; done") s"
      ;;
    spark|split)
      [ -d "$jars" ] || mvn -B -q -f "$root/spark/submit-check/pom.xml" dependency:copy-dependencies -DoutputDirectory="$jars"
      work="$root/bench/out/spark-bench"
      mkdir -p "$work/classes"
      javac -d "$work/classes" -cp "$jars/*" "$root/bench/spark-fleet/FleetBench.java"
      (cd "$work/classes" && jar cf "$work/bench.jar" ./*.class)
      opens="-XX:+IgnoreUnrecognizedVMOptions --add-modules=jdk.incubator.vector"
      for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util \
        java.util.concurrent java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs \
        sun.security.action sun.util.calendar; do
        opens="$opens --add-opens=java.base/$p=ALL-UNNAMED"
      done
      if [ "$w" = split ]; then
        big="${BIG_RRD:-$root/bench/out/big-split/big-400m.rrd}"
        echo "== Spark local[2] over one recording: $big ($(du -h "$big" | cut -f1))"
        /usr/bin/time -f "spark-submit total: %e s wall, max RSS %M KiB" \
          java $opens -Xmx4g -Djdk.reflect.useDirectMethodHandle=false \
          -cp "$jars/*" org.apache.spark.deploy.SparkSubmit --master 'local[2]' \
          --conf spark.ui.enabled=false --conf spark.log.level=WARN \
          --conf spark.driver.host=127.0.0.1 --conf spark.sql.adaptive.enabled=false \
          --conf spark.sql.shuffle.partitions=2 \
          --jars "$root/spark/target/rrdvideo-spark.jar" --class FleetBench "$work/bench.jar" \
          split "$big" 2>&1 | grep -E "^(session|run |spark-submit)"
        continue
      fi
      for d in rrd big; do
        for single in ${SINGLES:-"" 134217728}; do
        echo "== Spark local[2] over $d/ ${single:+(one query, packed)}"
        /usr/bin/time -f "spark-submit total: %e s wall, max RSS %M KiB" \
          java $opens -Xmx4g -Djdk.reflect.useDirectMethodHandle=false \
          -cp "$jars/*" org.apache.spark.deploy.SparkSubmit --master 'local[2]' \
          --conf spark.ui.enabled=false --conf spark.log.level=WARN \
          --conf spark.driver.host=127.0.0.1 --conf spark.sql.adaptive.enabled=false \
          --conf spark.sql.shuffle.partitions=2 \
          --jars "$root/spark/target/rrdvideo-spark.jar" --class FleetBench "$work/bench.jar" \
          "$fleet/$d" $single 2>&1 | grep -E "^(session|run |spark-submit)"
        done
      done
      ;;
  esac
done
