#!/usr/bin/env bash
# Fashion-MNIST CNN, NeuralNet against PyTorch, in interleaved rounds. Each round runs
#   (a) NeuralNet: the host in Release on config/experiments/fashion-cnn.json (report: runs/bench-cnn/latest/report.json),
#   (b) PyTorch (bench/torch_cnn.py), torch.set_num_threads(1) with OpenBLAS on 2 threads,
#   (c) PyTorch, torch.set_num_threads(2) with OPENBLAS_NUM_THREADS=1,
# the PyTorch runs with the fastest OPENBLAS_CORETYPE (../shared/bench/fair_openblas.py, chosen once) and
# OPENBLAS_L2_SIZE unset, on as many training images as NeuralNet's training split. Prints per run and best against
# best: epoch seconds (mean and per epoch), NeuralNet / best-PyTorch epoch time, test accuracy, inference samples/s,
# peak RSS; with the date, CPU, OpenBLAS core and the exact commands.
#   bench/compare_cnn.sh [ROUNDS=3] [EPOCHS=10]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
source bench/fair_env.sh
rounds=${1:-3}
epochs=${2:-10}
python=/usr/bin/python3
experiment=config/experiments/fashion-cnn.json
report=runs/bench-cnn/latest/report.json

[ -f "$experiment" ] || { echo "$experiment is missing" >&2; exit 2; }
[ -d /usr/share/datasets/fashion-mnist ] || { echo "Fashion-MNIST is missing: apt-get install -y dataset-fashion-mnist" >&2; exit 2; }
$python -c 'import torch, numpy' 2>/dev/null || {
  echo "PyTorch/NumPy are missing: apt-get install -y python3-torch python3-numpy libopenblas0-pthread" >&2; exit 2; }

echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the run)"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) logical CPUs; $(sed -n 's/^MemTotal: *//p' /proc/meminfo)"
echo "dotnet: $(dotnet --version); torch: $(run_ref $python -c 'import torch; print(torch.__version__)')"
fair_setup
dotnet build -c Release src/Host -v q -nologo >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results="$work/results.jsonl"
nn=(dotnet run -c Release --no-build --project src/Host -- --experiment "$experiment" --Experiment:Training:Epochs="$epochs" --Experiment:Name=bench-cnn)
# Passes a torch_cnn.py run's output through to stderr and prints its last JSON line, tagged, on stdout.
tag='import json, sys
lines = []
for l in sys.stdin:
    sys.stderr.write(l); sys.stderr.flush(); lines.append(l)
d = json.loads([l for l in lines if l.startswith("{")][-1])
d.update(round=int(sys.argv[1]), run=sys.argv[2])
print(json.dumps(d))'

limit=""
for r in $(seq 1 "$rounds"); do
  echo "round $r/$rounds: NeuralNet" >&2
  rm -f "$report"
  run_own "${nn[@]}" >"$work/neuralnet-$r.log" 2>&1 || { tail -n 30 "$work/neuralnet-$r.log" >&2; exit 1; }
  $python - "$report" "$r" >>"$results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
hist = [h["seconds"] for h in r["history"]]
print(json.dumps({"framework": "neuralnet", "round": int(sys.argv[2]), "run": "NeuralNet (all cores)",
                  "epochs": r["train"]["epochs"], "train_samples": r["train"]["samples"],
                  "epoch_seconds": hist, "seconds": r["train"]["seconds"], "mean_epoch_seconds": sum(hist) / len(hist),
                  "samples_per_second": r["train"]["samples_per_second"], "test_accuracy": r["test"]["accuracy"],
                  "inference_samples_per_second": (r.get("inference") or {}).get("samples_per_second"),
                  "inference_batch_size": (r.get("inference") or {}).get("batch_size"),
                  "peak_rss_bytes": r["resources"]["peak_working_set_bytes"]}))
PY
  if [ -z "$limit" ]; then
    limit=$(tail -n 1 "$results" | $python -c 'import json, sys; print(json.load(sys.stdin)["train_samples"])')
    torch1=(OPENBLAS_NUM_THREADS=2 $python bench/torch_cnn.py --threads 1 --epochs "$epochs" --limit "$limit")
    torch2=(OPENBLAS_NUM_THREADS=1 $python bench/torch_cnn.py --threads 2 --epochs "$epochs" --limit "$limit")
  fi
  echo "round $r/$rounds: PyTorch, 1 torch thread, OpenBLAS 2 threads" >&2
  run_ref "${torch1[@]}" | $python -c "$tag" "$r" "PyTorch torch 1 / BLAS 2" >>"$results"
  echo "round $r/$rounds: PyTorch, 2 torch threads, OpenBLAS 1 thread" >&2
  run_ref "${torch2[@]}" | $python -c "$tag" "$r" "PyTorch torch 2 / BLAS 1" >>"$results"
