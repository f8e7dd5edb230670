"""Translations go live the way originals do: through the `LINk publication approval` workflow.

wagtail-localize keeps a translator's work as strings, outside the page, until it writes them
into the translated page ("save target"). Here a translator's work becomes a draft revision of
the translated page, which is then submitted to the workflow; the steering group's approval
publishes it like any page.

wagtail-localize writes a translation into the page row itself as well as a new revision. For
a translation that is already live that row is what the public sees, so a draft written that
way would be public at once. `save_translation_draft` puts the approved live content back in
the row, keeping the new revision as the draft.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry, Revision
from wagtail_localize.models import Translation


class NotATranslation(Exception):
    """The page is not the target of a synchronised translation."""


def translation_of(page):
    """The enabled wagtail-localize translation whose target is this page, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def own_live_revision(page):
    """The revision the page went live with, if it is the page's own.

    An alias (wagtail-localize's locale synchronisation keeps one of each English page in the
    other languages' trees) carries its original's live revision, in the other language."""
    revision = page.live_revision
    if page.live and revision is not None and revision.object_id == str(page.pk):
        return revision
    return None


def take_down_unapproved(page, reason):
    """Take a page down that is live with content nobody approved."""
    UnpublishPageAction(page, include_descendants=False).execute(skip_permission_checks=True)
    log(instance=page, action="linksite.takedown", data={"reason": reason})


def keep_live_content(page_id, live_revision_id):
    """Put the approved live revision's content back into the page row after wagtail-localize
    wrote a draft into it, keeping the draft as the latest revision."""
    page = Page.objects.get(pk=page_id).specific
    latest = page.latest_revision
    restored = Revision.page_revisions.get(pk=live_revision_id).as_object()
    restored.latest_revision = latest
    restored.draft_title = latest.content.get("title", page.draft_title) if latest else page.title
    restored.has_unpublished_changes = True
    restored.save(clean=False)


@transaction.atomic
def save_translation_draft(translation, user):
    """Write the translator's strings into a new draft revision of the translated page,
    leaving what the public sees unchanged."""
    target = Page.objects.filter(
        translation_key=translation.source.object_id, locale=translation.target_locale
    ).first()
    approved = own_live_revision(target) if target else None
    translation.save_target(user=user, publish=False)
    if approved is not None:
        keep_live_content(target.pk, approved.pk)
    elif target is not None and target.live:
        take_down_unapproved(
            target, _("A translation replaced this page's content: it awaits approval.")
        )
    return Page.objects.get(
        translation_key=translation.source.object_id, locale=translation.target_locale
    ).specific


@receiver(post_save, sender=PageLogEntry)
def take_down_alias_turned_into_translation(sender, instance, created, raw=False, **kwargs):
    """wagtail-localize turns a live alias (of a page in another language) into a translation
    in place, writing the translated strings it already has for the page (say from before
    someone turned the translation into an alias) into the live page. Nobody approved those
    words, so the page comes down once that is committed (it writes the page last); its
    translation then goes through the approval workflow like any new page."""
    # `raw`: a log entry loaded as it was (the handover archive's import) records a past event.
    if raw or not created or instance.action != "wagtail.convert_alias":
        return
    page_id = instance.page_id

    def take_down():
        page = Page.objects.filter(pk=page_id, live=True).first()
        if page is not None and own_live_revision(page) is None:
            take_down_unapproved(
                page.specific, _("An alias became a translation: it awaits approval.")
            )

    transaction.on_commit(take_down)


def may_submit_translation(page, user):
    perms = page.permissions_for_user(user)
    return perms.can_edit() and perms.can_submit_for_moderation()


@transaction.atomic
def submit_translation_for_approval(page, user):
    """Save the translation as a draft and start the approval workflow on it, as the editor's
    "Submit for approval" does for a page written in the admin."""
    translation = translation_of(page)
    if translation is None:
        raise NotATranslation(page)
    if not may_submit_translation(page, user):
        raise PermissionDenied
    from .workflow import restart_if_sent_back

    restart_if_sent_back(page, user)
    draft = save_translation_draft(translation, user)
    state = Page.objects.get(pk=draft.pk).current_workflow_state
    if state is not None and state.status == state.STATUS_IN_PROGRESS:
        return state  # already in the workflow: the new draft restarted it from the first step
    workflow = draft.get_workflow()
    if workflow is None:
        raise PermissionDenied("No approval workflow applies to this page.")
    return workflow.start(draft, user)


def fill_translation(translation, translate, user=None):
    """Fill in a translation's strings the way a translator's PO file does.

    `translate` is given each source string and returns its translation, or a false value to
    leave it untranslated. The strings are stored for the translation; the page itself changes
    only when a draft is saved from them (`save_translation_draft`)."""
    po = translation.export_po()
    for entry in po:
        text = translate(entry.msgid)
        if text:
            entry.msgstr = text
    translation.import_po(po, user=user, tool_name="PO File")
