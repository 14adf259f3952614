"""Matching words marked in a result's heading and snippet, with everything else escaped."""

from markupsafe import Markup, escape

from app.search.folding import fold_with_offsets

#: Characters of text shown around the first match.
SNIPPET = 200


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where ``words`` are in ``text``, as (start, end) in ``text`` itself, merged where they touch."""
    folded, starts, ends = fold_with_offsets(text)
    found: list[tuple[int, int]] = []
    for word in words:
        at = folded.find(word)
        while at != -1:
            found.append((starts[at], ends[at + len(word) - 1]))
            at = folded.find(word, at + len(word))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[tuple[int, int]], offset: int = 0) -> Markup:
    pieces: list[str] = []
    at = offset
    for start, end in spans:
        pieces += [escape(text[at:start]), Markup("<mark>"), escape(text[start:end]), Markup("</mark>")]
        at = end
    pieces.append(escape(text[at:]))
    return Markup("").join(pieces)


def highlighted(text: str, words: list[str]) -> Markup:
    """``text`` escaped, its matching words in <mark>."""
    return _marked(text, _spans(text, words))


def snippet(text: str, words: list[str]) -> Markup:
    """Some of ``text`` around its first match (its start when nothing matches), escaped and marked."""
    # A record's parts (a person's posts, a meeting's venue and who was there) each on a line: kept apart.
    text = " · ".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
    spans = _spans(text, words)
    start = max(0, spans[0][0] - SNIPPET // 3) if spans else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (spans[0][0] if spans else len(text)) else start
    end = min(len(text), start + SNIPPET)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    shown = [(max(s, start), min(e, end)) for s, e in spans if s < end and e > start]
    body = _marked(text[:end], shown, start)
    return Markup("").join(["…" if start else "", body, "…" if end < len(text) else ""])
