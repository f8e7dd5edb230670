"""Procedures, the decision log, the register of interests, enter and view, information
requests and OSC referrals: one module per page family."""

from .common import DecisionKind, DecisionKindsField
from .decision_log import DecisionIndexPage, DecisionPage, DecisionPageTag, SpendingPurpose
from .enter_and_view import (
    Authorisation,
    EnterAndViewPage,
    VettingRecord,
    VisitPage,
    VisitPageTag,
    VisitRepresentative,
    vetting_clears,
)
from .procedures import ProcedureIndexPage, ProcedurePage
from .register import RegisterOfInterestsPage
from .replies import InformationRequestPage, OSCReferralPage, RequestsAndReferralsIndexPage

__all__ = [
    "SpendingPurpose",
    "Authorisation",
    "DecisionIndexPage",
    "DecisionKind",
    "DecisionKindsField",
    "DecisionPage",
    "DecisionPageTag",
    "EnterAndViewPage",
    "InformationRequestPage",
    "OSCReferralPage",
    "ProcedureIndexPage",
    "ProcedurePage",
    "RegisterOfInterestsPage",
    "RequestsAndReferralsIndexPage",
    "VettingRecord",
    "VisitPage",
    "VisitPageTag",
    "VisitRepresentative",
    "vetting_clears",
]
