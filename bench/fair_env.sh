# Sourced by the compare_*.sh scripts (needs $root = the repository root): the fairness rules of
# ../shared/bench/README.md for reference runs (NumPy, PyTorch). The shared folder is ../shared next to the
# repository; BENCH_SHARED=/path/to/shared overrides that (e.g. in a git worktree elsewhere).
#   fair_setup              start a results session (BENCH_SESSION, BENCH_LOAD for bench/record.py), pick OPENBLAS_CORETYPE once (fastest sgemm, ../shared/bench/fair_openblas.py; ~10 s) and
#                           print it with the core OpenBLAS then uses; reuses $BENCH_OPENBLAS_CORETYPE if the caller
#                           already chose ("auto" = let OpenBLAS detect), which is how bench/compare.sh shares one choice
#   run_ref [VAR=..] CMD..  run a reference command (NumPy, PyTorch): OPENBLAS_CORETYPE as chosen, OPENBLAS_L2_SIZE unset
#   run_own CMD..           run a NeuralNet command without either variable (they are OpenBLAS's, never ours)
#   ref_cmd [VAR=..] CMD..  the exact command line run_ref runs, for the printed record

fair_setup() {
  # One session (bench/record.py): every result this script run records, and those of scripts it calls, share it.
  export BENCH_SESSION="${BENCH_SESSION:-$(date -u '+%Y-%m-%dT%H:%M:%SZ')}"
  export BENCH_LOAD="${BENCH_LOAD:-$(cut -d' ' -f1 /proc/loadavg)}"
  local picker="${BENCH_SHARED:-$root/../shared}/bench/fair_openblas.py"
  if [ -z "${BENCH_OPENBLAS_CORETYPE:-}" ]; then
    if [ -f "$picker" ]; then
      echo "choosing OPENBLAS_CORETYPE with $(cd "$(dirname "$picker")" && pwd)/$(basename "$picker") (~10 s) ..." >&2
      BENCH_OPENBLAS_CORETYPE=$(/usr/bin/python3 "$picker")
      BENCH_OPENBLAS_CORETYPE=${BENCH_OPENBLAS_CORETYPE:-auto}
    else
      echo "WARNING: $picker not found: OpenBLAS picks its own core, which on CPUs newer than it knows is the slow" \
           "generic one (see the core printed below)" >&2
      BENCH_OPENBLAS_CORETYPE=auto
    fi
  fi
  export BENCH_OPENBLAS_CORETYPE
  echo "OPENBLAS_CORETYPE for reference runs: $BENCH_OPENBLAS_CORETYPE (OPENBLAS_L2_SIZE unset)"
  echo "OpenBLAS in use: $(run_ref /usr/bin/python3 "$root/bench/openblas_info.py")"
}

_ref_env() {
  local env=(env -u OPENBLAS_L2_SIZE -u OPENBLAS_CORETYPE)
  if [ "${BENCH_OPENBLAS_CORETYPE:-auto}" != auto ]; then env+=("OPENBLAS_CORETYPE=$BENCH_OPENBLAS_CORETYPE"); fi
  printf '%s\n' "${env[@]}"
}

run_ref() {
  local env=()
  mapfile -t env < <(_ref_env)
  "${env[@]}" "$@"
}

ref_cmd() {
  local env=()
  mapfile -t env < <(_ref_env)
  echo "${env[*]} $*"
}

run_own() {
  env -u OPENBLAS_L2_SIZE -u OPENBLAS_CORETYPE "$@"
}
