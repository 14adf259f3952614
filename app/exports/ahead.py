"""A period report's documents made ahead of the click.

Laying out a long report takes seconds (WeasyPrint lays out every line of every page; python-docx builds every
cell), while a desk officer reads the report page first. So when the page is shown, the copy to send of its PDF and
Word document is made from the very figures on the page, in a process of its own that runs only when the CPU has
nothing else to do (the pages others ask for meanwhile come first), and kept in a folder
(``REPORT_FILES_AHEAD_DIR``). A download builds the figures again, as it always does, and sends the kept file when
they are the same; otherwise it makes the file on the click, as without this.

A kept file is named by a fingerprint of all it is made from: the figures (less the minute they were worked out:
the file says it was prepared then), the format and copy, the desk's name, and the code that lays it out. Any change
to the data that the report shows changes its figures, so a kept file never shows older data than the download
would, and reaches only someone whose own figures are the same (restricted notes included or not). Files are kept a
day.
"""

import hashlib
import json
import os
import signal
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from flask import current_app

from app.exports import DOCUMENT_FORMATS, ExportFile, file_stem, period_file
from app.exports.copies import Copy
from app.exports.pdf import MIME_TYPE as PDF
from app.exports.pdf import pdf_available
from app.exports.word import MIME_TYPE as WORD
from app.extensions import db
from app.reports.period_figures import PeriodFigures

#: Only the copy to send is made ahead: the desk's working copy is asked for less often.
COPY = Copy.RECIPIENT
KEPT_SECONDS = 24 * 3600
#: A maker that has not finished by then is taken to have failed, and another may start.
MAKING_SECONDS = 120
#: How long a download waits for a file being made, checking this often, before making its own.
WAIT_SECONDS, WAIT_STEP = 30.0, 0.05
CODE = Path(__file__).resolve().parents[1]


def folder() -> Path | None:
    configured = current_app.config.get("REPORT_FILES_AHEAD_DIR")
    return Path(configured) if configured else None


@cache
def code_stamp() -> str:
    """The code that lays out the files, as of this process's start: a kept file made by other code (before an
    upgrade) is not the file this code would make."""
    stamps = sorted(f"{path.relative_to(CODE)}:{path.stat().st_mtime_ns}" for path in code_files())
    return hashlib.sha256("\n".join(stamps).encode()).hexdigest()


def code_files() -> Iterator[Path]:
    for pattern in ("**/*.py", "templates/**/*.html", "templates/**/*.css", "translations/**/*.mo"):
        yield from CODE.glob(pattern)


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
    """True once ``path`` is kept; while its maker is at work (not for longer than it may take), waits for it."""
    making = being_made(path)
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists():
        if not is_fresh(making, MAKING_SECONDS) or time.monotonic() > deadline:
            return False
        time.sleep(WAIT_STEP)
    return True


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
    if where is None or not hasattr(os, "fork"):  # a system without fork makes every file on the click
        return
    formats = [format for format in DOCUMENT_FORMATS if format != "pdf" or pdf_available()]
    name = fingerprint(report, COPY)
    wanted: list[tuple[str, Path]] = []
    try:
        for format in formats:
            path = where / f"{name}.{format}"
            if not path.exists() and claimed(being_made(path)):
                wanted.append((format, path))
        if not wanted:
            return
        # Two forks, so that the maker belongs to no one who must wait for it: the first child leaves at once.
        child = os.fork()
    except OSError:
        # A folder that cannot be written, or no process to spare: the downloads make their files on the click.
        current_app.logger.exception("A report's files could not be made ahead in %s", where)
        give_up(wanted)
        return
    if child:
        os.waitpid(child, 0)
        return
    try:
        if os.fork() == 0:
            make_in_this_process(report, wanted, where)
    except OSError:
        give_up(wanted)
    finally:
        os._exit(0)


def give_up(wanted: list[tuple[str, Path]]) -> None:
    """No download waits for files that will not be made."""
    for _format, path in wanted:
        being_made(path).unlink(missing_ok=True)


def claimed(making: Path) -> bool:
    """True when this process may make the file: no other is making it (or the one that was has given up)."""
    making.parent.mkdir(parents=True, exist_ok=True)
    try:
        making.touch(exist_ok=False)
        return True
    except FileExistsError:
        if is_fresh(making, MAKING_SECONDS):
            return False
        making.touch()
        return True


def make_in_this_process(report: PeriodFigures, wanted: list[tuple[str, Path]], where: Path) -> None:
    """In the forked maker: its own connections if it needs any (the server's stay the server's), last in line for
    the CPU (Linux's idle scheduling, else the lowest priority), and ended by the system if it ever hangs."""
    db.engine.dispose(close=False)
    try:  # Linux: run only when no other process wants the CPU
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        os.nice(19)
    signal.signal(signal.SIGALRM, signal.SIG_DFL)
    signal.alarm(MAKING_SECONDS)
    for format, path in wanted:
        try:
            data = period_file(report, format, copy=COPY).data
            temporary = path.with_name(f"{path.name}.{os.getpid()}.part")
            temporary.write_bytes(data)
            temporary.replace(path)  # whole or not at all, for a download that reads it meanwhile
        except Exception:
            # The download makes the file on the click, and meets the same problem in front of someone.
            current_app.logger.exception("The %s of a report could not be made ahead", format)
        finally:
            give_up([(format, path)])
    forget_old(where)


def forget_old(where: Path) -> None:
    for path in where.iterdir():
        if not is_fresh(path, KEPT_SECONDS):
            path.unlink(missing_ok=True)
