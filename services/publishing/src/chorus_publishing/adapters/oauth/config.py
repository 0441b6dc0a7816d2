"""Each OAuth network's endpoints and client, from settings; defaults are the networks' documented URLs.

Tests point them at local fake servers (`CHORUS_PUBLISHING_OAUTH_X='{"token_url": ...}'`).
"""

from __future__ import annotations

from pydantic import BaseModel, SecretStr


class OAuthClient(BaseModel):
    authorize_url: str
    token_url: str
    # Who the token belongs to: a GET with the new token, and where its answer keeps the account id and name.
    identity_url: str
    identity_id_field: str = "id"  # dotted path into the JSON answer
    identity_name_field: str = "name"
    account_id_template: str = "{id}"  # how the connector names the account (LinkedIn wants a URN)
    scopes: tuple[str, ...] = ()
    client_id: str = ""
    client_secret: SecretStr = SecretStr("")
    # True: the client authenticates with HTTP Basic (X confidential clients); False: in the form body.
    basic_auth: bool = False


class XOAuth(OAuthClient):
    authorize_url: str = "https://x.com/i/oauth2/authorize"
    token_url: str = "https://api.x.com/2/oauth2/token"
    identity_url: str = "https://api.x.com/2/users/me"
    identity_id_field: str = "data.id"
    identity_name_field: str = "data.username"
    scopes: tuple[str, ...] = ("tweet.read", "tweet.write", "users.read", "media.write", "offline.access")
    basic_auth: bool = True


class LinkedInOAuth(OAuthClient):
    authorize_url: str = "https://www.linkedin.com/oauth/v2/authorization"
    token_url: str = "https://www.linkedin.com/oauth/v2/accessToken"
    identity_url: str = "https://api.linkedin.com/v2/userinfo"
    identity_id_field: str = "sub"
    account_id_template: str = "urn:li:person:{id}"
    scopes: tuple[str, ...] = ("openid", "profile", "w_member_social")


class FacebookOAuth(OAuthClient):
    authorize_url: str = "https://www.facebook.com/v21.0/dialog/oauth"
    # Both the code exchange and the trade of its short-lived user token for a long-lived one (`fb_exchange_token`).
    token_url: str = "https://graph.facebook.com/v21.0/oauth/access_token"
    identity_url: str = "https://graph.facebook.com/v21.0/me?fields=id,name"
    scopes: tuple[str, ...] = ("pages_show_list", "pages_manage_posts", "pages_read_engagement", "read_insights")
    # The Facebook user signs in, but publishing goes through a page (or its Instagram account): the pages they
    # manage, each with its own page token.
    accounts_url: str = "https://graph.facebook.com/v21.0/me/accounts"


class InstagramOAuth(FacebookOAuth):
    scopes: tuple[str, ...] = (
        "instagram_basic",
        "instagram_content_publish",
        "instagram_manage_comments",
        "instagram_manage_insights",
        "pages_show_list",
    )
