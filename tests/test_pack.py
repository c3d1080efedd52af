"""`evidence pack` and `evidence verify`: a pack holds exactly what was checked, the same bytes every
time, under safe names; verify finds any member added, removed or changed, in a zip or a folder."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tracemalloc
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence.cli import main
from evidence.errors import EvidenceError
from evidence.pack import MANIFEST_NAME, PackRefused, pack_bundle, verify_pack
from evidence.pack import build as pack_build
from evidence.pack.naming import FOLDER_BY_KIND, NamedFile, is_safe_name, packed_names, safe_part
from evidence.schemas import schema_names, validate
from tests.conftest import SAMPLES

AS_OF = date(2026, 11, 23)  # the samples' as-of date, as in test_golden_reports.py
SAMPLE_NAMES = sorted(p.name for p in SAMPLES.iterdir() if (p / "claim.toml").is_file())
#: The samples a pack refuses without --force: those whose golden report's verdict is blocked.
BLOCKED = {name for name in SAMPLE_NAMES
           if json.loads((SAMPLES / "golden" / f"{name}.json").read_text(encoding="utf-8"))["verdict"] == "blocked"}
REPORTS = {"report.html", "report.json", "report.md"}


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under `root` -> its SHA-256 (and nothing else is there)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def members(pack: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pack) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def rewritten(pack: Path, target: Path, change: dict[str, bytes | None], extra: list[tuple[str, bytes]] = ()) -> Path:
    """Copy a pack to `target` with members replaced (bytes), removed (None) and added (`extra`)."""
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = change.get(info.filename, source.read(info))
            if data is not None:
                out.writestr(info, data)
        for name, data in extra:
            out.writestr(name, data)
    return target


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each sample packed once (forced where its verdict is blocked), with its tree hashed before and after."""
    folder = tmp_path_factory.mktemp("packs")
    made = {}
    for name in SAMPLE_NAMES:
        before = tree_digest(SAMPLES / name)
        pack_bundle(SAMPLES / name, folder / f"{name}.zip", force=name in BLOCKED, as_of=AS_OF)
        assert tree_digest(SAMPLES / name) == before, f"packing {name} changed its bundle"
        made[name] = folder / f"{name}.zip"
    return made


# ---------------------------------------------------------------- round trips on the samples

@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_sample_packs_and_verifies_as_zip_and_folder(name: str, packs: dict[str, Path], tmp_path: Path) -> None:
    pack = packs[name]
    result = verify_pack(pack)
    assert result.ok and result.differences == []
    manifest = json.loads(members(pack)[MANIFEST_NAME])
    assert result.matched == result.listed == len(manifest["files"]) + 3
    with zipfile.ZipFile(pack) as archive:
        archive.extractall(tmp_path / "unpacked")
    assert verify_pack(tmp_path / "unpacked").ok


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_manifest_lists_every_checked_file_with_its_hash_and_validates(name: str, packs: dict[str, Path]) -> None:
    held = members(packs[name])
    manifest = json.loads(held[MANIFEST_NAME])
    assert validate(manifest, "pack_manifest") == []
    report = json.loads(held["report.json"])
    assert manifest["verdict"] == report["verdict"] == ("blocked" if name in BLOCKED else manifest["verdict"])
    assert (manifest["as_of"], manifest["claim_type"], manifest["bundle"]) == ("2026-11-23", report["claim_type"], name)
    assert report["bundle"] == name  # the pack never carries the path on the packer's machine
    checked = {doc["path"]: (doc["sha256"], doc["kind"]) for doc in report["documents"]}
    listed = {f["packed_path"]: (f["sha256"], f["kind"]) for f in manifest["files"]}
    assert listed == checked  # the report in the pack names each file by its packed path
    for entry in manifest["files"]:
        original = (SAMPLES / name / entry["original_path"]).read_bytes()
        assert held[entry["packed_path"]] == original and entry["bytes"] == len(original)
        assert hashlib.sha256(original).hexdigest() == entry["sha256"]
    assert {r["packed_path"] for r in manifest["reports"]} == REPORTS
    for entry in manifest["reports"]:
        assert hashlib.sha256(held[entry["packed_path"]]).hexdigest() == entry["sha256"]
    assert bool(manifest["forced_past"]) == (name in BLOCKED)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_files_go_to_their_kind_folder_under_safe_unique_names(name: str, packs: dict[str, Path]) -> None:
    manifest = json.loads(members(packs[name])[MANIFEST_NAME])
    packed = [f["packed_path"] for f in manifest["files"]]
    assert len({p.casefold() for p in packed}) == len(packed)
    for entry in manifest["files"]:
        path = entry["packed_path"]
        assert is_safe_name(path), path
        assert Path(path).suffix == Path(entry["original_path"]).suffix  # the extension is kept as written
        if entry["kind"] == "claim_manifest":
            assert path == "claim.toml"
        else:
            folder, file_name = path.split("/")
            assert folder == FOLDER_BY_KIND[entry["kind"]]
            assert file_name.startswith(entry["kind"].replace("_", "-") + "_")


