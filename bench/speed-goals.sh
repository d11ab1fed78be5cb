#!/usr/bin/env bash
# Issue 10's speed goals in one run: every case times rrdvideo against its yardstick (ffprobe,
# ffmpeg, a JVM hello world) side by side, RUNS rounds, interleaved (each round runs the
# yardstick, then each checkout's ./rrdvideo), cold processes only, started through the ./rrdvideo
# launcher as users start it. Reports the median wall time, the median CPU time (user+sys), the
# ratio of medians against the yardstick, the goal and whether it is met, and the largest max RSS
# of any rrdvideo run (goal: under 256 MiB). The goals are on wall time; the CPU ratio is shown
# because it moves less when other work shares the machine (run the script with `nice -n -10` on a
# busy machine).
#
# Give several checkouts to get a before/after table from one run, for example a worktree of an
# older commit: `git worktree add --detach /tmp/before <commit>`, then
# `bench/speed-goals.sh -r 5 /tmp/before .`. A case a checkout cannot run (an option it does not
# have yet) is shown as n/a. Not run in CI. Needs ffmpeg/ffprobe and javac.
#
# Usage: bench/speed-goals.sh [-r RUNS] [-s "SIZE_MB ..."] [CHECKOUT ...]
#   RUNS     rounds per case (default 5)
#   SIZE_MB  sizes of the large 1080p H.264 inputs (default "400 1600"; made by make-big-h264.sh)
#   CHECKOUT rrdvideo checkouts to time (default: this one)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
runs=5
sizes="400 1600"
while getopts "r:s:" opt; do
  case "$opt" in
    r) runs="$OPTARG" ;;
    s) sizes="$OPTARG" ;;
    *) echo "usage: $0 [-r RUNS] [-s \"SIZE_MB ...\"] [CHECKOUT ...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
roots=()
for r in "${@:-$here}"; do roots+=("$(cd "$r" && pwd)"); done
for r in "${roots[@]}"; do "$r/rrdvideo" --version > /dev/null; done # build jars and archives

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
small="$here/testdata/src/main/resources/dev/rrdvideo/testdata/mp4/h264_base.mp4"
cat > "$work/Hello.java" <<'JAVA'
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
JAVA
javac -d "$work" "$work/Hello.java"
# Each checkout reads recordings it wrote itself (demo.N.rrd, big.N.rrd), so that a change of
# what the writer writes shows in the reading cases too.
i=0
for r in "${roots[@]}"; do
  "$r/rrdvideo" demo -o "$work/demo.$i.rrd" 2> /dev/null
  i=$((i + 1))
done
"$here/rrdvideo" convert "$work/demo.0.rrd" "$work/demo.mp4" 2> /dev/null
cols=pts,dts_ns,duration_ns,size_bytes,keyframe_declared

# run ID CMD...: one timed run; appends "wall cpu rss_kib ok" to $work/ID. The wall time comes
# from the clock in nanoseconds around the run (GNU time's %e has 10 ms steps, a sixth of a small
# run's yardstick; the window includes GNU time's own start, ~1 ms, for yardstick and rrdvideo
# alike), CPU time and peak RSS from GNU time.
run() {
  local id="$1"; shift
  local ok=1 start end
  sync
  start=$(date +%s%N)
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$@" > /dev/null 2> "$work/err" || ok=0
  end=$(date +%s%N)
  awk -v ok="$ok" -v ns="$((end - start))" \
    '{ printf "%.3f %.2f %s %s\n", ns / 1e9, $2 + $3, $4, ok }' "$work/t" >> "$work/$id"
}

