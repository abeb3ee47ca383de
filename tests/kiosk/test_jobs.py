"""Jobs carry their visit: a result is applied only to the visit that asked, and only if no
newer job of its kind was started; each check holds on its own."""

from __future__ import annotations

from kiosk.jobs import Jobs
from kiosk.session import Visit
from tests.kiosk.rig import HeldJobs


def visit() -> Visit:
    return Visit(started_at=0.0, language="zh_CN", display_mode="standard")


def test_a_result_for_another_visit_is_dropped_even_if_nothing_was_forgotten():
    held, current = HeldJobs(), [visit()]
    jobs = Jobs(held, lambda: current[0])
    applied = []
    ticket = jobs.run("profile", lambda: "hers", applied.append)
    current[0] = visit()  # a new visit, without jobs.forget()
    held.finish()
    assert applied == [] and jobs.dropped == [ticket]


def test_an_older_result_of_the_same_kind_is_dropped():
    held, current = HeldJobs(), [visit()]
    jobs = Jobs(held, lambda: current[0])
    applied = []
    jobs.run("lookup", lambda: "first", applied.append)
    jobs.run("lookup", lambda: "second", applied.append)
    held.finish(1)
    held.finish(0)
    assert applied == ["second"]


def test_forgetting_drops_what_is_still_out():
    held, current = HeldJobs(), [visit()]
    jobs = Jobs(held, lambda: current[0])
    applied, seen = [], []
    jobs.run("submission", lambda: "BS1", applied.append, always=seen.append)
    jobs.forget()
    held.finish()
    assert applied == [] and seen == ["BS1"]  # dropped, but its result is still seen
