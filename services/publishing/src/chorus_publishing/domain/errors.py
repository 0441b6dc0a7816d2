"""Publishing's domain errors."""

from chorus_shared.errors import Conflict, NotFound


class BrandNotKnown(NotFound):
    """Publishing has not (yet) received this brand from planning, or the caller may not see it."""

    code = "brand_not_known"


class BrandAlreadyFrozen(Conflict):
    code = "brand_already_frozen"


class BrandNotFrozen(Conflict):
    code = "brand_not_frozen"
