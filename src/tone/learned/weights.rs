//! The model itself: three logistic regressions over the same features, one weight each per
//! feature bucket. One reads co-parenting messages, one reads messages of any other kind, and
//! the third says which kind a message is and so how much each of the others counts. One model
//! for both loses both: the public corpora's toxicity is loud and the co-parenting hostility
//! quiet, so a single threshold is either blind to the second or jumpy on the first's calm
//! rewrites (measured by `train_tone`, see the README).
//!
//! The shipped weights are compiled in (`tone.weights`, written by `cargo run --release
//! --example train_tone`) and read in place: the header is checked once, and no table is parsed
//! or copied per check. A bucket's three weights sit side by side, so one feature costs one read.

use std::sync::OnceLock;

use super::features::{self, Block, Span, BITS, BUCKETS};

/// The model's three readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    /// Hostility in messages between separated parents.
    Coparent = 0,
    /// Hostility in messages of any other kind (the public corpora).
    General = 1,
    /// How likely the message is to be between separated parents.
    Domain = 2,
}

pub const HEADS: usize = 3;

/// Whose messages the model is reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Audience {
    /// Messages between separated parents, which is all Evenkeel reads: drafts to the other
    /// parent, messages received from them, imported chats. The co-parenting reader alone.
    #[default]
    CoParents,
    /// Messages of any kind, the public corpora's among them: the domain head decides how much
    /// each reader counts.
    Anyone,
}

const MAGIC: &[u8; 4] = b"EKTW";
const VERSION: u8 = 3;
/// Magic, version, bits, two reserved bytes, then per head a scale and a bias, then flag, strong
/// and gate, all f32.
const HEADER: usize = 4 + 1 + 1 + 2 + (2 * HEADS + 3) * 4;

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

#[derive(Clone)]
enum Table {
    /// Quantised to i16, little-endian, a bucket's heads side by side, read straight from the
    /// compiled-in bytes; one scale per head.
    Compiled {
        bytes: &'static [u8],
        scale: [f32; HEADS],
    },
    /// Fresh from training (cross-validation folds, and before writing the file).
    Trained(Vec<[f32; HEADS]>),
}

#[derive(Clone)]
pub struct Model {
    table: Table,
    bias: [f32; HEADS],
    /// A sentence at or above this probability gets a finding of its own...
    pub flag: f32,
    /// ... a strong one at or above this.
    pub strong: f32,
    /// Below this, a moderate rule finding of a context-dependent kind ("damn", "as usual",
    /// "you should") is only a mild note: the sentence around it reads calm.
    pub gate: f32,
    pub audience: Audience,
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

    pub fn from_trained(
        weights: Vec<[f32; HEADS]>,
        bias: [f32; HEADS],
        [flag, strong, gate]: [f32; 3],
    ) -> Model {
        assert_eq!(weights.len(), BUCKETS);
        Model {
            table: Table::Trained(weights),
            bias,
            flag,
            strong,
            gate,
            audience: Audience::default(),
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
        let expected = HEADER + 2 * HEADS * BUCKETS;
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
                scale: [f(0), f(1), f(2)],
            },
            bias: [f(3), f(4), f(5)],
            flag: f(6),
            strong: f(7),
            gate: f(8),
            audience: Audience::default(),
        })
    }

    /// The file `from_bytes` reads: each head's weights quantised to i16 against its largest.
    pub fn to_bytes(&self) -> Vec<u8> {
        let weights: Vec<[f32; HEADS]> = (0..BUCKETS).map(|i| self.weight(i as u32)).collect();
        let scale: [f32; HEADS] = std::array::from_fn(|h| {
            let largest = weights.iter().fold(0f32, |m, w| m.max(w[h].abs()));
            if largest > 0.0 {
                largest / f32::from(i16::MAX)
            } else {
                1.0
            }
        });
        let mut out = Vec::with_capacity(HEADER + 2 * HEADS * BUCKETS);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&[VERSION, BITS as u8, 0, 0]);
        for v in scale
            .iter()
            .chain(&self.bias)
            .chain(&[self.flag, self.strong, self.gate])
        {
            out.extend_from_slice(&v.to_le_bytes());
        }
        for w in weights {
            for h in 0..HEADS {
                out.extend_from_slice(&((w[h] / scale[h]).round() as i16).to_le_bytes());
            }
        }
        out
    }

    fn weight(&self, i: u32) -> [f32; HEADS] {
        let i = i as usize;
        match &self.table {
            Table::Compiled { bytes, scale } => {
                let b = &bytes[2 * HEADS * i..2 * HEADS * (i + 1)];
                std::array::from_fn(|h| {
                    f32::from(i16::from_le_bytes([b[2 * h], b[2 * h + 1]])) * scale[h]
                })
            }
            Table::Trained(w) => w[i],
        }
    }

    /// How likely the span is to land as hostile, 0 to 1; 0 for a span with no words. The span
    /// is its own context: a sentence of a longer message is read with `probability_in`.
    pub fn probability(&self, span: &Span) -> f32 {
        self.probability_of(&self.sums(span))
    }

    /// The span's weights summed by block and head: what `probability` reads, kept so a
    /// message's sentences can be added up into the message without reading it twice.
    pub fn sums(&self, span: &Span) -> Sums {
        let mut out = Sums::default();
        features::each(span, |block, i| {
            let k = block as usize;
            for (sum, w) in out.sums[k].iter_mut().zip(self.weight(i)) {
                *sum += w;
            }
            out.counts[k] += 1;
        });
        out
    }

    /// The probability of the features summed in `s`, read in their own context.
    pub fn probability_of(&self, s: &Sums) -> f32 {
        self.probability_in(s, self.domain(s))
    }

    /// How likely the features summed in `s` are to come from a message between separated
    /// parents: a message's kind is decided once, on the whole message, and its sentences are
    /// then read in it.
    pub fn domain(&self, s: &Sums) -> f32 {
        match self.audience {
            Audience::CoParents => 1.0,
            Audience::Anyone => self.kind(s),
        }
    }

    /// What the domain head makes of `s` whatever the audience: how likely it is to come from
    /// a message between separated parents.
    pub fn kind(&self, s: &Sums) -> f32 {
        sigmoid(self.logit(s, Head::Domain))
    }

    /// The same weights reading for another audience (the table is shared, not copied, when
    /// it is the compiled-in one).
    pub fn for_audience(&self, audience: Audience) -> Model {
        Model {
            audience,
            ..self.clone()
        }
    }

    /// The probability of `s` being hostile in a message of the given `domain`: the two
    /// readers' probabilities, weighed by it. 0 when `s` holds no words.
    pub fn probability_in(&self, s: &Sums, domain: f32) -> f32 {
        if s.counts[Block::Word as usize] == 0 {
            return 0.0;
        }
        domain * sigmoid(self.logit(s, Head::Coparent))
            + (1.0 - domain) * sigmoid(self.logit(s, Head::General))
    }

    /// One head's score before the logistic function: what training fits.
    pub fn logit(&self, s: &Sums, head: Head) -> f32 {
        let h = head as usize;
        self.bias[h]
            + s.sums[0][h] * unit(s.counts[0])
            + s.sums[1][h] * unit(s.counts[1])
            + s.sums[Block::Signal as usize][h]
    }
}

