#!/usr/bin/env bash
# Every side-by-side comparison of the "Fast numerics" goals in one go:
#   1. GEMM against NumPy/OpenBLAS (bench/compare_gemm.sh),
#   2. training Fashion-MNIST's MLP against PyTorch, with accuracy and memory (bench/compare_training.sh).
# Results go in docs/benchmarks.md with the date and machine these print. The OpenBLAS core for NumPy and PyTorch is
# chosen once here (bench/fair_env.sh) and shared by both. The CNN comparison (bench/compare_cnn.sh) takes much
# longer and runs on its own.
#   bench/compare.sh [training rounds=2] [epochs=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bench/fair_env.sh
if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  echo "Fashion-MNIST is missing: apt-get install -y dataset-fashion-mnist" >&2; exit 2
fi
/usr/bin/python3 -c 'import torch, numpy' 2>/dev/null || {
  echo "PyTorch/NumPy are missing: apt-get install -y python3-torch python3-numpy libopenblas0-pthread" >&2; exit 2; }
fair_setup
echo
echo "== GEMM: NeuralNet vs NumPy/OpenBLAS"
bench/compare_gemm.sh --rounds 2
echo
echo "== Training: NeuralNet vs PyTorch (Fashion-MNIST MLP 784-256-128-10)"
bench/compare_training.sh "${1:-2}" "${2:-10}"
