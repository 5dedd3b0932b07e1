"""The example script, and packaging (offline build of a wheel and install)."""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

PKG_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_example_script():
    env = dict(os.environ, PYTHONPATH=PKG_ROOT)
    proc = subprocess.run([sys.executable, os.path.join(PKG_ROOT, "examples", "evaluate.py")],
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "dibao.single_person eligible 1120.00" in lines
    assert "orphan.basic_living ineligible 0.00" in lines
    assert len(lines) >= 13


def _copy_source(tmp_path):
    # Build from a copy: an in-tree build would leave build/ and *.egg-info in the source.
    src = tmp_path / "src"
    shutil.copytree(PKG_ROOT, str(src), ignore=shutil.ignore_patterns(
        "__pycache__", "build", "*.egg-info", ".pytest_cache", "*.so*"))
    return src


def _pip_available():
    return subprocess.run([sys.executable, "-m", "pip", "--version"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0


@pytest.mark.skipif(not _pip_available(), reason="pip is not installed")
def test_offline_install(tmp_path):
    src = _copy_source(tmp_path)
    venv = tmp_path / "venv"
    # The system's pip and setuptools, seen through --system-site-packages; no network.
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages",
                    str(venv)], check=True)
    py = str(venv / "bin" / "python")
    env = dict(os.environ, PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PYTHONPATH", None)
    proc = subprocess.run([py, "-m", "pip", "install", "--no-build-isolation", "--no-index",
                           str(src)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True)
    assert proc.returncode == 0, proc.stdout
    proc = subprocess.run([py, "-c", "import dwpolicy, os; print(dwpolicy.__file__); "
                           "print(dwpolicy.version())"], env=env, cwd=str(tmp_path),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.returncode == 0, proc.stderr
    installed, version = proc.stdout.split()
    assert installed.startswith(str(venv)) and version.startswith("1.")

    # A wheel of the same source holds the package, its marker and no tests.
    wheels = tmp_path / "wheels"
    proc = subprocess.run([py, "-m", "pip", "wheel", "--no-build-isolation", "--no-index",
                           "--no-deps", "-w", str(wheels), str(src)], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.returncode == 0, proc.stdout
    (wheel,) = list(wheels.glob("dwpolicy-*.whl"))
    names = zipfile.ZipFile(str(wheel)).namelist()
    assert "dwpolicy/__init__.py" in names and "dwpolicy/py.typed" in names
    assert not [n for n in names if n.startswith("tests/")]
