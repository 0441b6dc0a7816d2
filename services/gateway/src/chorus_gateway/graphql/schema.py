"""The one schema: root Query and Mutation merged from each area's types.

To add an area, write `<area>/queries.py` with `@strawberry.type class BrandQuery` (and a mutation type) and
append it to QUERY_AREAS / MUTATION_AREAS (and SUBSCRIPTION_AREAS) below.
"""

from __future__ import annotations

import logging

import strawberry
from graphql import GraphQLError
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from chorus_gateway.graphql.brand_freeze.mutations import BrandFreezeMutation
from chorus_gateway.graphql.brand_strategy.plan_mutations import ChannelsAndPartnershipsMutation
from chorus_gateway.graphql.brand_strategy.queries import BrandStrategyQuery
from chorus_gateway.graphql.brand_strategy.research_mutations import MarketResearchMutation
from chorus_gateway.graphql.brand_strategy.voice_mutations import BrandVoiceMutation
from chorus_gateway.graphql.brands.mutations import BrandMutation
from chorus_gateway.graphql.brands.queries import BrandQuery
from chorus_gateway.graphql.crisis.incident_mutations import CrisisIncidentMutation
from chorus_gateway.graphql.crisis.playbook_mutations import CrisisPlaybookMutation
from chorus_gateway.graphql.crisis.queries import CrisisQuery
from chorus_gateway.graphql.identity.mutations import IdentityMutation
from chorus_gateway.graphql.identity.queries import IdentityQuery
from chorus_gateway.graphql.objectives_campaigns.campaign_mutations import CampaignMutation
from chorus_gateway.graphql.objectives_campaigns.objective_mutations import ObjectiveMutation
from chorus_gateway.graphql.objectives_campaigns.queries import ObjectivesCampaignsQuery
from chorus_gateway.graphql.planning_calendar.mutations import PlanningCalendarMutation
from chorus_gateway.graphql.planning_calendar.queries import PlanningCalendarQuery
from chorus_gateway.graphql.planning_calendar.roadmap_mutations import PlanningRoadmapMutation
from chorus_gateway.graphql.protections import protections
from chorus_gateway.graphql.publishing.agency_freeze_mutations import AgencyFreezeMutation
from chorus_gateway.graphql.publishing.channel_mutations import ChannelMutation
from chorus_gateway.graphql.publishing.post_mutations import PostMutation
from chorus_gateway.graphql.publishing.publication_mutations import PublicationMutation
from chorus_gateway.graphql.publishing.queries import PublishingQuery
from chorus_gateway.graphql.publishing.queue_slots import QueueSlotMutation
from chorus_gateway.graphql.publishing.subscriptions import PublishingSubscription
from chorus_gateway.settings import GatewaySettings
from chorus_shared.errors import ChorusError

QUERY_AREAS: tuple[type, ...] = (
    IdentityQuery,
    BrandQuery,
    PlanningCalendarQuery,
    BrandStrategyQuery,
    ObjectivesCampaignsQuery,
    CrisisQuery,
    PublishingQuery,
)
MUTATION_AREAS: tuple[type, ...] = (
    IdentityMutation,
    BrandMutation,
    PlanningCalendarMutation,
    PlanningRoadmapMutation,
    BrandVoiceMutation,
    MarketResearchMutation,
    ChannelsAndPartnershipsMutation,
    ObjectiveMutation,
    CampaignMutation,
    CrisisPlaybookMutation,
    CrisisIncidentMutation,
    BrandFreezeMutation,
    ChannelMutation,
    PostMutation,
    PublicationMutation,
    AgencyFreezeMutation,
    QueueSlotMutation,
)
SUBSCRIPTION_AREAS: tuple[type, ...] = (PublishingSubscription,)

logger = logging.getLogger(__name__)


class GatewaySchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        # Expected failures are answers, not incidents; unexpected ones are logged by ChorusErrorMasking.
        for error in errors:
            if error.original_error is None or isinstance(error.original_error, ChorusError | GraphQLError):
                logger.info("graphql request refused: %s", error.message)


def build_schema(settings: GatewaySettings) -> strawberry.Schema:
    query = merge_types("Query", QUERY_AREAS)
    mutation = merge_types("Mutation", MUTATION_AREAS)
    subscription = merge_types("Subscription", SUBSCRIPTION_AREAS)
    return GatewaySchema(query=query, mutation=mutation, subscription=subscription, extensions=protections(settings))
