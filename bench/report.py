#!/usr/bin/env python3
"""Makes the measured tables of docs/benchmarks.md from bench/results.jsonl (written by bench/record.py).

For each comparison (gemm, mlp, cnn) it renders the latest session in full (every run, per-round ratios, best
against best) and a history of every session's headline ratio, so a regression shows when a later change is
measured. The tables replace what stands between the markers
    <!-- generated: NAME -->  ...  <!-- /generated: NAME -->
in docs/benchmarks.md (NAME: gemm, mlp, cnn, history); the prose around them is written by hand.
    bench/report.py            rewrite docs/benchmarks.md
    bench/report.py --print    print the tables instead
"""
import json, os, re, sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.environ.get("BENCH_RESULTS") or os.path.join(ROOT, "bench", "results.jsonl")
DOC = os.path.join(ROOT, "docs", "benchmarks.md")


def sessions(rows, bench):
    by = defaultdict(list)
    for r in rows:
        if r["bench"] == bench:
            by[r["session"]].append(r)
    return dict(sorted(by.items()))


def header(rows):
    r = rows[0]
    loads = sorted({x["load"] for x in rows if x.get("load") is not None})
    return (f"- **Session** {r['session']} (commit `{r['commit']}`), load average {', '.join(map(str, loads)) or 'n/a'} at the start.\n"
            f"- **CPU** {r['cpu']}, {r['cores']} cores.\n- **Command** `{r['command']}`.\n")


def fmt(v, f=",.0f"):
    return "n/a" if v is None else format(v, f)


def mlp_headline(rows):
    nn = [r for r in rows if r["framework"] == "neuralnet"]
    pt = [r for r in rows if r["framework"] == "pytorch"]
    if not nn or not pt:
        return None
    a = max(r["samples_per_second"] for r in nn)
    b = max(pt, key=lambda r: r["samples_per_second"])
    return a, b, a / b["samples_per_second"]


def mlp(rows):
    out = [header(rows), "| round | run | epochs | training samples/s | test accuracy | inference samples/s | OpenBLAS |",
           "|---:|---|---:|---:|---:|---:|---|"]
    for r in sorted(rows, key=lambda r: (r["round"], r["framework"] != "neuralnet", r["run"])):
        blas = f"{r['openblas_core']} x{r['openblas_threads']}" if r["framework"] == "pytorch" else ""
        out.append(f"| {r['round']} | {r['run']} | {r['epochs']} | {fmt(r['samples_per_second'])} | {r['test_accuracy']:.4f} "
                   f"| {fmt(r.get('inference_samples_per_second'))} | {blas} |")
    nn = [r for r in rows if r["framework"] == "neuralnet"]
    pt = [r for r in rows if r["framework"] == "pytorch"]
    per = []
    for k in sorted({r["round"] for r in rows}):
        a = [r["samples_per_second"] for r in nn if r["round"] == k]
        b = [r["samples_per_second"] for r in pt if r["round"] == k]
        if a and b:
            per.append(f"{max(a) / max(b):.2f}")
    a, b, ratio = mlp_headline(rows)
    out.append("")
    out.append(f"**Training, best against best: {a:,.0f} vs {b['samples_per_second']:,.0f} samples/s ({b['run']}), "
               f"{ratio:.2f}x** (per round: {', '.join(per)}).")
    ni = [r["inference_samples_per_second"] for r in nn if r.get("inference_samples_per_second")]
    pi = max((r for r in pt if r.get("inference_samples_per_second")), key=lambda r: r["inference_samples_per_second"], default=None)
    if ni and pi:
        out.append(f"**Inference on the test set, best against best: {max(ni):,.0f} vs {pi['inference_samples_per_second']:,.0f} "
                   f"samples/s ({pi['run']}, no_grad; by batch size {pi.get('inference_samples_per_second_by_batch')}), "
                   f"{max(ni) / pi['inference_samples_per_second']:.2f}x.**")
    return "\n".join(out)


def cnn_headline(rows):
    nn = [r for r in rows if r["framework"] == "neuralnet"]
    pt = [r for r in rows if r["framework"] == "pytorch"]
    if not nn or not pt:
        return None
    a = min(r["mean_epoch_seconds"] for r in nn)
    b = min(pt, key=lambda r: r["mean_epoch_seconds"])
    return a, b, a / b["mean_epoch_seconds"]


