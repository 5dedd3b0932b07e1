#!/usr/bin/env python3
"""Per-case cost of the Python binding, next to the C figure.

    /usr/bin/python3 bindings/python/bench.py [-n 20000] [--threads 2] [--rounds 5] [--build build]

(DWPOLICY_LIBRARY is used when set, else BUILD/libdwpolicy/libdwpolicy.so.1.)

Cases are generated before the clock starts: varied copies of examples/cases/*.json, as dicts
and as pre-serialised UTF-8 bytes. Printed, in µs per case:

  evaluate(dict), serial                 json encode + C + result into a str + json.loads
  evaluate_json(bytes), serial           C + result into a str
  evaluate_json(bytes, as_bytes=True)    C + the result's bytes (closest to what C does)
  evaluate_many(dict), threads=N         yielding dicts
  evaluate_many(bytes, output="json")    yielding result JSON strings
  evaluate_many(bytes, output="bytes")   yielding result JSON bytes
  C via ctypes, same cases               dwp_eval_json + dwp_free and nothing else
  C: bench_eval                          tests/bench/bench_eval -n N, "all regions" (its own
                                         generated cases, timed in C)

Each round runs every measurement once, in turn; the best round of each is shown. On a shared
machine the minimum is the run least disturbed by other processes, and interleaving keeps a
burst of load from falling on one line only.
"""

import argparse
import ctypes
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "tests"))


def drain(results):
    """Consume results one by one and drop them, as a caller that stores or forwards each
    result does. (Keeping 20,000 result dicts alive makes the cyclic GC walk them over and
    over, which would be measured as the binding's cost.)"""
    for _ in results:
        pass


def c_baseline(engine, texts):
    """dwp_eval_json + dwp_free through ctypes and nothing else: what the C library costs on
    these very cases, plus one foreign call's overhead."""
    lib, handle = engine._lib, engine._handle
    fn, free, c_void_p, byref = lib.dwp_eval_json, lib.dwp_free, ctypes.c_void_p, ctypes.byref

    def run():
        for t in texts:
            out = c_void_p()
            fn(handle, t, len(t), byref(out))
            free(out)

    return run


def bench_eval(exe, n):
    """One round of bench_eval over "all regions": its µs/case."""
    out = subprocess.run([exe, "-n", str(n), "--set", "all", "--rounds", "1"],
                         stdout=subprocess.PIPE, text=True, check=True).stdout
    for line in out.splitlines():
        m = (re.search(r"median:\s*[0-9]+ cases/s ([0-9.]+) us/case", line)
             if line.startswith("all regions") else None)
        if m:
            return float(m.group(1))
    raise RuntimeError("no 'all regions' line in bench_eval's output")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=20000, help="cases (default 20000)")
    ap.add_argument("--threads", type=int, default=2, help="threads for evaluate_many (default 2)")
    ap.add_argument("--rounds", type=int, default=5, help="rounds; the best is shown (default 5)")
    ap.add_argument("--build", default=os.path.join(REPO, "build"),
                    help="build directory (library, bench_eval); default: the repository's build/")
    ap.add_argument("--no-c", action="store_true", help="do not run bench_eval")
    args = ap.parse_args()
    if not os.environ.get("DWPOLICY_LIBRARY"):
        lib = os.path.join(args.build, "libdwpolicy", "libdwpolicy.so.1")
        if os.path.exists(lib):
            os.environ["DWPOLICY_LIBRARY"] = lib

    import casegen
    import dwpolicy

    n, threads = args.n, args.threads
    cases = casegen.generate(n)
    texts = [dwpolicy._engine._case_bytes(c) for c in cases]
    exe = os.path.join(args.build, "tests", "bench", "bench_eval")
    run_c = not args.no_c and os.access(exe, os.X_OK)
    print("libdwpolicy %s (%s), Python %s, %d cases (mean %d B in), %d CPUs, best of %d rounds"
          % (dwpolicy.version(), dwpolicy.library_path(), sys.version.split()[0], n,
             sum(map(len, texts)) // n, os.cpu_count() or 0, args.rounds))

    with dwpolicy.Engine() as engine:
        # warm up: the Lua states the workers will check out, the library's pages
        drain(engine.evaluate_many(texts[:2000], threads=threads, output="bytes"))
        lines = [
            ("evaluate(dict), serial", lambda: drain(map(engine.evaluate, cases))),
            ("evaluate_json(bytes), serial", lambda: drain(map(engine.evaluate_json, texts))),
            ("evaluate_json(bytes, as_bytes=True), serial",
             lambda: drain(engine.evaluate_json(t, as_bytes=True) for t in texts)),
            ("evaluate_many(dict), threads=%d" % threads,
             lambda: drain(engine.evaluate_many(cases, threads=threads))),
            ("evaluate_many(bytes, output=json), threads=%d" % threads,
             lambda: drain(engine.evaluate_many(texts, threads=threads, output="json"))),
            ("evaluate_many(bytes, output=bytes), threads=%d" % threads,
             lambda: drain(engine.evaluate_many(texts, threads=threads, output="bytes"))),
            ("C via ctypes, same cases (eval + free)", c_baseline(engine, texts)),
        ]
        best = {}
        c_best = None
        for _ in range(args.rounds):
            for label, fn in lines:
                start = time.perf_counter()
                fn()
                us = (time.perf_counter() - start) / n * 1e6
                best[label] = min(best.get(label, us), us)
            if run_c:
                us = bench_eval(exe, max(n, 20000))
                c_best = us if c_best is None else min(c_best, us)

    base = best[lines[-1][0]]
    print("%-46s %9s %8s %16s" % ("", "µs/case", "× C", "× C same cases"))
    for label, _ in lines:
        us = best[label]
        vs_c = "%.2f" % (us / c_best) if c_best else "-"
        print("%-46s %9.2f %8s %16.2f" % (label, us, vs_c, us / base))
    if c_best:
        print("%-46s %9.2f %8s %16s" % ("C: bench_eval -n %d (all regions)" % max(n, 20000),
                                        c_best, "1.00", "-"))


if __name__ == "__main__":
    main()
