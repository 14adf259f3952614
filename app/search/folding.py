"""Text as search compares it: accents and case ignored, punctuation a word break, the same for records and queries.

SQLite's FTS5 here cannot remove diacritics, and PostgreSQL's ``unaccent`` is an extension we would rather not need:
folding in Python, once, gives both databases the same text. Each character is folded on its own, so a position in
the folded text maps back to the original and a match can be highlighted where it was written.
"""

import re
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


#: Stands for a dot between two digits, which stays ("2.3.1" is one word); a private-use character no text holds.
_KEPT_DOT = "\ue000"
_DIGIT_DOT = re.compile(r"(?<=\d)\.(?=\d)")
#: Each character met so far, folded: "" for a mark that goes, " " for a word break. Indexing folds every record,
#: so a character is worked out once and the text is then folded by ``str.translate``.
_FOLDED: dict[int, str] = {ord(_KEPT_DOT): "."}


def _fold_char(char: str) -> str:
    if not _is_word_char(char):
        return " "
    lowered = char.casefold()
    if lowered in _PLAIN_LETTERS:
        return _PLAIN_LETTERS[lowered]
    decomposed = unicodedata.normalize("NFKD", lowered)
    kept = "".join(c for c in decomposed if not _dropped(c) and _is_word_char(c))
    return "".join(_PLAIN_LETTERS.get(c, c) for c in kept.casefold())


def _table_for(text: str) -> dict[int, str]:
    for char in set(text):
        if ord(char) not in _FOLDED:
            _FOLDED[ord(char)] = _fold_char(char)
    return _FOLDED


def fold_with_offsets(text: str) -> tuple[str, list[int], list[int]]:
    """The folded text (as ``fold``), and for each of its characters where its source starts and ends in ``text``."""
    marked = _DIGIT_DOT.sub(_KEPT_DOT, text)
    table = _table_for(marked)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pending_space = False
    for index, char in enumerate(marked):
        folded = table[ord(char)]
        if folded == " ":
            pending_space = bool(out)
            continue
        if not folded:
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
    """``text`` folded for searching: "Nguyễn Văn Đức" reads "nguyen van duc". Words are separated by one space; a
    dot between two digits stays, so "2.3.1" is one word."""
    if not text:
        return ""
    marked = _DIGIT_DOT.sub(_KEPT_DOT, text)
    return " ".join(marked.translate(_table_for(marked)).split())


def query_words(query: str) -> list[str]:
    """The words of a query, folded, each once: every character that is not part of a word is a plain break, so
    quotes, stars, colons, brackets and minus signs are never read as search syntax."""
    words: list[str] = []
    for word in fold(query).split():
        word = word.strip(".")[:MAX_WORD_LENGTH]
        if word and word not in words:
            words.append(word)
    return words[:MAX_WORDS]
