"""The words of the stored choices that every page shows (statuses, follow-up states, roles), marked for
translation. Keyed by value: a value reads the same in every enumeration that has it ("completed" is an area's
status and an activity's state alike), and a choice with words of its own (``label`` overridden) is not looked up.
Outside a request, and on the pages kept in English (``app.languages.IN_ENGLISH``), each reads as its English."""

from flask_babel import lazy_gettext as _l

CHOICE_WORDS = {
    # An area's status
    "not_started": _l("Not started"),
    "on_track": _l("On track"),
    "at_risk": _l("At risk"),
    "off_track": _l("Off track"),
    "completed": _l("Completed"),
    # An action line's status
    "not_yet_addressed": _l("Not yet addressed"),
    "being_addressed": _l("Being addressed"),
    "addressed": _l("Addressed"),
    "discontinued": _l("Discontinued"),
    # A follow-up's state
    "open": _l("Open"),
    "in_progress": _l("In progress"),
    "awaiting_partner": _l("Awaiting partner"),
    "done": _l("Done"),
    "cancelled": _l("Cancelled"),
    # A partnership's status and level
    "dialogue_partner": _l("Dialogue partner"),
    "sectoral_dialogue_partner": _l("Sectoral dialogue partner"),
    "development_partner": _l("Development partner"),
    "special_observer": _l("Special observer"),
    "guest": _l("Guest"),
    "dialogue_partnership": _l("Dialogue partnership"),
    "strategic_partnership": _l("Strategic partnership"),
    "comprehensive_strategic_partnership": _l("Comprehensive strategic partnership"),
    # A user's role
    "viewer": _l("Viewer"),
    "editor": _l("Editor"),
    "admin": _l("Admin"),
    # A meeting's format and outcome document, and a participant's role (a meeting's type has words of its own)
    "in_person": _l("In person"),
    "hybrid": _l("Hybrid"),
    "joint_press_statement": _l("Joint press statement"),
    "summary_record": _l("Summary record"),
    "head_of_delegation": _l("Head of delegation"),
    "member": _l("Member"),
    "delegate": _l("Delegate"),
    "observer": _l("Observer"),
}
