"""Exemplary models, nominations, awards, the scoring sheet and the thresholds kept as data."""

from .award import Award, AwardForm, AwardLevel, Occasion
from .common import Movement, Subject
from .criteria import Criterion
from .nomination import (
    EXEMPLAR_STATUSES,
    Nomination,
    NominationCriterion,
    NominationMove,
    NominationStatus,
    UpwardLevel,
)
from .scoring import Candidate, InitiativeScore
from .thresholds import CreativeLabourThreshold

__all__ = [
    "EXEMPLAR_STATUSES",
    "Award",
    "AwardForm",
    "AwardLevel",
    "Candidate",
    "CreativeLabourThreshold",
    "Criterion",
    "InitiativeScore",
    "Movement",
    "Nomination",
    "NominationCriterion",
    "NominationMove",
    "NominationStatus",
    "Occasion",
    "Subject",
    "UpwardLevel",
]
