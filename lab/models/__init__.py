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
    BriefGraduation,
    ExpertProfile,
    TeamApplication,
    VolunteerSignup,
)

__all__ = [
    "AdviceAnswer",
    "AdviceQuestion",
    "BriefGraduation",
    "ExpertProfile",
    "LabBriefPage",
    "LabIndexPage",
    "TeamApplication",
    "TeamRole",
    "VolunteerSignup",
    "VolunteerTask",
    "original_of",
]
