"""Evidence on every status (pack format 2), format 1 packs, unknown statuses, and migration.

``tests/data/v1-pack`` is a small pack written in format 1, with comments, both TOML spellings
of a membership's statuses, a partnership and a strategy with statuses, and an unknown one.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import munintl.model
import munintl.packs
from munintl.cli import main
from munintl.errors import MissingExtraError, MunintlError, PackDataError
from munintl.migrate import MIGRATED_RATIONALE, migrate_pack
from munintl.model import (
    FORMAT_VERSION,
    UNRECORDED,
    Basis,
    Evidence,
    InvalidField,
    Locator,
    MembershipStatus,
    Partnership,
    StatusEntry,
    Strategy,
    StrategyStatus,
)
from munintl.overlap.holdings import UNKNOWN_STATUS, holdings
from munintl.packs import load_pack_dir
from munintl.render import render_pack
from munintl.status_basis import missing_bases, statuses_without_evidence

V1_PACK = Path(__file__).parent / "data" / "v1-pack"
LOC = Locator(document="doc", section="1")


def v1_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(V1_PACK, tmp_path / "pack"))


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def v2_copy(tmp_path: Path) -> Path:
    """The v1 pack migrated: every status inferred, format 2."""
    folder = v1_copy(tmp_path)
    migrate_pack(folder)
    return folder


# --- the model ----------------------------------------------------------------------------------


def test_a_basis_follows_the_rule_for_links() -> None:
    assert Basis(Evidence.STATED, LOC).source == LOC
    assert Basis(Evidence.INFERRED, rationale="why").is_inferred
    with pytest.raises(InvalidField, match="source: a stated status needs the locator"):
        Basis(Evidence.STATED, rationale="the text says so")
    with pytest.raises(InvalidField, match="rationale: an inferred status needs a one-line"):
        Basis(Evidence.INFERRED, LOC)
    with pytest.raises(InvalidField, match="rationale: must not be empty"):
        Basis(Evidence.INFERRED, rationale=" ")


def test_a_status_built_without_evidence_is_inferred_recorded_without_evidence() -> None:
    entry = StatusEntry(MembershipStatus.MEMBER, LOC)
    assert (entry.evidence, entry.rationale) == (Evidence.INFERRED, UNRECORDED)
    assert entry.basis == Basis(Evidence.INFERRED, LOC, UNRECORDED)
    assert StatusEntry(MembershipStatus.MEMBER, LOC, evidence=Evidence.STATED).rationale is None
    strategy = Strategy("s", "S", "doc", StrategyStatus.ADOPTED, LOC, in_force=True)
    assert strategy.status_basis.rationale == strategy.in_force_basis.rationale == UNRECORDED  # type: ignore[union-attr]
    assert Strategy("s", "S", "doc", StrategyStatus.ADOPTED, LOC).in_force_basis is None
    assert Partnership("p", "Lund", "SE", LOC).status_basis is None  # no status, no basis
    with pytest.raises(InvalidField, match="status_basis: a basis is given but no status"):
        Partnership("p", "Lund", "SE", LOC, status_basis=Basis(Evidence.STATED, LOC))
    with pytest.raises(InvalidField, match="an inferred status needs a one-line rationale"):
        StatusEntry(MembershipStatus.MEMBER, LOC, evidence=Evidence.INFERRED, rationale=None)


# --- loading format 1 and format 2 --------------------------------------------------------------


def test_this_munintl_writes_format_2() -> None:
    assert FORMAT_VERSION == 2


def test_a_format_1_pack_loads_with_every_status_inferred_recorded_without_evidence() -> None:
    pack = load_pack_dir(V1_PACK)
    assert pack.format_version == 1
    bases = [
        *(e.basis for m in pack.memberships for e in m.statuses),
        *(p.status_basis for p in pack.partnerships if p.status),
        *(b for s in pack.strategies for b in (s.status_basis, s.in_force_basis)),
    ]
    assert len(bases) == 6
    assert all(b is not None and b.is_inferred and b.rationale == UNRECORDED for b in bases)


def test_validate_warns_of_each_status_of_a_format_1_pack(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(V1_PACK), "--fail-on", "never"]) == 0
    warnings = [line for line in capsys.readouterr().out.splitlines() if line.startswith("warn")]
    assert [w.split(": ")[3] for w in warnings] == [
        "$.strategies[0].status",
        "$.strategies[0].in_force",
        "$.memberships[0].statuses[0]",
        "$.memberships[0].statuses[1]",
        "$.memberships[1].statuses[0]",
        "$.partnerships[0].status",
    ]  # in file and line order
    assert warnings[0] == (
        "warning: oldtown: strategy.toml:12: $.strategies[0].status: strategy status recorded "
        "without evidence (format 1): counts as inferred; give its basis, or run munintl migrate"
    )
    assert "network.toml:9: $.memberships[0].statuses[0]" in warnings[2]  # inline, own line
    assert "network.toml:10: $.memberships[0].statuses[1]" in warnings[3]
    assert "network.toml:18: $.memberships[1].statuses[0]" in warnings[4]  # [[…statuses]]


_BASIS = f'{{ evidence = "inferred", rationale = "{MIGRATED_RATIONALE}" }}'


@pytest.mark.parametrize(
    ("file", "old", "new", "where"),
    [
        (
            "network.toml",
            'evidence = "inferred"\nrationale',
            "rationale",
            "network.toml:18: $.memberships[1].statuses[0].evidence: required field is missing: "
            'a membership status needs evidence = "stated" (with the source stating it) or '
            '"inferred" (with a rationale)',
        ),
        (
            "network.toml",
            f'evidence = "inferred"\nrationale = "{MIGRATED_RATIONALE}"\n',
            'evidence = "inferred"\n',
            "network.toml:18: $.memberships[1].statuses[0].rationale: an inferred membership "
            "status needs a one-line rationale",
        ),
        (
            "network.toml",
            f"status_basis = {_BASIS}",
            'status_basis = { evidence = "stated" }',
            "network.toml:36: $.partnerships[0].status_basis.source: a stated status needs the "
            "locator of the sentence stating it",
        ),
        (
            "strategy.toml",
            f"status_basis = {_BASIS}\n",
            "",
            # At the status it explains (line 12), not the table's header (line 8).
            "strategy.toml:12: $.strategies[0].status_basis: required field is missing: the "
            "strategy status needs its basis",
        ),
        (
            "strategy.toml",
            f"in_force_basis = {_BASIS}\n",
            "",
            "strategy.toml:16: $.strategies[0].in_force_basis: required field is missing: the "
            "in_force needs its basis",
        ),
    ],
)
def test_a_format_2_status_without_its_basis_is_a_located_error(
    tmp_path: Path, file: str, old: str, new: str, where: str
) -> None:
    folder = v2_copy(tmp_path)
    edit(folder / file, old, new)
    with pytest.raises(PackDataError) as caught:
        load_pack_dir(folder)
    assert len(caught.value.problems) == 1
    assert str(caught.value).startswith(f"oldtown: {where}")


def test_an_empty_list_of_statuses_is_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    pack = load_pack_dir(V1_PACK)
    iclei = next(m for m in pack.memberships if m.id == "in-iclei")
    assert iclei.statuses == () and iclei.status is None
    held = {h.id: h for h in holdings(pack)}
    assert held["iclei"].status == UNKNOWN_STATUS and held["iclei"].current
    assert "[status unknown]" in render_pack(pack)
    assert main(["check", str(V1_PACK), "--select", "MI3", "--format", "json"]) == 0
    assert '"in-iclei"' not in capsys.readouterr().out  # not judged as an active membership


# --- migration ----------------------------------------------------------------------------------


def _comments(folder: Path) -> dict[str, list[str]]:
    """The comments of each TOML file of a folder (the packs here have no '#' in strings)."""
    return {
        p.name: [
            line[line.index("#") :]
            for line in p.read_text(encoding="utf-8").splitlines()
            if "#" in line
        ]
        for p in sorted(folder.glob("*.toml"))
    }


def test_migrate_round_trip_keeps_comments_and_layout(tmp_path: Path) -> None:
    folder = v1_copy(tmp_path)
    before = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.toml")}
    done = migrate_pack(folder)
    assert (done.pack, done.from_version, len(done.changes)) == ("oldtown", 1, 6)
    pack = load_pack_dir(folder)  # the migrated pack validates in format 2
    assert pack.format_version == 2
    assert statuses_without_evidence(folder) == []
    assert _comments(folder) == _comments(V1_PACK)  # every comment kept, in its order
    # Every other line is kept in its order; only lines are added (and inline status entries
    # get their evidence at the end).
    for name, text in before.items():
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        position = 0
        for line in text.replace("format_version = 1", "format_version = 2").splitlines():
            if line.lstrip().startswith("{ status ="):
                line = line.removesuffix(" },")  # the entry's evidence is added at its end
            while not lines[position].startswith(line):
                position += 1  # an added line (IndexError: an original line was lost)
            position += 1
    # Each basis sits right after the status it explains, not after the comments that
    # introduce the next table.
    for name, after in [("strategy.toml", ("status =", "in_force =")), ("network.toml", ())]:
        lines = (folder / name).read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.startswith(("status_basis", "in_force_basis", "evidence = ")):
                assert lines[number - 1].startswith(("status =", "in_force =")), (name, number)
        assert all(any(line.startswith(a) for line in lines) for a in after)
    bases = [
        *(e.basis for m in pack.memberships for e in m.statuses),
        *(b for s in pack.strategies for b in (s.status_basis, s.in_force_basis)),
        *(p.status_basis for p in pack.partnerships if p.status),
    ]
    assert {(b.evidence, b.rationale) for b in bases if b} == {
        (Evidence.INFERRED, MIGRATED_RATIONALE)
    }


def test_migrate_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    folder = v2_copy(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.glob("*.toml")}
    assert migrate_pack(folder).changes == ()
    assert {p.name: p.read_bytes() for p in folder.glob("*.toml")} == before


def test_migrate_refuses_a_pack_that_does_not_load_and_writes_nothing(tmp_path: Path) -> None:
    folder = v1_copy(tmp_path)
    edit(folder / "network.toml", 'city = "Lund"', 'city = ""')
    before = {p.name: p.read_bytes() for p in folder.glob("*.toml")}
    with pytest.raises(PackDataError, match=r"partnerships\[0\]\.city: must not be empty"):
        migrate_pack(folder)
    assert {p.name: p.read_bytes() for p in folder.glob("*.toml")} == before


def test_migrate_puts_the_files_back_when_the_result_would_not_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = v1_copy(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.glob("*.toml")}
    real = munintl.packs.load_pack_dir
    calls: list[Path] = []

    def second_load_fails(path: str | Path) -> object:
        calls.append(Path(path))
        if len(calls) == 2:
            raise PackDataError("made to fail", pack="oldtown")
        return real(path)

    monkeypatch.setattr(munintl.packs, "load_pack_dir", second_load_fails)
    with pytest.raises(PackDataError, match="made to fail"):
        migrate_pack(folder)
    assert {p.name: p.read_bytes() for p in folder.glob("*.toml")} == before


def test_migrate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = v1_copy(tmp_path)
    assert main(["migrate", str(folder)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "oldtown: strategy.toml:13: $.strategies[0].status_basis: inferred, recorded without "
        "evidence"
    )
    assert out[-1].startswith("oldtown: migrated from format 1 to 2; 6 statuses are now inferred")
    assert main(["migrate", str(folder)]) == 0
    assert capsys.readouterr().out == "oldtown: already in format 2; nothing to do\n"


def test_migrate_without_tomlkit_says_which_extra_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "tomlkit", None)  # import tomlkit raises ImportError
    folder = v1_copy(tmp_path)
    with pytest.raises(MissingExtraError) as caught:
        migrate_pack(folder)
    assert isinstance(caught.value, MunintlError)
    assert main(["migrate", str(folder)]) == 1
    assert capsys.readouterr().err == (
        'munintl: error: pack migrations need tomlkit: python -m pip install "munintl[migrate]"\n'
    )


# --- every bundled pack -------------------------------------------------------------------------


@pytest.mark.parametrize("name", munintl.packs.available_packs())
def test_every_status_of_every_installed_pack_has_its_evidence(name: str) -> None:
    pack = munintl.packs.load_pack(name)
    assert pack.format_version == FORMAT_VERSION, f"{name}: run munintl migrate on it"
    for membership in pack.memberships:
        for entry in membership.statuses:
            assert entry.rationale != UNRECORDED, (membership.id, entry)
            assert entry.evidence is Evidence.INFERRED or entry.source is not None
    for partnership in pack.partnerships:
        assert (partnership.status is None) is (partnership.status_basis is None), partnership.id
    for strategy in pack.strategies:
        assert strategy.status_basis.rationale != UNRECORDED, strategy.id
        assert (strategy.in_force is None) is (strategy.in_force_basis is None), strategy.id
        for basis in (strategy.status_basis, strategy.in_force_basis):
            if basis is not None and basis.evidence is Evidence.STATED:
                assert basis.source is not None and pack.get(basis.source.document), strategy.id
    # Every status was read against its source: none keeps the placeholder of a migration.
    assert [b for b in bases_of(pack) if b.rationale == MIGRATED_RATIONALE] == []


def test_missing_bases_reads_both_toml_spellings() -> None:
    import tomllib

    data = tomllib.loads((V1_PACK / "network.toml").read_text(encoding="utf-8"))
    assert [(p, w) for p, w in missing_bases(data)] == [
        (["partnerships", 0, "status_basis"], "partnership status"),
        (["memberships", 0, "statuses", 0, "evidence"], "membership status"),
        (["memberships", 0, "statuses", 1, "evidence"], "membership status"),
        (["memberships", 1, "statuses", 0, "evidence"], "membership status"),
    ]


# --- migration, over many packs -----------------------------------------------------------------

_STATUS = st.sampled_from(["member", "represented", "proposed_exit", "ended"])
_COMMENT = st.sampled_from(["", "  # from the appendix", "  # æøå: «sitat»"])


@st.composite
def _v1_network(draw: st.DrawFn) -> str:
    """A format 1 data file: memberships with 0-3 statuses, inline or as tables, with comments,
    and partnerships with or without a status."""
    out = []
    for m in range(draw(st.integers(1, 3))):
        # Oldest first; only the first may be undated (a later one needs the date it began).
        statuses = draw(st.lists(st.tuples(_STATUS, st.booleans(), _COMMENT), max_size=3))
        statuses = [(s, since or i > 0, c) for i, (s, since, c) in enumerate(statuses)]
        inline = draw(st.booleans()) or not statuses
        out += [
            f"# membership {m}",
            "[[memberships]]",
            f'id = "m{m}"',
            'organisation = "eurocities"',
            'source = { document = "doc", section = "5" }',
        ]
        if inline:
            out.append("statuses = [")
            for status, since, comment in statuses:
                year = ', since = "2015"' if since else ""
                loc = 'source = { document = "doc", section = "5" }'
                out.append(f'  {{ status = "{status}"{year}, {loc} }},{comment}')
            out.append("]")
        for status, since, comment in [] if inline else statuses:
            out += ["[[memberships.statuses]]", f'status = "{status}"{comment}']
            out += ['since = "2015"'] if since else []
            out.append('source = { document = "doc", page = 3 }')
        out.append("")
    for p, status in enumerate(
        draw(st.lists(st.sampled_from(["", "active", "ended"]), max_size=3))
    ):
        out += ["[[partnerships]]", f'id = "p{p}"', 'city = "Lund"', 'country = "SE"']
        out += [f'status = "{status}"{draw(_COMMENT)}'] if status else []
        out += ['source = { document = "doc", page = 12 }', ""]
    return "\n".join(out)


_V1_STRATEGY = """\
[[documents]]
id = "doc"
title = "Strategi"
kind = "strategy"