# case NAME GOAL YARDSTICK-CMD -- RRDVIDEO-ARGS...: in RRDVIDEO-ARGS @W is the work directory and
# @N the index of the checkout
cases=()
case_() {
  local name="$1" goal="$2"; shift 2
  local yard=()
  while [ "$1" != "--" ]; do yard+=("$1"); shift; done
  shift
  local n=${#cases[@]}
  cases+=("$name|$goal")
  for _ in $(seq "$runs"); do
    rm -f "$work"/out.*
    run "$n.y" "${yard[@]}"
    local i=0
    for r in "${roots[@]}"; do
      rm -f "$work"/out.*
      local args=()
      for a in "$@"; do
        a="${a//@W/$work}"
        args+=("${a//@N/$i}")
      done
      (cd "$r" && run "$n.$i" ./rrdvideo "${args[@]}")
      i=$((i + 1))
    done
  done
}

ffcopy() { echo ffmpeg -v error -y -i "$1" -map 0:v -c copy -bsf:v h264_mp4toannexb -f h264 "$work/out.h264"; }
packets() { echo ffprobe -v error -select_streams v:0 -show_packets -of csv "$1"; }
hello=(java -cp "$work" Hello)

case_ "--version" 2.0 "${hello[@]}" -- --version
case_ "--help" 2.0 "${hello[@]}" -- --help
case_ "inspect small.mp4 (30 frames)" 2.0 $(packets "$small") -- inspect "$small" --format csv
case_ "check small.mp4" 2.0 $(packets "$small") -- check "$small"
case_ "convert small.mp4" 2.0 $(ffcopy "$small") -- convert "$small" @W/out.rrd
case_ "inspect demo.rrd (120 frames)" 2.0 $(packets "$work/demo.mp4") -- inspect @W/demo.@N.rrd --format csv
case_ "check demo.rrd" 2.0 $(packets "$work/demo.mp4") -- check @W/demo.@N.rrd
for mb in $sizes; do
  big="$("$here/bench/make-big-h264.sh" "$mb")"
  i=0
  for r in "${roots[@]}"; do
    "$r/rrdvideo" convert "$big" "$work/big.$i.rrd" 2> /dev/null
    i=$((i + 1))
  done
  case_ "convert ${mb}MB.mp4" 1.0 $(ffcopy "$big") -- convert "$big" @W/out.rrd
  case_ "inspect ${mb}MB.rrd csv" 1.5 $(packets "$big") -- inspect @W/big.@N.rrd --format csv
  case_ "inspect ${mb}MB.rrd --columns container" 1.0 $(packets "$big") -- \
    inspect @W/big.@N.rrd --format csv --columns "$cols"
  case_ "inspect ${mb}MB.mp4 --columns container" 1.0 $(packets "$big") -- \
    inspect "$big" --format csv --columns "$cols"
  rm -f "$work"/big.*.rrd
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "nan"}'; }
col() { awk -v c="$2" '$4 == 1 {print $c}' "$work/$1" | median; }
echo
echo "runs per case: $runs (interleaved); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
header="| case | yardstick wall / CPU |"
sep="| --- | --- |"
i=0
for r in "${roots[@]}"; do
  header+=" $(git -C "$r" rev-parse --short HEAD) wall / CPU (wall ratio / CPU ratio) |"
  sep+=" --- |"
  i=$((i + 1))
done
echo "$header goal | met |"
echo "$sep --- | --- |"
maxrss=()
for n in "${!cases[@]}"; do
  IFS='|' read -r name goal <<< "${cases[$n]}"
  yw=$(col "$n.y" 1)
  yc=$(col "$n.y" 2)
  line="| $name | ${yw} s / ${yc} s |"
  met="-"
  i=0
  for r in "${roots[@]}"; do
    bad=$(awk '$4 == 0' "$work/$n.$i" | wc -l)
    if [ "$bad" -gt 0 ]; then
      line+=" n/a |"
      met="-"
    else
      w=$(col "$n.$i" 1)
      c=$(col "$n.$i" 2)
      ratio=$(awk -v a="$w" -v b="$yw" 'BEGIN { printf "%.2f", a / b }')
      cratio=$(awk -v a="$c" -v b="$yc" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
      line+=" $w s / $c s (**${ratio}x** / ${cratio}x) |"
      met=$(awk -v a="$ratio" -v g="$goal" 'BEGIN { print (a <= g ? "yes" : "no") }')
      rss=$(awk '{print $3}' "$work/$n.$i" | sort -n | tail -1)
      if [ "${maxrss[$i]:-0}" -lt "$rss" ]; then maxrss[$i]=$rss; fi
    fi
    i=$((i + 1))
  done
  echo "$line <= ${goal}x | $met (last checkout) |"
done
i=0
for r in "${roots[@]}"; do
  echo "max RSS of any run, $(git -C "$r" rev-parse --short HEAD): $(( ${maxrss[$i]:-0} / 1024 )) MiB (goal < 256 MiB)"
  i=$((i + 1))
done
