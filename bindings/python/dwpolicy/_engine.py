"""Engine, check() and version(): the Python face of dwpolicy.h."""

from __future__ import annotations

import collections
import ctypes
import datetime
import itertools
import json
import os
import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from . import _lib
from ._errors import EINVAL, Error, error_for

_LANGS = {"zh": 0, "en": 1}  # DWP_LANG_ZH, DWP_LANG_EN

# What an evaluation gives back: a parsed dict, the JSON text as str, or its UTF-8 bytes.
_DICT, _STR, _BYTES = 0, 1, 2
_OUTPUTS = {"dict": _DICT, "json": _STR, "bytes": _BYTES}

# One encoder for every dict case: json.dumps() with non-default arguments builds a new
# JSONEncoder per call. encode() keeps no state between calls, so sharing it between threads
# is safe. ensure_ascii=False: the library reads UTF-8, and \uXXXX escapes would only make
# the text longer.
_encode_case = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

# Chunks of cases handed to one worker of evaluate_many(): large enough that the thread
# pool's per-task overhead (a future, a queue, two wake-ups: tens of µs) is spread over many
# ~10 µs evaluations, small enough that several workers get work from a short input.
_MAX_CHUNK = 64


def _options(lang, rule_instructions, rule_memory_bytes, rule_time_ms):
    try:
        code = _LANGS[lang]
    except (KeyError, TypeError):
        raise ValueError("lang must be 'zh' or 'en', not %r" % (lang,)) from None
    opts = _lib.Options()
    opts.struct_size = ctypes.sizeof(_lib.Options)
    opts.lang = code
    # The library validates the ranges (DWP_EINVAL); ctypes rejects what is not an int.
    for name, value in (
        ("rule_instructions", rule_instructions),
        ("rule_memory_bytes", rule_memory_bytes),
        ("rule_time_ms", rule_time_ms),
    ):
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("%s must be an int, not %s" % (name, type(value).__name__))
        if not -(2**63) <= value < 2**63:
            raise ValueError("%s is out of range: %d" % (name, value))
        setattr(opts, name, value)
    return opts


def _c_string(value, what):
    """A str or path as NUL-terminated bytes for a const char * argument (None stays None)."""
    if value is None:
        return None
    data = os.fsencode(value) if what == "rules_dir" else str(value).encode("utf-8", "surrogatepass")
    if b"\0" in data:  # C would silently stop reading at the NUL
        raise ValueError("%s must not contain a NUL character" % what)
    return data


def _case_bytes(case):
    """The case as UTF-8 JSON bytes: a dict is serialised, text is passed on as it is."""
    if type(case) is bytes:  # the batch fast path: an exact type test, no ABC lookup
        return case
    if isinstance(case, Mapping):
        # surrogatepass: a lone surrogate reaches the library as invalid UTF-8, and the
        # library reports it as a ParseError with its position, like any other bad input.
        return _encode_case(case).encode("utf-8", "surrogatepass")
    if isinstance(case, bytes):
        return case
    if isinstance(case, str):
        return case.encode("utf-8", "surrogatepass")
    if isinstance(case, (bytearray, memoryview)):
        return bytes(case)
    raise TypeError("a case is a dict, str or bytes, not %s" % type(case).__name__)


def _last_error(lib):
    """dwp_last_error() of this thread, as str. Call right after the failing call, before any
    other library call (dwp_free included) on this thread."""
    return (lib.dwp_last_error() or b"").decode("utf-8", "replace")


def _take(lib, ptr):
    """Copy a NUL-terminated char * the library handed over, then dwp_free() it."""
    if not ptr:
        return None
    try:
        return ctypes.string_at(ptr)
    finally:
        lib.dwp_free(ptr)


def _default_threads():
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


