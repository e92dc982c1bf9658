"""URLs are never broken across lines, and percent-encoded text is shown readable."""

from ckr.text import display_url
from conftest import tsv_rows

LONG = "https://example.org/" + "/".join(["a-rather-long-path-segment"] * 5) + "/page.html"
KOREAN = "https://example.org/wiki/%ED%95%9C%EA%B5%AD-%EC%BA%84%EB%B3%B4%EB%94%94%EC%95%84"


def with_source_url(mini_data, data_file, url: str) -> None:
    mini_data["sources"][0]["url"] = url  # paper-a, cited by events and claims
    data_file(mini_data)


def lines_holding(output: str, text: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if text in line]


def test_a_long_url_is_whole_on_one_line_in_source_cards(terminal, data_file, mini_data):
    with_source_url(mini_data, data_file, LONG)
    output = terminal("sources", width=80, env={"NO_COLOR": "1"}).output
    assert "  URL       https://example.org/b" in output  # a short one stays beside its label
    assert lines_holding(output, "https://example.org/a") == [LONG]  # whole, on its own line
    assert "a-rather-long-path-segment/page.html" not in output.replace(LONG, "")


def test_a_long_url_is_whole_on_one_line_in_show(terminal, data_file, mini_data):
    with_source_url(mini_data, data_file, LONG)
    for record in ("paper-a", "1997-restored"):  # the source itself, and a record citing it
        output = terminal("show", record, width=80, env={"NO_COLOR": "1"}).output
        assert lines_holding(output, "https://example.org/a") == [LONG], record


def test_the_shipped_seed_url_is_whole_at_80_columns(shipped, monkeypatch):
    for name, value in {"NO_COLOR": "1", "CKR_FORCE_TTY": "1", "COLUMNS": "80"}.items():
        monkeypatch.setenv(name, value)
    url = (
        "https://m.phnompenhpost.com/opinion/"
        "hun-sen-s-role-in-promoting-cambodia-korea-strategic-relations"
    )
    assert lines_holding(shipped("show", "seed").output, "hun-sen-s-role") == [url]
    assert lines_holding(shipped("sources").output, "hun-sen-s-role") == [url]


def test_a_wide_table_puts_a_long_url_under_its_row(terminal, data_file, mini_data):
    with_source_url(mini_data, data_file, LONG)
    output = terminal("sources", width=200, env={"NO_COLOR": "1"}).output
    assert "Id" in output and "Publisher" in output  # still a table
    assert lines_holding(output, "https://example.org/a") == [LONG]


def test_percent_encoded_text_is_shown_readable_but_links_to_the_url(
    terminal, data_file, mini_data
):
    with_source_url(mini_data, data_file, KOREAN)
    plain = terminal("show", "paper-a", width=120, env={"NO_COLOR": "1"}).output
    assert "https://example.org/wiki/한국-캄보디아" in plain
    linked = terminal("show", "paper-a", width=120, env={"FORCE_COLOR": "1"}).output
    assert f";{KOREAN}\x1b\\" in linked  # the OSC 8 target is the URL as written
    # Scripts get the URL as written.
    assert tsv_rows(terminal("sources", "-f", "tsv").output)[0]["url"] == KOREAN


def test_only_safe_text_is_decoded():
    assert display_url(KOREAN) == "https://example.org/wiki/한국-캄보디아"
    # ASCII escapes stay: decoded, "%2F" or "%20" would change or split the URL.
    assert display_url("https://x.org/a%20b/%ED%95%9C%2Fc") == "https://x.org/a%20b/한%2Fc"
    # Bidirectional overrides, invisible spaces and bytes that are not UTF-8 stay encoded.
    assert display_url("https://x.org/%E2%80%AEevil") == "https://x.org/%E2%80%AEevil"
    assert display_url("https://x.org/a%E3%80%80b") == "https://x.org/a%E3%80%80b"
    assert display_url("https://x.org/caf%E9") == "https://x.org/caf%E9"
    assert display_url("https://x.org/plain") == "https://x.org/plain"
