#!/usr/bin/env bash
# `inspect --columns`: the work follows the columns. Times `rrdvideo inspect big.rrd --format csv`
# with every column against the same with only container columns (pts, dts_ns, duration_ns,
# size_bytes, keyframe_declared: no bitstream parsing), on the ~400 MB 1080p recording and on the
# MP4 it came from (where container columns need no sample bytes at all), with ffprobe
# -show_packets on the MP4 as the yardstick. Cold JVM per run through ./rrdvideo, RUNS runs each,
# interleaved; medians. Not run in CI. Needs ffmpeg/ffprobe.
# Usage: bench/inspect-columns.sh [SIZE_MB] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-400}"
runs="${2:-5}"
./rrdvideo --version > /dev/null
big="$(bench/make-big-h264.sh "$size_mb")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./rrdvideo convert "$big" "$work/big.rrd" 2> /dev/null
cols=pts,dts_ns,duration_ns,size_bytes,keyframe_declared

measure() {
  local label="$1"; shift
  /usr/bin/time -f '%e %M' -a -o "$work/$label" "$@" > /dev/null
}
for _ in $(seq "$runs"); do
  measure ffprobe ffprobe -v error -select_streams v:0 -show_packets -of csv "$big"
  measure rrd-all ./rrdvideo inspect "$work/big.rrd" --format csv
  measure rrd-container ./rrdvideo inspect "$work/big.rrd" --format csv --columns "$cols"
  measure mp4-all ./rrdvideo inspect "$big" --format csv
  measure mp4-container ./rrdvideo inspect "$big" --format csv --columns "$cols"
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ff=$(awk '{print $1}' "$work/ffprobe" | median)
for label in ffprobe rrd-all rrd-container mp4-all mp4-container; do
  m=$(awk '{print $1}' "$work/$label" | median)
  rss=$(awk '{print $2}' "$work/$label" | sort -n | tail -1)
  awk -v l="$label" -v m="$m" -v f="$ff" -v r="$rss" \
    'BEGIN { printf "%-14s median %6.2f s  %5.2fx ffprobe  max RSS %4d MiB\n", l, m, m / f, r / 1024 }'
done
