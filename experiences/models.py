"""The experiences app's models: the private records (records.py) and the public pages
(pages.py)."""

from .pages import ExperienceStoryPage, ShareExperiencePage, WhatPeopleToldUsPage  # noqa: F401
from .records import Experience, ExperienceAccess, ExperienceSettings, WhoseVoice  # noqa: F401
