"""Search the argument map's colour palette (arguments/maps/palette.py).

Run: .venv/bin/python bench/palette_search.py [--counts 8,7,6,5] [--restarts 6] [--seed 1]
    [--steps 6000] [--quick]

Needs coloraide (the `test` extras); the app never imports it. Prints, for each count of
participant hues, the best minimum CIEDE2000 distance found among that many fills (alone,
then with everything else the map draws), then the chosen palette, its figures and the
Python to paste into palette.py.

What is searched, and why:

* Visions. Every distance is taken in normal vision and under simulated deuteranopia and
  protanopia at full severity, each with the three simulations coloraide has: Viénot 1999
  (its default for dichromats), Brettel 1997 and Machado 2009; the smallest of the seven
  counts. Viénot and Brettel model dichromacy from the LMS cone space, Machado from a
  physiological model fitted for anomalous trichromacy and extended to severity 1; they
  disagree by a few ΔE units on saturated colours, so a palette that holds under all three
  does not depend on the choice of model.
* Roles. Participant fills (at most eight, assignment order), one neutral fill for the
  holders beyond them, and reserved colours: the relation kinds and the editors' links
  (lines on white: ≥3:1, WCAG 1.4.11), the standing marks in/out/undec (outlines, and mark
  text on white in the legend: ≥4.5:1) and the focus ring (≥3:1 on white). Each role has a
  hue family in normal vision so that its meaning reads as before (support green, objection
  red-orange, rephrase and undecided grey, undercut magenta, editors indigo, in green, out
  red), and each fill takes black or white text, whichever contrasts more (always ≥4.5:1:
  black reaches it on luminance ≥0.175, white on ≤0.183).
* Hard constraints: fills pairwise ≥20 in all seven visions; the neutral fill and the
  proposals' white ≥20 from every hue; the focus ring ≥20 from every other colour of the
  palette (text colours included) in all seven visions.
* Then maximised, in this order of weight: the smallest distance between a reserved colour
  and a fill (hues and neutral); support against objection and in against out under
  simulated dichromacy; the reserved colours apart from each other in normal vision; margin
  over 20 among the hues; light, calm fills.

The search: simulated annealing over an sRGB grid (18 levels a channel), one role's colour
moved a step at a time, from several random starts; the best result is then polished on
single sRGB steps. A heuristic: "best found" below is a lower bound of the optimum, not a
proof, but with restarts agreeing it is a fair measure of what each count allows.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import sys
import time
from dataclasses import dataclass

from coloraide import Color

VISIONS = (
    ("normal", None, None),
    ("deutan (Viénot)", "deutan", "vienot"),
    ("deutan (Brettel)", "deutan", "brettel"),
    ("deutan (Machado)", "deutan", "machado"),
    ("protan (Viénot)", "protan", "vienot"),
    ("protan (Brettel)", "protan", "brettel"),
    ("protan (Machado)", "protan", "machado"),
)
CVD = tuple(range(1, len(VISIONS)))
ALL = tuple(range(len(VISIONS)))
BLACK, WHITE = "#000000", "#FFFFFF"
MIN_APART = 20.0  # ΔE2000 asked by the issue


def simulated(hex_colour: str, kind: str | None, method: str | None) -> tuple[float, ...]:
    colour = Color(hex_colour)
    if kind:
        colour = colour.filter(kind, 1, method=method)
    return tuple(colour.convert("lab-d65").coords(nans=False))


def delta_e_2000(lab1, lab2) -> float:
    """CIEDE2000 (Sharma's formulation, as coloraide's `delta_e(method="2000")` on lab-d65),
    written out because the search takes millions of them."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    cm7 = ((math.hypot(a1, b1) + math.hypot(a2, b2)) / 2) ** 7
    g = 0.5 * (1 - math.sqrt(cm7 / (cm7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    big_dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lm, cm = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        hm = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hm = (h1p + h2p) / 2
    else:
        hm = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(hm - 30))
        + 0.24 * math.cos(math.radians(2 * hm))
        + 0.32 * math.cos(math.radians(3 * hm + 6))
        - 0.20 * math.cos(math.radians(4 * hm - 63))
    )
    sl = 1 + 0.015 * (lm - 50) ** 2 / math.sqrt(20 + (lm - 50) ** 2)
    sc, sh = 1 + 0.045 * cm, 1 + 0.015 * cm * t
    cm7 = cm**7
    rt = (
        -math.sin(math.radians(60 * math.exp(-(((hm - 275) / 25) ** 2))))
        * 2
        * math.sqrt(cm7 / (cm7 + 25**7))
    )
    x, y, z = (l2 - l1) / sl, (c2p - c1p) / sc, big_dh / sh
    return math.sqrt(x * x + y * y + z * z + rt * y * z)


class Colours:
    """Each colour's Lab in every vision and the distances between colours, remembered."""

    def __init__(self):
        self.labs: dict[str, list] = {}
        self.pairs: dict[tuple[str, str], tuple[float, ...]] = {}
        self.facts: dict[str, tuple] = {}

    def lab(self, colour: str) -> list:
        if colour not in self.labs:
            self.labs[colour] = [simulated(colour, kind, method) for _, kind, method in VISIONS]
        return self.labs[colour]

    def distances(self, one: str, other: str) -> tuple[float, ...]:
        key = (one, other) if one < other else (other, one)
        if key not in self.pairs:
            a, b = self.lab(one), self.lab(other)
            self.pairs[key] = tuple(delta_e_2000(a[v], b[v]) for v in ALL)
        return self.pairs[key]

    def apart(self, one: str, other: str, visions=ALL) -> float:
        found = self.distances(one, other)
        return min(found[v] for v in visions)

    def facts_of(self, colour: str) -> tuple[float, float, float, float]:
        """Lightness, chroma and hue (normal vision, lab-d65) and contrast on white."""
        if colour not in self.facts:
            lightness, chroma, hue = Color(colour).convert("lch-d65").coords(nans=False)
            self.facts[colour] = (lightness, chroma, hue, Color(colour).contrast(WHITE))
        return self.facts[colour]


COLOURS = Colours()


def text_for(fill: str) -> tuple[str, float]:
    """Black or white, whichever contrasts more with the fill, and that contrast."""
    on_black, on_white = Color(fill).contrast(BLACK), Color(fill).contrast(WHITE)
    return (BLACK, on_black) if on_black >= on_white else (WHITE, on_white)


@dataclass(frozen=True)
class Role:
    name: str
    kind: str  # "fill", "neutral", "line", "mark" or "focus"
    hues: tuple[tuple[float, float], ...] = ()  # allowed LCh hue ranges; () for any
    chroma: tuple[float, float] = (0, 200)

    def allows(self, colour: str) -> bool:
        lightness, chroma, hue, on_white = COLOURS.facts_of(colour)
        if not self.chroma[0] <= chroma <= self.chroma[1]:
            return False
        if self.hues and not any(low <= hue <= high for low, high in self.hues):
            return False
        if self.kind in ("fill", "neutral"):
            # Light enough for a calm box, dark enough not to melt into the white page.
            return 38 <= lightness <= 94 and text_for(colour)[1] >= 4.5
        if self.kind == "mark":
            return on_white >= 4.5
        return on_white >= 3.0  # lines and the focus ring: WCAG 1.4.11


GREEN = ((125.0, 200.0),)
RED = ((20.0, 62.0),)
RESERVED = (
    Role("support", "line", GREEN, (25, 200)),
    Role("objection", "line", RED, (35, 200)),
    Role("rephrase", "line", (), (0, 4)),
    Role("undercut", "line", ((310.0, 355.0),), (25, 200)),
    Role("editors", "line", ((280.0, 310.0),), (25, 200)),
    Role("in", "mark", GREEN, (25, 200)),
    Role("out", "mark", RED, (35, 200)),
    Role("undec", "mark", (), (0, 4)),
)
FOCUS = Role("focus", "focus")
NEUTRAL = Role("neutral", "neutral", (), (0, 4))
FILL = Role("fill", "fill")
PROPOSAL = WHITE

LEVELS = 18
STEP = 255 / (LEVELS - 1)


def grid_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*tuple(round(channel * STEP) for channel in rgb))


