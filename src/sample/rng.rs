//! The generator: xoshiro256++ seeded by SplitMix64, with one stream a range, and the uniform
//! and normal numbers drawn from it.

/// SplitMix64's increment, the golden ratio in 64 bits.
const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// 2⁻⁵³, the step between the doubles [`Rng::uniform`] returns.
const STEP_53: f64 = 1.0 / 9_007_199_254_740_992.0;

/// 2⁻⁵², the step between the doubles [`Rng::open_uniform`] returns.
const STEP_52: f64 = 1.0 / 4_503_599_627_370_496.0;

/// A named, stable generator: xoshiro256++ (Blackman & Vigna, "Scrambled linear pseudorandom
/// number generators", 2021; <https://prng.di.unimi.it/xoshiro256plusplus.c>), its state seeded
/// by SplitMix64. Its stream never changes with a crate version, so a seed gives the same
/// estimate everywhere: the README cites this type, and the tests pin its first outputs.
///
/// [`Rng::next_u64`], [`Rng::uniform`] and [`Rng::open_uniform`] are integer operations and
/// exact conversions, identical on every machine. [`Rng::normal`] also needs a logarithm; see
/// its caveat.
#[derive(Clone, Debug)]
pub struct Rng {
    state: [u64; 4],
    /// The second normal of the last polar pair, which the next [`Rng::normal`] returns.
    spare: Option<f64>,
}

impl Rng {
    /// The generator for one range of a program: `stream` is the range's index in source
    /// order, so that adding a range elsewhere does not change the samples of the others, and
    /// `seed` is the run's (`--seed`, [`super::DEFAULT_SEED`]).
    ///
    /// Exactly: SplitMix64 is started at `seed ⊕ mix(stream)`, where `mix` is SplitMix64's
    /// output function (a bijection of u64 with `mix(0) = 0`), and its first four outputs are
    /// the state `s[0..4]`. So stream 0 is the reference seeding of xoshiro256++ from `seed`
    /// that Vigna recommends. The stream is mixed rather than XORed in as it is, because
    /// `1 ⊕ 0 = 0 ⊕ 1` would make seed 1's first range seed 0's second: mixed, small streams
    /// land far apart in 64 bits and never meet small seeds. Four consecutive SplitMix64
    /// outputs are distinct, so the state is never all zero (xoshiro's one bad state).
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut splitmix = seed ^ mix(stream);
        let mut next = || {
            splitmix = splitmix.wrapping_add(GOLDEN_GAMMA);
            mix(splitmix)
        };
        Rng::from_state([next(), next(), next(), next()])
    }

    fn from_state(state: [u64; 4]) -> Rng {
        Rng { state, spare: None }
    }

    /// The next 64 bits of xoshiro256++.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[0].wrapping_add(s[3]).rotate_left(23).wrapping_add(s[0]);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in [0, 1): the top 53 bits, times 2⁻⁵³ (every multiple of 2⁻⁵³ below 1, equally
    /// likely; the low bits of xoshiro256++ are its weakest).
    pub fn uniform(&mut self) -> f64 {
        unit(self.next_u64())
    }

    /// Uniform in (0, 1), never 0 (for logarithms) nor 1: the top 52 bits and half a step,
    /// `(k + ½)·2⁻⁵²`, which is exact, so it lies in [2⁻⁵³, 1 − 2⁻⁵³].
    pub fn open_uniform(&mut self) -> f64 {
        open_unit(self.next_u64())
    }

    /// Standard normal, by Marsaglia's polar method (Marsaglia & Bray, 1964), both outputs of
    /// a pair used: `u` and `v` are `2·uniform() − 1` (exact), a pair with `s = u² + v²` not in
    /// (0, 1) is drawn again (21% of pairs), and the accepted pair gives `u·f` now and `v·f` at
    /// the next call, `f = sqrt(−2 ln s / s)`. It needs no sine or cosine (Box–Muller needs
    /// both), and which pairs are accepted is decided by exact arithmetic, so every machine
    /// draws the same uniforms for the same normals.
    ///
    /// Caveat: `ln` comes from the platform's libm, whose last bit is not specified and may
    /// differ across platforms (glibc, macOS, Windows) or Rust versions; `sqrt` and the
    /// arithmetic are IEEE-exact (Rust never fuses a multiply and an add by itself). So a
    /// normal may differ in its last bit from one machine to another, never more, and the
    /// stream never shifts. This is known and accepted, not fixed.
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s > 0.0 && s < 1.0 {
                let f = (-2.0 * s.ln() / s).sqrt();
                self.spare = Some(v * f);
                return u * f;
            }
        }
    }
}

