#!/usr/bin/env bash
# Makes the spec-vector fixtures of the header parsers under
# testdata/src/main/resources/dev/rrdvideo/testdata/headers/ (tiny streams, a few frames, sizes
# that need cropping, every chroma format, bit depths, profiles, interlace) and their ffprobe
# records in expected/ (NAME.stream.json; NAME.packets.csv and NAME.framemd5 for whole streams),
# then replaces their lines in MANIFEST.tsv. Run by hand with Debian 12's ffmpeg 5.1 (libx264,
# libx265, libaom, libvpx); the outputs are committed and CI never runs this script. Tests take
# their expected values from the ffprobe records, never from the parsers under test.
set -euo pipefail
cd "$(dirname "$0")/../src/main/resources/dev/rrdvideo/testdata"
command -v ffmpeg >/dev/null || { echo "needs ffmpeg (apt-get install ffmpeg)" >&2; exit 1; }
rm -rf headers
mkdir -p headers expected

ff() { ffmpeg -hide_banner -loglevel error -y -threads 1 "$@"; }
# input options for FRAMES frames of a WxH test picture in PIXFMT at 25 fps: testsrc2 makes even
# sizes only, so the picture is made one larger and cut exactly
src() {
  local w=${1%x*} h=${1#*x}
  echo -f lavfi -i "testsrc2=size=$(((w + 1) / 2 * 2))x$(((h + 1) / 2 * 2)):rate=25" -frames:v "$2" \
    -vf "format=$3,crop=$w:$h:0:0:exact=1" -pix_fmt "$3"
}
COMMON=(-map_metadata -1 -fflags +bitexact -flags:v +bitexact)
X264P="threads=1:lookahead-threads=1:sliced-threads=0"
X265P="pools=1:frame-threads=1:wpp=0:log-level=none"
X264=(-c:v libx264 -preset veryfast -crf 35)
X265=(-c:v libx265 -preset ultrafast -crf 35)
AOM=(-c:v libaom-av1 -cpu-used 8 -crf 50 -row-mt 0 -tiles 1x1)
VPX9=(-c:v libvpx-vp9 -deadline good -cpu-used 5 -b:v 100k -row-mt 0)

# --- H.264 (libx264, Annex B) --------------------------------------------------------------------
# cropping: 66x38 is coded as 80x48 (5x3 macroblocks), cropped by 7 and 5 chroma units (4:2:0)
ff $(src 66x38 3 yuv420p) "${COMMON[@]}" "${X264[@]}" -x264-params "$X264P" \
  -profile:v baseline -f h264 headers/h264_crop_66x38.h264
# High 4:4:4 Predictive (profile_idc 244), chroma_format_idc 3: cropping in luma units, odd sizes
ff $(src 65x37 3 yuv444p) "${COMMON[@]}" "${X264[@]}" -x264-params "$X264P" \
  -profile:v high444 -f h264 headers/h264_high444_65x37.h264
# High 4:2:2 (profile_idc 122), 10-bit
ff $(src 64x48 3 yuv422p10le) "${COMMON[@]}" "${X264[@]}" -x264-params "$X264P" \
  -profile:v high422 -f h264 headers/h264_high422_10bit_64x48.h264
# monochrome (chroma_format_idc 0, High profile): cropping in luma units, odd sizes
ff $(src 61x29 3 gray) "${COMMON[@]}" "${X264[@]}" -x264-params "$X264P" \
  -profile:v high -f h264 headers/h264_gray_61x29.h264
# interlaced (frame_mbs_only_flag 0, top field first): 64x40 is coded as 64x64 (two map units of
# 32 lines), cropped by 6 units of 4 lines (4:2:0 chroma rows of a field pair)
ff $(src 64x40 3 yuv420p) "${COMMON[@]}" "${X264[@]}" -x264-params "$X264P:interlaced=1:tff=1" \
  -profile:v high -f h264 headers/h264_interlaced_64x40.h264
# AVC-Intra 100 1080i: the one x264 mode that puts scaling lists in the SPS (seq_scaling_matrix_
# present_flag 1, 4x4 and 8x8 lists), High 4:2:2 Intra 10-bit, interlaced, 1080 cropped from 1088.
# One frame is 0.5 MB: the fixture keeps only its parameter sets (SPS, PPS); ffprobe's record is
# of the whole one-frame encode.
ff $(src 1920x1080 1 yuv422p10le) "${COMMON[@]}" -c:v libx264 \
  -x264-params "$X264P:avcintra-class=100:interlaced=1:tff=1" -f h264 /tmp/avcintra100.h264
ffprobe -v error -select_streams v:0 -show_streams -show_format -of json /tmp/avcintra100.h264 \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); d["format"].pop("filename",None); d["format"]["size"]="(of the whole one-frame encode)"; print(json.dumps(d, indent=1, sort_keys=True))' \
  > expected/h264_avcintra100_1080i.h264.stream.json
