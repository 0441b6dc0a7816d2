"""Planning's domain errors, each with its stable code and HTTP meaning."""

from chorus_shared.errors import Conflict, NotFound


class BrandNotFound(NotFound):
    code = "brand_not_found"


class BrandArchived(Conflict):
    code = "brand_archived"


class CrisisPlaybookNotFound(NotFound):
    code = "crisis_playbook_not_found"


class CrisisPlaybookArchived(Conflict):
    code = "crisis_playbook_archived"


class CrisisIncidentNotFound(NotFound):
    code = "crisis_incident_not_found"


class CrisisIncidentAlreadyOpen(Conflict):
    """A brand has at most one open crisis incident: new detections go to its timeline."""

    code = "crisis_incident_already_open"


class CrisisIncidentClosed(Conflict):
    code = "crisis_incident_closed"


class CrisisStepAlreadyCompleted(Conflict):
    code = "crisis_step_already_completed"


class ContentItemNotFound(NotFound):
    code = "content_item_not_found"


class ContentItemTransitionRefused(Conflict):
    code = "content_item_transition_refused"


class RoadmapTaskNotFound(NotFound):
    code = "roadmap_task_not_found"


class RoadmapTaskTransitionRefused(Conflict):
    code = "roadmap_task_transition_refused"


class RoutineNotFound(NotFound):
    code = "routine_not_found"


class ObjectiveNotFound(NotFound):
    code = "objective_not_found"


class KpiNotFound(NotFound):
    code = "kpi_not_found"


class CampaignNotFound(NotFound):
    code = "campaign_not_found"


class CampaignClosed(Conflict):
    """Completed and cancelled campaigns keep their plan as it was; only late spend may still be recorded."""

    code = "campaign_closed"


class CampaignStatusTransitionRefused(Conflict):
    code = "campaign_status_transition_refused"


class CampaignCurrencyLocked(Conflict):
    code = "campaign_currency_locked"


class AudienceSegmentNotFound(NotFound):
    code = "audience_segment_not_found"


class AudienceSegmentInUse(Conflict):
    code = "audience_segment_in_use"


class CompetitorNotFound(NotFound):
    code = "competitor_not_found"


class ResearchFindingNotFound(NotFound):
    code = "research_finding_not_found"


class ChannelPlanNotFound(NotFound):
    code = "channel_plan_not_found"


class PartnershipNotFound(NotFound):
    code = "partnership_not_found"


class PartnershipTransitionNotAllowed(Conflict):
    code = "partnership_transition_not_allowed"
