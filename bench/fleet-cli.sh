#!/usr/bin/env bash
# Many files in one process (issue 12, part 1): one `rrdvideo inspect DIR` against a per-file
# `ffprobe -show_packets` loop and a per-file `rrdvideo inspect` loop, and the peak RSS of the
# batch at -j 1 and -j 2 (and over 100 vs 1,000 files: it must not grow with the count).
# The fleet is bench/spark-fleet/make-fleet.sh's (1,000 short recordings of mixed codecs, rrd/,
# and the MP4 each came from, mp4/); it is made when missing (FLEET=DIR uses another).
# Usage: bench/fleet-cli.sh [LOOP_FILES]   (per-file rrdvideo loop over LOOP_FILES files, default
# 100, extrapolated to the fleet: a cold JVM per file costs the same for every file)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
fleet="${FLEET:-$root/bench/out/fleet}"
loop="${1:-100}"
[ -d "$fleet/rrd" ] || "$root/bench/spark-fleet/make-fleet.sh"
"$root/rrdvideo" --version >/dev/null   # builds the tool if needed; the runs below use it as is
export RRDVIDEO_NO_BUILD=1
rr="$root/rrdvideo"
n=$(ls "$fleet/rrd" | wc -l)
work="$root/bench/out/fleet-cli"
mkdir -p "$work/sub100"
for f in $(ls "$fleet/rrd" | head -100); do ln -sf "$fleet/rrd/$f" "$work/sub100/$f"; done
ls "$fleet/rrd" | head -"$loop" > "$work/loop.txt"

# wall seconds of a command
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s.%N); echo "$e - $s" | bc; }
# "wall_s rss_MiB" of a command, from /usr/bin/time
tv() {
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/err.txt" || true
  awk '{printf "%s s, %.0f MiB", $1, $2 / 1024}' "$work/time.txt"
}

echo "fleet: $n recordings in $fleet/rrd, their MP4s in $fleet/mp4; $(nproc) processors"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "ffprobe -show_packets loop over the $n MP4s: $(t bash -c "for f in '$fleet'/mp4/*.mp4; do ffprobe -v error -show_packets -of csv \"\$f\"; done") s"
echo "rrdvideo inspect DIR (rrd/, csv, default -j): $(tv "$rr" inspect "$fleet/rrd" --format csv)"
echo "rrdvideo inspect DIR (rrd/, csv, -j 1):       $(tv "$rr" inspect "$fleet/rrd" --format csv -j 1)"
echo "rrdvideo inspect DIR (rrd/, csv, -j 2):       $(tv "$rr" inspect "$fleet/rrd" --format csv -j 2)"
echo "rrdvideo inspect DIR (mp4/, csv, -j 2):       $(tv "$rr" inspect "$fleet/mp4" --format csv -j 2)"
echo "rrdvideo inspect DIR (rrd/, arrow, -j 2):     $(tv "$rr" inspect "$fleet/rrd" --format arrow -j 2)"
echo "rrdvideo inspect DIR (rrd/, --summary json):  $(tv "$rr" inspect "$fleet/rrd" --summary --format json -j 2)"
echo "rrdvideo check DIR (rrd/, --junit):           $(tv "$rr" check "$fleet/rrd" --junit "$work/junit.xml" -j 2)"
echo "rrdvideo inspect DIR, 100 of the files, -j 1: $(tv "$rr" inspect "$work/sub100" --format csv -j 1)"
echo "rrdvideo inspect DIR, 100 of the files, -j 2: $(tv "$rr" inspect "$work/sub100" --format csv -j 2)"
s=$(t bash -c "cd '$fleet/rrd' && while read -r f; do '$rr' inspect \"\$f\" --format csv; done < '$work/loop.txt'")
echo "rrdvideo inspect FILE loop over $loop recordings: $s s (x $n / $loop = $(echo "$s * $n / $loop" | bc) s for the fleet)"
cmp <("$rr" inspect "$fleet/rrd" --format csv -j 1 2>/dev/null) <("$rr" inspect "$fleet/rrd" --format csv -j 2 2>/dev/null) \
  && echo "-j 1 and -j 2: identical output" || echo "-j 1 and -j 2: outputs DIFFER"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
