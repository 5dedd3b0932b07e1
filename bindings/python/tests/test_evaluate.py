"""evaluate(), evaluate_json() and params() on the SPEC §5a worked examples."""

import datetime
import json
import os
import subprocess

import pytest

import dwpolicy
from helpers import benefit


# ---- SPEC §5a worked examples ------------------------------------------------------------


def test_chengdu_serious_illness(engine, chengdu):
    r = engine.evaluate(chengdu)
    assert r["case_id"] == "SC-2026-000123"
    assert r["region_chain"] == ["510104", "510100", "510000"]
    assert r["age"] == 17
    b = benefit(r, "dibao.single_person")
    assert (b["status"], b["amount_fen"], b["period"]) == ("eligible", 112000, "month")
    assert b["decided_by"] == "510000"
    std = [p for p in b["params"] if p["name"] == "dibao.standard.urban"]
    assert std and std[0]["value"] == 112000 and std[0]["region"] == "510100"
    assert std[0]["from"] == "2026-01-01"
    assert any(w["param"] == "dibao.single_person.uplift_bp" for w in r["warnings"])
    assert r["errors"] == []
    assert r["engine"] == "libdwpolicy " + dwpolicy.version()


def test_guangyuan_adult_orphan_student(engine, cases):
    case = cases["guangyuan-adult-orphan-student.json"]
    r = engine.evaluate(case)
    b = benefit(r, "orphan.adult_student_topup")
    assert (b["status"], b["amount_fen"], b["discretionary"]) == ("eligible", 12600, True)
    assert benefit(r, "dibao.single_person")["status"] == "ineligible"
    # SPEC: receiving 1300 yuan already leaves nothing to top up: ineligible, not "eligible 0".
    case["household"]["monthly_benefit_fen"] = 130000
    b = benefit(engine.evaluate(case), "orphan.adult_student_topup")
    assert (b["status"], b["amount_fen"]) == ("ineligible", 0)


def test_guangyuan_dibao_medical(engine, cases):
    case = cases["guangyuan-dibao-medical.json"]
    r = engine.evaluate(case)
    b = benefit(r, "medical.assistance")
    assert (b["status"], b["amount_fen"]) == ("eligible", 1400000)
    assert benefit(r, "dibao.single_person")["status"] == "ineligible"
    # The other half of the SPEC example: 40,000 yuan already assisted leaves 10,000 of the cap.
    case["medical"]["assisted_this_year_fen"] = 4000000
    b = benefit(engine.evaluate(case), "medical.assistance")
    assert (b["status"], b["amount_fen"]) == ("eligible", 1000000)


def test_every_input_form_gives_the_same_result(engine, chengdu, example_paths):
    path = example_paths["chengdu-serious-illness.json"]
    with open(path, "rb") as f:
        raw = f.read()
    expected = engine.evaluate_json(chengdu)
    assert engine.evaluate_json(raw) == expected
    assert engine.evaluate_json(raw.decode("utf-8")) == expected
    assert engine.evaluate_json(bytearray(raw)) == expected
    assert engine.evaluate_json(memoryview(raw)) == expected
    assert engine.evaluate(raw) == json.loads(expected)


def test_case_of_wrong_type(engine):
    with pytest.raises(TypeError):
        engine.evaluate(42)
    with pytest.raises(TypeError):
        engine.evaluate(["not", "a", "case"])


# ---- byte-identical to the dwpolicy command ------------------------------------------------