class Engine:
    """A loaded set of rules: the embedded Sichuan default with the ``*.lua`` files of
    ``rules_dir`` (when given) layered over it.

    One Engine may be shared by any number of threads. Use it as a context manager, or call
    close(); a closed engine raises :class:`dwpolicy.Error` (code DWP_EINVAL) on every use.

    Args:
        rules_dir: a directory of regional rule files (``510104.lua`` …), or None.
        lang: "zh" (default) or "en": the language of result texts and error messages.
        rule_instructions, rule_memory_bytes, rule_time_ms: limits for regional Lua code per
            rule call / Lua state; 0 means the library's default (dwp_options in
            dwpolicy.h).

    Raises:
        RulesError: a rule file is wrong (the message names file, line and problem).
        Error: DWP_EIO (rules_dir unreadable), DWP_EINVAL (a limit out of range), …
        LibraryError: libdwpolicy could not be loaded.
    """

    def __init__(self, rules_dir=None, *, lang="zh", rule_instructions=0, rule_memory_bytes=0,
                 rule_time_ms=0):
        self._handle = None
        self._lock = threading.Lock()
        self._active = 0  # calls in flight; close() defers the C close until they finish
        self._deferred = None
        opts = _options(lang, rule_instructions, rule_memory_bytes, rule_time_ms)
        path = _c_string(rules_dir, "rules_dir")
        lib = _lib.load()
        out = ctypes.c_void_p()
        rc = lib.dwp_engine_open_opts(path, ctypes.byref(opts), ctypes.byref(out))
        if rc != 0:
            raise error_for(rc, _last_error(lib))
        if not out.value:
            raise Error("dwp_engine_open_opts returned no engine", EINVAL)
        self._lib = lib
        self._eval_fn = lib.dwp_eval_json
        self._handle = out.value
        self.rules_dir = rules_dir
        self.lang = lang

    # ---- lifetime ------------------------------------------------------------------------

    def close(self):
        """Release the engine. Idempotent. Calls already running on other threads finish
        first (the C engine is released when the last one returns); new calls raise."""
        with self._lock:
            handle = self._handle
            if handle is None:
                return
            self._handle = None
            if self._active:
                self._deferred = handle
                return
        self._lib.dwp_engine_close(handle)

    @property
    def closed(self):
        return self._handle is None

    def __enter__(self):
        if self._handle is None:
            raise Error("the engine is closed", EINVAL)
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: modules may already be gone
            pass

    def __repr__(self):
        state = "closed" if self._handle is None else "open"
        return "<dwpolicy.Engine rules_dir=%r lang=%r %s>" % (
            getattr(self, "rules_dir", None), getattr(self, "lang", None), state)

    def _enter(self):
        with self._lock:
            handle = self._handle
            if handle is None:
                raise Error("the engine is closed", EINVAL)
            self._active += 1
            return handle

    def _leave(self):
        with self._lock:
            self._active -= 1
            if self._active or self._deferred is None:
                return
            handle, self._deferred = self._deferred, None
        self._lib.dwp_engine_close(handle)

    # ---- evaluation ----------------------------------------------------------------------

    def _eval(self, data):
        """dwp_eval_json on bytes: (status, result bytes or None, message or None)."""
        lib = self._lib
        handle = self._enter()
        try:
            out = ctypes.c_void_p()
            rc = self._eval_fn(handle, data, len(data), ctypes.byref(out))
            # The message first: it is valid only until the next library call on this thread.
            message = _last_error(lib) if rc else None
            text = _take(lib, out.value)
        finally:
            self._leave()
        return rc, text, message

    def evaluate_json(self, case, *, strict=True, as_bytes=False):
        """Evaluate one case; return the result JSON text exactly as the library wrote it.

        ``case`` is a dict (serialised compactly, UTF-8), or JSON text as str or bytes
        (passed on unchanged). With strict=True (the default) a result in which some benefit
        could not be decided raises RulesError / ScriptError / LimitError carrying it in
        .result_json and .result; with strict=False that result is returned instead.
        ParseError / SchemaError (bad input) always raise: there is no result.

        as_bytes=True returns the library's UTF-8 bytes without decoding them into a str
        (decoding ~9 KB of mostly Chinese text costs more than the C evaluation itself): for
        callers that write the JSON to a file, a socket or a database.
        """
        rc, text, message = self._eval(_case_bytes(case))
        mode = _BYTES if as_bytes else _STR
        if rc == 0 and text is not None:
            return text if as_bytes else text.decode("utf-8")
        return self._failed(rc, text, message, strict, mode)

    def evaluate(self, case, *, strict=True):
        """Evaluate one case; return the result as a dict (SPEC §3). Same rules as
        evaluate_json() for input and errors."""
        rc, text, message = self._eval(_case_bytes(case))
        if rc == 0 and text is not None:
            return json.loads(text.decode("utf-8"))
        return self._failed(rc, text, message, strict, _DICT)

    @staticmethod
    def _failed(rc, text, message, strict, mode):
        """What a call that did not return 0 gives: the result (strict=False, when there is
        one, in the form `mode` asks for), or the exception raised."""
        if rc == 0:  # success without a result: the library broke its contract
            raise Error("dwp_eval_json returned no result", EINVAL)
        if text is None:
            raise error_for(rc, message)
        result_json = text.decode("utf-8")
        if not strict:
            if mode == _BYTES:
                return text
            return json.loads(result_json) if mode == _DICT else result_json
        raise error_for(rc, message, result_json)

    def evaluate_many(self, cases, *, threads=None, errors="raise", strict=True, output="dict",
                      chunk_size=None):
        """Evaluate many cases on a pool of threads; yield the results in input order.

        Args:
            cases: an iterable of cases (anything evaluate() takes). It is consumed lazily,
                on the calling thread, a few chunks ahead of what has been yielded.
            threads: worker threads (default: the CPUs this process may use). Each chunk of
                cases is one library call (dwp_eval_json_batch) that runs with the GIL
                released, so the evaluations run in parallel; JSON encoding and decoding in
                Python hold the GIL. threads=1 evaluates on the calling thread, without a
                pool, in chunks of 1, 2, 4, … up to 64 cases (the iterable is read at most
                one chunk ahead).
            errors: "raise" (default): the results before the first failing case are
                yielded, then its exception is raised (its .index is the case's position)
                and the remaining work is cancelled. "return": the exception object is
                yielded in place of the result, and evaluation goes on.
            strict: as in evaluate(): whether a result with undecided benefits is a failure
                (RulesError / ScriptError / LimitError with .result) or a result.
            output: "dict" (default, as evaluate()), "json" (str, as evaluate_json()) or
                "bytes" (as evaluate_json(as_bytes=True)). Parsing a ~9 KB result costs
                ~10 times the C evaluation and decoding it into a str about as much as the
                evaluation; see README.
            chunk_size: cases per library call and per task handed to a worker (tuning;
                default up to 64).

        Returns a generator. Closing it early (or an exception) cancels queued work and waits
        for running tasks.
        """
        if errors not in ("raise", "return"):
            raise ValueError("errors must be 'raise' or 'return', not %r" % (errors,))
        try:
            mode = _OUTPUTS[output]
        except (KeyError, TypeError):
            raise ValueError("output must be 'dict', 'json' or 'bytes', not %r" % (output,)) from None
        if threads is None:
            threads = _default_threads()
        if isinstance(threads, bool) or not isinstance(threads, int) or threads < 1:
            raise ValueError("threads must be an int >= 1, not %r" % (threads,))
        if chunk_size is not None and (not isinstance(chunk_size, int) or chunk_size < 1):
            raise ValueError("chunk_size must be an int >= 1, not %r" % (chunk_size,))
        if self._handle is None:
            raise Error("the engine is closed", EINVAL)
        if threads == 1:
            return self._many_serial(iter(cases), strict, mode, errors, chunk_size)
        if chunk_size is None and hasattr(cases, "__len__"):
            chunk_size = max(1, min(_MAX_CHUNK, -(-len(cases) // (threads * 4))))
        return self._many_pool(iter(cases), strict, mode, errors, threads, chunk_size)

    def _eval_chunk(self, chunk, strict, mode, stop_at_failure):
        """Evaluate a list of cases: [(True, result) or (False, exception)], stopping after
        the first failure when stop_at_failure. The whole chunk is one dwp_eval_json_batch()
        call, with the GIL released for all of it: a ctypes call costs about as much as an
        evaluation, so one per case would leave Python the bottleneck. The results come back
        in one buffer, cut here into each case's result and message."""
        datas = []
        failed = None  # (position, exception) of a case that is not a dict, str or bytes
        for k, case in enumerate(chunk):
            try:
                datas.append(_case_bytes(case))
            except Exception as exc:
                failed = (k, exc)
                break
        results = []
        try:
            handle = self._enter()
        except Error as exc:  # closed: every case of the chunk fails alike
            results.append((False, exc))
            if not stop_at_failure:
                results.extend((False, Error(exc.message, exc.code)) for _ in chunk[1:])
            return results
        try:
            results = self._eval_batch(handle, datas, strict, mode, stop_at_failure)
        finally:
            self._leave()
        if failed is not None and (len(results) == len(datas)):
            results.append((False, failed[1]))
            if not stop_at_failure:
                # the cases after it, one chunk of their own
                results.extend(self._eval_chunk(chunk[failed[0] + 1:], strict, mode, False))
        return results

    def _eval_batch(self, handle, datas, strict, mode, stop_at_failure):
        n = len(datas)
        if n == 0:
            return []
        lib = self._lib
        ends = (ctypes.c_size_t * n)(*itertools.accumulate(map(len, datas)))
        out_ends = (ctypes.c_size_t * (2 * n))()
        statuses = (ctypes.c_int32 * n)()
        out = ctypes.c_void_p()
        rc = lib.dwp_eval_json_batch(handle, n, b"".join(datas), ends, ctypes.byref(out),
                                     out_ends, statuses)
        if rc != 0:  # nothing was evaluated (out of memory): every case fails alike
            message = (lib.dwp_last_error() or b"").decode("utf-8", "replace")
            return [(False, error_for(rc, message)) for _ in range(1 if stop_at_failure else n)]
        base = out.value
        try:
            # Each piece copied straight out of the library's buffer (string_at holds the
            # GIL and copies once; slicing one big copy would copy twice).
            offsets, codes = out_ends[:], statuses[:]
            string_at, loads = ctypes.string_at, json.loads
            results = []
            start = 0
            for i in range(n):
                end, message_end = offsets[2 * i], offsets[2 * i + 1]
                rc = codes[i]
                try:
                    if rc == 0 and end > start:
                        text = string_at(base + start, end - start)
                        if mode != _BYTES:
                            text = text.decode("utf-8")
                            if mode == _DICT:
                                text = loads(text)
                        results.append((True, text))
                    else:
                        message = string_at(base + end, message_end - end).decode("utf-8", "replace")
                        text = string_at(base + start, end - start) if end > start else None
                        results.append((True, self._failed(rc, text, message, strict, mode)))
                except Exception as exc:
                    results.append((False, exc))
                    if stop_at_failure:
                        break
                start = message_end
        finally:
            lib.dwp_free_keeping_gil(base)
        return results

    def _many_serial(self, it, strict, mode, errors, chunk_size):
        """Chunks on the calling thread. Without a chunk_size they grow 1, 2, 4, … up to
        _MAX_CHUNK: the first result comes after one case, and later ones share the cost of a
        library call (see _eval_chunk)."""
        stop_at_failure = errors == "raise"
        index, size = 0, chunk_size or 1
        while True:
            chunk = list(itertools.islice(it, size))
            if not chunk:
                return
            for ok, value in self._eval_chunk(chunk, strict, mode, stop_at_failure):
                if not ok:
                    _set_index(value, index)
                    if stop_at_failure:
                        raise value
                yield value
                index += 1
            if not chunk_size:
                size = min(size * 2, _MAX_CHUNK)

    def _many_pool(self, it, strict, mode, errors, threads, chunk_size):
        stop_at_failure = errors == "raise"
        loads = json.loads
        parse_here = mode == _DICT
        pending = collections.deque()  # (index of the chunk's first case, future)
        state = {"next": 0, "submitted": 0, "exhausted": False}

        def submit(pool):
            if state["exhausted"]:
                return
            size = chunk_size
            if size is None:  # unknown length: small chunks first, so every worker starts soon
                size = min(_MAX_CHUNK, 4 << state["submitted"])
            chunk = list(itertools.islice(it, size))
            if not chunk:
                state["exhausted"] = True
                return
            # For dicts the workers return text and the caller's thread parses it (below).
            # json.loads of a result costs several times the C evaluation and holds the GIL
            # wherever it runs; run by the workers it also makes them fight over the GIL
            # after every C call, which measured ~35% slower than parsing here.
            future = pool.submit(self._eval_chunk, chunk, strict,
                                 _STR if parse_here else mode, stop_at_failure)
            pending.append((state["next"], future))
            state["next"] += len(chunk)
            state["submitted"] += 1

        pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="dwpolicy")
        try:
            for _ in range(threads * 2):
                submit(pool)
            while pending:
                first, future = pending.popleft()
                results = future.result()
                submit(pool)  # keep the workers busy while the caller consumes this chunk
                for offset, (ok, value) in enumerate(results):
                    if ok:
                        yield loads(value) if parse_here else value
                        continue
                    _set_index(value, first + offset)
                    if stop_at_failure:
                        raise value
                    yield value
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    # ---- parameters ----------------------------------------------------------------------

    def params(self, region, as_of):
        """The parameters in force for ``region`` (a 6-digit code, str) on ``as_of``
        ("YYYY-MM-DD" or a datetime.date), as a dict: region, as_of, region_chain and params
        (name, value, region, from, source, confidence, file; value None with an "error"
        text where a parameter has no value on that date).

        Raises SchemaError for a region not in the list or an invalid date.
        """
        if isinstance(as_of, datetime.datetime):
            as_of = as_of.date()
        if isinstance(as_of, datetime.date):
            as_of = as_of.isoformat()
        c_region = _c_string(region, "region")
        c_as_of = _c_string(as_of, "as_of")
        lib = self._lib
        handle = self._enter()
        try:
            out = ctypes.c_void_p()
            rc = lib.dwp_params_json(handle, c_region, c_as_of, ctypes.byref(out))
            message = _last_error(lib) if rc else None
            text = _take(lib, out.value)
        finally:
            self._leave()
        if rc != 0:
            raise error_for(rc, message)
        return json.loads(text.decode("utf-8"))


def _set_index(exc, index):
    try:
        exc.index = index
    except AttributeError:  # an exception type with __slots__: leave it as it is
        pass


def check(rules_dir=None, lang="zh", *, rule_instructions=0, rule_memory_bytes=0, rule_time_ms=0):
    """Check a rules directory as Engine(rules_dir) would load it, reporting every problem
    instead of stopping at the first (``dwpolicy check``). Returns the report as a dict:
    ok, ruleset, files, local_rules, overrides, problems [{file, line, message}].

    A directory with problems is not an exception: look at report["ok"]. Raises Error
    (DWP_EIO) when the directory cannot be read.
    """
    opts = _options(lang, rule_instructions, rule_memory_bytes, rule_time_ms)
    path = _c_string(rules_dir, "rules_dir")
    lib = _lib.load()
    out = ctypes.c_void_p()
    rc = lib.dwp_rules_check(path, ctypes.byref(opts), ctypes.byref(out))
    message = _last_error(lib) if rc else None
    text = _take(lib, out.value)
    if rc != 0:
        raise error_for(rc, message)
    return json.loads(text.decode("utf-8"))


def version():
    """The version of the libdwpolicy actually loaded, e.g. "1.0.0"."""
    return _lib.load().dwp_version().decode("ascii")


def version_number():
    """MAJOR * 10000 + MINOR * 100 + PATCH of the libdwpolicy actually loaded."""
    return int(_lib.load().dwp_version_number())


def status_str(code):
    """The library's fixed English description of a DWP_* status code."""
    return _lib.load().dwp_status_str(code).decode("utf-8", "replace")
