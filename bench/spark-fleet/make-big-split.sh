#!/usr/bin/env bash
# Makes the large recording of the split benchmark (bench/spark-fleet/README.md, "One large
# recording"): the shared 1080p30 H.264 video of bench/make-big-h264.sh (about SIZE_MB, default
# 400; a GOP of 60 frames = one sample chunk of about 6.7 MB) converted with ./rrdvideo convert to
# bench/out/big-split/big-SIZE_MBm.rrd. Needs ffmpeg.
# Usage: bench/spark-fleet/make-big-split.sh [SIZE_MB]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
size="${1:-400}"
mp4="$("$root/bench/make-big-h264.sh" "$size")"
out="$root/bench/out/big-split/big-${size}m.rrd"
mkdir -p "$root/bench/out/big-split"
"$root/rrdvideo" convert "$mp4" "$out" >/dev/null
ls -l "$out"