def _cli_eval(cli, path, *args):
    proc = subprocess.run([cli, "eval", *args, path], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert proc.stdout.endswith(b"\n")
    return proc.stdout[:-1]


@pytest.mark.parametrize("name", ["chengdu-serious-illness.json",
                                  "guangyuan-adult-orphan-student.json",
                                  "guangyuan-dibao-medical.json"])
def test_evaluate_json_matches_cli(engine, engine_en, cli, example_paths, name):
    path = example_paths[name]
    with open(path, "rb") as f:
        raw = f.read()
    zh = _cli_eval(cli, path)
    assert engine.evaluate_json(raw).encode("utf-8") == zh
    assert engine.evaluate_json(raw, as_bytes=True) == zh
    assert engine.evaluate_json(json.loads(raw)).encode("utf-8") == zh  # via json.dumps
    en = _cli_eval(cli, path, "--lang", "en")
    assert engine_en.evaluate_json(raw).encode("utf-8") == en


def test_evaluate_json_matches_cli_with_rules_dir(cli, repo, example_paths):
    rules = os.path.join(repo, "examples", "rules")
    path = example_paths["chengdu-serious-illness.json"]
    with dwpolicy.Engine(rules) as e:
        out = e.evaluate_json(open(path, "rb").read())
    assert out.encode("utf-8") == _cli_eval(cli, path, "--rules", rules)
    assert "jinjiang.festival_visit" in out


# ---- language ------------------------------------------------------------------------------


def test_language_option(engine, engine_en, chengdu):
    zh = benefit(engine.evaluate(chengdu), "dibao.single_person")
    en = benefit(engine_en.evaluate(chengdu), "dibao.single_person")
    assert zh["title"] == "单人户纳入最低生活保障"
    assert en["title"] != zh["title"] and en["title"].isascii()
    assert (zh["status"], zh["amount_fen"]) == (en["status"], en["amount_fen"])
    assert engine.lang == "zh" and engine_en.lang == "en"


def test_language_of_error_messages(engine, engine_en, chengdu):
    chengdu["child"]["education"]["level"] = "phd"
    with pytest.raises(dwpolicy.SchemaError) as zh:
        engine.evaluate(chengdu)
    with pytest.raises(dwpolicy.SchemaError) as en:
        engine_en.evaluate(chengdu)
    assert "child.education.level" in zh.value.message
    assert "child.education.level" in en.value.message
    assert zh.value.message != en.value.message
    assert "expected one of" in en.value.message
    assert not zh.value.message.isascii()


def test_bad_language():
    with pytest.raises(ValueError):
        dwpolicy.Engine(lang="fr")
    with pytest.raises(ValueError):
        dwpolicy.check(lang="de")


# ---- params() ------------------------------------------------------------------------------


def test_params(engine):
    p = engine.params("510104", "2026-03-01")
    assert p["region"] == "510104" and p["as_of"] == "2026-03-01"
    assert p["region_chain"] == ["510104", "510100", "510000"]
    by_name = {x["name"]: x for x in p["params"]}
    std = by_name["dibao.standard.urban"]
    assert (std["value"], std["region"], std["from"]) == (112000, "510100", "2026-01-01")
    assert std["confidence"] in ("official", "reported", "inferred", "placeholder")
    assert engine.params("510104", datetime.date(2026, 3, 1)) == p
    assert engine.params("510104", datetime.datetime(2026, 3, 1, 12, 0)) == p


def test_params_matches_cli(engine, cli):
    proc = subprocess.run([cli, "params", "--region", "510802", "--as-of", "2025-09-01",
                           "--format", "json"], stdout=subprocess.PIPE, check=True)
    assert engine.params("510802", "2025-09-01") == json.loads(proc.stdout)


def test_params_errors(engine, engine_en):
    with pytest.raises(dwpolicy.SchemaError) as exc:
        engine.params("999999", "2026-03-01")
    assert exc.value.code == dwpolicy.ESCHEMA and "999999" in exc.value.message
    with pytest.raises(dwpolicy.SchemaError) as exc:
        engine_en.params("510104", "2026-02-30")
    assert "2026-02-30" in exc.value.message or "date" in exc.value.message
    with pytest.raises(ValueError):
        engine.params("510104\0", "2026-03-01")


# ---- version -------------------------------------------------------------------------------


def test_version():
    n = dwpolicy.version_number()
    assert n // 10000 == 1
    assert dwpolicy.version() == "%d.%d.%d" % (n // 10000, n // 100 % 100, n % 100)
    assert dwpolicy.status_str(dwpolicy.ESCHEMA) == "the case does not follow the case schema"
    assert os.path.samefile(dwpolicy.library_path(), os.environ["DWPOLICY_LIBRARY"])
