"""The production settings with the outage-tolerant Redis cache, for bench/faults.py until
debate/settings.py names that backend itself (then this changes nothing)."""

from debate.settings import *  # noqa: F403
from debate.settings import CACHES

if CACHES["default"]["BACKEND"].endswith(".RedisCache"):
    CACHES["default"]["BACKEND"] = "debate.cache_outage.OutageTolerantRedisCache"

# The readers here read the map as fast as they can while every write changes it: not what
# the render bound (arguments/maps/render_bounds.py) is about, so it is out of the way.
MAP_RENDERS_PER_MINUTE = 1_000_000
