"""Finding, loading and declaring libdwpolicy (ctypes).

The library is loaded on first use, not at import, so that ``import dwpolicy`` always works
(its exception classes and constants are usable even when the library is missing) and a
wrong ``DWPOLICY_LIBRARY`` is reported as a :class:`dwpolicy.LibraryError` where it is used.

Where the library is looked for, in order:

1. ``DWPOLICY_LIBRARY``: a path to the shared library. When set it is the only place tried,
   so a wrong path is an error rather than a silent fall-back to another copy.
2. ``libdwpolicy.so.1`` in the package directory (wheels ship it there).
3. The system search path: ``libdwpolicy.so.1`` through the dynamic loader (ldconfig cache,
   ``LD_LIBRARY_PATH``), then whatever ``ctypes.util.find_library("dwpolicy")`` finds.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading

from ._errors import LibraryError

#: The ABI major version this binding is written for (the SONAME's number).
ABI_MAJOR = 1

if sys.platform == "darwin":
    _SONAME = "libdwpolicy.1.dylib"
elif sys.platform == "win32":
    _SONAME = "dwpolicy.dll"
else:
    _SONAME = "libdwpolicy.so.1"


class Options(ctypes.Structure):
    """``dwp_options`` (dwpolicy.h). Fields are only ever appended there; set struct_size."""

    _fields_ = [
        ("struct_size", ctypes.c_size_t),
        ("lang", ctypes.c_int32),
        ("reserved", ctypes.c_int32),
        ("rule_instructions", ctypes.c_int64),
        ("rule_memory_bytes", ctypes.c_int64),
        ("rule_time_ms", ctypes.c_int64),
    ]


_c_void_pp = ctypes.POINTER(ctypes.c_void_p)
_c_options_p = ctypes.POINTER(Options)

# name: (restype, argtypes). Every char * the library hands over is declared c_void_p, not
# c_char_p, so that ctypes keeps the pointer (c_char_p would copy to bytes and lose it) and
# it can be given back to dwp_free(). Borrowed const char * (version, status, last error)
# are c_char_p: ctypes copies them at once, which is what "valid until the next call" needs.
_SIGNATURES = {
    "dwp_version": (ctypes.c_char_p, []),
    "dwp_version_number": (ctypes.c_int32, []),
    "dwp_status_str": (ctypes.c_char_p, [ctypes.c_int32]),
    "dwp_last_error": (ctypes.c_char_p, []),
    "dwp_engine_open_opts": (ctypes.c_int, [ctypes.c_char_p, _c_options_p, _c_void_pp]),
    "dwp_rules_check": (ctypes.c_int, [ctypes.c_char_p, _c_options_p, _c_void_pp]),
    "dwp_engine_close": (None, [ctypes.c_void_p]),
    "dwp_eval_json": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, _c_void_pp]),
    "dwp_params_json": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_char_p, _c_void_pp]),
    "dwp_free": (None, [ctypes.c_void_p]),
    # (engine, count, cases, case_ends, out, out_ends, statuses): arrays as ctypes arrays.
    "dwp_eval_json_batch": (ctypes.c_int, [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p,
                                           ctypes.POINTER(ctypes.c_size_t), _c_void_pp,
                                           ctypes.POINTER(ctypes.c_size_t),
                                           ctypes.POINTER(ctypes.c_int32)]),
}

_lock = threading.Lock()
_lib = None  # the loaded, declared and version-checked CDLL
_lib_path = None  # what it was loaded from, for messages


def _candidates():
    """(description, name-or-path) pairs to try, in order; see the module docstring."""
    env = os.environ.get("DWPOLICY_LIBRARY")
    if env:
        return [("DWPOLICY_LIBRARY=" + env, env)]
    out = []
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), _SONAME)
    if os.path.exists(here):
        out.append(("the package directory", here))
    out.append(("the system search path", _SONAME))
    found = None
    try:
        found = ctypes.util.find_library("dwpolicy")
    except Exception:  # find_library runs external tools; their absence is not our error
        found = None
    if found and found != _SONAME:
        out.append(("ctypes.util.find_library", found))
    return out


def _declare(lib, where):
    for name, (restype, argtypes) in _SIGNATURES.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise LibraryError(
                "dwpolicy: %s is not libdwpolicy %d.x: it has no symbol %s" % (where, ABI_MAJOR, name)
            ) from None
        fn.restype = restype
        fn.argtypes = argtypes


def _check_version(lib, where):
    number = int(lib.dwp_version_number())
    if number // 10000 != ABI_MAJOR:
        text = (lib.dwp_version() or b"?").decode("utf-8", "replace")
        raise LibraryError(
            "dwpolicy: %s is libdwpolicy %s (version number %d), but this binding needs major "
            "version %d; install a matching libdwpolicy.so.%d or point DWPOLICY_LIBRARY at one"
            % (where, text, number, ABI_MAJOR, ABI_MAJOR)
        )


def load():
    """The loaded library (ctypes.CDLL), loading it on the first call. Thread-safe.

    Raises :class:`dwpolicy.LibraryError` when no usable library is found; the message lists
    every place tried and why each failed. A failure is not cached: setting DWPOLICY_LIBRARY
    and calling again retries.
    """
    global _lib, _lib_path
    lib = _lib
    if lib is not None:
        return lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        for where, name in _candidates():
            try:
                lib = ctypes.CDLL(name)
            except OSError as exc:
                tried.append("%s (%s): %s" % (where, name, exc))
                continue
            label = "%s (%s)" % (name, where)
            _declare(lib, label)
            _check_version(lib, label)
            # dwp_free through PyDLL keeps the GIL: a CDLL call releases and re-takes it,
            # and with worker threads that hand-off cost more than the free itself.
            held = ctypes.PyDLL(name)
            held.dwp_free.restype, held.dwp_free.argtypes = _SIGNATURES["dwp_free"]
            lib.dwp_free_keeping_gil = held.dwp_free
            _lib, _lib_path = lib, name
            return lib
        raise LibraryError(
            "dwpolicy: cannot load libdwpolicy (%s). Tried: %s. Set DWPOLICY_LIBRARY to the "
            "path of libdwpolicy.so.1 (e.g. build/libdwpolicy/libdwpolicy.so.1)."
            % (_SONAME, "; ".join(tried))
        )


def library_path():
    """Where the library was loaded from (a path or a soname), loading it if needed."""
    load()
    return _lib_path
