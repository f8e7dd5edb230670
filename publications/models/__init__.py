"""The LINk's publications, one module per page family."""

from .recommendations import RecommendationsPage
from .reports import Recommendation, ReportIndexPage, ReportPage, ReportRecipient, ReportTopic
from .responses import RecommendationOutcome, ResponsePage
from .work_plan import (
    WorkPlanIndexPage,
    WorkPlanItemPage,
    WorkPlanItemTopic,
    WorkPlanLink,
    WorkPlanOutcome,
    WorkPlanPage,
)

__all__ = [
    "Recommendation",
    "RecommendationOutcome",
    "RecommendationsPage",
    "ReportIndexPage",
    "ReportPage",
    "ReportRecipient",
    "ReportTopic",
    "ResponsePage",
    "WorkPlanIndexPage",
    "WorkPlanItemPage",
    "WorkPlanItemTopic",
    "WorkPlanLink",
    "WorkPlanOutcome",
    "WorkPlanPage",
]
