"""Tell the editor when a PDF on the page they saved cannot be searched (search/documents.py)."""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks

from .documents import unreadable_pdfs


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_of_unreadable_pdfs(request, page):
    # The edited page itself: `page.specific` may still be the live page's cached copy.
    for document, reason in unreadable_pdfs(page.get_specific()):
        messages.warning(
            request,
            _(
                "The page was saved, but the text of “%(document)s” cannot be read: %(reason)s. "
                "Words inside it will not be found by the site search. To make them "
                "searchable, upload a PDF that has a text layer."
            )
            % {"document": document.title, "reason": reason},
        )


# Topic names are translated as snippets (wagtail-localize's "Translate"):
# search/topic_translations.py.
from wagtail.snippets.models import register_snippet  # noqa: E402
from wagtail.snippets.views.snippets import SnippetViewSet  # noqa: E402

from .topic_translations import TopicName  # noqa: E402


class TopicNameViewSet(SnippetViewSet):
    model = TopicName
    icon = "tag"
    menu_label = _("Topic names")
    list_display = ["name", "locale"]
    search_fields = ["name"]


register_snippet(TopicNameViewSet)
