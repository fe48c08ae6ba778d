"""Spreadsheet exports that a stranger's words cannot turn into formulas.

Readers' feedback reaches the editors' CSV export unchanged (the feedback buttons carry no CSRF
token by design, so any website can post a comment), and a cell beginning with `=`, `+`, `-`,
`@`, a tab or a carriage return is run as a formula by Excel, LibreOffice and Google Sheets.
Such a cell is written with a leading apostrophe, OWASP's rule for CSV injection. Wagtail's XLSX
export already stores formula-like text as text (`SpreadsheetExportMixin.generate_xlsx_row`)."""

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """`value` as a CSV cell that no spreadsheet runs: text starting like a formula gets `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class FormulaSafeExportMixin:
    """Put before Wagtail's `ReportView` (or any `SpreadsheetExportMixin` view): every CSV cell
    passes through `neutralised` after Wagtail's own preprocessing."""

    FORMAT_CSV = "csv"

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)  # type: ignore[misc]
        return neutralised(value) if export_format == self.FORMAT_CSV else value
