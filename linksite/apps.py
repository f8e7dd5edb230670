from django.apps import AppConfig


class LinksiteConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "linksite"
    verbose_name = "LINk site"
