"""Reference values for the NeuralNet.Evaluation metrics, from scikit-learn.

Run once (the tests never run Python) from the repository root:

    env -u OPENBLAS_CORETYPE /usr/bin/python3 tests/NeuralNet.Evaluation.Tests/References/make_metric_references.py

Writes metric_references.json beside this script: a few fixed random cases (inputs as float32 values written with
9 significant digits, which round-trip exactly) and scikit-learn's scores on exactly those values (cast to float64).
Checked with scikit-learn 1.2.1 and numpy 1.24.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.metrics import (accuracy_score, f1_score, mean_absolute_error, mean_squared_error, precision_score,
                             r2_score, recall_score)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "metric_references.json")
rng = np.random.default_rng(20240611)


def f32(values):
    """float32 values as text that parses back to the same float32, and the float32 array itself."""
    values = np.asarray(values, dtype=np.float32)
    text = [[float("%.9g" % v) for v in row] for row in values]
    back = np.asarray(text, dtype=np.float32)
    assert np.array_equal(back, values), "9 significant digits must round-trip float32"
    return text, back


def softmax(logits):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def classification_case(name, predictions, targets, threshold=0.5, binary_average=False):
    text_p, p = f32(predictions)
    targets = np.asarray(targets, dtype=np.int64)
    if p.shape[1] == 1:
        y_pred = (p[:, 0] >= np.float32(threshold)).astype(np.int64)
        y_true = (targets[:, 0] >= 0.5).astype(np.int64)
    else:
        y_pred = p.argmax(axis=1)
        y_true = targets.argmax(axis=1)
    averages = ["macro", "micro", "weighted"] + (["binary"] if binary_average else [])
    expected = {"accuracy": accuracy_score(y_true, y_pred)}
    for metric, fn in (("precision", precision_score), ("recall", recall_score), ("f1", f1_score)):
        # zero_division="warn" (the default) scores ill-defined classes 0; passing 0 says so without the warning.
        expected[metric] = {a: float(fn(y_true, y_pred, average=a, zero_division=0)) for a in averages}
        # Same values with the default, to prove the convention matches.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for a in averages:
                assert fn(y_true, y_pred, average=a) == expected[metric][a]
    return {"name": name, "threshold": threshold, "predictions": text_p, "targets": targets.tolist(),
            "y_true": y_true.tolist(), "y_pred": y_pred.tolist(), "expected": expected}


def regression_case(name, predictions, targets):
    text_p, p = f32(predictions)
    text_t, t = f32(targets)
    p64, t64 = p.astype(np.float64), t.astype(np.float64)
    expected = {
        "r2": float(r2_score(t64, p64, multioutput="uniform_average")),
        "r2_raw": [float(v) for v in r2_score(t64, p64, multioutput="raw_values")],
        "mse": float(mean_squared_error(t64, p64)),
        "mae": float(mean_absolute_error(t64, p64)),
    }
    return {"name": name, "predictions": text_p, "targets": text_t, "expected": expected}


cases = []

# Four classes, 37 samples; class 3 is present in the targets but never predicted (its logits are far lower).
n, c = 37, 4
logits = rng.normal(size=(n, c))
logits[:, 3] -= 10.0
labels = rng.integers(0, c, size=n)
labels[:4] = 3  # make sure class 3 occurs in the targets
cases.append(classification_case("multiclass_never_predicted", softmax(logits), np.eye(c)[labels]))

# Five columns, 43 samples; class 4 is neither a target nor a prediction, so sklearn (no labels=) leaves it out of
# the macro average; class 2 is predicted but never a target.
n, c = 43, 5
logits = rng.normal(size=(n, c))
logits[:, 4] -= 10.0
labels = rng.choice([0, 1, 3], size=n)
cases.append(classification_case("multiclass_absent_class", softmax(logits), np.eye(c)[labels]))

# Binary, one sigmoid column, 41 samples, threshold 0.5.
n = 41
probabilities = rng.uniform(size=(n, 1))
labels = (rng.uniform(size=n) < 0.4 + 0.4 * probabilities[:, 0]).astype(np.int64)
cases.append(classification_case("binary_single_column", probabilities, labels[:, None], binary_average=True))

# Binary, one sigmoid column, threshold 0.3.
cases.append(classification_case("binary_single_column_threshold", probabilities, labels[:, None], threshold=0.3,
                                 binary_average=True))

# Binary as two softmax columns, 33 samples.
n, c = 33, 2
logits = rng.normal(size=(n, c))
labels = rng.integers(0, c, size=n)
cases.append(classification_case("binary_two_columns", softmax(logits), np.eye(c)[labels], binary_average=True))

regression = []
# Three outputs, 29 samples; the last target column is constant (predictions are not), so sklearn scores it 0.
n = 29
t = rng.normal(loc=[3.0, -50.0, 0.0], scale=[1.0, 10.0, 1.0], size=(n, 3))
t[:, 2] = 1.25
p = t + rng.normal(scale=[0.5, 4.0, 0.3], size=(n, 3))
regression.append(regression_case("multioutput_constant_column", p, t))

# One output with a large offset (accumulation must not lose the variance to cancellation).
n = 31
t = 1000.0 + rng.normal(scale=0.5, size=(n, 1))
p = t + rng.normal(scale=0.2, size=(n, 1))
regression.append(regression_case("single_output_offset", p, t))

with open(OUT, "w") as f:
    json.dump({"generator": os.path.basename(__file__), "sklearn": sklearn.__version__, "numpy": np.__version__,
               "classification": cases, "regression": regression}, f, separators=(",", ":"))
    f.write("\n")
print("wrote", OUT, os.path.getsize(OUT), "bytes")
for case in cases + regression:
    print(case["name"], json.dumps(case["expected"]))
