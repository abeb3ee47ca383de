"""What the kiosk asks a resident to agree to before it reads anything of theirs from the
platform: the purpose, the items (every profile item a service fills a field from) and how
long the grant lasts. Declining still leaves every service that needs no platform data."""

from __future__ import annotations

from district.models import Consent
from kiosk.services.catalogue import Catalogue

PURPOSE = "prefill_forms"  # the resident's data is read to fill in their forms
MINUTES = 30  # outlasts the longest visit's idle time; the visit's end closes it sooner


def consent_for(id_number: str, catalogue: Catalogue) -> Consent:
    return Consent(id_number=id_number, purpose=PURPOSE, items=catalogue.profile_items(),
                   minutes=MINUTES)
