"""Two posts at the same instant, on real threads against the real database.

Started together is not enough to meet: one request may finish before the other has begun to write. So each
racing request waits at its first flush, after it has read and checked everything and before it writes anything,
until the other has got there too; from there the database alone decides who wins, as it would in production.
"""

import threading
from collections.abc import Callable

import sqlalchemy as sa
from werkzeug.datastructures import MultiDict

from app.extensions import db
from tests.conflicts.editors import forms_of

#: Long enough for a request on a loaded machine, short enough that a request that never writes fails the round
#: (the other one then breaks the barrier and answers 500) rather than hanging the run.
WAIT_SECONDS = 20


def race(*posts: Callable):
    """Run ``posts`` (each a call that makes one request) at the same moment; their answers, in order."""
    at_the_flush = threading.Barrier(len(posts), timeout=WAIT_SECONDS)
    at_the_start = threading.Barrier(len(posts), timeout=WAIT_SECONDS)
    racing: set[int] = set()
    answers: list = [None] * len(posts)
    failures: list[BaseException] = []

    def meet_before_writing(_session, _context, _instances):
        me = threading.get_ident()
        if me in racing:
            racing.discard(me)  # only the first flush: the later ones write what this request already holds
            at_the_flush.wait()

    def run(index: int, post: Callable):
        racing.add(threading.get_ident())
        try:
            at_the_start.wait()
            answers[index] = post()
        except BaseException as error:  # noqa: BLE001 - handed to the test's thread below
            failures.append(error)

    sa.event.listen(db.session, "before_flush", meet_before_writing)
    try:
        threads = [threading.Thread(target=run, args=(i, post)) for i, post in enumerate(posts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sa.event.remove(db.session, "before_flush", meet_before_writing)
    if failures:
        raise failures[0]
    return answers


def form_on(html: str, field: str) -> MultiDict:
    """What a browser sends for the page's form that has ``field``, if Save is pressed without changes."""
    return next(form for form in forms_of(html) if field in form)


def filled(form: MultiDict, **typed) -> MultiDict:
    data = MultiDict(form)
    for name, value in typed.items():
        data.setlist(name.replace("__", "-"), [value])
    return data
