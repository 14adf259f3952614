"""Reading pillars, areas and action lines from text pasted out of a plan document (no database)."""

from app.plans.structure_text import RowKind, read_structure

PILLAR, AREA, LINE = RowKind.PILLAR, RowKind.AREA, RowKind.LINE


def shape(text: str) -> list[tuple]:
    return [(row.kind, row.code, row.text, row.parent) for row in read_structure(text)]


def test_numbered_pillars_areas_and_lines_with_their_parents():
    text = """
1. Political-Security Cooperation
1.1 Counter-terrorism and transnational crime
1.1.1 Hold a joint workshop on preventing and countering violent extremism online.
2. Economic Cooperation
2.1. Trade
2.1.3. Convene an ASEAN-Pakistan business forum alongside a JSCC meeting.
"""
    assert shape(text) == [
        (PILLAR, "1", "Political-Security Cooperation", None),
        (AREA, "1.1", "Counter-terrorism and transnational crime", "Political-Security Cooperation"),
        (LINE, "1.1.1", "Hold a joint workshop on preventing and countering violent extremism online.", "1.1"),
        (PILLAR, "2", "Economic Cooperation", None),
        (AREA, "2.1", "Trade", "Economic Cooperation"),
        # The trailing dots of "2.1." and "2.1.3." are not part of the codes.
        (LINE, "2.1.3", "Convene an ASEAN-Pakistan business forum alongside a JSCC meeting.", "2.1"),
    ]


def test_headings_without_numbers_wrapped_lines_bullets_and_sub_items():
    # As copied from a PDF: a heading in capitals, a heading standing alone, bullets, a line wrapped in two, and
    # lettered sub-items of an action line.
    text = """POLITICAL-SECURITY COOPERATION
1.1 Counter-terrorism and transnational crime
\u2022 1.1.1 Exchange information and good practice on countering the financing of terrorism,
   through consultations with the ASEAN Senior Officials Meeting on Transnational Crime (SOMTC).

Economic Cooperation
2.1 Trade
- 2.1.1 Convene an ASEAN-Pakistan business forum:
  a) alongside a JSCC meeting;
  b) in Islamabad or Jakarta.
"""
    assert shape(text) == [
        (PILLAR, None, "POLITICAL-SECURITY COOPERATION", None),
        (AREA, "1.1", "Counter-terrorism and transnational crime", "POLITICAL-SECURITY COOPERATION"),
        (LINE, "1.1.1", "Exchange information and good practice on countering the financing of terrorism, through "
         "consultations with the ASEAN Senior Officials Meeting on Transnational Crime (SOMTC).", "1.1"),
        (PILLAR, None, "Economic Cooperation", None),
        (AREA, "2.1", "Trade", "Economic Cooperation"),
        (LINE, "2.1.1", "Convene an ASEAN-Pakistan business forum: a) alongside a JSCC meeting; b) in Islamabad or "
         "Jakarta.", "2.1"),
    ]


def test_a_wrapped_line_before_a_numbered_one_is_not_taken_for_a_heading():
    text = ("1.1 Trade\n1.1.1 Carry out a joint study of trade complementarities\nbetween ASEAN and Pakistan.\n"
            "1.1.2 Hold dialogues.")
    rows = read_structure(text)
    assert [(row.code, row.text) for row in rows] == [
        ("1.1", "Trade"),
        ("1.1.1", "Carry out a joint study of trade complementarities between ASEAN and Pakistan."),
        ("1.1.2", "Hold dialogues."),
    ]
    # An area before any pillar has none: the preview says so.
    assert rows[0].parent is None
    assert [row.line_number for row in rows] == [1, 2, 4]


def test_a_heading_numbered_in_roman_numerals_or_letters_keeps_only_its_name():
    text = "I. POLITICAL-SECURITY COOPERATION\n1.1 Counter-terrorism\n\nB) Economic Cooperation\n2.1 Trade"
    assert [(row.kind, row.text) for row in read_structure(text)] == [
        (PILLAR, "POLITICAL-SECURITY COOPERATION"), (AREA, "Counter-terrorism"),
        (PILLAR, "Economic Cooperation"), (AREA, "Trade"),
    ]
