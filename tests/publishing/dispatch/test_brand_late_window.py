"""How late a brand's post may go out, from the late-post policy planning set for the brand."""

from __future__ import annotations

import pytest

from chorus_publishing.adapters.dispatch_records import BrandStanding
from chorus_publishing.service.dispatch_config import DispatchConfig
from chorus_publishing.service.late_policy import late_window_s
from chorus_shared.messaging.contracts.planning_brand_voice import LatePostMode

CONFIG = DispatchConfig(late_window_s=900, late_after_s=60.0)


@pytest.mark.parametrize(
    ("standing", "window_s"),
    [
        (BrandStanding(False, None, None, 0), 900),  # planning has said nothing of the brand: the service default
        (BrandStanding(False, LatePostMode.PUBLISH_LATE, 30, 0), 900),  # a row never set by planning
        (BrandStanding(False, LatePostMode.MARK_MISSED, 30, 0), 900),  # likewise, whatever the row's mode
        (BrandStanding(False, LatePostMode.PUBLISH_LATE, None, 2), 900),  # late, with no bound
        (BrandStanding(False, LatePostMode.PUBLISH_LATE, 30, 2), 1800),
        (BrandStanding(True, LatePostMode.PUBLISH_LATE, 5, 1), 300),  # frozen or not, the window is the policy's
        (BrandStanding(False, LatePostMode.MARK_MISSED, 30, 3), 60),  # never late: only the dispatcher's own pace
    ],
)
def test_the_late_window_follows_the_brands_policy(standing: BrandStanding, window_s: int) -> None:
    assert late_window_s(standing, CONFIG) == window_s
