"""File names from outside are cleaned where they enter (an upload) and where they leave (Save a copy)."""

from __future__ import annotations

from desktop.api.roadster import documents as documents_api
from desktop.api.roadster.client import RoadsterClient
from desktop.api.roadster.documents import UploadRequest
from desktop.sandbox.server import SandboxServer
from desktop.services import binder
from tests.binder_helpers import make_customer, store_direct
from tests.hostile.make_corpus import PLAIN


def test_upload_stores_only_a_clean_base_name(sandbox: SandboxServer, roadster: RoadsterClient) -> None:
    customer = make_customer(sandbox)
    for sent, kept in (
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("/home/dana/Desktop/contract.pdf", "contract.pdf"),
        ("C:\\Users\\dana\\scan.pdf", "scan.pdf"),
        ("bill\x00\u202efdp.pdf", "billfdp.pdf"),
    ):
        documents_api.upload(roadster, customer, UploadRequest("hyundaidemo", "Doc", "other", sent, "self"), PLAIN)
        listed = documents_api.list_documents(roadster, customer)
        assert listed[-1].file_name == kept


def test_save_a_copy_offers_the_cleaned_name_of_a_file_stored_before_cleaning(
    sandbox: SandboxServer, roadster: RoadsterClient
) -> None:
    customer = make_customer(sandbox)
    store_direct(sandbox, customer, "../../../.bashrc\n.pdf", PLAIN)
    (stored,) = documents_api.list_documents(roadster, customer)
    assert stored.file_name == "../../../.bashrc\n.pdf"  # the server hands back whatever was stored
    assert binder.copy_name(stored.file_name) == "bashrc.pdf"  # no path, no newline, not a hidden dot-file
    assert binder.copy_name("..\\..\\Windows\\win.ini") == "win.ini"
    assert binder.copy_name("/etc/passwd") == "passwd"
