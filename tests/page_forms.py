"""A form as a page shows it: every field's current value, read from the HTML, so a test can change one field and
post the rest as a person would leave them."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action: str | None):
        super().__init__()
        self.action, self.inside, self.values = action, False, {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = self.action is None or attrs.get("action", "") in ("", self.action)
        if not self.inside or "name" not in attrs and tag not in ("option",):
            return
        name = attrs.get("name")
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.setdefault(name, []).append(attrs.get("value", "y"))
            elif kind not in ("submit", "button"):
                self.values[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_values(html: str, action: str | None = None) -> dict:
    """{field name: value} of the page's form (the one posting to ``action``, else every form); a checked box or
    radio gives a list of its values."""
    reader = _FormReader(action)
    reader.feed(html)
    return {name: value[0] if isinstance(value, list) and len(value) == 1 else value
            for name, value in reader.values.items()}
