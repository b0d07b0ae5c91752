"""Reference values for NeuralNet.Nn's tests, computed once with PyTorch (1.13, CPU, float32).

Run from anywhere:  env -u OPENBLAS_CORETYPE /usr/bin/python3 tests/NeuralNet.Nn.Tests/References/make_references.py [name ...]
It rewrites the JSON files beside this script (only the named ones, e.g. "batch_norm", when names are given);
the C# tests read them and never run Python. conv2d weights are [F, C, KH, KW], the same layout as torch.

Layout conventions, so the C# side reads the files directly:
- every tensor is a (nested) list of float32 values, batch first;
- dense kernels are written as [inputs x units], the transpose of torch.nn.Linear.weight ([out x in]);
- options use the C# option names (LearningRate, Alpha, ...), as strings, exactly as a config would give them;
- multi-dimensional samples ([C, H, W]) are written one flat row per sample, with the sample shape beside them.
"""
import json
import os

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_default_dtype(torch.float32)


def values(t):
    """A tensor as nested lists of the float32 values (exact in JSON as doubles)."""
    return t.detach().to(torch.float32).tolist()


def write(name, data):
    path = os.path.join(HERE, name)
    with open(path, "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")
    print(f"{name}: {os.path.getsize(path)} bytes")


def away_from_zero(shape, low=0.1, high=4.0):
    """Uniform magnitudes in [low, high) with random signs: no element near a kink at 0."""
    magnitude = low + (high - low) * torch.rand(shape)
    sign = torch.where(torch.rand(shape) < 0.5, -1.0, 1.0)
    return magnitude * sign


def activations():
    torch.manual_seed(1)
    x = away_from_zero((4, 6))
    x[0, 0], x[0, 1] = 12.0, -12.0  # large values: overflow-safe forms
    dy = torch.rand((4, 6)) * 2 - 1
    x[1, 0], x[1, 1] = 50.0, -50.0  # extreme values: exponentials saturate
    x[2, 0], x[2, 1] = 3.0, -3.0  # hard_sigmoid's kinks: PyTorch's derivative there is 0
    cases = [
        ("linear", {}, lambda v: v),
        ("relu", {}, F.relu),
        ("leaky_relu", {}, lambda v: F.leaky_relu(v, 0.01)),
        ("leaky_relu", {"Alpha": "0.2"}, lambda v: F.leaky_relu(v, 0.2)),
        ("elu", {}, lambda v: F.elu(v, 1.0)),
        ("elu", {"Alpha": "0.5"}, lambda v: F.elu(v, 0.5)),
        ("sigmoid", {}, torch.sigmoid),
        ("tanh", {}, torch.tanh),
        ("softmax", {}, lambda v: F.softmax(v, dim=1)),
        ("softplus", {}, F.softplus),
        ("silu", {}, F.silu),
        ("selu", {}, F.selu),
        ("gelu", {}, lambda v: F.gelu(v)),  # approximate='none': the exact erf form
        ("hard_sigmoid", {}, F.hardsigmoid),
        ("log_softmax", {}, lambda v: F.log_softmax(v, dim=1)),
        ("softsign", {}, F.softsign),
        ("mish", {}, F.mish),
        ("swish", {}, lambda v: v * torch.sigmoid(v)),
        ("swish", {"Beta": "1.5"}, lambda v: v * torch.sigmoid(1.5 * v)),
    ]
    entries = []
    for name, options, f in cases:
        xi = x.clone().requires_grad_(True)
        y = f(xi)
        y.backward(dy)
        entries.append({"name": name, "options": options, "output": values(y), "input_gradient": values(xi.grad)})
    # prelu has a learnable slope (torch's nn.PReLU weight): one shared, or one per feature, with its gradient too.
    for options, weight in [({}, torch.full((1,), 0.25)), ({"NumParameters": "6", "Init": "0.1"}, torch.full((6,), 0.1))]:
        xi = x.clone().requires_grad_(True)
        w = weight.clone().requires_grad_(True)
        y = F.prelu(xi, w)
        y.backward(dy)
        entries.append({"name": "prelu", "options": options, "output": values(y), "input_gradient": values(xi.grad),
                        "weight_gradient": values(w.grad)})
    write("activations.json", {"input": values(x), "output_gradient": values(dy), "cases": entries})


