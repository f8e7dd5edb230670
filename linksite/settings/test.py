"""Test settings: the same as dev, with fast password hashing and in-memory media."""

import os
import tempfile

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="linksite-test-media-"))

from .base import *  # noqa: E402,F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
