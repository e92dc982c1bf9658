"""Shell completion: scripts for three shells, values completed from the data."""

import pytest


def complete(run, words: str) -> list[str]:
    cword = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    result = run(env={"_CKR_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": cword})
    return [line.split(",", 1)[1] for line in result.output.splitlines() if line]


@pytest.mark.parametrize(
    "shell, marker",
    [
        ("bash", "complete -o nosort -F"),
        ("zsh", "#compdef ckr"),
        ("fish", "complete --no-files --command ckr"),
    ],
)
def test_completion_prints_a_script_per_shell(run, shell, marker):
    result = run("completion", shell)
    assert result.exit_code == 0
    assert marker in result.output and "_CKR_COMPLETE" in result.output


def test_unknown_shell_is_a_usage_error(run):
    assert run("completion", "tcsh").exit_code == 2


def test_countries_complete_from_the_data(run):
    nationalities = complete(run, "ckr visa --country ")
    assert nationalities[:2] == ["japan", "japanese"] and nationalities[-2:] == ["JP", "KR"]
    assert "cambodia" not in nationalities  # no rules for Cambodian passports here
    assert complete(run, "ckr visa -p ko") == [
        "korea",
        "korean",
        "korea-south",
        "korea-republic-of",
    ]
    assert complete(run, "ckr visa -d viet") == ["vietnam", "viet-nam", "vietnamese"]
    assert complete(run, "ckr visa -d jap") == []  # no rules for travel to Japan here


def test_categories_domains_and_ids_complete(run):
    assert complete(run, "ckr timeline --category la") == ["labour"]
    assert complete(run, "ckr domains t") == ["trade"]
    assert complete(run, "ckr show claim-n") == ["claim-neighbours-waive"]


def test_commands_complete(run):
    assert complete(run, "ckr vi") == ["visa"]


def test_with_completes_the_last_neighbour_of_a_list(run):
    assert complete(run, "ckr visa --compare --with vi") == ["vietnam", "viet-nam", "vietnamese"]
    assert complete(run, "ckr visa --compare --with vietnam,") == [
        "vietnam,thailand",
        "vietnam,thai",
        "vietnam,kingdom-of-thailand",
        "vietnam,TH",
    ]
    assert "cambodia" not in complete(run, "ckr visa --compare --with ")


def test_offered_words_need_no_quoting_in_a_shell(run):
    for word in complete(run, "ckr visa --country "):
        assert all(ch.isalnum() or ch == "-" for ch in word), word
