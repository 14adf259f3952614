"""gunicorn serving a WSGI app of this checkout on the loopback interface, for one part of a benchmark."""

from __future__ import annotations

import http.client
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.database import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """``gunicorn <app>`` with the given environment; ``with`` starts it, waits until it answers, stops it."""

    def __init__(self, app: str, env: dict[str, str], *, workers: int, worker_class: str, probe: str, log: Path):
        self.app, self.env, self.workers, self.worker_class = app, env, workers, worker_class
        self.probe, self.log = probe, log
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "--workers", str(self.workers), "--worker-class", self.worker_class,
                 "--bind", f"127.0.0.1:{self.port}", "--timeout", "300", "--graceful-timeout", "10", self.app],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        try:
            self.wait_until_it_answers()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()

    def wait_until_it_answers(self, seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn ({self.app}) stopped while starting:\n{self.log.read_text()[-3000:]}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", self.probe)
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit(f"gunicorn ({self.app}) did not answer {self.probe} within {seconds:.0f} s; see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
