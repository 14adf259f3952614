"""The pages' message catalogues, for the tests: the committed ones compiled afresh (whether or not `make` has compiled
them in this checkout), and every string the code marks for translation, read as `make translations` reads it."""

import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "app" / "translations"


def catalogue(language: str) -> Catalog:
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=language)


def languages() -> list[str]:
    return sorted(path.parts[-3] for path in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def compile_into(directory: Path, language: str, catalog: Catalog) -> None:
    """``catalog`` as the app reads ``language`` from ``directory`` (its BABEL_TRANSLATION_DIRECTORIES)."""
    folder = directory / language / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "messages.mo", "wb") as mo:
        write_mo(mo, catalog)


def compiled_catalogues(directory: Path) -> Path:
    for language in languages():
        compile_into(directory, language, catalogue(language))
    return directory


def marked_strings() -> Catalog:
    """Every string marked in the code: the files babel.cfg names, with the marks the Makefile's EXTRACT_KEYWORDS
    adds to gettext's own."""
    makefile = (ROOT / "Makefile").read_text()
    found = re.search(r"^EXTRACT_KEYWORDS := (.*)$", makefile, flags=re.MULTILINE)
    assert found, "the Makefile names no EXTRACT_KEYWORDS"
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords([word for word in found.group(1).split() if word != "-k"])}
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    marked = Catalog()
    for filename, line, message, _comments, context in extract_from_dir(ROOT, method_map, options_map, keywords):
        marked.add(message, None, [(filename, line)], context=context)
    return marked
