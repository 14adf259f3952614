"""Entry point for gunicorn: ``gunicorn wsgi:app`` (set APP_CONFIG=production and SECRET_KEY)."""

from app import create_app
from app.security import check_ready_to_serve

app = create_app()
check_ready_to_serve(app)
