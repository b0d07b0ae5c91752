#!/usr/bin/env bash
# NeuralNet GEMM vs NumPy/OpenBLAS on the "Fast numerics" shapes: builds the benchmarks in Release, runs the C#
# quick mode and bench/gemm_numpy.py back to back, and prints GFLOP/s of each and their ratio per shape and variant.
# NumPy runs with the fastest OPENBLAS_CORETYPE (../shared/bench/fair_openblas.py) and OPENBLAS_L2_SIZE unset, and
# prints the OpenBLAS core it used.
# Usage: bench/compare_gemm.sh [--threads N] [--variants NN,TN,NT]
#   --threads N   threads for both sides (KernelSettings.MaxThreads; OPENBLAS_NUM_THREADS); default: every core
#   --variants    which of NN, TN, NT, TT to run (default NN,TN,NT)
# Takes about 40 s (10 s of it choosing the OpenBLAS core).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bench/fair_env.sh

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
fair_setup

dotnet build bench/NeuralNet.Benchmarks -c Release -v quiet -nologo >/dev/null
dll="bench/NeuralNet.Benchmarks/bin/Release/net10.0/NeuralNet.Benchmarks.dll"

ours="$(mktemp)"; theirs="$(mktemp)"
trap 'rm -f "$ours" "$theirs"' EXIT
numpy=(${threads:+OPENBLAS_NUM_THREADS=$threads} /usr/bin/python3 bench/gemm_numpy.py ${variants//,/ })
# tee >(cat >&2), not tee /dev/stderr: reopening /dev/stderr truncates it when it is a file (2>log).
run_own dotnet "$dll" --gemm-quick "$@" | tee >(cat >&2) | grep '^gemm ' >"$ours"
run_ref "${numpy[@]}" | tee >(cat >&2) | grep -E '^(gemm|openblas) ' >"$theirs"
echo "commands: env -u OPENBLAS_L2_SIZE -u OPENBLAS_CORETYPE dotnet $dll --gemm-quick $*"
echo "          $(ref_cmd "${numpy[@]}")"
echo "NumPy's $(grep '^openblas ' "$theirs" || echo 'openblas core: not reported')"

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
