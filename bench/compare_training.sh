#!/usr/bin/env bash
# Side by side, in one run: NeuralNet's host on config/experiments/fashion-mlp.json and the same network in
# PyTorch (bench/torch_mlp.py) at both thread settings: torch.set_num_threads(1) with OpenBLAS on 2 threads, and
# torch.set_num_threads(2) with OPENBLAS_NUM_THREADS=1. The PyTorch runs use the fastest OPENBLAS_CORETYPE
# (../shared/bench/fair_openblas.py, chosen once) with OPENBLAS_L2_SIZE unset. Prints training samples/s (training
# loop only), test accuracy, memory, the OpenBLAS core in use, and NeuralNet against PyTorch's best run. Rounds
# alternate the sides to spread machine noise.
#   bench/compare_training.sh [rounds=2] [epochs=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bench/fair_env.sh
rounds=${1:-2}
epochs=${2:-10}
python=/usr/bin/python3
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the run)"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores; $(sed -n 's/^MemTotal: *//p' /proc/meminfo)"
echo "dotnet: $(dotnet --version); torch: $(run_ref $python -c 'import torch; print(torch.__version__)')"
fair_setup
dotnet build -c Release src/Host -v q -nologo >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r config "$work/"
results="$work/results.jsonl"
nn=(dotnet src/Host/bin/Release/net10.0/NeuralNet.Host.dll --experiment config/experiments/fashion-mlp.json
    --Experiment:Training:Epochs="$epochs" --Experiment:Charts:Enabled=false)
torch1=(OPENBLAS_NUM_THREADS=2 $python bench/torch_mlp.py --threads 1 --epochs "$epochs")
torch2=(OPENBLAS_NUM_THREADS=1 $python bench/torch_mlp.py --threads 2 --epochs "$epochs")
tag='import json, sys
d = json.loads(sys.stdin.read().strip().splitlines()[-1]); d.update(round=int(sys.argv[1]), run=sys.argv[2]); print(json.dumps(d))'
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds" >&2
  NEURALNET_ROOT="$work" run_own "${nn[@]}" >/dev/null
  $python - "$work/runs/fashion-mlp/latest/report.json" "$r" >>"$results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(json.dumps({"framework": "neuralnet", "round": int(sys.argv[2]), "run": "NeuralNet (all cores)", "epochs": r["train"]["epochs"],
                  "train_samples": r["train"]["samples"], "seconds": r["train"]["seconds"],
                  "samples_per_second": r["train"]["samples_per_second"], "test_accuracy": r["test"]["accuracy"],
                  "inference_samples_per_second": (r.get("inference") or {}).get("samples_per_second"),
                  "inference_batch_size": (r.get("inference") or {}).get("batch_size"), **r["resources"]}))
PY
  run_ref "${torch1[@]}" | $python -c "$tag" "$r" "PyTorch torch 1 / BLAS 2" >>"$results"
  run_ref "${torch2[@]}" | $python -c "$tag" "$r" "PyTorch torch 2 / BLAS 1" >>"$results"
done

echo
echo "commands (each round, in this order):"
echo "  NEURALNET_ROOT=<temp copy of config/> env -u OPENBLAS_L2_SIZE -u OPENBLAS_CORETYPE ${nn[*]}"
echo "  $(ref_cmd "${torch1[@]}")"
echo "  $(ref_cmd "${torch2[@]}")"

$python bench/record.py mlp "bench/compare_training.sh $rounds $epochs" <"$results"

$python - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print(f"\n{'round':>5} {'run':<26} {'epochs':>6} {'samples/s':>10} {'test acc':>8} {'OpenBLAS':>16}")
for r in rows:
    blas = f"{r['openblas_core']} x{r['openblas_threads']}" if r["framework"] == "pytorch" else ""
    print(f"{r['round']:>5} {r['run']:<26} {r['epochs']:>6} {r['samples_per_second']:>10.0f} {r['test_accuracy']:>8.4f} {blas:>16}")
nn_rows = [r for r in rows if r["framework"] == "neuralnet"]
pt_rows = [r for r in rows if r["framework"] == "pytorch"]
print("\nper round, NeuralNet / best PyTorch of the round (samples/s):")
for k in sorted({r["round"] for r in rows}):
    a = max(r["samples_per_second"] for r in nn_rows if r["round"] == k)
    b = max((r for r in pt_rows if r["round"] == k), key=lambda r: r["samples_per_second"])
    print(f"  round {k}: {a:.0f} / {b['samples_per_second']:.0f} ({b['run']}) = {a / b['samples_per_second']:.2f}")
nn = max(r["samples_per_second"] for r in nn_rows)
best = max(pt_rows, key=lambda r: r["samples_per_second"])
acc = min(r["test_accuracy"] for r in nn_rows)
last = nn_rows[-1]
print(f"\nbest NeuralNet {nn:.0f} samples/s vs best PyTorch {best['samples_per_second']:.0f} ({best['run']}, round {best['round']}): "
      f"ratio {nn / best['samples_per_second']:.2f}x (goal >= 2.0x)")
ni = [r["inference_samples_per_second"] for r in nn_rows if r.get("inference_samples_per_second")]
pi = max(pt_rows, key=lambda r: r.get("inference_samples_per_second") or 0)
if ni and pi.get("inference_samples_per_second"):
    by = pi.get("inference_samples_per_second_by_batch", {})
    print(f"inference on the test set (best): NeuralNet {max(ni):.0f} samples/s (batch {nn_rows[0].get('inference_batch_size')}) vs PyTorch "
          f"{pi['inference_samples_per_second']:.0f} ({pi['run']}; no_grad, by batch {by}): ratio {max(ni) / pi['inference_samples_per_second']:.2f}x (goal >= 2x)")
print(f"NeuralNet test accuracy (worst round): {acc:.4f} (goal >= 0.885); PyTorch's best run, same epochs: {best['test_accuracy']:.4f}")
print(f"OpenBLAS core in the PyTorch runs: {', '.join(sorted({str(r['openblas_core']) for r in pt_rows}))} "
      f"(OPENBLAS_CORETYPE={', '.join(sorted({r['openblas_coretype_env'] or 'unset' for r in pt_rows}))})")
mb = 1 << 20
alloc = last['max_allocated_bytes_per_epoch_after_first']
print(f"NeuralNet memory: {'n/a (one epoch)' if alloc is None else alloc} B allocated per epoch after the first (goal < 1 MB); "
      f"peak working set {last['peak_working_set_bytes'] / mb:.0f} MB vs 2 x (data {last['data_bytes'] / mb:.0f} MB + model {last['model_bytes'] / mb:.1f} MB) = "
      f"{2 * (last['data_bytes'] + last['model_bytes']) / mb:.0f} MB")
PY
