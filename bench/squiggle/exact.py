#!/usr/bin/env python3
"""Exact p5, p50, p95 and mean of photo_sharing.squiggle's values, to check a sampler against.

Every value is a product of independent log-normals (`a to b`: p5 = a, p95 = b) and constants,
so it is log-normal: mu adds up, sigma^2 adds up. Base units: bytes, seconds, per second.
"""
from math import exp, log, sqrt

Z95 = 1.6448536269514722  # the standard normal's 95th percentile
DAY = 86400.0


def to(a, b):
    """(mu, sigma^2) of the log-normal with p5 = a and p95 = b."""
    return ((log(a) + log(b)) / 2, ((log(b) - log(a)) / (2 * Z95)) ** 2)


def prod(*factors):
    """Product of independent log-normals (pairs) and constants (floats)."""
    mu = var = 0.0
    for f in factors:
        if isinstance(f, tuple):
            mu, var = mu + f[0], var + f[1]
        else:
            mu += log(f)
    return mu, var


dau, upload_share, views_per_user = to(300e6, 700e6), to(0.01, 0.03), to(20, 40)
photo, peak_factor, cache_share = to(1e6, 3e6), to(2, 4), to(0.1, 0.3)
retention, replication = to(4 * 365.25 * DAY, 6 * 365.25 * DAY), 3.0
uploads = prod(dau, upload_share, 1 / DAY)
views = prod(dau, views_per_user, 1 / DAY)
values = {
    "uploads": uploads,
    "views": views,
    "peak_view_qps": prod(dau, views_per_user, 1 / DAY, peak_factor),
    "daily_storage": prod(dau, upload_share, photo),
    "total_storage": prod(dau, upload_share, 1 / DAY, photo, retention, replication),
    "ingress": prod(dau, upload_share, 1 / DAY, photo),
    "egress": prod(dau, views_per_user, 1 / DAY, photo),
    "cache": prod(cache_share, dau, upload_share, 30.0, photo),
    "unavailability": to(1e-4, 1e-3),
}
print(f"{'value':15} {'p5':>12} {'p50':>12} {'p95':>12} {'mean':>12}")
for name, (mu, var) in values.items():
    s = sqrt(var)
    p5, p50, p95, mean = exp(mu - Z95 * s), exp(mu), exp(mu + Z95 * s), exp(mu + var / 2)
    print(f"{name:15} {p5:12.5g} {p50:12.5g} {p95:12.5g} {mean:12.5g}")
