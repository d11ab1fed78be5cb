#!/usr/bin/env bash
# Makes the generated media fixtures under testdata/src/main/resources/dev/rrdvideo/testdata/
# (mp4/, annexb/, ivf/, obu/, mp4-damaged/) and the expected tables recorded from ffprobe at
# generation time (expected/). Run by hand with Debian 12's ffmpeg 5.1; the outputs are committed
# and CI never runs this script. Everything is single-threaded with fixed settings so that a re-run
# reproduces the same bytes (checked by testdata's ManifestTest through MANIFEST.tsv).
set -euo pipefail
cd "$(dirname "$0")/../src/main/resources/dev/rrdvideo/testdata"
command -v ffmpeg >/dev/null || { echo "needs ffmpeg (apt-get install ffmpeg)" >&2; exit 1; }
mkdir -p mp4 annexb ivf obu mp4-damaged expected

ff() { ffmpeg -hide_banner -loglevel error -y -threads 1 "$@"; }
# 160x120 test picture, 30 fps; NAME SECONDS
SRC=(-f lavfi -i "testsrc2=size=160x120:rate=30")
COMMON=(-map_metadata -1 -fflags +bitexact -flags:v +bitexact -pix_fmt yuv420p)
X264=(-c:v libx264 -preset veryfast -x264-params "threads=1:lookahead-threads=1:sliced-threads=0" -crf 30)

# --- H.264 in MP4 ---------------------------------------------------------------------------
ff "${SRC[@]}" -t 1 "${COMMON[@]}" "${X264[@]}" -profile:v baseline -g 10 mp4/h264_base.mp4
ff "${SRC[@]}" -t 1 "${COMMON[@]}" "${X264[@]}" -profile:v main -bf 2 -g 15 mp4/h264_bframes.mp4
# constant 30 fps with a B-pyramid (3 B-frames, the middle one a reference; fixed pattern):
# decode order jumps 4 frames ahead, presentation order is regular (issue 7, defect 7)
ff "${SRC[@]}" -t 2 "${COMMON[@]}" "${X264[@]}" -profile:v main -bf 3 -b_strategy 0 \
  -b-pyramid normal -g 30 mp4/h264_bpyramid.mp4
ff "${SRC[@]}" -t 1 "${COMMON[@]}" "${X264[@]}" -profile:v baseline -g 10 \
  -movflags +frag_keyframe+empty_moov+default_base_moof mp4/h264_fragmented.mp4
ff -itsoffset 0.5 -i mp4/h264_base.mp4 -c copy -map_metadata -1 -fflags +bitexact mp4/h264_edit_delay.mp4
ff "${SRC[@]}" -t 1 "${COMMON[@]}" "${X264[@]}" -profile:v baseline -g 10 -video_track_timescale 90000 mp4/h264_ts90000.mp4
ff "${SRC[@]}" -t 1 "${COMMON[@]}" "${X264[@]}" -profile:v baseline -g 10 -video_track_timescale 1000 mp4/h264_ts1000.mp4
ff "${SRC[@]}" -t 1 "${COMMON[@]}" "${X264[@]}" -profile:v baseline -g 10 -video_track_timescale 600 mp4/h264_ts600.mp4
ff -f lavfi -i "testsrc2=size=160x120:rate=30000/1001" -t 1 "${COMMON[@]}" "${X264[@]}" \
  -profile:v baseline -g 10 mp4/h264_ntsc.mp4
# irregular timing: frame N at 2*N*N + 20*N ms (gaps grow 22, 26, 30, ... ms), kept as they are
ff "${SRC[@]}" -t 1 "${COMMON[@]}" -vf "settb=1/1000,setpts=N*N*2+N*20" "${X264[@]}" \
  -profile:v baseline -g 10 -fps_mode passthrough -enc_time_base 1/1000 \
  -video_track_timescale 1000 mp4/h264_vfr.mp4
