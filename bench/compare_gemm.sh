#!/usr/bin/env bash
# NeuralNet GEMM vs NumPy/OpenBLAS on the "Fast numerics" shapes (128x784x256, 512^3, 1024^3; NN, TN, NT), at one
# and at two threads, in interleaved rounds: each round runs the C# quick mode, then bench/gemm_numpy.py, for each
# thread count. NumPy runs with the fastest OPENBLAS_CORETYPE (../shared/bench/fair_openblas.py) and OPENBLAS_L2_SIZE
# unset, and prints the OpenBLAS core it used. Prints GFLOP/s of each side (best over rounds), the ratio of bests and
# the per-round ratios per shape, variant and thread count; records every run in bench/results.jsonl (bench/record.py).
# Usage: bench/compare_gemm.sh [--rounds N=3] [--threads "1 2"] [--variants NN,TN,NT]
# Takes about 1 minute per round (10 s once for choosing the OpenBLAS core).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bench/fair_env.sh

variants="NN,TN,NT"
thread_counts="1 2"
rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --variants) variants="$2"; shift 2 ;;
    --threads) thread_counts="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "unknown option $1 (--rounds N, --threads \"1 2\", --variants NN,TN,NT)" >&2; exit 2 ;;
  esac
done

echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "cpu:     $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(nproc) logical CPUs"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min averages before the run)"
fair_setup

dotnet build bench/NeuralNet.Benchmarks -c Release -v quiet -nologo >/dev/null
dll="bench/NeuralNet.Benchmarks/bin/Release/net10.0/NeuralNet.Benchmarks.dll"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for r in $(seq 1 "$rounds"); do
  for t in $thread_counts; do
    echo "round $r/$rounds, $t thread(s)" >&2
    run_own dotnet "$dll" --gemm-quick --threads "$t" --variants "$variants" \
      | sed "s/^gemm /gemm neuralnet $r $t /" | grep '^gemm ' >>"$work/lines"
    run_ref OPENBLAS_NUM_THREADS="$t" /usr/bin/python3 bench/gemm_numpy.py ${variants//,/ } \
      | sed -e "s/^gemm /gemm numpy $r $t /" -e "s/^openblas /openblas numpy $r $t /" | grep -E '^(gemm|openblas) ' >>"$work/lines"
  done
done
echo "commands, each round and thread count T:"
echo "  env -u OPENBLAS_L2_SIZE -u OPENBLAS_CORETYPE dotnet $dll --gemm-quick --threads T --variants $variants"
echo "  $(ref_cmd OPENBLAS_NUM_THREADS=T /usr/bin/python3 bench/gemm_numpy.py ${variants//,/ })"
echo

/usr/bin/python3 - "$work/lines" "$work/rows" <<'PY'
import json, re, sys
rows, cores = [], {}
for line in open(sys.argv[1]):
    m = re.match(r"gemm (\w+) (\d+) (\d+) (\w+) m=(\d+) k=(\d+) n=(\d+) gflops=([\d.]+)", line)
    if m:
        rows.append({"framework": m[1], "round": int(m[2]), "threads": int(m[3]), "variant": m[4],
                     "m": int(m[5]), "k": int(m[6]), "n": int(m[7]), "gflops": float(m[8])})
    m = re.match(r"openblas numpy (\d+) (\d+) (.*)", line)
    if m:
        cores[(int(m[1]), int(m[2]))] = m[3].strip()
for r in rows:
    r["run"] = "NeuralNet" if r["framework"] == "neuralnet" else "NumPy (OpenBLAS)"
    if r["framework"] == "numpy":
        r["openblas"] = cores.get((r["round"], r["threads"]))
with open(sys.argv[2], "w") as out:
    out.writelines(json.dumps(r) + "\n" for r in rows)

def key(r): return (r["threads"], r["m"] * r["n"] * r["k"], r["variant"])
print("| threads | shape (m x k x n) | variant | NeuralNet GFLOP/s (best) | NumPy GFLOP/s (best) | ratio of bests | per-round ratios |")
print("|---:|---|---|---:|---:|---:|---|")
worst = None
for k in sorted({key(r) for r in rows}):
    same = [r for r in rows if key(r) == k]
    ours = {r["round"]: r["gflops"] for r in same if r["framework"] == "neuralnet"}
    theirs = {r["round"]: r["gflops"] for r in same if r["framework"] == "numpy"}
    if not ours or not theirs: continue
    ratio = max(ours.values()) / max(theirs.values())
    worst = ratio if worst is None else min(worst, ratio)
    per = " ".join(f"{ours[x] / theirs[x]:.2f}" for x in sorted(ours) if x in theirs)
    s = same[0]
    print(f"| {k[0]} | {s['m']}x{s['k']}x{s['n']} | {k[2]} | {max(ours.values()):.1f} | {max(theirs.values()):.1f} | {ratio:.2f} | {per} |")
print(f"\nlowest ratio of bests: {worst:.2f} (goal >= 0.9)")
print(f"OpenBLAS core in the NumPy runs: {', '.join(sorted(set(cores.values())))}")
PY
/usr/bin/python3 bench/record.py gemm "bench/compare_gemm.sh --rounds $rounds --threads \"$thread_counts\" --variants $variants" <"$work/rows"
