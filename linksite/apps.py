from django.apps import AppConfig


class LinksiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "linksite"
    verbose_name = "LINk site"

    def ready(self):
        from . import (
            checks,  # noqa: F401  (registers the system checks)
            notifications,
            translations,  # noqa: F401  (registers the alias take-down)
        )

        notifications.connect()
