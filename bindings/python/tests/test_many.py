"""evaluate_many(): order, threads, errors, laziness."""

import threading

import pytest

import casegen
import dwpolicy

BAD = '{"as_of": "2026-03-01"}'  # no region: SchemaError


@pytest.fixture(scope="module")
def many():
    return casegen.generate(300)


@pytest.fixture(scope="module")
def serial(engine, many):
    return [engine.evaluate(c) for c in many]


@pytest.mark.parametrize("threads", [1, 2, 4, 7])
def test_order_and_threads(engine, many, serial, threads):
    out = list(engine.evaluate_many(many, threads=threads))
    assert [r["case_id"] for r in out] == [c["case_id"] for c in many]
    assert out == serial


@pytest.mark.parametrize("chunk_size", [None, 1, 5, 1000])
def test_generator_input(engine, many, serial, chunk_size):
    gen = (c for c in many)  # no len(): chunks ramp up
    out = list(engine.evaluate_many(gen, threads=3, chunk_size=chunk_size))
    assert out == serial


@pytest.mark.parametrize("threads", [1, 2])
def test_output(engine, many, threads):
    expected = [engine.evaluate_json(c) for c in many[:50]]
    assert list(engine.evaluate_many(many[:50], threads=threads, output="json")) == expected
    got = list(engine.evaluate_many(many[:50], threads=threads, output="bytes"))
    assert got == [t.encode("utf-8") for t in expected]
    assert all(type(b) is bytes for b in got)


def test_default_threads(engine, many, serial):
    assert list(engine.evaluate_many(many)) == serial


def test_uses_worker_threads(engine, many):
    gen = engine.evaluate_many(many, threads=2)
    next(gen)
    workers = [t for t in threading.enumerate() if t.name.startswith("dwpolicy")]
    assert 1 <= len(workers) <= 2
    gen.close()
    assert not [t for t in threading.enumerate() if t.name.startswith("dwpolicy")]


def test_closed_during_iteration(many):
    e = dwpolicy.Engine()
    gen = e.evaluate_many(many[:100], threads=2, chunk_size=10, errors="return")
    first = next(gen)
    e.close()
    rest = list(gen)
    assert first["case_id"] == many[0]["case_id"] and len(rest) == 99
    closed = [r for r in rest if isinstance(r, dwpolicy.Error)]
    assert closed and all("closed" in r.message for r in closed)
    assert [r.index for r in closed] == list(range(100 - len(closed), 100))


@pytest.mark.parametrize("threads", [1, 3])
def test_errors_raise(engine, many, serial, threads):
    cases = list(many[:40])
    cases[17] = BAD
    cases[30] = BAD
    got = []
    with pytest.raises(dwpolicy.SchemaError) as exc:
        for r in engine.evaluate_many(cases, threads=threads):
            got.append(r)
    assert exc.value.index == 17 and "region" in exc.value.message
    assert got == serial[:17]


@pytest.mark.parametrize("threads", [1, 3])
def test_errors_return(engine, many, serial, threads):
    cases = list(many[:40])
    cases[5] = BAD
    cases[39] = "{"
    out = list(engine.evaluate_many(cases, threads=threads, errors="return"))
    assert len(out) == 40
    assert isinstance(out[5], dwpolicy.SchemaError) and out[5].index == 5
    assert isinstance(out[39], dwpolicy.ParseError) and out[39].index == 39
    rest = [r for i, r in enumerate(out) if i not in (5, 39)]
    assert rest == [r for i, r in enumerate(serial[:40]) if i not in (5, 39)]


def test_rule_errors_and_strict(tmp_path, chengdu):
    from helpers import write_rules

    rules = write_rules(tmp_path, {"510104.lua": 'region { code = "510104" }\n'
                                   'override "dibao.single_person" (function (case, base)\n'
                                   '  error("boom")\nend)\n'})
    other = dict(chengdu, region="510802")
    with dwpolicy.Engine(rules) as e:
        out = list(e.evaluate_many([other, chengdu, other], threads=2, errors="return"))
        assert isinstance(out[1], dwpolicy.ScriptError) and out[1].result["errors"]
        assert out[0]["errors"] == [] and out[2]["errors"] == []
        relaxed = list(e.evaluate_many([other, chengdu], threads=2, strict=False))
        assert relaxed[1] == out[1].result
        for threads in (1, 2):
            text = list(e.evaluate_many([chengdu], threads=threads, strict=False, output="json"))
            assert text == [out[1].result_json]
            data = list(e.evaluate_many([chengdu], threads=threads, strict=False, output="bytes"))
            assert data == [out[1].result_json.encode("utf-8")]


def test_bad_arguments(engine, many):
    for kwargs in ({"threads": 0}, {"threads": "2"}, {"errors": "ignore"}, {"chunk_size": 0},
                   {"output": "xml"}, {"output": None}):
        with pytest.raises(ValueError):
            engine.evaluate_many(many, **kwargs)


def test_lazy_and_closable(engine, many):
    pulled = []

    def source():
        for c in many:
            pulled.append(c["case_id"])
            yield c

    gen = engine.evaluate_many(source(), threads=2, chunk_size=10)
    assert pulled == []  # nothing is read before the first result is asked for
    first = next(gen)
    assert first["case_id"] == many[0]["case_id"]
    assert len(pulled) < len(many)  # read ahead a few chunks, not everything
    gen.close()  # cancels queued work and waits for the workers
    assert not [t for t in threading.enumerate() if t.name.startswith("dwpolicy")]


def test_empty(engine):
    assert list(engine.evaluate_many([], threads=4)) == []
    assert list(engine.evaluate_many(iter([]), threads=4)) == []


def test_unserialisable_case_in_a_batch(engine, many):
    cases = [many[0], {"case_id": object()}, many[1]]
    out = list(engine.evaluate_many(cases, threads=2, errors="return"))
    assert isinstance(out[1], TypeError) and out[1].index == 1
    assert out[0]["case_id"] == many[0]["case_id"] and out[2]["case_id"] == many[1]["case_id"]
    with pytest.raises(TypeError):
        list(engine.evaluate_many(cases, threads=2))
