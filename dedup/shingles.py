"""Text normalisation, word tokens and shingle hashes: what two copies of a dispatch share.

Syndicated copies of one wire dispatch differ in typography more than in words: curly
or straight quotes, non-breaking spaces, HTML entities left by a CMS, case, punctuation.
``normalise`` folds all of that away; a word is then a run of ASCII letters, digits and
``_`` or of any non-ASCII characters, and a number keeps its group separators out
(``7,345.12`` is the one token ``734512``).

Why words are hashed from bytes: tokenising and hashing each word in Python costs more
than everything else together. ``batch_words`` tokenises a whole batch of documents as
one UTF-8 byte array with numpy (a byte lookup table, run boundaries, one polynomial
hash per word from prefix sums), so per-document Python work is a normalise and an
encode. The scalar functions (``words``, ``word_hash``, ``shingle_hash``) define the
same tokens and hashes one at a time; tests prove both paths agree, and ``shingle_hash``
is usable as a datasketch ``hashfunc``.

Shingle hash of words ``w0..w(k-1)``: ``fmix64(rotl(...rotl(h(w0), 23) ^ h(w1)..., 23) ^ h(w(k-1)))``.
"""

from __future__ import annotations

import html
import re
import unicodedata

import numpy as np

__all__ = ["normalise", "words", "numbers", "word_hash", "shingle_hashes", "shingle_hash", "shingles",
           "batch_words", "batch_shingles"]

_FOLD = {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
        # thin / narrow no-break spaces group digits ("7\u202f345"): no separator at all
        "\u202f": "", "\u2009": "",
        # non-ASCII punctuation would otherwise count as word characters
        "\u2013": " ", "\u2014": " ", "\u2015": " ", "\u2026": " ", "\u2022": " ", "\u00b7": " ",
        "\u00a9": " ", "\u00ae": " ", "\u2122": " ", "\u00b0": " ", "\u20ac": " ", "\u00a3": " ",
}
_ODD = re.compile("[" + "".join(_FOLD) + "]")
_WORD = re.compile(r"[0-9a-z_\u0080-\U0010ffff]+")
_DIGIT_SEP = re.compile(r"(?<=[0-9])[.,'](?=[0-9])")
_NUMBER = re.compile(r"[0-9]+")

_U64 = np.uint64
_MASK = (1 << 64) - 1
_ROT = 23
_FM1, _FM2 = 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53
_LEN = 0xC2B2AE3D27D4EB4F

# byte classes for the vectorised tokeniser (bytes >= 0x80 are parts of non-ASCII characters)
_IS_WORD = np.zeros(256, dtype=bool)
_IS_WORD[[ord(c) for c in "0123456789abcdefghijklmnopqrstuvwxyz_"]] = True
_IS_WORD[0x80:] = True
_IS_DIGIT = np.zeros(256, dtype=bool)
_IS_DIGIT[ord("0"): ord("9") + 1] = True
_IS_SEP = np.zeros(256, dtype=bool)
_IS_SEP[[ord(","), ord("."), ord("'")]] = True


def _fold(m: re.Match) -> str:
    return _FOLD[m.group()]


def normalise(text: str) -> str:
    """Fold the typography syndication changes: entities, NFKC, quotes, spaces, dashes, case.

    Args:
        text: any text (HTML entities allowed).

    Returns:
        Lower-case text with entities decoded, Unicode NFKC, curly quotes, odd spaces and
        non-ASCII punctuation made plain.
    """
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        # before NFKC, which would turn a narrow no-break space into a plain one;
        # str.translate with a dict is slow: substitute only the odd characters
        if _ODD.search(text):
            text = _ODD.sub(_fold, text)
        text = unicodedata.normalize("NFKC", text)
        if _ODD.search(text):
            text = _ODD.sub(_fold, text)
    return text.lower()


