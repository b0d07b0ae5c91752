#!/usr/bin/env bash
# Regression quality, not speed: NeuralNet's test R² against scikit-learn's MLPRegressor with the same hidden sizes,
# on scikit-learn's own regression files (diabetes, boston), with the same split (bench/sklearn_regression.py writes
# it), the same preprocessing (features standardised, targets standardised for training), ReLU, Adam 1e-3, batch 32,
# no weight decay, no validation split, the same number of epochs; several seeds on each side. The goal (issue 11):
# NeuralNet's mean test R² within 0.02 of scikit-learn's.
#   bench/compare_regression.sh [epochs=200] [hidden=64,32] [seeds=1,2,3,4,5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
epochs=${1:-200}
hidden=${2:-64,32}
seeds=${3:-1,2,3,4,5}
python=/usr/bin/python3
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dotnet: $(dotnet --version); sklearn: $($python -c 'import sklearn; print(sklearn.__version__)')"
dotnet build -c Release src/Host -v q -nologo >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r config "$work/"
results="$work/results.jsonl"
$python - "$hidden" "$epochs" >"$work/regression.json" <<'PY'
import json, sys
hidden = [int(h) for h in sys.argv[1].split(",")]
print(json.dumps({"Experiment": {
    "Name": "regression", "Seed": 1,
    "Data": {"Type": "csv", "Path": "train.csv", "Task": "regression"},
    "Preprocessing": {"Normalize": "Standard", "ScaleTargets": True},
    "Validation": {"Type": "holdout", "ValidationFraction": 0},
    "Model": {"Layers": [{"Type": "dense", "Units": h, "Activation": "relu"} for h in hidden] + [{"Type": "dense"}]},
    "Loss": "mse", "Metrics": ["r2"],
    "Optimizer": {"Type": "adam", "LearningRate": 0.001},
    "Training": {"Epochs": int(sys.argv[2]), "BatchSize": 32},
    "Charts": {"Enabled": False}}}, indent=1))
PY

for dataset in diabetes boston; do
  env -u OPENBLAS_CORETYPE $python bench/sklearn_regression.py "$dataset" "$work/$dataset" "$hidden" "$epochs" "$seeds" >>"$results"
  for seed in ${seeds//,/ }; do
    NEURALNET_ROOT="$work" dotnet src/Host/bin/Release/net10.0/NeuralNet.Host.dll --experiment "$work/regression.json" \
      --Experiment:Name="$dataset-$seed" --Experiment:Seed="$seed" \
      --Experiment:Data:Path="$dataset/train.csv" --Experiment:Data:TestPath="$dataset/test.csv" >/dev/null
    $python - "$work/runs/$dataset-$seed/latest/report.json" "$dataset" "$seed" >>"$results" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(json.dumps({"framework": "neuralnet", "dataset": sys.argv[2], "seed": int(sys.argv[3]), "train_rows": r["train"]["samples"],
                  "test_rows": r["data"]["test_samples"], "test_r2": r["test"]["r2"]}))
PY
  done
done

$python - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
print(f"{'dataset':<10} {'framework':<10} {'train/test':>10} {'test R2 per seed':<44} {'mean':>7} {'std':>6}")
means = {}
for d in dict.fromkeys(r["dataset"] for r in rows):
    for f in ("sklearn", "neuralnet"):
        rs = [r for r in rows if r["dataset"] == d and r["framework"] == f]
        v = [r["test_r2"] for r in rs]
        means[d, f] = statistics.mean(v)
        print(f"{d:<10} {f:<10} {str(rs[0]['train_rows']) + '/' + str(rs[0]['test_rows']):>10} "
              f"{' '.join(f'{x:.4f}' for x in v):<44} {means[d, f]:7.4f} {statistics.pstdev(v):6.4f}")
for d in dict.fromkeys(r["dataset"] for r in rows):
    gap = means[d, "neuralnet"] - means[d, "sklearn"]
    print(f"{d}: NeuralNet - scikit-learn mean test R2 = {gap:+.4f} ({'within' if abs(gap) <= 0.02 else 'outside'} 0.02)")
PY
