"""A period report's documents made ahead of the click.

Laying out a long report takes seconds (WeasyPrint lays out every line of every page; python-docx builds every
cell), while a desk officer reads the report page first. So when the page has gone to the reader, the copy to send
of its PDF and Word document is made from the very figures on the page, by a process of its own
(``app.exports.ahead_maker``) that runs only when the CPU has nothing else to do, until a download waits for it, and
kept in a folder (``REPORT_FILES_AHEAD_DIR``). A download builds the figures again, as it always does, and sends the
kept file when they are the same; otherwise it makes the file on the click, as without this.

A kept file is named by a fingerprint of all it is made from: the figures (less the minute they were worked out:
the file says it was prepared then), the format and copy, the desk's name, and the code that lays it out. Any change
to the data that the report shows changes its figures, so a kept file never shows older data than the download
would, and reaches only someone whose own figures are the same (restricted notes included or not). Files are kept a
day.
"""

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from flask import current_app

from app.exports import DOCUMENT_FORMATS, ExportFile, file_stem, period_file
from app.exports.ahead_maker import MAKING_SECONDS, asked_for
from app.exports.copies import Copy
from app.exports.pdf import MIME_TYPE as PDF
from app.exports.pdf import pdf_available
from app.exports.word import MIME_TYPE as WORD
from app.reports.period_figures import PeriodFigures

#: Only the copy to send is made ahead: the desk's working copy is asked for less often.
COPY = Copy.RECIPIENT
KEPT_SECONDS = 24 * 3600
#: How long a download waits for a file being made, checking this often, before making its own.
WAIT_SECONDS, WAIT_STEP = 30.0, 0.05
CODE = Path(__file__).resolve().parents[1]


def folder() -> Path | None:
    configured = current_app.config.get("REPORT_FILES_AHEAD_DIR")
    return Path(configured) if configured else None


@cache
def code_stamp() -> str:
    """The code that lays out the files, as this process loaded it (see the call below): a kept file made by other
    code (before an upgrade) is not the file this code would make."""
    stamps = sorted(f"{path.relative_to(CODE)}:{path.stat().st_mtime_ns}" for path in code_files())
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


def code_files() -> Iterator[Path]:
    for pattern in ("**/*.py", "templates/**/*.html", "templates/**/*.css", "translations/**/*.mo"):
        yield from CODE.glob(pattern)


# Stamped as the server process loads this code, not at its first report: files changed by an upgrade while it
# runs must not be taken for the code it runs.
code_stamp()


def fingerprint(report: PeriodFigures, copy: Copy) -> str:
    """What the files of ``report`` in ``copy`` are made from, in a few characters; a file's name adds its format."""
    figures = dict(report)
    figures["generated_at"] = report["generated_at"][:10]  # the day, not the minute
    made_from = [figures, copy.value, current_app.config["DESK_NAME"], code_stamp()]
    return hashlib.sha256(json.dumps(made_from, sort_keys=True, default=str).encode()).hexdigest()


def kept_or_made(report: PeriodFigures, format: str, copy: Copy) -> ExportFile:
    """The file of ``report`` in ``format``: the one made ahead of the click when it shows the same, else made now."""
    where = folder()
    if where is None or format not in DOCUMENT_FORMATS or copy is not COPY:
        return period_file(report, format, copy=copy)
    path = where / f"{fingerprint(report, copy)}.{format}"
    try:
        if wait_for(path):
            return ExportFile(path.read_bytes(), PDF if format == "pdf" else WORD, f"{file_stem(report)}.{format}")
    except OSError:  # a folder that cannot be read: as if nothing were kept
        current_app.logger.exception("A report's kept %s could not be read from %s", format, where)
    return period_file(report, format, copy=copy)


def wait_for(path: Path) -> bool:
    """True once ``path`` is kept; while its maker is at work (not for longer than it may take), hurries it and
    waits for it."""
    making, wanted = being_made(path), asked_for(path)
    deadline = time.monotonic() + WAIT_SECONDS
    try:
        while not path.exists():
            if not is_fresh(making, MAKING_SECONDS) or time.monotonic() > deadline:
                return False
            # Again at each step: another download waiting for the same file may have taken the mark away as it
            # left, and a maker only just started may not have taken its idle priority yet.
            wanted.touch()
            hurry(making)
            time.sleep(WAIT_STEP)
        return True
    finally:
        wanted.unlink(missing_ok=True)


def being_made(path: Path) -> Path:
    """The mark of a file being made, there while its maker is at work."""
    return path.with_name(f"{path.name}.making")


def is_fresh(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime < seconds
    except FileNotFoundError:
        return False


def make_ahead(report: PeriodFigures) -> None:
    """Starts making the documents of ``report`` (the page's figures) that are not kept yet, and returns at once."""
    where = folder()
    if where is None:
        return
    formats = [format for format in DOCUMENT_FORMATS if format != "pdf" or pdf_available()]
    name = fingerprint(report, COPY)
    wanted: list[tuple[str, Path]] = []
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        for format in formats:
            path = where / f"{name}.{format}"
            if not path.exists() and claimed(being_made(path)):
                wanted.append((format, path))
        if not wanted:
            return
        job = where / f"{name}.job"
        write_privately(job, json.dumps({
            "report": report, "wanted": [[format, str(path)] for format, path in wanted],
            "config": current_app.config["CONFIG_NAME"], "desk_name": current_app.config["DESK_NAME"],
        }).encode())
        # A process of its own, started afresh: it shares nothing with this server process (no open connection or
        # socket, no memory to copy) and outlives the request.
        maker = subprocess.Popen([sys.executable, "-m", "app.exports.ahead_maker", str(job)], cwd=CODE.parent,
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, start_new_session=True)
        for _format, path in wanted:
            being_made(path).write_text(str(maker.pid))  # for a download that would hurry it
    except OSError:
        # A folder that cannot be written, or no process to spare: the downloads make their files on the click.
        current_app.logger.exception("A report's files could not be made ahead in %s", where)
        give_up(wanted)


def write_privately(path: Path, data: bytes) -> None:
    """Written whole or not at all (for a download that reads it meanwhile), readable by this account alone: a
    report may hold restricted notes."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.part")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
    temporary.replace(path)


def give_up(wanted: list[tuple[str, Path]]) -> None:
    """No download waits for files that will not be made."""
    for _format, path in wanted:
        being_made(path).unlink(missing_ok=True)


def claimed(making: Path) -> bool:
    """True when this process may make the file: no other is making it (or the one that was has given up)."""
    try:
        making.touch(exist_ok=False)
        return True
    except FileExistsError:
        if is_fresh(making, MAKING_SECONDS):
            return False
        making.touch()
        return True


def hurry(making: Path) -> None:
    """Someone is waiting for the file: its maker runs from now on as any other process does, where this server may
    raise its priority (Linux allows it to a process without privileges only within its limit, ``ulimit -e``). It
    starts at once either way: it sees the file asked for (``wait_for``)."""
    # Not Linux, not allowed, the maker has just finished, or its number is not written yet: it goes on as it was.
    with contextlib.suppress(AttributeError, OSError, ValueError):
        os.sched_setscheduler(int(making.read_text()), os.SCHED_OTHER, os.sched_param(0))


def forget_old(where: Path) -> None:
    """The files kept longer than a day, and what makers left behind; nothing else the folder may hold."""
    for path in where.iterdir():
        if path.suffix in (".pdf", ".docx", ".making", ".wanted", ".job", ".part") and not is_fresh(path, KEPT_SECONDS):
            path.unlink(missing_ok=True)
