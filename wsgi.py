"""Entry point for gunicorn: ``gunicorn wsgi:app`` (set APP_CONFIG=production and SECRET_KEY)."""

import gc

from app import create_app
from app.security import check_ready_to_serve

app = create_app()
check_ready_to_serve(app)
# The app, its templates and its libraries live as long as the worker: moving them out of the collector's reach
# keeps its full passes over a big report's rows from walking them again and again.
gc.freeze()