def losses():
    torch.manual_seed(2)
    data = {}

    # Regression: mean over every element.
    p = torch.randn((4, 3))
    t = torch.randn((4, 3))
    cases = []
    for name, f in [("mean_squared_error", F.mse_loss), ("mean_absolute_error", F.l1_loss)]:
        pi = p.clone().requires_grad_(True)
        loss = f(pi, t)
        loss.backward()
        cases.append({"name": name, "loss": loss.item(), "gradient": values(pi.grad)})
    data["regression"] = {"predictions": values(p), "targets": values(t), "cases": cases}

    # Binary: probabilities inside the clamp, hard and soft targets; logits including large magnitudes.
    p = 0.05 + 0.9 * torch.rand((4, 3))
    t = (torch.rand((4, 3)) < 0.5).float()
    t[3] = torch.tensor([0.25, 0.5, 0.9])
    pi = p.clone().requires_grad_(True)
    loss = F.binary_cross_entropy(pi, t)
    loss.backward()
    z = torch.randn((4, 3)) * 3
    z[0, 0], z[0, 1] = 40.0, -40.0
    zi = z.clone().requires_grad_(True)
    fused = F.binary_cross_entropy_with_logits(zi, t)
    fused.backward()
    data["binary_crossentropy"] = {
        "predictions": values(p), "targets": values(t), "loss": loss.item(), "gradient": values(pi.grad),
        "logits": values(z), "loss_from_logits": fused.item(), "gradient_from_logits": values(zi.grad),
    }

    # Categorical: one-hot targets; probabilities from a softmax; logits including large magnitudes.
    classes = torch.tensor([0, 3, 4, 1])
    t = F.one_hot(classes, 5).float()
    p = F.softmax(torch.randn((4, 5)), dim=1)
    pi = p.clone().requires_grad_(True)
    loss = -(t * torch.log(pi)).sum(dim=1).mean()
    loss.backward()
    z = torch.randn((4, 5)) * 2
    z[1, 2] = 60.0
    z[2, 0] = -60.0
    zi = z.clone().requires_grad_(True)
    fused = F.cross_entropy(zi, t)  # probability targets (torch >= 1.10): -sum(t * log_softmax(z)) / batch
    fused.backward()
    data["categorical_crossentropy"] = {
        "predictions": values(p), "targets": values(t), "loss": loss.item(), "gradient": values(pi.grad),
        "logits": values(z), "loss_from_logits": fused.item(), "gradient_from_logits": values(zi.grad),
    }

    # Label smoothing (CrossEntropyLoss(label_smoothing=s)): targets (1 - s) t + s / C, from probabilities and logits.
    s = 0.1
    smoothed = t * (1 - s) + s / t.shape[1]
    pi = p.clone().requires_grad_(True)
    loss = -(smoothed * torch.log(pi)).sum(dim=1).mean()
    loss.backward()
    zi = z.clone().requires_grad_(True)
    fused = F.cross_entropy(zi, classes, label_smoothing=s)
    fused.backward()
    data["categorical_crossentropy_label_smoothing"] = {
        "options": {"LabelSmoothing": str(s)},
        "predictions": values(p), "targets": values(t), "loss": loss.item(), "gradient": values(pi.grad),
        "logits": values(z), "loss_from_logits": fused.item(), "gradient_from_logits": values(zi.grad),
    }

    # Class weights (CrossEntropyLoss(weight=w) with probability targets: -sum(w * t' * log p) / batch), alone and
    # with label smoothing; "class_weights" is the resolved vector the engine hands the loss.
    w = torch.tensor([0.5, 2.0, 1.0, 3.0, 0.25])
    for key, options, smoothing in [("categorical_crossentropy_class_weights", {}, 0.0),
                                     ("categorical_crossentropy_class_weights_smoothing", {"LabelSmoothing": "0.1"}, 0.1)]:
        smoothed = t * (1 - smoothing) + smoothing / t.shape[1]
        pi = p.clone().requires_grad_(True)
        loss = -(w * smoothed * torch.log(pi)).sum(dim=1).mean()
        loss.backward()
        zi = z.clone().requires_grad_(True)
        fused = F.cross_entropy(zi, t, weight=w, label_smoothing=smoothing)
        fused.backward()
        data[key] = {
            "options": options, "class_weights": values(w),
            "predictions": values(p), "targets": values(t), "loss": loss.item(), "gradient": values(pi.grad),
            "logits": values(z), "loss_from_logits": fused.item(), "gradient_from_logits": values(zi.grad),
        }

    # Sparse: the same probabilities and logits, targets as class indices [N, 1].
    pi = p.clone().requires_grad_(True)
    loss = F.nll_loss(torch.log(pi), classes)
    loss.backward()
    zi = z.clone().requires_grad_(True)
    fused = F.cross_entropy(zi, classes)
    fused.backward()
    data["sparse_categorical_crossentropy"] = {
        "predictions": values(p), "targets": values(classes.float().unsqueeze(1)), "loss": loss.item(), "gradient": values(pi.grad),
        "logits": values(z), "loss_from_logits": fused.item(), "gradient_from_logits": values(zi.grad),
    }

    torch.manual_seed(7)
    # Huber: differences on both sides of delta, including large ones (the linear part).
    p = torch.randn((4, 3)) * 2
    t = torch.randn((4, 3))
    p[0, 0], t[0, 0] = 25.0, -3.0
    cases = []
    for options, delta in [({}, 1.0), ({"Delta": "0.5"}, 0.5), ({"Delta": "3"}, 3.0)]:
        pi = p.clone().requires_grad_(True)
        loss = F.huber_loss(pi, t, delta=delta)
        loss.backward()
        cases.append({"options": options, "loss": loss.item(), "gradient": values(pi.grad)})
    data["huber"] = {"predictions": values(p), "targets": values(t), "cases": cases}

    # Hinge (Keras): y = +1 where t > 0 else -1; 0/1 one-hot rows and a -1/+1 row.
    p = torch.randn((4, 3)) * 1.5
    t = F.one_hot(torch.tensor([0, 2, 1, 1]), 3).float()
    t[3] = torch.tensor([-1.0, 1.0, -1.0])
    y = torch.where(t > 0, 1.0, -1.0)
    pi = p.clone().requires_grad_(True)
    loss = torch.clamp(1 - y * pi, min=0).mean()
    loss.backward()
    data["hinge"] = {"predictions": values(p), "targets": values(t), "loss": loss.item(), "gradient": values(pi.grad)}

    # KL divergence: log-probability predictions, probability targets with a zero entry (0 ln 0 = 0), batchmean.
    p = F.log_softmax(torch.randn((4, 5)) * 2, dim=1)
    t = F.softmax(torch.randn((4, 5)), dim=1)
    t[1] = torch.tensor([0.0, 0.5, 0.0, 0.5, 0.0])
    pi = p.clone().requires_grad_(True)
    loss = F.kl_div(pi, t, reduction="batchmean")
    loss.backward()
    data["kl_divergence"] = {"predictions": values(p), "targets": values(t), "loss": loss.item(), "gradient": values(pi.grad)}
    weighted_losses(data)
    write("losses.json", data)


