from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"

    def ready(self):
        from . import reminders  # noqa: F401  (offers the replies owed to requests, referrals)
