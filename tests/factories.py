"""factory-boy factories for the domain models (valid by default, override what a test needs)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from apps.accounts.models import ApiToken, Membership, User
from apps.accounts.tokens import password_stamp
from apps.assessments.models import Assessment
from apps.evidence.models import Evidence, Source
from apps.obstacles.models import Obstacle, ObstacleCause
from apps.programmes.models import Indicator, Measurement, Outcome, Output, Programme, Target
from apps.stakeholders.models import Involvement, Stakeholder


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class ApiTokenFactory(DjangoModelFactory):
    """A token row; use apps.accounts.services.api_token_create when the secret is needed."""

    class Meta:
        model = ApiToken

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"token {n}")
    prefix = factory.Sequence(lambda n: f"{n:012x}")
    key_hash = factory.Sequence(lambda n: f"{n:064x}")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    password_stamp = factory.LazyAttribute(lambda token: password_stamp(token.user.password))


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    code = factory.Sequence(lambda n: f"PRG-{n:03d}")
    title = factory.Sequence(lambda n: f"Programme {n}")
    country = "IDN"
    agency = "UNODC"
    start_date = date(2017, 1, 1)
    end_date = date(2020, 12, 31)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    programme = factory.SubFactory(ProgrammeFactory)
    role = "analyst"


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"SP{n}")
    title = factory.Sequence(lambda n: f"Sub-programme {n}")


class StakeholderFactory(DjangoModelFactory):
    class Meta:
        model = Stakeholder

    name = factory.Sequence(lambda n: f"Agency {n}")
    acronym = factory.Sequence(lambda n: f"AG{n}")
    kind = "government"
    level = "national"
    country = "IDN"


class OutputFactory(DjangoModelFactory):
    class Meta:
        model = Output

    outcome = factory.SubFactory(OutcomeFactory)
    programme = factory.SelfAttribute("outcome.programme")
    code = factory.Sequence(lambda n: f"{n}.1")
    title = factory.Sequence(lambda n: f"Output {n}")
    start_date = date(2017, 1, 1)
    end_date = date(2020, 12, 31)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    output = factory.SubFactory(OutputFactory)
    code = factory.Sequence(lambda n: f"IND-{n}")
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "cases"
    measure = "number"
    direction = "increase"
    aggregation = "sum"


class TargetFactory(DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = date(2018, 1, 1)
    period_end = date(2018, 12, 31)
    value = Decimal("10")


class MeasurementFactory(DjangoModelFactory):
    class Meta:
        model = Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    period_start = date(2018, 1, 1)
    period_end = date(2018, 12, 31)
    value = Decimal("5")


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    key = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source {n}")
    kind = "secondary"


class EvidenceFactory(DjangoModelFactory):
    class Meta:
        model = Evidence

    source = factory.SubFactory(SourceFactory)
    excerpt = factory.Sequence(lambda n: f"Excerpt {n}")


class InvolvementFactory(DjangoModelFactory):
    class Meta:
        model = Involvement

    stakeholder = factory.SubFactory(StakeholderFactory)
    output = factory.SubFactory(OutputFactory)
    programme = factory.SelfAttribute("output.programme")
    role = "implementing_partner"
    influence = 3
    interest = 3
    stance = "neutral"


class ObstacleCauseFactory(DjangoModelFactory):
    class Meta:
        model = ObstacleCause
        django_get_or_create = ("code",)

    code = "GOAL_UNCLEAR"
    name_en = "Unclear policy objectives"
    name_id = "Tujuan kebijakan tidak jelas"
    frameworks = factory.LazyFunction(lambda: ["SM2", "VMVH1", "E1"])
    dimension = "ambiguity"
    items = factory.LazyFunction(lambda: ["A1", "A2"])


class ObstacleFactory(DjangoModelFactory):
    class Meta:
        model = Obstacle

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Obstacle {n}")
    cause = factory.SubFactory(ObstacleCauseFactory)
    manifestation = "ambiguous_interpretation"
    severity = 3


class AssessmentFactory(DjangoModelFactory):
    """Creates rows directly: use apps.assessments.services to get derived fields computed."""

    class Meta:
        model = Assessment

    output = factory.SubFactory(OutputFactory)
    assessed_on = factory.Sequence(lambda n: date(2019, 1, 1).replace(day=1 + n % 28))
