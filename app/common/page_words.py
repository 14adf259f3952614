"""The words the pages' scripts say or write (app/static/*.js), translated on the server: the base layout gives them
to the scripts once, as JSON, each under its English (the script's key, and its words when the JSON is missing, as
on an English page).

A script asks for ``words("Post on %(day)s: %(post)s", {day, post})`` (app/static/words.js); a message with a number
is a pair, singular and plural, its words given for each plural category of the page's language."""

from flask_babel import get_translations

from app.languages import DEFAULT_LANGUAGE, page_language


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue (gettext's own keyword), left untranslated until the page is drawn."""
    return message


#: What the scripts write, each as the script spells it.
MESSAGES = (
    # add-another.js, the meeting form's rows (meeting-form.js says which list's words)
    N_("You can record up to %(max)s here"),
    N_("Participant %(number)s added"),
    N_("Participant %(number)s removed"),
    N_("Follow-up %(number)s added"),
    N_("Follow-up %(number)s removed"),
    # copy-address.js
    N_("Address copied"),
    N_("Select the address and copy it"),
    # meeting-form.js (the post phrases as app/meetings/rows.py words them)
    N_("Enter the date of the meeting to see the post held that day"),
    N_("No post recorded on %(day)s"),
    N_("Post on %(day)s: %(post)s"),
    N_("Officer responsible cleared: the follow-up is owned on the partner side"),
    # namesake-offer.js
    N_("Already recorded: %(name)s, %(post)s"),
    N_("Similar name recorded: %(name)s, %(post)s"),
    N_("Use this person"),
    N_("%(offers)s. Use this person button follows the name."),
    N_("Participant %(number)s is now %(name)s, already recorded"),
    # person-picker.js
    N_("When results are shown, use the up and down arrows to review them and Enter to choose."),
    N_("No one recorded matches – add them below as someone new"),
    N_("No results"),
)
#: A number standing for each plural category the interface's languages have (English: "one" and "other"; Bahasa
#: Indonesia has "other" alone): a counted message's words for each, as the script's Intl.PluralRules names them.
SAMPLES = {"one": 1, "other": 2}


def page_words() -> dict[str, str | dict[str, str]]:
    """Every message of the scripts in the page's language, under its English; a counted one under its singular,
    its words by plural category. Placeholders are left for the script to fill. Nothing on an English page: the
    scripts' own words are already the page's."""
    if page_language() == DEFAULT_LANGUAGE:
        return {}
    translations = get_translations()
    words: dict[str, str | dict[str, str]] = {message: translations.gettext(message) for message in MESSAGES}
    # person-picker.js: how many people match what is typed
    words["%(num)s result is available"] = {
        category: translations.ngettext("%(num)s result is available", "%(num)s results are available", number)
        for category, number in SAMPLES.items()}
    return words