def weighted_losses(data):
    """Class weights on the sparse and binary cross-entropies; their own seed, so the cases above keep their values."""
    torch.manual_seed(11)

    # Sparse with class weights: -(1/B) sum_b w[k_b] ln p[b, k_b], divided by the batch as categorical_crossentropy
    # with weighted one-hot targets (PyTorch's index-target mean would divide by sum_b w[k_b]: reduction='sum' / B).
    classes = torch.tensor([0, 3, 4, 1, 3])
    w = torch.tensor([0.5, 2.0, 1.0, 3.0, 0.25])
    p = F.softmax(torch.randn((5, 5)), dim=1)
    z = torch.randn((5, 5)) * 2
    z[1, 2] = 60.0
    pi = p.clone().requires_grad_(True)
    loss = F.nll_loss(torch.log(pi), classes, weight=w, reduction="sum") / len(classes)
    loss.backward()
    zi = z.clone().requires_grad_(True)
    fused = F.cross_entropy(zi, classes, weight=w, reduction="sum") / len(classes)
    fused.backward()
    data["sparse_categorical_crossentropy_class_weights"] = {
        "options": {}, "class_weights": values(w),
        "predictions": values(p), "targets": values(classes.float().unsqueeze(1)), "loss": loss.item(), "gradient": values(pi.grad),
        "logits": values(z), "loss_from_logits": fused.item(), "gradient_from_logits": values(zi.grad),
    }

    # Binary, one output per label: weight w_c per column and one pos_weight for all (BCEWithLogitsLoss(weight, pos_weight)).
    w = torch.tensor([0.5, 2.0, 1.5])
    pos_weight = 3.0
    p = 0.05 + 0.9 * torch.rand((4, 3))
    t = (torch.rand((4, 3)) < 0.5).float()
    t[3] = torch.tensor([0.25, 0.5, 0.9])
    z = torch.randn((4, 3)) * 3
    z[0, 0], z[0, 1] = 40.0, -40.0
    pi = p.clone().requires_grad_(True)
    loss = -(w * (pos_weight * t * torch.log(pi) + (1 - t) * torch.log(1 - pi))).mean()
    loss.backward()
    zi = z.clone().requires_grad_(True)
    fused = F.binary_cross_entropy_with_logits(zi, t, weight=w, pos_weight=torch.full((3,), pos_weight))
    fused.backward()
    data["binary_crossentropy_class_weights_pos_weight"] = {
        "options": {"PosWeight": str(pos_weight)}, "class_weights": values(w),
        "predictions": values(p), "targets": values(t), "loss": loss.item(), "gradient": values(pi.grad),
        "logits": values(z), "loss_from_logits": fused.item(), "gradient_from_logits": values(zi.grad),
    }

    # Binary, one sigmoid output for two classes with class weights (w0, w1): target-0 terms weigh w0, target-1 terms
    # w1, i.e. BCEWithLogitsLoss(weight=w0, pos_weight=w1 / w0).
    w0, w1 = 0.5, 2.0
    p = 0.05 + 0.9 * torch.rand((6, 1))
    t = torch.tensor([[0.0], [1.0], [1.0], [0.0], [1.0], [0.0]])
    z = torch.randn((6, 1)) * 3
    z[0, 0] = 30.0
    pi = p.clone().requires_grad_(True)
    loss = -(w1 * t * torch.log(pi) + w0 * (1 - t) * torch.log(1 - pi)).mean()
    loss.backward()
    zi = z.clone().requires_grad_(True)
    fused = F.binary_cross_entropy_with_logits(zi, t, weight=torch.tensor([w0]), pos_weight=torch.tensor([w1 / w0]))
    fused.backward()
    data["binary_crossentropy_one_output_class_weights"] = {
        "options": {}, "class_weights": [w0, w1],
        "predictions": values(p), "targets": values(t), "loss": loss.item(), "gradient": values(pi.grad),
        "logits": values(z), "loss_from_logits": fused.item(), "gradient_from_logits": values(zi.grad),
    }


