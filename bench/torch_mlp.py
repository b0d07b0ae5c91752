#!/usr/bin/env python3
"""PyTorch reference for the fashion-mlp experiment: the same network, optimiser, batch and data.

MLP 784-256-128-10 (ReLU, softmax cross-entropy), Adam lr 1e-3, batch 128, shuffled every epoch, on Fashion-MNIST
pixels scaled to [0, 1]. Prints one JSON line per thread setting with training samples per second (training loop
only, evaluation excluded) and test accuracy.

Each line also records the OpenBLAS core and thread count in use. OpenBLAS reads OPENBLAS_NUM_THREADS when it loads,
so for a fair comparison run each torch thread setting in its own process with the OpenBLAS core chosen by
../shared/bench/fair_openblas.py and OPENBLAS_L2_SIZE unset (bench/compare_training.sh does this):
    export OPENBLAS_CORETYPE=$(/usr/bin/python3 ../shared/bench/fair_openblas.py); unset OPENBLAS_L2_SIZE
    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/torch_mlp.py --threads 1
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_mlp.py --threads 2
"""
import argparse, gzip, json, struct, time

INFERENCE_BATCHES = (128, 1000, 10000)  # NeuralNet evaluates in chunks of the training batch (128)
import numpy as np
import torch

from openblas_info import openblas_info

DATA = "/usr/share/datasets/fashion-mnist"


def idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">I", raw[:4])
    dims = struct.unpack(">" + "I" * (magic & 0xFF), raw[4:4 + 4 * (magic & 0xFF)])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def run(threads, epochs, seed, train_samples):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    x = torch.from_numpy(idx(f"{DATA}/train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    y = torch.from_numpy(idx(f"{DATA}/train-labels-idx1-ubyte.gz").astype(np.int64))
    xt = torch.from_numpy(idx(f"{DATA}/t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32) / 255)
    yt = torch.from_numpy(idx(f"{DATA}/t10k-labels-idx1-ubyte.gz").astype(np.int64))
    x, y = x[:train_samples], y[:train_samples]
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    seconds = 0.0
    per_epoch = []
    for _ in range(epochs):
        perm = torch.randperm(len(x))
        t0 = time.perf_counter()
        for i in range(0, len(x), 128):
            idx_b = perm[i:i + 128]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx_b]), y[idx_b])
            loss.backward()
            opt.step()
        dt = time.perf_counter() - t0
        seconds += dt
        per_epoch.append(len(x) / dt)
    model.eval()
    with torch.no_grad():
        acc = (model(xt).argmax(1) == yt).float().mean().item()
        # Inference as NeuralNet's report measures it: the test set in batches, forward only; best of 5 passes.
        infer = {}
        for batch in INFERENCE_BATCHES:
            best = float("inf")
            for _ in range(6):
                t0 = time.perf_counter()
                for i in range(0, len(xt), batch):
                    model(xt[i:i + batch]).argmax(1)
                best = min(best, time.perf_counter() - t0)
            infer[batch] = round(len(xt) / best, 1)
    blas = openblas_info()
    return {"framework": "pytorch", "version": torch.__version__, "threads": threads, "openblas_threads": blas["threads"],
            "openblas_core": blas["core"], "openblas_coretype_env": blas["coretype_env"], "openblas_l2_size_env": blas["l2_size_env"],
            "epochs": epochs, "train_samples": len(x),
            "seconds": round(seconds, 3), "samples_per_second": round(len(x) * epochs / seconds, 1),
            "best_epoch_samples_per_second": round(max(per_epoch), 1), "test_accuracy": round(acc, 4),
            "inference_samples_per_second": max(infer.values()),
            "inference_samples_per_second_by_batch": {str(b): v for b, v in infer.items()}}


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--train-samples", type=int, default=54000, help="the NeuralNet experiment holds out 10%% of 60,000 for validation")
    a = p.parse_args()
    for t in a.threads:
        print(json.dumps(run(t, a.epochs, a.seed, a.train_samples)), flush=True)
