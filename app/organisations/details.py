"""What an organisation's record says, passed as one value from the form (or the demo files) to the rules that
save it."""

from dataclasses import dataclass

from app.models import OrganisationKind


@dataclass(frozen=True)
class OrganisationDetails:
    name: str
    short_name: str
    kind: OrganisationKind | str
    #: ISO 3166 code; a country needs one.
    iso_code: str | None = None