def dense():
    torch.manual_seed(3)
    layer = torch.nn.Linear(5, 7)
    x = torch.randn((4, 5), requires_grad=True)
    dy = torch.randn((4, 7))
    y = layer(x)
    y.backward(dy)
    write("dense.json", {
        "input": values(x), "kernel": values(layer.weight.t()), "bias": values(layer.bias),
        "output": values(y), "output_gradient": values(dy),
        "kernel_gradient": values(layer.weight.grad.t()), "bias_gradient": values(layer.bias.grad),
        "input_gradient": values(x.grad),
    })


def network():
    torch.manual_seed(4)
    first = torch.nn.Linear(5, 7)
    second = torch.nn.Linear(7, 3)
    x = torch.randn((4, 5))
    classes = torch.tensor([2, 0, 1, 2])
    t = F.one_hot(classes, 3).float()
    hidden = F.relu(first(x))
    logits = second(hidden)
    probabilities = F.softmax(logits, dim=1)
    loss = F.cross_entropy(logits, t)
    loss.backward()
    write("network.json", {
        "input": values(x), "targets": values(t),
        "kernel1": values(first.weight.t()), "bias1": values(first.bias),
        "kernel2": values(second.weight.t()), "bias2": values(second.bias),
        "hidden": values(hidden), "logits": values(logits), "probabilities": values(probabilities), "loss": loss.item(),
        "kernel1_gradient": values(first.weight.grad.t()), "bias1_gradient": values(first.bias.grad),
        "kernel2_gradient": values(second.weight.grad.t()), "bias2_gradient": values(second.bias.grad),
    })


