from django.apps import AppConfig


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = "Partners' email alerts"

    def ready(self):
        from . import signals  # noqa: F401  (alerts when a page goes live)
