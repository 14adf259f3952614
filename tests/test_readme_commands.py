"""Every command the README shows is run by a test or checked here, read from the README itself.

Each line of a ```sh block is one of three kinds, and a new line of none of them fails the test:

- run as written elsewhere: `make run`, `make run PORT=8000` and `make setup` by tests/test_setup.py; the production
  block by tests/test_production_steps.py;
- checked here without being run, because running it needs the network, a server elsewhere or minutes: the make
  target and what it would run (`make -n`), or the flask command and each option it names;
- deliberately not run, with the reason (NOT_RUN).

Every `make …` and `flask …` written inline in the text is checked the same way: the target or command exists.
"""

import contextlib
import re
import shlex
import subprocess
from pathlib import Path

import click
import pytest
from flask_migrate.cli import db as migrate_commands
from werkzeug.exceptions import MethodNotAllowed

ROOT = Path(__file__).resolve().parent.parent

#: Lines shown but not run by any test, each with why.
NOT_RUN = {
    "TOKEN=": "an example of pasting a token: it sets a shell variable and nothing else",
    "curl ": "requests to a server already running with a token: each address is matched with the API's routes here",
    "python3 -m venv": "installs from the package index over the network; `make setup` installs the same way from "
                       "the development lock file, and tests/test_setup.py runs it",
    "&& .venv/bin/pip": "the second half of the line above",
}

#: Lines that tests/test_production_steps.py runs as written, in the "Serving in production" block.
RUN_AS_PRODUCTION_STEPS = ("export ", ".venv/bin/flask db upgrade", ".venv/bin/gunicorn ",
                           ".venv/bin/flask users create --email head@example.org")


def shell_lines() -> list[str]:
    """Each command of the README's ```sh blocks, continuation lines joined, comments left out."""
    readme = (ROOT / "README.md").read_text()
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.DOTALL):
        joined = re.sub(r"\\\n\s*", " ", block)
        joined = re.sub(r"'\{.*?\}'", "'{}'", joined, flags=re.DOTALL)  # a JSON body over several lines
        for line in joined.splitlines():
            if command := re.sub(r"\s+#\s.*$", "", line).strip():
                lines.append(command)
    return lines


def flask_command(words: list[str]) -> click.Command:
    """The click command `flask <words>` names, from the app's own commands and Flask-Migrate's `db`."""
    from flask import current_app

    commands: dict[str, click.Command] = {**current_app.cli.commands, "db": migrate_commands}
    command = commands[words[0]]
    for word in words[1:]:
        if not isinstance(command, click.Group) or word.startswith("-"):
            break
        assert word in command.commands, f"flask {' '.join(words)}: no command {word!r}"
        command = command.commands[word]
    return command


def check_flask_line(words: list[str]) -> None:
    command = flask_command(words)
    options = {name for param in command.params for name in param.opts}
    for word in words:
        if word.startswith("--"):
            assert word.split("=")[0] in options, f"flask {' '.join(words)}: no option {word}"


def dry_run(line: str) -> str:
    result = subprocess.run([*shlex.split(line), "-n"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_every_shell_line_is_run_or_checked_or_said_not_to_be(app_context):
    for line in shell_lines():
        words = shlex.split(line)
        if any(line.startswith(start) for start in NOT_RUN):
            continue
        if line.startswith(RUN_AS_PRODUCTION_STEPS):
            continue
        if words[0] == "make":
            dry_run(line)
        elif words[0] == ".venv/bin/flask":
            check_flask_line(words[1:])
        else:
            pytest.fail(f"the README shows {line!r}: run it in a test, check it here, or add it to NOT_RUN")


def test_make_run_serves_on_the_port_asked_for():
    assert "flask run --host 127.0.0.1 --port 8000" in dry_run("make run PORT=8000")
    assert "flask run --host 127.0.0.1 --port 5000" in dry_run("make run")


def test_each_api_address_shown_is_one_the_api_answers(app):
    adapter = app.url_map.bind("127.0.0.1:5000")
    for line in shell_lines():
        if not line.startswith("curl "):
            continue
        url = re.search(r"http://127\.0\.0\.1:5000(/[^\"' ]*)", line).group(1)
        method = "POST" if " -d " in line else "GET"
        endpoint, _ = adapter.match(url.split("?")[0], method=method)
        assert endpoint.startswith("api"), url


def test_each_address_in_the_text_is_a_page_of_the_app(app):
    """`/search?q=…`, `/api/v1/openapi.json`, http://127.0.0.1:8000/health: each answers a GET (`/api/v1`, a prefix
    of addresses, is left out)."""
    readme = (ROOT / "README.md").read_text()
    adapter = app.url_map.bind("127.0.0.1:5000")
    addresses = (re.findall(r"`(/[a-z][^`?…\s]*)", readme)
                 + re.findall(r"http://127\.0\.0\.1:\d+(/[a-z][^\s\"'`;)?]*)", readme))
    assert "/health" in addresses
    for address in set(addresses) - {"/api/v1"}:
        with contextlib.suppress(MethodNotAllowed):  # there, for another method (the curl lines' POSTs)
            adapter.match(address, method="GET")


def test_every_make_target_and_flask_command_named_in_the_text_exists(app_context):
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][a-z-]*):", makefile, flags=re.MULTILINE))
    for target in re.findall(r"`make ([a-z-]+)", readme):
        assert target in targets, f"the README names `make {target}`, which the Makefile lacks"
    for words in re.findall(r"`(?:[A-Z_]+=\S+ )?(?:\.venv/bin/)?flask ([^`]+)`", readme):
        words = [word for word in shlex.split(words.replace("<revision>", "REVISION")) if word != "..."]
        if words[0] != "run":  # Flask's own
            check_flask_line(words)
