"""One Engine shared by several Python threads."""

import threading
import time

import casegen
import dwpolicy

THREADS = 4
PER_THREAD = 10_000


def _outcome(engine, case):
    """What one evaluation gives: the result text, or the error's class, code and message."""
    try:
        return engine.evaluate_json(case)
    except dwpolicy.Error as exc:
        return (type(exc).__name__, exc.code, exc.message)


def _mixed_cases():
    """Varied valid cases, and a few invalid ones whose messages differ: each thread must read
    its own dwp_last_error(), right after its own failing call."""
    cases = list(casegen.generate(200))
    cases += [
        '{"as_of": "2026-03-01", "region": "510104", "child": {"birth_date": "2008-05-20"},}',
        '{"as_of": "2026-03-01", "region": "510104"}',
        '{"as_of": "2026-02-30", "region": "510104", "child": {"birth_date": "2008-05-20"}}',
        '{"as_of": "2026-03-01", "region": "999999", "child": {"birth_date": "2008-05-20"}}',
        '[1, 2',
    ]
    return cases


def test_four_threads_share_one_engine():
    cases = _mixed_cases()
    with dwpolicy.Engine() as engine:
        serial = [_outcome(engine, c) for c in cases]
        # the invalid cases fail, each with its own message
        failures = [o for o in serial if isinstance(o, tuple)]
        assert len(failures) == 5 and len({f[2] for f in failures}) == 5

        barrier = threading.Barrier(THREADS)
        mismatches = [[] for _ in range(THREADS)]
        crashed = []

        def run(t):
            try:
                barrier.wait()
                n = len(cases)
                for i in range(PER_THREAD):
                    k = (i * 7 + t * 13) % n  # each thread its own order
                    got = _outcome(engine, cases[k])
                    if got != serial[k]:
                        mismatches[t].append((k, got))
            except BaseException as exc:  # pragma: no cover - reported below
                crashed.append(exc)

        start = time.monotonic()
        workers = [threading.Thread(target=run, args=(t,)) for t in range(THREADS)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.monotonic() - start

    assert not crashed, crashed
    assert all(not m for m in mismatches), [m[:3] for m in mismatches]
    assert elapsed < 60, "%d evaluations took %.1f s" % (THREADS * PER_THREAD, elapsed)


def test_threads_evaluate_dicts_too():
    """evaluate() (json.loads on each thread) agrees with the serial run as well."""
    cases = casegen.generate(60)
    with dwpolicy.Engine(lang="en") as engine:
        serial = [engine.evaluate(c) for c in cases]
        results = {}

        def run(t):
            results[t] = [engine.evaluate(c) for c in cases]

        workers = [threading.Thread(target=run, args=(t,)) for t in range(4)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
    assert all(results[t] == serial for t in range(4))


def test_the_gil_is_released_during_evaluation(tmp_path):
    """Two evaluations that each run into a 300 ms wall-clock rule limit take ~300 ms on two
    threads, not ~600 ms: the C calls overlap. (Wall-clock limits make this hold even when
    the machine has no second core free.)"""
    from helpers import write_rules

    rules = write_rules(tmp_path, {"510104.lua": 'region { code = "510104" }\n'
                                   'override "dibao.single_person" (function (case, base)\n'
                                   '  while true do end\nend)\n'})
    case = casegen.examples()["chengdu-serious-illness.json"]
    with dwpolicy.Engine(rules, lang="en", rule_time_ms=300,
                         rule_instructions=10**15) as engine:
        def once():
            try:
                engine.evaluate_json(case)
            except dwpolicy.LimitError as exc:
                return exc
            raise AssertionError("no LimitError")

        start = time.monotonic()
        assert "time" in once().message
        single = time.monotonic() - start

        errors = []
        workers = [threading.Thread(target=lambda: errors.append(once())) for _ in range(2)]
        start = time.monotonic()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        both = time.monotonic() - start
    assert len(errors) == 2
    assert single >= 0.29
    assert both < 1.5 * single, (single, both)
