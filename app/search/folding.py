"""Text as search compares it: accents and case ignored, punctuation a word break, the same for records and queries.

SQLite's FTS5 here cannot remove diacritics, and PostgreSQL's ``unaccent`` is an extension we would rather not need:
folding in Python, once, gives both databases the same text. Each character is folded on its own, so a position in
the folded text maps back to the original and a match can be highlighted where it was written.
"""

import unicodedata

#: Marks dropped after decomposition: accents on Latin, Greek and Cyrillic letters, and Arabic vowel signs (an Urdu
#: name is written with or without them). Thai and Indic vowel signs are letters of the word, so they stay.
_DROPPED_MARKS = (
    (0x0300, 0x036F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F),
    (0x064B, 0x065F), (0x0670, 0x0670),
)
#: Letters that do not decompose but are read as a plain letter: "Đức" is searched as "duc".
_PLAIN_LETTERS = {"đ": "d", "ð": "d", "ø": "o", "ł": "l", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
#: A query's words beyond this many are ignored, and each word is cut to this length.
MAX_WORDS = 8
MAX_WORD_LENGTH = 60


def _dropped(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _DROPPED_MARKS)


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def _fold_char(char: str) -> str:
    lowered = char.casefold()
    if lowered in _PLAIN_LETTERS:
        return _PLAIN_LETTERS[lowered]
    decomposed = unicodedata.normalize("NFKD", lowered)
    kept = "".join(c for c in decomposed if not _dropped(c) and _is_word_char(c))
    return "".join(_PLAIN_LETTERS.get(c, c) for c in kept.casefold())


def fold_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """The folded text, and for each of its characters where its source starts and ends in ``text``.

    Words are separated by one space; a dot between two digits stays, so "2.3.1" is one word.
    """
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pending_space = False
    for index, char in enumerate(text):
        folded = _fold_char(char) if _is_word_char(char) else ""
        if not folded and char == "." and out and out[-1].isdigit() and text[index + 1:index + 2].isdigit():
            folded = "."
        if not folded:
            pending_space = bool(out) and (pending_space or not _is_word_char(char))
            continue
        if pending_space:
            out.append(" ")
            starts.append(index)
            ends.append(index)
            pending_space = False
        for piece in folded:
            out.append(piece)
            starts.append(index)
            ends.append(index + 1)
    return "".join(out), starts, ends


def fold(text: str | None) -> str:
    """``text`` folded for searching: "Nguyễn Văn Đức" reads "nguyen van duc"."""
    return fold_with_offsets(text)[0] if text else ""


def query_words(query: str) -> list[str]:
    """The words of a query, folded, each once: every character that is not part of a word is a plain break, so
    quotes, stars, colons, brackets and minus signs are never read as search syntax."""
    words: list[str] = []
    for word in fold(query).split():
        word = word.strip(".")[:MAX_WORD_LENGTH]
        if word and word not in words:
            words.append(word)
    return words[:MAX_WORDS]
