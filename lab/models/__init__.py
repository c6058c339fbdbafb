from .pages import (
    AdviceQuestion,
    LabBriefPage,
    LabIndexPage,
    TeamRole,
    VolunteerTask,
    original_of,
)
from .participation import (
    AdviceAnswer,
    BriefFollow,
    ExpertProfile,
    TeamApplication,
    VolunteerSignup,
)

__all__ = [
    "AdviceAnswer",
    "AdviceQuestion",
    "BriefFollow",
    "ExpertProfile",
    "LabBriefPage",
    "LabIndexPage",
    "TeamApplication",
    "TeamRole",
    "VolunteerSignup",
    "VolunteerTask",
    "original_of",
]
