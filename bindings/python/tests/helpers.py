"""Small helpers shared by the tests."""

import json


def benefit(result, benefit_id):
    for b in result["benefits"]:
        if b["id"] == benefit_id:
            return b
    raise AssertionError("no benefit %s in %s" % (benefit_id, json.dumps(result)[:200]))


def write_rules(tmp_path, files):
    """A rules directory with the given {file name: Lua text}."""
    d = tmp_path / "rules"
    d.mkdir()
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    return str(d)
