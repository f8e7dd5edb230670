"""The search entries a change outside their pages touches are brought up to date in the
background (search/tasks.py): an organisation renamed, a document's file replaced."""

from django.core.files.base import ContentFile
from django_tasks_db.models import DBTaskResult

from linksite.simple_pdf import pdf_with_text
from search.entries import record

from .factories import OrganisationFactory, ReportPageFactory
from .test_document_text import GOOD, document
from .test_search import report, search, titles


def queued(name):
    return DBTaskResult.objects.filter(task_path__endswith=name, status="READY").count()


def test_renaming_an_organisation_updates_the_entries_of_its_pages_in_the_background(
    client, report_index, run_worker
):
    trust = OrganisationFactory(name="Quernmoor Hospitals Trust")
    report(report_index, "Leaving hospital", sent_to=[trust])
    assert titles(search(client, q="quernmoor")[1]) == ["Leaving hospital"]
    trust.name = "Zebrafield Hospitals Trust"
    trust.save()
    assert queued("refresh_entries_about_organisation") == 1
    assert titles(search(client, q="zebrafield")[1]) == []  # not yet: the task has not run
    run_worker()
    assert titles(search(client, q="zebrafield")[1]) == ["Leaving hospital"]
    assert titles(search(client, q="quernmoor")[1]) == []


def test_saving_an_organisation_without_renaming_it_queues_nothing(client, report_index):
    trust = OrganisationFactory(name="Quernmoor Hospitals Trust")
    report(report_index, "Leaving hospital", sent_to=[trust])
    trust.website = "https://quernmoor.example.org"
    trust.save()
    assert queued("refresh_entries_about_organisation") == 0


def test_a_renamed_organisation_is_suggested_by_its_new_name(client, report_index, run_worker):
    trust = OrganisationFactory(name="Quernmoor Hospitals Trust")
    report(report_index, "Leaving hospital", sent_to=[trust])
    search(client, q="zebrafeld")  # the vocabulary of this edition is now kept
    trust.name = "Zebrafield Hospitals Trust"
    trust.save()
    run_worker()
    suggestion = search(client, q="zebrafeld")[1].select_one(".no-results__suggestion a")
    assert suggestion.get_text() == "zebrafield"


def test_replacing_a_documents_file_updates_the_pages_that_carry_it_in_the_background(
    client, report_index, run_worker
):
    pdf = document(GOOD)
    page = ReportPageFactory(parent=report_index, title="Transport", report_document=pdf)
    record(page.pk)
    assert titles(search(client, q='"corn exchange"')[1]) == ["Transport"]
    pdf.file.save("new.pdf", ContentFile(pdf_with_text(["The minibus came at noon."])), save=False)
    pdf._set_document_file_metadata()
    pdf.save()
    assert queued("refresh_entries_carrying_document") == 1
    assert titles(search(client, q="minibus")[1]) == []  # not yet: the task has not run
    run_worker()
    assert titles(search(client, q="minibus")[1]) == ["Transport"]
    assert titles(search(client, q='"corn exchange"')[1]) == []


def test_renaming_a_document_without_a_new_file_queues_nothing(db):
    pdf = document(GOOD)
    pdf.title = "The report, final"
    pdf.save()
    assert queued("refresh_entries_carrying_document") == 0
