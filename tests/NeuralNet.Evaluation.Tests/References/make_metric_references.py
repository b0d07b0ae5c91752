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
from sklearn.preprocessing import label_binarize
from sklearn.metrics import (accuracy_score, confusion_matrix, f1_score, hamming_loss, log_loss, mean_absolute_error,
                             mean_squared_error, precision_recall_fscore_support, precision_score, r2_score,
                             recall_score, roc_auc_score, top_k_accuracy_score)

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
    classes = max(2, p.shape[1])
    labels = list(range(classes))
    # The probability-based metrics: top-k accuracy, log loss (eps as the metric: 1e-7), ROC-AUC. A binary problem's
    # score is the sigmoid column, or column 1 of two.
    score = p[:, 0] if p.shape[1] == 1 else (p[:, 1] if p.shape[1] == 2 else p)
    p64 = p.astype(np.float64)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # k >= classes: "a perfect score", which is the point of the case
        expected["top_k_accuracy"] = {str(k): float(top_k_accuracy_score(y_true, score, k=k, labels=labels))
                                      for k in (1, 2, 3) if k < classes or p.shape[1] <= 2}
    expected["log_loss"] = float(log_loss(y_true, p64[:, 0] if p.shape[1] == 1 else p64, eps=1e-7, labels=labels))
    expected["roc_auc"] = {}
    for a in ("macro", "weighted"):
        try:
            if classes > 2 and not np.allclose(p64.sum(axis=1), 1.0):
                # Rounded scores no longer sum to 1, which multi_class="ovr" insists on; it is defined as the
                # per-column areas against the binarised labels, which is what this computes.
                expected["roc_auc"][a] = float(roc_auc_score(label_binarize(y_true, classes=labels), p64, average=a))
                continue
            expected["roc_auc"][a] = float(roc_auc_score(y_true, score.astype(np.float64), average=a, multi_class="ovr",
                                                         labels=labels if classes > 2 else None))
        except ValueError as e:  # undefined (a class absent from y_true): the metric returns NaN
            expected["roc_auc"][a] = None
            expected["roc_auc_error"] = str(e)
    # The engine's per-class report: confusion matrix and per-class scores over every class column.
    pr, rc, f, sup = precision_recall_fscore_support(y_true, y_pred, labels=labels, average=None, zero_division=0)
    expected["report"] = {"confusion": confusion_matrix(y_true, y_pred, labels=labels).tolist(),
                          "precision": pr.tolist(), "recall": rc.tolist(), "f1": f.tolist(), "support": sup.tolist()}
    return {"name": name, "threshold": threshold, "predictions": text_p, "targets": targets.tolist(),
            "y_true": y_true.tolist(), "y_pred": y_pred.tolist(), "expected": expected}


def multilabel_case(name, predictions, targets):
    text_p, p = f32(predictions)
    t = np.asarray(targets, dtype=np.int64)
    y_pred = (p >= np.float32(0.5)).astype(np.int64)
    expected = {"hamming_loss": float(hamming_loss(t, y_pred)), "subset_accuracy": float(accuracy_score(t, y_pred))}
    for metric, fn in (("label_precision", precision_score), ("label_recall", recall_score), ("label_f1", f1_score)):
        expected[metric] = {a: float(fn(t, y_pred, average=a, zero_division=0)) for a in ("macro", "micro", "weighted")}
    expected["roc_auc"] = {}
    for a in ("macro", "weighted"):
        try:
            expected["roc_auc"][a] = float(roc_auc_score(t, p.astype(np.float64), average=a))
        except ValueError as e:
            expected["roc_auc"][a] = None
            expected["roc_auc_error"] = str(e)
    pr, rc, f, sup = precision_recall_fscore_support(t, y_pred, average=None, zero_division=0)
    expected["report"] = {"precision": pr.tolist(), "recall": rc.tolist(), "f1": f.tolist(), "support": sup.tolist()}
    return {"name": name, "predictions": text_p, "targets": t.tolist(), "expected": expected}


def regression_case(name, predictions, targets):
    text_p, p = f32(predictions)
    text_t, t = f32(targets)
    p64, t64 = p.astype(np.float64), t.astype(np.float64)
    expected = {
        "r2": float(r2_score(t64, p64, multioutput="uniform_average")),
        "r2_raw": [float(v) for v in r2_score(t64, p64, multioutput="raw_values")],
        "mse": float(mean_squared_error(t64, p64)),
        "mae": float(mean_absolute_error(t64, p64)),
        "rmse": float(mean_squared_error(t64, p64, squared=False)),
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

# Edge cases, drawn after the cases above so their values do not change.
# A single class: every target is class 0 of three. ROC-AUC is undefined (sklearn raises); the rest is defined.
n, c = 23, 3
logits = rng.normal(size=(n, c))
cases.append(classification_case("single_class", softmax(logits), np.eye(c)[np.zeros(n, dtype=np.int64)]))

# Ties in the scores: probabilities rounded to one decimal, so ROC-AUC and top-k must share tied ranks as sklearn does.
n, c = 40, 4
probabilities = np.round(softmax(rng.normal(size=(n, c)) * 0.5), 1).astype(np.float32)
labels = rng.integers(0, c, size=n)
cases.append(classification_case("multiclass_tied_scores", probabilities, np.eye(c)[labels]))

multilabel = []
# Five labels, 47 samples: label 4 is never on in the targets and never predicted; label 3 is on but never predicted.
n, L = 47, 5
logits = rng.normal(size=(n, L))
t = (rng.uniform(size=(n, L)) < 0.4).astype(np.int64)
logits += 1.5 * (2 * t - 1)  # predictions follow the targets, with errors
logits[:, 3] -= 10.0
t[:, 4] = 0
logits[:, 4] -= 10.0
multilabel.append(multilabel_case("labels_absent_and_never_predicted", 1 / (1 + np.exp(-logits)), t))

# Four labels, 36 samples, every label both on and off (ROC-AUC defined).
n, L = 36, 4
t = (rng.uniform(size=(n, L)) < 0.5).astype(np.int64)
t[0], t[1] = 1, 0
logits = rng.normal(size=(n, L)) + 1.0 * (2 * t - 1)
multilabel.append(multilabel_case("labels_all_defined", 1 / (1 + np.exp(-logits)), t))

with open(OUT, "w") as f:
    json.dump({"generator": os.path.basename(__file__), "sklearn": sklearn.__version__, "numpy": np.__version__,
               "classification": cases, "regression": regression,
               "multilabel": multilabel}, f, separators=(",", ":"))
    f.write("\n")
print("wrote", OUT, os.path.getsize(OUT), "bytes")
for case in cases + regression + multilabel:
    print(case["name"], json.dumps(case["expected"]))
