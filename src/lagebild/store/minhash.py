"""MinHash signatures over word shingles, and LSH banding, for near-duplicate articles.

Small and self-contained (numpy only) rather than a `datasketch` dependency: we need one
signature function, banding and a Jaccard estimate, and the signature must be byte-stable
across processes and runs because it is stored and compared later.

Hashing: each shingle gets a stable 32-bit hash (blake2b), then `num_perm` universal hash
functions h(x) = (a*x + b) mod p with p = 2^32 - 5 (prime). With a, b, x < 2^32 the product
fits in uint64 without overflow, so numpy computes it exactly.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np

PRIME = (1 << 32) - 5
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class MinHasher:
    num_perm: int = 128
    shingle: int = 5            # words per shingle
    bands: int = 32             # LSH bands; num_perm / bands rows each (threshold ~ (1/b)^(1/r) = 0.42)
    seed: int = 1
    _a: np.ndarray = field(init=False, repr=False, compare=False)
    _b: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.num_perm % self.bands:
            raise ValueError("num_perm must be a multiple of bands")
        rng = np.random.default_rng(self.seed)
        object.__setattr__(self, "_a", rng.integers(1, PRIME, self.num_perm, dtype=np.uint64))
        object.__setattr__(self, "_b", rng.integers(0, PRIME, self.num_perm, dtype=np.uint64))

    @property
    def params(self) -> str:
        """Identifies the signature space; signatures are only comparable under equal params."""
        return f"minhash:v1:perm={self.num_perm}:shingle={self.shingle}:bands={self.bands}:seed={self.seed}"

    def shingles(self, text: str) -> set[str]:
        words = WORD.findall(text.lower())
        if len(words) <= self.shingle:
            return {" ".join(words)} if words else set()
        return {" ".join(words[i:i + self.shingle]) for i in range(len(words) - self.shingle + 1)}

    def signature(self, text: str) -> bytes:
        """The signature as bytes (num_perm little-endian uint32)."""
        sh = self.shingles(text)
        if not sh:
            return np.full(self.num_perm, PRIME - 1, dtype="<u4").tobytes()
        hv = np.fromiter((int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "little")
                          for s in sh), dtype=np.uint64, count=len(sh))
        perm = (self._a[:, None] * hv[None, :] + self._b[:, None]) % np.uint64(PRIME)
        return perm.min(axis=1).astype("<u4").tobytes()

    def buckets(self, signature: bytes) -> list[int]:
        """One 64-bit bucket id per band (documents sharing one are candidate near-duplicates)."""
        rows = self.num_perm // self.bands
        sig = memoryview(signature)
        out = []
        for band in range(self.bands):
            chunk = bytes(sig[band * rows * 4:(band + 1) * rows * 4])
            out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little"))
        return out


def jaccard(sig_a: bytes, sig_b: bytes) -> float:
    """MinHash estimate of the Jaccard similarity of two documents' shingle sets."""
    a = np.frombuffer(sig_a, dtype="<u4")
    b = np.frombuffer(sig_b, dtype="<u4")
    if a.shape != b.shape or not len(a):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)
