"""Whether a PDF draws every character it holds with a font that has it, rather than an empty box (.notdef).

Read with pypdf: the text of each run of glyphs (through the font's ToUnicode map) and the font it is drawn with.
Each character is then looked up in the installed font of that name (fontTools reads its character map): a font
that lacks the character drew a box, whatever text the PDF maps it back to. Works for WeasyPrint's PDFs and for
LibreOffice's (fonts named "ABCDEF+Noto-Sans-Thai" or "BAAAAA+NotoSansCJKjp-Regular-VKana").
"""

import io
import re
import subprocess
import unicodedata
from collections import defaultdict
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont
from pypdf import PdfReader

#: A name or phrase in each script a partner's records come in; Urdu with its own letters ہ and ے.
SCRIPTS = {
    "Thai": "ความร่วมมือ",
    "Urdu": "پاکستان کے ساتھ تعاون ہے",
    "Chinese": "中国东盟合作",
    "Emoji": "🤝🌏",
}
#: The fonts the PDF's style sheet names (app/templates/exports/print.css) and the system's fallback for emoji.
FONTS = ("Noto Sans", "Noto Sans Thai", "Noto Naskh Arabic", "Noto Sans CJK SC", "Noto Color Emoji")
FONT_PACKAGES = "apt-get install fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji"
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
#: Unicode categories of no visible character: controls, unassigned, lone surrogates.
NO_CHARACTER = {"Cc", "Cn", "Cs"}
#: A private-use character is a symbol font's: Word's bullet (U+F0B7 of Symbol), which LibreOffice draws as the
#: bullet of its own OpenSymbol. Never the text of a report, so not looked up.
PRIVATE_USE = "Co"


def installed_families() -> set[str]:
    try:
        listed = subprocess.run(["fc-list", "--format", "%{family}\n"], capture_output=True, text=True,
                                check=False).stdout
    except FileNotFoundError:
        return set()
    return {family.strip() for line in listed.splitlines() for family in line.split(",")}


def missing_fonts() -> list[str]:
    return [family for family in FONTS if family not in installed_families()]


def normalised(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@cache
def installed_fonts() -> dict[str, tuple[str, int]]:
    """Each installed font's PostScript name (normalised) and family with style: (file, index in a collection)."""
    fields = "%{file}\t%{index}\t%{postscriptname}\t%{family[0]}\t%{style[0]}\n"
    listed = subprocess.run(["fc-list", "--format", fields], capture_output=True, text=True, check=True).stdout
    fonts: dict[str, tuple[str, int]] = {}
    for line in listed.splitlines():
        file, index, postscript, family, style = (line.split("\t") + [""] * 5)[:5]
        for name in (postscript, family + style):
            fonts.setdefault(normalised(name), (file, int(index or 0)))
    return fonts


def font_file(base_font: str) -> tuple[str, int] | None:
    """The installed font a PDF's font is a subset of: its name without the subset prefix, then without trailing
    parts a writer adds ("-Bold" of a synthetic bold, LibreOffice's "-VKana"), as written or with "Regular"."""
    parts = SUBSET_PREFIX.sub("", base_font.lstrip("/")).split("-")
    fonts = installed_fonts()
    for end in range(len(parts), 0, -1):
        name = normalised("".join(parts[:end]))
        for candidate in (name, f"{name}regular"):
            if candidate in fonts:
                return fonts[candidate]
    return None


@cache
def characters_of(file: str, index: int) -> frozenset[int]:
    font = TTFont(file, fontNumber=index, lazy=True)
    return frozenset(font.getBestCmap() or {})


def drawn_with(data: bytes) -> dict[str, set[str]]:
    """Each font a PDF draws text with (its name without the subset prefix) and the characters drawn with it."""
    drawn: dict[str, set[str]] = defaultdict(set)

    def visit(text: str, _cm: object, _tm: object, font: dict | None, _size: object) -> None:
        if font is not None and text.strip():
            drawn[SUBSET_PREFIX.sub("", str(font["/BaseFont"]).lstrip("/"))].update(text)

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return drawn


def glyphs_missing(data: bytes) -> list[str]:
    """What a reader would see as a box: a character drawn with a font that does not have it, or a font of the PDF
    that is not installed here to check against; and text that maps back to no character (a control character or
    none assigned: what a box drawn for a missing character reads back as)."""
    problems = []
    for font, characters in drawn_with(data).items():
        found = font_file(font)
        if found is None:
            problems.append(f"{font}: not an installed font, so its characters cannot be checked")
            continue
        covered = characters_of(*found)
        odd = sorted(c for c in characters if c not in " \n" and unicodedata.category(c) in NO_CHARACTER)
        lacking = sorted(c for c in characters if not c.isspace() and ord(c) not in covered
                         and unicodedata.category(c) != PRIVATE_USE)
        if odd or lacking:
            problems.append(f"{font} ({Path(found[0]).name}) draws {[*odd, *lacking]!r}")
    return problems
