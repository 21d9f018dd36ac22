"""The dashboard pages: who may open them, what they hand their script (the json_script config),
what they load and what they must not carry (inline script, a CDN).

The pages hold no figures of their own: the charts fetch /api/v1/aggregates/.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from apps.assessments import matland
from apps.dashboards.views import CHARTS
from tests.dashboards.pages import (
    BESIDE_THE_CHARTS,
    CHART_JS,
    DASHBOARD_JS,
    PageParts,
    dashboard_config,
    programme_url,
)
from tests.factories import MembershipFactory, OutcomeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

# --------------------------------------------------------------------------------------------
# Access
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["programme", "portfolio"])
def test_dashboards_send_a_signed_out_visitor_to_the_login_page(client, programme, page):
    url = programme_url(programme) if page == "programme" else reverse("portfolio-dashboard")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


def test_programme_dashboard_is_404_for_a_user_without_a_role_in_the_programme(
    client, programme, charlie
):
    # A role in another programme does not open this one.
    MembershipFactory(user=charlie, programme=ProgrammeFactory(), role="manager")
    client.force_login(charlie)

    assert client.get(programme_url(programme)).status_code == 404


def test_a_manager_opens_the_programme_dashboard(client, programme, bob):
    client.force_login(bob)

    response = client.get(programme_url(programme))

    assert response.status_code == 200
    assert response.context["programme"] == programme


# --------------------------------------------------------------------------------------------
# What the page hands its script
# --------------------------------------------------------------------------------------------


def test_programme_dashboard_config_names_the_programme_and_the_aggregate_api(
    client, programme, bob
):
    client.force_login(bob)

    config = dashboard_config(client.get(programme_url(programme)))

    assert config["programme"] == programme.pk
    assert config["programmeCode"] == programme.code
    assert config["api"] == "/api/v1/aggregates/"
    assert all(
        reverse(f"aggregate-{name}") == f"{config['api']}{name}/"
        for name in CHARTS + BESIDE_THE_CHARTS
    )
    assert config["charts"] == list(CHARTS)
    # No address template to patch in the script: the API rows carry each output's url.
    assert "outputUrl" not in config


def test_portfolio_config_covers_every_readable_programme(client, programme, bob):
    client.force_login(bob)

    config = dashboard_config(client.get(reverse("portfolio-dashboard")))

    assert (config["programme"], config["programmeCode"]) == (None, None)
    assert config["api"] == "/api/v1/aggregates/"
    assert config["charts"] == ["quadrant-matrix", "status-by-quadrant"]
    assert set(config["charts"]) <= set(CHARTS)


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("page", ["programme", "portfolio"])
def test_dashboard_texts_are_in_the_users_language(client, programme, bob, page, language):
    bob.language = language
    bob.save(update_fields=["language"])
    client.force_login(bob)
    url = programme_url(programme) if page == "programme" else reverse("portfolio-dashboard")

    response = client.get(url)
    config = dashboard_config(response)

    assert f'<html lang="{language}">' in response.text
    assert config["language"] == language
    assert config["texts"]["quadrants"] == {
        quadrant.value: {
            "name": matland.quadrant_info(quadrant).name(language),
            "principle": matland.quadrant_info(quadrant).principle(language),
        }
        for quadrant in matland.Quadrant
    }


# --------------------------------------------------------------------------------------------
# What the page loads and carries
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["programme", "portfolio"])
def test_dashboards_load_chart_js_from_our_static_files_not_a_cdn(client, programme, bob, page):
    client.force_login(bob)
    url = programme_url(programme) if page == "programme" else reverse("portfolio-dashboard")

    scripts = [s for s in PageParts(client.get(url).text).scripts if s.get("src")]
    sources = [s["src"] for s in scripts]

    assert CHART_JS in sources
    # The dashboard is ES modules: the entry module, after the Chart.js (UMD) script it uses.
    [entry] = [s for s in scripts if s["src"] == DASHBOARD_JS]
    assert entry.get("type") == "module"
    assert sources.index(CHART_JS) < sources.index(DASHBOARD_JS)
    assert all(source.startswith("/static/") for source in sources), sources
    # The vendored file is really there to serve (node_modules/chart.js/dist).
    assert finders.find("vendor/chartjs/chart.umd.min.js")


@pytest.mark.parametrize("page", ["programme", "portfolio"])
def test_dashboards_carry_no_inline_script_but_the_json_config(client, programme, bob, page):
    client.force_login(bob)
    url = programme_url(programme) if page == "programme" else reverse("portfolio-dashboard")

    response = client.get(url)
    inline = [s for s in PageParts(response.text).scripts if not s.get("src")]

    assert [(s.get("id"), s.get("type")) for s in inline] == [
        ("dashboard-config", "application/json")
    ]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[-1]


def test_programme_dashboard_has_a_chart_card_and_canvas_for_every_chart(client, programme, bob):
    client.force_login(bob)

    parts = PageParts(client.get(programme_url(programme)).text)

    assert sorted(parts.chart_cards) == sorted(CHARTS)
    assert sorted(parts.canvases) == sorted(f"canvas-{name}" for name in CHARTS)


def test_programme_dashboard_offers_the_programmes_sub_programmes_as_a_filter(
    client, programme, outcome, bob
):
    other = OutcomeFactory(programme=programme, code="SP9", title="Another sub-programme")
    OutcomeFactory(programme=ProgrammeFactory(), code="SPX", title="Not this programme's")
    client.force_login(bob)

    response = client.get(programme_url(programme), {"outcome": other.pk})

    options = re.findall(
        r'<option value="(\d+)"( selected)?>(\S+)', response.text.split('id="filter-outcome"')[1]
    )
    assert [(int(pk), selected, code) for pk, selected, code in options] == [
        (outcome.pk, "", outcome.code),
        (other.pk, " selected", "SP9"),
    ]


def test_portfolio_has_a_canvas_for_each_of_its_charts(client, programme, bob):
    client.force_login(bob)

    response = client.get(reverse("portfolio-dashboard"))
    parts = PageParts(response.text)

    charts = dashboard_config(response)["charts"]
    assert sorted(parts.chart_cards) == sorted(charts)
    assert sorted(parts.canvases) == sorted(f"canvas-{name}" for name in charts)
