"""The process that makes a report's files ahead waits for a quiet moment before it starts, unless a download
hurries it, and never longer than it may."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.exports import ahead_maker
from app.exports.ahead import hurry

pytestmark = pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="idle scheduling is Linux's")


@pytest.fixture
def machine(monkeypatch):
    """A machine whose CPUs are idle the given share of each step of the wait, in turn; the last share holds."""
    monkeypatch.setattr(ahead_maker, "QUIET_STEP", 0.01)
    monkeypatch.setattr(ahead_maker, "QUIET_SECONDS", 0.05)
    monkeypatch.setattr(ahead_maker, "LONGEST_WAIT_SECONDS", 0.5)
    shares: list[float] = []
    ticks = {"idle": 0, "total": 0}

    def cpu_times():
        share = shares.pop(0) if len(shares) > 1 else shares[0]
        ticks["idle"] += round(share * 200)
        ticks["total"] += 200  # two CPUs, a hundred ticks a second each
        return ticks["idle"], ticks["total"]

    monkeypatch.setattr(ahead_maker, "cpu_times", cpu_times)
    return shares


def waited() -> float:
    started = time.monotonic()
    ahead_maker.wait_for_a_quiet_moment()
    return time.monotonic() - started


def test_it_starts_once_the_machine_has_been_quiet_long_enough(machine, monkeypatch):
    monkeypatch.setattr(ahead_maker, "hurried", lambda: False)
    # Busy (a page being served: a quarter idle) for ten steps, then quiet (all but 5 % idle).
    machine.extend([0.25] * 11 + [0.95])
    took = waited()
    assert 0.1 + 0.05 <= took < 0.5


def test_a_busy_machine_holds_it_back_until_the_longest_wait(machine, monkeypatch):
    monkeypatch.setattr(ahead_maker, "hurried", lambda: False)
    machine.append(0.5)
    assert 0.5 <= waited() < 0.8


def test_a_download_waiting_for_its_file_starts_it_at_once(machine, monkeypatch):
    machine.append(0.25)
    asked = time.monotonic() + 0.1
    monkeypatch.setattr(ahead_maker, "hurried", lambda: time.monotonic() >= asked)
    assert 0.1 <= waited() < 0.3


def test_a_download_hurries_the_maker_out_of_its_idle_priority(tmp_path):
    """The two sides as they meet: a process at idle priority, and a download's ``hurry`` of the pid in its mark."""
    maker = subprocess.Popen(
        [sys.executable, "-c", "import os, sys; from app.exports.ahead_maker import hurried;"
         "os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0)); print(hurried(), flush=True);"
         "sys.stdin.readline(); print(hurried(), flush=True)"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        assert maker.stdout.readline() == "False\n"
        making = tmp_path / "report.pdf.making"
        making.write_text(str(maker.pid))
        hurry(making)
        maker.stdin.write("\n")
        maker.stdin.flush()
        assert maker.stdout.readline() == "True\n"
    finally:
        maker.kill()
        maker.wait()
