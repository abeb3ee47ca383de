"""Small service definitions for the form flow's tests, written as the catalogue's files are
(TOML in a folder), so they load through the real catalogue loader."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.config import SERVICES_DIR
from kiosk.services.catalogue import Catalogue, load_catalogue

STEPPED = '''
id = "stepped"
icon = "mdi6.file-document"
title = { zh = "分步申请", en = "A stepped application" }
summary = { zh = "测试用", en = "For tests" }
done_note = { zh = "已受理。", en = "Received." }

[[steps]]
id = "about"
title = { zh = "关于您", en = "About you" }

[[steps]]
id = "contact"
title = { zh = "联系方式", en = "Contact" }

[[checks]]
rule = "age_at_least"
value = 18
message = { zh = "年满 18 岁才能申请。", en = "You can apply from 18." }

[[checks]]
rule = "field_matches"
value = "phone=^1[3-9][0-9]{9}$"
step = "contact"
message.zh = "请填手机号码：11 位，以 1 开头。"
message.en = "Please give a mobile number: 11 digits, starting with 1."

[[checks]]
rule = "profile_equals"
value = "subdistrict=友谊路街道"
step = "about"
message.zh = "这项服务只在友谊路街道办理。"
message.en = "This service is for Youyi Road residents only."

[[fields]]
key = "name"
label = { zh = "姓名", en = "Name" }
privacy = "personal"
source = "card.name"
step = "about"

[[fields]]
key = "birth_date"
label = { zh = "出生日期", en = "Date of birth" }
privacy = "personal"
source = "card.birth_date"
step = "about"

[[fields]]
key = "reason"
label = { zh = "申请原因", en = "Reason" }
kind = "choice"
privacy = "public"
step = "about"
options = [
  { value = "first", label = { zh = "首次申请", en = "First time" } },
  { value = "again", label = { zh = "再次申请", en = "Again" } },
]

[[fields]]
key = "phone"
label = { zh = "联系电话", en = "Phone" }
kind = "phone"
privacy = "personal"
source = "profile.phone"
editable = true
step = "contact"

[[fields]]
key = "people"
label = { zh = "同住人数", en = "People living with you" }
kind = "number"
privacy = "public"
max_length = 2
step = "contact"

[[fields]]
key = "start"
label = { zh = "开始日期", en = "Start date" }
kind = "date"
privacy = "public"
step = "contact"
help = { zh = "从哪天开始领取。", en = "The day it should start." }
'''


def catalogue_with(tmp_path: Path, *texts: str) -> Catalogue:
    """The shipped catalogue plus these definitions."""
    folder = tmp_path / "services"
    shutil.copytree(SERVICES_DIR, folder)
    for text in texts:
        service_id = text.split('id = "', 1)[1].split('"', 1)[0]
        (folder / f"{service_id}.toml").write_text(text, encoding="utf-8")
    return load_catalogue(folder)