/// Weights and feature counts of a span, by block and head. Adding the sums of a message's
/// sentences gives the message as the model reads it whole.
#[derive(Debug, Default, Clone, Copy)]
pub struct Sums {
    sums: [[f32; HEADS]; 3],
    counts: [usize; 3],
}

impl std::ops::AddAssign for Sums {
    fn add_assign(&mut self, other: Sums) {
        for k in 0..3 {
            for h in 0..HEADS {
                self.sums[k][h] += other.sums[k][h];
            }
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
    fn the_audience_decides_which_reader_counts() {
        use super::super::features::Span;
        let text = "see you at the match";
        let ws = super::super::super::normalize::words(text);
        let span = Span::whole(text, &ws);
        // The co-parenting reader finds it hostile, the general one calm, and the domain head
        // (its bias alone) thinks it is nobody's co-parenting message.
        let m = Model::from_trained(
            vec![[0.0; HEADS]; BUCKETS],
            [4.0, -4.0, -4.0],
            [0.5, 0.9, 0.4],
        );
        let s = m.sums(&span);
        assert!(m.probability_of(&s) > 0.98, "co-parents: the first reader");
        let anyone = m.for_audience(Audience::Anyone);
        assert!(anyone.domain(&s) < 0.02 && anyone.kind(&s) == m.kind(&s));
        assert!(
            anyone.probability_of(&s) < 0.1,
            "anyone: weighed by the domain head"
        );
        // Half and half: the readers' probabilities averaged.
        let p = anyone.probability_in(&s, 0.5);
        assert!((p - 0.5).abs() < 1e-3, "{p}");
    }

    #[test]
    fn weights_survive_the_file_within_quantisation() {
        let mut w = vec![[0f32; HEADS]; BUCKETS];
        w[7] = [2.5, 0.0, -8.0];
        w[99] = [-1.25, 0.5, 0.0];
        let m = Model::from_trained(w, [-0.5, 0.25, 1.0], [0.6, 0.9, 0.2]);
        let bytes: &'static [u8] = Box::leak(m.to_bytes().into_boxed_slice());
        let back = Model::from_bytes(bytes).unwrap();
        let close =
            |a: [f32; HEADS], b: [f32; HEADS]| (0..HEADS).all(|h| (a[h] - b[h]).abs() < 1e-3);
        assert!(close(back.weight(7), [2.5, 0.0, -8.0]));
        assert!(close(back.weight(99), [-1.25, 0.5, 0.0]));
        assert_eq!(
            (back.bias, back.flag, back.strong, back.gate),
            ([-0.5, 0.25, 1.0], 0.6, 0.9, 0.2)
        );
        assert_eq!(
            Model::from_bytes(b"nope").err(),
            Some(WeightsError::NotWeights)
        );
    }
}
