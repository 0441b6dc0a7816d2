"""Asks a broker, over the plain Kafka protocol, whether it is up and has registered itself.

A raw Metadata request keeps the readiness check synchronous and free of client retries, so it can run
from a CLI, a pytest fixture or a thread, with or without an event loop.
"""

from __future__ import annotations

import socket
import struct

_METADATA_API_KEY = 3
# Kafka 4.0 removed Metadata v0-v3; v4 is the oldest version it still answers, and it is not "flexible".
_METADATA_VERSION = 4
_CORRELATION_ID = 1
_CLIENT_ID = b"chorus-probe"


def broker_count(host: str, port: int, *, timeout: float = 2.0) -> int:
    """Number of live brokers the cluster reports; raises OSError when nothing answers the protocol."""
    with socket.create_connection((host, port), timeout=timeout) as conn:
        conn.settimeout(timeout)
        conn.sendall(_metadata_request())
        size = struct.unpack(">i", _read_exactly(conn, 4))[0]
        body = _read_exactly(conn, size)
    correlation_id, _throttle_ms, brokers = struct.unpack(">iii", body[:12])
    if correlation_id != _CORRELATION_ID:
        raise OSError(f"unexpected Kafka response (correlation id {correlation_id})")
    return int(brokers)


def _metadata_request() -> bytes:
    header = struct.pack(">hhih", _METADATA_API_KEY, _METADATA_VERSION, _CORRELATION_ID, len(_CLIENT_ID))
    # topics = null (all topics), allow_auto_topic_creation = false
    body = struct.pack(">ib", -1, 0)
    payload = header + _CLIENT_ID + body
    return struct.pack(">i", len(payload)) + payload


def _read_exactly(conn: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = conn.recv(size - len(chunks))
        if not chunk:
            raise OSError("connection closed by the broker")
        chunks.extend(chunk)
    return bytes(chunks)
