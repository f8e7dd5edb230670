"""`make audit` never says "no known vulnerabilities" about packages it could not check."""

import importlib.util
from pathlib import Path

import pytest

AUDIT = Path(__file__).resolve().parent.parent / "deploy" / "audit.py"


@pytest.fixture
def audit(monkeypatch):
    spec = importlib.util.spec_from_file_location("audit", AUDIT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def answering(report):
        monkeypatch.setattr(module, "run_pip_audit", lambda lock, service: (report, None))
        return module

    return answering


def test_packages_that_could_not_be_looked_up_fail_the_audit_saying_so(audit, capsys):
    report = {
        "dependencies": [
            {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be"},
            {"name": "wagtail", "version": "8.0.1", "vulns": []},
        ]
    }
    assert audit(report).main(["audit", "requirements.lock"]) == 2
    said = capsys.readouterr().out
    assert "AUDIT INCOMPLETE: 1 of 2 packages could not be checked" in said
    assert "No known vulnerabilities" not in said


def test_a_known_vulnerability_is_named_and_fails_the_audit(audit, capsys):
    report = {
        "dependencies": [
            {
                "name": "django",
                "version": "5.2.0",
                "vulns": [{"id": "PYSEC-1", "fix_versions": ["5.2.1"]}],
            }
        ]
    }
    assert audit(report).main(["audit"]) == 1
    assert "VULNERABLE django 5.2.0: PYSEC-1 (fixed in 5.2.1)" in capsys.readouterr().out


def test_every_package_checked_and_clean_passes(audit, capsys):
    report = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
    assert audit(report).main(["audit"]) == 0
    assert "No known vulnerabilities in any of the 1 pinned packages" in capsys.readouterr().out
