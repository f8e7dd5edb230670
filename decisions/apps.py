from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"

    # The handover archive (opendata/archive) carries vetting records only when asked, sealed
    # with a passphrase: certificate numbers never leave the site readable.
    archive_seals = {"VettingRecord": "criminal records checks"}

    def ready(self):
        from home.front_door import register_latest

        from . import reminders  # noqa: F401  (offers the replies owed to requests, referrals)
        from .models import DecisionPage

        register_latest(DecisionPage, "decided_on")
