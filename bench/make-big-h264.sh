#!/usr/bin/env bash
# Makes the large test video the convert and inspect benchmarks share: 1080p30 H.264
# (x264 ultrafast: Constrained Baseline, no B-frames, keyframe every 60 frames) of about SIZE_MB megabytes,
# encoded by ffmpeg from its testsrc2 pattern plus noise so frames stay big.
# Prints the path. Cached: an existing file is reused.
# Usage: bench/make-big-h264.sh [SIZE_MB] (default 400)   Needs ffmpeg.
set -euo pipefail
size_mb="${1:-400}"
out="${BIG_MP4:-/tmp/rrdvideo-bench-1080p-${size_mb}m.mp4}"
if [ ! -s "$out" ]; then
  # ~27 Mbit/s at 30 fps -> size_mb megabytes takes size_mb*8/27 seconds of video.
  secs=$(( size_mb * 8 / 27 + 1 ))
  ffmpeg -v error -y -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=${secs}" \
    -vf "noise=alls=12:allf=t" -c:v libx264 -preset ultrafast -tune zerolatency -bf 0 \
    -g 60 -b:v 27M -maxrate 27M -bufsize 27M -pix_fmt yuv420p -movflags +faststart \
    -f mp4 "$out.part" </dev/null
  mv "$out.part" "$out"
fi
echo "$out"
