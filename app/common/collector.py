"""Reports and their files build tens of thousands of short-lived objects (rows, boxes of a PDF layout, cells of a
spreadsheet). Python's cycle collector runs every few hundred new objects and walks all the young ones again each
time, a large share of a big report's time (benchmarks/results/ has the figures). While a report is built the
collector waits; whatever cycles it leaves are collected as usual once it is done."""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_builders = 0
_we_paused = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Usable as ``with collector_paused():`` and as a decorator. Requests on several threads share one collector:
    it resumes when the last of them is done, and is left alone where something else had switched it off."""
    global _builders, _we_paused
    with _lock:
        _builders += 1
        if _builders == 1 and gc.isenabled():
            gc.disable()
            _we_paused = True
    try:
        yield
    finally:
        with _lock:
            _builders -= 1
            if _builders == 0 and _we_paused:
                _we_paused = False
                gc.enable()