# an audio track before the video track
ff -f lavfi -i "sine=frequency=440:sample_rate=48000" "${SRC[@]}" -t 1 -map 0:a -map 1:v \
  "${COMMON[@]}" -c:a aac -b:a 32k "${X264[@]}" -profile:v baseline -g 10 mp4/h264_audio_first.mp4
# three video tracks of different sizes and lengths (64x48 x5, 48x32 x8, 32x32 x3 frames), for
# --track; ffprobe's packets of each track in expected/h264_three_tracks.mp4.tN.packets.csv
ff -f lavfi -t 0.5 -i "testsrc=size=64x48:rate=10" -f lavfi -t 0.8 -i "testsrc2=size=48x32:rate=10" \
  -f lavfi -t 0.6 -i "color=c=red:size=32x32:rate=5" -map 0 -map 1 -map 2 \
  "${COMMON[@]}" "${X264[@]}" -profile:v baseline -g 4 mp4/h264_three_tracks.mp4

# --- H.265, AV1, VP9 in MP4 -------------------------------------------------------------------
X265P="pools=1:frame-threads=1:wpp=0:log-level=none"
ff "${SRC[@]}" -t 1 "${COMMON[@]}" -c:v libx265 -preset ultrafast -crf 32 \
  -x265-params "$X265P:bframes=0:keyint=15" -tag:v hvc1 mp4/h265_hvc1.mp4
ff "${SRC[@]}" -t 1 "${COMMON[@]}" -c:v libx265 -preset ultrafast -crf 32 \
  -x265-params "$X265P:bframes=2:keyint=15" -tag:v hev1 mp4/h265_bframes.mp4
ff "${SRC[@]}" -t 1 "${COMMON[@]}" -c:v libaom-av1 -cpu-used 8 -crf 50 -g 15 -row-mt 0 -tiles 1x1 \
  mp4/av1.mp4
ff "${SRC[@]}" -t 1 "${COMMON[@]}" -c:v libvpx-vp9 -deadline good -cpu-used 5 -b:v 200k -g 15 \
  -row-mt 0 mp4/vp9.mp4

# --- elementary streams -------------------------------------------------------------------------
ff -i mp4/h264_base.mp4 -map 0:v -c copy -bsf:v h264_mp4toannexb -f h264 annexb/h264.h264
ff -i mp4/h265_hvc1.mp4 -map 0:v -c copy -bsf:v hevc_mp4toannexb -f hevc annexb/h265.h265
# raw streams with B-frames (reordered), which a VideoStream cannot carry: x264 -bf 3 (B-pyramid),
# and the stream of the H.265 B-frame MP4
ff "${SRC[@]}" -t 1 "${COMMON[@]}" "${X264[@]}" -profile:v main -bf 3 -g 15 -f h264 annexb/h264_bf3.h264
ff -i mp4/h265_bframes.mp4 -map 0:v -c copy -bsf:v hevc_mp4toannexb -f hevc annexb/h265_bframes.h265
ff "${SRC[@]}" -t 1 "${COMMON[@]}" -c:v libvpx -deadline good -cpu-used 5 -b:v 200k -g 15 ivf/vp8.ivf
ff -i mp4/vp9.mp4 -map 0:v -c copy ivf/vp9.ivf
ff -i mp4/av1.mp4 -map 0:v -c copy ivf/av1.ivf
ff -i mp4/av1.mp4 -map 0:v -c copy -f obu obu/av1.obu

# --- damaged MP4s (byte patches of h264_base.mp4, described in tools/README.md) ------------------
python3 - <<'PY'
import struct
src = open("mp4/h264_base.mp4", "rb").read()

def boxes(b, start, end):
    p = start
    while p + 8 <= end:
        size, typ = struct.unpack(">I4s", b[p:p + 8])
        if size == 1:
            size = struct.unpack(">Q", b[p + 8:p + 16])[0]
        elif size == 0:
            size = end - p
        yield p, size, typ.decode("latin1")
        p += size

