"""Reports and their files build tens of thousands of short-lived objects (rows, boxes of a PDF layout, cells of a
spreadsheet). Python's cycle collector runs every few hundred new objects and walks all the young ones again each
time, a large share of a big report's time (benchmarks/results/ has the figures). While a report is built the
collector waits; whatever cycles it leaves are collected as usual once it is done."""

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec

from flask import make_response
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

_lock = threading.Lock()
_builders = 0
_we_paused = False
P = ParamSpec("P")


def _pause() -> None:
    global _builders, _we_paused
    with _lock:
        _builders += 1
        if _builders == 1 and gc.isenabled():
            gc.disable()
            _we_paused = True


def _resume() -> None:
    global _builders, _we_paused
    with _lock:
        _builders -= 1
        if _builders == 0 and _we_paused:
            _we_paused = False
            gc.enable()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Usable as ``with collector_paused():`` and as a decorator. Requests on several threads share one collector:
    it resumes when the last of them is done, and is left alone where something else had switched it off."""
    _pause()
    try:
        yield
    finally:
        _resume()


class _UntilSent:
    """One page's pause, ended once: when the server closes its response, or at the start of the next request."""

    def __init__(self) -> None:
        self.ended = False
        _pause()

    def end(self) -> None:
        with _lock:
            if self.ended:
                return
            self.ended = True
            if self in _unsent:
                _unsent.remove(self)
        _resume()


#: Pauses of pages built and not yet sent.
_unsent: list[_UntilSent] = []


def collector_paused_until_sent(view: Callable[P, ResponseReturnValue]) -> Callable[P, Response]:
    """A view whose collector stays paused until its page has been sent, not only while it is built. Resumed as the
    view returns, the collector's first pass would walk the whole report again, still held by the response (for
    the files made ahead once it is sent), inside the request: every few requests a reader waited for it."""
    @wraps(view)
    def paused(*args: P.args, **kwargs: P.kwargs) -> Response:
        pause = _UntilSent()
        try:
            response = make_response(view(*args, **kwargs))
        except BaseException:
            pause.end()
            raise
        with _lock:
            _unsent.append(pause)
        response.call_on_close(pause.end)
        return response
    return paused


def end_unsent_pauses() -> None:
    """Run as each request starts: a page whose response was never closed (left so by a test client or a broken
    connection) does not keep the collector off."""
    with _lock:
        pending = list(_unsent)
    for pause in pending:
        pause.end()
