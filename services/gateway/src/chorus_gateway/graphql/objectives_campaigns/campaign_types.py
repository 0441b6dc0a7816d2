"""GraphQL types of campaigns: budget lines with what is spent and remains, and the spend entries."""

from __future__ import annotations

from datetime import date

import strawberry

from chorus_gateway.graphql.connection import Connection
from chorus_gateway.graphql.info import GatewayInfo, documented_field
from chorus_gateway.graphql.money import Money
from chorus_gateway.graphql.objectives_campaigns.enums import BudgetActivity, CampaignStatus
from chorus_gateway.graphql.objectives_campaigns.money import money
from chorus_gateway.graphql.objectives_campaigns.rest import PlanningCampaign, PlanningSpendEntry, PlanningSpendPage
from chorus_gateway.graphql.planning_calendar.enums import Network
from chorus_gateway.graphql.planning_calendar.paging import connection, page_params


@strawberry.type(description="The share of a campaign's budget for one activity.")
class BudgetLine:
    activity: BudgetActivity
    amount: Money
    spent: Money
    remaining: Money


@strawberry.type(description="Money spent on a campaign's budget line.")
class SpendEntry:
    id: strawberry.ID
    campaign_id: strawberry.ID
    line: BudgetActivity
    amount: Money
    spent_on: date
    note: str

    @classmethod
    def of(cls, entry: PlanningSpendEntry) -> SpendEntry:
        return cls(
            id=strawberry.ID(str(entry.id)),
            campaign_id=strawberry.ID(str(entry.campaign_id)),
            line=BudgetActivity(entry.line),
            amount=money(entry.amount, entry.currency),
            spent_on=entry.spent_on,
            note=entry.note,
        )


@strawberry.type(description="A brand's effort over dates, for objectives, on channels, with a budget and its spend.")
class Campaign:
    id: strawberry.ID
    brand_id: strawberry.ID
    name: str
    start_date: date
    end_date: date
    objective_ids: list[strawberry.ID]
    channels: list[Network]
    status: CampaignStatus
    budget: Money
    spent: Money
    remaining: Money
    lines: list[BudgetLine]
    version: int

    @documented_field("The campaign's spend entries, in a stable order.")
    async def spend(
        self, info: GatewayInfo, first: int | None = None, after: str | None = None
    ) -> Connection[SpendEntry]:
        params = page_params("spend", first, after)
        path = f"/campaigns/{self.id}/spend"
        page = await info.context.service("planning").get(path, PlanningSpendPage, params=params)
        return connection("spend", page.items, page.next_after, after, SpendEntry.of)

    @classmethod
    def of(cls, campaign: PlanningCampaign) -> Campaign:
        currency = campaign.currency
        return cls(
            id=strawberry.ID(str(campaign.id)),
            brand_id=strawberry.ID(str(campaign.brand_id)),
            name=campaign.name,
            start_date=campaign.start_date,
            end_date=campaign.end_date,
            objective_ids=[strawberry.ID(str(i)) for i in campaign.objective_ids],
            channels=[Network(c) for c in campaign.channels],
            status=CampaignStatus(campaign.status),
            budget=money(campaign.budget, currency),
            spent=money(campaign.spent, currency),
            remaining=money(campaign.remaining, currency),
            lines=[
                BudgetLine(
                    activity=BudgetActivity(line.activity),
                    amount=money(line.amount, currency),
                    spent=money(line.spent, currency),
                    remaining=money(line.remaining, currency),
                )
                for line in campaign.lines
            ],
            version=campaign.version,
        )
