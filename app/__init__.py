"""Application factory: reads like a table of contents of the app."""

import os
from typing import Any

from flask import Flask

from config import CONFIGS


def create_app(config_name: str | None = None, **overrides: Any) -> Flask:
    from app.templating import PlainDataEnvironment

    app = Flask(__name__, instance_relative_config=True)
    app.jinja_environment = PlainDataEnvironment
    config_name = config_name or os.environ.get("APP_CONFIG", "development")
    config_class = CONFIGS[config_name]
    app.config.from_object(config_class)
    app.config["CONFIG_NAME"] = config_name  # for a process of the app's own to start with the same settings
    app.config.update(overrides)
    if hasattr(config_class, "check"):
        config_class.check(app.config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config["SECRET_KEY"]:  # production has refused to start by now
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)

    register_url_converters(app)
    register_extensions(app)
    register_blueprints(app)
    register_security(app)
    register_api(app)
    register_errorhandlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def instance_secret_key(instance_path: str) -> str:
    """The key kept in the instance folder, made at random the first time: a development server's cookies cannot be
    forged from a value published with the code."""
    import secrets

    from config import SECRET_KEY_FILE

    path = os.path.join(instance_path, SECRET_KEY_FILE)
    if os.path.exists(path):
        with open(path, encoding="ascii") as kept:
            if key := kept.read().strip():
                return key
    key = secrets.token_hex(32)
    # Written whole under another name, then renamed: a process starting at the same moment never reads half a key.
    temporary = f"{path}.{os.getpid()}"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as made:
        made.write(key)
    os.replace(temporary, path)
    return key


def register_url_converters(app: Flask) -> None:
    from werkzeug.routing import IntegerConverter, Map

    class RecordIdConverter(IntegerConverter):
        """An id beyond the database's integer range is simply not found, rather than a database error."""

        def __init__(self, map: Map, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("max", 2**31 - 1)
            super().__init__(map, *args, **kwargs)

    app.url_map.converters["int"] = RecordIdConverter


def register_extensions(app: Flask) -> None:
    from app import (
        auth,
        database,
        languages,
        models,  # noqa: F401  (every table registered before Alembic compares)
    )
    from app.extensions import babel, bootstrap, csrf, db, login_manager, migrate
    from app.search import index, schema  # noqa: F401  (index: keeps the search entries in step with every save)

    db.init_app(app)
    database.configure(app)
    migrate.init_app(app, db, render_as_batch=True, compare_type=True, include_object=schema.include_object)
    csrf.init_app(app)
    login_manager.init_app(app)
    auth.configure_login(app, login_manager)
    bootstrap.init_app(app)
    babel.init_app(app, locale_selector=languages.chosen_language)
    languages.register(app)


def register_blueprints(app: Flask) -> None:
    from app import audit
    from app.activities.routes import bp as activities_bp
    from app.api_tokens.routes import bp as api_tokens_bp
    from app.areas.routes import bp as areas_bp
    from app.attachments.routes import bp as attachments_bp
    from app.auth.routes import bp as auth_bp
    from app.calendar.routes import bp as calendar_bp
    from app.dashboard.routes import bp as dashboard_bp
    from app.exports.routes import bp as exports_bp
    from app.follow_ups.routes import bp as follow_ups_bp
    from app.health import bp as health_bp
    from app.meetings.arising_routes import bp as arising_bp
    from app.meetings.routes import bp as meetings_bp
    from app.my_work.routes import bp as my_work_bp
    from app.organisations.routes import bp as organisations_bp
    from app.partnerships.routes import bp as partnerships_bp
    from app.people.routes import bp as people_bp
    from app.plans.routes import bp as plans_bp
    from app.plans.structure_routes import bp as structure_bp
    from app.reminders.routes import bp as reminders_bp
    from app.reports.routes import bp as reports_bp
    from app.search.routes import bp as search_bp
    from app.users.routes import bp as users_bp

    for blueprint in (
        auth_bp, dashboard_bp, organisations_bp, people_bp, partnerships_bp, plans_bp, structure_bp, areas_bp,
        meetings_bp, follow_ups_bp, activities_bp, reports_bp, users_bp, exports_bp, health_bp, calendar_bp,
        api_tokens_bp, reminders_bp, my_work_bp, attachments_bp, search_bp, arising_bp,
    ):
        app.register_blueprint(blueprint)
    audit.init_app(app)


def register_api(app: Flask) -> None:
    from app import api

    api.init_app(app)


def register_security(app: Flask) -> None:
    from app import security

    security.register(app)


def register_errorhandlers(app: Flask) -> None:
    from app import errors

    errors.register(app)


def register_template_helpers(app: Flask) -> None:
    from app import templating

    templating.register(app)


def register_commands(app: Flask) -> None:
    from app.backup import backup_cli
    from app.commands import seed_cli, users_cli
    from app.reminders.commands import reminders_cli
    from app.reports.commands import report_cli
    from app.search.commands import search_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(search_cli)
    app.cli.add_command(seed_cli)
    app.cli.add_command(report_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(reminders_cli)
