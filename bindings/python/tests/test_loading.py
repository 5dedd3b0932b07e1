"""Finding and checking the library: DWPOLICY_LIBRARY, the package directory, versions."""

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

PKG_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(code, env_library, cwd=None, extra_path=PKG_ROOT):
    env = dict(os.environ)
    env.pop("DWPOLICY_LIBRARY", None)
    if env_library is not None:
        env["DWPOLICY_LIBRARY"] = env_library
    env["PYTHONPATH"] = extra_path
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=env, cwd=cwd,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


PROBE = """
    import dwpolicy
    try:
        dwpolicy.Engine()
    except dwpolicy.LibraryError as e:
        assert isinstance(e, ImportError) and isinstance(e, dwpolicy.Error)
        assert e.code is None
        print("LibraryError:", e)
    else:
        print("loaded:", dwpolicy.library_path())
"""


def test_wrong_path_is_a_clear_error(tmp_path):
    bad = str(tmp_path / "no" / "libdwpolicy.so.1")
    proc = _run(PROBE, bad)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("LibraryError:")
    assert "DWPOLICY_LIBRARY=" + bad in out
    assert "No such file" in out


def test_import_works_without_a_library(tmp_path):
    proc = _run("import dwpolicy; print(dwpolicy.SchemaError.__mro__[1].__name__)",
                str(tmp_path / "missing.so"))
    assert proc.returncode == 0 and proc.stdout.strip() == "Error"


def test_not_libdwpolicy(tmp_path):
    # A real shared library, but not ours: the missing symbol is named.
    libm = None
    for cand in ("/lib/x86_64-linux-gnu/libm.so.6", "/usr/lib/x86_64-linux-gnu/libm.so.6",
                 "/lib/aarch64-linux-gnu/libm.so.6", "/usr/lib64/libm.so.6"):
        if os.path.exists(cand):
            libm = cand
            break
    if libm is None:
        import ctypes.util
        libm = ctypes.util.find_library("m")
    proc = _run(PROBE, libm)
    assert "LibraryError:" in proc.stdout and "no symbol dwp_" in proc.stdout, proc.stderr


def test_wrong_major_version(tmp_path):
    cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if not cc:
        pytest.skip("no C compiler to build a fake library")
    names = ["dwp_version", "dwp_status_str", "dwp_last_error", "dwp_engine_open_opts",
             "dwp_rules_check", "dwp_engine_close", "dwp_eval_json", "dwp_eval_json_batch", "dwp_params_json",
             "dwp_free"]
    src = tmp_path / "fake.c"
    src.write_text(
        "const char *dwp_version(void) { return \"2.0.0\"; }\n"
        "int dwp_version_number(void) { return 20000; }\n"
        + "".join("int %s(void) { return -1; }\n" % n for n in names[1:]))
    lib = tmp_path / "libdwpolicy.so.2"
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(lib), str(src)], check=True)
    proc = _run(PROBE, str(lib))
    assert "LibraryError:" in proc.stdout, proc.stderr
    assert "2.0.0" in proc.stdout and "needs major version 1" in proc.stdout


def test_library_next_to_the_package(tmp_path):
    """Without DWPOLICY_LIBRARY, a libdwpolicy.so.1 in the package directory is used (wheels)."""
    pkg = tmp_path / "site" / "dwpolicy"
    shutil.copytree(os.path.join(PKG_ROOT, "dwpolicy"), str(pkg),
                    ignore=shutil.ignore_patterns("__pycache__", "*.so*"))
    shutil.copy(os.environ["DWPOLICY_LIBRARY"], str(pkg / "libdwpolicy.so.1"))
    proc = _run(PROBE, None, extra_path=str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "loaded: " + str(pkg / "libdwpolicy.so.1")


def test_retry_after_failure(tmp_path):
    """A failed load is not cached: fix DWPOLICY_LIBRARY and try again."""
    code = """
        import os, dwpolicy
        good = os.environ["DWPOLICY_LIBRARY"]
        os.environ["DWPOLICY_LIBRARY"] = "/nonexistent/libdwpolicy.so.1"
        try:
            dwpolicy.version()
        except dwpolicy.LibraryError:
            pass
        os.environ["DWPOLICY_LIBRARY"] = good
        print(dwpolicy.version())
    """
    proc = _run(code, os.environ["DWPOLICY_LIBRARY"])
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().startswith("1.")
