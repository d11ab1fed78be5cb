#!/usr/bin/env bash
# Makes the fleet of bench/spark-fleet/README.md under bench/out/fleet/:
#   rrd/NNNN.rrd   1,000 short recordings of mixed codecs: the testdata MP4 fixtures (H.264,
#                  H.265, AV1, VP9; with and without B-frames) converted with ./rrdvideo convert
#                  (VideoStream, or AssetVideo for the B-frame ones), cycled to 1,000 files
#   mp4/NNNN.mp4   the equivalent MP4 of each recording (the fixture it was converted from)
#   big/*.rrd      3 large recordings (ffmpeg test pattern, 640x360 30 fps H.264 without B-frames,
#                  10 minutes = 18,000 samples each), and big-mp4/*.mp4 their MP4s
# Usage: bench/spark-fleet/make-fleet.sh [COUNT]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/bench/out/fleet"
count="${1:-1000}"
fx="$root/testdata/src/main/resources/dev/rrdvideo/testdata/mp4"
rm -rf "$out"
mkdir -p "$out/src" "$out/rrd" "$out/mp4" "$out/big" "$out/big-mp4"
stream=(h264_base h264_ntsc h264_ts1000 h264_ts600 h264_ts90000 h264_vfr h265_hvc1 av1 vp9)
asset=(h264_bframes h264_bpyramid h265_bframes)
sources=()
for s in "${stream[@]}"; do
  "$root/rrdvideo" convert "$fx/$s.mp4" "$out/src/$s.rrd" >/dev/null
  sources+=("$s")
done
for s in "${asset[@]}"; do
  "$root/rrdvideo" convert --mode asset "$fx/$s.mp4" "$out/src/$s.rrd" >/dev/null
  sources+=("$s")
done
n=${#sources[@]}
for ((i = 0; i < count; i++)); do
  s="${sources[$((i % n))]}"
  name=$(printf '%04d' "$i")
  cp "$out/src/$s.rrd" "$out/rrd/$name.rrd"
  cp "$fx/$s.mp4" "$out/mp4/$name.mp4"
done
for b in 1 2 3; do
  ffmpeg -v error -f lavfi -i "testsrc2=size=640x360:rate=30:duration=600" \
    -c:v libx264 -preset ultrafast -bf 0 -g $((30 * b)) -pix_fmt yuv420p "$out/big-mp4/big$b.mp4"
  "$root/rrdvideo" convert "$out/big-mp4/big$b.mp4" "$out/big/big$b.rrd" >/dev/null
done
du -sh "$out/rrd" "$out/mp4" "$out/big" "$out/big-mp4"
