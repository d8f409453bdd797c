"""Variant groups: speeches that are versions of one text (ANNOTATION.md §1, issue 6).

Scraping sites copy a speech and rewrite it: masks (XX县, X%), changed years,
a retitled copy, an inserted paragraph, other line breaks, the other script.
Versions share ``variant_group``; ``is_canonical`` marks the most complete,
least masked one, and its speech_id is the group's value.

Method (scales to ~10^5 speeches; no all-pairs comparison):
1. Normalize: Simplified script, digits and mask runs → one placeholder, no
   punctuation or white space, so masking, numbers rewritten by copy sites and
   line breaks do not change the shingles around them much.
2. Character 5-gram shingles, hashed with a vectorized polynomial hash and
   a splitmix64 finalizer (numpy, stable across runs and machines; Python's
   hash() is salted).
3. MinHash signature of NUM_PERM values by one-permutation hashing: the top
   bits of a shingle's hash pick one of NUM_PERM bins, each bin keeps its
   minimum, empty bins borrow from the next filled one (rotation
   densification, Shrivastava & Li 2014). One pass over the shingles instead
   of one per permutation: about 1 ms per speech. LSH banding (BANDS × ROWS)
   proposes candidate pairs: only speeches sharing a whole band are compared.
4. A candidate pair is accepted when the estimated Jaccard similarity is
   ≥ MIN_JACCARD, or when one speech is mostly contained in the other
   (containment ≥ MIN_CONTAINMENT: a copy with inserted or dropped
   paragraphs). Measured on raw/: versions of one text score Jaccard
   0.75–0.94 and containment ≥ 0.93; different speeches ≤ 0.02 and ≤ 0.05.
5. Accepted pairs are merged with union-find; in each group the canonical
   speech maximizes distinct content minus a cost per mask.
Everything is sorted by speech_id first, so the result does not depend on
the order of the input rows.

We write MinHash ourselves (about 50 lines of numpy) rather than depend on
datasketch: numpy is already installed, datasketch hashes shingles one Python
call at a time, and ours is vectorized and byte-stable. (A first version used
(a·x + b) mod p on 32-bit hashes without wrap-around: a shingle with a small
hash was the minimum of nearly every permutation and unrelated speeches
collided; the test with 400 random speeches guards against that.)
"""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np

SHINGLE = 5
NUM_PERM = 128
BANDS, ROWS = 32, 4  # candidate threshold ≈ (1/BANDS)^(1/ROWS) ≈ 0.42 Jaccard
MIN_JACCARD = 0.5
MIN_CONTAINMENT = 0.7
MIN_SHINGLES = 20  # shorter texts: compare exact normalized text only
MAX_BUCKET_PAIRS_ALL = 64  # above this many speeches in one LSH bucket, compare linearly
MASK_COST = 50  # characters of content one mask is worth when choosing the canonical version

_BIN_SHIFT = np.uint64(64 - 7)  # NUM_PERM = 2^7 bins from the top 7 bits
_VALUE_BITS = 50
_VALUE_MASK = np.uint64((1 << _VALUE_BITS) - 1)
_EMPTY = np.uint64((1 << 63) - 1)
_BASE = np.uint64(1_000_003)

# Digits and masks (X, XX, x, *, ×, full-width forms) become one placeholder:
# copy sites mask or rewrite exactly these.
_NUMBER_OR_MASK = re.compile(r"[0-9０-９.．X*×xＸ＊]+")
# Punctuation, quotes, brackets and white space carry no content and differ between copies.
_NOISE = re.compile(r"[\s\u3000，。、；：！？“”‘’「」『』（）()《》〈〉【】\[\],.;:!?\"'\-—–…·～~/]+")


def normalize(text: str, script: str = "hans") -> str:
    """The text as shingles see it."""
    if script == "hant":
        from .script import to_simplified
        text = to_simplified(text, script)
    return _NOISE.sub("", _NUMBER_OR_MASK.sub("#", text))


def shingle_hashes(norm: str) -> np.ndarray:
    """Distinct 64-bit hashes of the character SHINGLE-grams of a normalized text."""
    if len(norm) < SHINGLE:
        return np.zeros(0, dtype=np.uint64)
    codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):  # wrap-around modulo 2^64 is intended
        for j in range(SHINGLE):
            h = h * _BASE + codes[j:j + n]
        # splitmix64 finalizer: spreads the polynomial hash over all bits
        h ^= h >> np.uint64(30)
        h *= np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(27)
        h *= np.uint64(0x94D049BB133111EB)
        h ^= h >> np.uint64(31)
    h.sort()  # sort + neighbour test: np.unique is ~30x slower here (numpy 2.4)
    return h[np.concatenate(([True], h[1:] != h[:-1]))]


