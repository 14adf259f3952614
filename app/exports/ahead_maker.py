"""The process that makes a period report's documents ahead of the click (``app.exports.ahead``), started for each
report page whose documents are not kept yet: ``python -m app.exports.ahead_maker JOB``.

It runs only when the CPU has nothing else to do (Linux's idle scheduling, else the lowest priority), until a
download waiting for its file hurries it. It reads no database: everything it lays out is in the job, the figures
the page showed. It lays them out as a download does, in English and for no one signed in, and ends itself if it
ever hangs.
"""

import json
import os
import signal
import sys
from pathlib import Path


def main(job_file: str) -> None:
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        os.nice(19)
    # Imported once last in line for the CPU: the app's modules are most of this process's work before the files.
    from flask_babel import force_locale

    from app import create_app
    from app.exports import period_file
    from app.exports.ahead import COPY, MAKING_SECONDS, forget_old, give_up, write_privately
    from app.languages import DEFAULT_LANGUAGE

    signal.alarm(MAKING_SECONDS)
    job_path = Path(job_file)
    job = json.loads(job_path.read_bytes())
    job_path.unlink()
    wanted = [(format, Path(path)) for format, path in job["wanted"]]
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


if __name__ == "__main__":
    main(sys.argv[1])
