from django.apps import AppConfig


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = "Partners' email alerts"

    # The handover archive (opendata/archive): addresses were given to this LINk for its
    # alerts; a successor asks its partners to subscribe again.
    archive_leaves_out = {
        "Subscriber": "partners' email addresses, given to this LINk for its alerts",
        "Subscription": "what each partner's address follows",
        "AlertSent": "which alerts were sent to whom",
    }

    def ready(self):
        from . import signals  # noqa: F401  (alerts when a page goes live)
