"""Money as planning holds it: integer minor units of an active ISO 4217 currency."""

from __future__ import annotations

from chorus_shared.errors import FieldError

# Active ISO 4217 codes (list one, 2024). Funds and precious-metal codes (XAU, XDR, ...) are not budget currencies.
ISO_4217 = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF
    CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG
    HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA
    MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
    RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX
    USD UYU UZS VED VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWG
    """.split()
)


def currency_errors(field: str, code: str) -> list[FieldError]:
    if code not in ISO_4217:
        return [FieldError(field, f"{code!r} is not an ISO 4217 currency code such as EUR or USD.", "unknown_currency")]
    return []


def amount_errors(field: str, amount: int, *, positive: bool = False) -> list[FieldError]:
    """Amounts are minor units; budgets may be zero, spend must be positive."""
    if positive and amount <= 0:
        return [FieldError(field, "The amount must be greater than zero.", "not_positive")]
    if amount < 0:
        return [FieldError(field, "The amount cannot be negative.", "negative")]
    return []
