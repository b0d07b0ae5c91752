#!/usr/bin/env python3
"""NumPy (OpenBLAS) GEMM throughput on the shapes of bench/NeuralNet.Benchmarks --gemm-quick.

Run with OpenBLAS's fastest kernels (../shared/bench/README.md):
    OPENBLAS_CORETYPE=$(/usr/bin/python3 ../shared/bench/fair_openblas.py) env -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/gemm_numpy.py
Prints the OpenBLAS core in use (`openblas core=.. threads=..`), then one line per shape and variant, in the same
format as the C# quick mode:
    gemm <variant> m=.. k=.. n=.. gflops=..
The variant names the transposes of C = op(A) op(B): NN is A @ B, TN is A.T @ B (A stored k x m), NT is A @ B.T
(B stored n x k). Transposes are passed as .T views of contiguous float32 arrays so BLAS sees the transpose flags.
Timing: warm-up, then repetitions filling ~0.2 s per trial, best of several trials (seconds per call = min).
"""
import sys
import time

import numpy as np

from openblas_info import describe

SHAPES = [(128, 784, 256), (512, 512, 512), (1024, 1024, 1024)]
VARIANTS = ["NN", "TN", "NT"]
TRIALS = 5
TRIAL_SECONDS = 0.2


def operands(variant, m, k, n, rng):
    a = rng.standard_normal((k, m) if variant[0] == "T" else (m, k), dtype=np.float32)
    b = rng.standard_normal((n, k) if variant[1] == "T" else (k, n), dtype=np.float32)
    op_a = a.T if variant[0] == "T" else a
    op_b = b.T if variant[1] == "T" else b
    return op_a, op_b


def best_seconds(op_a, op_b, out):
    np.matmul(op_a, op_b, out=out)  # warm-up
    start = time.perf_counter()
    reps = 0
    while time.perf_counter() - start < 0.05:
        np.matmul(op_a, op_b, out=out)
        reps += 1
    per_call = (time.perf_counter() - start) / reps
    reps = max(1, int(TRIAL_SECONDS / per_call))
    best = float("inf")
    for _ in range(TRIALS):
        start = time.perf_counter()
        for _ in range(reps):
            np.matmul(op_a, op_b, out=out)
        best = min(best, (time.perf_counter() - start) / reps)
    return best


def main():
    print(describe(), flush=True)
    rng = np.random.default_rng(1234)
    variants = sys.argv[1:] or VARIANTS
    for m, k, n in SHAPES:
        for variant in variants:
            op_a, op_b = operands(variant, m, k, n, rng)
            out = np.empty((m, n), dtype=np.float32)
            seconds = best_seconds(op_a, op_b, out)
            print(f"gemm {variant} m={m} k={k} n={n} gflops={2.0 * m * k * n / seconds / 1e9:.1f}", flush=True)


if __name__ == "__main__":
    main()
