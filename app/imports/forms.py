from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FileField, HiddenField


class ImportFileForm(FlaskForm):
    """A filled-in template; on confirming, ``rows`` carries what the preview read from it (the file is not sent
    again), and ``previewed`` that preview's fingerprint."""

    file = FileField(_l("Spreadsheet file"))
    rows = HiddenField()
    previewed = HiddenField()
