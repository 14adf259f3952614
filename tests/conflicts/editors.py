"""Two people at two browsers: open a form, read what it shows, send it back changed."""

from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict

from tests.conftest import FormFiller


class _FormReader(HTMLParser):
    """What a browser would send for each form of a page if Save were pressed without changing anything."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[MultiDict] = []
        self._form: MultiDict | None = None
        self._select: tuple[str, list[str], list[str]] | None = None  # name, options, selected
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self._form = MultiDict()
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._form.add(name, attrs.get("value") or "on")
            elif kind not in ("submit", "button"):
                self._form.add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = (name, [], [])
        elif tag == "option" and self._select:
            value = attrs.get("value") or ""
            self._select[1].append(value)
            if "selected" in attrs:
                self._select[2].append(value)
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select:
            name, offered, chosen = self._select
            for value in chosen or offered[:1]:
                self._form.add(name, value)
            self._select = None
        elif tag == "textarea" and self._textarea:
            # The HTML parser keeps the newline browsers drop after <textarea>.
            self._form.add(self._textarea, self._text.removeprefix("\n"))
            self._textarea = None


def forms_of(html: str) -> list[MultiDict]:
    """What a browser would send for each form of the page, if Save were pressed without changing anything."""
    reader = _FormReader()
    reader.feed(html)
    return reader.forms


def read_form(html: str) -> MultiDict:
    """The page's form that carries a version (an edit form, or the conflict page's "Save my version")."""
    return next(form for form in forms_of(html) if "version" in form)


def open_form(who: FormFiller, url: str) -> MultiDict:
    """The edit form at ``url`` as it was shown, version included."""
    return read_form(who.get(url).get_data(as_text=True))


def send(who: FormFiller, url: str, opened: MultiDict, **changes):
    data = MultiDict(opened)
    for name, value in changes.items():
        data.setlist(name, [value])
    return who.client.post(url, data=data, follow_redirects=True)


def conflict_rows(html: str) -> dict[str, tuple[str, str]]:
    """The conflict page's table: field label -> (saved now, you typed)."""

    class Rows(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.rows, self._cells, self._in_cell = [], None, False

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self._cells = []
            elif tag in ("th", "td") and self._cells is not None:
                self._cells.append("")
                self._in_cell = True

        def handle_data(self, data):
            if self._in_cell:
                self._cells[-1] += data

        def handle_endtag(self, tag):
            if tag in ("th", "td"):
                self._in_cell = False
            elif tag == "tr" and self._cells:
                self.rows.append([cell.strip() for cell in self._cells])
                self._cells = None

    reader = Rows()
    reader.feed(html)
    return {label: (saved, typed) for label, saved, typed in reader.rows[1:]}

