"""Interface-string catalogs without GNU gettext: extraction with Django's template lexer and
Babel's Python extractor, merging and compiling with Babel.

    python manage.py catalogs update    # add new strings to every catalog (keeps translations)
    python manage.py catalogs check     # fail on a stale catalog or an untranslated/fuzzy entry
    python manage.py catalogs compile   # .po -> .mo, which Django loads
"""

import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS
from babel.messages.extract import extract as babel_extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from django.conf import settings
from django.utils.translation.template import templatize

ROOT = Path(settings.BASE_DIR)
SOURCE_DIRS = ["cms", "home", "articles", "contacts", "feedback", "search", "translations"]
SKIP_PARTS = {"migrations", "__pycache__", "static", "sample_content"}
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
DOMAIN = "django"


def target_languages() -> list[str]:
    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalog_path(code: str) -> Path:
    return ROOT / "locale" / code.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


def _source_files():
    for folder in SOURCE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".py", ".html", ".txt"} and not SKIP_PARTS & set(path.relative_to(ROOT).parts):
                yield path


def extract() -> Catalog:
    """Every marked string in the project's Python files and templates."""
    template = Catalog(domain=DOMAIN, project="clinical-guidance", charset="utf-8")
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            source = text
        else:
            # Babel reads templatize's output as Python: the templates' indentation would be
            # taken for Python's. Strings stay on their lines (line numbers are kept).
            source = "\n".join(line.lstrip() for line in templatize(text, origin=str(path)).splitlines())
        relative = str(path.relative_to(ROOT))
        for lineno, message, comments, context in babel_extract(
            "python", io.BytesIO(source.encode("utf-8")), keywords=KEYWORDS, strip_comment_tags=True
        ):
            template.add(message, locations=[(relative, lineno)], auto_comments=comments, context=context)
    return template


def read_catalog(code: str) -> Catalog | None:
    path = catalog_path(code)
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=code.replace("-", "_"), domain=DOMAIN)


def update() -> list[str]:
    """Merge the extracted strings into each target catalog; return what changed."""
    template = extract()
    report = []
    for code in target_languages():
        catalog = read_catalog(code) or Catalog(locale=code.replace("-", "_"), domain=DOMAIN, charset="utf-8")
        before = {m.id for m in catalog if m.id}
        catalog.update(template, update_header_comment=False)
        # Babel guesses near matches as fuzzy; a guess is not a translation.
        for message in catalog:
            if message.id and message.fuzzy and message.id not in before:
                message.string = "" if not message.pluralizable else ("",) * catalog.num_plurals
                message.flags.discard("fuzzy")
        catalog.obsolete.clear()
        path = catalog_path(code)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog, width=100, sort_output=True, omit_header=False)
        added = {m.id for m in catalog if m.id} - before
        report.append(f"{code}: {len(added)} new string(s), {len(catalog)} in all")
    return report


@dataclass
class Problem:
    code: str
    kind: str  # missing, untranslated, fuzzy, no-catalog
    message: str


def _key(message) -> tuple:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return (message.context, msgid)


def check() -> list[Problem]:
    """Stale (a marked string missing), untranslated or fuzzy entries, per catalog."""
    wanted = {_key(m) for m in extract() if m.id}
    problems = []
    for code in target_languages():
        catalog = read_catalog(code)
        if catalog is None:
            problems.append(Problem(code, "no-catalog", str(catalog_path(code))))
            continue
        present = {}
        for message in catalog:
            if message.id:
                present[_key(message)] = message
        for key in sorted(wanted - present.keys(), key=str):
            problems.append(Problem(code, "missing", key[1]))
        for key, message in present.items():
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if key in wanted and not all(strings):
                problems.append(Problem(code, "untranslated", key[1]))
            elif key in wanted and message.fuzzy:
                problems.append(Problem(code, "fuzzy", key[1]))
    return problems


def compile_all() -> list[Path]:
    written = []
    for code in target_languages():
        catalog = read_catalog(code)
        if catalog is None:
            continue
        path = catalog_path(code).with_suffix(".mo")
        with path.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(path)
    return written
