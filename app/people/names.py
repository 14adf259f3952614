"""When two spellings of a name are the same person: "H.E. Dato' Astanah Abdul Aziz", "Astanah Abdul-Aziz" and
"ASTANAH ABDUL AZIZ" are one name; "Tiêu Văn" and "Tieu Van" too.

Accents, case, full stops, commas and apostrophes do not count, hyphens count as spaces, and the honorifics and
forms of address official reporting puts before a name are left out wherever they are written (in the honorific
or at the start of the full name).
"""

import re
import unicodedata

#: Words of address before a name (lower case, accents and punctuation dropped). "H.E." counts only with its full
#: stops, and "Tan", "Puan" and "Sri" only as part of a title: they are also family names.
HONORIFICS = frozenset({
    "excellency", "honourable", "honorable", "hon", "rt", "dato", "datuk", "datin", "tun", "pehin", "dr", "prof",
    "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "lord", "lady", "ambassador", "amb", "minister",
    "senator", "pengiran", "haji", "hajah", "hj",
})
TITLES = frozenset({("tan", "sri"), ("puan", "sri"), ("dato", "sri"), ("datuk", "seri"), ("toh", "puan"),
                    ("his", "excellency"), ("her", "excellency"), ("the", "honourable"), ("yang", "berhormat")})
#: Letters that are not a plain letter and an accent, so that dropping accents would lose them: "Đức" is "Duc".
LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "ß": "ss",
                         "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d"})
#: What is dropped from a word before it is compared: "Dato'", "Abdul-Aziz," and "Dr." lose these.
PUNCTUATION = re.compile(r"[.,'’‘`´]")


def _words(text: str) -> list[tuple[str, str]]:
    """Each word as written (accents dropped, lower case) and without its punctuation."""
    plain = unicodedata.normalize("NFKD", text.translate(LETTERS)).encode("ascii", "ignore").decode().casefold()
    return [(word, PUNCTUATION.sub("", word)) for word in plain.replace("-", " ").split()]


def _honorific_at(words: list[tuple[str, str]], start: int) -> int:
    """How many words from ``start`` make up an honorific: 0, 1 or 2."""
    pair = tuple(bare for _, bare in words[start:start + 2])
    if pair in TITLES:
        return 2
    written, bare = words[start]
    return 1 if bare in HONORIFICS or written in ("h.e.", "h.e") else 0


def name_key(full_name: str, honorific: str | None = None) -> str:
    """The name as compared: no honorifics, accents, case or punctuation. Honorifics are only left out from the
    start of the name, so a family name after them is kept; a name of honorifics alone is kept whole."""
    words = [(written, bare) for written, bare in _words(f"{honorific or ''} {full_name}") if bare]
    start = 0
    while start < len(words) and (skip := _honorific_at(words, start)) and start + skip < len(words):
        start += skip
    return " ".join(bare for _, bare in words[start:])
