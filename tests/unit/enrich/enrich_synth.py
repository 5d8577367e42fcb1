"""Synthetic article text for the enrich tests (generated, no real article text)."""

from __future__ import annotations

import random

_SUBJECTS = [
    "the defence ministry", "a military source", "the provincial governor", "local residents",
    "the army command", "an opposition spokesman", "the foreign ministry", "aid workers",
    "a senior commander", "the monitoring group", "security officials", "the engineering unit",
]
_VERBS = [
    "reported", "confirmed", "denied", "announced", "described", "welcomed", "criticised",
    "documented", "estimated", "questioned", "disclosed", "predicted",
]
_OBJECTS = [
    "the advance along the river valley", "new supply routes into the northern districts",
    "heavy shelling near the old bridge", "the evacuation of wounded civilians",
    "the reopening of the main highway", "talks on a local ceasefire", "the capture of an arms depot",
    "damage to the water station", "the return of displaced families", "mines left in farmland",
    "a convoy of trucks carrying flour", "drone flights over the airbase", "repairs to the power grid",
    "the arrest of a smuggling ring", "checkpoints on the desert road", "the rebuilding of two schools",
]
_TAILS = [
    "on Tuesday", "late on Sunday", "in a statement", "according to officials", "after weeks of delay",
    "despite bad weather", "for the first time this year", "near the border crossing",
    "in the eastern countryside", "before the end of the month",
]


def sentence(rng: random.Random) -> str:
    s = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}"
    extra = rng.randint(0, 3)
    if extra:
        s += ", with " + " and ".join(rng.choice(_OBJECTS) for _ in range(extra))
    return s[0].upper() + s[1:] + "."


def paragraph(rng: random.Random, n_sentences: int = 3) -> str:
    return " ".join(sentence(rng) for _ in range(n_sentences))


def article(seed: int, n_paragraphs: int = 6) -> str:
    rng = random.Random(seed)
    return "\n".join(paragraph(rng, rng.randint(2, 4)) for _ in range(n_paragraphs))
