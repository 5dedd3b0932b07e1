"""Status codes (dwpolicy.h DWP_E*) and the exceptions that carry them."""

from __future__ import annotations

import json

OK = 0
EINVAL = -1  # a NULL or out-of-range argument
EPARSE = -2  # the case is not well-formed JSON
ESCHEMA = -3  # well-formed JSON that breaks the case contract
ERULES = -4  # a rule file or parameter is wrong, or a parameter has no value
ESCRIPT = -5  # a Lua rule raised an error while deciding a benefit
ELIMIT = -6  # a Lua rule exceeded its instruction budget, time or memory cap
ENOMEM = -7  # out of memory
EIO = -8  # a file or directory could not be read

STATUS_NAMES = {
    OK: "DWP_OK",
    EINVAL: "DWP_EINVAL",
    EPARSE: "DWP_EPARSE",
    ESCHEMA: "DWP_ESCHEMA",
    ERULES: "DWP_ERULES",
    ESCRIPT: "DWP_ESCRIPT",
    ELIMIT: "DWP_ELIMIT",
    ENOMEM: "DWP_ENOMEM",
    EIO: "DWP_EIO",
}

_UNSET = object()


class Error(Exception):
    """A failure reported by libdwpolicy (or by this binding around it).

    Attributes:
        code: the library's DWP_E* status (a negative int); None for failures that did not
            come from a library call (the library could not be loaded, see LibraryError).
        message: the library's dwp_last_error() text for the failing call, read on the same
            thread right after it. It names the field, file, line or region concerned, in the
            engine's language.
        result_json: for RulesError, ScriptError and LimitError raised by evaluation, the
            result the library still returned (str, SPEC §3 JSON): the benefits that could not
            be decided have status "error", the others are decided. None otherwise.
        result: the same, parsed (dict), or None.
        index: in Engine.evaluate_many(), the position of the failing case in the input;
            None elsewhere.
    """

    def __init__(self, message="", code=None, result_json=None, result=_UNSET):
        super().__init__(message)
        self.message = message
        self.code = code
        self.result_json = result_json
        if result is not _UNSET:
            self._result = result
        self.index = None

    @property
    def status(self):
        """The symbolic name of .code ("DWP_ESCHEMA", …), or None."""
        if self.code is None:
            return None
        return STATUS_NAMES.get(self.code, "DWP_E%d" % -self.code)

    @property
    def result(self):
        try:
            return self._result
        except AttributeError:
            pass
        self._result = None if self.result_json is None else json.loads(self.result_json)
        return self._result

    def __str__(self):
        if self.message:
            return self.message
        return self.status or "dwpolicy error"

    def __repr__(self):
        return "%s(code=%r, message=%r)" % (type(self).__name__, self.code, self.message)

    def __reduce__(self):  # keep .code, .result_json, … across pickling (multiprocessing)
        return (type(self), (self.message, self.code, self.result_json), {"index": self.index})


class ParseError(Error, ValueError):
    """DWP_EPARSE: the case is not well-formed JSON; .message gives line and column."""


class SchemaError(Error, ValueError):
    """DWP_ESCHEMA: well-formed JSON that breaks the case contract; .message names the field
    (also raised by params() for an unknown region or an invalid date)."""


class RulesError(Error):
    """DWP_ERULES: a rule file or parameter is wrong (opening an engine), or a parameter has
    no value for the case's region and date (evaluating: .result holds the result)."""


class ScriptError(Error):
    """DWP_ESCRIPT: a Lua rule raised an error while deciding a benefit (.result holds the
    result, with that benefit's status "error")."""


class LimitError(Error):
    """DWP_ELIMIT: a Lua rule exceeded its instruction, time or memory limit (.result holds
    the result, with that benefit's status "error")."""


class LibraryError(Error, ImportError):
    """libdwpolicy could not be loaded, or is not a compatible version (.code is None).

    Also an ImportError, so ``except ImportError`` around optional use of dwpolicy works."""


_BY_CODE = {
    EPARSE: ParseError,
    ESCHEMA: SchemaError,
    ERULES: RulesError,
    ESCRIPT: ScriptError,
    ELIMIT: LimitError,
}


def error_for(code, message, result_json=None):
    """The exception for a failed library call (not raised)."""
    return _BY_CODE.get(code, Error)(message, code, result_json)
