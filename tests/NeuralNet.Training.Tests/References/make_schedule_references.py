#!/usr/bin/python3
"""Learning rates per epoch from PyTorch's schedulers (Debian's python3-torch 1.13), for the schedule callbacks' tests.

Run from this folder with Debian's Python: /usr/bin/python3 make_schedule_references.py > schedule_references.json
Each case: the callback name and options as NeuralNet's config spells them, the base learning rate, the epochs, and
(for reduce_on_plateau) the monitored value fed after each epoch; "rates" is the learning rate in effect during each
epoch (the scheduler stepped once after every epoch, as PyTorch's examples do).
"""
import json
import math

import torch


def run(make, base, epochs, values=None):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=base)
    sched = make(opt)
    rates = []
    for e in range(epochs):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        if values is None:
            sched.step()
        else:
            sched.step(values[e])
    return rates


cases = []


def case(name, options, base, epochs, make, values=None):
    cases.append({"callback": name, "options": options, "base": base, "epochs": epochs, "values": values,
                  "rates": run(make, base, epochs, values)})


case("step", {"StepSize": 3, "Gamma": 0.5}, 0.1, 12, lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5))
case("step", {}, 0.01, 25, lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=10, gamma=0.1))
case("exponential", {"Gamma": 0.9}, 0.05, 15, lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9))
case("cosine", {"Period": 10}, 0.1, 10, lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10))
case("cosine", {"Period": 8, "MinLearningRate": 0.001}, 0.1, 8, lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=8, eta_min=0.001))
case("cosine", {"Period": 7, "WarmupEpochs": 3, "WarmupStartFactor": 0.25}, 0.02, 10,
     lambda o: torch.optim.lr_scheduler.SequentialLR(o, [torch.optim.lr_scheduler.LinearLR(o, start_factor=0.25, total_iters=3),
                                                         torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=7)], milestones=[3]))
case("cosine", {"WarmupEpochs": 2}, 0.001, 12,  # Period defaults to the epochs after warm-up (10)
     lambda o: torch.optim.lr_scheduler.SequentialLR(o, [torch.optim.lr_scheduler.LinearLR(o, start_factor=1 / 3, total_iters=2),
                                                         torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10)], milestones=[2]))

losses = [1.0, 0.9, 0.95, 0.96, 0.97, 0.89, 0.9, 0.91, 0.92, 0.93, 0.94, 0.5, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6]
case("reduce_on_plateau", {"Monitor": "val_loss", "Patience": 2}, 0.1, len(losses),
     lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, patience=2), losses)
case("reduce_on_plateau", {"Monitor": "val_loss", "Patience": 1, "Factor": 0.5, "Cooldown": 2, "MinLearningRate": 0.02}, 0.1, len(losses),
     lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, patience=1, factor=0.5, cooldown=2, min_lr=0.02), losses)
case("reduce_on_plateau", {"Monitor": "val_loss", "Patience": 0, "Threshold": 0.05, "ThresholdMode": "abs"}, 0.1, len(losses),
     lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, patience=0, threshold=0.05, threshold_mode="abs"), losses)
accuracies = [0.5, 0.6, 0.6, 0.61, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7]
case("reduce_on_plateau", {"Monitor": "val_accuracy", "Patience": 1, "Factor": 0.2}, 0.01, len(accuracies),
     lambda o: torch.optim.lr_scheduler.ReduceLROnPlateau(o, mode="max", patience=1, factor=0.2), accuracies)

print(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1))
