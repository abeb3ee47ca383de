"""A small catalogue of real community matters for the finding tests: enough services to
fill more than a page, two of them in one category, one that crosses the region, a bundle."""

from __future__ import annotations

from kiosk.services.catalogue import Catalogue
from kiosk.services.model import Bilingual, Service

MATTERS = (
    # id, zh title, en title, category, keywords, cross region, bundle
    ("senior_card", "敬老卡申领", "Senior card", "elderly", ("老年卡", "敬老"), False, ()),
    ("contributions", "社保缴费记录打印", "Social insurance record", "social_security",
     ("社保", "养老保险"), True, ()),
    ("housing_fund", "公积金缴存证明打印", "Housing fund statement", "housing_fund",
     ("公积金",), True, ()),
    ("residence_permit", "居住证签注", "Residence permit renewal", "residence", ("居住证",),
     False, ()),
    ("disability_subsidy", "残疾人两项补贴申请", "Disability subsidies", "disability",
     ("残疾", "补贴"), False, ()),
    ("medical_enrolment", "城乡居民医保参保登记", "Residents' medical insurance", "medical",
     ("医保", "参保"), False, ()),
    ("elderly_allowance", "老年综合津贴", "Elderly allowance", "elderly", ("津贴",), False, ()),
    ("retirement", "退休一件事", "Retirement in one go", "social_security", ("退休",), False,
     ("contributions", "senior_card")),
)


def service(sid: str, zh: str, en: str, category: str, keywords: tuple[str, ...],
            cross: bool, bundle: tuple[str, ...]) -> Service:
    return Service(id=sid, title=Bilingual(zh=zh, en=en),
                   summary=Bilingual(zh=f"办理{zh}", en=f"Apply: {en}"), icon="mdi6.file",
                   category=category, keywords=keywords, cross_region=cross, bundle=bundle,
                   done_note=Bilingual(zh="已受理。", en="Received."))


def finder_catalogue() -> Catalogue:
    return Catalogue([service(*matter) for matter in MATTERS])
