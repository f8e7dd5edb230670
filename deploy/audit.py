"""`make audit`: pip-audit over the pinned dependencies, honest about what it could not check.

pip-audit reports "No known vulnerabilities found" and exits 0 even when it could look up
none of the packages (no route to PyPI's advisory data, or a package it cannot find there).
This reads its JSON report instead and says which of three things happened:

- every package was checked and none has a known vulnerability: exit 0;
- some package has a known vulnerability: each is listed, exit 1;
- some package could not be checked: says so plainly, how many and why, exit 2. That is
  never reported as "no known vulnerabilities".

Usage: python deploy/audit.py requirements.lock   (AUDIT_SERVICE=osv to ask OSV instead of PyPI)
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path


def run_pip_audit(lock, service):
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "audit.json"
        command = [
            str(Path(sys.executable).with_name("pip-audit")),
            "--requirement",
            str(lock),
            "--no-deps",  # the lock is the whole, pinned set
            "--disable-pip",
            "--vulnerability-service",
            service,
            "--progress-spinner",
            "off",
            "--format",
            "json",
            "--output",
            str(report),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=600)  # noqa: S603
        if not report.exists() or not report.read_text().strip():
            return None, result
        return json.loads(report.read_text()), result


def summarise(report):
    packages = report.get("dependencies", [])
    skipped = [p for p in packages if p.get("skip_reason")]
    vulnerable = [p for p in packages if p.get("vulns")]
    return packages, skipped, vulnerable


def main(argv):
    lock = Path(argv[1] if len(argv) > 1 else "requirements.lock")
    service = os.environ.get("AUDIT_SERVICE", "pypi")
    report, result = run_pip_audit(lock, service)
    if report is None:
        print(f"AUDIT NOT DONE: pip-audit gave no report (exit {result.returncode}).")
        print((result.stderr or result.stdout).strip()[-2000:])
        return 2
    packages, skipped, vulnerable = summarise(report)
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            name = f"{package['name']} {package['version']}"
            print(f"VULNERABLE {name}: {vuln['id']} (fixed in {fixes})")
    if skipped:
        print(
            f"AUDIT INCOMPLETE: {len(skipped)} of {len(packages)} packages could not be checked "
            f"against the {service} vulnerability data, so nothing can be said about them."
        )
        reasons = {p["skip_reason"].split(":")[0] for p in skipped}
        for reason in sorted(reasons):
            print(f"  reason: {reason}")
        print(
            "  Most likely this machine cannot reach the advisory data (pypi.org, or osv.dev "
            "with AUDIT_SERVICE=osv). Run `make audit` where it can."
        )
        return 2
    if vulnerable:
        print(f"{len(vulnerable)} of {len(packages)} packages have known vulnerabilities.")
        return 1
    print(f"No known vulnerabilities in any of the {len(packages)} pinned packages ({service}).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
