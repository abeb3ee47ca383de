"""Demo data for the embedded platform: profiles of the sample residents and usage counts
that put the most used services first."""

from __future__ import annotations

from drivers.idcard.samples import ADULT, ELDERLY, HMT_RESIDENT

DEMO_PROFILES: dict[str, dict[str, str]] = {
    ELDERLY.id_number: {
        "phone": "13916627358",
        "bank_account": "6214830012345678",
        "residence_address": "上海市宝山区友谊路街道密山路8弄12号301室",
        "subdistrict": "友谊路街道",
        "insurance_type": "城镇职工基本医疗保险（退休）",
    },
    ADULT.id_number: {
        "phone": "13801719264",
        "bank_account": "6214830087654321",
        "residence_address": "上海市宝山区牡丹江路1560弄3号602室",
        "subdistrict": "友谊路街道",
        "insurance_type": "城镇职工基本医疗保险",
    },
    HMT_RESIDENT.id_number: {
        "phone": "13761955820",
        "residence_address": "上海市宝山区淞宝路155弄5号1101室",
        "subdistrict": "吴淞街道",
        "insurance_type": "城镇职工基本医疗保险",
    },
}

DEMO_USAGE: dict[str, int] = {
    "elderly_allowance": 1820,
    "medical_insurance_record": 1544,
    "social_security_card": 1210,
    "appointment": 986,
    "residence_certificate": 640,
    "home_service": 212,
}