def cnn(rows):
    mb = 1 << 20
    out = [header(rows), "| round | run | epochs | mean epoch s | test accuracy | inference samples/s | peak memory MB |",
           "|---:|---|---:|---:|---:|---:|---:|"]
    for r in sorted(rows, key=lambda r: (r["round"], r["framework"] != "neuralnet", r["run"])):
        out.append(f"| {r['round']} | {r['run']} | {r['epochs']} | {r['mean_epoch_seconds']:.2f} | {r['test_accuracy']:.4f} "
                   f"| {fmt(r.get('inference_samples_per_second'))} | {r['peak_rss_bytes'] / mb:,.0f} |")
    a, b, ratio = cnn_headline(rows)
    out.append("")
    out.append(f"**Best against best: {a:.2f} s vs {b['mean_epoch_seconds']:.2f} s per epoch ({b['run']}): NeuralNet takes "
               f"{ratio:.2f} of PyTorch's time.**")
    return "\n".join(out)


def gemm_ratios(rows):
    cells = defaultdict(lambda: defaultdict(dict))
    for r in rows:
        cells[(r["threads"], r["m"], r["k"], r["n"], r["variant"])][r["framework"]][r.get("round", 1)] = r["gflops"]
    result = {}
    for k, sides in cells.items():
        if sides.get("neuralnet") and sides.get("numpy"):
            result[k] = (max(sides["neuralnet"].values()), max(sides["numpy"].values()), sides)
    return result


def gemm(rows):
    out = [header(rows), "| threads | shape (m x k x n) | variant | NeuralNet GFLOP/s | NumPy GFLOP/s | ratio of bests | per-round ratios |",
           "|---:|---|---|---:|---:|---:|---|"]
    cells = gemm_ratios(rows)
    for k in sorted(cells, key=lambda k: (k[0], k[1] * k[2] * k[3], k[4])):
        a, b, sides = cells[k]
        per = " ".join(f"{sides['neuralnet'][x] / sides['numpy'][x]:.2f}" for x in sorted(sides["neuralnet"]) if x in sides["numpy"])
        out.append(f"| {k[0]} | {k[1]}x{k[2]}x{k[3]} | {k[4]} | {a:.1f} | {b:.1f} | {a / b:.2f} | {per} |")
    cores = sorted({r.get("openblas") for r in rows if r.get("openblas")})
    out.append("")
    out.append(f"OpenBLAS in the NumPy runs: {', '.join(cores) or 'not recorded'}. "
               f"**Lowest ratio of bests: {min(a / b for a, b, _ in cells.values()):.2f}.**")
    return "\n".join(out)


def history(rows):
    out = ["| session | commit | comparison | headline |", "|---|---|---|---|"]
    for bench in ("gemm", "mlp", "cnn"):
        for session, rs in sessions(rows, bench).items():
            if bench == "mlp" and (h := mlp_headline(rs)):
                text = f"training {h[0]:,.0f} vs {h[1]['samples_per_second']:,.0f} samples/s: {h[2]:.2f}x PyTorch's best"
            elif bench == "cnn" and (h := cnn_headline(rs)):
                text = f"epoch {h[0]:.2f} s vs {h[1]['mean_epoch_seconds']:.2f} s: {h[2]:.2f} of PyTorch's time"
            elif bench == "gemm" and (cells := gemm_ratios(rs)):
                by_t = defaultdict(list)
                for k, (a, b, _) in cells.items():
                    by_t[k[0]].append(a / b)
                text = "; ".join(f"{t} thread(s): {min(v):.2f}–{max(v):.2f}x NumPy" for t, v in sorted(by_t.items()))
            else:
                continue
            out.append(f"| {session} | `{rs[0]['commit']}` | {bench} | {text} |")
    return "\n".join(out)


def main():
    rows = [json.loads(l) for l in open(RESULTS) if l.strip()] if os.path.exists(RESULTS) else []
    tables = {"history": history(rows)}
    for bench, render in (("gemm", gemm), ("mlp", mlp), ("cnn", cnn)):
        s = sessions(rows, bench)
        if s:
            tables[bench] = render(list(s.values())[-1])
    if "--print" in sys.argv:
        for name, text in tables.items():
            print(f"## {name}\n\n{text}\n")
        return
    doc = open(DOC).read()
    for name, text in tables.items():
        pattern = re.compile(rf"(<!-- generated: {name} -->\n).*?(<!-- /generated: {name} -->)", re.S)
        if not pattern.search(doc):
            print(f"docs/benchmarks.md has no '<!-- generated: {name} -->' section; skipped", file=sys.stderr)
            continue
        doc = pattern.sub(lambda m: m.group(1) + text + "\n" + m.group(2), doc)
    with open(DOC + ".tmp", "w") as f:
        f.write(doc)
    os.replace(DOC + ".tmp", DOC)
    print(f"updated {os.path.relpath(DOC)} from {os.path.relpath(RESULTS)} ({len(rows)} results)", file=sys.stderr)


if __name__ == "__main__":
    main()
