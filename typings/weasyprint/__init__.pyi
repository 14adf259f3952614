from collections.abc import Iterable

class URLFetcher:
    def __init__(self, *, allowed_protocols: Iterable[str] | None = None) -> None: ...

class HTML:
    def __init__(self, *, string: str, url_fetcher: URLFetcher | None = None) -> None: ...
    # With no target the document comes back as bytes (given a target, it is written there and None returned).
    # pdf_variant "pdf/ua-1" tags the document for screen readers and records PDF/UA in its metadata.
    def write_pdf(self, *, pdf_variant: str | None = None) -> bytes: ...
