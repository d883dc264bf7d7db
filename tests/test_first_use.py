"""The small things a first user trips on: where the summaries go, and why a view shows nothing."""

from __future__ import annotations

import pytest

TEXT = (
    "BVI Premier Andrew Fahie has been detained in the United States.\n\n"
    "State Department spokesperson Ned Price met Secretary of State Antony Blinken in Washington on Monday.\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory, cli):
    folder = tmp_path_factory.mktemp("first-use")
    (folder / "in").mkdir()
    (folder / "in" / "fahie.txt").write_text(TEXT, encoding="utf-8")
    (folder / "in" / "empty.txt").write_text("", encoding="utf-8")
    result = cli("build", folder / "in", "-o", folder / "out")
    assert result.exit_code == 0, result.output
    return result, folder / "out"


def test_summaries_go_to_stdout_and_warnings_to_stderr(cli, built):
    result, out = built
    for part in ("documents", "statements", "triples", str(out / "report.json")):
        assert part in result.stdout, part
    assert "empty.txt" in result.stderr and "empty.txt" not in result.stdout  # the skipped input: a warning
    assert "triples" not in result.stderr
    # Like the summaries of stats and entities.
    for command, part in ((["stats", out], "documents"), (["entities", out], "Andrew Fahie")):
        shown = cli(*command)
        assert shown.exit_code == 0 and part in shown.stdout and shown.stderr == "", command


def test_view_of_an_entity_without_relations_says_so(cli, built, tmp_path):
    _, out = built
    listed = cli("entities", out, "--format", "csv")
    assert "Andrew Fahie" in listed.stdout
    result = cli("view", out, "-o", tmp_path / "v.html", "--entity", "Andrew Fahie")
    assert result.exit_code == 1
    message = result.stderr
    assert "no entity named" not in message
    assert "Andrew Fahie" in message and "Person" in message and "no relation" in message
    assert not (tmp_path / "v.html").exists()


@pytest.mark.parametrize(("given", "suggested"), [("Fahie", "Andrew Fahie"), ("Ned Prize", "Ned Price")])
def test_view_of_an_unknown_name_suggests_the_closest(cli, built, tmp_path, given, suggested):
    _, out = built
    result = cli("view", out, "-o", tmp_path / "v.html", "--entity", given)
    assert result.exit_code == 1
    assert f"no entity named {given!r}" in result.stderr and f"did you mean {suggested!r}" in result.stderr


def test_view_of_a_name_the_filters_hide_says_so(cli, built, tmp_path):
    _, out = built
    result = cli("view", out, "-o", tmp_path / "v.html", "--entity", "Ned Price", "--types", "Place")
    assert result.exit_code == 1 and "hidden by --types" in result.stderr
    shown = cli("view", out, "-o", tmp_path / "v.html", "--entity", "Ned Price")
    assert shown.exit_code == 0, shown.output
