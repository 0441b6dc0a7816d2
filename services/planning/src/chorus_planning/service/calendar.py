"""The editorial calendar: a brand's planned items laid out on its local days, by ISO week or by month.

Days are local dates of the brand's timezone; a day's items are those whose planned instant falls on that local
date, so a week with a DST change still has seven days and each item sits on the date its audience sees.
"""

from __future__ import annotations

import calendar as gregorian
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from chorus_planning.adapters.content_items import ContentItemRepository
from chorus_planning.domain.brand import Brand
from chorus_planning.domain.content_item import ContentItem
from chorus_planning.domain.local_time import local_date_of, local_day_bounds
from chorus_planning.service.brand_access import visible_brand
from chorus_shared.auth import Permission, Principal, require_permission
from chorus_shared.db.uow import UnitOfWork


class CalendarView(StrEnum):
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True)
class CalendarDay:
    date: date
    items: list[ContentItem]


@dataclass(frozen=True)
class Calendar:
    brand: Brand
    view: CalendarView
    days: list[CalendarDay]

    @property
    def zone(self) -> ZoneInfo:
        return self.brand.zone


def days_of(view: CalendarView, anchor: date) -> list[date]:
    """The local dates the view shows: Monday to Sunday of `anchor`'s ISO week, or every day of its month."""
    if view is CalendarView.WEEK:
        monday = anchor - timedelta(days=anchor.isoweekday() - 1)
        return [monday + timedelta(days=n) for n in range(7)]
    length = gregorian.monthrange(anchor.year, anchor.month)[1]
    return [date(anchor.year, anchor.month, n) for n in range(1, length + 1)]


async def brand_calendar(
    *, uow: UnitOfWork, principal: Principal, brand_id: uuid.UUID, view: CalendarView, anchor: date
) -> Calendar:
    require_permission(principal, Permission.READ)
    brand = await visible_brand(uow, principal, brand_id)
    dates = days_of(view, anchor)
    start, end = local_day_bounds(dates[0], dates[-1], brand.zone)
    items = await ContentItemRepository(uow.session).planned_between(brand_id=brand.id, start=start, end=end)
    by_day: dict[date, list[ContentItem]] = {day: [] for day in dates}
    for item in items:
        assert item.plan.planned_at is not None  # planned_between only returns planned items
        by_day[local_date_of(item.plan.planned_at, brand.zone)].append(item)
    return Calendar(brand=brand, view=view, days=[CalendarDay(day, by_day[day]) for day in dates])