[[strategies]]
id = "s"
title = "Strategi"
document = "doc"
status = "adopted"  # as decided
source = { document = "doc", section = "1" }
"""


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(network=_v1_network(), in_force=st.sampled_from(["", "in_force = true", "in_force = false"]))
def test_migrate_keeps_every_status_and_comment_of_any_format_1_pack(
    tmp_path_factory: pytest.TempPathFactory, network: str, in_force: str
) -> None:
    folder = tmp_path_factory.mktemp("pack")
    (folder / "pack.toml").write_text(
        'format_version = 1\nname = "gen"\nfiles = ["strategy.toml", "network.toml"]\n'
        '[municipality]\nname = "Gen"\ncodes = [{ code = "9997" }]\n',
        encoding="utf-8",
    )
    (folder / "strategy.toml").write_text(_V1_STRATEGY + in_force + "\n", encoding="utf-8")
    (folder / "network.toml").write_text(network, encoding="utf-8")
    before = load_pack_dir(folder)
    comments = _comments(folder)
    done = migrate_pack(folder)
    after = load_pack_dir(folder)
    assert after.format_version == 2 and statuses_without_evidence(folder) == []
    assert _comments(folder) == comments  # (pack.toml has none)
    assert len(done.changes) == len(bases_of(before))
    # The same statuses, each now inferred with the migration's rationale.
    assert [[e.status for e in m.statuses] for m in after.memberships] == [
        [e.status for e in m.statuses] for m in before.memberships
    ]
    assert [p.status for p in after.partnerships] == [p.status for p in before.partnerships]
    assert after.strategies[0].in_force == before.strategies[0].in_force
    for basis in bases_of(after):
        assert (basis.evidence, basis.rationale) == (Evidence.INFERRED, MIGRATED_RATIONALE)


def bases_of(pack: munintl.model.Pack) -> list[Basis]:
    """Every basis of every status the pack gives."""
    return [
        *(e.basis for m in pack.memberships for e in m.statuses),
        *(p.status_basis for p in pack.partnerships if p.status_basis),
        *(b for s in pack.strategies for b in (s.status_basis, s.in_force_basis) if b),
    ]
