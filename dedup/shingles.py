"""Text normalisation and word shingles: what two copies of a dispatch have in common.

Syndicated copies of one wire dispatch differ in typography more than in words: curly
or straight quotes, non-breaking spaces, HTML entities left by a CMS, case, punctuation.
``normalise`` folds all of that away so that only words (and numbers, kept whole:
``7,345.12`` is one token) remain; ``shingle_hashes`` turns the word sequence into the
set of 64-bit hashes of its ``k``-word shingles, hashing each word once with xxh3 and
combining the ``k`` word hashes per shingle in one numpy pass.

``shingle_hash`` is the same function for one shingle, usable as a datasketch
``hashfunc`` (it is how tests prove the vectorised path equals datasketch's own).
"""

from __future__ import annotations

import html
import re
import unicodedata

import numpy as np
import xxhash

__all__ = ["normalise", "words", "numbers", "shingle_hashes", "shingle_hash", "shingles"]

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ",
    }
)
_ODD = re.compile("[\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u00ab\u00bb\u00a0\u202f\u2007\u2009]")
# a token is a number with its group separators ("7,345.12", "7 345,12") or a word
_TOKEN = re.compile(r"\d+(?:[.,' ]\d+)*|\w+")
_DIGIT_SEP = re.compile(r"\d[.,' ]\d")
_SEPS = str.maketrans("", "", ".,' ")
_HAS_DIGIT = re.compile(r"\d")

_U64 = np.uint64
_MASK = (1 << 64) - 1
_ROT = 23
_FM1, _FM2 = 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53


def normalise(text: str) -> str:
    """Fold the typography syndication changes: entities, NFKC, quotes, spaces, case.

    Args:
        text: any text (HTML entities allowed).

    Returns:
        Lower-case text with entities decoded, Unicode NFKC, curly quotes and odd spaces
        made plain. (Digit group separators go in ``words``.)
    """
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        if _ODD.search(text):
            text = text.translate(_QUOTES)
    return text.lower()


def words(text: str) -> list[str]:
    """The word tokens of ``text`` after ``normalise`` (punctuation dropped).

    Args:
        text: any text.

    Returns:
        The list of ``\\w+`` tokens (letters, digits, underscore in any script); a number
        written with group separators is one token without them (``7,345.12`` -> ``734512``).
    """
    text = normalise(text)
    toks = _TOKEN.findall(text)
    if _DIGIT_SEP.search(text):
        toks = [t.translate(_SEPS) if t[0].isdigit() else t for t in toks]
    return toks


def numbers(tokens: list[str]) -> list[str]:
    """The tokens that contain a digit, in order, without repeats.

    Args:
        tokens: output of ``words``.

    Returns:
        Distinct numeric tokens in order of first appearance.
    """
    return list(dict.fromkeys(t for t in tokens if not t.isalpha() and _HAS_DIGIT.search(t)))


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << _U64(r)) | (x >> _U64(64 - r))


def _fmix64(x: np.ndarray) -> np.ndarray:
    x = x ^ (x >> _U64(33))
    x = x * _U64(_FM1)
    x = x ^ (x >> _U64(33))
    x = x * _U64(_FM2)
    return x ^ (x >> _U64(33))


def word_hash(token: str) -> int:
    """xxh3-64 of a token's UTF-8 bytes."""
    return xxhash.xxh3_64_intdigest(token.encode("utf-8"))


def word_hashes(tokens: list[str], cache: dict[str, int] | None = None) -> np.ndarray:
    """xxh3-64 of each token's UTF-8 bytes, as a uint64 array.

    Args:
        tokens: the words.
        cache: optional ``token -> hash`` dict owned by the caller (news vocabulary repeats,
            a dict hit is cheaper than hashing); filled as a side effect.
    """
    if cache is None:
        return np.fromiter((word_hash(t) for t in tokens), dtype=_U64, count=len(tokens))
    get = cache.get
    out = [get(t) for t in tokens]
    if None in out:
        for i, v in enumerate(out):
            if v is None:
                out[i] = cache[tokens[i]] = word_hash(tokens[i])
    return np.array(out, dtype=_U64)


def shingle_hashes(tokens: list[str], k: int, cache: dict[str, int] | None = None, *,
                   edges: int = 0) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """The distinct 64-bit hashes of the ``k``-word shingles of ``tokens``.

    A text shorter than ``k`` words is one shingle of all its words; an empty text has
    none. Shingle hash = fmix64(rotl(...rotl(w0, 23) ^ w1 ..., 23) ^ w_{k-1}) over the
    xxh3 word hashes ``w``: order-sensitive, every word hashed once.

    Args:
        tokens: output of ``words``.
        k: words per shingle (>= 1).
        cache: optional word-hash cache (see ``word_hashes``).
        edges: if > 0, also return the first and last ``edges`` shingle hashes in text
            order (where site boilerplate sits).

    Returns:
        Sorted unique uint64 array (and the edge hashes when ``edges`` > 0).
    """
    n = len(tokens)
    if n == 0:
        return (np.empty(0, dtype=_U64), np.empty(0, dtype=_U64)) if edges else np.empty(0, dtype=_U64)
    w = word_hashes(tokens, cache)
    if n < k:
        k = n
    m = n - k + 1
    with np.errstate(over="ignore"):
        acc = w[:m].copy()
        for t in range(1, k):
            acc = _rotl(acc, _ROT) ^ w[t : t + m]
        sh = _fmix64(acc)
    if edges:
        edge = np.unique(np.concatenate([sh[:edges], sh[-edges:]])) if sh.size > 2 * edges else np.unique(sh)
        return np.unique(sh), edge
    return np.unique(sh)


def shingles(tokens: list[str], k: int) -> list[str]:
    """The ``k``-word shingles as space-joined strings (for datasketch's own ``update``)."""
    if not tokens:
        return []
    k = min(k, len(tokens))
    return [" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]


def shingle_hash(shingle: bytes | str) -> int:
    """Hash of one space-joined shingle, equal to the vectorised ``shingle_hashes``.

    Usable as ``MinHash(hashfunc=shingle_hash, scheme="affine64")``.

    Args:
        shingle: words joined by single spaces (str or UTF-8 bytes).

    Returns:
        The 64-bit shingle hash as a Python int.
    """
    if isinstance(shingle, bytes):
        shingle = shingle.decode("utf-8")
    acc = 0
    for i, tok in enumerate(shingle.split(" ")):
        wh = xxhash.xxh3_64_intdigest(tok.encode("utf-8"))
        acc = wh if i == 0 else (((acc << _ROT) | (acc >> (64 - _ROT))) & _MASK) ^ wh
    x = acc
    x ^= x >> 33
    x = (x * _FM1) & _MASK
    x ^= x >> 33
    x = (x * _FM2) & _MASK
    return x ^ (x >> 33)