def grid(role: Role) -> list[tuple[int, int, int]]:
    everything = itertools.product(range(LEVELS), repeat=3)
    return [rgb for rgb in everything if role.allows(grid_colour(rgb))]


@dataclass
class Score:
    violation: float  # how far below 20 the hard constraints fall, summed
    reserved_vs_fills: float
    support_objection_cvd: float
    in_out_cvd: float
    reserved_apart: float
    hues_min: float
    calm: float

    @property
    def value(self) -> float:
        return (
            -1000 * self.violation
            + 40 * min(self.reserved_vs_fills, 26)
            + 10 * min(self.support_objection_cvd, 22)
            + 8 * min(self.in_out_cvd, 22)
            + 6 * min(self.reserved_apart, 14)
            + 4 * min(self.hues_min, 24)
            + self.calm
        )


def score(fills: list[str], neutral: str, reserved: list[str], focus: str) -> Score:
    apart = COLOURS.apart
    violation = 0.0

    def need(one, other, visions=ALL):
        nonlocal violation
        violation += max(0.0, MIN_APART - apart(one, other, visions))

    hues_min = min((apart(a, b) for a, b in itertools.combinations(fills, 2)), default=99)
    for a, b in itertools.combinations(fills, 2):
        need(a, b)
    for fill in fills:
        need(fill, neutral)
        need(fill, PROPOSAL)
    need(neutral, PROPOSAL)
    for other in [*fills, neutral, *reserved, BLACK, WHITE]:
        need(focus, other)
    by_name = dict(zip((role.name for role in RESERVED), reserved, strict=True))
    reserved_vs_fills = min(apart(r, f) for r in reserved for f in [*fills, neutral])
    named = list(by_name.items())
    reserved_apart = min(
        apart(a, b, (0,))
        for (name_a, a), (name_b, b) in itertools.combinations(named, 2)
        if {name_a, name_b} != {"rephrase", "undec"}  # both grey, both "neither"
    )
    calm = -sum(max(0.0, COLOURS.facts_of(f)[1] - 55) for f in fills) / 10
    calm -= sum(max(0.0, 60 - COLOURS.facts_of(f)[0]) for f in fills) / 10
    return Score(
        violation,
        reserved_vs_fills,
        apart(by_name["support"], by_name["objection"], CVD),
        apart(by_name["in"], by_name["out"], CVD),
        reserved_apart,
        hues_min,
        calm,
    )


