//! Key-to-partition mapping exactly as Kafka's Java client (murmur2) and librdkafka (crc32) compute it.

/// Kafka's `Utils.murmur2`: 32-bit murmur2 with seed `0x9747b28c`, read as a signed integer.
pub fn murmur2(data: &[u8]) -> i32 {
    const SEED: u32 = 0x9747_b28c;
    const M: u32 = 0x5bd1_e995;
    const R: u32 = 24;
    let mut h: u32 = SEED ^ (data.len() as u32);
    let mut blocks = data.chunks_exact(4);
    for block in &mut blocks {
        let mut k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }
    let tail = blocks.remainder();
    if tail.len() >= 3 {
        h ^= u32::from(tail[2]) << 16;
    }
    if tail.len() >= 2 {
        h ^= u32::from(tail[1]) << 8;
    }
    if let Some(&first) = tail.first() {
        h ^= u32::from(first);
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h as i32
}

/// Kafka's `Utils.toPositive`: clears the sign bit (this is not `abs`).
pub fn to_positive(value: i32) -> u32 {
    (value as u32) & 0x7fff_ffff
}

/// The reflected CRC-32 table of polynomial `0xedb88320`, built at compile time.
const CRC32_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < 256 {
        let mut crc = index as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            bit += 1;
        }
        table[index] = crc;
        index += 1;
    }
    table
};

/// Standard IEEE CRC-32 (zlib), as librdkafka's `consistent` partitioner uses it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &byte in data {
        crc = (crc >> 8) ^ CRC32_TABLE[((crc ^ u32::from(byte)) & 0xff) as usize];
    }
    !crc
}

/// How a producer maps a key to a partition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Partitioner {
    /// Java client default: `toPositive(murmur2(key)) % n`.
    Murmur2,
    /// librdkafka `consistent`: `crc32(key) % n`.
    Crc32,
    /// The scenario names the partition of every event.
    Explicit,
}

impl Partitioner {
    /// The catalog spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Partitioner::Murmur2 => "murmur2",
            Partitioner::Crc32 => "crc32",
            Partitioner::Explicit => "explicit",
        }
    }

    /// Parses the catalog spelling.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "murmur2" => Some(Partitioner::Murmur2),
            "crc32" => Some(Partitioner::Crc32),
            "explicit" => Some(Partitioner::Explicit),
            _ => None,
        }
    }

    /// The partition of `key` among `partitions`; `None` for `explicit` or zero partitions.
    pub fn partition(self, key: &[u8], partitions: u32) -> Option<u32> {
        if partitions == 0 {
            return None;
        }
        match self {
            Partitioner::Murmur2 => Some(to_positive(murmur2(key)) % partitions),
            Partitioner::Crc32 => Some(crc32(key) % partitions),
            Partitioner::Explicit => None,
        }
    }
}

impl eventlint_yaml::Vocabulary for Partitioner {
    const WORDS: &'static [(&'static str, Self)] =
        &[("murmur2", Partitioner::Murmur2), ("crc32", Partitioner::Crc32), ("explicit", Partitioner::Explicit)];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_murmur2(input: &str, expected: i32) {
        assert_eq!(murmur2(input.as_bytes()), expected, "murmur2({input:?})");
    }

    /// Kafka `UtilsTest.testMurmur2`.
    #[test]
    fn murmur2_matches_kafka_test_vectors() {
        check_murmur2("21", -973932308);
        check_murmur2("foobar", -790332482);
        check_murmur2("a-little-bit-long-string", -985981536);
        check_murmur2("a-little-bit-longer-string", -1486304829);
        check_murmur2("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971);
        check_murmur2("abc", 479470107);
    }

    #[test]
    fn to_positive_clears_the_sign_bit_instead_of_negating() {
        assert_eq!(to_positive(-1), 0x7fff_ffff);
        assert_eq!(to_positive(i32::MIN), 0);
        assert_eq!(to_positive(5), 5);
    }

    #[test]
    fn crc32_matches_the_zlib_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }

    fn check_partition(partitioner: Partitioner, key: &str, expected: u32) {
        assert_eq!(partitioner.partition(key.as_bytes(), 3), Some(expected), "{} {key}", partitioner.as_str());
    }

    /// Worked-example keys on 3 partitions (dlq-simulator §2.2).
    #[test]
    fn worked_example_keys_land_where_the_spec_says() {
        check_partition(Partitioner::Murmur2, "pay-1001", 2);
        check_partition(Partitioner::Murmur2, "pay-1002", 1);
        check_partition(Partitioner::Murmur2, "pay-1003", 2);
        check_partition(Partitioner::Crc32, "pay-1001", 2);
        check_partition(Partitioner::Crc32, "pay-1002", 1);
        check_partition(Partitioner::Crc32, "pay-1003", 1);
        assert_eq!(Partitioner::Explicit.partition(b"pay-1001", 3), None);
    }
}
