"""Reference values for the feature preprocessing (FeatureNormalizer), generated once with scikit-learn; the tests
read preprocessing.json and never run Python.

Run from the repository root:  env -u OPENBLAS_CORETYPE /usr/bin/python3 tests/NeuralNet.Engine.Tests/References/make_preprocessing.py

Fitted on the rows `train` of `x` (NaN = missing), applied to every row of `x`:
  impute_mean      SimpleImputer(strategy="mean") on the numeric columns 0 and 1
  impute_mode      SimpleImputer(strategy="most_frequent") on the categorical column, then one-hot (categories sorted)
  standard         StandardScaler after imputation
  minmax           MinMaxScaler() after imputation
  minmax_range     MinMaxScaler(feature_range=(-1, 1)) after imputation
  minmax_standard  the CSV seed's: MinMaxScaler((-1, 1)) then StandardScaler, after imputation
  per_sample       Keras' samplewise centring and std normalisation: (x - mean(x)) / (std(x) + 1e-6) per row
  scale            x / 255
"""
import json
import os

import numpy as np
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))

# Two numeric columns and a categorical one with categories a, b, c (b most frequent in training).
numeric = np.array([
    [1.0, 10.0], [2.0, np.nan], [np.nan, 30.0], [4.0, 40.0], [5.0, 20.0], [9.0, 15.0], [np.nan, np.nan],
], dtype=np.float64)
category = np.array(["b", "a", "b", None, "c", "b", "a"], dtype=object)
train = [0, 1, 2, 3, 4]

num_imputer = SimpleImputer(strategy="mean").fit(numeric[train])
cat_column = category.reshape(-1, 1).copy()
cat_column[cat_column == None] = np.nan  # noqa: E711
cat_imputer = SimpleImputer(strategy="most_frequent").fit(cat_column[train])
encoder = OneHotEncoder(categories=[["a", "b", "c"]]).fit(cat_imputer.transform(cat_column[train]))

filled = np.hstack([num_imputer.transform(numeric), encoder.transform(cat_imputer.transform(cat_column)).toarray()])

# The raw features as the csv source gives them: missing numbers NaN, a missing category NaN in its three columns.
raw = np.hstack([numeric, np.array([[np.nan] * 3 if c is None else [float(c == k) for k in "abc"] for c in category])])


def fitted(scaler):
    return scaler.fit(filled[train]).transform(filled)


seed_minmax = MinMaxScaler(feature_range=(-1, 1)).fit(filled[train])
minmax_standard = StandardScaler().fit(seed_minmax.transform(filled[train])).transform(seed_minmax.transform(filled))

per_sample = (filled - filled.mean(axis=1, keepdims=True)) / (filled.std(axis=1, keepdims=True) + 1e-6)


def rows(a):
    return [[None if np.isnan(v) else round(float(v), 7) for v in row] for row in a]


with open(os.path.join(HERE, "preprocessing.json"), "w") as f:
    json.dump({
        "columns": [{"name": "n0"}, {"name": "n1"}, {"name": "color", "categories": ["a", "b", "c"]}],
        "train": train,
        "x": rows(raw),
        "fill": rows(np.hstack([num_imputer.statistics_, encoder.transform([[cat_imputer.statistics_[0]]]).toarray()[0]]).reshape(1, -1))[0],
        "filled": rows(filled),
        "standard": rows(fitted(StandardScaler())),
        "minmax": rows(fitted(MinMaxScaler())),
        "minmax_range": rows(fitted(MinMaxScaler(feature_range=(-1, 1)))),
        "minmax_standard": rows(minmax_standard),
        "per_sample": rows(per_sample),
        "scale": rows(filled / 255.0),
    }, f, indent=1)
