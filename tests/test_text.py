from ckr.text import escape_json, format_number, printable


def test_numbers_read_well_at_any_size():
    assert format_number(1050.0) == "1,050"
    assert format_number(965.132) == "965.132"
    assert format_number(1e308) == "1e+308"
    assert format_number(-5) == "-5"


def test_printable_shows_control_characters_as_escapes():
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("tab\tand\nline") == "tab and line"
    assert printable("\u202eevil") == "\\u202eevil"


def test_escape_json_leaves_structure_alone():
    assert escape_json('{\n  "a": "x\u0085y"\n}') == '{\n  "a": "x\\u0085y"\n}'
