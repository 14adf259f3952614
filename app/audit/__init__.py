"""The audit log: recorded on every flush, shown as "History" on record pages and to admins across the app."""

from flask import Flask


def init_app(app: Flask) -> None:
    from app.audit.routes import bp
    from app.audit.services import start_recording

    app.register_blueprint(bp)
    start_recording()