def test_a_document_is_named_from_its_kind_number_and_date(packs: dict[str, Path]) -> None:
    manifest = json.loads(members(packs["strong-quality-claim"])[MANIFEST_NAME])
    by_original = {f["original_path"]: f["packed_path"] for f in manifest["files"]}
    assert by_original["01_PI_HY-PI-2026-0817.pdf"] == "01-order/proforma-invoice_HY-PI-2026-0817_2026-08-17.pdf"
    assert by_original["photos/IMG_4471.JPG"] == "07-photos/photo_IMG_4471.JPG"  # no number: its own name


def test_the_zip_is_ordered_and_its_metadata_fixed(packs: dict[str, Path]) -> None:
    with zipfile.ZipFile(packs["strong-quality-claim"]) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert REPORTS | {MANIFEST_NAME, "claim.toml"} <= set(names)
    assert {(i.date_time, i.external_attr >> 16, i.create_system, i.compress_type) for i in infos} == {
        ((2026, 11, 23, 0, 0, 0), 0o100644, 3, zipfile.ZIP_DEFLATED)}


def test_two_packs_are_byte_identical_wherever_the_bundle_sits(packs: dict[str, Path], tmp_path: Path) -> None:
    name = "strong-quality-claim"
    copy = tmp_path / "elsewhere" / name
    shutil.copytree(SAMPLES / name, copy)
    pack_bundle(copy, tmp_path / "again.zip", as_of=AS_OF)
    assert (tmp_path / "again.zip").read_bytes() == packs[name].read_bytes()


def test_a_zip_bundle_packs_its_members_without_unpacking_them(packs: dict[str, Path], tmp_path: Path) -> None:
    bundle = tmp_path / "in" / "order.zip"
    bundle.parent.mkdir()
    source = SAMPLES / "strong-quality-claim"
    with zipfile.ZipFile(bundle, "w") as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                archive.write(path, f"order/{path.relative_to(source).as_posix()}")
    before = sorted(os.listdir(bundle.parent)), bundle.read_bytes()
    pack_bundle(bundle, tmp_path / "pack.zip", as_of=AS_OF)
    assert (sorted(os.listdir(bundle.parent)), bundle.read_bytes()) == before  # nothing written next to it
    assert verify_pack(tmp_path / "pack.zip").ok
    from_zip = json.loads(members(tmp_path / "pack.zip")[MANIFEST_NAME])
    from_folder = json.loads(members(packs["strong-quality-claim"])[MANIFEST_NAME])
    assert from_zip["files"] == from_folder["files"] and from_zip["bundle"] == "order.zip"


# ---------------------------------------------------------------- what stops a pack

