#!/usr/bin/env bash
# End-to-end: MP4 -> .rrd conversion speed and memory against ffmpeg's stream copy of the
# same video to an Annex B elementary stream (the closest ffmpeg equivalent: demux MP4,
# rewrite AVCC to Annex B, write everything out). Both run side by side, RUNS times each,
# alternating, with a cold JVM for every rrdvideo run (start-up included), started the way users
# start it: through the ./rrdvideo launcher (which maps its class-data-sharing archive).
# Reports median wall time, the ratio rrdvideo/ffmpeg, and max RSS.
# Not run in CI. Needs ffmpeg. Usage: bench/convert-vs-ffmpeg.sh [SIZE_MB] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-400}"
runs="${2:-3}"
./rrdvideo --version > /dev/null # builds the jar and the class-data-sharing archive if needed
big="$(bench/make-big-h264.sh "$size_mb")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ls -l "$big"

# measure LABEL CMD...: appends "secs kib" to $work/LABEL
measure() {
  local label="$1"; shift
  /usr/bin/time -f '%e %M' -a -o "$work/$label" "$@" > /dev/null
}

for _ in $(seq "$runs"); do
  sync
  measure ffmpeg ffmpeg -v error -y -i "$big" -map 0:v -c copy -bsf:v h264_mp4toannexb \
    -f h264 "$work/out.h264"
  rm -f "$work/out.h264"
  sync
  measure rrdvideo ./rrdvideo convert "$big" "$work/out.rrd"
  ls -l "$work/out.rrd" > "$work/size"
  rm -f "$work/out.rrd"
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ff=$(awk '{print $1}' "$work/ffmpeg" | median)
rv=$(awk '{print $1}' "$work/rrdvideo" | median)
ffmem=$(awk '{print $2}' "$work/ffmpeg" | sort -n | tail -1)
rvmem=$(awk '{print $2}' "$work/rrdvideo" | sort -n | tail -1)
echo "runs: $runs; output: $(awk '{print $5}' "$work/size") bytes"
printf 'ffmpeg -c copy -bsf:v h264_mp4toannexb  median %6.2f s  max RSS %4d MiB\n' "$ff" $((ffmem / 1024))
printf 'rrdvideo convert (JVM start included) median %6.2f s  max RSS %4d MiB\n' "$rv" $((rvmem / 1024))
awk -v a="$rv" -v b="$ff" 'BEGIN { printf "ratio rrdvideo/ffmpeg: %.2fx\n", a / b }'
