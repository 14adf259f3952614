"""The process that makes a report's files ahead waits for a quiet moment before it starts, unless a download already
waits for one of its files, and never longer than it may."""

import threading
import time

import pytest

from app.exports import ahead_maker
from app.exports.ahead import being_made, wait_for


class Machine:
    """A clock that moves only when the maker sleeps, and CPUs idle the given share of each step, in turn (the last
    share holds); ``asked_at``: when a download starts waiting for ``file``."""

    def __init__(self, shares: list[float], file, asked_at: float | None = None):
        self.shares, self.file, self.asked_at = shares, file, asked_at
        self.milliseconds = 0  # whole milliseconds, so that the sums of steps are exact
        self.idle = self.total = 0

    def monotonic(self) -> float:
        return self.milliseconds / 1000

    def sleep(self, seconds: float) -> None:
        self.milliseconds += round(seconds * 1000)
        if self.asked_at is not None and self.monotonic() >= self.asked_at:
            ahead_maker.asked_for(self.file).touch()

    def cpu_times(self) -> tuple[int, int]:
        share = self.shares.pop(0) if len(self.shares) > 1 else self.shares[0]
        self.idle += round(share * 20)
        self.total += 20  # two CPUs, a hundred ticks a second each, over a step of a tenth of a second
        return self.idle, self.total


@pytest.fixture
def machine(monkeypatch, tmp_path):
    def on(shares: list[float], asked_at: float | None = None) -> Machine:
        machine = Machine(shares, tmp_path / "report.pdf", asked_at)
        monkeypatch.setattr(ahead_maker, "time", machine)
        monkeypatch.setattr(ahead_maker, "cpu_times", machine.cpu_times)
        return machine
    return on


def test_it_starts_once_the_machine_has_been_quiet_for_half_a_second(machine):
    # The first reading is the baseline; then ten steps busy (a page being served: a quarter idle), then quiet.
    busy_then_quiet = machine([0.0] + [0.25] * 10 + [0.95])
    ahead_maker.wait_for_a_quiet_moment([busy_then_quiet.file])
    assert busy_then_quiet.monotonic() == 1.0 + 0.5


def test_a_moment_busy_starts_the_quiet_half_second_again(machine):
    blip = machine([0.0] + [0.95] * 3 + [0.5] + [0.95])
    ahead_maker.wait_for_a_quiet_moment([blip.file])
    assert blip.monotonic() == 0.4 + 0.5


def test_a_busy_machine_holds_it_back_until_the_longest_wait(machine):
    busy = machine([0.5])
    ahead_maker.wait_for_a_quiet_moment([busy.file])
    assert busy.monotonic() == ahead_maker.LONGEST_WAIT_SECONDS == 30.0


def test_a_download_waiting_for_a_file_starts_it_at_once(machine):
    busy = machine([0.25], asked_at=0.3)
    ahead_maker.wait_for_a_quiet_moment([busy.file])
    assert busy.monotonic() == 0.3


def test_a_download_marks_the_file_it_waits_for_while_it_waits_and_not_after(tmp_path):
    """The server's side: the mark the maker looks for, whatever the priority the server may give it."""
    file = tmp_path / "report.pdf"
    being_made(file).write_text("")  # a maker's mark, its number not written yet: nothing to hurry
    kept: list[bool] = []
    download = threading.Thread(target=lambda: kept.append(wait_for(file)))
    download.start()
    try:
        deadline = time.monotonic() + 10
        while not ahead_maker.asked_for(file).exists():
            assert time.monotonic() < deadline, "the download left no mark of the file it waits for"
            time.sleep(0.01)
        file.write_bytes(b"%PDF")  # the maker done
    finally:
        download.join(timeout=10)
    assert kept == [True]
    assert not ahead_maker.asked_for(file).exists()
