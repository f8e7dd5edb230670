"""The admin's image and document listings can be searched and filtered by tag at once.

Wagtail's listings filter on `tags__name` while searching, but its Image and Document models
index a tag's name for full-text search only, not as a filter, so the search backend refuses
the combination and the listing answered 500 (wagtail/wagtail#9160). Declaring the name a
filter field, once, at start-up, is the fix the backend's own error message asks for.
"""

from wagtail.search import index


def let_tags_filter_searches(*models):
    for model in models:
        for field in model.search_fields:
            if isinstance(field, index.RelatedFields) and field.field_name == "tags":
                if not any(
                    isinstance(f, index.FilterField) and f.field_name == "name"
                    for f in field.fields
                ):
                    field.fields.append(index.FilterField("name"))
