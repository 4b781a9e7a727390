//! Reference numbers: the figures estimates lean on (latencies, throughputs, capacities),
//! each usable by name in any expression (`peak_qps * ssd_random_read`), with its source and
//! year. One static table; a scenario's own definitions shadow these names.

use crate::value::Number;

use crate::quantity::dimension::Dimension;

pub struct Reference {
    pub name: &'static str,
    /// In base units: seconds, bytes, bytes per second, per second.
    pub value: Number,
    pub dim: Dimension,
    /// What the number is.
    pub about: &'static str,
    /// Where it comes from.
    pub source: &'static str,
    /// The year of the source.
    pub year: u16,
}

const S: Dimension = Dimension::TIME;
const BPS: Dimension = Dimension::DATA_RATE;
/// Things per second.
const PER_S: Dimension = Dimension::PER_TIME;
const NUM: Dimension = Dimension::NONE;

const NS: Number = 1e-9;
const US: Number = 1e-6;
const MS: Number = 1e-3;
/// Decimal (1000-based) megabyte, as in the sources.
const MB: Number = 1e6;
/// Bytes per second in one gigabit per second.
const GBPS: Number = 1.25e8;

const DEAN: &str = "Jeff Dean (after Peter Norvig), \"Latency Comparison Numbers (~2012)\", compiled by Jonas Bonér, gist.github.com/jboner/2841832";
const DEAN_DERIVED: &str =
    "derived from Dean 2012 (Bonér gist jboner/2841832): 1 MB divided by the 1 MB read latency";
const SCOTT: &str = "Colin Scott, \"Numbers Every Programmer Should Know By Year\" (github.com/colin-scott/interactive_latencies), model at year 2020";
const PRIMER: &str = "System Design Primer (github.com/donnemartin/system-design-primer), \"Handy conversion guide\" in the solutions (e.g. solutions/system_design/pastebin)";
const REDIS: &str = "Redis docs, \"How fast is Redis?\" (redis.io benchmarks page, redis/redis-doc topics/benchmarks.md): Redis 2.6.14, Xeon E5520 2.27 GHz, 50 clients, loopback";

