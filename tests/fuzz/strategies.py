"""Values a careless, hostile or unlucky user could send, for every kind of form field and query parameter."""

from hypothesis import strategies as st

#: Markup and injection fragments. Each one that is markup has a tell-tale below that appears in a page only
#: if it was written out unescaped.
PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '" autofocus onfocus="alert(1)',
    "javascript:alert(1)",
    "' OR 1=1 --",
    "'; DROP TABLE users; --",
    '" OR ""="',
    "1; SELECT pg_sleep(0)",
    "%' AND '%'='",
    "\\",
    "%",
    "_",
    "{{ 7 * 7 }}",
    "{% raw %}",
    "${7*7}",
    "%s%s%s%n",
    "../../../../etc/passwd",
    "\x00",
    "a\x00b",
    "\r\n\r\nSet-Cookie: x=1",
    "None",
    "null",
    "NaN",
    "-1",
    "0",
    "2147483648",
    "99999999999999999999999",
    "1e309",
    "0x10",
    "٣",  # an Arabic-Indic digit: str.isdigit() is true, int() accepts it
    "²",  # a superscript digit: str.isdigit() is true, int() refuses it
)
TELLTALES = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '" autofocus onfocus="alert(1)',
    'href="javascript:',
)
#: Text in many scripts and the characters that trip up text handling.
SCRIPTS = (
    "Ameer Khurram Rathore", "Đặng Thị Thu Hà", "Nguyễn", "Ørsted Ærø", "Zürich–Genève", "İstanbul ı İ",
    "Москва", "Ελλάδα", "ประเทศไทย", "ព្រះរាជាណាចក្រកម្ពុជា", "မြန်မာ", "ລາວ", "Bahasa Melayu", "नई दिल्ली",
    "বাংলাদেশ", "இலங்கை", "ශ්‍රී ලංකාව", "پاکستان", "العربية", "עברית", "中华人民共和国", "日本国", "대한민국",
    "ᠮᠣᠩᠭᠣᠯ", "ትግርኛ", "Ꭰꮿꮿ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "👩🏽‍💼🇵🇰🇲🇾", "e\u0301", "\u202eevil\u202c", "zero\u200bwidth",
    "\ufeffBOM", "tab\there", "line\nbreak", "\u2028\u2029", "\x7f\x1b[31m", "ﷺ", "Ǆǅǆ", "ß", "ﬃ",
)

_short_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30)


def _huge(base: str) -> str:
    return base * (10_001 // len(base) + 1)


huge_text = st.sampled_from(("x", "é", "漢字", "👩🏽‍💼", "<script>alert(1)</script>", "' OR 1=1 -- ")).map(_huge)

nasty_text = st.one_of(
    st.just(""),
    st.just("   "),
    _short_text,
    st.sampled_from(PAYLOADS),
    st.sampled_from(SCRIPTS),
    huge_text,
    st.tuples(_short_text, st.sampled_from(PAYLOADS + SCRIPTS), _short_text).map("".join),
    st.integers().map(str),
)

_years = st.sampled_from(("1", "0001", "0999", "1000", "1899", "1900", "1970", "2024", "2025", "2100", "2200",
                          "9999", "10000", "0000"))
_months = st.one_of(st.integers(0, 13).map(str), st.sampled_from(("jan", "Sept", "March", "mar.", "13")))
_days = st.one_of(st.integers(0, 32).map(str), st.just("29"))


def date_part(part: str):
    plausible = {"day": _days, "month": _months, "year": _years}[part]
    return st.one_of(plausible, plausible, nasty_text)


page_number = st.one_of(
    st.integers(-3, 5).map(str),
    st.sampled_from(("", "abc", "1.5", "1e3", "-0", "+2", " 1", "2147483648", "9" * 40, "٣", "²")),
    nasty_text,
)


def choice(known: list[str]):
    """A value a select, radio or hidden field offered (most of the time), else anything at all."""
    if not known:
        return nasty_text
    offered = st.sampled_from(known)
    return st.one_of(offered, offered, offered, nasty_text)
