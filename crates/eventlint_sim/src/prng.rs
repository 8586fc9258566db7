//! The one PRNG of the simulator (xoshiro256++ seeded through SplitMix64) and its own distribution code, so a
//! seed gives the same stream on every platform and every version (dlq-simulator §5.2).

/// The PRNG id written in every report; changing the algorithm is a breaking change.
pub const PRNG_ID: &str = "xoshiro256++/splitmix64";

/// The independent streams of one run: adding a fault never changes the generated workload.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Generate,
    Schedule,
    Faults,
    Shrink,
}

impl Stream {
    fn name(self) -> &'static str {
        match self {
            Stream::Generate => "generate",
            Stream::Schedule => "schedule",
            Stream::Faults => "faults",
            Stream::Shrink => "shrink",
        }
    }
}

/// SplitMix64, used only to expand a 64-bit seed into xoshiro state.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a over the stream name, mixed into the seed so each stream starts elsewhere.
fn stream_salt(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// xoshiro256++ (Blackman and Vigna).
#[derive(Clone, Debug)]
pub struct Rng {
    state: [u64; 4],
}

impl Rng {
    /// The generator of `stream` for `seed`: SplitMix64 seeded with `seed ^ fnv1a(stream name)`.
    pub fn new(seed: u64, stream: Stream) -> Self {
        let mut mix = seed ^ stream_salt(stream.name());
        let state = [splitmix64(&mut mix), splitmix64(&mut mix), splitmix64(&mut mix), splitmix64(&mut mix)];
        Rng { state }
    }

    pub fn next_u64(&mut self) -> u64 {
        let [s0, s1, s2, s3] = self.state;
        let result = s0.wrapping_add(s3).rotate_left(23).wrapping_add(s0);
        let t = s1 << 17;
        let mut s = [s0, s1, s2 ^ s0, s3 ^ s1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        self.state = s;
        result
    }

    /// Uniform integer in `0..bound` by Lemire's multiply-and-reject; 0 when `bound` is 0.
    pub fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            return 0;
        }
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(bound);
            if (product as u64) >= threshold {
                return (product >> 64) as u64;
            }
        }
    }

    /// Bernoulli draw against an integer threshold from [`Probability`].
    pub fn chance(&mut self, probability: Probability) -> bool {
        match probability.0 {
            None => true,
            Some(threshold) => self.next_u64() < threshold,
        }
    }
}

/// A probability turned into a `u64` threshold once, at load time; no floats in decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Probability(Option<u64>);

impl Probability {
    /// `p` clamped to `[0, 1]`; 1 is "always".
    pub fn new(p: f64) -> Self {
        if p.is_nan() || p <= 0.0 {
            Probability(Some(0))
        } else if p >= 1.0 {
            Probability(None)
        } else {
            Probability(Some((p * 18_446_744_073_709_551_616.0) as u64))
        }
    }
}

/// Zipf(s) over `1..=n` as an integer CDF table searched by binary search.
#[derive(Clone, Debug)]
pub struct Zipf {
    cdf: Vec<u64>,
}

impl Zipf {
    /// Builds the table with `libm::pow`, so native and wasm32 produce identical tables.
    pub fn new(n: u32, exponent: f64) -> Self {
        let weights: Vec<f64> = (1..=n.max(1)).map(|rank| 1.0 / libm::pow(f64::from(rank), exponent)).collect();
        let total: f64 = weights.iter().sum();
        let scale = (u64::MAX >> 1) as f64;
        let mut acc = 0.0;
        let mut cdf: Vec<u64> = weights
            .iter()
            .map(|weight| {
                acc += weight;
                ((acc / total) * scale) as u64
            })
            .collect();
        if let Some(last) = cdf.last_mut() {
            *last = u64::MAX >> 1;
        }
        Zipf { cdf }
    }

    /// A rank in `0..n`, most popular first.
    pub fn sample(&mut self, rng: &mut Rng) -> u32 {
        let draw = rng.next_u64() >> 1;
        self.cdf.partition_point(|&bound| bound < draw) as u32
    }
}

/// Geometric number of failures: repeated Bernoulli draws, at least 1 and at most `max`.
pub fn geometric(rng: &mut Rng, continue_probability: Probability, max: u32) -> u32 {
    let mut count = 1;
    while count < max && rng.chance(continue_probability) {
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoshiro_stream_is_pinned() {
        // Pinned values: a change here breaks every report's reproducibility contract.
        let mut rng = Rng::new(42, Stream::Schedule);
        let first: Vec<u64> = (0..3).map(|_| rng.next_u64()).collect();
        let mut again = Rng::new(42, Stream::Schedule);
        assert_eq!(first, (0..3).map(|_| again.next_u64()).collect::<Vec<_>>());
        let mut other = Rng::new(42, Stream::Faults);
        assert_ne!(first[0], other.next_u64());
        insta::assert_debug_snapshot!(first);
    }

    #[test]
    fn xoshiro_matches_the_reference_implementation() {
        // Reference xoshiro256++ output for state [1, 2, 3, 4].
        let mut rng = Rng { state: [1, 2, 3, 4] };
        assert_eq!(rng.next_u64(), 41943041);
        assert_eq!(rng.next_u64(), 58720359);
    }

    #[test]
    fn below_stays_in_range_and_covers_it() {
        let mut rng = Rng::new(7, Stream::Generate);
        let mut seen = [0u32; 5];
        for _ in 0..1000 {
            let value = rng.below(5) as usize;
            seen[value] += 1;
        }
        assert!(seen.iter().all(|&count| count > 150), "{seen:?}");
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn probabilities_are_thresholds() {
        let mut rng = Rng::new(1, Stream::Faults);
        assert!((0..100).all(|_| rng.chance(Probability::new(1.0))));
        assert!((0..100).all(|_| !rng.chance(Probability::new(0.0))));
        let hits = (0..10_000).filter(|_| rng.chance(Probability::new(0.25))).count();
        assert!((2300..2700).contains(&hits), "{hits}");
    }

    #[test]
    fn zipf_prefers_low_ranks() {
        let mut zipf = Zipf::new(100, 1.1);
        let mut rng = Rng::new(3, Stream::Generate);
        let mut counts = vec![0u32; 100];
        for _ in 0..10_000 {
            counts[zipf.sample(&mut rng) as usize] += 1;
        }
        assert!(counts[0] > counts[1] && counts[1] > counts[50], "{:?}", &counts[..3]);
    }
}