def words(text: str) -> list[str]:
    """The word tokens of ``text`` after ``normalise`` (punctuation dropped).

    Args:
        text: any text.

    Returns:
        Runs of ``[0-9a-z_]`` or non-ASCII characters; a number written with group
        separators is one token without them (``7,345.12`` -> ``734512``).
    """
    text = normalise(text)
    if "," in text or "." in text or "'" in text:
        text = _DIGIT_SEP.sub("", text)
    return _WORD.findall(text)


def numbers(tokens: list[str]) -> list[str]:
    """The all-digit tokens, in order, without repeats (``covid19`` is a word, not a number).

    Args:
        tokens: output of ``words``.

    Returns:
        Distinct numeric tokens in order of first appearance.
    """
    return list(dict.fromkeys(t for t in tokens if _NUMBER.fullmatch(t)))


def _fmix64_int(x: int) -> int:
    x ^= x >> 33
    x = (x * _FM1) & _MASK
    x ^= x >> 33
    x = (x * _FM2) & _MASK
    return x ^ (x >> 33)


def word_hash(token: str) -> int:
    """64-bit hash of one token: its UTF-8 bytes read as little-endian 8-byte chunks
    (the last one zero-padded), chained through fmix64 from a start value set by the length.

    Args:
        token: a word as produced by ``words``.

    Returns:
        The hash as a Python int (equal to what ``batch_words`` computes).
    """
    data = token.encode("utf-8")
    h = (len(data) * _LEN) & _MASK
    for i in range(0, len(data), 8):
        h = _fmix64_int(h ^ int.from_bytes(data[i: i + 8], "little"))
    return h


def _rotl(x: np.ndarray, r: int) -> np.ndarray:
    return (x << _U64(r)) | (x >> _U64(64 - r))


