"""Settings read from the environment. ``create_app`` picks a class by name (``APP_CONFIG``)."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"
#: The value in the repository; production refuses to start with it.
DEFAULT_SECRET_KEY = "development-only-secret-key"


def database_url(default: str) -> str:
    url = os.environ.get("DATABASE_URL") or default
    # Hosting platforms hand out postgres:// URLs; SQLAlchemy needs the psycopg 3 dialect named.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = database_url(f"sqlite:///{INSTANCE_DIR / 'tracker.sqlite'}")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    #: Seconds a SQLite connection waits for another writer before giving up.
    SQLITE_BUSY_TIMEOUT_MS = 5000
    WTF_CSRF_TIME_LIMIT = None  # a long meeting write-up must not expire half-way
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    BOOTSTRAP_SERVE_LOCAL = True  # works offline: no CDN
    PER_PAGE = 25
    #: An area with no status update and no meeting for this many days is flagged on the home page.
    ATTENTION_STALE_DAYS = int(os.environ.get("ATTENTION_STALE_DAYS", 180))
    #: An in-force plan ending within this many days with action lines not yet addressed is flagged.
    ATTENTION_PLAN_ENDING_DAYS = int(os.environ.get("ATTENTION_PLAN_ENDING_DAYS", 183))
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    DEBUG = False
    TESTING = False


class DevelopmentConfig(Config):
    DEBUG = os.environ.get("FLASK_DEBUG", "1") == "1"


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-secret-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or "sqlite://"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True

    @classmethod
    def check(cls, settings) -> None:
        """Refuse to serve with settings that would expose the desk's records."""
        if not settings.get("SECRET_KEY") or settings["SECRET_KEY"] == DEFAULT_SECRET_KEY:
            raise RuntimeError(
                "SECRET_KEY is not set. Set it to a long random value, e.g. "
                "SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
            )
        if settings.get("DEBUG"):
            raise RuntimeError("Debug mode is on in production. Unset FLASK_DEBUG.")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
