from django.urls import path
from django.views.decorators.cache import never_cache

from . import views

app_name = "alerts"

# Every page here asks for or shows a person's address and subscriptions: never kept by a
# browser or a cache (linksite/cache_control.py; deploy/varnish/default.vcl passes them too).
urlpatterns = [
    path("", never_cache(views.subscribe), name="subscribe"),
    path("check-your-email/", never_cache(views.check_email), name="check_email"),
    path("confirm/<str:token>/", never_cache(views.confirm), name="confirm"),
    path("manage/<str:token>/", never_cache(views.manage), name="manage"),
    path("unsubscribe/<str:token>/", never_cache(views.unsubscribe), name="unsubscribe"),
]
