from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"

    # The handover archive (opendata/archive): the entries and the PDF text are worked out
    # from the pages and files again after an import; a topic's names go with its tag.
    archive_rebuilds = {"SearchEntry": "update_index", "DocumentText": "update_index"}
    archive_belongs_to = {"TopicName": "tag"}

    def ready(self):
        from linksite import front_cache

        from . import (
            signals,  # noqa: F401  (keeps the search entries current)
            tasks,  # noqa: F401  (and after a rename or a new file, in the background)
        )
        from .front_cache import shown_by_search

        front_cache.register(shown_by_search)

        from django.db.models.signals import post_delete, post_save
        from taggit.models import Tag

        from linksite.furniture import new_edition

        from .topic_translations import TopicName, name_the_tag

        post_save.connect(name_the_tag, sender=Tag, dispatch_uid="search_name_the_tag")
        # Topic names are furniture (the topics of every page): a change is a new edition.
        post_save.connect(new_edition, sender=TopicName, dispatch_uid="search_topic_name_saved")
        post_delete.connect(new_edition, sender=TopicName, dispatch_uid="search_topic_name_gone")
