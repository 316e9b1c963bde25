"""The layout holds: features of `arguments` depend one way, `arguments` never imports the
annotations app, and the pure modules import no Django model. Read from the code's own
imports (`import_module` and `apps.get_model` count too), without running it."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "arguments"

# Lowest first: a feature may import itself and the features before it, never one after.
FEATURES = [
    "search",  # below the record: its models keep their stems with it
    "record",
    "workbench",  # the editors' texts and drafts: on the record, below its exports
    "maps",
    "standing",
    "questions",
    "answers",
    "interchange",
    "synthetic",
    "proposals",
    "pages",
    "citing",  # cites and follows what the pages show
]

# Work on plain data, tested without a database: none may reach a Django model.
PURE = [
    "arguments.search.text",
    "arguments.record.emphasis",
    "arguments.record.rows",
    "arguments.record.files",
    "arguments.record.params",
    "arguments.record.fixture_format",
    "arguments.record.text",
    "arguments.record.dating",
    "arguments.record.corrections_format",
    "arguments.record.relation_table",
    "arguments.maps.options",
    "arguments.maps.selection",
    "arguments.maps.dot",
    "arguments.maps.outline",
    "arguments.maps.shape",
    "arguments.maps.palette",
    "arguments.record.questions_format",
    "arguments.standing.acceptability",
    "arguments.standing.timeline",
    "arguments.questions.table",
    "arguments.answers.graph",
    "arguments.answers.drawing",
    "arguments.interchange.document",
    "arguments.interchange.aif",
    "arguments.interchange.argdown",
    "arguments.interchange.kialo",
    "arguments.interchange.native",
    "arguments.interchange.web_annotation",
    "arguments.synthetic.generator",
    "arguments.synthetic.aif",
    "arguments.citing.citation",
    "arguments.citing.card",
    "arguments.workbench.quotations",
    "arguments.workbench.texts",
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path: Path) -> set[str]:
    """Every module `path` imports: import statements (relative ones resolved), and the
    modules named to `import_module` or, as app labels, to `apps.get_model`."""
    tree = ast.parse(path.read_text(), str(path))
    package = (
        module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    )
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names |= {f"{base}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Call) and node.args:
            called = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            first = node.args[0]
            if called in ("import_module", "get_model") and isinstance(first, ast.Constant):
                names.add(str(first.value).split(".")[0] if called == "get_model" else first.value)
    return names


def app_modules() -> list[Path]:
    return [p for p in APP.rglob("*.py") if "migrations" not in p.parts]


def feature_of(name: str) -> str | None:
    parts = name.split(".")
    if len(parts) > 1 and parts[0] == "arguments" and parts[1] in FEATURES:
        return parts[1]
    return None


def test_every_module_of_the_app_is_in_a_feature_or_is_its_wiring():
    wiring = {"arguments", "arguments.apps", "arguments.urls"}
    loose = [
        module_name(p)
        for p in app_modules()
        if feature_of(module_name(p)) is None
        and module_name(p) not in wiring
        and not module_name(p).startswith("arguments.management")
    ]
    assert loose == []


def test_features_import_only_features_below_them():
    upward = []
    for path in app_modules():
        own = feature_of(module_name(path))
        if own is None:
            continue  # the wiring (apps, urls) and the commands may join every feature
        for name in imported_names(path):
            other = feature_of(name)
            if other is not None and FEATURES.index(other) > FEATURES.index(own):
                upward.append(f"{module_name(path)} imports {name}")
    assert upward == []


def test_the_app_never_imports_annotations():
    found = [
        f"{module_name(path)} imports {name}"
        for path in APP.rglob("*.py")
        if "migrations" not in path.parts
        for name in imported_names(path)
        if name == "annotations" or name.startswith("annotations.")
    ]
    assert found == []


def source_of(name: str) -> Path:
    """The file of a project module (a module file or a package's __init__.py)."""
    path = ROOT / (name.replace(".", "/") + ".py")
    return path if path.exists() else ROOT / name.replace(".", "/") / "__init__.py"


def reached_from(start: str) -> set[str]:
    """The project's modules that importing `start` imports, transitively."""
    seen, todo = set(), [start]
    while todo:
        name = todo.pop()
        path = source_of(name)
        if name in seen or not path.exists():
            continue
        seen.add(name)
        todo += [n for n in imported_names(path) if n.split(".")[0] in ("arguments", "annotations")]
    return seen


@pytest.mark.parametrize("name", PURE)
def test_pure_modules_reach_no_model_and_no_database(name):
    reached = reached_from(name)
    django_used = {
        imported
        for module in reached
        for imported in imported_names(source_of(module))
        if imported.startswith("django.db") or imported.startswith("django.contrib")
    }
    assert [m for m in reached if m.endswith(".models") or m.startswith("annotations")] == []
    assert django_used == set()


def test_pure_modules_import_without_django_set_up():
    """Imported in a fresh interpreter with no settings at all: a model anywhere on the way
    would raise ImproperlyConfigured."""
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = f"import importlib\nfor name in {PURE!r}:\n    importlib.import_module(name)\n"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


VIEW_MODULES = [*APP.rglob("views.py"), ROOT / "annotations" / "views.py"]


@pytest.mark.parametrize("path", VIEW_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_view_functions_stay_short(path):
    long = [
        f"{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef) and node.end_lineno - node.lineno + 1 > 45
    ]
    assert long == []
