"""Publishing's domain errors."""

from chorus_shared.errors import Conflict, Forbidden, NotFound


class BrandNotKnown(NotFound):
    """Publishing has not (yet) received this brand from planning, or the caller may not see it."""

    code = "brand_not_known"


class BrandAlreadyFrozen(Conflict):
    code = "brand_already_frozen"


class BrandNotFrozen(Conflict):
    code = "brand_not_frozen"


class PostNotFound(NotFound):
    """No such post, or the caller may not see it."""

    code = "post_not_found"


class PostNotEditable(Conflict):
    code = "post_not_editable"


class PostStateConflict(Conflict):
    """The post's state does not allow this move."""

    code = "post_state_conflict"


class ApprovalNotAllowed(Forbidden):
    """The brand's approval policy gives this decision to someone else."""

    code = "approval_not_allowed"


class MediaNotFound(NotFound):
    code = "media_not_found"
