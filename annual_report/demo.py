"""Demo content for the annual report: the report on 2025/26 (the demo's decisions, visits,
requests and authorisations fall in it), started from the records as an editor would, given
a short narrative, approved through the workflow and translated into every site language.
The report on the year now running is left for a new user to start."""

from linksite.demo import approve_through_workflow, demo_user, translate_through_workflow

from .starting import report_for, start_annual_report
from .year import ReportingYear

DEMO_YEAR = ReportingYear(2025)
TITLE = "Annual report 2025/26"
IN_BRIEF = (
    "<p>Our first full year under our new procedures. We asked for information about "
    "hospital discharge, visited a care home and trained four authorised representatives.</p>"
)
TRANSLATIONS = {
    "ur": {
        TITLE: "سالانہ رپورٹ 2025/26",
        "annual-report-2025-26": "annual-report-2025-26",
        "Our first full year under our new procedures. We asked for information about "
        "hospital discharge, visited a care home and trained four authorised representatives.": (
            "ہمارے نئے طریقہ کار کے تحت ہمارا پہلا پورا سال۔ ہم نے ہسپتال سے ڈسچارج کے بارے میں "
            "معلومات مانگیں، ایک کیئر ہوم کا دورہ کیا اور چار مجاز نمائندوں کو تربیت دی۔"
        ),
    },
    "pl": {
        TITLE: "Sprawozdanie roczne 2025/26",
        "annual-report-2025-26": "annual-report-2025-26",
        "Our first full year under our new procedures. We asked for information about "
        "hospital discharge, visited a care home and trained four authorised representatives.": (
            "Nasz pierwszy pełny rok według nowych procedur. Poprosiliśmy o informacje o "
            "wypisach ze szpitala, odwiedziliśmy dom opieki i przeszkoliliśmy czterech "
            "upoważnionych przedstawicieli."
        ),
    },
    "bn": {
        TITLE: "বার্ষিক প্রতিবেদন 2025/26",
        "annual-report-2025-26": "annual-report-2025-26",
        "Our first full year under our new procedures. We asked for information about "
        "hospital discharge, visited a care home and trained four authorised representatives.": (
            "আমাদের নতুন পদ্ধতির অধীনে আমাদের প্রথম পূর্ণ বছর। আমরা হাসপাতাল থেকে ছাড়া পাওয়া "
            "নিয়ে তথ্য চেয়েছি, একটি কেয়ার হোম পরিদর্শন করেছি এবং চারজন অনুমোদিত প্রতিনিধিকে "
            "প্রশিক্ষণ দিয়েছি।"
        ),
    },
}


def load(demo):
    page = report_for(DEMO_YEAR)
    if page is None:
        page = start_annual_report(DEMO_YEAR, user=demo_user("editor"))
    if not page.live:
        draft = page.get_latest_revision_as_object()
        draft.introduction = IN_BRIEF
        page = approve_through_workflow(draft)
    demo.pages["annual_report"] = page
    for language, strings in TRANSLATIONS.items():
        translated = translate_through_workflow(page, language, strings)
        demo.pages[f"annual_report_{language}"] = translated
