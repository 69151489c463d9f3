"""``followthrough report``: the Reports page's figures in the terminal."""

from __future__ import annotations

from typing import Annotated

import typer

from . import django_setup
from .output import date_text, emit_json, say, show, table


def report_command(
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help="The first day, YYYY-MM-DD, or `all` for everything. Default: 90 days"
            " before --until.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", metavar="DATE", help="The last day, YYYY-MM-DD. Default: today."),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json",
            help="Print an object: period, funnel, response_by_source, activity, network_mix,"
            " reciprocity.",
        ),
    ] = False,
) -> None:
    """The pictures of your search, as tables.

    The funnel, who answers by source, activity per week with the outreach
    streak, the network mix, and the asks and gives.

    Example: followthrough report --since 2026-01-01 --until 2026-03-31
    """
    owner = django_setup.owner()

    from followthrough.reports.data import period_for
    from followthrough.reports.figures import report_for

    today = django_setup.today(owner)
    period = period_for(owner, today, since, until, names=("--since", "--until"))
    report = report_for(owner, period)
    if as_json:
        emit_json(report.as_json())
        return
    print_report(report)


def print_report(report) -> None:
    period = report.period
    whole = " (all of it)" if period.everything else ""
    # A heading, as on the page: both ends with their year.
    say(f"Reports, {date_text(period.since)} to {date_text(period.until)}: "
        f"{period.days} day{'' if period.days == 1 else 's'}{whole}.")
    _funnel(report.funnel)
    _responses(report.responses)
    _activity(report.activity)
    _network(report.network)
    _reciprocity(report.reciprocity)


def _section(title: str, headline: str) -> None:
    say("")
    say(f"{title}: {headline}")


def _funnel(funnel) -> None:
    _section("Funnel", funnel.headline)
    if funnel.entered:
        rows = [(s.label, s.count, f"{s.percent}%", f"{s.step_percent}%") for s in funnel.steps]
        show(table(None, ["Stage", "Reached", "Of all", "Of the step before"], rows))
    if funnel.not_applied:
        n = funnel.not_applied
        say(f"Also {n} lead{'' if n == 1 else 's'} added in the period, not applied yet.")


def _responses(responses) -> None:
    _section("Who answers, by source", responses.headline)
    if responses.sources:
        rows = [
            (s.label, s.opportunities, s.responded, f"{s.rate}%",
             "" if s.median_days is None else f"{s.median_days:g}")
            for s in responses.sources
        ]
        show(table(None, ["Source", "Opportunities", "Heard back", "Rate", "Median days"], rows))


def _activity(activity) -> None:
    _section("Activity per week", activity.headline)
    if not activity.empty:
        rows = [
            (date_text(w.start), w.outreach, w.interviews, w.informational_interviews, w.thank_yous,
             w.follow_ups)
            for w in activity.weeks
        ]
        columns = ["Week of", "Outreach", "Interviews", "Informational", "Thank-yous",
                   "Follow-ups"]
        show(table(None, columns, rows))
    say(f"Outreach streak: {activity.streak.days} days now, longest {activity.longest_streak}; "
        f"outreach on {activity.outreach_days} days of the period.")


def _network(network) -> None:
    _section("Network mix", network.headline)
    if network.overall.total:
        labels = [s.label for s in network.overall.shares]
        rows = [
            (f"{m.month:%b %Y}", m.total, *(f"{s.count} ({s.percent}%)" for s in m.shares))
            for m in [*network.months]
        ]
        overall = network.overall
        rows.append(("Whole period", overall.total,
                     *(f"{s.count} ({s.percent}%)" for s in overall.shares)))
        show(table(None, ["Month", "People", *labels], rows))


def _reciprocity(reciprocity) -> None:
    _section("Asks and gives", reciprocity.headline)
    if reciprocity.asks or reciprocity.gives:
        rows = [(f"{m.month:%b %Y}", m.asks, m.gives) for m in reciprocity.months]
        show(table(None, ["Month", "Asks", "Gives"], rows))
    if reciprocity.only_asked:
        rows = [(p.person_id, p.name, p.asks, date_text(p.last_ask))
                for p in reciprocity.only_asked]
        show(table("People you only ask", ["ID", "Name", "Asks", "Last ask"], rows))
