"""Varied, valid cases built from the worked examples (examples/cases/*.json).

Shared by the tests and bench.py. Deterministic: the same seed gives the same cases.
"""

import copy
import json
import os
import random

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CASES_DIR = os.path.join(REPO, "examples", "cases")
EXAMPLE_FILES = sorted(f for f in os.listdir(CASES_DIR) if f.endswith(".json"))

# County-level codes across several 市州: 成都's inner and outer counties (own standards, a Lua
# override on the path), and counties that use the provincial defaults.
REGIONS = [
    "510104", "510107", "510116", "510121", "510131", "510181", "510185", "510302",
    "510402", "510502", "510524", "510603", "510703", "510802", "511102", "511302",
    "511402", "511523", "511725", "512002", "513201", "513301", "513401",
]
DISABILITY_TYPES = ["visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple"]


def examples():
    """{file name: case dict} of examples/cases."""
    out = {}
    for name in EXAMPLE_FILES:
        with open(os.path.join(CASES_DIR, name), encoding="utf-8") as f:
            out[name] = json.load(f)
    return out


def _level(rng, age):
    if age < 3:
        return "none"
    if age < 6:
        return "preschool" if rng.random() < 0.8 else "none"
    if age <= 15 and rng.random() < 0.04:
        return "none"
    if age < 12:
        return "primary"
    if age < 15:
        return "junior_secondary"
    if age < 18:
        return rng.choice(["ordinary_high", "secondary_vocational"])
    return rng.choice(["higher_vocational", "undergraduate", "undergraduate", "master", "none"])


def vary(base, rng, index):
    """A copy of ``base`` with its facts varied (always a valid case)."""
    case = copy.deepcopy(base)
    case["case_id"] = "PY-%07d" % index
    year = rng.choice([2025, 2026])
    case["as_of"] = "%04d-%02d-%02d" % (year, rng.randint(1, 12), rng.randint(1, 28))
    region = rng.choice(REGIONS)
    case["region"] = region
    case["area"] = rng.choice(["urban", "rural"])
    age = rng.randint(0, 22)
    child = case["child"]
    child["birth_date"] = "%04d-%02d-%02d" % (year - age - 1, rng.randint(1, 12), rng.randint(1, 28))
    child.pop("id_number", None)
    child["hukou_region"] = region if rng.random() < 0.8 else rng.choice(REGIONS)
    child["orphan"] = rng.random() < 0.15
    child["serious_illness"] = rng.random() < 0.3
    child["monthly_income_fen"] = rng.choice([0, 0, 0, rng.randint(0, 150000)])
    if child["orphan"]:
        child["living_arrangement"] = rng.choice(["scattered", "institution"])
    if rng.random() < 0.2:
        child["disability"] = {"grade": rng.randint(1, 4), "type": rng.choice(DISABILITY_TYPES)}
    else:
        child.pop("disability", None)
    edu = child.setdefault("education", {})
    edu["level"] = _level(rng, age)
    edu["full_time"] = rng.random() < 0.85
    edu["within_normal_duration"] = rng.random() < 0.9
    household = case.setdefault("household", {})
    status = rng.choice(["none", "none", "dibao", "dibao", "dibao_marginal", "tekun"])
    household["status"] = status
    household["size"] = rng.randint(1, 6)
    household["monthly_benefit_fen"] = {
        "dibao": rng.randint(40000, 112000),
        "tekun": rng.randint(80000, 135000),
    }.get(status, 0)
    if rng.random() < 0.4:
        case["medical"] = {
            "policy_out_of_pocket_fen": rng.randint(0, 5000000),
            "designated_institution": rng.random() < 0.85,
            "assisted_this_year_fen": rng.choice([0, rng.randint(0, 5000000)]),
            "deductible_paid_this_year_fen": rng.choice([0, rng.randint(0, 300000)]),
        }
    else:
        case.pop("medical", None)
    if rng.random() < 0.15:
        case["emergency"] = {
            "kind": rng.choice(["expense", "urgent"]),
            "occurred_region": region if rng.random() < 0.7 else rng.choice(REGIONS),
            "received_this_year_fen": rng.choice([0, rng.randint(0, 500000)]),
        }
    else:
        case.pop("emergency", None)
    return case


def generate(n, seed=20260301):
    """n case dicts: the examples first, unchanged, then variations of them."""
    rng = random.Random(seed)
    bases = list(examples().values())
    out = []
    for i in range(n):
        if i < len(bases):
            out.append(copy.deepcopy(bases[i]))
        else:
            out.append(vary(bases[i % len(bases)], rng, i))
    return out
