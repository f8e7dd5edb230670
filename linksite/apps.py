from django.apps import AppConfig


class LinksiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "linksite"
    verbose_name = "LINk site"

    def ready(self):
        from . import (
            about,  # noqa: F401  (registers the check that every page type says what it is about)
            checks,  # noqa: F401  (registers the system checks)
            translations,  # noqa: F401  (registers the alias take-down)
        )
        from .approved_files import register_policies

        register_policies()
