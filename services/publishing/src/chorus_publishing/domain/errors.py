"""Publishing's domain errors."""

from chorus_shared.errors import NotFound


class BrandNotKnown(NotFound):
    """Publishing has not (yet) received this brand from planning, or the caller may not see it."""

    code = "brand_not_known"
