from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import MultipleFileField, StringField

from app.attachments.services import DESCRIPTION_LIMIT
from app.common.forms import max_length, strip


class AttachmentForm(FlaskForm):
    """Files chosen together, and one description for all of them; the files are checked by the service, which
    reads them (a browser's word for a file's type is never taken)."""

    files = MultipleFileField(_l("Files"))
    description = StringField(_l("Description"), filters=[strip],
                              validators=[max_length(_l("Description"), DESCRIPTION_LIMIT)])