done

echo
echo "commands (each round, in this order):"
echo "  env -u OPENBLAS_L2_SIZE -u OPENBLAS_CORETYPE ${nn[*]}"
echo "  $(ref_cmd "${torch1[@]}")"
echo "  $(ref_cmd "${torch2[@]}")"
echo "  (NeuralNet built once first: dotnet build -c Release src/Host)"
echo

$python bench/record.py cnn "bench/compare_cnn.sh $rounds $epochs" <"$results"

$python - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
mb = 1 << 20
fmt = lambda v, f: "n/a" if v is None else format(v, f)
print("| round | run | epoch s (mean) | epoch s, each | train samples/s | test acc | inference samples/s | peak RSS MB |")
print("|---:|---|---:|---|---:|---:|---:|---:|")
for r in rows:
    infer = fmt(r.get("inference_samples_per_second"), ",.0f")
    if r.get("inference_batch_size"): infer += f" (batch {r['inference_batch_size']})"
    print(f"| {r['round']} | {r['run']} | {r['mean_epoch_seconds']:.2f} | {' '.join(f'{s:.2f}' for s in r['epoch_seconds'])} "
          f"| {r['samples_per_second']:,.0f} | {r['test_accuracy']:.4f} | {infer} | {r['peak_rss_bytes'] / mb:,.0f} |")

nn = [r for r in rows if r["framework"] == "neuralnet"]
pt = [r for r in rows if r["framework"] == "pytorch"]
print("\nper round, NeuralNet / best PyTorch of the round, mean epoch time (< 1: NeuralNet faster):")
for k in sorted({r["round"] for r in rows}):
    a = min(r["mean_epoch_seconds"] for r in nn if r["round"] == k)
    b = min((r for r in pt if r["round"] == k), key=lambda r: r["mean_epoch_seconds"])
    print(f"  round {k}: {a:.2f} s / {b['mean_epoch_seconds']:.2f} s ({b['run']}) = {a / b['mean_epoch_seconds']:.2f}")
bn = min(nn, key=lambda r: r["mean_epoch_seconds"])
bp = min(pt, key=lambda r: r["mean_epoch_seconds"])
print(f"\nbest against best: NeuralNet {bn['mean_epoch_seconds']:.2f} s/epoch (round {bn['round']}) vs PyTorch "
      f"{bp['mean_epoch_seconds']:.2f} s/epoch ({bp['run']}, round {bp['round']}): ratio {bn['mean_epoch_seconds'] / bp['mean_epoch_seconds']:.2f} "
      f"(NeuralNet/PyTorch epoch time; speed-up {bp['mean_epoch_seconds'] / bn['mean_epoch_seconds']:.2f}x)")
print(f"test accuracy: NeuralNet {min(r['test_accuracy'] for r in nn):.4f}-{max(r['test_accuracy'] for r in nn):.4f}; "
      f"PyTorch {min(r['test_accuracy'] for r in pt):.4f}-{max(r['test_accuracy'] for r in pt):.4f}")
ni = [r["inference_samples_per_second"] for r in nn if r.get("inference_samples_per_second")]
pi = max(r["inference_samples_per_second"] for r in pt)
print(f"inference (best): NeuralNet {fmt(max(ni) if ni else None, ',.0f')} vs PyTorch {pi:,.0f} samples/s "
      f"(PyTorch: eval mode, no_grad, batch {pt[0]['inference_batch_size']})")
print(f"peak RSS (lowest): NeuralNet {min(r['peak_rss_bytes'] for r in nn) / mb:,.0f} MB (peak working set) vs "
      f"PyTorch {min(r['peak_rss_bytes'] for r in pt) / mb:,.0f} MB (ru_maxrss)")
cores = sorted({f"{r['openblas_core']} (OPENBLAS_CORETYPE={r['openblas_coretype_env'] or 'unset'})" for r in pt})
print(f"OpenBLAS core in the PyTorch runs: {', '.join(cores)}")
sizes = {r["train_samples"] for r in rows}
if len(sizes) > 1: print(f"WARNING: training-set sizes differ: {sorted(sizes)}")
else: print(f"training images per epoch, both sides: {sizes.pop():,}")
PY
