#!/usr/bin/env python3
"""PyTorch reference for the fashion-cnn experiment: the same network, optimiser, batch and data.

conv 3x3 1->32 (padding 1) + BatchNorm + ReLU + max-pool 2, conv 3x3 32->64 (padding 1) + BatchNorm + ReLU + max-pool 2,
flatten (3136), dense 128 + ReLU + dropout 0.3, dense 10 (softmax cross-entropy with label smoothing 0.1); Adam lr
1e-3 on a cosine decay over the epochs (CosineAnnealingLR stepped per epoch, as the experiment's "cosine" callback),
batch 128, shuffled every epoch; Fashion-MNIST pixels standardised with the training set's mean and standard
deviation (one channel). --label-smoothing 0 --schedule constant give the plain recipe.

Prints each epoch's training seconds (the training loop alone, shuffling included: data loading and evaluation are
not timed), then test accuracy after the last epoch, inference throughput on the 10,000 test images (eval mode,
torch.no_grad(), batch 1000, one untimed warm-up batch first), peak RSS, and the torch/OpenBLAS thread settings and
OpenBLAS core; the last line repeats all of it as one JSON object for scripts.

One thread setting per process, since OpenBLAS reads OPENBLAS_NUM_THREADS when it loads. Fair runs (see
../shared/bench/README.md):
    export OPENBLAS_CORETYPE=$(/usr/bin/python3 ../shared/bench/fair_openblas.py); unset OPENBLAS_L2_SIZE
    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/torch_cnn.py --threads 1
    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/torch_cnn.py --threads 2
Smoke run: add --limit 5000 --epochs 1.
"""
import argparse, gzip, json, os, resource, struct, sys, time
import numpy as np
import torch

from openblas_info import openblas_info

DATA = "/usr/share/datasets/fashion-mnist"
BATCH = 128
INFERENCE_BATCH = 1000


def idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    magic, = struct.unpack(">I", raw[:4])
    dims = struct.unpack(">" + "I" * (magic & 0xFF), raw[4:4 + 4 * (magic & 0xFF)])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * len(dims)).reshape(dims)


def network():
    nn = torch.nn
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Dropout(0.3), nn.Linear(128, 10))


def run(threads, epochs, seed, limit, label_smoothing=0.1, schedule="cosine"):
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    if not os.path.isdir(DATA):
        sys.exit(f"{DATA} is missing: apt-get install -y dataset-fashion-mnist")
    images = idx(f"{DATA}/train-images-idx3-ubyte.gz")
    labels = idx(f"{DATA}/train-labels-idx1-ubyte.gz")
    if limit:
        images, labels = images[:limit], labels[:limit]
    x = images.reshape(-1, 1, 28, 28).astype(np.float32)
    mean, std = float(x.mean()), float(x.std())
    x = torch.from_numpy((x - mean) / std)
    y = torch.from_numpy(labels.astype(np.int64))
    xt = torch.from_numpy((idx(f"{DATA}/t10k-images-idx3-ubyte.gz").reshape(-1, 1, 28, 28).astype(np.float32) - mean) / std)
    yt = torch.from_numpy(idx(f"{DATA}/t10k-labels-idx1-ubyte.gz").astype(np.int64))

    model = network()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=label_smoothing)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=epochs) if schedule == "cosine" else None
    blas = openblas_info()
    print(f"pytorch {torch.__version__}: torch threads {torch.get_num_threads()} (interop {torch.get_num_interop_threads()}), "
          f"OpenBLAS {blas['version']} core {blas['core']} on {blas['threads']} thread(s), "
          f"OPENBLAS_CORETYPE={blas['coretype_env'] or 'unset'}, OPENBLAS_L2_SIZE={blas['l2_size_env'] or 'unset'}, "
          f"mkldnn {torch.backends.mkldnn.is_available()}; {len(x)} training images, batch {BATCH}", flush=True)

    epoch_seconds = []
    for epoch in range(epochs):
        model.train()
        total, batches = 0.0, 0
        t0 = time.perf_counter()
        perm = torch.randperm(len(x))
        for i in range(0, len(x), BATCH):
            b = perm[i:i + BATCH]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[b]), y[b])
            loss.backward()
            opt.step()
            total += loss.detach()
            batches += 1
        dt = time.perf_counter() - t0
        epoch_seconds.append(dt)
        if scheduler is not None:
            scheduler.step()
        print(f"epoch {epoch + 1}/{epochs}: {dt:.2f} s ({len(x) / dt:,.0f} samples/s), train loss {float(total) / batches:.4f}", flush=True)

    model.eval()
    correct = 0
    with torch.no_grad():
        model(xt[:INFERENCE_BATCH])  # warm-up: first-call allocations and kernel selection
        t0 = time.perf_counter()
        for i in range(0, len(xt), INFERENCE_BATCH):
            correct += int((model(xt[i:i + INFERENCE_BATCH]).argmax(1) == yt[i:i + INFERENCE_BATCH]).sum())
        infer_seconds = time.perf_counter() - t0
    acc = correct / len(xt)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    seconds = sum(epoch_seconds)
    result = {
        "framework": "pytorch", "version": torch.__version__, "model": "cnn", "seed": seed,
        "threads": threads, "torch_threads": torch.get_num_threads(), "torch_interop_threads": torch.get_num_interop_threads(),
        "openblas_threads": blas["threads"], "openblas_core": blas["core"], "openblas_version": blas["version"],
        "openblas_coretype_env": blas["coretype_env"], "openblas_l2_size_env": blas["l2_size_env"],
        "mkldnn": torch.backends.mkldnn.is_available(),
        "epochs": epochs, "train_samples": len(x), "batch_size": BATCH,
        "label_smoothing": label_smoothing, "schedule": schedule,
        "epoch_seconds": [round(s, 3) for s in epoch_seconds], "seconds": round(seconds, 3),
        "mean_epoch_seconds": round(seconds / epochs, 3), "samples_per_second": round(len(x) * epochs / seconds, 1),
        "test_samples": len(xt), "test_accuracy": round(acc, 4),
        "inference_batch_size": INFERENCE_BATCH, "inference_seconds": round(infer_seconds, 3),
        "inference_samples_per_second": round(len(xt) / infer_seconds, 1),
        "peak_rss_bytes": peak_rss,
    }
    print(f"test accuracy {acc:.4f}; inference {len(xt) / infer_seconds:,.0f} samples/s (batch {INFERENCE_BATCH}, "
          f"{infer_seconds:.2f} s for {len(xt)}); peak RSS {peak_rss / 2**20:.0f} MB", flush=True)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--threads", type=int, default=1, help="torch.set_num_threads; OpenBLAS's own threads come from OPENBLAS_NUM_THREADS")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--limit", type=int, default=None, help="train on the first N of the 60,000 training images (smoke runs; "
                   "compare_cnn.sh passes NeuralNet's training-split size)")
    p.add_argument("--label-smoothing", type=float, default=0.1, help="CrossEntropyLoss(label_smoothing); the experiment's is 0.1")
    p.add_argument("--schedule", choices=["cosine", "constant"], default="cosine", help="learning rate over the epochs")
    a = p.parse_args()
    run(a.threads, a.epochs, a.seed, a.limit, a.label_smoothing, a.schedule)
