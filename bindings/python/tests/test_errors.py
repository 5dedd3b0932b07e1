"""Errors: bad input, broken rules, rules that fail while deciding, closed engines."""

import json
import pickle

import pytest

import dwpolicy
from helpers import benefit, write_rules

JINJIANG = 'region { code = "510104", name = "锦江区" }\n'


# ---- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize("path, value, field", [
    (("child", "education", "level"), "phd", "child.education.level"),
    (("child", "birth_date"), "2025-02-30", "child.birth_date"),
    (("household", "size"), 0, "household.size"),
    (("area",), "suburban", "area"),
    (("region",), "999999", "region"),
    (("household", "monthly_benefit_fen"), 1.5, "household.monthly_benefit_fen"),
])
def test_schema_error_names_the_field(engine, chengdu, path, value, field):
    node = chengdu
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(dwpolicy.SchemaError) as exc:
        engine.evaluate(chengdu)
    e = exc.value
    assert e.code == dwpolicy.ESCHEMA == -3
    assert field in e.message
    assert e.result is None and e.result_json is None
    assert isinstance(e, dwpolicy.Error) and isinstance(e, ValueError)
    assert str(e) == e.message and e.status == "DWP_ESCHEMA"


def test_unknown_and_missing_fields(engine_en, chengdu):
    chengdu["child"]["serious_ilness"] = True  # misspelt: never silently ignored
    with pytest.raises(dwpolicy.SchemaError) as exc:
        engine_en.evaluate(chengdu)
    assert "serious_ilness" in exc.value.message
    del chengdu["child"]["serious_ilness"]
    del chengdu["as_of"]
    with pytest.raises(dwpolicy.SchemaError) as exc:
        engine_en.evaluate(chengdu)
    assert "as_of" in exc.value.message


@pytest.mark.parametrize("text", [
    '{"as_of": "2026-03-01",}',            # trailing comma
    '{"as_of": "2026-03-01"',              # truncated
    '',                                     # empty
    b'{"case_id": "\xff"}',                 # invalid UTF-8
    b'{"case_id": "a\x00b"}',               # NUL inside the text: the length is passed on
    '{"case_id": "\ud800"}',                # lone surrogate in a str
])
def test_parse_error(engine_en, text):
    with pytest.raises(dwpolicy.ParseError) as exc:
        engine_en.evaluate(text)
    e = exc.value
    assert e.code == dwpolicy.EPARSE
    assert e.message and e.result is None
    assert isinstance(e, ValueError)


def test_parse_error_gives_line_and_column(engine_en):
    with pytest.raises(dwpolicy.ParseError) as exc:
        engine_en.evaluate_json('{\n  "as_of": 2026-03-01\n}')
    assert "line 2" in exc.value.message and "column" in exc.value.message


def test_duplicate_key(engine_en):
    with pytest.raises(dwpolicy.SchemaError) as exc:  # the library counts it as schema
        engine_en.evaluate('{"region": "510104", "region": "510104"}')
    assert "region" in exc.value.message and "duplicate" in exc.value.message


def test_lone_surrogate_in_a_dict_is_reported_by_the_library(engine, chengdu):
    chengdu["case_id"] = "\udc80"
    with pytest.raises(dwpolicy.ParseError):
        engine.evaluate(chengdu)


def test_unserialisable_dict(engine, chengdu):
    chengdu["case_id"] = object()
    with pytest.raises(TypeError):
        engine.evaluate(chengdu)


def test_nan_is_refused(engine, chengdu):
    chengdu["child"]["monthly_income_fen"] = float("nan")
    with pytest.raises((dwpolicy.ParseError, dwpolicy.SchemaError)):
        engine.evaluate(chengdu)


def test_errors_pickle():
    e = dwpolicy.ScriptError("m", dwpolicy.ESCRIPT, '{"errors":[]}')
    e.index = 3
    e2 = pickle.loads(pickle.dumps(e))
    assert type(e2) is dwpolicy.ScriptError
    assert (e2.message, e2.code, e2.result, e2.index) == ("m", -5, {"errors": []}, 3)


# ---- broken rules: check() and Engine() ----------------------------------------------------


def test_check_embedded_rules():
    report = dwpolicy.check()
    assert report["ok"] is True and report["problems"] == []
    assert report["ruleset"]["name"] == "sichuan"
    assert "sichuan/510000.lua" in report["files"]


def test_check_broken_rules_dir(tmp_path):
    rules = write_rules(tmp_path, {
        "510104.lua": JINJIANG + 'param "dibao.standard.urbn" { { value = yuan(1000), '
                                 'source = "测试", confidence = "official" } }\n',
        "510107.lua": 'region { code = "510107" }\nparam "dibao.standard.urban" '
                      '{ { value = 12.5, source = "测试", confidence = "official" } }\n',
    })
    report = dwpolicy.check(rules, lang="en")
    assert report["ok"] is False
    problems = {(p["file"].rsplit("/", 1)[-1], p["line"]): p["message"] for p in report["problems"]}
    assert "dibao.standard.urbn" in problems[("510104.lua", 2)]
    assert ("510107.lua", 2) in problems
    # Opening the same directory stops at the first problem, named with file and line.
    with pytest.raises(dwpolicy.RulesError) as exc:
        dwpolicy.Engine(rules)
    e = exc.value
    assert e.code == dwpolicy.ERULES
    assert "510104.lua:2" in e.message and "dibao.standard.urbn" in e.message


def test_unreadable_rules_dir(tmp_path):
    missing = str(tmp_path / "nope")
    with pytest.raises(dwpolicy.Error) as exc:
        dwpolicy.check(missing)
    assert exc.value.code == dwpolicy.EIO and missing in exc.value.message
    with pytest.raises(dwpolicy.Error) as exc:
        dwpolicy.Engine(missing)
    assert exc.value.code == dwpolicy.EIO
    assert type(exc.value) is dwpolicy.Error


