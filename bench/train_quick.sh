#!/usr/bin/env bash
# Profile of one training step of the Fashion-MNIST MLP (or CNN) as the host builds it from the built-in plugins:
# best-of-trials milliseconds per step split into forward, loss, backward and optimizer, and inference samples/s,
# at 1 and 2 threads. A tool for finding where time goes, robust to a busy machine; not a side-by-side comparison.
#   bench/train_quick.sh [mlp|cnn] [extra options: --steps N --trials N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
model=${1:-mlp}; shift || true
dotnet build -c Release src/Host -v q -nologo >/dev/null
dotnet build -c Release bench/NeuralNet.Benchmarks -v q -nologo >/dev/null
for t in 1 2; do
  dotnet bench/NeuralNet.Benchmarks/bin/Release/net10.0/NeuralNet.Benchmarks.dll --train-quick --model "$model" --threads "$t" "$@"
done
