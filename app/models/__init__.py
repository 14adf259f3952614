"""All models, importable from one place (Alembic and the seed need every table registered)."""

from app.models.activity import (
    Activity,
    ActivityKind,
    ActivityState,
    ActivityStateEntry,
    FundingSource,
    activity_action_lines,
    activity_co_implementers,
)
from app.models.api_token import ApiToken, TokenScope
from app.models.attachment import Attachment
from app.models.audit import AuditAction, AuditEntry
from app.models.base import Choice, utcnow
from app.models.calendar_feed import CalendarFeed
from app.models.data_version import DataVersion
from app.models.follow_up import OPEN_STATUSES, FollowUpAction, FollowUpStatus, follow_up_carried_areas
from app.models.follow_up_chase import ChaseChannel, FollowUpChase
from app.models.follow_up_state import FollowUpStateEntry
from app.models.meeting import (
    COMMITTEE_TYPES,
    Meeting,
    MeetingFormat,
    MeetingParticipant,
    MeetingType,
    OutcomeDocument,
    ParticipantRole,
    Side,
    meeting_areas,
    ordinal,
)
from app.models.meeting_text import MeetingText, MeetingTextRevision
from app.models.organisation import Organisation, OrganisationKind
from app.models.partnership import (
    FormerSlug,
    Partnership,
    PartnershipEvent,
    PartnershipEventKind,
    PartnershipLevel,
    PartnershipStatus,
)
from app.models.person import Person, Position
from app.models.plan import (
    IN_FORCE_STATES,
    ActionLine,
    CooperationArea,
    Pillar,
    Plan,
    PlanExtension,
    PlanKind,
    PlanState,
)
from app.models.reminder import (
    DUE_SOON_MAX,
    DUE_SOON_MIN,
    DigestFrequency,
    DigestKind,
    DigestState,
    ReminderSettings,
    SentDigest,
)
from app.models.report import IssuedReport
from app.models.report_remarks import REMARK_MAX, ReportRemark
from app.models.rules import HistoryIsAppendOnly
from app.models.saved_form import SavedForm
from app.models.search_entry import SearchEntry, SearchKind
from app.models.status import ActionLineStatus, AreaStatus, StatusUpdate
from app.models.unique_names import CASE_INSENSITIVE_UNIQUE
from app.models.user import Role, SessionEnd, User, UserSession

__all__ = [
    "Activity", "ActivityKind", "ActivityState", "ActivityStateEntry", "FundingSource", "activity_action_lines",
    "activity_co_implementers",
    "ApiToken", "Attachment", "TokenScope",
    "CalendarFeed", "CASE_INSENSITIVE_UNIQUE", "COMMITTEE_TYPES", "IN_FORCE_STATES", "OPEN_STATUSES", "ActionLine",
    "ActionLineStatus", "AreaStatus", "AuditAction", "AuditEntry", "DataVersion", "FormerSlug", "HistoryIsAppendOnly",
    "ChaseChannel", "Choice", "CooperationArea", "FollowUpAction", "FollowUpChase", "FollowUpStateEntry",
    "FollowUpStatus", "IssuedReport", "Meeting", "follow_up_carried_areas",
    "MeetingFormat",
    "MeetingParticipant", "MeetingText", "MeetingTextRevision", "MeetingType",
    "Organisation", "OrganisationKind", "OutcomeDocument",
    "ParticipantRole", "Partnership", "PartnershipEvent", "PartnershipEventKind", "PartnershipLevel",
    "REMARK_MAX", "ReportRemark",
    "DUE_SOON_MAX", "DUE_SOON_MIN", "DigestFrequency", "DigestKind", "DigestState",
    "ReminderSettings", "SentDigest",
    "PartnershipStatus", "Person", "Pillar", "Plan", "PlanExtension", "PlanKind", "PlanState", "Position",
    "Role", "SavedForm", "SearchEntry", "SearchKind",
    "SessionEnd", "Side", "StatusUpdate", "User", "UserSession", "meeting_areas",
    "ordinal", "utcnow",
]
