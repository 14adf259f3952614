"""What an import says about a file it cannot read: the same words whatever is being imported."""

NOT_A_SPREADSHEET = "The file must be a spreadsheet saved as XLSX or CSV"
OLD_EXCEL = "The file is in the old Excel format (XLS) – save it as XLSX (Excel Workbook) or CSV and upload it again"
UNKNOWN_ENCODING = "The CSV file must be saved as UTF-8, UTF-16 or Windows-1252 text"
EMPTY = "The file has no rows under its headings – fill in the template and upload it again"
TOO_MUCH = "The spreadsheet holds too much to import at once – split it into smaller files"
NO_HEADINGS = "The file is empty – fill in the template and upload it again"
SELECT_A_FILE = "Select a spreadsheet file (XLSX or CSV) in the template"
UPLOAD_AGAIN = "Upload the file again and preview the import"


def too_large(limit: int) -> str:
    return f"The file must be smaller than {limit // 1024:,} KB"


def too_many_rows(limit: int) -> str:
    return f"The file has more than {limit:,} rows – split it into files of {limit:,} rows or fewer"


def missing_columns(headings: list[str], expected: list[str]) -> str:
    named = ", ".join(headings)
    columns = "column" if len(headings) == 1 else "columns"
    return f"The file has no {columns} {named} – the first row must hold the template's headings: " + ", ".join(
        expected)


def unknown_columns(headings: list[str], expected: list[str]) -> str:
    named = ", ".join(headings)
    columns = "a column" if len(headings) == 1 else "columns"
    return (f"The file has {columns} the template does not: {named} – delete or rename it to one of the template's "
            "headings: " + ", ".join(expected))


def twice(heading: str) -> str:
    return f"The file has the column {heading} twice – keep one of them"


def without_heading(letter: str) -> str:
    return f"Column {letter} holds values but has no heading – give it one of the template's headings or delete it"


def formula(cell: str, text: str) -> str:
    return f"Cell {cell} holds a formula ({text}) – type the value itself instead of the formula"
