"""Sealing: each row's data key, its sealed fields, its documents' encrypted files, and the keyed
search hashes. What is sealed where is in `crypto.py`; this is how the store's rows use it."""

from __future__ import annotations

import sqlite3
from typing import Any

from kiosk.domain import CitizenSnapshot, Document, DomainError
from kiosk.text import fold

from .crypto import aad, open_sealed, seal
from .errors import StoreError, TamperedData
from .opening import Opening
from .rowmacs import columns


def _pack(items: tuple[bytes, ...]) -> bytes:
    return b"".join(len(item).to_bytes(4, "big") + item for item in items)


def _unpack(data: bytes) -> tuple[bytes, ...]:
    items, i = [], 0
    while i < len(data):
        size = int.from_bytes(data[i : i + 4], "big")
        items.append(data[i + 4 : i + 4 + size])
        i += 4 + size
    return tuple(items)


# the columns of a document row that `_document_from_row` opens, in its order
DOCUMENT_COLUMNS = "id, file, size, page_count, sha256, thumbnails"


class Sealing(Opening):
    def _data_key(self, owner: str, wrapped: bytes) -> bytes:
        return self._keys.unwrap_data_key(wrapped, owner)

    def _seal_text(self, key: bytes, table: str, row: str, field: str, text: str) -> bytes:
        return seal(key, text.encode(), aad(table, row, field))

    def _open_text(self, key: bytes, table: str, row: str, field: str, sealed: bytes) -> str:
        what = f"{table[:-1]} {row}: field {field}"
        return open_sealed(key, sealed, aad(table, row, field), what).decode()

    def _search_terms(self, citizen: CitizenSnapshot) -> list[tuple[str, bytes]]:
        folded = fold(citizen.full_name)
        terms = [("id", self._keys.search_hash("id", citizen.id_number)),
                 ("name", self._keys.search_hash("name", folded))]
        terms += [("word", self._keys.search_hash("word", word)) for word in sorted(set(folded.split()))]
        return terms

    def _encrypt_document(self, doc: Document, owner: str, key: bytes) -> dict[str, Any]:
        """Write the document's encrypted file (fsynced) and return its row (without owner column)."""
        if doc.content is None:
            raise DomainError(f"document {doc.id} is new but was given without its content")
        row = f"{owner}/{doc.id}"
        name = self.blobs.put(seal(key, doc.content, aad("documents", row, "content")))
        return {
            "id": doc.id,
            "file": name,
            "size": doc.size,
            "page_count": doc.page_count,
            "sha256": seal(key, doc.sha256.encode(), aad("documents", row, "sha256")),
            "thumbnails": seal(key, _pack(doc.thumbnails), aad("documents", row, "thumbnails")),
        }

    def _insert_document(self, conn: sqlite3.Connection, owner_column: str, owner: str, row: dict[str, Any]) -> None:
        """Insert a row made by `_encrypt_document`, owned by a dossier or an e-wallet item."""
        conn.execute(f"INSERT INTO documents ({owner_column}, {DOCUMENT_COLUMNS}) VALUES (?,?,?,?,?,?,?)",
                     (owner, row["id"], row["file"], row["size"], row["page_count"], row["sha256"], row["thumbnails"]))
        self._seal_row(conn, "documents", row["id"])

    def _documents_of(self, owner_column: str, owner: str, document_id: str | None = None) -> list[tuple]:
        """The owner's document rows (or the one `document_id`), each checked against its MAC, in
        `DOCUMENT_COLUMNS` order."""
        sql = f"SELECT {columns('documents')} FROM documents WHERE {owner_column} = ?"
        params: tuple = (owner,)
        if document_id is not None:
            sql, params = sql + " AND id = ?", (owner, document_id)
        rows = [self._check_row("documents", row) for row in self.conn.execute(sql, params)]
        return [(row[0], *row[3:]) for row in rows]

    def _document_hash(self, doc_id: str, owner: str, key: bytes, sealed: bytes) -> str:
        return open_sealed(key, sealed, aad("documents", f"{owner}/{doc_id}", "sha256"),
                           f"document {doc_id}: its hash").decode()

    def _document_from_row(self, row: sqlite3.Row | tuple, owner: str, key: bytes, with_content: bool) -> Document:
        doc_id, file, size, page_count, sha_sealed, thumbs_sealed = row
        sha = self._document_hash(doc_id, owner, key, sha_sealed)
        thumbs = _unpack(open_sealed(key, thumbs_sealed, aad("documents", f"{owner}/{doc_id}", "thumbnails"),
                                     f"document {doc_id}: its thumbnails"))
        content = self._read_file(doc_id, owner, key, file) if with_content else None
        try:  # Document checks the content against its size and SHA-256
            return Document(sha256=sha, size=size, page_count=page_count, thumbnails=thumbs, content=content,
                            id=doc_id)
        except DomainError:
            raise TamperedData(f"document {doc_id}: its content") from None

    def _read_file(self, doc_id: str, owner: str, key: bytes, file: str) -> bytes:
        try:
            sealed = self.blobs.get(file)
        except FileNotFoundError:
            raise StoreError(f"document {doc_id}: its file {file} is missing") from None
        # GCM's tag, bound to this document by the associated data, detects any changed or swapped file:
        # hashing the sealed bytes against the file's name as well would only cost time on every upload
        return open_sealed(key, sealed, aad("documents", f"{owner}/{doc_id}", "content"), f"document {doc_id}: its file")
