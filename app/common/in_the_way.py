"""The sentence that refuses an edit because other records depend on what it would change, naming them."""

from collections.abc import Sequence

#: How many of the records in the way a message names; the rest are counted.
NAMED = 3


def records_in_the_way(total: int, noun: str, plural: str, predicate: str, names: Sequence[str],
                       verbs: tuple[str, str] = ("is", "are")) -> str:
    """"2 follow-ups are due before 3 March 2025: ‘Send draft MoU’ (due 1 March 2025), ‘Book venue’ (due 2 March
    2025)": ``total`` records, the first ``NAMED`` of ``names`` named and the others counted; ``verbs``: the verb
    for one and for several ("was", "were" for what happened)."""
    subject = f"1 {noun} {verbs[0]}" if total == 1 else f"{total} {plural} {verbs[1]}"
    named = ", ".join(names[:NAMED])
    if total > NAMED:
        named += f" and {total - NAMED} more"
    return f"{subject} {predicate}: {named}"
