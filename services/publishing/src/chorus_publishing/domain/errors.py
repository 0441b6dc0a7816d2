"""Publishing's domain errors."""

from chorus_shared.errors import ChorusError, Conflict, Forbidden, NotFound, ValidationFailed


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


class ChannelNotFound(NotFound):
    """No such channel, or the caller may not see its brand."""

    code = "channel_not_found"


class ChannelDisconnected(Conflict):
    """The channel has no usable token: its posts wait until someone reconnects it."""

    code = "channel_disconnected"


class ConnectStateRefused(ValidationFailed):
    """The OAuth callback's state is unknown, expired, already used, or was started by someone else."""

    code = "connect_state_refused"


class ReconnectByToken(Conflict):
    """Token and app-password networks reconnect by posting new credentials, not through a network's login page."""

    code = "reconnect_by_token"


class ReconnectAccountMismatch(Conflict):
    """The network logged in a different account than the channel being reconnected."""

    code = "reconnect_account_mismatch"


class NetworkUnavailable(ChorusError):
    """The network could not be reached or answered oddly; nothing was stored. Try again."""

    code = "network_unavailable"
    status_code = 502


class PublicationNotFound(NotFound):
    code = "publication_not_found"


class TimeSlotNotFound(NotFound):
    code = "time_slot_not_found"


class TimeSlotTaken(Conflict):
    code = "time_slot_taken"


class NoFreeSlot(Conflict):
    """The channel's queue has no slot (or none free in the look-ahead)."""

    code = "no_free_slot"


class PublicationNotRetryable(Conflict):
    code = "publication_not_retryable"


class PublicationNotReschedulable(Conflict):
    code = "publication_not_reschedulable"


class ChannelNotChoosing(Conflict):
    """Only a channel waiting for its page or Instagram account to be chosen takes a choice."""

    code = "channel_not_choosing"