def _fmix64(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        x = x ^ (x >> _U64(33))
        x = x * _U64(_FM1)
        x = x ^ (x >> _U64(33))
        x = x * _U64(_FM2)
        return x ^ (x >> _U64(33))


def batch_words(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tokenise and hash a batch of texts in numpy (same tokens and hashes as ``words``/``word_hash``).

    Work is per word, not per byte: every word's bytes are read 8 at a time through an
    overlapping uint64 view of the joined buffer.

    Args:
        texts: the documents (any typography).

    Returns:
        ``(hashes, doc, is_number)``: uint64 hash of every word in document order, the
        index of its document (int64), and whether it is all digits.
    """
    enc = [normalise(t).encode("utf-8") for t in texts]
    empty = np.empty(0, dtype=_U64), np.empty(0, dtype=np.int64), np.empty(0, dtype=bool)
    if not enc:
        return empty
    starts_doc = np.cumsum([0] + [len(e) + 1 for e in enc[:-1]])
    arr = np.frombuffer(b"\n".join(enc), dtype=np.uint8)
    isd = _IS_DIGIT[arr]
    if arr.size > 2:
        # a separator between two digits joins them into one number token: drop it
        sep = np.zeros(arr.size, dtype=bool)
        sep[1:-1] = _IS_SEP[arr[1:-1]] & isd[:-2] & isd[2:]
        if sep.any():
            keep = ~sep
            arr, isd = arr[keep], isd[keep]
            starts_doc = starts_doc - np.concatenate([[0], np.cumsum(sep)])[starts_doc]
    isw = _IS_WORD[arr]
    begin = isw.copy()
    begin[1:] &= ~isw[:-1]
    end = isw.copy()
    end[:-1] &= ~isw[1:]
    wstart = np.flatnonzero(begin)
    if wstart.size == 0:
        return empty
    length = np.flatnonzero(end) + 1 - wstart
    buf = np.concatenate([arr, np.zeros(8, dtype=np.uint8)])
    view = np.ndarray(shape=(arr.size + 1,), dtype="<u8", buffer=buf.data, offset=0, strides=(1,))
    h = length.astype(_U64) * _U64(_LEN)
    # overlapping little-endian uint64 windows: view[p] is bytes p..p+7
    i, sel, pos, rem = 0, None, wstart, length
    with np.errstate(over="ignore"):
        while True:
            chunk = view[pos]
            short = rem < 8
            if short.any():
                shift = ((8 - np.minimum(rem, 8)) * 8).astype(_U64)
                chunk = (chunk << shift) >> shift
            if sel is None:
                h = _fmix64(h ^ chunk)
            else:
                h[sel] = _fmix64(h[sel] ^ chunk)
            more = rem > 8
            if not more.any():
                break
            sel = np.flatnonzero(length > 8 * (i + 1))
            i += 1
            pos, rem = wstart[sel] + 8 * i, length[sel] - 8 * i
    # numbers: words made of digits only (only words starting with a digit are checked)
    isnum = isd[wstart]
    cand = np.flatnonzero(isnum)
    if cand.size:
        cs, cl = wstart[cand], length[cand]
        ok = np.ones(cand.size, dtype=bool)
        for j in range(1, int(cl.max())):
            live = cl > j
            ok[live] &= isd[cs[live] + j]
        isnum[cand] = ok
    doc = np.searchsorted(starts_doc, wstart, side="right") - 1
    return h, doc, isnum


def batch_shingles(wh: np.ndarray, doc: np.ndarray, n_docs: int, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Shingle hashes of every document from ``batch_words`` output (repeats kept).

    A document shorter than ``k`` words has one shingle of all its words.

    Args:
        wh: word hashes in document order.
        doc: document index of each word (non-decreasing).
        n_docs: number of documents.
        k: words per shingle.

    Returns:
        ``(hashes, doc)`` of every shingle position, grouped by document.
    """
    counts = np.bincount(doc, minlength=n_docs)
    parts_h, parts_d = [], []
    m = wh.size - k + 1
    if m > 0:
        with np.errstate(over="ignore"):
            acc = wh[:m].copy()
            for t in range(1, k):
                acc = _rotl(acc, _ROT) ^ wh[t: t + m]
        valid = doc[:m] == doc[k - 1:]
        parts_h.append(_fmix64(acc[valid]))
        parts_d.append(doc[:m][valid])
    short = np.flatnonzero((counts > 0) & (counts < k))
    if short.size:
        ends = np.cumsum(counts)
        extra = []
        for d in short.tolist():
            acc_i = 0
            for i, h in enumerate(wh[ends[d] - counts[d]: ends[d]].tolist()):
                acc_i = h if i == 0 else (((acc_i << _ROT) | (acc_i >> (64 - _ROT))) & _MASK) ^ h
            extra.append(_fmix64_int(acc_i))
        parts_h.append(np.array(extra, dtype=_U64))
        parts_d.append(short)
        h, d = np.concatenate(parts_h), np.concatenate(parts_d)
        order = np.argsort(d, kind="stable")
        return h[order], d[order]
    if not parts_h:
        return np.empty(0, dtype=_U64), np.empty(0, dtype=np.int64)
    return parts_h[0], parts_d[0]


def shingle_hashes(tokens: list[str], k: int) -> np.ndarray:
    """The distinct 64-bit hashes of the ``k``-word shingles of ``tokens`` (one at a time).

    Args:
        tokens: output of ``words``.
        k: words per shingle (>= 1); a text shorter than ``k`` words is one shingle.

    Returns:
        Sorted unique uint64 array (empty for no tokens).
    """
    return np.unique(np.array([shingle_hash(s) for s in shingles(tokens, k)], dtype=_U64))


def shingles(tokens: list[str], k: int) -> list[str]:
    """The ``k``-word shingles as space-joined strings (for datasketch's own ``update``)."""
    if not tokens:
        return []
    k = min(k, len(tokens))
    return [" ".join(tokens[i: i + k]) for i in range(len(tokens) - k + 1)]


def shingle_hash(shingle: bytes | str) -> int:
    """Hash of one space-joined shingle, equal to the vectorised ``batch_shingles``.

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
        wh = word_hash(tok)
        acc = wh if i == 0 else (((acc << _ROT) | (acc >> (64 - _ROT))) & _MASK) ^ wh
    return _fmix64_int(acc)
