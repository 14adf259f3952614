"""Settings read from the environment. ``create_app`` picks a class by name (``APP_CONFIG``)."""

import os
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"
#: Where development keeps the secret key it makes for itself when SECRET_KEY is unset (never committed).
SECRET_KEY_FILE = "secret_key"
#: How the connection to the mail server is secured (see MAIL_SECURITY).
MAIL_SECURITIES = ("starttls", "tls", "none")


def database_url(default: str) -> str:
    url = os.environ.get("DATABASE_URL") or default
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the psycopg 3 dialect named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def looks_random(key: str) -> bool:
    """False for a key a person made up: words, a repeated string, a keyboard run.

    zxcvbn estimates how many guesses would find the key; 10^30 (about 100 bits) is past any made-up phrase of
    32 characters and short of what ``secrets.token_hex(16)`` or longer gives (10^32 and up).
    """
    from zxcvbn import zxcvbn

    return zxcvbn(key[:72])["guesses_log10"] >= 30


class Config:
    #: Unset outside production: ``create_app`` then makes a random key once and keeps it in the instance folder, so
    #: no published value ever signs a session.
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = database_url(f"sqlite:///{INSTANCE_DIR / 'tracker.sqlite'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    #: PostgreSQL: psycopg prepares a statement the sixth time a connection runs it, so pages skip planning. Behind
    #: PgBouncer in transaction mode older than 1.21 (or without max_prepared_statements) set this to off.
    DATABASE_PREPARED_STATEMENTS = os.environ.get("DATABASE_PREPARED_STATEMENTS", "on").lower() not in (
        "off", "0", "false", "no")
    #: Where a period report's PDF and Word document are made ahead of the click and kept for a day, while its page
    #: is read (``app.exports.ahead``); set it empty to make every file on the click.
    REPORT_FILES_AHEAD_DIR = os.environ.get("REPORT_FILES_AHEAD_DIR", str(INSTANCE_DIR / "report-files"))
    #: Seconds a SQLite connection waits for another writer before giving up.
    SQLITE_BUSY_TIMEOUT_MS = 5000
    WTF_CSRF_TIME_LIMIT = None  # a long meeting write-up must not expire half-way
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    #: Where failed sign-in counts are kept: memory:// counts in each process, enough for one process;
    #: redis://host:6379 when several workers or hosts serve the app, so they all see the same counts.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    #: A sliding window: no burst of twice the limit across the edge of two fixed windows.
    RATELIMIT_STRATEGY = "moving-window"
    #: If Redis stops answering, each process counts on its own rather than refusing every sign-in.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "tracker")
    #: Failed sign-ins allowed (Flask-Limiter's notation, several joined by ";"), see app/auth/limits.py. Per account
    #: from one address (or one browser that signed in to it before): the wait grows with the failures.
    SIGN_IN_LIMITS_PER_ACCOUNT_AND_ADDRESS = os.environ.get(
        "SIGN_IN_LIMITS_PER_ACCOUNT_AND_ADDRESS", "5 per 15 minutes;10 per hour;20 per day")
    #: Per account from every address together, except a browser that signed in to the account before.
    SIGN_IN_LIMITS_PER_ACCOUNT = os.environ.get("SIGN_IN_LIMITS_PER_ACCOUNT", "100 per hour")
    #: Per address, whatever accounts it tries (one office shares one address behind its router).
    SIGN_IN_LIMITS_PER_ADDRESS = os.environ.get("SIGN_IN_LIMITS_PER_ADDRESS", "30 per 15 minutes;100 per day")
    #: Feed reads allowed per feed address, and per network address whatever the feed (see app/auth/limits.py).
    CALENDAR_LIMITS_PER_FEED = os.environ.get("CALENDAR_LIMITS_PER_FEED", "30 per hour;200 per day")
    CALENDAR_LIMITS_PER_ADDRESS = os.environ.get("CALENDAR_LIMITS_PER_ADDRESS", "600 per hour")
    #: API requests allowed per personal access token (see ``token_limit_key`` in app/auth/limits.py).
    API_LIMITS_PER_TOKEN = os.environ.get("API_LIMITS_PER_TOKEN", "600 per minute;10000 per hour")
    #: And per network address, whatever the token: bounds guessing tokens, and a whole office's programs together.
    API_LIMITS_PER_ADDRESS = os.environ.get("API_LIMITS_PER_ADDRESS", "1200 per minute;30000 per hour")
    #: The domain after the @ of every calendar event's UID: the same whatever address the app is served from, so a
    #: calendar app never sees an event twice. Set it once per installation and keep it.
    CALENDAR_UID_DOMAIN = os.environ.get("CALENDAR_UID_DOMAIN", "partnership-tracker.invalid")
    #: The time zone meeting start times are in (an IANA name, e.g. Asia/Jakarta).
    CALENDAR_TIME_ZONE = os.environ.get("CALENDAR_TIME_ZONE", "UTC")
    #: How long a meeting with a start time lasts in a calendar (the records keep no end time).
    CALENDAR_MEETING_MINUTES = int(os.environ.get("CALENDAR_MEETING_MINUTES", 60))
    #: How far back a feed goes; and how long an archived meeting or follow-up stays in it, as cancelled.
    CALENDAR_PAST_DAYS = int(os.environ.get("CALENDAR_PAST_DAYS", 365))
    CALENDAR_CANCELLED_DAYS = int(os.environ.get("CALENDAR_CANCELLED_DAYS", 90))
    #: A session ends after this long without a request, and this long after signing in, whatever its use.
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", 8 * 60))
    SESSION_MAX_DAYS = int(os.environ.get("SESSION_MAX_DAYS", 30))
    #: How many proxies (a TLS terminator, a load balancer) stand in front and set X-Forwarded-For/-Proto.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", 0))
    #: Strict-Transport-Security max-age; 0 sends none (development is served over plain HTTP).
    HSTS_SECONDS = 0
    #: Whether the serving entry point (wsgi.py) refuses a database whose migrations are behind.
    REFUSE_OUTDATED_SCHEMA = False
    BOOTSTRAP_SERVE_LOCAL = True  # works offline: no CDN
    PER_PAGE = 25
    #: Who the report files are from: the author in their document properties (PDF, Word, Excel).
    DESK_NAME = os.environ.get("DESK_NAME", "Partnership desk")
    #: An area with no status update and no meeting for this many days is flagged on the home page.
    ATTENTION_STALE_DAYS = int(os.environ.get("ATTENTION_STALE_DAYS", 180))
    #: An in-force plan ending within this many days with action lines not yet addressed is flagged.
    ATTENTION_PLAN_ENDING_DAYS = int(os.environ.get("ATTENTION_PLAN_ENDING_DAYS", 183))
    #: The signed cookie itself is refused past the longest a session may last.
    PERMANENT_SESSION_LIFETIME = timedelta(days=SESSION_MAX_DAYS)
    #: The largest spreadsheet an import reads (bytes); STRUCTURE_FILE_MAX_BYTES is its earlier name.
    IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES") or os.environ.get("STRUCTURE_FILE_MAX_BYTES")
                           or 1024 * 1024)
    #: The most rows under the headings an import reads from one file.
    IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", 10_000))
    #: The largest file that can be attached to a meeting, status update, follow-up or activity (bytes).
    ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
    #: The most a record's attachments in use may hold together (bytes).
    ATTACHMENT_RECORD_MAX_BYTES = int(os.environ.get("ATTACHMENT_RECORD_MAX_BYTES", 50 * 1024 * 1024))
    #: The kinds of file that can be attached, comma-separated, of those app/attachments/kinds.py knows: pdf, docx,
    #: xlsx, pptx, office97 (.doc, .xls, .ppt), odt, ods, jpeg, png, gif, webp, text, csv.
    ATTACHMENT_TYPES = [key.strip() for key in os.environ.get(
        "ATTACHMENT_TYPES", "pdf,docx,xlsx,pptx,office97,odt,ods,jpeg,png,gif,webp,text,csv").split(",") if key.strip()]
    #: A request larger than this is refused before it is read at all. Room for the largest import file, and for the
    #: confirmation of its import, which carries the rows read from it (compressed, about the size of the file).
    #: The forms that attach files have their own limit: as much as a record may hold, and a megabyte for the rest.
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024 + 2 * IMPORT_MAX_BYTES
    #: Where people reach the app, for the links in e-mails (a command sends them, outside any request).
    PUBLIC_URL = os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000")
    #: The mail server reminder e-mails go through. MAIL_SECURITY: starttls (upgrade a plain connection, usually
    #: port 587), tls (TLS from the start, usually 465) or none (a relay on the same host or network).
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 587))
    MAIL_SECURITY = os.environ.get("MAIL_SECURITY", "starttls").lower()
    #: A file of certificates to trust for the mail server besides the system's (a relay with the ministry's own CA).
    MAIL_CA_FILE = os.environ.get("MAIL_CA_FILE") or None
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Partnership tracker <tracker@localhost>")
    #: Seconds to wait for the mail server to answer.
    MAIL_TIMEOUT = float(os.environ.get("MAIL_TIMEOUT", 30))
    #: Tries after the first when the server refuses or does not answer, and the seconds waited before each
    #: (comma-separated; the last is repeated).
    MAIL_RETRIES = int(os.environ.get("MAIL_RETRIES", 3))
    MAIL_RETRY_DELAYS = [float(s) for s in os.environ.get("MAIL_RETRY_DELAYS", "5,30,120").split(",") if s.strip()]
    #: A digest claimed this long ago by a run that never finished (a crash) is taken over by the next run.
    REMINDERS_CLAIM_MINUTES = int(os.environ.get("REMINDERS_CLAIM_MINUTES", 30))
    #: A digest of one of this many days before that failed is tried again, unless a newer one of its kind is due:
    #: a weekly digest is due again on the seventh day.
    REMINDERS_CATCH_UP_DAYS = int(os.environ.get("REMINDERS_CATCH_UP_DAYS", 6))
    #: The most overdue follow-ups a digest lists of one person (their own) or one partnership (the desk digest): the
    #: oldest, with a link to them all.
    REMINDERS_LIST_LIMIT = int(os.environ.get("REMINDERS_LIST_LIMIT", 20))
    #: How long the unsubscribe link of an e-mail keeps working.
    REMINDERS_UNSUBSCRIBE_DAYS = int(os.environ.get("REMINDERS_UNSUBSCRIBE_DAYS", 90))
    #: The JSON API's description, written by flask-smorest from the code (OpenAPI 3.1).
    API_TITLE = "Partnership tracker API"
    API_VERSION = "v1"
    OPENAPI_VERSION = "3.1.0"
    #: How passwords are hashed (Werkzeug's method): scrypt, slow on purpose against guessing a stolen hash.
    PASSWORD_HASH_METHOD = "scrypt"
    DEBUG = False
    TESTING = False
    #: Serving a desk's real records: the demo administrator is refused (see app/security.py).
    PRODUCTION = False

    @classmethod
    def check(cls, settings: Mapping[str, Any]) -> None:
        """Refuse to start with a setting that would fail only later, at the first request that reads it."""
        from app.attachments.kinds import KINDS

        unknown = [key for key in settings["ATTACHMENT_TYPES"] if key not in KINDS]
        if unknown or not settings["ATTACHMENT_TYPES"]:
            named = ", ".join(unknown) or "no kind of file"
            raise RuntimeError(f"ATTACHMENT_TYPES names {named}: give a comma-separated list of {', '.join(KINDS)}")
        try:
            ZoneInfo(settings["CALENDAR_TIME_ZONE"])
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise RuntimeError(f"CALENDAR_TIME_ZONE={settings['CALENDAR_TIME_ZONE']!r} is not a time zone: give one "
                               f"of the IANA names, such as Asia/Jakarta or UTC") from error
        if settings["MAIL_SECURITY"] not in MAIL_SECURITIES:
            raise RuntimeError(f"MAIL_SECURITY={settings['MAIL_SECURITY']!r}: give one of {', '.join(MAIL_SECURITIES)}")


