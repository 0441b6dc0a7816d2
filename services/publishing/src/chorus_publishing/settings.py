"""Publishing service settings (`CHORUS_PUBLISHING_*`)."""

from pydantic import SecretStr
from pydantic_settings import SettingsConfigDict

from chorus_publishing.adapters.oauth.config import FacebookOAuth, InstagramOAuth, LinkedInOAuth, XOAuth
from chorus_shared.settings import ChorusSettings

# Only for dev and tests: production must set its own keys (checked when the key ring is built).
DEV_TOKEN_KEYS = "dev-only:Y2hvcnVzLWRldi1vbmx5LXRva2VuLWtleS0wMDAwMDA="


class PublishingSettings(ChorusSettings):
    model_config = SettingsConfigDict(env_prefix="CHORUS_PUBLISHING_", extra="ignore", populate_by_name=True)

    service_name: str = "publishing"
    port: int = 8002
    database_url: str = "postgresql+asyncpg://chorus_publishing_app:chorus@127.0.0.1:55432/chorus_publishing"

    # Channels: keys sealing network tokens, `id:base64(32 bytes)` comma-separated, the first one encrypts.
    token_keys: SecretStr = SecretStr(DEV_TOKEN_KEYS)
    # Where networks send the browser back after login (registered with each network's app).
    oauth_redirect_url: str = "http://127.0.0.1:8102/channels/oauth/callback"
    connect_state_ttl_seconds: int = 600
    token_refresh_interval_seconds: float = 60.0
    token_refresh_retry_seconds: int = 900
    token_expiring_within_hours: int = 72
    oauth_x: XOAuth = XOAuth()
    oauth_linkedin: LinkedInOAuth = LinkedInOAuth()
    oauth_facebook: FacebookOAuth = FacebookOAuth()
    oauth_instagram: InstagramOAuth = InstagramOAuth()

    # Queues and the dispatcher
    dispatch_batch_size: int = 200
    dispatch_max_in_flight: int = 500
    dispatch_lease_s: float = 120.0  # longer than any connector's timeout, so a live send never loses its lease
    # After a short claim (nothing more due), how long what falls due next gathers before the next claim: a post goes
    # out within about this of its due time, and under load each batch is bigger and cheaper (at a burst spread over
    # the minute, 1 s instead of 0.2 s took ~15% less CPU per post, the p99 lateness staying near 1.2 s).
    dispatch_poll_s: float = 1.0
    # Answers are recorded in batches gathered up to this long: sending is not delayed, and a post's published time
    # is when the network answered.
    dispatch_record_gather_s: float = 0.2
    dispatch_sweep_s: float = 2.0
    dispatch_max_failures: int = 5
    dispatch_backoff_base_s: float = 10.0
    dispatch_backoff_cap_s: float = 900.0
    dispatch_late_window_s: int = 900  # brands without a late-post policy: publish up to 15 min late, else missed
    dispatch_resume_stagger_s: float = 30.0
    sandbox_url: str = "http://127.0.0.1:8099"
    # Posts: where uploaded media are kept (local filesystem storage) and how big one upload may be.
    media_path: str = "var/publishing/media"
    media_max_bytes: int = 100 * 1024 * 1024
    # Public address the media store's files are served under, for networks that fetch media by URL (Instagram):
    # this service serves them at /public/media (api/public_media.py). Unset, those networks get no media address.
    media_public_url: str | None = None
    csv_import_max_rows: int = 1000
    # Metrics of published posts: how many due schedules one collector claims at once, how long a claim holds,
    # how often collectors look, how many readings run at once, and the backoff after a failed reading.
    metrics_batch_size: int = 50
    metrics_lease_s: float = 120.0  # longer than any connector's timeout
    metrics_poll_s: float = 15.0
    metrics_concurrency: int = 8
    metrics_retry_base_s: float = 300.0
    metrics_retry_cap_s: float = 6 * 3600.0
