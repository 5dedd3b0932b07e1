"""Python side of tests/cross/run.sh: eval_py.py OUTDIR CASE.json...

One dwpolicy.Engine (embedded rules) evaluates every case in this process with
Engine.evaluate_json(text) and writes the returned text, UTF-8 encoded, to
OUTDIR/<basename of CASE.json>. The case is read as text without newline translation.
strict=False: a result whose undecided benefits have status "error" (ERULES, ESCRIPT,
ELIMIT) is written like any other, as the CLI prints it. Exit 1 when a case failed.
"""
import os
import sys

import dwpolicy


def main(argv):
    if len(argv) < 3:
        print("usage: eval_py.py OUTDIR CASE.json...", file=sys.stderr)
        return 2
    outdir, paths = argv[1], argv[2:]
    failures = 0
    with dwpolicy.Engine() as engine:
        for path in paths:
            try:
                with open(path, encoding="utf-8", newline="") as f:
                    text = f.read()
                result = engine.evaluate_json(text, strict=False)
                with open(os.path.join(outdir, os.path.basename(path)), "wb") as f:
                    f.write(result.encode("utf-8"))
            except Exception as exc:  # report every case, then fail
                print("eval_py: %s: %s: %s" % (path, type(exc).__name__, exc), file=sys.stderr)
                failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
