"""Entry point for gunicorn: ``gunicorn wsgi:app`` (set APP_CONFIG=production and SECRET_KEY)."""

from app import create_app

app = create_app()
