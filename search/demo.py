"""Demo content for topics: the topic index at /topics/, in English, Urdu and Polish.

The topics themselves are the ones the other apps' demo modules put on their reports,
decisions, visits and work plan items; this module only adds the page that lists them.
"""

from linksite.demo import child_page, translate_through_workflow

from .topics import TopicIndexPage

INTRODUCTION = (
    "Everything we have published, by topic: our reports, our decisions, the places we "
    "visit to enter and view, and the work in our work plan."
)

TRANSLATIONS = {
    "ur": {
        "Topics": "موضوعات",
        "topics": "topics",
        INTRODUCTION: (
            "ہم نے جو کچھ شائع کیا ہے، موضوع کے لحاظ سے: ہماری رپورٹیں، ہمارے فیصلے، وہ جگہیں "
            "جہاں ہم داخلہ اور مشاہدہ کے لیے جاتے ہیں، اور ہمارے کام کے منصوبے کا کام۔"
        ),
    },
    "pl": {
        "Topics": "Tematy",
        "topics": "topics",
        INTRODUCTION: (
            "Wszystko, co opublikowaliśmy, według tematów: nasze raporty, nasze decyzje, "
            "placówki, które odwiedzamy w ramach wizyt „wejście i obserwacja”, oraz zadania "
            "z naszego planu pracy."
        ),
    },
}


def load(demo):
    index = child_page(
        demo.home,
        TopicIndexPage,
        "topics",
        title="Topics",
        show_in_menus=True,
        introduction=f"<p>{INTRODUCTION}</p>",
    )
    demo.pages["topics"] = index
    for language, strings in TRANSLATIONS.items():
        demo.pages[f"topics-{language}"] = translate_through_workflow(index, language, strings)