/// SplitMix64's output function (Steele, Lea & Flood, 2014; the constants of
/// <https://prng.di.unimi.it/splitmix64.c>), a bijection of u64.
fn mix(z: u64) -> u64 {
    let z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The top 53 bits of `bits` as a double in [0, 1).
fn unit(bits: u64) -> f64 {
    (bits >> 11) as f64 * STEP_53
}

/// The top 52 bits of `bits` and half a step, as a double in (0, 1).
fn open_unit(bits: u64) -> f64 {
    ((bits >> 12) as f64 + 0.5) * STEP_52
}

#[cfg(test)]
mod tests {
    use super::*;

    // The reference (Python 3, integers, independent of this file); it prints the literals
    // pinned below, and checks itself against SplitMix64's and xoshiro256++'s published
    // outputs first:
    //
    //     import math
    //     M, G = (1 << 64) - 1, 0x9E3779B97F4A7C15
    //     def mix(z):
    //         z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    //         z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    //         return z ^ (z >> 31)
    //     def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
    //     def xoshiro(s):
    //         while True:
    //             r = (rotl((s[0] + s[3]) & M, 23) + s[0]) & M
    //             t = (s[1] << 17) & M
    //             s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t
    //             s[3] = rotl(s[3], 45)
    //             yield r
    //     def rng(seed, stream):
    //         sm, s = seed ^ mix(stream), []
    //         for _ in range(4):
    //             sm = (sm + G) & M
    //             s.append(mix(sm))
    //         return xoshiro(s)
    //     assert mix(G) == 0xE220A8397B1DCDAF  # SplitMix64 from 0, first output
    //     g = xoshiro([1, 2, 3, 4]); assert [next(g) for _ in range(3)] == [41943041, 58720359, 3588806011781223]
    //     for seed, stream in [(1, 0), (1, 1), (2, 0)]:
    //         g = rng(seed, stream); print(seed, stream, [next(g) for _ in range(4)])
    //     # Polar normals from rng(1, 0):
    //     g = rng(1, 0); uni = lambda: (next(g) >> 11) * 2.0**-53; out = []
    //     while len(out) < 4:
    //         u, v = 2 * uni() - 1, 2 * uni() - 1; s = u * u + v * v
    //         if 0 < s < 1: f = math.sqrt(-2 * math.log(s) / s); out += [u * f, v * f]
    //     print(out)

    #[test]
    fn xoshiro_matches_the_reference_implementation() {
        // From state (1, 2, 3, 4), as in rand_xoshiro's test of Vigna's C code.
        let mut rng = Rng::from_state([1, 2, 3, 4]);
        let first: Vec<u64> = (0..10).map(|_| rng.next_u64()).collect();
        assert_eq!(
            first,
            [
                41943041,
                58720359,
                3588806011781223,
                3591011842654386,
                9228616714210784205,
                9973669472204895162,
                14011001112246962877,
                12406186145184390807,
                15849039046786891736,
                10450023813501588000,
            ]
        );
    }

    #[test]
    fn splitmix_matches_its_published_outputs() {
        // SplitMix64 from 0: its outputs are mix(k·γ).
        assert_eq!(mix(GOLDEN_GAMMA), 0xE220_A839_7B1D_CDAF);
        assert_eq!(mix(GOLDEN_GAMMA.wrapping_mul(2)), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(mix(GOLDEN_GAMMA.wrapping_mul(3)), 0x06C4_5D18_8009_454F);
        assert_eq!(mix(0), 0);
    }

    fn first_four(seed: u64, stream: u64) -> [u64; 4] {
        let mut rng = Rng::new(seed, stream);
        [(); 4].map(|()| rng.next_u64())
    }

    #[test]
    fn seeds_and_streams_are_pinned() {
        assert_eq!(
            first_four(1, 0),
            [
                14971601782005023387,
                13781649495232077965,
                1847458086238483744,
                13765271635752736470
            ]
        );
        assert_eq!(
            first_four(1, 1),
            [
                2628605492052061779,
                5131200495342158724,
                12315071883046852423,
                5532854530452122893
            ]
        );
        assert_eq!(
            first_four(2, 0),
            [
                14116099294885116970,
                9908902983784002248,
                12014208703938729165,
                5418364696612899442
            ]
        );
        assert_eq!(first_four(1, 0), first_four(1, 0));
    }

    #[test]
    fn different_streams_and_seeds_differ() {
        let mut firsts: Vec<u64> = Vec::new();
        for seed in 0..20 {
            for stream in 0..50 {
                firsts.push(Rng::new(seed, stream).next_u64());
            }
        }
        let count = firsts.len();
        firsts.sort_unstable();
        firsts.dedup();
        assert_eq!(firsts.len(), count);
        // The case a plain XOR would merge.
        assert_ne!(first_four(1, 0), first_four(0, 1));
    }

    #[test]
    fn uniforms_stay_inside_their_intervals() {
        assert_eq!(unit(0), 0.0);
        assert_eq!(unit(u64::MAX), 1.0 - STEP_53);
        assert_eq!(open_unit(0), STEP_53);
        assert_eq!(open_unit(u64::MAX), 1.0 - STEP_53);
        // Half a step is exact all the way up: no two top-52-bit values meet.
        assert!(open_unit(u64::MAX - (1 << 12)) < open_unit(u64::MAX));
        let mut rng = Rng::new(7, 0);
        let n = 100_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let (u, o) = (rng.uniform(), rng.open_uniform());
            assert!((0.0..1.0).contains(&u));
            assert!(o > 0.0 && o < 1.0);
            sum += u;
        }
        // Standard error sqrt(1/12/n) = 0.0009.
        assert!((sum / f64::from(n) - 0.5).abs() < 0.004);
    }

    #[test]
    fn normals_match_the_reference_polar_method() {
        let mut rng = Rng::new(1, 0);
        let want = [
            0.7497765692000015,
            0.5945638545653684,
            -0.42669737721760126,
            0.26274935681340256,
        ];
        for w in want {
            // Not bit for bit: the reference's ln is Python's libm, which may differ in the
            // last bit (see `Rng::normal`).
            let z = rng.normal();
            assert!((z - w).abs() <= 4.0 * f64::EPSILON * w.abs(), "{z} vs {w}");
        }
    }

    #[test]
    fn normals_have_the_standard_moments() {
        let mut rng = Rng::new(3, 9);
        let n = 200_000;
        let zs: Vec<f64> = (0..n).map(|_| rng.normal()).collect();
        let mean = zs.iter().sum::<f64>() / n as f64;
        let var = zs.iter().map(|z| (z - mean).powi(2)).sum::<f64>() / (n - 1) as f64;
        let below = zs.iter().filter(|&&z| z < -1.6448536269514722).count() as f64 / n as f64;
        // Standard errors: 0.0022 for the mean, 0.0032 for the variance, 0.0005 for the tail.
        assert!(mean.abs() < 0.01, "{mean}");
        assert!((var - 1.0).abs() < 0.015, "{var}");
        assert!((below - 0.05).abs() < 0.002, "{below}");
    }
}