top = {t: (p, s) for p, s, t in boxes(src, 0, len(src))}
mdat_p, mdat_s = top["mdat"]
moov_p, moov_s = top["moov"]
# cut in the middle of mdat
open("mp4-damaged/truncated.mp4", "wb").write(src[: mdat_p + mdat_s // 2])
# rename moov to free: no movie box at all
b = bytearray(src); b[moov_p + 4:moov_p + 8] = b"free"
open("mp4-damaged/no_moov.mp4", "wb").write(bytes(b))
# moov size larger than the file
b = bytearray(src); b[moov_p:moov_p + 4] = struct.pack(">I", len(src) * 4)
open("mp4-damaged/bad_box_size.mp4", "wb").write(bytes(b))
# cut inside moov
open("mp4-damaged/truncated_moov.mp4", "wb").write(src[: moov_p + moov_s // 2])
# first chunk offset in stco pointing past the end of the file
i = src.find(b"stco", moov_p)
b = bytearray(src); b[i + 12:i + 16] = struct.pack(">I", len(src) + 1000)
open("mp4-damaged/stco_past_end.mp4", "wb").write(bytes(b))
PY

# --- expected tables from ffprobe -----------------------------------------------------------------
for f in mp4/*.mp4 annexb/* ivf/* obu/*; do
  name=$(basename "$f")
  ffprobe -v error -select_streams v:0 -show_entries packet=dts,pts,duration,size,pos,flags \
    -of csv=p=0 "$f" | { echo "pts,dts,duration,size,pos,flags"; cat; } > "expected/$name.packets.csv"
  ffprobe -v error -select_streams v:0 -show_streams -show_format -of json "$f" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); [d["format"].pop(k,None) for k in ("filename",)]; print(json.dumps(d, indent=1, sort_keys=True))' \
    > "expected/$name.stream.json"
  ffmpeg -hide_banner -loglevel error -threads 1 -i "$f" -map 0:v:0 -fps_mode passthrough -f framemd5 - > "expected/$name.framemd5"
done

for t in 1 2 3; do
  ffprobe -v error -select_streams "v:$((t - 1))" -show_entries packet=dts,pts,duration,size,pos,flags \
    -of csv=p=0 mp4/h264_three_tracks.mp4 | { echo "pts,dts,duration,size,pos,flags"; cat; } \
    > "expected/h264_three_tracks.mp4.t$t.packets.csv"
  ffmpeg -hide_banner -loglevel error -threads 1 -i mp4/h264_three_tracks.mp4 -map "0:v:$((t - 1))" \
    -fps_mode passthrough -f framemd5 - > "expected/h264_three_tracks.mp4.t$t.framemd5"
done

# --- manifest ---------------------------------------------------------------------------------------
ffver=$(ffmpeg -version | head -n 1)
{
  printf 'name\tbytes\tsha256\tprovenance\tlicense\n'
  for f in mp4/* annexb/* ivf/* obu/* mp4-damaged/* expected/*; do
    printf '%s\t%s\t%s\t%s\t%s\n' "$f" "$(stat -c %s "$f")" "$(sha256sum "$f" | cut -d' ' -f1)" \
      "generated by testdata/tools/make-fixtures.sh ($ffver)" "CC0 (synthetic test pattern)"
  done
  for f in rerun/* realworld/*; do
    case "$f" in *SOURCES.md|*purposes.tsv) lic="n/a";; rerun/*) lic="CC0 (made by this project with the Rerun 0.33 viewer)";; *) lic="see realworld/SOURCES.md";; esac
    printf '%s\t%s\t%s\t%s\t%s\n' "$f" "$(stat -c %s "$f")" "$(sha256sum "$f" | cut -d' ' -f1)" \
      "copied from ../shared/${f/rerun\//rerun-written/}" "$lic"
  done
} > MANIFEST.tsv
echo "fixtures written: $(ls mp4 annexb ivf obu mp4-damaged | wc -l) files"
