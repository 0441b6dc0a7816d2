"""The vocabularies of objectives, KPIs and campaigns as GraphQL enums (values are planning's REST values)."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum
class ObjectiveKind(Enum):
    AWARENESS = "awareness"
    ENGAGEMENT = "engagement"
    TRAFFIC = "traffic"
    CONVERSIONS = "conversions"
    COMMUNITY = "community"
    CUSTOMER_CARE = "customer_care"


@strawberry.enum(description="What a KPI measures; each metric is computed with one of its formulas.")
class KpiMetric(Enum):
    ENGAGEMENT_RATE = "engagement_rate"
    REACH = "reach"
    IMPRESSIONS = "impressions"
    ENGAGEMENTS = "engagements"
    FOLLOWERS = "followers"
    FOLLOWER_GROWTH = "follower_growth"
    CLICKS = "clicks"
    CLICK_THROUGH_RATE = "click_through_rate"
    CONVERSIONS = "conversions"
    CONVERSION_RATE = "conversion_rate"
    COST_PER_ACQUISITION = "cost_per_acquisition"
    ROI = "roi"
    RESPONSE_TIME_MINUTES = "response_time_minutes"
    RESPONSE_RATE = "response_rate"
    POSITIVE_SENTIMENT_SHARE = "positive_sentiment_share"
    SHARE_OF_VOICE = "share_of_voice"


@strawberry.enum(description="How a KPI is computed, e.g. engagement rate by reach, by impressions or by followers.")
class KpiFormula(Enum):
    ENGAGEMENTS_BY_REACH = "engagements_by_reach"
    ENGAGEMENTS_BY_IMPRESSIONS = "engagements_by_impressions"
    ENGAGEMENTS_BY_FOLLOWERS = "engagements_by_followers"
    UNIQUE_ACCOUNTS_REACHED = "unique_accounts_reached"
    TOTAL_IMPRESSIONS = "total_impressions"
    LIKES_COMMENTS_SHARES_SAVES = "likes_comments_shares_saves"
    FOLLOWERS_AT_PERIOD_END = "followers_at_period_end"
    NEW_FOLLOWERS_MINUS_UNFOLLOWS = "new_followers_minus_unfollows"
    LINK_CLICKS = "link_clicks"
    CLICKS_BY_IMPRESSIONS = "clicks_by_impressions"
    ATTRIBUTED_CONVERSIONS = "attributed_conversions"
    CONVERSIONS_BY_CLICKS = "conversions_by_clicks"
    SPEND_BY_CONVERSIONS = "spend_by_conversions"
    REVENUE_MINUS_SPEND_BY_SPEND = "revenue_minus_spend_by_spend"
    MEDIAN_FIRST_RESPONSE = "median_first_response"
    MEAN_FIRST_RESPONSE = "mean_first_response"
    ANSWERED_BY_RECEIVED = "answered_by_received"
    POSITIVE_BY_ALL_MENTIONS = "positive_by_all_mentions"
    BRAND_MENTIONS_BY_MARKET_MENTIONS = "brand_mentions_by_market_mentions"


@strawberry.enum(description="Whether the KPI should reach the target or stay under it (e.g. response time).")
class KpiDirection(Enum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


@strawberry.enum(
    description="draft -> active | cancelled; active -> completed | cancelled. Completed and cancelled are final."
)
class CampaignStatus(Enum):
    DRAFT = "draft"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@strawberry.enum(description="The activity a budget line pays for.")
class BudgetActivity(Enum):
    PAID_ADS = "paid_ads"
    CONTENT_PRODUCTION = "content_production"
    INFLUENCERS = "influencers"
    TOOLS = "tools"
    OTHER = "other"
