from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"

    def ready(self):
        from linksite import front_cache

        from . import (
            signals,  # noqa: F401  (keeps the search entries current)
            tasks,  # noqa: F401  (and after a rename or a new file, in the background)
        )
        from .front_cache import shown_by_search

        front_cache.register(shown_by_search)
