"""Searching as the results page does, and reading what a results page shows."""

import re
from datetime import date

from flask import current_app

from app.models import SearchKind
from app.search.folding import query_words
from app.search.services import Results, SearchQuery, search

HIT = re.compile(r'<a class="fw-bold" href="([^"]+)">(.*?)</a>', re.S)
SECTION = re.compile(r'<section aria-labelledby="kind-([a-z_]+)"(.*?)</section>', re.S)


def results(text: str, *, restricted: bool = True, kind: SearchKind | None = None, partnership_id: int | None = None,
            from_on: date | None = None, to_on: date | None = None, archived: bool = False, page: int = 1) -> Results:
    with current_app.test_request_context():
        return search(SearchQuery(query_words(text), kind, partnership_id, from_on, to_on, archived, page),
                      restricted=restricted)


def titles(text: str, **options) -> dict[str, list[str]]:
    """Each kind found, with the headings of its results as shown (marks taken out), best first."""
    found = results(text, **options)
    return {group.kind.value: [hit.title.striptags() for hit in group.hits] for group in found.groups}


def page_hits(html: str) -> dict[str, list[tuple[str, str]]]:
    """Each kind on a results page, with the address and heading (as HTML) of each of its results."""
    return {kind: HIT.findall(body) for kind, body in SECTION.findall(html)}
