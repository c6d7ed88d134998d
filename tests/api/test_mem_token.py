"""The ``mem`` token against the reference's Ruby algorithm: fixed vectors made with openssl, and Ruby itself."""

from __future__ import annotations

import shutil
import subprocess
from urllib.parse import quote_plus

import pytest

from desktop.api import mem_token
from desktop.api.mem_token import TokenError, decode_token, encode_token

SAMPLE = {"fname": "Testing", "lname": "Bot", "email": "testing@example.com", "phone": "800-505-1000"}
IV = bytes.fromhex("f0e1d2c3b4a5968778695a4b3c2d1e0f")
# Made by hand-following the Ruby sample, without this code: `openssl enc -aes-256-cbc -K sha256(key) -iv IV` over
# the Rails to_query string, IV prepended, base64 folded at 60 characters, a newline after each line.
SAMPLE_QUERY = "email=testing%40example.com&fname=Testing&lname=Bot&phone=800-505-1000"
SAMPLE_BASE64 = (
    "8OHSw7Sllod4aVpLPC0eD3YqvRa/QMngBy6WlJGkRPwyetL+TWthSu47LSzr\n"
    "5E5BJjJjauV466MTxAiR2F5U9zPhT+9bMaCp/Baf66ISnT9KDilIEuaOa2gV\n"
    "MndMN/79\n"
)
# The same with a raw 32-byte key and values that need escaping (+, ', space, @).
RAW_KEY = "0123456789abcdef0123456789abcdef"
RAW_FIELDS = {"fname": "Ann Marie", "lname": "O'Neil", "email": "ann+desk@example.com", "phone": "+14155556666"}
RAW_QUERY = "email=ann%2Bdesk%40example.com&fname=Ann+Marie&lname=O%27Neil&phone=%2B14155556666"
RAW_BASE64 = (
    "8OHSw7Sllod4aVpLPC0eD4KN7Yr8au6SrrH9WpGIishhd0DM38bmItNbuQmB\n"
    "nPyDpMYU7n17vnfuFWliDtuceRSs7rU+MwbRly8z+35uP2VGmkVEA6jidwh3\n"
    "7xxCIrUJWxjcngsZWFZEDkGQK9EoSg==\n"
)
KEY = "sandbox-link-key"


def test_query_string_is_rails_to_query() -> None:
    assert mem_token.to_query(SAMPLE) == SAMPLE_QUERY
    assert mem_token.to_query(RAW_FIELDS) == RAW_QUERY


def test_encode_matches_the_hand_built_vector_with_a_hashed_key() -> None:
    token = encode_token(SAMPLE, KEY, iv=IV)
    assert token == quote_plus(SAMPLE_BASE64, safe="~")
    assert "%0A" in token and "%2B" in token and "%2F" in token  # newlines, + and / all escaped, as CGI.escape


def test_encode_matches_the_hand_built_vector_with_a_raw_32_byte_key() -> None:
    assert encode_token(RAW_FIELDS, RAW_KEY, iv=IV) == quote_plus(RAW_BASE64, safe="~")


@pytest.mark.parametrize(
    "form",
    [
        pytest.param(lambda b: quote_plus(b, safe="~"), id="escaped-with-newlines"),
        pytest.param(lambda b: b, id="unescaped-with-newlines"),
        pytest.param(lambda b: b.replace("\n", ""), id="unescaped-without-newlines"),
        pytest.param(lambda b: quote_plus(b.replace("\n", ""), safe="~"), id="escaped-without-newlines"),
        pytest.param(lambda b: b.replace("\n", "").replace("+", " "), id="plus-turned-to-space-by-a-query-parser"),
        pytest.param(lambda b: b.replace("\n", "\r\n"), id="crlf"),
    ],
)
def test_decode_accepts_every_form_a_token_travels_in(form) -> None:
    assert "+" in SAMPLE_BASE64 and "/" in SAMPLE_BASE64
    assert decode_token(form(SAMPLE_BASE64), KEY) == SAMPLE
    assert decode_token(form(RAW_BASE64), RAW_KEY) == RAW_FIELDS


