"""The layers hold: the import-linter contracts of pyproject.toml are kept (the pure core imports
neither Scrapy nor the shell; spiders import no pipeline, extension, middleware or CLI module)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_layer_contracts_are_kept():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.fail("import-linter is not installed: pip install '.[test]'")
    proc = subprocess.run([exe, str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # lint-imports exits non-zero on a broken contract


def test_core_imports_without_scrapy_loaded():
    code = ("import sys; import crawler.extract, crawler.items, dedup, output, output.report; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('scrapy', 'twisted')]; "
            "assert not bad, bad")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
