from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """Open data: the read-only JSON API at /api/v1/ (opendata/api.py), and the same records
    as CSV and JSON downloads on the Open data page (opendata/downloads.py), rebuilt nightly
    and soon after a page goes live or down (opendata/tasks.py)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "opendata"
    verbose_name = "Open data"

    def ready(self):
        from linksite.daily import register_daily_job

        from . import downloads, tasks

        tasks.connect()
        register_daily_job(downloads.daily_job)
