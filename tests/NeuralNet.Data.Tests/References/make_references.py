"""Reference values for NeuralNet.Data.Tests, generated once; the tests read the JSON files and never run Python.

Run from the repository root:  env -u OPENBLAS_CORETYPE /usr/bin/python3 tests/NeuralNet.Data.Tests/References/make_references.py

spiral_noise0.json   the MadeWithML "Neural networks" lesson's generate_data with the noise term removed
                     (30 samples per class, 3 classes), so the C# spiral can be compared point by point.
moons_noise0.json    scikit-learn's make_moons(n_samples=11, noise=0, shuffle=False): the moons source point by point.
fashion_mnist_t10k.json  facts of Debian's Fashion-MNIST test files (/usr/share/datasets/fashion-mnist), when present.
"""
import gzip
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def generate_data(num_samples_per_class, dimensions, num_classes, noise):
    # The lesson's code (after CS231n), with its 0.2 noise factor made a parameter.
    x = np.zeros((num_samples_per_class * num_classes, dimensions))
    y = np.zeros(num_samples_per_class * num_classes, dtype="uint8")
    for j in range(num_classes):
        ix = range(num_samples_per_class * j, num_samples_per_class * (j + 1))
        r = np.linspace(0.0, 1, num_samples_per_class)  # radius
        t = np.linspace(j * 4, (j + 1) * 4, num_samples_per_class) + np.random.randn(num_samples_per_class) * noise  # theta
        x[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
        y[ix] = j
    return x, y


def spiral():
    x, y = generate_data(30, 2, 3, 0.0)
    with open(os.path.join(HERE, "spiral_noise0.json"), "w") as f:
        json.dump({"samples_per_class": 30, "classes": 3, "x": x.round(7).tolist(), "y": y.tolist()}, f)


def fashion_mnist():
    root = "/usr/share/datasets/fashion-mnist"
    if not os.path.isdir(root):
        print("skipping Fashion-MNIST: " + root + " is absent")
        return
    with gzip.open(os.path.join(root, "t10k-labels-idx1-ubyte.gz")) as f:
        labels = np.frombuffer(f.read()[8:], np.uint8)
    with gzip.open(os.path.join(root, "t10k-images-idx3-ubyte.gz")) as f:
        images = np.frombuffer(f.read()[16:], np.uint8).reshape(-1, 28 * 28)
    with open(os.path.join(HERE, "fashion_mnist_t10k.json"), "w") as f:
        json.dump({
            "count": int(images.shape[0]),
            "first_labels": labels[:20].tolist(),
            "class_counts": np.bincount(labels, minlength=10).tolist(),
            "image0_scaled_sum": float((images[0] / 255.0).sum()),
            "image9999_scaled_sum": float((images[-1] / 255.0).sum()),
            "scaled_mean": float((images / 255.0).mean()),
        }, f, indent=1)


def moons():
    from sklearn.datasets import make_moons

    x, y = make_moons(n_samples=11, noise=0.0, shuffle=False)
    with open(os.path.join(HERE, "moons_noise0.json"), "w") as f:
        json.dump({"samples": 11, "x": x.round(7).tolist(), "y": y.tolist()}, f)


if __name__ == "__main__":
    spiral()
    moons()
    fashion_mnist()
