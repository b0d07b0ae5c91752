#!/usr/bin/env python3
"""Appends one benchmark session's per-run results to bench/results.jsonl, the record docs/benchmarks.md is made from.

Reads JSON lines (one per measured run: a NeuralNet run, a PyTorch run, one GEMM shape on one side, ...) on standard
input and writes each, with the session's facts added, to the results file:
    bench      which comparison: gemm, mlp, cnn
    session    UTC start of the script run (BENCH_SESSION, else now): the rows of one side-by-side run share it
    date, commit (git HEAD, "+dirty" with uncommitted changes), cpu (lscpu model name and model number), cores,
    load (1-minute load average when the script started: BENCH_LOAD), command (how to rerun it)
    bench/record.py BENCH "COMMAND" < runs.jsonl        (BENCH_RESULTS overrides the file)
bench/report.py turns the file into the tables of docs/benchmarks.md.
"""
import datetime, json, os, subprocess, sys


def sh(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def cpu():
    info = {}
    for line in sh("lscpu").splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return f"{info.get('Model name', 'unknown')} (family {info.get('CPU family', '?')}, model {info.get('Model', '?')})"


def main():
    bench, command = sys.argv[1], sys.argv[2]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.environ.get("BENCH_RESULTS") or os.path.join(root, "bench", "results.jsonl")
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    commit = sh("git", "-C", root, "rev-parse", "--short=10", "HEAD") or "unknown"
    if sh("git", "-C", root, "status", "--porcelain", "--untracked-files=no"):
        commit += "+dirty"
    facts = {"bench": bench, "session": os.environ.get("BENCH_SESSION") or now, "date": now, "commit": commit,
             "cpu": cpu(), "cores": os.cpu_count(), "load": float(os.environ["BENCH_LOAD"]) if os.environ.get("BENCH_LOAD") else None,
             "command": command}
    rows = [json.loads(line) for line in sys.stdin if line.strip()]
    with open(path, "a") as f:
        for row in rows:
            f.write(json.dumps({**facts, **row}) + "\n")
    print(f"recorded {len(rows)} {bench} results in {os.path.relpath(path)} (session {facts['session']}, commit {commit})", file=sys.stderr)


if __name__ == "__main__":
    main()