def optimizers():
    torch.manual_seed(5)
    # 27 weights exercise the 512-bit, 256-bit and scalar paths of the kernels; the bias is not regularised, so
    # weight decay skips it (a torch param group with weight_decay 0).
    kernel0 = torch.randn(27)
    bias0 = torch.randn(5)
    steps = 5
    kernel_grads = [torch.randn(27) for _ in range(steps)]
    bias_grads = [torch.randn(5) for _ in range(steps)]
    cases = [
        ("sgd", {"LearningRate": "0.1"}, lambda ps, wd: torch.optim.SGD(ps, lr=0.1, weight_decay=wd), 0.0),
        ("sgd", {"LearningRate": "0.1", "Momentum": "0.9", "WeightDecay": "0.01"},
         lambda ps, wd: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=wd), 0.01),
        ("sgd", {"LearningRate": "0.05", "Momentum": "0.8", "Nesterov": "true"},
         lambda ps, wd: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True, weight_decay=wd), 0.0),
        ("adam", {}, lambda ps, wd: torch.optim.Adam(ps, weight_decay=wd), 0.0),
        ("adam", {"LearningRate": "0.01", "Beta1": "0.8", "Beta2": "0.99", "WeightDecay": "0.05"},
         lambda ps, wd: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99), weight_decay=wd), 0.05),
        ("adamw", {}, lambda ps, wd: torch.optim.AdamW(ps, weight_decay=wd), 0.01),
        ("adamw", {"LearningRate": "0.01", "WeightDecay": "0.1", "Epsilon": "1e-6"},
         lambda ps, wd: torch.optim.AdamW(ps, lr=0.01, weight_decay=wd, eps=1e-6), 0.1),
        ("rmsprop", {}, lambda ps, wd: torch.optim.RMSprop(ps, weight_decay=wd), 0.0),
        ("rmsprop", {"LearningRate": "0.01", "Alpha": "0.9", "Momentum": "0.9", "WeightDecay": "0.01"},
         lambda ps, wd: torch.optim.RMSprop(ps, lr=0.01, alpha=0.9, momentum=0.9, weight_decay=wd), 0.01),
        ("adagrad", {}, lambda ps, wd: torch.optim.Adagrad(ps, weight_decay=wd), 0.0),
        ("adagrad", {"LearningRate": "0.1", "WeightDecay": "0.1"},
         lambda ps, wd: torch.optim.Adagrad(ps, lr=0.1, weight_decay=wd), 0.1),
        ("adadelta", {}, lambda ps, wd: torch.optim.Adadelta(ps, weight_decay=wd), 0.0),
        ("adadelta", {"LearningRate": "0.5", "Rho": "0.8", "Epsilon": "1e-4", "WeightDecay": "0.05"},
         lambda ps, wd: torch.optim.Adadelta(ps, lr=0.5, rho=0.8, eps=1e-4, weight_decay=wd), 0.05),
        ("adamax", {}, lambda ps, wd: torch.optim.Adamax(ps, weight_decay=wd), 0.0),
        ("adamax", {"LearningRate": "0.01", "Beta1": "0.8", "Beta2": "0.95", "WeightDecay": "0.05"},
         lambda ps, wd: torch.optim.Adamax(ps, lr=0.01, betas=(0.8, 0.95), weight_decay=wd), 0.05),
        ("nadam", {}, lambda ps, wd: torch.optim.NAdam(ps, weight_decay=wd), 0.0),
        ("nadam", {"LearningRate": "0.01", "Beta1": "0.85", "Beta2": "0.99", "MomentumDecay": "0.01", "WeightDecay": "0.05"},
         lambda ps, wd: torch.optim.NAdam(ps, lr=0.01, betas=(0.85, 0.99), momentum_decay=0.01, weight_decay=wd), 0.05),
    ]
    entries = []
    for name, options, make, decay in cases:
        kernel = kernel0.clone().requires_grad_(True)
        bias = bias0.clone().requires_grad_(True)
        optimizer = make([{"params": [kernel]}, {"params": [bias], "weight_decay": 0.0}], decay)
        kernels, biases = [], []
        for step in range(steps):
            kernel.grad = kernel_grads[step].clone()
            bias.grad = bias_grads[step].clone()
            optimizer.step()
            kernels.append(values(kernel))
            biases.append(values(bias))
        # The kernel's optimizer state after the last step, by PyTorch's names (the step count as a float).
        state = {k: (float(v) if not torch.is_tensor(v) or v.dim() == 0 else values(v)) for k, v in optimizer.state[kernel].items() if v is not None}
        entries.append({"name": name, "options": options, "kernel": kernels, "bias": biases, "kernel_state": state})
    write("optimizers.json", {
        "kernel": values(kernel0), "bias": values(bias0),
        "kernel_gradients": [values(g) for g in kernel_grads], "bias_gradients": [values(g) for g in bias_grads],
        "cases": entries,
    })


