"""Which way dependencies run, and one list of languages.

`cms/` is the ground floor: apps build on it, it imports none of them. Only the modules where
the project is composed (settings, the URL configuration, WSGI) name the apps. Benchmarks stand
on their own (they do not import the test suite). Adding a language to `settings.LANGUAGES`
without what each app keeps per language fails `manage.py check`, naming what is missing."""

import ast
from pathlib import Path

import pytest
from django.core import checks

ROOT = Path(__file__).resolve().parents[1]
APPS = {"home", "articles", "contacts", "feedback", "search", "translations", "review", "twofactor"}
COMPOSITION = {ROOT / "cms" / "urls.py", ROOT / "cms" / "wsgi.py"}


def imported_top_names(path: Path) -> set[str]:
    """Every package a module imports, at the top or inside functions."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def modules_of(folder: str):
    for path in sorted((ROOT / folder).rglob("*.py")):
        if "migrations" not in path.parts and "settings" not in path.parts and path not in COMPOSITION:
            yield path


def test_cms_imports_no_app():
    upward = {
        str(path.relative_to(ROOT)): sorted(imported_top_names(path) & APPS)
        for path in modules_of("cms")
        if imported_top_names(path) & APPS
    }
    assert upward == {}


# What each app may build on (README, "Which way dependencies run"): no cycles, nothing upward.
MAY_IMPORT = {
    "review": {"cms"},
    "contacts": {"cms"},
    "articles": {"cms", "contacts", "review"},
    "search": {"cms", "articles", "contacts"},
    "translations": {"cms", "articles", "review"},
    "feedback": {"cms", "contacts", "review"},
    "twofactor": {"cms", "contacts", "review"},
    "home": {"cms", "articles", "contacts", "review", "translations"},
}


def test_each_app_builds_only_on_the_apps_below_it():
    found = {
        app: set().union(*(imported_top_names(path) for path in modules_of(app))) & (APPS | {"cms"}) - {app}
        for app in APPS
    }
    assert {app: sorted(found[app] - MAY_IMPORT[app]) for app in APPS if found[app] - MAY_IMPORT[app]} == {}


def test_no_app_imports_the_project_composition():
    """Apps read settings through django.conf and never import the URL configuration."""
    offenders = []
    for app in APPS:
        for path in modules_of(app):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                module = node.module if isinstance(node, ast.ImportFrom) else None
                if module and (module.startswith("cms.settings") or module in ("cms.urls", "cms.wsgi")):
                    offenders.append(f"{path.relative_to(ROOT)}: {module}")
    assert offenders == []


def test_benchmarks_do_not_import_the_test_suite():
    assert {str(p.relative_to(ROOT)) for p in modules_of("benchmarks") if "tests" in imported_top_names(p)} == set()


def language_errors():
    return [
        error
        for error in checks.run_checks(tags=[checks.Tags.translation])
        if error.id.endswith(".E001") and error.level >= checks.ERROR
    ]


def test_the_real_languages_have_everything_each_app_keeps_per_language():
    assert language_errors() == []


def test_a_fifth_language_fails_the_check_naming_each_missing_part(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    errors = language_errors()
    assert {error.id for error in errors} == {"cms.E001", "search.E001", "contacts.E001", "translations.E001"}
    for error in errors:
        assert "'de'" in error.msg and error.hint
    by_id = {error.id: error.msg for error in errors}
    assert "interface catalog" in by_id["cms.E001"]
    assert "search analysis" in by_id["search.E001"]
    assert "crisis search terms" in by_id["contacts.E001"]
    assert "sample translation" in by_id["translations.E001"]


@pytest.mark.parametrize("missing", ["es", "ar"])
def test_a_language_losing_its_catalog_is_named(settings, tmp_path, missing):
    """The catalog check looks at the files, not at a list kept beside LANGUAGES."""
    for code in ("es", "fr", "ar"):
        if code != missing:
            (tmp_path / code / "LC_MESSAGES").mkdir(parents=True)
            (tmp_path / code / "LC_MESSAGES" / "django.po").write_text("")
    settings.LOCALE_PATHS = [tmp_path]
    assert [error.msg for error in language_errors() if error.id == "cms.E001"] == [
        f"Language '{missing}' is in settings.LANGUAGES but has no interface catalog."
    ]