def neighbour(rgb, pool_set, rnd, pool):
    if rnd.random() < 0.1:
        return rnd.choice(pool)
    for _ in range(20):
        moved = tuple(
            min(LEVELS - 1, max(0, channel + rnd.choice((-2, -1, 0, 0, 1, 2)))) for channel in rgb
        )
        if moved != rgb and moved in pool_set:
            return moved
    return rnd.choice(pool)


def anneal(count: int, pools: dict, rnd: random.Random, steps: int, fills_only: bool = False):
    """Simulated annealing; a state is the list of grid points of every role."""
    roles = [FILL] * count + ([] if fills_only else [NEUTRAL, *RESERVED, FOCUS])
    state = [rnd.choice(pools[role.name]) for role in roles]

    def evaluate(points):
        colours = [grid_colour(p) for p in points]
        if fills_only:
            return min(COLOURS.apart(a, b) for a, b in itertools.combinations(colours, 2))
        fills, rest = colours[:count], colours[count:]
        return score(fills, rest[0], rest[1:-1], rest[-1]).value

    current = best_value = evaluate(state)
    best = list(state)
    for step in range(steps):
        temperature = 40 * (1 - step / steps) + 0.01
        if fills_only:
            temperature /= 20
        index = rnd.randrange(len(roles))
        role = roles[index]
        trial = list(state)
        trial[index] = neighbour(state[index], pools[role.name + "_set"], rnd, pools[role.name])
        value = evaluate(trial)
        if value >= current or rnd.random() < math.exp((value - current) / temperature):
            state, current = trial, value
            if value > best_value:
                best, best_value = list(trial), value
    return best_value, [grid_colour(p) for p in best]


def polish(count: int, colours: list[str], rounds: int = 3) -> list[str]:
    """Hill-climb every colour on single sRGB steps (off the grid) while the score rises."""
    roles = [FILL] * count + [NEUTRAL, *RESERVED, FOCUS]

    def value(cs):
        return score(cs[:count], cs[count], cs[count + 1 : -1], cs[-1]).value

    current = value(colours)
    for _ in range(rounds):
        improved = False
        for index, role in enumerate(roles):
            rgb = Color(colours[index]).convert("srgb").coords()
            base = [round(channel * 255) for channel in rgb]
            for delta in itertools.product((-3, 0, 3), repeat=3):
                moved = "#{:02X}{:02X}{:02X}".format(
                    *tuple(min(255, max(0, b + d)) for b, d in zip(base, delta, strict=True))
                )
                if moved == colours[index] or not role.allows(moved):
                    continue
                trial = [*colours[:index], moved, *colours[index + 1 :]]
                trial_value = value(trial)
                if trial_value > current:
                    colours, current, improved = trial, trial_value, True
        if not improved:
            break
    return colours


def pools_for(roles) -> dict:
    pools = {}
    for role in roles:
        if role.name not in pools:
            pools[role.name] = grid(role)
            pools[role.name + "_set"] = set(pools[role.name])
    return pools