def conv2d():
    """conv2d on odd sizes: batch 2, C=3, 7x6 input, 4 filters; torch's weight layout [F, C, KH, KW] is ours.

    An untied bias ([F, OH, OW], which torch lacks) is added to a bias-free convolution by broadcasting.
    """
    torch.manual_seed(6)
    x = torch.randn((2, 3, 7, 6))
    cases = [
        # options, kernel (KH, KW), torch conv2d keyword arguments, bias mode
        ({"Filters": "4", "KernelHeight": "3", "KernelWidth": "2"}, (3, 2), {}, "tied"),
        ({"Filters": "4", "KernelHeight": "3", "KernelWidth": "2", "Stride": "2", "Padding": "1"}, (3, 2),
         {"stride": 2, "padding": 1}, "tied"),
        ({"Filters": "4", "KernelHeight": "3", "KernelWidth": "2", "Dilation": "2"}, (3, 2), {"dilation": 2}, "tied"),
        ({"Filters": "4", "KernelHeight": "3", "KernelWidth": "2", "Padding": "same"}, (3, 2), {"padding": "same"}, "tied"),
        ({"Filters": "4", "KernelSize": "3", "Stride": "2", "Bias": "none"}, (3, 3), {"stride": 2}, "none"),
        ({"Filters": "4", "KernelHeight": "3", "KernelWidth": "2", "Stride": "2", "Padding": "1", "Bias": "untied"}, (3, 2),
         {"stride": 2, "padding": 1}, "untied"),
        # Winograd F(2x2, 3x3): odd 7x6 output (a last tile past the edge), valid (5x4) and padding 2 (9x8).
        ({"Filters": "4", "KernelSize": "3", "Padding": "same", "Algorithm": "winograd"}, (3, 3), {"padding": "same"}, "tied"),
        ({"Filters": "4", "KernelSize": "3", "Algorithm": "winograd", "Bias": "untied"}, (3, 3), {}, "untied"),
        ({"Filters": "4", "KernelSize": "3", "Padding": "2", "Algorithm": "winograd", "Bias": "none"}, (3, 3), {"padding": 2}, "none"),
    ]
    entries = []
    for options, (kh, kw), kwargs, bias_mode in cases:
        xi = x.clone().requires_grad_(True)
        w = (torch.randn((4, 3, kh, kw)) * 0.3).requires_grad_(True)
        y = F.conv2d(xi, w, None, **kwargs)
        b = None
        if bias_mode == "tied":
            b = torch.randn(4).requires_grad_(True)
            y = y + b.view(1, 4, 1, 1)
        elif bias_mode == "untied":
            b = torch.randn(tuple(y.shape[1:])).requires_grad_(True)
            y = y + b
        dy = torch.randn(y.shape)
        y.backward(dy)
        entry = {"options": options, "kernel": values(w), "output": values(y), "output_gradient": values(dy),
                 "input_gradient": values(xi.grad), "kernel_gradient": values(w.grad),
                 "output_shape": list(y.shape[1:])}
        if b is not None:
            entry["bias"] = values(b)
            entry["bias_gradient"] = values(b.grad)
        entries.append(entry)
    write("conv2d.json", {"input": values(x), "cases": entries})


