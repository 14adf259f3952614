"""Names spelt nearly right: "Rathroe" finds "Rathore", when a search finds nothing as typed.

Similarity counts the three-letter pieces of a query word that are also in a word of the name (as PostgreSQL's
pg_trgm does), so one letter typed wrong or swapped still leaves most of them. The database narrows the names to
those sharing pieces with the query; the measure here decides, the same on both.
"""

import sqlalchemy as sa

from app.models import SearchEntry, SearchKind
from app.search.schema import FTS_TABLE

#: The kinds found by a name nearly right.
NAMED_KINDS = (SearchKind.PARTNERSHIP, SearchKind.ORGANISATION, SearchKind.PERSON)
#: Share of a word's pieces that a word of the name must hold: one letter wrong in a seven-letter name leaves half.
CLOSE_ENOUGH = 0.45
#: Shortest word looked for by similarity: shorter ones share too few pieces to tell names apart.
SHORTEST = 4
#: What the database keeps for the measure here to decide on.
LOOSE = 0.3
#: Names considered at most, best candidates first.
CANDIDATES = 200


def trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


def similarity(words: list[str], name: str) -> float:
    """How closely ``name`` (folded) holds ``words``: for the least well held word, the best share of its
    pieces found in one word of the name."""
    name_pieces = [trigrams(part) for part in name.split()]
    if not words or not name_pieces:
        return 0.0
    shares = [max(len(trigrams(word) & pieces) / len(trigrams(word)) for pieces in name_pieces) for word in words]
    return min(shares)


def fuzzy_words(words: list[str]) -> list[str]:
    return [word for word in words if len(word) >= SHORTEST]


def candidates(connection: sa.Connection, words: list[str]) -> sa.ColumnElement[bool]:
    """A condition on entries that keeps the names sharing pieces with ``words``."""
    if connection.dialect.name == "postgresql":
        # Names are a few thousand at most, found by their kind: measured one by one, no index needed (the
        # trigram index's operator would need a setting, which a reading request cannot keep).
        return sa.or_(*(sa.func.word_similarity(word, SearchEntry.folded_title) >= LOOSE for word in words))
    pieces = sorted({piece for word in words for piece in trigrams(word) if " " not in piece})
    expression = "{folded_title} : (" + " OR ".join(f'"{piece}"' for piece in pieces) + ")"
    return SearchEntry.id.in_(
        sa.select(sa.literal_column("rowid")).select_from(sa.table(FTS_TABLE))
        .where(sa.literal_column(FTS_TABLE).op("MATCH")(expression))
        .order_by(sa.literal_column("rank")).limit(CANDIDATES))