python3 - /tmp/avcintra100.h264 headers/h264_avcintra100_1080i.h264 <<'PY'
import sys, re
b = open(sys.argv[1], "rb").read()
starts = [m.start() for m in re.finditer(b"\x00\x00\x01", b)]
out = b""
for i, s in enumerate(starts):
    end = starts[i + 1] if i + 1 < len(starts) else len(b)
    nal = b[s + 3:end].rstrip(b"\x00")
    if nal[0] & 0x1F in (7, 8):  # SPS, PPS
        out += b"\x00\x00\x00\x01" + nal
open(sys.argv[2], "wb").write(out)
PY
rm -f /tmp/avcintra100.h264

# --- H.265 (libx265, Annex B) --------------------------------------------------------------------
# conformance window: 66x38 is coded as 72x40 (8-pixel minimum CU), window 3 and 1 chroma units
ff $(src 66x38 3 yuv420p) "${COMMON[@]}" "${X265[@]}" -x265-params "$X265P" \
  -f hevc headers/h265_conf_66x38.h265
# Main 4:4:4 (RExt), window in luma units, odd sizes
ff $(src 65x37 3 yuv444p) "${COMMON[@]}" "${X265[@]}" -x265-params "$X265P" \
  -f hevc headers/h265_main444_65x37.h265
# Main 4:2:2 10
ff $(src 64x48 3 yuv422p10le) "${COMMON[@]}" "${X265[@]}" -x265-params "$X265P" \
  -f hevc headers/h265_main422_10bit_64x48.h265
# monochrome (chroma_format_idc 0)
ff $(src 63x35 3 gray) "${COMMON[@]}" "${X265[@]}" -x265-params "$X265P" \
  -f hevc headers/h265_gray_63x35.h265

# --- AV1 (libaom, low-overhead OBU stream) ----------------------------------------------------------
# a still picture: reduced_still_picture_header 1
ff $(src 63x35 1 yuv420p) "${COMMON[@]}" "${AOM[@]}" -still-picture 1 \
  -f obu headers/av1_still_63x35.obu
# seq_profile 1 (High, 4:4:4), odd sizes
ff $(src 65x37 3 yuv444p) "${COMMON[@]}" "${AOM[@]}" -f obu headers/av1_high444_65x37.obu
# seq_profile 2 (Professional), 4:2:2 12-bit (twelve_bit)
ff $(src 64x48 3 yuv422p12le) "${COMMON[@]}" "${AOM[@]}" \
  -f obu headers/av1_pro422_12bit_64x48.obu
# monochrome (mono_chrome 1), 10-bit
ff $(src 64x48 3 gray10le) "${COMMON[@]}" "${AOM[@]}" -f obu headers/av1_gray10_64x48.obu

