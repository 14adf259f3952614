"""What a call is called when nobody gave it a title: who called on whom.

A partnership's list of calls reads "Courtesy call by H.E. Ameer Khurram Rathore on the Deputy Secretary-General of
ASEAN" rather than rows of "Courtesy call". The name is worked out from the participants whenever they or the
meeting change, and stored with the meeting, so lists and reports that read plain columns name it the same way.
"""

from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm.attributes import set_committed_value

from app.extensions import db
from app.models import Meeting, MeetingType, ParticipantRole, SearchKind, Side
from app.search.index import refresh

#: The types named from who met whom, and the word between the caller and the one called on.
CALLED_ON = {MeetingType.COURTESY_CALL: "on", MeetingType.CREDENTIALS: "to"}
#: Who speaks for a side, first to last. Delegations and observers lead no call.
LEAD_ROLES = (ParticipantRole.HEAD_OF_DELEGATION, ParticipantRole.CO_CHAIR, ParticipantRole.MEMBER,
              ParticipantRole.DELEGATE)
#: The longest name stored, as the column allows.
NAME_MAX = 300


@dataclass(frozen=True)
class Attendee:
    """A person at a meeting, as much as naming the meeting needs: their name, and the post they held that day."""

    side: Side
    role: ParticipantRole
    name: str
    post: str | None = None
    organisation: str | None = None

    @property
    def as_host(self) -> str:
        """Our side is named by the post ("the Deputy Secretary-General of ASEAN"), else by name."""
        if not self.post:
            return self.name
        if not self.organisation or self.organisation.casefold() in self.post.casefold():
            return f"the {self.post}"
        return f"the {self.post} of {self.organisation}"


def _lead(attendees: Iterable[Attendee], side: Side) -> Attendee | None:
    """Who led ``side``: by role, then the first listed."""
    leads = [a for a in attendees if a.side == side and a.role in LEAD_ROLES]
    return min(leads, key=lambda a: LEAD_ROLES.index(a.role), default=None)


def name_from_attendees(type: MeetingType, attendees: list[Attendee]) -> str | None:
    """"Courtesy call by <the partner's lead> on <our lead's post>"; None for a type not named this way, or a call
    with nobody recorded on either side."""
    if type not in CALLED_ON:
        return None
    caller, host = _lead(attendees, Side.PARTNER), _lead(attendees, Side.OURS)
    if caller is None and host is None:
        return None
    name = type.english_label
    if caller is not None:
        name += f" by {caller.name}"
    if host is not None:
        name += f" {CALLED_ON[type]} {host.as_host}"
    return name if len(name) <= NAME_MAX else name[:NAME_MAX - 1] + "…"


def _worked_out(meeting: Meeting) -> str | None:
    attendees = [
        Attendee(p.side, p.role, p.person.display_name, p.position.title if p.position else None,
                 p.position.organisation.short_name if p.position else None)
        for p in meeting.participants if p.person is not None
    ]
    return name_from_attendees(meeting.type, attendees)


def name_meeting(meeting: Meeting) -> None:
    """Name a meeting being saved from its participants; a title given by hand still comes first."""
    meeting.named_after_participants = _worked_out(meeting)


def rename_for_participants(meeting: Meeting) -> None:
    """Keep a recorded meeting's name in step as a participant is added or removed.

    Written past the meeting's version: adding someone changes no detail a colleague may be editing, so it must not
    make their save a conflict, nor make two officers adding people at once refuse each other.
    """
    with db.session.no_autoflush:
        name = _worked_out(meeting)
    if meeting.id is None:
        meeting.named_after_participants = name
        return
    if name == meeting.named_after_participants:
        return
    set_committed_value(meeting, "named_after_participants", name)
    # The participant is written first, as an officer adding the same person at the same moment expects; then the
    # name, and the meeting's search entry, which the participant's write indexed under the name before.
    db.session.flush()
    connection = db.session.connection()
    meetings = db.metadata.tables[Meeting.__tablename__]
    connection.execute(sa.update(meetings).where(meetings.c.id == meeting.id).values(named_after_participants=name))
    refresh(connection, {SearchKind.MEETING: {meeting.id}})
