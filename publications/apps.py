from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "publications"

    def ready(self):
        from linksite import front_cache

        from . import reminders  # noqa: F401  (offers the replies owed to reports)
        from .front_cache import shown_by_publications

        front_cache.register(shown_by_publications)

        from home.front_door import register_latest

        from .models import ReportPage

        register_latest(ReportPage, "report_date")
