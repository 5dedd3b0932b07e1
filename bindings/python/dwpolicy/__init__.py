"""dwpolicy — Python binding of libdwpolicy (Sichuan child-welfare policy, 川办发〔2025〕53号).

Pure Python over ctypes; no dependency beyond the standard library and libdwpolicy.so.1.

    import dwpolicy
    with dwpolicy.Engine() as engine:
        result = engine.evaluate({"as_of": "2026-03-01", "region": "510104", ...})

See README.md beside this package, and dwpolicy.h for the C contract underneath.
"""

from ._engine import Engine, check, status_str, version, version_number
from ._errors import (
    EINVAL,
    EIO,
    ELIMIT,
    ENOMEM,
    EPARSE,
    ERULES,
    ESCHEMA,
    ESCRIPT,
    OK,
    Error,
    LibraryError,
    LimitError,
    ParseError,
    RulesError,
    SchemaError,
    ScriptError,
)
from ._lib import library_path

__version__ = "1.0.0"  # of this binding; version() is the loaded library's

__all__ = [
    "Engine",
    "check",
    "version",
    "version_number",
    "status_str",
    "library_path",
    "Error",
    "ParseError",
    "SchemaError",
    "RulesError",
    "ScriptError",
    "LimitError",
    "LibraryError",
    "OK",
    "EINVAL",
    "EPARSE",
    "ESCHEMA",
    "ERULES",
    "ESCRIPT",
    "ELIMIT",
    "ENOMEM",
    "EIO",
]
