"""Small service definitions written into tmp_path, each broken in one known way."""

from __future__ import annotations

from pathlib import Path

FORM = '''id = "{id}"
icon = "mdi6.file"
department = {{ zh = "民政部门", en = "Civil affairs" }}
rules_source = "a test"
title = {{ zh = "示例事项", en = "A matter" }}
summary = {{ zh = "示例", en = "An example" }}
done_note = {{ zh = "已受理。", en = "Accepted." }}

[[steps]]
id = "applicant"
title = {{ zh = "申请人", en = "Applicant" }}

[[conditions]]
key = "age"
text = {{ zh = "年满 18 周岁", en = "Aged 18 or over" }}

[[checks]]
rule = "age_at_least"
value = 18
covers = "age"
message = {{ zh = "年满 18 周岁才能申请。", en = "You can apply from 18." }}

[[fields]]
key = "name"
label = {{ zh = "姓名", en = "Name" }}
privacy = "personal"
source = "card.name"
step = "applicant"

[[fields]]
key = "phone"
label = {{ zh = "电话", en = "Phone" }}
kind = "phone"
privacy = "personal"
source = "profile.phone"
'''


def write(folder: Path, service_id: str, text: str | None = None,
          swaps: tuple[tuple[str, str], ...] = ()) -> Path:
    """A definition named after its id; each swap replaces an exact piece of the text."""
    folder.mkdir(parents=True, exist_ok=True)
    body = FORM.format(id=service_id) if text is None else text
    for old, new in swaps:
        assert old in body, old
        body = body.replace(old, new)
    path = folder / f"{service_id}.toml"
    path.write_text(body, encoding="utf-8")
    return path


def record(service_id: str, kind: str = "social_security_contributions") -> str:
    return f'''id = "{service_id}"
icon = "mdi6.file"
department = {{ zh = "人社部门", en = "Social security" }}
rules_source = "a test"
flow = "record"
record = "{kind}"
produces = "record"
title = {{ zh = "记录打印", en = "Print a record" }}
summary = {{ zh = "打印记录", en = "Print your record" }}
done_note = {{ zh = "请取走记录。", en = "Please take your record." }}
'''


def bundle(service_id: str, *members: str) -> str:
    listed = ", ".join(f'"{member}"' for member in members)
    return f'''id = "{service_id}"
icon = "mdi6.file"
bundle = [{listed}]
title = {{ zh = "一件事", en = "All in one" }}
summary = {{ zh = "一次办好", en = "Done at once" }}
done_note = {{ zh = "已受理。", en = "Accepted." }}
'''
