"""Organisations imported from a spreadsheet: one row per organisation, matched by name ignoring case.

Each row goes through the organisation form itself (its lengths, the ISO code's shape, a country's code) and is
saved by ``save_organisation``, as the form saves: the same rules whichever way a record comes in. A row naming an
organisation that is there already changes its short name, kind or ISO code when the file gives others ("will
change" in the preview); a blank ISO code leaves the organisation's code as it is.
"""

from collections.abc import Mapping

import sqlalchemy as sa
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.imports.preview import Importer
from app.imports.table import Column, RowProblems, SheetRow
from app.imports.values import ChoiceCell, form_problems
from app.models import Organisation, OrganisationKind
from app.organisations.details import OrganisationDetails
from app.organisations.forms import OrganisationForm
from app.organisations.services import save_organisation

NAME, SHORT_NAME, KIND, ISO_CODE = "Name", "Short name", "Kind", "ISO 3166 code"
KIND_CELL = ChoiceCell(OrganisationKind, KIND, _l("Enter the kind of organisation: %(choices)s"))


class OrganisationImporter(Importer[OrganisationDetails, Organisation]):
    source = "Import of organisations from a file"
    columns = [
        Column(NAME, hint=_l("The full name, as on the organisation's page: “Islamic Republic of Pakistan”")),
        Column(SHORT_NAME, hint=_l("What tables and lists show: “Pakistan”")),
        Column(KIND, hint=_l("One of: %(choices)s", choices=KIND_CELL.listed)),
        Column(ISO_CODE, required=False, hint=_l("Two letters, for a country: PK")),
    ]

    def __init__(self) -> None:
        self._by_iso_code: dict[str, Organisation] = {}
        self._iso_codes_in_file: dict[str, int] = {}

    def read(self, row: SheetRow) -> OrganisationDetails:
        values = row.values
        kind = KIND_CELL.read(values[KIND])
        form = OrganisationForm(formdata=MultiDict({"name": values[NAME], "short_name": values[SHORT_NAME],
                                                    "kind": kind.value, "iso_code": values[ISO_CODE]}),
                                meta={"csrf": False})
        form.validate()
        # A country's blank code is checked once the row is matched: it may keep the code it has.
        problems = form_problems(field for field in form if not (field is form.iso_code and not values[ISO_CODE]))
        if problems:
            raise RowProblems(*problems)
        details = form.details()
        return OrganisationDetails(details.name, details.short_name, kind, details.iso_code)

    def key(self, values: OrganisationDetails) -> str:
        return values.name.casefold()

    def label(self, values: OrganisationDetails) -> str:
        return values.name

    def existing(self, keys: set[str]) -> Mapping[str, Organisation]:
        # A desk keeps a few hundred organisations: all of them in one query, for the names and the ISO codes.
        organisations = db.session.scalars(sa.select(Organisation)).all()
        self._by_iso_code = {o.iso_code: o for o in organisations if o.iso_code}
        self._iso_codes_in_file = {}
        return {o.name.casefold(): o for o in organisations if o.name.casefold() in keys}

    def problems(self, row: SheetRow, values: OrganisationDetails, record: Organisation | None) -> list[str]:
        code = values.iso_code
        if not code:
            needs_code = values.kind is OrganisationKind.COUNTRY and not (record is not None and record.iso_code)
            return [gettext("Enter the ISO 3166 code of the country")] if needs_code else []
        holder = self._by_iso_code.get(code)
        if holder is not None and holder is not record:
            return [gettext("ISO 3166 code %(code)s is already used by %(name)s", code=code, name=holder.name)]
        if code in self._iso_codes_in_file:
            return [gettext("ISO 3166 code %(code)s is also in row %(row)s – keep one of them", code=code,
                            row=self._iso_codes_in_file[code])]
        self._iso_codes_in_file[code] = row.number
        return []

    def _merged(self, record: Organisation, values: OrganisationDetails) -> OrganisationDetails:
        return OrganisationDetails(record.name, values.short_name, values.kind, values.iso_code or record.iso_code)

    def changes(self, record: Organisation, values: OrganisationDetails) -> list[str]:
        merged = self._merged(record, values)
        kind = OrganisationKind(merged.kind)
        none = gettext("none")
        said = [(SHORT_NAME, record.short_name, merged.short_name), (KIND, record.kind.label, kind.label),
                (ISO_CODE, record.iso_code or none, merged.iso_code or none)]
        # Each change named by the column of the file it comes from, whose heading stays as the file has it.
        return [gettext("%(heading)s: %(before)s → %(after)s", heading=what, before=before, after=after)
                for what, before, after in said if before != after]

    def create(self, values: OrganisationDetails) -> Organisation:
        return save_organisation(None, values)

    def update(self, record: Organisation, values: OrganisationDetails) -> Organisation:
        return save_organisation(record, self._merged(record, values))
