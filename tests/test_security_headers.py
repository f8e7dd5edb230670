"""What every response tells the browser: CSP, Permissions-Policy; production's deploy check."""

import os
import subprocess
import sys
from pathlib import Path

from .admin_forms import as_user

ROOT = Path(__file__).resolve().parent.parent


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_a_public_page_runs_only_the_sites_own_scripts_and_styles(client, home):
    policy = directives(client.get("/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in client.get("/")["Content-Security-Policy"]


def test_a_public_page_has_no_inline_script_or_style(client, home):
    page = client.get("/").content.decode()
    assert "<script>" not in page and "<style" not in page and " style=" not in page


def test_the_admin_has_its_own_policy_with_scripts_from_the_site_only(client, people):
    response = as_user(client, people["editor"]).get("/admin/")
    assert response.status_code == 200
    policy = directives(response)
    # Wagtail's choosers need inline scripts; no script from another origin is allowed.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]


def test_a_preview_keeps_the_public_policy_and_only_the_admin_may_frame_it(
    client, submitted, people
):
    from django.urls import reverse

    as_user(client, people["editor"])
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[submitted.pk]))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["frame-ancestors"] == directives(client.get("/admin/"))["frame-ancestors"]


def test_public_and_admin_pages_turn_off_unused_browser_features(client, people):
    for response in (client.get("/"), as_user(client, people["editor"]).get("/admin/")):
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_production_settings_pass_the_deploy_check_with_no_warnings(tmp_path):
    skip = {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the last: browser tests
    env = {k: v for k, v in os.environ.items() if k not in skip}
    env.update(
        DJANGO_SETTINGS_MODULE="linksite.settings.production",
        SECRET_KEY="a-long-random-production-key-for-the-check-only-" + "k7#Qz" * 6,
        ALLOWED_HOSTS="link.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_no_template_has_inline_script_style_or_event_handler():
    """The policies run no inline script, and the public one no inline style either: a
    template with one would break under them."""
    import re

    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in (ROOT / "templates").rglob("*.html")
        for match in inline.finditer(path.read_text())
    ]
    assert not found, found
