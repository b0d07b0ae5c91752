#!/usr/bin/env bash
# Side by side, in one run: NeuralNet's host on config/experiments/fashion-mlp.json and the same network in
# PyTorch (bench/torch_mlp.py) at 1 and 2 threads. Prints training samples/s (training loop only), test accuracy,
# memory, and the ratio of NeuralNet to PyTorch's best setting. Rounds alternate the two to spread machine noise.
#   bench/compare_training.sh [rounds=2] [epochs=10]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-2}
epochs=${2:-10}
python=/usr/bin/python3
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(sed -n 's/^MemTotal: *//p' /proc/meminfo)"
echo "dotnet: $(dotnet --version); torch: $(env -u OPENBLAS_CORETYPE $python -c 'import torch; print(torch.__version__)')"
dotnet build -c Release src/Host -v q -nologo >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r config "$work/"
results="$work/results.jsonl"
for r in $(seq 1 "$rounds"); do
  NEURALNET_ROOT="$work" dotnet src/Host/bin/Release/net10.0/NeuralNet.Host.dll \
    --experiment config/experiments/fashion-mlp.json --Experiment:Training:Epochs="$epochs" --Experiment:Charts:Enabled=false >/dev/null
  $python - "$work/runs/fashion-mlp/report.json" >>"$results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(json.dumps({"framework": "neuralnet", "threads": 2, "epochs": r["train"]["epochs"], "train_samples": r["train"]["samples"],
                  "seconds": r["train"]["seconds"], "samples_per_second": r["train"]["samples_per_second"],
                  "test_accuracy": r["test"]["accuracy"], **r["resources"]}))
PY
  env -u OPENBLAS_CORETYPE $python bench/torch_mlp.py --threads 1 --epochs "$epochs" >>"$results"
  # Two torch threads fight OpenBLAS's own two threads here and run several times slower: 2 epochs measure that.
  env -u OPENBLAS_CORETYPE $python bench/torch_mlp.py --threads 2 --epochs 2 >>"$results"
done

$python - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"\n{'framework':<10} {'threads':>7} {'epochs':>6} {'samples/s':>10} {'test acc':>8}")
for r in rows:
    print(f"{r['framework']:<10} {r['threads']:>7} {r['epochs']:>6} {r['samples_per_second']:>10.0f} {r['test_accuracy']:>8.4f}")
nn = max(r["samples_per_second"] for r in rows if r["framework"] == "neuralnet")
best = max(rows, key=lambda r: r["samples_per_second"] if r["framework"] == "pytorch" else -1)
acc = min(r["test_accuracy"] for r in rows if r["framework"] == "neuralnet")
torch_acc = max(r["test_accuracy"] for r in rows if r["framework"] == "pytorch" and r["epochs"] == max(x["epochs"] for x in rows))
last = [r for r in rows if r["framework"] == "neuralnet"][-1]
print(f"\nbest NeuralNet {nn:.0f} samples/s vs best PyTorch {best['samples_per_second']:.0f} ({best['threads']} thread(s)): ratio {nn / best['samples_per_second']:.2f}x (goal >= 1.2x)")
print(f"NeuralNet test accuracy (worst round): {acc:.4f} (goal >= 0.885); PyTorch, same epochs: {torch_acc:.4f}")
mb = 1 << 20
print(f"NeuralNet memory: {last['max_allocated_bytes_per_epoch_after_first']} B allocated per epoch after the first (goal < 1 MB); "
      f"peak working set {last['peak_working_set_bytes'] / mb:.0f} MB vs 2 x (data {last['data_bytes'] / mb:.0f} MB + model {last['model_bytes'] / mb:.1f} MB) = "
      f"{2 * (last['data_bytes'] + last['model_bytes']) / mb:.0f} MB")
PY
