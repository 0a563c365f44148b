from .branch_report import BranchReport  # noqa: F401
from .initiative import (  # noqa: F401
    APPROVED_STATUSES,
    EDITABLE_STATUSES,
    SUBMITTED_STATUSES,
    ApplicationKind,
    Attachment,
    Category,
    Initiative,
    InitiativeAuthor,
    RecognitionBody,
    ResearchLevel,
    ReviewNote,
    Status,
    StatusChange,
)
from .organisation import Branch, BranchKind, EmulationCluster, Federation, Member, MembershipRequest  # noqa: F401
from .pledge import Pledge, PledgeTarget  # noqa: F401
from .programme import Programme, ProgrammePeriod  # noqa: F401
from .reorganisation import Reorganisation  # noqa: F401
from .similarity import AttachmentText, DismissedMatch, SimilarityBand, SimilarityDocument  # noqa: F401
from .tally import (  # noqa: F401
    TallyBody,
    TallyBodyCell,
    TallyBodyPending,
    TallyBodyPerson,
    TallyBranch,
    TallyBranchSent,
    TallyCell,
    TallyCreditedSent,
    TallyMember,
    TallyPerson,
    TallyProgramme,
)
from .target import ChildTarget  # noqa: F401
