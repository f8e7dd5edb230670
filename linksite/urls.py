from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from accounts.password_reset import ThrottledPasswordResetView
from linksite import admin_views, approved_files, serving
from linksite import views as linksite_views
from linksite.admin_views import UpdateTranslationsWithoutPublishing
from opendata import views as opendata_views
from opendata.api import api as opendata_api
from search import views as search_views

urlpatterns = [
    # Shadows wagtail-localize's own view (same path, matched first): see admin_views.
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(UpdateTranslationsWithoutPublishing.as_view()),
    ),
    path(
        "admin/localize/page/<int:page_id>/convert_to_alias/",
        require_admin_access(admin_views.convert_to_alias),
    ),
    *approved_files.admin_urls(),
    # Shadows Wagtail's password reset (same path and name, matched first): it is throttled
    # with the sign-in, see accounts/password_reset.py.
    path(
        "admin/password_reset/",
        ThrottledPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Documents only through this gate: the public may fetch a file only while a live,
    # public page shows it (linksite/approved_files.py).
    re_path(r"^documents/(\d+)/(.*)$", approved_files.serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),
    # The open data API, one address in every language (a `language` filter asks for one).
    path("api/v1/", opendata_api.urls),
    # Its downloads, built from the same records (opendata/downloads.py), in every language.
    path(
        "open-data/files/<str:language>/<str:filename>",
        opendata_views.serve_file,
        name="open_data_file",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    # On a laptop, Django serves image renditions as nginx does in production (deploy/), and
    # nothing else under /media/: documents and original images never go out directly.
    urlpatterns += static(
        f"{settings.MEDIA_URL}images/", document_root=settings.MEDIA_ROOT / "images"
    )

# English, the default language, has no prefix; other languages live under /ur/, /pl/...
urlpatterns += i18n_patterns(
    path(
        "publication-record/<int:page_id>/",
        linksite_views.publication_record,
        name="publication_record",
    ),
    path("search/", search_views.search, name="search"),
    path("email-alerts/", include("alerts.urls")),
    # Wagtail's page view, routed from the home page kept for the edition (linksite/serving.py).
    re_path(serve_pattern, serving.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database outage answers 503, any other fault 500 (linksite/outages.py).
handler500 = "linksite.outages.server_error"
