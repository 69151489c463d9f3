"""The SVG drawing: labels escaped and spread out, bars sized, every chart described."""

from __future__ import annotations

import re

from followthrough.reports.charts import Bar, Panel, Row, axis_ticks, columns_chart, rows_chart


def test_axis_labels_are_spread_out_and_never_more_than_six():
    assert axis_ticks(0) == []
    assert axis_ticks(5) == [0, 1, 2, 3, 4]
    assert axis_ticks(13) == [0, 3, 6, 9, 12]
    assert len(axis_ticks(106)) <= 6


def test_a_rows_chart_sizes_its_bars_and_escapes_its_text():
    svg = rows_chart("c", "A <title>", "Its & description", [
        Row("R&D <team>", "3 · 60%", [Bar("a", 3, 0.6, "accent", "three")]),
        Row("Empty", "0", [Bar("a", 0, 0, "accent", "none")]),
        Row("Tiny", "1", [Bar("a", 1, 0.001, "accent", "one")]),
    ])
    assert svg.startswith('<svg class="chart rows-chart " id="c" width="100%"')
    assert '<title id="c-title">A &lt;title&gt;</title>' in svg
    assert '<desc id="c-desc">Its &amp; description</desc>' in svg
    assert ">R&amp;D &lt;team&gt;</text>" in svg
    widths = re.findall(r'class="bar bar-a" data-value="[\d.]+" x="0" y="0" width="([\d.]+)"', svg)
    assert widths == ["60", "0", "0.6"]  # a value above zero stays visible
    assert 'viewBox="0 0 100 12" preserveAspectRatio="none"' in svg


def test_a_stacked_row_labels_only_the_segments_wide_enough():
    svg = rows_chart("s", "t", "d", [Row("Mar 2026", "10 people", [
        Bar("seeking", 7, 0.7, "amber", "seekers", "70%"),
        Bar("other", 1, 0.1, "grey", "others", "10%"),
        Bar("employed", 2, 0.2, "accent", "employed", "20%"),
    ], stacked=True)])
    labels = re.findall(r'class="segment-label" x="([\d.]+%)"[^>]*>([^<]+)<', svg)
    assert labels == [("35%", "70%"), ("90%", "20%")]


def test_a_columns_chart_draws_a_panel_per_series_on_its_own_scale():
    svg = columns_chart("w", "Weekly", "d", [
        Panel("outreach", "Outreach", "accent", [2, 4, 0], "6 in total"),
        Panel("follow_ups", "Follow-ups", "blue", [0, 0, 1], "1 in total"),
    ], ["2 Feb", "9 Feb", "16 Feb"], "Weeks")
    heights = re.findall(r'class="bar bar-outreach" data-value="(\d+)"[^>]* height="([\d.]+)"', svg)
    assert heights == [("2", "28"), ("4", "56"), ("0", "0")]
    assert re.findall(r'class="bar bar-follow_ups" data-value="1"[^>]* height="([\d.]+)"',
                      svg) == ["56"]
    assert re.findall(r'class="axis-label"[^>]*>([^<]+)<', svg) == ["2 Feb", "9 Feb", "16 Feb"]
