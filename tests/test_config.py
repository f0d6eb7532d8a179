"""The config file: defaults read and checked, one error line for a broken file, the command line winning."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from pacs_interview.bank import Level, Region
from pacs_interview.common.errors import UserError
from pacs_interview.config import CONFIG_ENV, Defaults, config_path, load_defaults

Run = Callable[..., Result]

REGIONAL_BANK = """version: 1
questions:
  - id: mid-everywhere
    level: mid
    type: technical
    question: How do you test a DICOM link?
    introduction: Basics.
    how_to_answer: [Ping, then C-ECHO]
    what_not_to_say: [Guessing]
    example_answer: I run a C-ECHO.
    skills: [DICOM Networking]
  - id: mid-hipaa-audit
    level: mid
    type: competency
    question: How do you meet HIPAA's audit controls?
    introduction: US law.
    how_to_answer: [Name the audit controls standard]
    what_not_to_say: [Nothing]
    example_answer: I review the audit log.
    skills: [Data Security]
    region: [us]
  - id: senior-gdpr-breach
    level: senior
    type: situational
    question: A study went to the wrong hospital. What next?
    introduction: UK and EU law.
    how_to_answer: [Call the DPO]
    what_not_to_say: [Wait until Monday]
    example_answer: I call the DPO.
    skills: [Data Security]
    region: [uk, eu]
