"""When two spellings of a name are the same person."""

import pytest

from app.people.names import name_key


@pytest.mark.parametrize(("full_name", "honorific", "key"), [
    ("Astanah Abdul Aziz", "Dato'", "astanah abdul aziz"),
    ("Dato’ Astanah Abdul-Aziz", None, "astanah abdul aziz"),
    ("H.E. Mr Ameer Khurram Rathore", None, "ameer khurram rathore"),
    ("AMEER KHURRAM RATHORE", "H.E.", "ameer khurram rathore"),
    ("Tiêu Văn Đức", None, "tieu van duc"),
    ("He Lifeng", None, "he lifeng"),
    ("Tan Sri Tan Ah Kow", None, "tan ah kow"),
    ("Tan Ah Kow", None, "tan ah kow"),
    ("His Excellency Dr. Kao Kim Hourn", None, "kao kim hourn"),
    ("Dr", None, "dr"),
])
def test_a_name_is_compared_without_honorifics_accents_case_or_punctuation(full_name, honorific, key):
    assert name_key(full_name, honorific) == key