def test_rules_dir_accepts_pathlike(tmp_path, chengdu):
    import pathlib

    rules = pathlib.Path(write_rules(tmp_path, {"510104.lua": JINJIANG}))
    with dwpolicy.Engine(rules) as e:
        assert benefit(e.evaluate(chengdu), "dibao.single_person")["status"] == "eligible"
    assert dwpolicy.check(rules)["ok"] is True


def test_limit_out_of_range():
    with pytest.raises(dwpolicy.Error) as exc:
        dwpolicy.Engine(rule_memory_bytes=1)  # at least 1 MiB
    assert exc.value.code == dwpolicy.EINVAL
    with pytest.raises(TypeError):
        dwpolicy.Engine(rule_time_ms=1.5)


# ---- a rule that fails while deciding ------------------------------------------------------


RAISING = JINJIANG + '''override "dibao.single_person" (function (case, base)
  error("boom from the override")
end)
'''

LOOPING = JINJIANG + '''override "dibao.single_person" (function (case, base)
  local n = 0
  while true do n = n + 1 end
end)
'''


@pytest.fixture
def short_tmp():
    """A temporary directory with a short path. Lua keeps at most 60 bytes of a chunk name
    (LUA_IDSIZE), so under pytest's long tmp_path the file name would be cut out of rule
    error messages (a limitation of the C library, not of the binding)."""
    import pathlib
    import shutil
    import tempfile

    d = tempfile.mkdtemp(prefix="dwp")
    yield pathlib.Path(d)
    shutil.rmtree(d)


def test_script_error_carries_the_result(short_tmp, chengdu, cli):
    tmp_path = short_tmp
    rules = write_rules(tmp_path, {"510104.lua": RAISING})
    with dwpolicy.Engine(rules) as e:
        with pytest.raises(dwpolicy.ScriptError) as exc:
            e.evaluate(chengdu)
        err = exc.value
        assert err.code == dwpolicy.ESCRIPT
        assert "dibao.single_person" in err.message and "boom from the override" in err.message
        assert "510104.lua:3" in err.message
        b = benefit(err.result, "dibao.single_person")
        assert b["status"] == "error" and b["amount_fen"] is None
        assert err.result["errors"][0]["benefit"] == "dibao.single_person"
        # the other benefits are decided as usual
        assert benefit(err.result, "orphan.basic_living")["status"] == "ineligible"
        assert json.loads(err.result_json) == err.result

        # strict=False: the same result is returned, not raised
        assert e.evaluate(chengdu, strict=False) == err.result
        text = e.evaluate_json(chengdu, strict=False)
        assert text == err.result_json
        assert e.evaluate_json(chengdu, strict=False, as_bytes=True) == text.encode("utf-8")
        with pytest.raises(dwpolicy.ScriptError) as exc:
            e.evaluate_json(chengdu)
        assert exc.value.result_json == text

        # byte-identical to the command, which prints the result and exits 1
        import subprocess
        path = tmp_path / "case.json"
        path.write_text(json.dumps(chengdu, ensure_ascii=False), encoding="utf-8")
        proc = subprocess.run([cli, "eval", "--rules", rules, str(path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.returncode == 1
        assert proc.stdout[:-1] == text.encode("utf-8")


def test_limit_error_carries_the_result(tmp_path, chengdu):
    rules = write_rules(tmp_path, {"510104.lua": LOOPING})
    with dwpolicy.Engine(rules, lang="en", rule_instructions=100000) as e:
        with pytest.raises(dwpolicy.LimitError) as exc:
            e.evaluate(chengdu)
        err = exc.value
        assert err.code == dwpolicy.ELIMIT
        assert benefit(err.result, "dibao.single_person")["status"] == "error"
        assert "instruction" in err.message
        # the engine goes on working after a rule ran over its budget
        chengdu["region"] = "510802"
        assert benefit(e.evaluate(chengdu), "dibao.single_person")["status"] == "eligible"


# ---- closed engine -------------------------------------------------------------------------


def test_closed_engine(chengdu):
    e = dwpolicy.Engine()
    assert not e.closed
    with e:
        assert e.evaluate(chengdu)["case_id"] == chengdu["case_id"]
    assert e.closed
    e.close()  # idempotent
    e.close()
    for call in (lambda: e.evaluate(chengdu), lambda: e.evaluate_json(chengdu),
                 lambda: e.params("510104", "2026-03-01"), lambda: e.evaluate_many([chengdu]),
                 lambda: e.__enter__()):
        with pytest.raises(dwpolicy.Error) as exc:
            call()
        assert exc.value.code == dwpolicy.EINVAL and "closed" in exc.value.message
    assert "closed" in repr(e)


def test_close_while_other_threads_evaluate(chengdu):
    """close() during evaluations on other threads: no crash; those calls either finish or
    raise 'closed'; the C engine is released after the last one."""
    import threading

    e = dwpolicy.Engine()
    started = threading.Barrier(3)
    outcomes = []

    def run():
        started.wait()
        ok = closed = 0
        for _ in range(2000):
            try:
                e.evaluate_json(chengdu)
                ok += 1
            except dwpolicy.Error as exc:
                assert "closed" in exc.message
                closed += 1
        outcomes.append((ok, closed))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    started.wait()
    e.close()
    for t in threads:
        t.join()
    assert len(outcomes) == 2 and all(ok + closed == 2000 for ok, closed in outcomes)
    assert e.closed and e._active == 0 and e._deferred is None