"""


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Write the config file the commands read, and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "settings" / "config.toml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv(CONFIG_ENV, str(path))
        return path

    return write


def listed(run: Run, *args: str) -> list[str]:
    result = run("list", "--json", *args)
    assert result.exit_code == 0, result.output
    return [q["id"] for q in json.loads(result.stdout)]


# -- reading the file --------------------------------------------------------------------------------


def test_every_key(config: Callable[[str], Path]) -> None:
    path = config(
        '# my defaults\nregion = "uk"\nlevel = ["senior", "lead"]\ncount = 8\ntime_limit = 0\n'
        'bank = "banks/ours.yaml"\n'
    )
    assert load_defaults() == Defaults(
        region=Region.uk,
        levels=(Level.senior, Level.lead),
        count=8,
        time_limit=0,
        bank=path.parent / "banks" / "ours.yaml",  # relative to the config file, not to where a command runs
    )


def test_one_level_as_text_and_a_home_relative_bank(config: Callable[[str], Path]) -> None:
    config('level = "mid"\nbank = "~/banks/ours.yaml"\n')
    defaults = load_defaults()
    assert defaults.levels == (Level.mid,)
    assert defaults.bank == Path.home() / "banks" / "ours.yaml"


def test_an_empty_file_sets_nothing(config: Callable[[str], Path]) -> None:
    config("")
    assert load_defaults() == Defaults()


def test_no_file_in_the_platform_folder_sets_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CONFIG_ENV)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert config_path() == tmp_path / "xdg" / "pacs-interview" / "config.toml"
    assert not config_path().exists()
    assert load_defaults() == Defaults()


def test_a_file_named_by_the_variable_must_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = tmp_path / "nowhere.toml"
    monkeypatch.setenv(CONFIG_ENV, str(missing))
    with pytest.raises(UserError) as caught:
        load_defaults()
    assert caught.value.lines == (f"{missing}: no such config file; fix {CONFIG_ENV} or create the file",)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            'region = "uk"\nregoin = "us"\n',
            2,
            "unknown key 'regoin' (did you mean 'region'?); the keys are: region, level, count, time_limit, bank",
        ),
        (
            "count = 3\ntime-limit = 60\n",
            2,
            "unknown key 'time-limit' (did you mean 'time_limit'?); "
            "the keys are: region, level, count, time_limit, bank",
        ),
        (
            "count = 3\n\n[practice]\ncount = 4\n",
            3,
            "unknown table [practice]; the keys sit at the top of the file: region, level, count, time_limit, bank",
        ),
        ('region = "usa"\n', 1, "unknown region 'usa' (did you mean 'us'?); choose one of: us, uk, eu"),
        ("region = 1\n", 1, "'region' must be text such as \"us\", not a number"),
        (
            'level = ["senior", "wizard"]\n',
            1,
            "unknown level 'wizard'; choose one of: junior, mid, senior, lead, manager",
        ),
        ("level = []\n", 1, "'level' is an empty list; give a level, or leave the key out"),
        ("count = 0\n", 1, "'count' must be a whole number, 1 or more, not 0"),
        ('count = "5"\n', 1, "'count' must be a whole number, 1 or more, not '5'"),
        ("count = true\n", 1, "'count' must be a whole number, 1 or more, not true/false"),
        ("time_limit = -1\n", 1, "'time_limit' must be a whole number, 0 or more, not -1"),
        ("time_limit = 1.5\n", 1, "'time_limit' must be a whole number, 0 or more, not 1.5"),
        ("bank = 3\n", 1, "'bank' must be the path of a bank file or folder, not 3"),
        ('bank = ""\n', 1, "'bank' must be the path of a bank file or folder, not ''"),
        ('region = "uk"\ncount = \n', 2, "not valid TOML: invalid value"),
        ('region = "uk"\ncount = 3 5\n', 2, "not valid TOML: expected newline or end of document after a statement"),
        ("count = 3\ncount = 4\n", 2, "not valid TOML: cannot overwrite a value"),
    ],
)
def test_a_broken_file_is_one_line_naming_file_and_line(
    config: Callable[[str], Path], text: str, line: int, message: str
) -> None:
    path = config(text)
    with pytest.raises(UserError) as caught:
        load_defaults()
    assert caught.value.lines == (f"{path}:{line}: {message}",)


def test_a_file_that_is_not_utf8(config: Callable[[str], Path]) -> None:
    path = config("")
    path.write_bytes(b'region = "uk"\nbank = "caf\xe9"\n')
    with pytest.raises(UserError) as caught:
        load_defaults()
    assert caught.value.lines == (f"{path}:2: not UTF-8 (byte 0xe9); save the file as UTF-8",)


# -- the commands ------------------------------------------------------------------------------------


def test_region_from_the_file_and_the_option_wins(
    run: Run, config: Callable[[str], Path], write_bank: Callable[..., Path]
) -> None:
    bank = write_bank(REGIONAL_BANK)
    assert listed(run, "--bank", str(bank)) == ["mid-everywhere", "mid-hipaa-audit", "senior-gdpr-breach"]
    config('region = "uk"\n')
    assert listed(run, "--bank", str(bank)) == ["mid-everywhere", "senior-gdpr-breach"]
    assert listed(run, "--bank", str(bank), "--region", "us") == ["mid-everywhere", "mid-hipaa-audit"]


def test_bank_from_the_file_and_the_option_wins(
    run: Run, config: Callable[[str], Path], write_bank: Callable[..., Path]
) -> None:
    write_bank(REGIONAL_BANK, "settings/ours.yaml")
    other = write_bank(REGIONAL_BANK.replace("mid-everywhere", "mid-elsewhere"), "other.yaml")
    config('bank = "ours.yaml"\n')  # beside the config file
    assert listed(run)[0] == "mid-everywhere"
    assert run("show", "mid-hipaa-audit").exit_code == 0
    assert listed(run, "--bank", str(other))[0] == "mid-elsewhere"


def test_level_count_and_time_limit_from_the_file_for_practice(
    run: Run, config: Callable[[str], Path], write_bank: Callable[..., Path]
) -> None:
    bank = write_bank(REGIONAL_BANK)
    config(f'level = "mid"\ncount = 1\ntime_limit = 45\nbank = "{bank}"\n')
    result = run("practice", "--order", "bank", "--no-save", input="An answer.\n")
    assert result.exit_code == 0, result.output
    assert "How do you test a DICOM link?" in result.stdout
    assert "How do you meet HIPAA" not in result.stdout  # count = 1
    wider = run("practice", "--order", "bank", "--no-save", "--count", "2", "--level", "senior", input="A.\n---\n")
    assert wider.exit_code == 0, wider.output
    assert "A study went to the wrong hospital" in wider.stdout
    assert "How do you test a DICOM link?" not in wider.stdout  # --level senior wins over level = "mid"


def test_a_broken_file_stops_the_command_with_one_line(run: Run, config: Callable[[str], Path]) -> None:
    path = config('region = "uk"\nlevel = "wizard"\n')
    for command in (["list"], ["practice", "--no-save"], ["show", "junior-what-is-pacs"], ["validate"]):
        result = run(*command, input="")
        assert result.exit_code == 1, command
        assert result.stderr == (
            f"error: {path}:2: unknown level 'wizard'; choose one of: junior, mid, senior, lead, manager\n"
        ), command


def test_resume_ignores_the_files_filters(
    run: Run, config: Callable[[str], Path], write_bank: Callable[..., Path]
) -> None:
    bank = write_bank(REGIONAL_BANK)
    first = run("practice", "--bank", str(bank), "--order", "bank", "--count", "3", input="An answer.\n")
    assert first.exit_code == 0, first.output
    config('region = "uk"\nlevel = "senior"\n')
    resumed = run("practice", "--resume", input="")
    assert "leave out" not in resumed.stderr, resumed.stderr
    assert resumed.exit_code == 0, resumed.output


NO_TOML_SCRIPT = """
import sys
from pacs_interview.cli import main
sys.argv = ["pacs-interview", "list", "--bank", sys.argv[1]]
try:
    main()
except SystemExit as exit:
    assert exit.code == 0, exit.code
assert "tomllib" not in sys.modules and "tomli" not in sys.modules
"""


def test_without_a_config_file_the_toml_parser_is_never_imported(
    tmp_path: Path, write_bank: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(CONFIG_ENV)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))  # an empty platform folder (Linux)
    monkeypatch.setenv("HOME", str(tmp_path / "user"))  # and elsewhere, an empty home
    command = [sys.executable, "-c", NO_TOML_SCRIPT, str(write_bank(REGIONAL_BANK))]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
