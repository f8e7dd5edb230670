from django.apps import AppConfig


class LinksiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "linksite"
    verbose_name = "LINk site"

    # The handover archive (opendata/archive): the mail and notification bookkeeping belongs
    # to the old site's running; the rest of this app (settings, organisations, people, the
    # workflow's approvals, files shown, reply reminders sent) is carried.
    archive_leaves_out = {
        "OutgoingMail": "the mail queue: copies of messages already sent",
        "MailPreference": "staff's choices of workflow mail",
        "DigestItem": "notifications waiting for a daily digest",
        "StepNotice": "which workflow reminders were sent",
    }
    archive_rebuilds = {"SiteEdition": None}

    def ready(self):
        from django.db.models.signals import pre_save
        from taggit.models import Tag

        from . import (
            about,  # noqa: F401  (registers the check that every page type says what it is about)
            checks,  # noqa: F401  (registers the system checks)
            front_cache,
            furniture,
            languages,
            notifications,
            serving,
            translations,  # noqa: F401  (registers the alias take-down)
            visibility,
        )
        from .approved_files import register_policies

        register_policies()
        from .topic_names import give_the_tag_a_slug

        pre_save.connect(give_the_tag_a_slug, sender=Tag, dispatch_uid="linksite_tag_slug")

        notifications.connect()
        furniture.connect()
        languages.connect()
        visibility.connect()
        serving.serve_locales_from_the_edition()
        front_cache.connect()

        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        from .media_search import let_tags_filter_searches

        let_tags_filter_searches(get_image_model(), get_document_model())
