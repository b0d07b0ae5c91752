#!/usr/bin/env python3
"""Which OpenBLAS this process loaded, the core (kernel set) it picked and its thread count.

Imported by the reference scripts (torch_mlp.py, torch_cnn.py, gemm_numpy.py) so every result records the core it ran
on; run alone it loads NumPy and prints one line:
    /usr/bin/python3 bench/openblas_info.py      ->  openblas core=SkylakeX threads=2 version=0.3.21 coretype_env=SkylakeX
Uses threadpoolctl when installed, else asks the loaded library itself (openblas_get_corename through ctypes), which
is what threadpoolctl does too. Debian 12's OpenBLAS 0.3.21 falls back to "Prescott" (SSE3) on CPUs it does not know:
see ../shared/bench/README.md and fair_openblas.py there.
"""
import ctypes
import os


def _from_threadpoolctl():
    try:
        import threadpoolctl
    except ImportError:
        return None
    for lib in threadpoolctl.threadpool_info():
        if lib.get("internal_api") == "openblas":
            return {"core": lib.get("architecture"), "threads": lib.get("num_threads"), "version": lib.get("version"),
                    "library": lib.get("filepath")}
    return None


def _from_ctypes():
    try:
        with open("/proc/self/maps") as f:
            paths = sorted({line.split()[-1] for line in f if "openblas" in line and ".so" in line})
    except OSError:
        return None
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            lib.openblas_get_config.restype = ctypes.c_char_p
            config = lib.openblas_get_config().decode()
            version = next((w for w in config.split() if w[:1].isdigit()), None)
            return {"core": lib.openblas_get_corename().decode(), "threads": lib.openblas_get_num_threads(),
                    "version": version, "library": path}
        except (OSError, AttributeError):
            continue
    return None


def openblas_info():
    """Call after numpy/torch are imported (they load OpenBLAS). Keys: core, threads, version, library, coretype_env,
    l2_size_env (the OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE this process saw; None = unset)."""
    info = _from_threadpoolctl() or _from_ctypes() or {"core": None, "threads": None, "version": None, "library": None}
    info["coretype_env"] = os.environ.get("OPENBLAS_CORETYPE")
    info["l2_size_env"] = os.environ.get("OPENBLAS_L2_SIZE")
    return info


def describe(info=None):
    info = info or openblas_info()
    text = f"openblas core={info['core']} threads={info['threads']} version={info['version']} coretype_env={info['coretype_env'] or 'unset'}"
    if info["l2_size_env"] is not None:
        text += f" l2_size_env={info['l2_size_env']} (should be unset)"
    return text


if __name__ == "__main__":
    import numpy  # noqa: F401  (loads OpenBLAS)
    print(describe())