def signature(hashes: np.ndarray) -> np.ndarray:
    """One-permutation MinHash: per bin (top bits of the hash) the minimum of the low bits."""
    sig = np.full(NUM_PERM, _EMPTY, dtype=np.uint64)
    if hashes.size == 0:
        return sig
    np.minimum.at(sig, (hashes >> _BIN_SHIFT).astype(np.intp), hashes & _VALUE_MASK)
    empty = sig == _EMPTY
    if empty.any():
        # rotation densification: an empty bin takes the next filled bin's value (circularly),
        # tagged with the distance so that a borrowed value never equals a native one
        filled = np.flatnonzero(~empty)
        idx = np.arange(NUM_PERM)
        nxt = filled[np.searchsorted(filled, idx) % filled.size]
        dist = ((nxt - idx) % NUM_PERM).astype(np.uint64)
        sig = sig[nxt] + (dist << np.uint64(_VALUE_BITS))
    return sig


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def assign_variants(speeches: list[dict]) -> dict[str, tuple[str, bool]]:
    """speech_id → (variant_group, is_canonical) over the whole corpus.

    Each row needs speech_id, text, n_chars, masked_count; script is used when present.
    """
    rows = sorted(speeches, key=lambda r: str(r["speech_id"]))
    ids = [str(r["speech_id"]) for r in rows]
    # one pass; keep only what the comparison needs (memory: ~1 KB per speech)
    sizes: list[int] = []
    sigs: list[np.ndarray] = []
    short_norms: dict[int, str] = {}
    for i, r in enumerate(rows):
        norm = normalize(r.get("text") or "", r.get("script") or "hans")
        hashes = shingle_hashes(norm)
        sizes.append(int(hashes.size))
        sigs.append(signature(hashes))
        if hashes.size < MIN_SHINGLES and norm:
            short_norms[i] = norm

    parent = {i: i for i in ids}

    def union(a: str, b: str) -> None:
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    # Very short texts have too few shingles for MinHash: exact normalized text only.
    exact: dict[str, list[int]] = defaultdict(list)
    for i, n in short_norms.items():
        exact[n].append(i)
    for members in exact.values():
        for i in members[1:]:
            union(ids[members[0]], ids[i])

    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for i, sig in enumerate(sigs):
        if sizes[i] < MIN_SHINGLES:
            continue
        for band in range(BANDS):
            buckets[(band, sig[band * ROWS:(band + 1) * ROWS].tobytes())].append(i)
    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > MAX_BUCKET_PAIRS_ALL:
            # a crowded bucket (one text copied very often): compare each member with
            # the first and with its neighbour, not all pairs, so cost stays linear
            candidates.update((members[0], m) for m in members[1:])
            candidates.update(zip(members, members[1:]))
        elif len(members) > 1:
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    candidates.add((members[x], members[y]))
    for i, j in sorted(candidates):
        if similar(sigs[i], sigs[j], sizes[i], sizes[j]):
            union(ids[i], ids[j])

    groups: dict[str, list[int]] = defaultdict(list)
    for i, sid in enumerate(ids):
        groups[_find(parent, sid)].append(i)
    out: dict[str, tuple[str, bool]] = {}
    for members in groups.values():
        best = max(members, key=lambda i: (_completeness(rows[i], sizes[i]), _neg(ids[i])))
        for i in members:
            out[ids[i]] = (ids[best], i == best)
    return out


def similar(sig_a: np.ndarray, sig_b: np.ndarray, size_a: int, size_b: int) -> bool:
    """Near-duplicate test on two signatures (estimated Jaccard or containment)."""
    jac = float(np.mean(sig_a == sig_b))
    if jac >= MIN_JACCARD:
        return True
    # |A∩B| = J(|A|+|B|)/(1+J); containment of the smaller set in the larger one
    inter = jac * (size_a + size_b) / (1 + jac)
    return min(size_a, size_b) > 0 and inter / min(size_a, size_b) >= MIN_CONTAINMENT


def _completeness(row: dict, n_shingles: int) -> float:
    """Most complete, least masked: distinct content minus a cost per mask."""
    return n_shingles - MASK_COST * int(row.get("masked_count") or 0)


def _neg(s: str) -> tuple[int, ...]:
    """Ties go to the smallest speech_id (max() picks the largest key)."""
    return tuple(-ord(c) for c in s)
