"""A generated AIFdb-style file of any size, for the import benchmark and tests. Pure."""

from __future__ import annotations

import json
import random

# Words for generated claim texts.
WORDS = ["rent", "platform", "capital", "labour", "data", "value", "cloud", "feudal"]
WORDS += ["market", "profit", "power", "state", "users", "attention", "monopoly", "lords"]


def generated_aif(nodes: int, seed: int = 1) -> str:
    """An AIFdb-style file of `nodes` nodes: a forest of I-nodes joined by RA (support) and
    CA (attack) nodes, a share of them asserted by speakers through L and YA nodes."""
    rng = random.Random(seed)
    speakers = 12
    # Of every 10 nodes: 4 I, 4 S (RA/CA), 1 L, 1 YA.
    claims = nodes * 4 // 10
    located = (nodes - 2 * claims) // 2
    out_nodes, edges, locutions = [], [], []
    next_id = iter(range(1, 10**9))

    def node(kind: str, text: str) -> str:
        node_id = str(next(next_id))
        out_nodes.append({"nodeID": node_id, "text": text, "type": kind, "timestamp": ""})
        return node_id

    def edge(from_id: str, to_id: str) -> None:
        edges.append({"edgeID": str(next(next_id)), "fromID": from_id, "toID": to_id})

    texts = [f"Claim {n}: {' '.join(rng.sample(WORDS, 8))}" for n in range(claims)]
    i_nodes = [node("I", text) for text in texts]
    for index in range(1, claims):
        kind = "RA" if rng.random() < 0.7 else "CA"
        s_node = node(kind, "Default Inference" if kind == "RA" else "Default Conflict")
        edge(i_nodes[index], s_node)
        edge(s_node, i_nodes[rng.randrange(max(0, index - 50), index)])
    for index in range(located):
        person = rng.randrange(speakers)
        l_node = node("L", f"Speaker {person} : {texts[index]}")
        ya = node("YA", "Asserting")
        edge(l_node, ya)
        edge(ya, i_nodes[index])
        locutions.append({"nodeID": l_node, "personID": str(person)})
    while len(out_nodes) < nodes:
        node("I", f"Isolated claim {len(out_nodes)}")
    participants = [
        {"participantID": str(n), "firstname": "Speaker", "surname": str(n)}
        for n in range(speakers)
    ]
    return json.dumps(
        {"nodes": out_nodes, "edges": edges, "locutions": locutions, "participants": participants}
    )