def test_a_blocked_sample_is_refused_naming_the_finding_and_nothing_is_written(tmp_path: Path) -> None:
    assert {"off-platform-payment", "weak-quality-claim"} <= BLOCKED
    output = tmp_path / "claim.zip"
    result = CliRunner().invoke(main, ["pack", str(SAMPLES / "weak-quality-claim"), "--output", str(output),
                                       "--as-of", "2026-11-23", "--no-cache"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "D001 claim-window-expired (claim.toml)" in result.stderr and "--force" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_force_packs_a_blocked_bundle_and_the_manifest_says_what_it_forced(packs: dict[str, Path]) -> None:
    manifest = json.loads(members(packs["weak-quality-claim"])[MANIFEST_NAME])
    assert manifest["verdict"] == "blocked"
    assert {"code": "D001", "name": "claim-window-expired", "path": "claim.toml"} in manifest["forced_past"]


def _unreadable_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "order"
    (bundle / "payment").mkdir(parents=True)
    (bundle / "claim.toml").write_text('claim = "quality"\n', encoding="utf-8")
    (bundle / "payment" / "receipt.pdf").write_bytes(b"%PDF-1.4\n% cut off here")
    (bundle / "PI.txt").write_text("PROFORMA INVOICE\nPI No.: PI-2026-0815\nDate: 2026-08-15\n"
                                   "Total: USD 1,000.00\n", encoding="utf-8")
    return bundle


def test_an_unreadable_file_stops_the_pack_and_force_packs_it_byte_for_byte(tmp_path: Path) -> None:
    bundle = _unreadable_bundle(tmp_path)
    with pytest.raises(PackRefused) as refused:
        pack_bundle(bundle, tmp_path / "claim.zip", as_of=AS_OF)
    assert ("F001", "payment/receipt.pdf") in {(s.code, s.path) for s in refused.value.stoppers}
    assert "F001 unreadable-file (payment/receipt.pdf)" in str(refused.value)
    assert not (tmp_path / "claim.zip").exists()
    result = CliRunner().invoke(main, ["pack", str(bundle), "-o", str(tmp_path / "claim.zip"), "--force",
                                       "--as-of", "2026-11-23", "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "warning: packed with --force" in result.stderr and "F001" in result.stderr
    manifest = json.loads(members(tmp_path / "claim.zip")[MANIFEST_NAME])
    receipt = next(f for f in manifest["files"] if f["original_path"] == "payment/receipt.pdf")
    assert members(tmp_path / "claim.zip")[receipt["packed_path"]] == b"%PDF-1.4\n% cut off here"


def test_a_ready_bundle_packs_with_exit_0_and_says_where(tmp_path: Path) -> None:
    output = tmp_path / "claim.zip"
    result = CliRunner().invoke(main, ["pack", str(SAMPLES / "strong-quality-claim"), "-o", str(output),
                                       "--as-of", "2026-11-23", "--no-cache"])
    assert result.exit_code == 0
    digest = hashlib.sha256(members(output)[MANIFEST_NAME]).hexdigest()
    assert f"packed 12 files into {output}" in result.stdout and digest in result.stdout
    assert CliRunner().invoke(main, ["verify", str(output)]).exit_code == 0


# ---------------------------------------------------------------- where a pack may not be written

@pytest.mark.parametrize("where, expected", [
    ("inside", "is inside the bundle folder"),
    ("missing-folder", "does not exist"),
    ("a-folder", "is a folder"),
])
def test_an_output_it_may_not_write_is_one_line_exit_2(tmp_path: Path, where: str, expected: str) -> None:
    bundle = tmp_path / "order"
    shutil.copytree(SAMPLES / "strong-quality-claim", bundle)
    before = tree_digest(bundle)
    output = {"inside": bundle / "photos" / "claim.zip", "missing-folder": tmp_path / "no" / "claim.zip",
              "a-folder": tmp_path}[where]
    result = CliRunner().invoke(main, ["pack", str(bundle), "-o", str(output)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and expected in result.stderr
    assert "Traceback" not in result.output
    assert tree_digest(bundle) == before


def test_the_bundle_zip_itself_is_refused_as_output(tmp_path: Path) -> None:
    bundle = tmp_path / "order.zip"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("PI.txt", "PROFORMA INVOICE No. PI-1\n")
    before = bundle.read_bytes()
    result = CliRunner().invoke(main, ["pack", str(bundle), "-o", str(bundle)])
    assert result.exit_code == 2 and "is the bundle itself" in result.stderr
    assert bundle.read_bytes() == before


def test_a_failed_pack_leaves_nothing_and_keeps_an_older_pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "claim.zip"
    output.write_bytes(b"the older pack")
    copied = []

    def failing_copy(archive: zipfile.ZipFile, info: zipfile.ZipInfo, stream: io.BufferedIOBase) -> tuple[int, str]:
        copied.append(info.filename)
        if len(copied) == 3:
            raise OSError(28, "No space left on device")
        return real_copy(archive, info, stream)

    real_copy = pack_build.write_stream
    monkeypatch.setattr(pack_build, "write_stream", failing_copy)
    with pytest.raises(EvidenceError, match="No space left on device"):
        pack_bundle(SAMPLES / "strong-quality-claim", output, as_of=AS_OF)
    assert len(copied) == 3
    assert sorted(os.listdir(tmp_path)) == ["claim.zip"] and output.read_bytes() == b"the older pack"


def test_a_file_changed_after_the_check_is_not_packed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bundle = _unreadable_bundle(tmp_path)
    (bundle / "payment" / "receipt.pdf").unlink()
    real_check = pack_build.check_bundle

    def check_then_edit(*args: object, **kwargs: object) -> object:
        report = real_check(*args, **kwargs)
        (bundle / "PI.txt").write_text("PROFORMA INVOICE\nPI No.: PI-2026-0815\nTotal: USD 9,000.00\n", encoding="utf-8")
        return report

    monkeypatch.setattr(pack_build, "check_bundle", check_then_edit)
    with pytest.raises(EvidenceError, match="PI.txt changed after it was checked"):
        pack_bundle(bundle, tmp_path / "claim.zip", as_of=AS_OF, force=True)
    assert not (tmp_path / "claim.zip").exists() and not list(tmp_path.glob(".claim.zip.*"))


# ---------------------------------------------------------------- verify finds every difference

def _tampered_zip(pack: Path, tmp_path: Path, how: str) -> tuple[Path, str]:
    manifest = json.loads(members(pack)[MANIFEST_NAME])
    first = manifest["files"][0]["packed_path"]
    original = members(pack)[first]
    if how == "changed":
        flipped = bytes([original[0] ^ 1]) + original[1:]
        return rewritten(pack, tmp_path / "t.zip", {first: flipped}), first
    if how == "removed":
        return rewritten(pack, tmp_path / "t.zip", {first: None}), first
    return rewritten(pack, tmp_path / "t.zip", {}, [("07-photos/extra.jpg", b"\xff\xd8 not from the bundle")]), \
        "07-photos/extra.jpg"


def _tampered_folder(pack: Path, tmp_path: Path, how: str) -> tuple[Path, str]:
    folder = tmp_path / "unpacked"
    with zipfile.ZipFile(pack) as archive:
        archive.extractall(folder)
    first = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))["files"][0]["packed_path"]
    if how == "changed":
        data = bytearray((folder / first).read_bytes())
        data[-1] ^= 1
        (folder / first).write_bytes(bytes(data))
    elif how == "removed":
        (folder / first).unlink()
    elif how == "added":
        (folder / "08-other").mkdir(exist_ok=True)
        (folder / "08-other" / "extra.txt").write_text("added later", encoding="utf-8")
        (folder / ".DS_Store").write_bytes(b"\0")  # OS litter is not an addition
        return folder, "08-other/extra.txt"
    return folder, first  # "none": unpacked as it is


@pytest.mark.parametrize("make", [_tampered_zip, _tampered_folder], ids=["zip", "folder"])
@pytest.mark.parametrize("how", ["changed", "added", "removed"])
def test_verify_reports_a_changed_added_or_removed_file(packs: dict[str, Path], tmp_path: Path, make: object,
                                                        how: str) -> None:
    tampered, path = make(packs["strong-quality-claim"], tmp_path, how)  # type: ignore[operator]
    result = verify_pack(tampered)
    assert [(d.change, d.path) for d in result.differences] == [(how, path)]
    cli = CliRunner().invoke(main, ["verify", str(tampered)])
    assert cli.exit_code == 1
    assert f"{how}: {path}: " in cli.stdout and "does not match its manifest.json" in cli.stdout
    as_json = CliRunner().invoke(main, ["verify", str(tampered), "--format", "json"])
    data = json.loads(as_json.stdout)
    assert as_json.exit_code == 1 and data["ok"] is False
    assert data["differences"][0]["change"] == how and data["differences"][0]["path"] == path


def test_a_changed_report_is_found_too(packs: dict[str, Path], tmp_path: Path) -> None:
    pack = packs["strong-quality-claim"]
    html = members(pack)["report.html"] + b"<!-- edited after packing -->"
    result = verify_pack(rewritten(pack, tmp_path / "t.zip", {"report.html": html}))
    assert [(d.change, d.path) for d in result.differences] == [("changed", "report.html")]


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_hostile_members_are_reported_without_being_read(packs: dict[str, Path], tmp_path: Path) -> None:
    pack = packs["strong-quality-claim"]
    manifest = json.loads(members(pack)[MANIFEST_NAME])
    small = next(f for f in manifest["files"] if f["bytes"] < 10_000)["packed_path"]
    bomb = b"\0" * (64 * 1024 * 1024)  # deflates to some 64 KB
    extra = [("/etc/evil", b"x"), ("../../evil", b"x"), ("report.md", b"# a second report.md")]
    tampered = rewritten(pack, tmp_path / "t.zip", {small: bomb}, extra)
    del bomb
    tracemalloc.start()
    result = verify_pack(tampered)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 8 * 1024 * 1024  # streamed and capped: the 64 MiB member was never held whole
    found = {(d.change, d.path): d.detail for d in result.differences}
    assert set(found) == {("added", "/etc/evil"), ("added", "../../evil"), ("duplicated", "report.md"),
                          ("changed", small)}
    assert "absolute path" in found[("added", "/etc/evil")] and "'..'" in found[("added", "../../evil")]
    assert "larger than" in found[("changed", small)]


def test_a_member_name_with_a_direction_override_is_escaped_in_verify_json(packs: dict[str, Path],
                                                                          tmp_path: Path) -> None:
    # 'gpj<U+202E>exe.txt' shows as 'gpj' 'txt.exe' reversed on a terminal: the JSON must escape it,
    # as every other JSON output of the tool does.
    tampered = rewritten(packs["strong-quality-claim"], tmp_path / "t.zip", {}, [("gpj\u202eexe.txt", b"x")])
    result = CliRunner().invoke(main, ["verify", str(tampered), "--format", "json"])
    assert result.exit_code == 1
    assert "\u202e" not in result.output
    assert "gpj\\u202eexe.txt" in result.output
    assert [d["path"] for d in json.loads(result.output)["differences"]] == ["gpj\u202eexe.txt"]


def test_a_linked_file_in_a_folder_pack_is_not_followed(packs: dict[str, Path], tmp_path: Path) -> None:
    folder, first = _tampered_folder(packs["strong-quality-claim"], tmp_path, "none")
    target = folder / json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))["files"][1]["packed_path"]
    secret = tmp_path / "secret.txt"
    secret.write_bytes(target.read_bytes())
    target.unlink()
    target.symlink_to(secret)
    result = verify_pack(folder)
    changed = [d for d in result.differences if d.change == "changed"]
    assert len(changed) == 1 and "link" in changed[0].detail


@pytest.mark.parametrize("manifest, expected", [
    (None, "has no manifest.json"),
    (b"{not json", "is not valid JSON"),
    (b'{"files": []}', "does not match the pack manifest schema"),
    ("traversal", "does not match the pack manifest schema"),
])
def test_a_missing_or_malformed_manifest_is_one_line_exit_2(packs: dict[str, Path], tmp_path: Path,
                                                          manifest: bytes | str | None, expected: str) -> None:
    pack = packs["strong-quality-claim"]
    if manifest == "traversal":
        data = json.loads(members(pack)[MANIFEST_NAME])
        data["files"][0]["packed_path"] = "../outside.pdf"
        manifest = json.dumps(data).encode()
    tampered = rewritten(pack, tmp_path / "t.zip", {MANIFEST_NAME: manifest})  # type: ignore[dict-item]
    result = CliRunner().invoke(main, ["verify", str(tampered)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and expected in result.stderr
    assert "Traceback" not in result.output


def test_verify_of_something_that_is_no_pack_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    for target in [tmp_path / "notes.txt", tmp_path / "missing.zip", tmp_path]:
        result = CliRunner().invoke(main, ["verify", str(target)])
        assert result.exit_code == 2 and result.stderr.count("\n") == 1


# ---------------------------------------------------------------- names and the schema

@pytest.mark.parametrize("number", ["CON", "nul.txt", "a/b\\c:d*?e", "PI<1>|2\x00\x1b[31m", "\u202etxt.exe",
                                    "  trailing dot. ", "..", "/", "Ａ" * 200, "发票-2026/08"])
def test_any_document_number_gives_a_safe_name(number: str) -> None:
    names = packed_names([NamedFile("x/file.pdf", "commercial_invoice", number, "2026-08-15")])
    assert is_safe_name(names["x/file.pdf"]), names
    assert names["x/file.pdf"].startswith("01-order/commercial-invoice") and names["x/file.pdf"].endswith(".pdf")


def test_names_keep_chinese_and_the_original_extension() -> None:
    names = packed_names([NamedFile("聊天/微信 聊天记录.txt", "message_log"),
                          NamedFile("合同.DOCX", "contract", "HT-2026/08", "2026-08-01")])
    assert names == {"聊天/微信 聊天记录.txt": "06-messages/message-log_微信-聊天记录.txt",
                     "合同.DOCX": "02-contract/contract_HT-2026-08_2026-08-01.DOCX"}


def test_clashing_names_get_counters_in_path_order_whatever_the_input_order() -> None:
    files = [NamedFile(f"{folder}/scan.pdf", "proforma_invoice", "PI-1", "2026-08-15") for folder in "cab"]
    files.append(NamedFile("d/scan.pdf", "proforma_invoice", "pi-1", "2026-08-15"))  # one file on Windows/macOS
    names = packed_names(files)
    assert names == packed_names(list(reversed(files)))
    assert [names[f"{c}/scan.pdf"] for c in "abcd"] == [
        "01-order/proforma-invoice_PI-1_2026-08-15.pdf", "01-order/proforma-invoice_PI-1_2026-08-15-2.pdf",
        "01-order/proforma-invoice_PI-1_2026-08-15-3.pdf", "01-order/proforma-invoice_pi-1_2026-08-15-4.pdf"]
    assert packed_names([NamedFile("report.md", "unknown")], taken=["08-other/unknown_report.md"]) == {
        "report.md": "08-other/unknown_report-2.md"}


def test_safe_part_replaces_separators_and_controls_but_keeps_letters() -> None:
    assert safe_part("PI/2026\\08:15\t\n") == "PI-2026-08-15"
    assert safe_part("订单 No. 7") == "订单-No.-7"


def test_the_manifest_schema_is_shipped_listed_and_rejects_bad_entries(packs: dict[str, Path]) -> None:
    assert "pack_manifest" in schema_names()
    listed = CliRunner().invoke(main, ["schemas"])
    assert "pack_manifest" in listed.stdout
    manifest = json.loads(members(packs["strong-quality-claim"])[MANIFEST_NAME])
    for path in ["/abs.pdf", "a/../b.pdf", "a\\b.pdf", "a//b.pdf", "a/\x07.pdf"]:
        bad = json.loads(json.dumps(manifest))
        bad["files"][0]["packed_path"] = path
        assert validate(bad, "pack_manifest"), path
    bad = json.loads(json.dumps(manifest))
    bad["files"][0]["sha256"] = "ABC"
    assert validate(bad, "pack_manifest")


def test_chinese_names_survive_the_zip_and_verify_in_both_forms(tmp_path: Path) -> None:
    bundle = tmp_path / "订单"
    (bundle / "聊天").mkdir(parents=True)
    (bundle / "形式发票 PI.txt").write_text("PROFORMA INVOICE 形式发票\nPI No.: PI-2026-0815\nDate: 2026-08-15\n"
                                         "Total: USD 1,000.00\n", encoding="utf-8")
    (bundle / "聊天" / "备注.txt").write_text("随便写的备注\n", encoding="utf-8")
    pack = tmp_path / "out" / "申诉.zip"
    pack.parent.mkdir()
    pack_bundle(bundle, pack, as_of=AS_OF, force=True)
    with zipfile.ZipFile(pack) as archive:
        infos = {info.filename: info for info in archive.infolist()}
        archive.extractall(tmp_path / "unpacked")
    manifest = json.loads(members(pack)[MANIFEST_NAME])
    packed = {f["original_path"]: f["packed_path"] for f in manifest["files"]}
    assert set(packed) == {"形式发票 PI.txt", "聊天/备注.txt"}
    assert "备注" in packed["聊天/备注.txt"] and is_safe_name(packed["聊天/备注.txt"])
    assert infos[packed["聊天/备注.txt"]].flag_bits & 0x800  # the name is stored as UTF-8
    assert verify_pack(pack).ok and verify_pack(tmp_path / "unpacked").ok


def test_write_pack_refuses_an_output_inside_the_bundle_too(tmp_path: Path) -> None:
    from evidence.check import check_bundle
    from evidence.pack import write_pack

    bundle = _unreadable_bundle(tmp_path)
    report = check_bundle(bundle, as_of=AS_OF)
    with pytest.raises(EvidenceError, match="inside the bundle folder"):
        write_pack(report, bundle / "claim.zip")
    assert not (bundle / "claim.zip").exists()


def test_a_pack_checked_again_is_judged_on_its_evidence_not_its_own_reports(packs: dict[str, Path],
                                                                            tmp_path: Path) -> None:
    from evidence.check import check_bundle

    pack = packs["strong-quality-claim"]
    bundle_report = check_bundle(SAMPLES / "strong-quality-claim", as_of=AS_OF)
    pack_report = check_bundle(pack, as_of=AS_OF)
    assert not {doc.path for doc in pack_report.documents} & (REPORTS | {MANIFEST_NAME})
    assert len(pack_report.documents) == len(bundle_report.documents)
    assert pack_report.verdict == bundle_report.verdict
    assert [f.code for f in pack_report.findings] == [f.code for f in bundle_report.findings]
    # An edited report is no longer the one the pack made: it is read like any other file.
    edited = rewritten(pack, tmp_path / "edited.zip", {"report.md": b"# Proforma invoice\n"})
    assert "report.md" in {doc.path for doc in check_bundle(edited, as_of=AS_OF).documents}


def _source_paths(value: object) -> set[str]:
    """Every `path` of a source anywhere in a JSON report."""
    if isinstance(value, dict):
        found = {value["path"]} if isinstance(value.get("path"), str) else set()
        return found.union(*(_source_paths(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_source_paths(item) for item in value))
    return set()


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_reports_in_a_pack_cite_the_files_by_their_packed_paths(name: str, packs: dict[str, Path]) -> None:
    inside = members(packs[name])
    manifest = json.loads(inside[MANIFEST_NAME])
    packed = {entry["packed_path"] for entry in manifest["files"]}
    originals = {entry["original_path"] for entry in manifest["files"]} - packed
    cited = _source_paths(json.loads(inside["report.json"]))
    assert cited & packed and not cited & originals
    statement = inside["report.md"].decode("utf-8")
    assert not [path for path in originals if f"`{path}`" in statement]
    photos = [entry for entry in manifest["files"] if entry["kind"] == "photo"]
    assert inside["report.html"].decode("utf-8").count("data:image/jpeg;base64,") == len(photos)