def test_round_trip_with_random_iv_and_both_key_forms() -> None:
    for key in (KEY, RAW_KEY, RAW_KEY.encode()):
        first, second = encode_token(SAMPLE, key), encode_token(SAMPLE, key)
        assert first != second  # a fresh IV each time
        assert decode_token(first, key) == decode_token(second, key) == SAMPLE


def test_a_query_escaped_before_encryption_still_decodes() -> None:
    """The docs' example escapes the whole query string once more; such a token must decode too."""
    blob = mem_token.encrypt(quote_plus(SAMPLE_QUERY).encode(), KEY, IV)
    assert decode_token(mem_token.cgi_escape(mem_token.encode64(blob)), KEY) == SAMPLE


@pytest.mark.parametrize(
    ("token", "key", "why"),
    [
        ("", KEY, "empty"),
        ("not*base64!", KEY, "not base64"),
        ("QUJD", KEY, "too short"),
        (SAMPLE_BASE64, "another-key", "does not decrypt"),
        (SAMPLE_BASE64[:40], KEY, "cut off"),
    ],
)
def test_bad_tokens_say_why_without_the_key(token: str, key: str, why: str) -> None:
    with pytest.raises(TokenError, match=why) as caught:
        decode_token(token, key)
    assert key not in str(caught.value)


def test_a_token_without_email_is_refused() -> None:
    blob = mem_token.encrypt(b"fname=Testing&lname=Bot", KEY, IV)
    with pytest.raises(TokenError, match="no email"):
        decode_token(mem_token.encode64(blob), KEY)
    with pytest.raises(ValueError, match="email"):
        encode_token({"fname": "Testing"}, KEY)


def test_express_url_forms() -> None:
    token = encode_token(SAMPLE, KEY, iv=IV)
    assert mem_token.express_url("umazda", "JM1NDAM77K0306400", token) == (
        f"https://express.umazda.com/JM1NDAM77K0306400?mem={token}"
    )
    local = mem_token.express_url("umazda", "JM1NDAM77K0306400", token, sandbox_base="http://127.0.0.1:1/v1/")
    assert local == f"http://127.0.0.1:1/v1/express/JM1NDAM77K0306400?mem={token}&dpid=umazda"


RUBY_ENCODE = r"""
require 'openssl'; require 'base64'; require 'cgi'; require 'digest'
def aes256_cbc_encrypt(key, data)
  key = Digest::SHA256.digest(key) if(key.kind_of?(String) && 32 != key.bytesize)
  aes = OpenSSL::Cipher.new('AES-256-CBC'); aes.encrypt; aes.key = key
  iv = aes.random_iv
  return aes.update(data) + aes.final, iv
end
data = {fname: 'Testing', lname: 'Bot', email: 'testing@example.com', phone: '800-505-1000'}
query = data.sort.map { |k, v| "#{CGI.escape(k.to_s)}=#{CGI.escape(v.to_s)}" }.join('&')  # Hash#to_query
block, iv = aes256_cbc_encrypt ARGV[0], query
print CGI.escape(Base64.encode64(iv + block))
"""
RUBY_DECODE = r"""
require 'openssl'; require 'base64'; require 'cgi'; require 'digest'
key = ARGV[0]; key = Digest::SHA256.digest(key) if 32 != key.bytesize
raw = Base64.decode64(CGI.unescape(STDIN.read))
aes = OpenSSL::Cipher.new('AES-256-CBC'); aes.decrypt; aes.key = key; aes.iv = raw[0, 16]
print aes.update(raw[16..]) + aes.final
"""


@pytest.mark.skipif(shutil.which("ruby") is None, reason="ruby is not installed")
@pytest.mark.parametrize("key", [KEY, RAW_KEY])
def test_interop_with_the_ruby_sample_both_ways(key: str) -> None:
    ruby = shutil.which("ruby")
    assert ruby
    made_by_ruby = subprocess.run([ruby, "-e", RUBY_ENCODE, key], capture_output=True, text=True, check=True).stdout
    assert decode_token(made_by_ruby, key) == SAMPLE
    ours = encode_token(SAMPLE, key)
    plain = subprocess.run([ruby, "-e", RUBY_DECODE, key], input=ours, capture_output=True, text=True, check=True)
    assert plain.stdout == SAMPLE_QUERY
