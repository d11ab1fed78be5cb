#!/usr/bin/env bash
# End-to-end: `rrdvideo inspect --format csv` of a ~400 MB recording of 1080p H.264 against
# `ffprobe -show_packets -of csv` of the same video as MP4, side by side, RUNS times each,
# alternating, cold JVM per run through the ./rrdvideo launcher. Then the memory of inspecting a
# 100,000-sample input (a long low-resolution video, as .rrd and as MP4).
# Reports median wall times, the ratio, and max RSS.
# Not run in CI. Needs ffmpeg/ffprobe. Usage: bench/inspect-vs-ffprobe.sh [SIZE_MB] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-400}"
runs="${2:-3}"
./rrdvideo --version > /dev/null # builds the jar and the class-data-sharing archive if needed
big="$(bench/make-big-h264.sh "$size_mb")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./rrdvideo convert "$big" "$work/big.rrd" 2> /dev/null
ls -l "$big" "$work/big.rrd"

measure() {
  local label="$1"; shift
  /usr/bin/time -f '%e %M' -a -o "$work/$label" "$@" > "$work/$label.out"
}

for _ in $(seq "$runs"); do
  measure ffprobe ffprobe -v error -select_streams v:0 -show_packets -of csv "$big"
  measure rrdvideo ./rrdvideo inspect "$work/big.rrd" --format csv
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ff=$(awk '{print $1}' "$work/ffprobe" | median)
rv=$(awk '{print $1}' "$work/rrdvideo" | median)
ffmem=$(awk '{print $2}' "$work/ffprobe" | sort -n | tail -1)
rvmem=$(awk '{print $2}' "$work/rrdvideo" | sort -n | tail -1)
echo "runs: $runs; rows: ffprobe $(wc -l < "$work/ffprobe.out"), rrdvideo $(($(wc -l < "$work/rrdvideo.out") - 1)) (+ header)"
printf 'ffprobe -show_packets -of csv (MP4)     median %6.2f s  max RSS %4d MiB\n' "$ff" $((ffmem / 1024))
printf 'rrdvideo inspect --format csv (.rrd)    median %6.2f s  max RSS %4d MiB\n' "$rv" $((rvmem / 1024))
awk -v a="$rv" -v b="$ff" 'BEGIN { printf "ratio rrdvideo/ffprobe: %.2fx\n", a / b }'

# 100,000 samples: 64x64, 30 fps, about 55 minutes.
long="${LONG_MP4:-/tmp/rrdvideo-bench-100k.mp4}"
if [ ! -s "$long" ]; then
  ffmpeg -v error -y -f lavfi -i "testsrc2=size=64x64:rate=30" -frames:v 100000 \
    -c:v libx264 -preset ultrafast -bf 0 -g 30 -pix_fmt yuv420p -f mp4 "$long.part" < /dev/null
  mv "$long.part" "$long"
fi
./rrdvideo convert "$long" "$work/long.rrd" 2> /dev/null
for input in "$work/long.rrd" "$long"; do
  for fmt in csv arrow; do
    /usr/bin/time -f '%e %M' -o "$work/long.time" \
      ./rrdvideo inspect "$input" --format "$fmt" -o "$work/long.$fmt"
    read -r secs kib < "$work/long.time"
    printf '100k samples, %-5s %-4s -> %-5s wall %5.2f s  max RSS %4d MiB\n' \
      "$(basename "$input" | sed 's/.*\.//')" "" "$fmt" "$secs" $((kib / 1024))
  done
done
./rrdvideo inspect "$work/long.rrd" --summary | sed -n '1,4p'
