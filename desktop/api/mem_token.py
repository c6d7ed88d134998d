"""The ``mem`` token of Roadster's browser link: customer contact data, AES-256-CBC encrypted with the dealer's key.

Exactly the reference's Ruby sample (``shared/reference/api-contract.md``), so tokens travel both ways:

1. the fields as a query string the way Rails' ``Hash#to_query`` writes it (keys sorted, ``CGI.escape``);
2. the key used raw when it is 32 bytes, else its SHA-256;
3. AES-256-CBC with a random 16-byte IV and PKCS#7 padding;
4. ``Base64.encode64(iv + ciphertext)`` -- a newline every 60 characters and one at the end -- then
   ``CGI.escape``.

Decoding is the inverse and forgiving where browsers and mail clients are not: newlines or none, ``+`` kept or
already turned into a space by a query parser, escaped once or not at all.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import re
from collections.abc import Mapping
from urllib.parse import parse_qsl, quote, quote_plus, unquote

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

FIELDS = ("fname", "lname", "email", "phone", "custid")
IV_SIZE = 16
KEY_SIZE = 32
_LINE = 60  # Ruby's pack("m"): 45 input bytes, 60 characters, per line


class TokenError(ValueError):
    """A token that does not decode with this key; the message never includes the key or the plaintext."""


def key_bytes(key: str | bytes) -> bytes:
    raw = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    return raw if len(raw) == KEY_SIZE else hashlib.sha256(raw).digest()


def cgi_escape(text: str) -> str:
    """Ruby's ``CGI.escape``: everything but ``A-Za-z0-9_.-~`` percent-encoded, space as ``+``."""
    return quote_plus(text, safe="~")


def to_query(fields: Mapping[str, str]) -> str:
    """Rails' ``Hash#to_query`` for a flat hash: ``k=v`` pairs sorted by key, both CGI-escaped; blanks dropped."""
    pairs = sorted((str(k), str(v)) for k, v in fields.items() if v is not None and str(v) != "")
    return "&".join(f"{cgi_escape(k)}={cgi_escape(v)}" for k, v in pairs)


def encode64(data: bytes) -> str:
    """Ruby's ``Base64.encode64``: MIME lines of 60 characters, each ending in a newline."""
    text = base64.b64encode(data).decode("ascii")
    return "".join(text[i : i + _LINE] + "\n" for i in range(0, len(text), _LINE))


def encrypt(plaintext: bytes, key: str | bytes, iv: bytes | None = None) -> bytes:
    """IV + AES-256-CBC(PKCS#7(plaintext)); a fixed ``iv`` is for test vectors only."""
    iv = os.urandom(IV_SIZE) if iv is None else iv
    if len(iv) != IV_SIZE:
        raise ValueError("the IV must be 16 bytes")
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key_bytes(key)), modes.CBC(iv)).encryptor()
    return iv + encryptor.update(padded) + encryptor.finalize()


def decrypt(blob: bytes, key: str | bytes) -> bytes:
    if len(blob) < 2 * IV_SIZE or len(blob) % IV_SIZE:
        raise TokenError("The token is too short or cut off; it does not hold an encrypted block.")
    iv, body = blob[:IV_SIZE], blob[IV_SIZE:]
    decryptor = Cipher(algorithms.AES(key_bytes(key)), modes.CBC(iv)).decryptor()
    padded = decryptor.update(body) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        raise TokenError("The token does not decrypt with this key (wrong key or damaged token).") from None


def encode_token(fields: Mapping[str, str], key: str | bytes, *, iv: bytes | None = None) -> str:
    """The escaped token to put after ``?mem=``. ``email`` is required, as the reference says."""
    unknown = sorted(set(fields) - set(FIELDS))
    if unknown:
        raise ValueError(f"Unknown token field(s): {', '.join(unknown)}; allowed: {', '.join(FIELDS)}.")
    if not str(fields.get("email") or "").strip():
        raise ValueError("The token needs an email: it identifies the customer at the dealer.")
    blob = encrypt(to_query(fields).encode("utf-8"), key, iv)
    return cgi_escape(encode64(blob))


_BASE64 = re.compile(r"^[A-Za-z0-9+/]*={0,2}$")


def token_bytes(token: str) -> bytes:
    """URL-decode once, drop whitespace and base64-decode.

    ``+`` is a base64 character, so the unescape keeps it (``unquote``, not ``unquote_plus``); a space can only
    be a ``+`` some query parser already decoded, and is put back.
    """
    text = unquote(token.strip()).replace(" ", "+")
    text = re.sub(r"\s+", "", text)
    if not text:
        raise TokenError("The token is empty.")
    if not _BASE64.match(text):
        raise TokenError("The token is not base64 (was it cut or escaped twice?).")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise TokenError("The token is not valid base64.") from None


def decode_token(token: str, key: str | bytes) -> dict[str, str]:
    """The fields of a token, escaped or not; :class:`TokenError` if it does not decode or has no email."""
    plaintext = decrypt(token_bytes(token), key)
    try:
        query = plaintext.decode("utf-8")
    except UnicodeDecodeError:
        raise TokenError("The token does not decrypt to text (wrong key?).") from None
    if "=" not in query and "%3D" in query.upper():
        query = unquote(query)  # the whole query string escaped once more before encryption, as the docs' example
    fields = {k: v for k, v in parse_qsl(query, keep_blank_values=True) if k in FIELDS}
    if not fields.get("email", "").strip():
        raise TokenError("The token has no email; the dealer cannot match a customer without one.")
    return fields


def express_url(dpid: str, vin: str, token: str, *, sandbox_base: str | None = None) -> str:
    """The browser link: ``https://express.<dpid>.com/<vin>?mem=...``, or the sandbox's ``/express/<vin>``."""
    if sandbox_base:
        return f"{sandbox_base.rstrip('/')}/express/{quote(vin)}?mem={token}&dpid={quote(dpid)}"
    return f"https://express.{dpid}.com/{quote(vin)}?mem={token}"
