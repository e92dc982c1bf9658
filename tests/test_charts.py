"""Charts drawn with characters: readable narrow, meaningful without colour."""

import os

from conftest import tsv_rows


def test_timeline_chart_rows_for_scripts(run):
    rows = tsv_rows(run("timeline", "--chart").output)
    assert rows == [
        {"year": "1997", "category": "diplomacy", "events": "1"},
        {"year": "2006", "category": "labour", "events": "1"},
        {"year": "2021", "category": "trade", "events": "1"},
        {"year": "2024", "category": "diplomacy", "events": "1"},
    ]


def test_timeline_chart_bars_use_one_glyph_per_category_without_colour(
    terminal, run, data_file, mini_data
):
    mini_data["events"][0]["date"] = "1997-12"  # two diplomacy events in 1997
    data_file(mini_data)
    lines = terminal("timeline", "--chart", width=60, env={"NO_COLOR": "1"}).output.splitlines()
    assert lines[0] == "Events per year, by category"
    bar_1997 = lines[1]
    assert bar_1997.startswith("1997 █") and bar_1997.endswith(" 2")
    assert lines[2].startswith("2006 ▒") and lines[2].endswith(" 1")
    assert len(bar_1997) > len(lines[2])  # twice the events, a longer bar
    assert "█ diplomacy" in lines[4] and "▒ labour" in lines[4] and "░ trade" in lines[4]


def test_chart_respects_filters(run):
    rows = tsv_rows(run("timeline", "--chart", "--from", "2020").output)
    assert [r["year"] for r in rows] == ["2021", "2024"]


def test_domain_chart_shows_each_reporting_body_as_its_own_series(run, terminal):
    rows = tsv_rows(run("domains", "trade", "--chart").output)
    assert [(r["period"], r["reported_by"], r["value"]) for r in rows] == [
        ("2021", "Body K", "965.132"),
        ("2022", "Body G", "778.92"),
        ("2022", "Body E", "1050"),
    ]
    lines = terminal(
        "domains", "trade", "--chart", width=60, env={"NO_COLOR": "1"}
    ).output.splitlines()
    assert lines[0] == "Trade: Two-way trade (USD million)"
    assert lines[2].startswith("2022 ▒") and lines[3].startswith("     ░")
    # Body E's figure is disputed: the bar says so, and a line under the legend says how.
    assert lines[2].endswith(" 778.92") and lines[3].endswith(" 1,050 †")
    assert "† disputed (ckr figures --domain trade says why)" in lines
    assert "‡" not in "\n".join(lines)  # no seed-only figure, so no ‡ to explain


def test_a_mark_an_ascii_stream_cannot_show_is_written_as_its_word(data_file, mini_data):
    import subprocess
    import sys

    env = {
        **os.environ,
        "CKR_DATA": str(data_file(mini_data)),
        "CKR_TODAY": "2026-11-25",
        "CKR_FORCE_TTY": "1",
        "COLUMNS": "40",
        "PYTHONIOENCODING": "ascii",
    }
    env.pop("NO_COLOR", None)
    command = [sys.executable, "-m", "ckr", "domains", "trade", "--chart", "--no-pager"]
    out = subprocess.run(command, env=env, capture_output=True, check=True).stdout
    lines = out.decode("ascii").splitlines()
    marked = next(line for line in lines if line.endswith("1,050 (disputed)"))
    assert marked.startswith("     ") and "\\u2020" not in out.decode("ascii")
    bars = lines[1:4]  # 2021, 2022 and its second body
    assert len(bars) == 3 and all(len(line) <= 40 for line in bars)


def test_the_chart_as_markdown_shows_confidence_in_a_column(run):
    output = run("domains", "trade", "--chart", "--format", "markdown").output
    assert "| Period | Reported by | Value | Unit | Confidence |" in output
    assert "| 2022 | Body E | 1050 | USD million | disputed |" in output
    assert "†" not in output


def test_a_chart_of_verified_figures_has_no_marks(terminal, data_file, mini_data):
    mini_data["domains"][0]["figures"][2]["confidence"] = "verified"
    data_file(mini_data)
    output = terminal("domains", "trade", "--chart", width=60).output
    assert "†" not in output and "disputed" not in output


def test_domain_without_a_repeated_measure_says_so(terminal):
    result = terminal("domains", "labour", "--chart")
    assert result.exit_code == 0
    assert "has no measure reported more than once to chart" in result.stderr


def test_chart_needs_a_domain(run):
    result = run("domains", "--chart")
    assert result.exit_code == 2
    assert "--chart needs a DOMAIN" in result.stderr


def test_equal_totals_draw_equal_bars():
    from ckr.render.chart import _segment_lengths

    # Five single events and one group of 2 + 3 both total 5: the same length wherever
    # the bar has room for one character per segment.
    for room in (10, 17, 35, 36, 101):
        assert sum(_segment_lengths([1.0] * 5, 10, room)) == sum(
            _segment_lengths([2.0, 3.0], 10, room)
        )
    assert _segment_lengths([1.0, 1.0, 1.0], 3, 2) == [1, 1, 1]  # each still shows
    assert _segment_lengths([0.0, 3.0], 3, 10) == [0, 10]


def test_reverse_puts_the_newest_year_first_in_a_chart(run):
    years = [r["year"] for r in tsv_rows(run("timeline", "--chart", "-r").output)]
    assert years == sorted(years, reverse=True) and years[0] != years[-1]
