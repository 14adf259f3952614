"""The process that makes a period report's documents ahead of the click (``app.exports.ahead``), started for each
report page whose documents are not kept yet: ``python -m app.exports.ahead_maker JOB``.

It runs only when the CPU has nothing else to do (Linux's idle scheduling, else the lowest priority). Idle scheduling
alone is not enough: laying out a long report runs through a lot of memory, which the pages the server answers
meanwhile share, and on a machine of two cores they were measurably slower. So on Linux it first waits for a quiet
moment, the machine nearly idle for half a second as it is while someone reads the report page, unless a download
already waits for one of its files (``asked_for``). It reads no database: everything it lays out is in the job, the
figures the page showed. It lays them out as a download does, in English and for no one signed in, and ends itself
if it ever hangs.

Imports nothing of the app before its wait: the app's modules are most of its work before the files.
"""

import json
import os
import signal
import sys
import time
from pathlib import Path

#: A maker that has not finished by then is taken to have failed (its mark of a file being made goes stale), and
#: another may start; it ends itself then.
MAKING_SECONDS = 120
#: A quiet moment: the machine's CPUs idle this share of the time for this long, as measured every ``QUIET_STEP``.
QUIET_SHARE, QUIET_SECONDS, QUIET_STEP = 0.8, 0.5, 0.1
#: However busy the machine, the files are made once it has waited this long, still last in line for the CPU: well
#: inside ``MAKING_SECONDS``, which counts from the start.
LONGEST_WAIT_SECONDS = 30.0


def asked_for(path: Path) -> Path:
    """The mark of a file a download is waiting for, there while it waits (``ahead.wait_for``)."""
    return path.with_name(f"{path.name}.wanted")


def main(job_file: str) -> None:
    signal.alarm(MAKING_SECONDS)
    job_path = Path(job_file)
    job = json.loads(job_path.read_bytes())
    job_path.unlink()
    wanted = [(format, Path(path)) for format, path in job["wanted"]]
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
        wait_for_a_quiet_moment([path for _format, path in wanted])
    except (AttributeError, OSError):
        os.nice(19)
    from flask_babel import force_locale

    from app import create_app
    from app.exports import period_file
    from app.exports.ahead import COPY, forget_old, give_up, write_privately
    from app.languages import DEFAULT_LANGUAGE

    # No database: a template that asked for one would fail here rather than reach the server's.
    app = create_app(job["config"], DESK_NAME=job["desk_name"], SQLALCHEMY_DATABASE_URI="sqlite://")
    with app.test_request_context(), force_locale(DEFAULT_LANGUAGE):
        for format, path in wanted:
            try:
                write_privately(path, period_file(job["report"], format, copy=COPY).data)
            except Exception:
                # The download makes the file on the click, and meets the same problem in front of someone.
                app.logger.exception("The %s of a report could not be made ahead", format)
            finally:
                give_up([(format, path)])
        forget_old(job_path.parent)


def wait_for_a_quiet_moment(files: list[Path]) -> None:
    """Returns once the machine has been quiet for ``QUIET_SECONDS``, a download waits for one of ``files``, or
    after ``LONGEST_WAIT_SECONDS``."""
    deadline = time.monotonic() + LONGEST_WAIT_SECONDS
    quiet_since: float | None = None
    before = cpu_times()
    while not any(asked_for(file).exists() for file in files) and time.monotonic() < deadline:
        step_began = time.monotonic()
        time.sleep(QUIET_STEP)
        now = cpu_times()
        idle, total = now[0] - before[0], now[1] - before[1]
        before = now
        if total > 0 and idle < QUIET_SHARE * total:
            quiet_since = None
            continue
        if quiet_since is None:
            quiet_since = step_began
        if time.monotonic() - quiet_since >= QUIET_SECONDS:
            return


def cpu_times() -> tuple[int, int]:
    """The machine's CPU time so far, idle and in all, in Linux's ticks (its ``/proc/stat``)."""
    with open("/proc/stat") as stat:
        _cpu, *ticks = stat.readline().split()
    counts = [int(tick) for tick in ticks[:8]]  # user, nice, system, idle, iowait, irq, softirq, steal
    return counts[3] + counts[4], sum(counts)


if __name__ == "__main__":
    main(sys.argv[1])
