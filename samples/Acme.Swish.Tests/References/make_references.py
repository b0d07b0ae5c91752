"""Reference values for acme>swish, computed once with PyTorch (1.13, CPU, float32).

Run from anywhere:  python3 samples/Acme.Swish.Tests/References/make_references.py
It rewrites swish.json beside this script; the C# tests read it and never run Python.
Every tensor is a nested list of float32 values, batch first; options use the C# option names, as strings.
"""
import json
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def values(t):
    return t.detach().to(torch.float32).tolist()


def main():
    torch.manual_seed(7)
    x = torch.randn((4, 5)) * 3
    x[0, 0], x[0, 1] = 30.0, -30.0  # large magnitudes: the overflow-safe sigmoid
    dy = torch.rand((4, 5)) * 2 - 1
    cases = []
    for beta in ["1", "0.5", "1.7", "0"]:
        xi = x.clone().requires_grad_(True)
        y = xi * torch.sigmoid(float(beta) * xi)
        y.backward(dy)
        cases.append({"options": {"Beta": beta}, "output": values(y), "input_gradient": values(xi.grad)})
    path = os.path.join(HERE, "swish.json")
    with open(path, "w") as f:
        json.dump({"input": values(x), "output_gradient": values(dy), "cases": cases}, f, separators=(",", ":"))
        f.write("\n")
    print(f"swish.json: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