def pooling():
    """Max and average pooling (count_include_pad=True, torch's default) and global average pooling on batch 2,
    C=3, 7x6 input whose values are distinct multiples of 0.05, shuffled (no ties in any max window)."""
    torch.manual_seed(7)
    x = (torch.randperm(2 * 3 * 7 * 6).to(torch.float32) * 0.05 - 6.0).reshape(2, 3, 7, 6)
    cases = [
        ("max_pool2d", {}, lambda v: F.max_pool2d(v, 2)),
        ("max_pool2d", {"PoolSize": "3", "Stride": "2", "Padding": "1"}, lambda v: F.max_pool2d(v, 3, 2, 1)),
        ("max_pool2d", {"PoolSize": "2", "Stride": "1"}, lambda v: F.max_pool2d(v, 2, 1)),
        ("avg_pool2d", {}, lambda v: F.avg_pool2d(v, 2)),
        ("avg_pool2d", {"PoolSize": "3", "Stride": "2", "Padding": "1"}, lambda v: F.avg_pool2d(v, 3, 2, 1)),
        ("avg_pool2d", {"PoolSize": "2", "Stride": "1"}, lambda v: F.avg_pool2d(v, 2, 1)),
        ("global_avg_pool2d", {}, lambda v: v.mean(dim=(2, 3))),
    ]
    entries = []
    for name, options, f in cases:
        xi = x.clone().requires_grad_(True)
        y = f(xi)
        dy = torch.randn(y.shape)
        y.backward(dy)
        entries.append({"name": name, "options": options, "output_shape": list(y.shape[1:]), "output": values(y),
                        "output_gradient": values(dy), "input_gradient": values(xi.grad)})
    write("pooling.json", {"input": values(x), "cases": entries})



def batch_norm():
    """nn.BatchNorm1d on [5, 3] and nn.BatchNorm2d on [5, 3, 4, 3] in training mode: forward, gradients, the running
    statistics after two training steps (default and non-default momentum) and the evaluation output using them."""
    torch.manual_seed(6)
    cases = []
    for name, shape, module in [("1d", [3], torch.nn.BatchNorm1d), ("2d", [3, 4, 3], torch.nn.BatchNorm2d)]:
        batch = 5
        weight = 0.5 + torch.rand(shape[0])
        bias = torch.randn(shape[0])
        # Channels with different means and spreads, so the statistics are far from the initial running ones.
        offset = torch.tensor([1.5, -2.0, 0.3]).reshape([1, 3] + [1] * (len(shape) - 1))
        spread = torch.tensor([0.5, 2.0, 1.0]).reshape([1, 3] + [1] * (len(shape) - 1))
        x1 = torch.randn([batch] + shape) * spread + offset
        x2 = torch.randn([batch] + shape) * spread + offset
        x_eval = torch.randn([batch] + shape) * spread + offset
        dy = torch.randn([batch] + shape)

        def flat(t):
            return values(t.reshape(t.shape[0], -1))

        layer = module(shape[0])
        with torch.no_grad():
            layer.weight.copy_(weight)
            layer.bias.copy_(bias)
        layer.train()
        xi = x1.clone().requires_grad_(True)
        y = layer(xi)
        y.backward(dy)

        plain = module(shape[0], affine=False)
        plain.train()
        xp = x1.clone().requires_grad_(True)
        y_plain = plain(xp)
        y_plain.backward(dy)

        runs = []
        for momentum in ["0.1", "0.3"]:
            run = module(shape[0], momentum=float(momentum))
            with torch.no_grad():
                run.weight.copy_(weight)
                run.bias.copy_(bias)
            run.train()
            run(x1)
            run(x2)
            run.eval()
            with torch.no_grad():
                y_eval = run(x_eval)
            runs.append({
                "options": {"Momentum": momentum},
                "running_mean": values(run.running_mean), "running_var": values(run.running_var),
                "eval_output": flat(y_eval),
            })

        cases.append({
            "name": name, "shape": shape, "weight": values(weight), "bias": values(bias),
            "input": flat(x1), "output": flat(y), "output_gradient": flat(dy),
            "input_gradient": flat(xi.grad), "weight_gradient": values(layer.weight.grad), "bias_gradient": values(layer.bias.grad),
            "output_no_affine": flat(y_plain), "input_gradient_no_affine": flat(xp.grad),
            "second_input": flat(x2), "eval_input": flat(x_eval), "runs": runs,
        })
    write("batch_norm.json", {"cases": cases})


GENERATORS = {
    "activations": activations, "losses": losses, "dense": dense, "network": network, "optimizers": optimizers,
    "batch_norm": batch_norm, "conv2d": conv2d, "pooling": pooling,
}

if __name__ == "__main__":
    import sys

    for generator in sys.argv[1:] or GENERATORS:
        GENERATORS[generator]()