class DevelopmentConfig(Config):
    DEBUG = os.environ.get("FLASK_DEBUG", "1") == "1"


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    #: For test users only: scrypt takes 0.16 s to make a hash and as long to check one, and the suite makes and
    #: checks some 600 of them per database.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite://"
    #: Made on the click, as the tests of each file read them; tests/exports/test_ahead.py turns it on.
    REPORT_FILES_AHEAD_DIR = ""


class ProductionConfig(Config):
    # Read here, not defaulted off, so that a debugger switched on by the environment is refused, not ignored.
    DEBUG = os.environ.get("FLASK_DEBUG", "0").lower() in ("1", "true", "yes")
    PRODUCTION = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    #: Sent only over HTTPS, set by this host only, for every path.
    SESSION_COOKIE_NAME = "__Host-session"
    HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", 365 * 24 * 3600))
    REFUSE_OUTDATED_SCHEMA = True
    #: The host names the app answers to, comma-separated ("tracker.example.org"); Flask answers 400 to a request
    #: naming any other Host, so no absolute address the app builds from that header can point at another site.
    TRUSTED_HOSTS = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()] or None

    @classmethod
    def check(cls, settings: Mapping[str, Any]) -> None:
        """Refuse to serve with settings that would expose the desk's records."""
        super().check(settings)
        secret = settings.get("SECRET_KEY") or ""
        if secret == TestingConfig.SECRET_KEY or len(secret) < 32 or not looks_random(secret):
            raise RuntimeError(
                "SECRET_KEY is unset, a known value, shorter than 32 characters or not random: set it to a long "
                "random value, e.g. SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
            )
        if settings.get("DEBUG"):
            raise RuntimeError("Debug mode is on in production: unset FLASK_DEBUG (or set it to 0) and start again.")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
