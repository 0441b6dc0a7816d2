"""The parts of a crisis playbook and the rules each must follow: triggers, steps, statements, contacts."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from chorus_shared.auth import Role
from chorus_shared.errors import FieldError

TITLE_MAX = 200
TEXT_MAX = 4000
STEPS_MAX = 50
KEYWORDS_MAX = 50
# A step longer than a week is not a crisis response any more; a window longer than a week is not a spike.
MINUTES_MAX = 7 * 24 * 60
# BCP 47 language tags as brands use them: "fr", "en-GB", "pt-BR", "zh-Hant".
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{4})?(-([A-Z]{2}|[0-9]{3}))?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
# E.164: a plus, a country code, at most 15 digits; people write spaces, dots, dashes and brackets.
_E164 = re.compile(r"^\+[1-9][0-9]{6,14}$")
_PHONE_PUNCTUATION = re.compile(r"[\s.\-()]")
# Clients never own a crisis step: the response is the agency's work.
STEP_OWNER_ROLES = frozenset(role.value for role in Role if role is not Role.CLIENT)


class CrisisScenario(StrEnum):
    UNHAPPY_CUSTOMERS_VALID = "unhappy_customers_valid"
    TROLLS = "trolls"
    DEFECTIVE_PRODUCT = "defective_product"
    CAMPAIGN_MISTAKE = "campaign_mistake"
    EXECUTIVE_COMMENT = "executive_comment"
    CUSTOM = "custom"


@dataclass(frozen=True)
class TriggerConditions:
    mention_volume_threshold: int
    window_minutes: int
    negative_share_threshold: float
    keywords: tuple[str, ...] = ()

    def met_by(self, *, mention_volume: int, negative_share: float, text: str) -> bool:
        """Whether a detection crosses these thresholds (and names one of the keywords, when there are any)."""
        if mention_volume < self.mention_volume_threshold or negative_share < self.negative_share_threshold:
            return False
        lowered = text.casefold()
        return not self.keywords or any(keyword.casefold() in lowered for keyword in self.keywords)


@dataclass(frozen=True)
class ResponseStep:
    title: str
    time_limit_minutes: int
    owner_role: str | None = None
    owner_user_id: str | None = None
    instructions: str = ""


@dataclass(frozen=True)
class HoldingStatement:
    title: str
    language: str
    text: str


@dataclass(frozen=True)
class EscalationContact:
    name: str
    role: str
    email: str | None = None
    phone: str | None = None


@dataclass
class Problems:
    """Field errors collected across a whole input, so the caller sees everything wrong at once."""

    errors: list[FieldError] = field(default_factory=list)

    def add(self, path: str, message: str, code: str = "invalid") -> None:
        self.errors.append(FieldError(path, message, code))

    @staticmethod
    def one(path: str, message: str, code: str = "invalid") -> FieldError:
        return FieldError(path, message, code)


def clean_text(value: str, path: str, problems: Problems, *, limit: int = TITLE_MAX, required: bool = True) -> str:
    text = value.strip()
    if required and not text:
        problems.add(path, "This field is required.", "required")
    elif len(text) > limit:
        problems.add(path, f"At most {limit} characters.", "too_long")
    return text


def checked_trigger(trigger: TriggerConditions, problems: Problems) -> TriggerConditions:
    if trigger.mention_volume_threshold < 1:
        problems.add("trigger.mention_volume_threshold", "At least one mention.", "out_of_range")
    if not 1 <= trigger.window_minutes <= MINUTES_MAX:
        problems.add("trigger.window_minutes", f"Between 1 and {MINUTES_MAX} minutes.", "out_of_range")
    if not 0 <= trigger.negative_share_threshold <= 1:
        problems.add("trigger.negative_share_threshold", "A share between 0 and 1.", "out_of_range")
    if len(trigger.keywords) > KEYWORDS_MAX:
        problems.add("trigger.keywords", f"At most {KEYWORDS_MAX} keywords.", "too_many")
    keywords: dict[str, str] = {}
    for index, keyword in enumerate(trigger.keywords):
        word = clean_text(keyword, f"trigger.keywords.{index}", problems, limit=100)
        keywords.setdefault(word.casefold(), word)
    return TriggerConditions(
        mention_volume_threshold=trigger.mention_volume_threshold,
        window_minutes=trigger.window_minutes,
        negative_share_threshold=trigger.negative_share_threshold,
        keywords=tuple(keywords.values()),
    )


def checked_steps(steps: tuple[ResponseStep, ...], problems: Problems) -> tuple[ResponseStep, ...]:
    if not steps:
        problems.add("steps", "A playbook needs at least one response step.", "required")
    if len(steps) > STEPS_MAX:
        problems.add("steps", f"At most {STEPS_MAX} steps.", "too_many")
    return tuple(_checked_step(step, f"steps.{index}", problems) for index, step in enumerate(steps))


def _checked_step(step: ResponseStep, path: str, problems: Problems) -> ResponseStep:
    title = clean_text(step.title, f"{path}.title", problems)
    instructions = clean_text(step.instructions, f"{path}.instructions", problems, limit=TEXT_MAX, required=False)
    role = (step.owner_role or "").strip() or None
    user = (step.owner_user_id or "").strip() or None
    if (role is None) == (user is None):
        problems.add(f"{path}.owner_role", "Give the step an owner: a role or a user id, not both.", "owner_required")
    elif role is not None and role not in STEP_OWNER_ROLES:
        problems.add(f"{path}.owner_role", f"{role!r} is not an agency role.", "invalid")
    if not 1 <= step.time_limit_minutes <= MINUTES_MAX:
        problems.add(f"{path}.time_limit_minutes", f"Between 1 and {MINUTES_MAX} minutes.", "out_of_range")
    return ResponseStep(title, step.time_limit_minutes, role, user, instructions)


def checked_statements(
    statements: tuple[HoldingStatement, ...], brand_languages: list[str], problems: Problems
) -> tuple[HoldingStatement, ...]:
    seen: set[tuple[str, str]] = set()
    checked = []
    for index, statement in enumerate(statements):
        path = f"holding_statements.{index}"
        title = clean_text(statement.title, f"{path}.title", problems)
        text = clean_text(statement.text, f"{path}.text", problems, limit=TEXT_MAX)
        language = statement.language.strip()
        if not _LANGUAGE_TAG.match(language):
            problems.add(f"{path}.language", f"{language!r} is not a language tag such as fr or en-GB.", "invalid")
        elif language not in brand_languages:
            problems.add(f"{path}.language", f"The brand does not speak {language!r}.", "not_a_brand_language")
        if (title.casefold(), language) in seen:
            problems.add(f"{path}.title", "This statement already exists in this language.", "duplicate")
        seen.add((title.casefold(), language))
        checked.append(HoldingStatement(title, language, text))
    return tuple(checked)


def checked_contacts(contacts: tuple[EscalationContact, ...], problems: Problems) -> tuple[EscalationContact, ...]:
    return tuple(_checked_contact(contact, f"contacts.{index}", problems) for index, contact in enumerate(contacts))


def _checked_contact(contact: EscalationContact, path: str, problems: Problems) -> EscalationContact:
    name = clean_text(contact.name, f"{path}.name", problems)
    role = clean_text(contact.role, f"{path}.role", problems)
    email = (contact.email or "").strip() or None
    phone = _PHONE_PUNCTUATION.sub("", contact.phone or "") or None
    if email is None and phone is None:
        problems.add(f"{path}.email", "A contact needs an email address or a phone number.", "required")
    if email is not None and (len(email) > 254 or not _EMAIL.match(email)):
        problems.add(f"{path}.email", f"{email!r} is not an email address.", "invalid_email")
    if phone is not None and not _E164.match(phone):
        problems.add(f"{path}.phone", "Write the number with its country code: +33 6 12 34 56 78.", "invalid_phone")
    return EscalationContact(name, role, email, phone)
