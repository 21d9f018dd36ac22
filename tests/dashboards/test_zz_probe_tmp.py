import pytest
from django.urls import reverse
from tests.dashboards import test_views as tv
from tests.factories import MembershipFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_probe_counts(client, programme, outcome, bob, cause):
    second = ProgrammeFactory()
    MembershipFactory(user=bob, programme=second, role="manager")
    client.force_login(bob)
    out = {}
    for size in (5, 50):
        add = size if size == 5 else 45
        for each in (programme, second):
            tv.add_outputs(each, add, cause=cause)
        row = {"programme page": tv.queries_of(client, tv.programme_url(programme)),
               "portfolio page": tv.queries_of(client, reverse("portfolio-dashboard"))}
        for name, url in tv.dashboard_requests(programme).items():
            row["P " + url] = tv.queries_of(client, url)
        for name, url in tv.dashboard_requests(None).items():
            row["F " + url] = tv.queries_of(client, url)
        out[size] = row
    for key in out[5]:
        print(f"{key:70} {out[5][key]:3} {out[50][key]:3}")