/// The table. Keep it sorted by kind: latencies, throughputs, capacities, constants.
pub static REFERENCES: &[Reference] = &[
    // Latencies: the 2012 list.
    r(
        "l1_cache_ref",
        0.5 * NS,
        S,
        "L1 cache reference",
        DEAN,
        2012,
    ),
    r(
        "branch_mispredict",
        5.0 * NS,
        S,
        "branch mispredict",
        DEAN,
        2012,
    ),
    r(
        "l2_cache_ref",
        7.0 * NS,
        S,
        "L2 cache reference",
        DEAN,
        2012,
    ),
    r(
        "mutex_lock_unlock",
        25.0 * NS,
        S,
        "mutex lock/unlock",
        DEAN,
        2012,
    ),
    r(
        "main_memory_ref",
        100.0 * NS,
        S,
        "main memory reference",
        DEAN,
        2012,
    ),
    r(
        "zippy_compress_1kb",
        3.0 * US,
        S,
        "compress 1 KB with Zippy (Snappy)",
        DEAN,
        2012,
    ),
    r(
        "send_1kb_1gbps",
        10.0 * US,
        S,
        "send 1 KB over a 1 Gbps network",
        DEAN,
        2012,
    ),
    r(
        "ssd_random_read",
        150.0 * US,
        S,
        "read 4 KB randomly from an SSD",
        DEAN,
        2012,
    ),
    r(
        "memory_seq_read_1mb",
        250.0 * US,
        S,
        "read 1 MB sequentially from memory",
        DEAN,
        2012,
    ),
    r(
        "datacenter_round_trip",
        500.0 * US,
        S,
        "round trip within the same datacenter",
        DEAN,
        2012,
    ),
    r(
        "ssd_seq_read_1mb",
        1.0 * MS,
        S,
        "read 1 MB sequentially from an SSD",
        DEAN,
        2012,
    ),
    r("disk_seek", 10.0 * MS, S, "disk seek", DEAN, 2012),
    r(
        "disk_seq_read_1mb",
        20.0 * MS,
        S,
        "read 1 MB sequentially from disk",
        DEAN,
        2012,
    ),
    r(
        "ca_netherlands_round_trip",
        150.0 * MS,
        S,
        "send a packet California -> Netherlands -> California",
        DEAN,
        2012,
    ),
    // Latencies: Colin Scott's extrapolation to 2020.
    r(
        "ssd_random_read_2020",
        16.0 * US,
        S,
        "SSD random read, 2020 model",
        SCOTT,
        2020,
    ),
    r(
        "memory_seq_read_1mb_2020",
        3.0 * US,
        S,
        "read 1 MB sequentially from memory, 2020 model (2,967 ns)",
        SCOTT,
        2020,
    ),
    r(
        "ssd_seq_read_1mb_2020",
        49.0 * US,
        S,
        "read 1 MB sequentially from an SSD, 2020 model",
        SCOTT,
        2020,
    ),
    r(
        "disk_seq_read_1mb_2020",
        825.0 * US,
        S,
        "read 1 MB sequentially from disk, 2020 model",
        SCOTT,
        2020,
    ),
    // Throughputs.
    r(
        "memory_seq_bandwidth",
        MB / (250.0 * US),
        BPS,
        "sequential read from memory, 4 GB/s (1 MB / 250 µs)",
        DEAN_DERIVED,
        2012,
    ),
    r(
        "ssd_seq_bandwidth",
        MB / (1.0 * MS),
        BPS,
        "sequential read from an SSD, 1 GB/s (1 MB / 1 ms)",
        DEAN_DERIVED,
        2012,
    ),
    r(
        "disk_seq_bandwidth",
        MB / (20.0 * MS),
        BPS,
        "sequential read from disk, 50 MB/s (1 MB / 20 ms)",
        DEAN_DERIVED,
        2012,
    ),
    r(
        "disk_seeks_per_s",
        1.0 / (10.0 * MS),
        PER_S,
        "random disk seeks per second, 100 (1 / 10 ms)",
        "derived from Dean 2012 (Bonér gist jboner/2841832): 1 / disk seek",
        2012,
    ),
    r(
        "datacenter_round_trips_per_s",
        1.0 / (500.0 * US),
        PER_S,
        "sequential round trips per second within a datacenter, 2,000 (1 / 500 µs)",
        "derived from Dean 2012 (Bonér gist jboner/2841832): 1 / datacenter round trip",
        2012,
    ),
    r(
        "link_1gbps",
        GBPS,
        BPS,
        "a 1 Gbps Ethernet link (1000BASE-T)",
        "IEEE 802.3ab",
        1999,
    ),
    r(
        "link_10gbps",
        10.0 * GBPS,
        BPS,
        "a 10 Gbps Ethernet link",
        "IEEE 802.3ae",
        2002,
    ),
    r(
        "link_100gbps",
        100.0 * GBPS,
        BPS,
        "a 100 Gbps Ethernet link",
        "IEEE 802.3ba",
        2010,
    ),
    // Capacities.
    r(
        "redis_ops_per_node",
        100_000.0,
        PER_S,
        "one Redis node, GET/SET, no pipelining: ~100K ops/s (measured 122.6K SET, 123.6K GET)",
        REDIS,
        2013,
    ),
    r(
        "redis_ops_pipelined",
        500_000.0,
        PER_S,
        "one Redis node, 16-command pipelining: ~500K ops/s (measured 552K SET, 707K GET)",
        REDIS,
        2013,
    ),
    r(
        "rdbms_ops_per_node",
        10_000.0,
        PER_S,
        "one MySQL/PostgreSQL node, simple indexed queries: ~10K queries/s, order of magnitude",
        "bote's own order-of-magnitude rule of thumb, not a published benchmark: measure yours",
        2026,
    ),
    r(
        "mysql_point_select_peak",
        1_600_000.0,
        PER_S,
        "record MySQL 5.7 sysbench point-select QPS on a large many-core server (not typical)",
        "Dimitri Kravtchuk, \"MySQL Performance: Yes, we can do more than 1.6M QPS (SQL) on MySQL 5.7 GA\", dimitrik.free.fr, 26 Oct 2015",
        2015,
    ),
    // Constants.
    r(
        "month_approx",
        2.5e6,
        S,
        "a month, rounded to 2.5 million seconds (1 req/s = 2.5M requests/month)",
        PRIMER,
        2017,
    ),
    r(
        "hundred_million_per_month",
        40.0,
        PER_S,
        "100 million per month = 40 per second",
        PRIMER,
        2017,
    ),
    r(
        "billion_per_month",
        400.0,
        PER_S,
        "1 billion per month = 400 per second",
        PRIMER,
        2017,
    ),
    r(
        "pow2_10",
        1024.0,
        NUM,
        "2^10, about a thousand (1 KiB = 1024 B)",
        "IEC 60027-2 Amendment 2 (binary prefixes)",
        1999,
    ),
    r(
        "pow2_20",
        1_048_576.0,
        NUM,
        "2^20, about a million (1 MiB)",
        "IEC 60027-2 Amendment 2 (binary prefixes)",
        1999,
    ),
    r(
        "pow2_30",
        1_073_741_824.0,
        NUM,
        "2^30, about a billion (1 GiB)",
        "IEC 60027-2 Amendment 2 (binary prefixes)",
        1999,
    ),
    r(
        "pow2_40",
        1_099_511_627_776.0,
        NUM,
        "2^40, about a trillion (1 TiB)",
        "IEC 60027-2 Amendment 2 (binary prefixes)",
        1999,
    ),
];

const fn r(
    name: &'static str,
    value: Number,
    dim: Dimension,
    about: &'static str,
    source: &'static str,
    year: u16,
) -> Reference {
    Reference {
        name,
        value,
        dim,
        about,
        source,
        year,
    }
}

pub fn lookup(name: &str) -> Option<&'static Reference> {
    REFERENCES.iter().find(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_not_units() {
        for (i, a) in REFERENCES.iter().enumerate() {
            assert!(
                crate::quantity::units::lookup(a.name).is_none(),
                "{} is a unit",
                a.name
            );
            assert!(
                crate::builtins::lookup(a.name).is_none(),
                "{} is a function",
                a.name
            );
            for b in &REFERENCES[i + 1..] {
                assert_ne!(a.name, b.name);
            }
            assert!(a.value.is_finite() && a.value > 0.0, "{}", a.name);
            assert!(!a.source.is_empty() && !a.about.is_empty(), "{}", a.name);
            assert!(
                (1900..=2100).contains(&a.year),
                "{}: every entry has a year",
                a.name
            );
        }
    }
}
