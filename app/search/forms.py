"""The search page's question and filters, read from the address (GET), so that a search can be shared."""

from collections.abc import Sequence
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField

# WTForms has it since 3.1; the stubs (types-WTForms 3.2) do not declare it yet.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import Length

from app.common.forms import DateInputField, LongSelect, max_length, options
from app.meetings.choices import PartnershipOption
from app.models import SearchKind
from app.search.folding import query_words
from app.search.services import SearchQuery

#: Characters of a query searched; the rest is left out, with a word beside the box.
QUERY_LIMIT = 200


def _control_characters_out(value: str | None) -> str:
    """What was typed, without NUL and other control characters (which no record holds), on one line."""
    return " ".join("".join(c if c.isprintable() else " " for c in value or "").split())


def _query_limit() -> Length:
    """The usual limit, saying that the search still ran on what fits."""
    limit = max_length(_l("Search for"), QUERY_LIMIT)
    limit.message = _l("Only the first %(limit)s characters were searched: shorten what you typed to search all of it",
                       limit=QUERY_LIMIT)
    return limit


class SearchForm(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Search for"), filters=[_control_characters_out], validators=[_query_limit()])
    kind = SelectField(_l("Kind of record"), validate_choice=False)
    partnership = SelectField(_l("Partnership"), validate_choice=False, widget=LongSelect())
    since = DateInputField(_l("From"), what=_l("the first day"))
    until = DateInputField(_l("To"), what=_l("the last day"))
    archived = BooleanField(_l("Include archived records"), false_values=("", "0", "false"))

    def __init__(self, *args: Any, partnerships: Sequence[PartnershipOption] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [SelectChoice("", gettext("All kinds")),
                             *(SelectChoice(k.value, k.label) for k in SearchKind)]
        self.partnership.choices = [SelectChoice("", gettext("All partnerships")),
                                    *(SelectChoice(p.slug, p.name) for p in partnerships)]
        self._partnerships = {p.slug: p.id for p in partnerships}

    def search_query(self, page: int) -> SearchQuery:
        """The search asked for, once validated. A query too long is searched for its first ``QUERY_LIMIT``
        characters, and a filter value that is not on offer is ignored: each is said beside its field."""
        kind = self.kind.data or ""
        if kind and not SearchKind.holds(kind):
            self.kind.errors = [*self.kind.errors, gettext("Select a kind of record from the list")]
        slug = self.partnership.data or ""
        if slug and slug not in {value for value, _ in options(self.partnership)}:
            self.partnership.errors = [*self.partnership.errors, gettext("Select a partnership from the list")]
        since, until = self.since.data, self.until.data
        if since and until and until < since and not self.until.errors:
            self.until.errors = [*self.until.errors,
                                  gettext("Last day must be the same as or after the first day")]
        return SearchQuery(
            words=query_words((self.q.data or "")[:QUERY_LIMIT]),
            kind=SearchKind(kind) if kind and not self.kind.errors else None,
            partnership_id=self._partnerships.get(slug) if not self.partnership.errors else None,
            from_on=since if since and not self.since.errors else None,
            to_on=until if until and not self.until.errors else None,
            include_archived=bool(self.archived.data),
            page=page,
        )