# --- VP9 (libvpx, IVF): profiles 1-3 ----------------------------------------------------------------
ff $(src 65x37 3 yuv444p) "${COMMON[@]}" "${VPX9[@]}" headers/vp9_p1_444_65x37.ivf
ff $(src 64x48 3 yuv440p) "${COMMON[@]}" "${VPX9[@]}" headers/vp9_p1_440_64x48.ivf
ff $(src 66x38 3 yuv420p10le) "${COMMON[@]}" "${VPX9[@]}" headers/vp9_p2_420_10bit_66x38.ivf
ff $(src 65x37 3 yuv444p12le) "${COMMON[@]}" "${VPX9[@]}" headers/vp9_p3_444_12bit_65x37.ivf
# VP8 at an odd size
ff $(src 65x37 3 yuv420p) "${COMMON[@]}" -c:v libvpx -deadline good -cpu-used 5 -b:v 100k \
  headers/vp8_65x37.ivf

# --- ffprobe records --------------------------------------------------------------------------------
# NAME.headers.txt: the fields of the first sequence parameter set (H.264, H.265) or sequence
# header OBU (AV1) as FFmpeg's own reader traces them (-bsf:v trace_headers), one "name = value"
# a line: for what -show_streams does not print (frame_mbs_only_flag, scaling lists, the
# conformance window, reduced_still_picture_header)
for f in headers/*.h264 headers/*.h265 headers/*.obu; do
  case "$f" in *.obu) section="Sequence Header";; *) section="Sequence Parameter Set";; esac
  # (the AVC-Intra fixture holds parameter sets only: ffmpeg traces them, then finds no frame)
  { ffmpeg -hide_banner -loglevel info -i "$f" -map 0:v:0 -c copy -bsf:v trace_headers -f null - 2>&1 \
    || true; } | python3 -c '
import re, sys
want, out, on, done = sys.argv[1], [], False, False
for line in sys.stdin:  # (read to the end: ffmpeg must not see a closed pipe)
    if done or not line.startswith("[trace_headers"):
        continue
    text = line.split("] ", 1)[1].rstrip("\n")
    m = re.match(r"\d+\s+(\S+)\s+[01]+ = (-?\d+)$", text)
    if m and on:
        out.append(m.group(1) + " = " + m.group(2))
    elif not m and on and out:
        done = True
    elif not m:
        on = text.strip() == want
print("\n".join(out))' "$section" > "expected/$(basename "$f").headers.txt"
done
for f in headers/*; do
  name=$(basename "$f")
  case "$name" in h264_avcintra100_1080i.h264) continue;; esac
  ffprobe -v error -select_streams v:0 -show_entries packet=dts,pts,duration,size,pos,flags \
    -of csv=p=0 "$f" | { echo "pts,dts,duration,size,pos,flags"; cat; } > "expected/$name.packets.csv"
  ffprobe -v error -select_streams v:0 -show_streams -show_format -of json "$f" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); d["format"].pop("filename",None); print(json.dumps(d, indent=1, sort_keys=True))' \
    > "expected/$name.stream.json"
  ffmpeg -hide_banner -loglevel error -threads 1 -i "$f" -map 0:v:0 -fps_mode passthrough -f framemd5 - \
    > "expected/$name.framemd5"
done

# --- manifest: replace the lines of these files -----------------------------------------------------
ffver=$(ffmpeg -version | head -n 1)
python3 - "$ffver" <<'PY'
import hashlib, os, sys
made = sorted(["headers/" + n for n in os.listdir("headers")])
records = sorted("expected/" + n for n in os.listdir("expected")
                 if any(n.startswith(os.path.basename(m) + ".") for m in made))
lines = open("MANIFEST.tsv").read().splitlines()
keep = [l for l in lines if l.split("\t")[0] not in set(made + records)]
for f in made + records:
    b = open(f, "rb").read()
    keep.append("\t".join([f, str(len(b)), hashlib.sha256(b).hexdigest(),
        "generated by testdata/tools/make-header-fixtures.sh (" + sys.argv[1] + ")",
        "CC0 (synthetic test pattern)"]))
open("MANIFEST.tsv", "w").write("\n".join(keep) + "\n")
PY
echo "header fixtures written: $(ls headers | wc -l) files, $(du -sh headers | cut -f1)"
