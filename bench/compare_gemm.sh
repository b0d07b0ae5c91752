#!/usr/bin/env bash
# NeuralNet GEMM vs NumPy/OpenBLAS on the "Fast numerics" shapes: builds the benchmarks in Release, runs the C#
# quick mode and bench/gemm_numpy.py back to back, and prints GFLOP/s of each and their ratio per shape and variant.
# Usage: bench/compare_gemm.sh [--threads N] [--variants NN,TN,NT]
#   --threads N   threads for both sides (KernelSettings.MaxThreads; OPENBLAS_NUM_THREADS); default: every core
#   --variants    which of NN, TN, NT, TT to run (default NN,TN,NT)
# Takes about 30 s.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

variants="NN,TN,NT"
threads=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  if [[ "${args[$i]}" == "--variants" ]]; then variants="${args[$((i + 1))]}"; fi
  if [[ "${args[$i]}" == "--threads" ]]; then threads="${args[$((i + 1))]}"; fi
done

echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
echo "cpu:     $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(nproc) logical CPUs"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min averages before the run)"
echo "threads: ${threads:-all cores} (both sides)"

dotnet build bench/NeuralNet.Benchmarks -c Release -v quiet -nologo >/dev/null
dll="bench/NeuralNet.Benchmarks/bin/Release/net10.0/NeuralNet.Benchmarks.dll"

ours="$(mktemp)"; theirs="$(mktemp)"
trap 'rm -f "$ours" "$theirs"' EXIT
dotnet "$dll" --gemm-quick "$@" | tee /dev/stderr | grep '^gemm ' >"$ours"
env -u OPENBLAS_CORETYPE ${threads:+OPENBLAS_NUM_THREADS=$threads} /usr/bin/python3 bench/gemm_numpy.py ${variants//,/ } | tee /dev/stderr | grep '^gemm ' >"$theirs"

echo
python3 - "$ours" "$theirs" <<'PY'
import re, sys

def load(path):
    rows = {}
    for line in open(path):
        m = re.match(r"gemm (\w+) m=(\d+) k=(\d+) n=(\d+) gflops=([\d.]+)", line)
        if m:
            rows[(m[1], int(m[2]), int(m[3]), int(m[4]))] = float(m[5])
    return rows

ours, theirs = load(sys.argv[1]), load(sys.argv[2])
print(f"| shape (m x k x n) | variant | NeuralNet GFLOP/s | NumPy GFLOP/s | ratio |")
print(f"|---|---|---:|---:|---:|")
for key in sorted(ours, key=lambda k: (k[1] * k[2] * k[3], k[0])):
    variant, m, k, n = key
    a, b = ours[key], theirs.get(key)
    ratio = f"{a / b:.2f}" if b else "n/a"
    print(f"| {m}x{k}x{n} | {variant} | {a:.1f} | {b if b is not None else 'n/a'} | {ratio} |")
PY
