"""Recommendations, reply outcomes and work plan outcomes become translatable with their page
(linksite/translatable_inlines.py)."""

from django.db import migrations

from linksite.translatable_inlines import add_nullable_fields, fill_in, make_required


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0008_reports_count_experiences_drawn_on"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        *add_nullable_fields("recommendation"),
        *add_nullable_fields("recommendationoutcome"),
        *add_nullable_fields("workplanoutcome"),
        fill_in("publications", "Recommendation", "page", lambda row: row.number),
        fill_in(
            "publications",
            "RecommendationOutcome",
            "response",
            lambda row: row.recommendation.number,
        ),
        fill_in("publications", "WorkPlanOutcome", "item", lambda row: row.sort_order),
        *make_required("recommendation"),
        *make_required("recommendationoutcome"),
        *make_required("workplanoutcome"),
    ]