def report(count: int, colours: list[str]) -> None:
    fills, neutral, reserved, focus = (
        colours[:count],
        colours[count],
        colours[count + 1 : -1],
        colours[-1],
    )
    result = score(fills, neutral, reserved, focus)
    print(f"\nChosen: {count} participant hues; constraints broken by {result.violation:.2f}")
    for name, _kind, _method in VISIONS:
        index = [v[0] for v in VISIONS].index(name)
        hues = min(COLOURS.distances(a, b)[index] for a, b in itertools.combinations(fills, 2))
        print(f"  min ΔE2000 among hues, {name:17}: {hues:6.2f}")
    print(f"  neutral vs hues (all visions): {min(COLOURS.apart(neutral, f) for f in fills):.2f}")
    print(f"  reserved vs fills (all visions): {result.reserved_vs_fills:.2f}")
    others = [*fills, neutral, *reserved, BLACK, WHITE]
    print(f"  focus ring vs all (all visions): {min(COLOURS.apart(focus, o) for o in others):.2f}")
    print(f"  support vs objection (dichromat visions): {result.support_objection_cvd:.2f}")
    print(f"  in vs out (dichromat visions): {result.in_out_cvd:.2f}")
    print(f"  reserved apart (normal vision): {result.reserved_apart:.2f}")
    texts = [text_for(f) for f in [*fills, neutral]]
    print(f"  min text contrast on fills: {min(c for _, c in texts):.2f}")
    lines, marks = reserved[:5], reserved[5:]
    print(f"  min lines on white: {min(Color(c).contrast(WHITE) for c in [*lines, focus]):.2f}")
    print(f"  min marks on white: {min(Color(c).contrast(WHITE) for c in marks):.2f}")
    print("\nPARTICIPANT_COLOURS = [")
    for fill, (text, contrast) in zip(fills, texts, strict=False):
        print(f'    ("{fill}", "{text}"),  # {contrast:.1f}:1')
    print("]")
    print(f'NEUTRAL = ("{neutral}", "{texts[-1][0]}")  # {texts[-1][1]:.1f}:1')
    names = [role.name for role in RESERVED]
    print("EDGE_COLOURS = {")
    for name, colour in zip(names[:4], reserved[:4], strict=True):
        print(f'    "{name}": "{colour}",  # {Color(colour).contrast(WHITE):.1f}:1 on white')
    print("}")
    print(f'EDITORS_COLOUR = "{reserved[4]}"  # {Color(reserved[4]).contrast(WHITE):.1f}:1')
    print("STANDING_COLOURS = {")
    for name, colour in zip(names[5:], reserved[5:], strict=True):
        print(f'    "{name}": "{colour}",  # {Color(colour).contrast(WHITE):.1f}:1 on white')
    print("}")
    print(f'FOCUS_RING = "{focus}"  # {Color(focus).contrast(WHITE):.1f}:1 on white')


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", default="9,8,7,6,5")
    parser.add_argument("--restarts", type=int, default=6)
    parser.add_argument("--steps", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-alone", action="store_true", help="skip the fills-only search")
    args = parser.parse_args(argv)
    counts = [int(c) for c in args.counts.split(",")]
    rnd = random.Random(args.seed)
    started = time.time()
    pools = pools_for([FILL, NEUTRAL, *RESERVED, FOCUS])
    print(
        f"grid {LEVELS}³; candidates per role:",
        {r: len(p) for r, p in pools.items() if not r.endswith("_set")},
    )
    print("visions:", ", ".join(v[0] for v in VISIONS))
    print("\nBest minimum ΔE2000 among the fills alone (all seven visions):")
    for count in [] if args.skip_alone else counts:
        found = max(
            anneal(count, pools, rnd, args.steps, fills_only=True)[0] for _ in range(args.restarts)
        )
        print(f"  {count} hues: {found:6.2f}", flush=True)
    print("\nWith the neutral, the reserved colours and the focus ring (score, violation):")
    chosen = None
    for count in counts:
        runs = [anneal(count, pools, rnd, args.steps) for _ in range(args.restarts)]
        _value, colours = max(runs)
        colours = polish(count, colours)
        result = score(colours[:count], colours[count], colours[count + 1 : -1], colours[-1])
        print(
            f"  {count} hues: violation {result.violation:.2f}, hues min {result.hues_min:.2f},"
            f" reserved vs fills {result.reserved_vs_fills:.2f}, focus ok"
            f" {result.violation == 0}",
            flush=True,
        )
        if chosen is None and result.violation == 0:
            chosen = (count, colours)
    if chosen is None:
        print("No count meets the hard constraints.")
        return 1
    report(*chosen)
    print(f"\n({time.time() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
