"""The open data files, served (/open-data/files/<language>/<type>.<csv|json>).

What is served is what the last build's rows name (opendata/models.py OpenDataFile), from the
site's storage, streamed. The same for everyone, with no session: public Cache-Control like a
public page (the front cache is purged when the files are rebuilt, opendata/downloads.py), an
ETag and Last-Modified for conditional requests, and CORS for GET. Anything else, an unknown
language, type or format included, is a 404.
"""

import re

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from .models import OpenDataFile

LANGUAGES = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
# What a record type's name may be (opendata/registry.py): checked before the database sees it.
NAME = re.compile(r"[a-z][a-z-]{0,63}")


def the_file(language, filename):
    name, dot, file_format = filename.rpartition(".")
    if language not in LANGUAGES or not NAME.fullmatch(name):
        return None
    if not dot or file_format not in OpenDataFile.Format.values:
        return None
    return OpenDataFile.objects.filter(
        language=language, record_type=name, file_format=file_format
    ).first()


@require_safe
def serve_file(request, language, filename):
    found = the_file(language, filename)
    if found is None:
        raise Http404("No such open data file.")
    etag = f'"{found.sha256}"'
    last_modified = found.built_at.timestamp()
    unchanged = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if unchanged is None:
        try:
            content = default_storage.open(found.path, "rb")
        except FileNotFoundError:
            # Replaced by a build between reading the row and opening the file: the new one.
            found = the_file(language, filename)
            try:
                content = default_storage.open(found.path, "rb") if found else None
            except FileNotFoundError:
                content = None
            if content is None:
                raise Http404("No such open data file.") from None
        response = FileResponse(
            content,
            content_type=found.content_type,
            as_attachment=found.file_format == OpenDataFile.Format.CSV,
            filename=found.download_name,
        )
        response["Content-Length"] = str(found.size)
    else:
        response = unchanged
    response["ETag"] = f'"{found.sha256}"'
    response["Last-Modified"] = http_date(last_modified)
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(
        response, public=True, max_age=settings.PUBLIC_MAX_AGE, s_maxage=settings.PUBLIC_S_MAXAGE
    )
    return response
