"""What a reader's words may become in a database full-text query."""

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def database_terms(query: str) -> str:
    """Words only: the database backends' full-text syntax (SQLite's FTS5, PostgreSQL's tsquery)
    must never see a reader's quotes, brackets or operators (an unmatched `"` was a 500 on SQLite)."""
    return " ".join(_WORD.findall(query))
