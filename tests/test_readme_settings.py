"""Every setting the README names is one config.py reads, and every default it writes as a value is config.py's.

Read from the README's tables ("| `MAIL_SERVER`, `MAIL_PORT` | … | `localhost`, `587` |") and from the text
("`REMINDERS_CATCH_UP_DAYS` (6)"); the defaults are read from config.py in a new process with none of the settings
in its environment. A default written in words ("one year", "unset") is left to the person reading it.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
NAME = r"`([A-Z][A-Z0-9_]{3,})`"


def defaults(names: set[str]) -> dict[str, object]:
    """Each setting's value in ``config.Config`` with none of them set in the environment."""
    env = {key: value for key, value in os.environ.items() if key not in names}
    program = (
        "import json, sys, config\n"
        "names = sys.argv[1:]\n"
        "print(json.dumps({n: getattr(config.Config, n) for n in names if hasattr(config.Config, n)}, default=str))"
    )
    result = subprocess.run([sys.executable, "-c", program, *sorted(names)], cwd=ROOT, env=env, capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout)


def as_written(value: object) -> str:
    """A value as the README writes it: 30.0 as 30, True as on, a list joined by commas."""
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ",".join(as_written(item) for item in value)
    return str(value)


def table_defaults() -> list[tuple[str, str]]:
    """(setting, default) for each table row whose default is written as values in backquotes."""
    found = []
    for names, default in re.findall(r"^\| ((?:`[A-Z][A-Z0-9_]+`(?:, )?)+) \|.*\| ([^|]*) \|$", README, re.MULTILINE):
        values = re.fullmatch(r"`([^`]*)`(?:, `([^`]*)`)*", default.strip())
        if values is None:
            continue
        written = re.findall(r"`([^`]*)`", default)
        found += list(zip(re.findall(NAME, names), written, strict=True))
    return found


def test_every_setting_the_readme_names_is_read_by_the_app():
    named = set(re.findall(NAME, README)) - {"VACUUM", "ANALYZE", "BEGIN", "ROLLBACK", "PRAGMA"}
    settings = {name for name in named if re.search(rf"\b{name}\b", (ROOT / "config.py").read_text())}
    elsewhere = named - settings
    for name in elsewhere:  # read where it is used, not in config.py
        used = subprocess.run(["grep", "-rlw", name, "app", "seed", "wsgi.py", "Makefile"], cwd=ROOT,
                              capture_output=True, text=True)
        assert used.stdout, f"the README names {name}, which nothing reads"


def test_each_default_in_the_readme_is_the_apps():
    rows = table_defaults()
    inline = re.findall(NAME + r" \((\d[\d,]*)\)", README)
    assert len(rows) >= 20, rows  # the tables are read
    values = defaults({name for name, _ in rows + inline} | {"SQLALCHEMY_DATABASE_URI"})
    for name, written in rows:
        if name == "APP_CONFIG":  # not a setting but which settings: create_app reads it
            assert f'os.environ.get("APP_CONFIG", "{written}")' in (ROOT / "app" / "__init__.py").read_text()
            continue
        if name in ("DATABASE_URL", "REPORT_FILES_AHEAD_DIR"):  # under the app's folder, wherever the checkout is
            value = values["SQLALCHEMY_DATABASE_URI"] if name == "DATABASE_URL" else values[name]
            assert str(value).endswith(f"/{written}"), f"{name}: the README says {written}, config.py {value}"
            continue
        assert name in values, f"{name} is not a setting of config.py"
        assert as_written(values[name]) == written, f"{name}: the README says {written}, config.py {values[name]}"
    for name, written in inline:
        assert as_written(values[name]) == written.replace(",", ""), name
