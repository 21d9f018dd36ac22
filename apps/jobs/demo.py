"""Demo users and illustrative data for trying Pantau out (`manage.py seed_demo`).

Everything this module adds is labelled illustrative: the reference data says which outputs the
thesis obstacles affect, their severity and all assessment scores are not published. It only
adds records, or fills fields of records that are already illustrative; sourced records are
left as the reference loader made them. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.services import membership_set, user_create
from apps.assessments.matland import AMBIGUITY_ITEMS, CONFLICT_ITEMS
from apps.assessments.models import Assessment
from apps.assessments.services import assessment_create
from apps.core.sync import SyncReport, sync_record
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.obstacles.services import obstacle_create, obstacle_update
from apps.programmes import services
from apps.programmes.models import Indicator, Output, Programme
from apps.stakeholders.models import Involvement, Stakeholder
from apps.stakeholders.services import involvement_create, involvement_update

DEMO_PASSWORD = "pantau-demo"
ILLUSTRATIVE_NOTE = "Illustrative demo data (seed_demo): not a published fact."


@dataclass(frozen=True)
class DemoUser:
    """A demo account and its role in the reference programme (None: staff, no membership)."""

    username: str
    role: str | None
    first_name: str
    is_staff: bool = False


DEMO_USERS = (
    DemoUser("analyst", Role.ANALYST, "Ayu"),
    DemoUser("manager", Role.MANAGER, "Budi"),
    DemoUser("viewer", Role.VIEWER, "Citra"),
    DemoUser("admin", None, "Admin", is_staff=True),
)

# Output code -> (status, start, end); only applied to outputs that are already illustrative.
OUTPUT_PLANS = {
    "1.1": ("completed", date(2017, 3, 1), date(2020, 12, 31)),
    "1.2": ("off_track", date(2017, 6, 1), date(2020, 6, 30)),
    "2.2": ("at_risk", date(2018, 1, 1), date(2020, 12, 31)),
    "3.1": ("on_track", date(2018, 1, 1), date(2020, 12, 31)),
    "4.1": ("at_risk", date(2018, 7, 1), date(2020, 12, 31)),
    "5.1": ("completed", date(2017, 1, 1), date(2020, 12, 31)),
}

# Indicator code -> (target value, target date); only for illustrative indicators.
INDICATOR_TARGETS = {
    "1.1.b": (Decimal("100"), date(2021, 12, 31)),
    "5.1.a": (Decimal("1.50"), date(2020, 12, 31)),
}

# (stakeholder acronym, output code, role, influence, interest, stance)
INVOLVEMENTS = (
    ("BNN", "1.1", "lead", 5, 5, "champion"),
    ("Bea Cukai", "1.1", "implementing_partner", 4, 4, "supporter"),
    ("POLRI", "1.2", "lead", 5, 4, "sceptic"),
    ("BNN", "1.2", "implementing_partner", 4, 5, "supporter"),
    ("KPK", "2.1", "lead", 4, 5, "champion"),
    ("PPATK", "2.2", "lead", 3, 4, "supporter"),
    ("POLRI", "2.2", "implementing_partner", 4, 2, "neutral"),
    ("Ditjen PAS", "3.1", "lead", 3, 3, "neutral"),
    ("Kemenkumham", "3.1", "oversight", 4, 2, "neutral"),
    ("Mahkamah Agung", "4.1", "lead", 5, 2, "sceptic"),
    ("Kemenkes", "4.1", "consulted", 2, 4, "champion"),
    ("Kejaksaan Agung", "4.1", "beneficiary", 4, 2, "opponent"),
    ("BNN", "5.1", "lead", 4, 5, "champion"),
    ("Kemenkes", "5.1", "consulted", 3, 4, "supporter"),
)

# (title, cause, manifestation, severity, status, outputs, stakeholders)
OBSTACLES = (
    ("No agreed procedure for sharing drug intelligence between BNN and POLRI",
     "MEANS_UNCLEAR", "missing_operational_guidelines", 4, "open", ("1.2",), ("BNN", "POLRI")),
    ("Overlapping mandates of BNN and POLRI in drug investigations",
     "INTEREST_CONFLICT", "conflict_of_interest", 5, "open", ("1.2", "2.2"), ("BNN", "POLRI")),
    ("Financial investigators stretched across money-laundering cases",
     "LIMITED_RESOURCES", "limited_resources", 3, "mitigating", ("2.2",), ("PPATK",)),
    ("Turnover of trained prison staff",
     "LIMITED_RESOURCES", "limited_resources", 3, "open", ("3.1",), ("Ditjen PAS",)),
    ("Punitive and health approaches to drug users disagree",
     "LOW_COMMITMENT", "conflict_of_interest", 4, "open", ("4.1",),
     ("Mahkamah Agung", "Kemenkes", "Kejaksaan Agung")),
    ("Survey fieldwork budget cut after socio-economic change",
     "CONTEXT_CHANGE", "limited_resources", 3, "resolved", ("5.1",), ("BNN",)),
    ("Scanning equipment missing at smaller ports",
     "LIMITED_RESOURCES", "limited_resources", 2, "resolved", ("1.1",), ("Bea Cukai",)),
)  # fmt: skip

# (output, date, answers "A1..A6 C1..C5" with "-" for not known, summary)
ASSESSMENTS = (
    ("1.1", date(2018, 6, 30), "011101 00120", "Clear mandate; equipment short."),
    ("1.1", date(2020, 6, 30), "001101 00120", "Administrative: resources decide."),
    ("1.2", date(2018, 6, 30), "121211 12212", "Neither the procedure nor the turf is settled."),
    ("1.2", date(2020, 6, 30), "010110 12212", "Procedure drafted; turf still contested."),
    ("2.1", date(2019, 6, 30), "000100 01010", "Review process well defined."),
    ("2.2", date(2020, 6, 30), "01010- 11112", "Agencies only partly agree."),
    ("3.1", date(2018, 6, 30), "12---- 01---", "Too little known to classify."),
    ("3.1", date(2019, 12, 31), "121211 01011", "Curriculum adapted prison by prison."),
    ("4.1", date(2020, 6, 30), "211212 22112", "Goal and means contested."),
    ("5.1", date(2020, 6, 30), "000100 01---", "Conflict side not yet assessed."),
)


def _answers(code: str) -> dict[str, int | None]:
    ambiguity, conflict = code.split()
    items = [
        *zip(AMBIGUITY_ITEMS, ambiguity, strict=True),
        *zip(CONFLICT_ITEMS, conflict, strict=True),
    ]
    return {item: None if mark == "-" else int(mark) for item, mark in items}


def _demo_users(programme: Programme, report: SyncReport) -> list[tuple[DemoUser, Any]]:
    User = get_user_model()
    accounts = []
    for demo in DEMO_USERS:
        user = User.objects.filter(username=demo.username).first()
        if user is None:
            user = user_create(
                username=demo.username,
                password=DEMO_PASSWORD,
                email=f"{demo.username}@pantau.example",
                first_name=demo.first_name,
                last_name="(demo)",
                is_staff=demo.is_staff,
                is_superuser=demo.is_staff,
            )
            report.created["Users"] += 1
        else:
            report.unchanged["Users"] += 1
        if demo.role is not None:
            membership_set(user=user, programme=programme, role=demo.role)
        accounts.append((demo, user))
    return accounts


def _illustrative_plans(programme: Programme, report: SyncReport, actor: User | None) -> None:
    for code, (status, start, end) in OUTPUT_PLANS.items():
        output = Output.objects.get(programme=programme, code=code)
        if not output.is_illustrative:
            continue
        sync_record(
            report,
            Output,
            lookup={"pk": output.pk},
            values={"status": status, "start_date": start, "end_date": end},
            create=None,  # the output exists
            update=lambda obj, **kw: services.output_update(output=obj, actor=actor, **kw),
        )
    for code, (value, when) in INDICATOR_TARGETS.items():
        indicator = Indicator.objects.get(output__programme=programme, code=code)
        if not indicator.is_illustrative:
            continue
        sync_record(
            report,
            Indicator,
            lookup={"pk": indicator.pk},
            values={"target_value": value, "target_date": when},
            create=None,  # the indicator exists
            update=lambda obj, **kw: services.indicator_update(indicator=obj, actor=actor, **kw),
        )


def _illustrative_links(programme: Programme, report: SyncReport, actor: User | None) -> None:
    outputs = {o.code: o for o in Output.objects.filter(programme=programme)}
    stakeholders = {s.acronym: s for s in Stakeholder.objects.all()}
    for acronym, code, role, influence, interest, stance in INVOLVEMENTS:
        sync_record(
            report,
            Involvement,
            lookup={"stakeholder": stakeholders[acronym], "output": outputs[code], "role": role},
            values={
                "influence": influence,
                "interest": interest,
                "stance": stance,
                "is_illustrative": True,
                "provenance_note": ILLUSTRATIVE_NOTE,
            },
            create=lambda **kw: involvement_create(actor=actor, **kw),
            update=lambda obj, **kw: involvement_update(involvement=obj, actor=actor, **kw),
        )
    causes = {c.code: c for c in ObstacleCause.objects.all()}
    for title, cause, manifestation, severity, status, codes, acronyms in OBSTACLES:
        sync_record(
            report,
            Obstacle,
            lookup={"programme": programme, "title": title},
            values={
                "cause": causes[cause],
                "manifestation": manifestation,
                "severity": severity,
                "status": status,
                "identified_on": date(2018, 3, 1),
                "is_illustrative": True,
                "provenance_note": ILLUSTRATIVE_NOTE,
            },
            m2m={
                "outputs": [outputs[c] for c in codes],
                "stakeholders": [stakeholders[a] for a in acronyms],
            },
            create=lambda **kw: obstacle_create(actor=actor, **kw),
            update=lambda obj, **kw: obstacle_update(obstacle=obj, actor=actor, **kw),
        )


def _illustrative_assessments(programme: Programme, report: SyncReport, analyst: Any) -> None:
    outputs = {o.code: o for o in Output.objects.filter(programme=programme)}
    for code, when, answers, summary in ASSESSMENTS:
        output = outputs[code]
        if Assessment.objects.filter(output=output, assessed_on=when).exists():
            report.unchanged["Assessments"] += 1
            continue
        assessment_create(
            actor=analyst,
            output=output,
            assessed_on=when,
            items=_answers(answers),
            summary=f"{summary} ({ILLUSTRATIVE_NOTE})",
            is_illustrative=True,
        )
        report.created["Assessments"] += 1


def seed_demo(
    *, programme_code: str = "IDN-CP-2017"
) -> tuple[list[tuple[DemoUser, Any]], SyncReport]:
    """Add demo users with roles in the programme and illustrative data; idempotent."""
    report = SyncReport()
    with transaction.atomic():
        programme = Programme.objects.get(code=programme_code)
        accounts = _demo_users(programme, report)
        analyst = next(user for demo, user in accounts if demo.role == Role.ANALYST)
        _illustrative_plans(programme, report, analyst)
        _illustrative_links(programme, report, analyst)
        _illustrative_assessments(programme, report, analyst)
    return accounts, report
