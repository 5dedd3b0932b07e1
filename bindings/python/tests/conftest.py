"""Fixtures for the dwpolicy binding tests.

The library is found through DWPOLICY_LIBRARY (run_tests.sh sets it); when it is unset, the
default build tree's build/libdwpolicy/libdwpolicy.so.1 is used if it exists. The package is
imported from this source tree, ahead of any installed copy.
"""

import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
PKG_ROOT = os.path.dirname(HERE)  # bindings/python
REPO = os.path.dirname(os.path.dirname(PKG_ROOT))
sys.path.insert(0, PKG_ROOT)
sys.path.insert(0, HERE)

if not os.environ.get("DWPOLICY_LIBRARY"):
    _default = os.path.join(REPO, "build", "libdwpolicy", "libdwpolicy.so.1")
    if os.path.exists(_default):
        os.environ["DWPOLICY_LIBRARY"] = _default

import dwpolicy  # noqa: E402  (after sys.path is set)


def _build_dir():
    explicit = os.environ.get("DWPOLICY_BUILD_DIR")
    if explicit:
        return os.path.abspath(explicit)
    lib = os.environ.get("DWPOLICY_LIBRARY", "")
    # <build>/libdwpolicy/libdwpolicy.so.1
    return os.path.dirname(os.path.dirname(os.path.abspath(lib))) if lib else os.path.join(REPO, "build")


@pytest.fixture(scope="session")
def repo():
    return REPO


@pytest.fixture(scope="session")
def cli():
    """The dwpolicy command of the same build as the library."""
    path = os.path.join(_build_dir(), "cli", "dwpolicy")
    if not os.access(path, os.X_OK):
        pytest.fail("no dwpolicy command at %s (set DWPOLICY_BUILD_DIR)" % path)
    return path


@pytest.fixture(scope="session")
def engine():
    with dwpolicy.Engine() as e:
        yield e


@pytest.fixture(scope="session")
def engine_en():
    with dwpolicy.Engine(lang="en") as e:
        yield e


@pytest.fixture(scope="session")
def example_paths():
    d = os.path.join(REPO, "examples", "cases")
    return {f: os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".json")}


@pytest.fixture
def cases():
    """The worked examples as fresh dicts (a test may change its copy)."""
    import casegen

    return casegen.examples()


@pytest.fixture
def chengdu(cases):
    return cases["chengdu-serious-illness.json"]
