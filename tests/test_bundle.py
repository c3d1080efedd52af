from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from pathlib import Path

import pytest

from evidence import Limits, open_bundle
from evidence.errors import BundleError
from tests.conftest import write_files


def _zip(path: Path, members: dict[str, bytes], links: dict[str, str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, target)
    return path


def test_folder_bundle_lists_files_sorted_with_hash_size_and_type(tmp_path: Path) -> None:
    write_files(tmp_path, {"b/pi.pdf": b"%PDF-1.4\nx", "a.txt": b"hello\n", ".DS_Store": b"junk",
                      "__MACOSX/._a.txt": b"junk", "Thumbs.db": b"junk"})
    bundle = open_bundle(tmp_path)
    assert [f.path for f in bundle.files] == ["a.txt", "b/pi.pdf"]
    pdf = bundle.files[1]
    assert pdf.filetype == "pdf"
    assert pdf.size == 10
    assert pdf.sha256 == hashlib.sha256(b"%PDF-1.4\nx").hexdigest()
    assert pdf.read_bytes() == b"%PDF-1.4\nx"


def test_folder_link_leaving_the_bundle_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("not evidence")
    bundle_dir = tmp_path / "bundle"
    write_files(bundle_dir, {"pi.txt": b"PROFORMA INVOICE"})
    os.symlink(outside, bundle_dir / "link.txt")
    bundle = open_bundle(bundle_dir)
    assert [f.path for f in bundle.files] == ["pi.txt"]
    assert [(p.code, p.source.path) for p in bundle.problems] == [("F001", "link.txt")]
    assert "outside the bundle" in bundle.problems[0].reason


def test_zip_bundle_strips_its_single_top_folder(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "order.zip", {"order-17/pi.txt": b"PI", "order-17/chat/wa.txt": b"chat",
                                              "order-17/.DS_Store": b"x"})
    bundle = open_bundle(archive)
    assert [f.path for f in bundle.files] == ["chat/wa.txt", "pi.txt"]
    assert bundle.files[1].read_bytes() == b"PI"


def test_zip_refuses_traversal_absolute_paths_and_links(tmp_path: Path) -> None:
    archive = _zip(
        tmp_path / "evil.zip",
        {"ok.txt": b"fine", "../escape.txt": b"x", "/etc/passwd": b"x"},
        links={"link.txt": "/etc/passwd"},
    )
    bundle = open_bundle(archive)
    assert [f.path for f in bundle.files] == ["ok.txt"]
    reasons = {p.source.path: p.reason for p in bundle.problems}
    assert "'..'" in reasons["../escape.txt"]
    assert "absolute path" in reasons["/etc/passwd"]
    assert "link" in reasons["link.txt"]
    assert not (tmp_path / "escape.txt").exists()


def test_zip_limits_cap_member_count_and_size(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "many.zip", {f"f{i}.txt": b"x" * 100 for i in range(5)})
    bundle = open_bundle(archive, Limits(max_files=3))
    assert len(bundle.files) == 3
    assert len(bundle.problems) == 2
    bundle = open_bundle(archive, Limits(max_file_bytes=50))
    assert bundle.files == [] and len(bundle.problems) == 5


def test_zip_bomb_is_stopped_by_reading_not_by_trusting_the_header(tmp_path: Path) -> None:
    # A member that compresses 20 MB of zeros to a few KB: refused by the per-file limit.
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.txt", b"\0" * 20_000_000)
    bundle = open_bundle(archive, Limits(max_file_bytes=1_000_000))
    assert bundle.files == []
    assert "limit" in bundle.problems[0].reason


def test_missing_or_non_bundle_paths_raise_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match="does not exist"):
        open_bundle(tmp_path / "nope")
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(BundleError, match="neither a folder nor a .zip"):
        open_bundle(tmp_path / "a.pdf")


def test_zip_in_memory_matches_folder(tmp_path: Path) -> None:
    files = {"pi.txt": b"PROFORMA INVOICE No. 1", "photo.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 16}
    write_files(tmp_path / "folder", files)
    archive = _zip(tmp_path / "same.zip", files)
    from_folder = [(f.path, f.sha256, f.filetype) for f in open_bundle(tmp_path / "folder").files]
    from_zip = [(f.path, f.sha256, f.filetype) for f in open_bundle(archive).files]
    assert from_folder == from_zip


def test_unzipped_bytes_never_touch_disk_next_to_the_archive(tmp_path: Path) -> None:
    archive = _zip(tmp_path / "order.zip", {"pi.txt": b"x"})
    before = sorted(p.name for p in tmp_path.iterdir())
    open_bundle(archive)
    assert sorted(p.name for p in tmp_path.iterdir()) == before

