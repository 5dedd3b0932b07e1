"""Evaluate the SPEC §5a example 1 and print each benefit's status and amount (元)."""
import os

import dwpolicy

here = os.path.dirname(os.path.abspath(__file__))
case = os.path.join(here, "..", "..", "..", "examples", "cases", "chengdu-serious-illness.json")

with dwpolicy.Engine() as engine, open(case, "rb") as f:
    result = engine.evaluate(f.read())

for b in result["benefits"]:
    fen = b["amount_fen"]
    amount = "-" if fen is None else "%d.%02d" % divmod(fen, 100)
    print(b["id"], b["status"], amount)
