"""The regression side of bench/compare_regression.sh: writes a train/test split of a scikit-learn regression set as
CSV files (names header, target last) and fits scikit-learn's MLPRegressor on the same training rows, with the same
preprocessing NeuralNet is configured with (features standardised; targets standardised for training, predictions
transformed back) and the same network, optimiser, batch size and epochs. Prints one JSON line per seed.

    /usr/bin/python3 bench/sklearn_regression.py DATASET OUT_DIR HIDDEN EPOCHS SEEDS
    DATASET: diabetes | boston;  HIDDEN: comma-separated sizes, e.g. 64,32;  SEEDS: comma-separated MLP seeds
"""
import json
import os
import sys
import warnings

import numpy as np
from sklearn.compose import TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"


def load(name):
    if name == "diabetes":
        # As scikit-learn ships it: whitespace-separated features and targets in two gzip files.
        x = np.loadtxt(os.path.join(DATA, "diabetes_data_raw.csv.gz"))
        y = np.loadtxt(os.path.join(DATA, "diabetes_target.csv.gz"))
        return x, y, ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"], "progression"
    # boston_house_prices.csv: "506,13", then the column names, then rows (MEDV last).
    with open(os.path.join(DATA, "boston_house_prices.csv")) as f:
        f.readline()
        names = f.readline().strip().split(",")
        rows = np.loadtxt(f, delimiter=",")
    return rows[:, :-1], rows[:, -1], names[:-1], names[-1]


def write(path, x, y, names, target):
    np.savetxt(path, np.column_stack([x, y]), delimiter=",", header=",".join(names + [target]), comments="", fmt="%.6g")


def main():
    name, out, hidden, epochs, seeds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    x, y, names, target = load(name)
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2, random_state=0)
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "train.csv"), x_train, y_train, names, target)
    write(os.path.join(out, "test.csv"), x_test, y_test, names, target)
    sizes = tuple(int(h) for h in hidden.split(","))
    for seed in (int(s) for s in seeds.split(",")):
        mlp = MLPRegressor(hidden_layer_sizes=sizes, activation="relu", solver="adam", learning_rate_init=1e-3,
                           batch_size=32, max_iter=epochs, alpha=0.0, shuffle=True, random_state=seed,
                           early_stopping=False, n_iter_no_change=epochs + 1, tol=0.0)
        model = TransformedTargetRegressor(regressor=make_pipeline(StandardScaler(), mlp), transformer=StandardScaler())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.fit(x_train, y_train)
        print(json.dumps({"framework": "sklearn", "dataset": name, "seed": seed, "train_rows": len(y_train), "test_rows": len(y_test),
                          "test_r2": r2_score(y_test, model.predict(x_test))}))


if __name__ == "__main__":
    main()
