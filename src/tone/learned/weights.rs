//! The model itself: one weight per feature bucket, a bias, and the two probabilities at which
//! a sentence is flagged. The shipped weights are compiled in (`tone.weights`, written by
//! `cargo run --release --example train_tone`) and read in place: the header is checked once,
//! and no table is parsed or copied per check.

use std::sync::OnceLock;

use super::features::{self, Block, Span, BITS, BUCKETS};

const MAGIC: &[u8; 4] = b"EKTW";
const VERSION: u8 = 2;
/// Magic, version, bits, two reserved bytes, then scale, bias, flag, strong and gate as f32.
const HEADER: usize = 4 + 1 + 1 + 2 + 5 * 4;

/// Why a weights file cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WeightsError {
    #[error("not an Evenkeel weights file")]
    NotWeights,
    #[error("weights file version {0}, expected {expected}", expected = VERSION)]
    Version(u8),
    #[error("weights for 2^{0} buckets, the featuriser has 2^{bits}", bits = BITS)]
    Buckets(u8),
    #[error("the weights file is {0} bytes, expected {1}")]
    Length(usize, usize),
}

enum Table {
    /// Quantised to i16, little-endian, read straight from the compiled-in bytes.
    Compiled { bytes: &'static [u8], scale: f32 },
    /// Fresh from training (cross-validation folds, and before writing the file).
    Trained(Vec<f32>),
}

pub struct Model {
    table: Table,
    bias: f32,
    /// A sentence at or above this probability gets a finding of its own...
    pub flag: f32,
    /// ... a strong one at or above this.
    pub strong: f32,
    /// Below this, a moderate rule finding of a context-dependent kind ("damn", "as usual",
    /// "you should") is only a mild note: the sentence around it reads calm.
    pub gate: f32,
}

impl Model {
    /// The weights compiled into the binary; `None` only in a build made before any training.
    pub fn builtin() -> Option<&'static Model> {
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                let bytes: &'static [u8] = include_bytes!("tone.weights");
                if bytes.is_empty() {
                    return None;
                }
                Some(Model::from_bytes(bytes).expect("the compiled-in weights are valid"))
            })
            .as_ref()
    }

    pub fn from_trained(weights: Vec<f32>, bias: f32, [flag, strong, gate]: [f32; 3]) -> Model {
        assert_eq!(weights.len(), BUCKETS);
        Model {
            table: Table::Trained(weights),
            bias,
            flag,
            strong,
            gate,
        }
    }

    pub fn from_bytes(bytes: &'static [u8]) -> Result<Model, WeightsError> {
        if bytes.len() < HEADER || &bytes[..4] != MAGIC {
            return Err(WeightsError::NotWeights);
        }
        if bytes[4] != VERSION {
            return Err(WeightsError::Version(bytes[4]));
        }
        if u32::from(bytes[5]) != BITS {
            return Err(WeightsError::Buckets(bytes[5]));
        }
        let expected = HEADER + 2 * BUCKETS;
        if bytes.len() != expected {
            return Err(WeightsError::Length(bytes.len(), expected));
        }
        let f = |k: usize| {
            let o = 8 + 4 * k;
            f32::from_le_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]])
        };
        Ok(Model {
            table: Table::Compiled {
                bytes: &bytes[HEADER..],
                scale: f(0),
            },
            bias: f(1),
            flag: f(2),
            strong: f(3),
            gate: f(4),
        })
    }

    /// The file `from_bytes` reads: weights quantised to i16 against the largest one.
    pub fn to_bytes(&self) -> Vec<u8> {
        let weights: Vec<f32> = (0..BUCKETS).map(|i| self.weight(i as u32)).collect();
        let largest = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 {
            largest / f32::from(i16::MAX)
        } else {
            1.0
        };
        let mut out = Vec::with_capacity(HEADER + 2 * BUCKETS);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, BITS as u8, 0, 0]);
        for v in [scale, self.bias, self.flag, self.strong, self.gate] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for w in weights {
            out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
        }
        out
    }

    fn weight(&self, i: u32) -> f32 {
        let i = i as usize;
        match &self.table {
            Table::Compiled { bytes, scale } => {
                f32::from(i16::from_le_bytes([bytes[2 * i], bytes[2 * i + 1]])) * scale
            }
            Table::Trained(w) => w[i],
        }
    }

    /// How likely the span is to land as hostile, 0 to 1; 0 for a span with no words.
    pub fn probability(&self, span: &Span) -> f32 {
        self.probability_of(&self.sums(span))
    }

    /// The span's weights summed by block: what `probability` reads, kept so a message's
    /// sentences can be added up into the message without reading it twice.
    pub fn sums(&self, span: &Span) -> Sums {
        let mut out = Sums::default();
        features::each(span, |block, i| {
            let k = block as usize;
            out.sums[k] += self.weight(i);
            out.counts[k] += 1;
        });
        out
    }

    /// The probability of the features summed in `s`; 0 when they hold no words.
    pub fn probability_of(&self, s: &Sums) -> f32 {
        if s.counts[Block::Word as usize] == 0 {
            return 0.0;
        }
        let z = self.bias
            + s.sums[0] * unit(s.counts[0])
            + s.sums[1] * unit(s.counts[1])
            + s.sums[Block::Signal as usize];
        sigmoid(z)
    }
}

/// Weights and feature counts of a span, by block. Adding the sums of a message's sentences
/// gives the message as the model reads it whole.
#[derive(Debug, Default, Clone, Copy)]
pub struct Sums {
    sums: [f32; 3],
    counts: [usize; 3],
}

impl std::ops::AddAssign for Sums {
    fn add_assign(&mut self, other: Sums) {
        for k in 0..3 {
            self.sums[k] += other.sums[k];
            self.counts[k] += other.counts[k];
        }
    }
}

/// The factor that gives a block of `n` features (each counting 1) unit length.
pub fn unit(n: usize) -> f32 {
    if n == 0 {
        0.0
    } else {
        1.0 / (n as f32).sqrt()
    }
}

pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_weights_load() {
        let m = Model::builtin().expect("trained weights are committed");
        assert!(m.gate < m.strong && m.flag <= m.strong && m.strong < 1.0);
    }

    #[test]
    fn weights_survive_the_file_within_quantisation() {
        let mut w = vec![0f32; BUCKETS];
        w[7] = 2.5;
        w[99] = -1.25;
        let m = Model::from_trained(w, -0.5, [0.6, 0.9, 0.2]);
        let bytes: &'static [u8] = Box::leak(m.to_bytes().into_boxed_slice());
        let back = Model::from_bytes(bytes).unwrap();
        assert!((back.weight(7) - 2.5).abs() < 1e-3 && (back.weight(99) + 1.25).abs() < 1e-3);
        assert_eq!(
            (back.bias, back.flag, back.strong, back.gate),
            (-0.5, 0.6, 0.9, 0.2)
        );
        assert_eq!(
            Model::from_bytes(b"nope").err(),
            Some(WeightsError::NotWeights)
        );
    }
}
