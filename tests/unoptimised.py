"""Reference implementations of code that was optimised: the tests compare the fast path with
these, so each one is written once (issue 14)."""
from __future__ import annotations


def agent_by_scan(idx, word: str):
    """ActorIndex.agent_for before it looked heads up by length: every compound head, longest
    first, one by one."""
    ag = idx.agents.get(word)
    if ag:
        return ag
    low = word.lower()
    for head, ag in idx.heads:
        if low.endswith(head) and len(low) > len(head):
            return ag
    return None
