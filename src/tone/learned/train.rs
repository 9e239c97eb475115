//! Training the model: logistic regression by AdaGrad over the featuriser's hashed features,
//! each example weighted so the co-parenting sets are not drowned by the public corpora, and
//! k-fold cross-validation of the whole checker (rules and model together) on held-out rows.
//! Deterministic: the only randomness is a fixed-seed shuffle.

use super::super::detect;
use super::super::eval::Tally;
use super::super::report::{ToneSettings, Verdict};
use super::super::sentences::sentences;
use super::features::{self, Block, BUCKETS};
use super::weights::{sigmoid, unit, Audience, Head, Model, HEADS};

/// The features of one span, by block.
#[derive(Default)]
struct Features {
    word: Vec<u32>,
    char: Vec<u32>,
    signal: Vec<u32>,
}

/// One labelled message as the trainer sees it: the features of the whole message (its
/// sentences' features together, as the checker adds them up), computed once, and for a calm
/// message of several sentences each sentence as well, since the checker also reads sentences
/// one by one and a calm message's sentences are each calm.
pub struct Example {
    parts: Vec<(Features, f32)>,
    label: bool,
    /// Whether it is a message between separated parents: which head learns its label, and
    /// what the domain head learns from it.
    coparent: bool,
}

impl Example {
    /// Reads `text` the way the checker reads it: folded words, quotations and the rule
    /// findings, sentence by sentence.
    pub fn new(
        text: &str,
        label: bool,
        coparent: bool,
        weight: f32,
        settings: &ToneSettings,
    ) -> Example {
        let rules = detect::rules(text, settings);
        let sentences: Vec<Features> = sentences(text)
            .into_iter()
            .map(|(start, end)| {
                let mut f = Features::default();
                features::each(&rules.span(text, start, end), |block, i| match block {
                    Block::Word => f.word.push(i),
                    Block::Char => f.char.push(i),
                    Block::Signal => f.signal.push(i),
                });
                f
            })
            .collect();
        let mut whole = Features::default();
        for f in &sentences {
            whole.word.extend(&f.word);
            whole.char.extend(&f.char);
            whole.signal.extend(&f.signal);
        }
        let mut parts = vec![(whole, weight)];
        if !label && sentences.len() > 1 {
            let each = weight / sentences.len() as f32;
            parts.extend(sentences.into_iter().map(|f| (f, each)));
        }
        Example {
            parts,
            label,
            coparent,
        }
    }

    /// What `head` learns from this example: the parts it reads, each with its label.
    fn for_head(&self, head: Head, p: &Params) -> impl Iterator<Item = (&Features, bool, f32)> {
        let (parts, label, scale) = match head {
            // A message's kind is decided on the whole message.
            Head::Domain => (&self.parts[..1], self.coparent, 1.0),
            Head::Coparent if self.coparent => (&self.parts[..], self.label, 1.0),
            Head::General if !self.coparent => (&self.parts[..], self.label, 1.0),
            _ if !self.label => (&self.parts[..], false, p.other_calm),
            _ => (&self.parts[..], true, p.other),
        };
        parts.iter().map(move |(f, w)| (f, label, w * scale))
    }
}

/// How to train. The defaults are what the shipped weights were trained with.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub epochs: usize,
    pub rate: f32,
    pub l2: f32,
    /// The domain head's L2: telling the kinds of message apart is easy, and a weakly
    /// regularised head says so with confidence rather than mixing the two readers.
    pub domain_l2: f32,
    /// How much a hostility head learns from the other kind of message, relative to its own.
    /// A little: AdaGrad scales each feature's steps by that feature's own gradients, so the
    /// other kind's examples barely move the weights of words the head's own messages use, and
    /// still teach it words they never show (an insult met only in the public corpora).
    pub other: f32,
    /// ... and from the other kind's calm messages.
    pub other_calm: f32,
    pub seed: u64,
    /// The probabilities at which a sentence is flagged, and flagged strongly.
    pub flag: f32,
    pub strong: f32,
    /// The probability below which a context-dependent rule finding is only a mild note.
    pub gate: f32,
    /// Whose messages cross-validation reads every set as; by default each set as what it is
    /// (the co-parenting sets as co-parents, the public corpora as anyone's), as `evenkeel eval`
    /// decides for a file.
    pub audience: Option<Audience>,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            epochs: 12,
            rate: 0.15,
            l2: 1e-3,
            domain_l2: 1e-4,
            other: 1e-3,
            other_calm: 1e-3,
            seed: 0x5eed_e7e2,
            flag: 0.53,
            strong: 0.85,
            gate: 0.45,
            audience: None,
        }
    }
}

/// SplitMix64: a tiny, fixed, seedable generator, so the same data always gives the same
/// weights.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Trains the model's three heads on `examples`, each on the examples that are its to learn.
pub fn train(examples: &[&Example], p: &Params) -> Model {
    let mut table = vec![[0f32; HEADS]; BUCKETS];
    let mut bias = [0f32; HEADS];
    for head in [Head::Coparent, Head::General, Head::Domain] {
        let items: Vec<(&Features, bool, f32)> =
            examples.iter().flat_map(|e| e.for_head(head, p)).collect();
        let fit_p = if head == Head::Domain {
            Params {
                l2: p.domain_l2,
                ..*p
            }
        } else {
            *p
        };
        let (w, b) = fit(items, &fit_p, p.seed ^ head as u64);
        for (slot, v) in table.iter_mut().zip(w) {
            slot[head as usize] = v;
        }
        bias[head as usize] = b;
    }
    Model::from_trained(table, bias, [p.flag, p.strong, p.gate])
}

/// Logistic regression by AdaGrad over weighted, labelled feature sets; the weights are scaled
/// to average 1 so the learning rate and L2 mean the same for every head.
fn fit(mut items: Vec<(&Features, bool, f32)>, p: &Params, seed: u64) -> (Vec<f32>, f32) {
    let mut w = vec![0f32; BUCKETS];
    let mut g2 = vec![0f32; BUCKETS];
    let (mut bias, mut bias_g2) = (0f32, 0f32);
    if items.is_empty() {
        return (w, bias);
    }
    let mean = items.iter().map(|i| i.2).sum::<f32>() / items.len() as f32;
    let mut rng = Rng::new(seed);
    const EPS: f32 = 1e-6;
    for _ in 0..p.epochs {
        rng.shuffle(&mut items);
        for &(f, label, weight) in &items {
            let blocks = [
                (&f.word, unit(f.word.len())),
                (&f.char, unit(f.char.len())),
                (&f.signal, 1.0),
            ];
            let mut z = bias;
            for (idx, v) in blocks {
                z += idx.iter().map(|&i| w[i as usize]).sum::<f32>() * v;
            }
            let g = (sigmoid(z) - f32::from(u8::from(label))) * weight / mean;
            for (idx, v) in blocks {
                for &i in idx.iter() {
                    let i = i as usize;
                    let grad = g * v + p.l2 * w[i];
                    g2[i] += grad * grad;
                    w[i] -= p.rate * grad / (g2[i] + EPS).sqrt();
                }
            }
            bias_g2 += g * g;
            bias -= p.rate * g / (bias_g2 + EPS).sqrt();
        }
    }
    (w, bias)
}

/// One labelled file: its rows and how much its examples weigh in training.
pub struct Set {
    pub name: String,
    pub rows: Vec<Row>,
    /// The set's share of the total training weight (the shares need not add up to 1).
    pub share: f64,
    /// Whether its messages are between separated parents.
    pub coparent: bool,
}

pub struct Row {
    pub label: bool,
    pub category: Option<String>,
    pub text: String,
}

/// Per-example weights that give each set its share of the total weight, averaging 1.
pub fn example_weights(sets: &[Set]) -> Vec<f32> {
    let total_rows: usize = sets.iter().map(|s| s.rows.len()).sum();
    let total_share: f64 = sets.iter().map(|s| s.share).sum();
    sets.iter()
        .map(|s| (s.share / total_share * total_rows as f64 / s.rows.len().max(1) as f64) as f32)
        .collect()
}

/// Featurises every row of every set, weighted by its set's share.
pub fn examples(sets: &[Set], settings: &ToneSettings, hard: f32) -> Vec<Vec<Example>> {
    let weights = example_weights(sets);
    sets.iter()
        .zip(weights)
        .map(|(s, weight)| {
            s.rows
                .iter()
                .map(|r| {
                    // Calm messages with risky-looking words are where a false alarm teaches
                    // a parent to ignore the checker: they weigh more.
                    let w = if r.category.as_deref() == Some("hard-negative") {
                        weight * hard
                    } else {
                        weight
                    };
                    Example::new(&r.text, r.label, s.coparent, w, settings)
                })
                .collect()
        })
        .collect()
}

/// k-fold cross-validation of the whole checker: each fold's model is trained on the other
/// folds of every set, and each held-out row is checked with rules and that model together,
/// once for each flagging threshold in `flags`. Returns, per threshold, one tally per set,
/// every row counted exactly once, held out.
pub fn cross_validate(
    sets: &[Set],
    examples: &[Vec<Example>],
    k: usize,
    p: &Params,
    settings: &ToneSettings,
    flags: &[f32],
) -> Vec<Vec<Tally>> {
    let folds = fold_of_rows(sets, k, p.seed);
    let mut tallies: Vec<Vec<Tally>> = flags
        .iter()
        .map(|_| sets.iter().map(|_| Tally::default()).collect())
        .collect();
    for f in 0..k {
        let train_on = outside_fold(examples, &folds, f);
        let mut model = train(&train_on, p);
        for (&flag, per_set) in flags.iter().zip(tallies.iter_mut()) {
            model.flag = flag;
            model.strong = p.strong.max(flag);
            for ((set, fold), tally) in sets.iter().zip(&folds).zip(per_set.iter_mut()) {
                let model = model.for_audience(p.audience.unwrap_or(if set.coparent {
                    Audience::CoParents
                } else {
                    Audience::Anyone
                }));
                for (row, _) in set.rows.iter().zip(fold).filter(|(_, x)| **x == f) {
                    let verdict = super::super::verdict_with(&row.text, settings, Some(&model));
                    tally.add(row.label, row.category.as_deref(), verdict != Verdict::Calm);
                }
            }
        }
    }
    tallies
}

/// One held-out row as the checker read it in cross-validation, for studying the decision.
pub struct HeldOut {
    pub label: bool,
    pub sentences: usize,
    /// The model's probability for the whole message, and for its most hostile sentence.
    pub whole: f32,
    /// How likely the model finds it that the message is between separated parents.
    pub domain: f32,
    /// The co-parenting and the general reader's probabilities for the whole message.
    pub heads: [f32; 2],
    pub most: f32,
    /// The verdict of the rules alone, of the rules with the model's gating but none of its
    /// own findings, and of rules and model together.
    pub rules: Verdict,
    pub gated: Verdict,
    pub verdict: Verdict,
}

/// Like `cross_validate` at the trained flag, but returns every held-out row's readings.
pub fn held_out(
    sets: &[Set],
    examples: &[Vec<Example>],
    k: usize,
    p: &Params,
    settings: &ToneSettings,
) -> Vec<Vec<HeldOut>> {
    let folds = fold_of_rows(sets, k, p.seed);
    let mut out: Vec<Vec<Option<HeldOut>>> = sets
        .iter()
        .map(|s| s.rows.iter().map(|_| None).collect())
        .collect();
    for f in 0..k {
        let train_on = outside_fold(examples, &folds, f);
        let model = train(&train_on, p).for_audience(Audience::Anyone);
        // The model's gating of context-dependent rule findings, without findings of its own.
        let mut only_gate = model.clone();
        only_gate.flag = f32::INFINITY;
        only_gate.strong = f32::INFINITY;
        for ((set, fold), rows) in sets.iter().zip(&folds).zip(out.iter_mut()) {
            for ((row, _), slot) in set
                .rows
                .iter()
                .zip(fold)
                .zip(rows.iter_mut())
                .filter(|((_, x), _)| **x == f)
            {
                let text = &row.text;
                let rules = detect::rules(text, settings);
                let ranges = sentences(text);
                let (sums, whole) = detect::sentence_sums(text, &ranges, &rules, &model);
                let domain = model.domain(&whole);
                let most = sums
                    .iter()
                    .map(|s| model.probability_in(s, domain))
                    .fold(0f32, f32::max);
                let verdict = super::super::verdict_with(text, settings, Some(&model));
                *slot = Some(HeldOut {
                    label: row.label,
                    sentences: ranges.len(),
                    whole: model.probability_in(&whole, domain),
                    domain,
                    heads: [
                        sigmoid(model.logit(&whole, Head::Coparent)),
                        sigmoid(model.logit(&whole, Head::General)),
                    ],
                    most,
                    rules: super::super::verdict_with(text, settings, None),
                    gated: super::super::verdict_with(text, settings, Some(&only_gate)),
                    verdict,
                });
            }
        }
    }
    out.into_iter()
        .map(|rows| {
            rows.into_iter()
                .map(|r| r.expect("every row is held out once"))
                .collect()
        })
        .collect()
}

/// Every example not in fold `f`: what that fold's model trains on.
fn outside_fold<'a>(
    examples: &'a [Vec<Example>],
    folds: &[Vec<usize>],
    f: usize,
) -> Vec<&'a Example> {
    examples
        .iter()
        .zip(folds)
        .flat_map(|(ex, fold)| ex.iter().zip(fold).filter(|(_, x)| **x != f))
        .map(|(e, _)| e)
        .collect()
}

/// Each row's fold, shuffled with a fixed seed per set, so every run holds out the same rows.
fn fold_of_rows(sets: &[Set], k: usize, seed: u64) -> Vec<Vec<usize>> {
    sets.iter()
        .enumerate()
        .map(|(n, s)| {
            let mut idx: Vec<usize> = (0..s.rows.len()).collect();
            Rng::new(seed ^ n as u64).shuffle(&mut idx);
            let mut fold = vec![0; s.rows.len()];
            for (pos, &i) in idx.iter().enumerate() {
                fold[i] = pos % k;
            }
            fold
        })
        .collect()
}

/// Trains on every example of every set: the shipped weights.
pub fn train_all(examples: &[Vec<Example>], p: &Params) -> Model {
    let all: Vec<&Example> = examples.iter().flatten().collect();
    train(&all, p)
}

/// Reads a labelled TSV: `label<TAB>text`, or `label<TAB>category<TAB>text`.
pub fn read_rows(tsv: &str) -> Vec<Row> {
    let mut lines = tsv.lines();
    let header = lines.next().unwrap_or_default();
    let with_category = header.starts_with("label\tcategory");
    lines
        .filter_map(|l| {
            let (label, rest) = l.split_once('\t')?;
            let (category, text) = if with_category {
                let (c, t) = rest.split_once('\t')?;
                (Some(c.to_string()), t)
            } else {
                (None, rest)
            };
            Some(Row {
                label: label.trim() == "1",
                category,
                text: text.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::features::Span;
    use super::*;

    #[test]
    fn training_is_deterministic_and_learns_a_separable_set() {
        let s = ToneSettings::default();
        let rows = [
            ("you are a bully", true),
            ("you bully", true),
            ("stop being a bully", true),
            ("see you at ten", false),
            ("thanks for today", false),
            ("see you on friday", false),
        ];
        let ex: Vec<Example> = rows
            .iter()
            .map(|(t, l)| Example::new(t, *l, true, 1.0, &s))
            .collect();
        let refs: Vec<&Example> = ex.iter().collect();
        let a = train(&refs, &Params::default());
        let b = train(&refs, &Params::default());
        assert_eq!(a.to_bytes(), b.to_bytes());
        let text = "such a bully";
        let ws = super::super::super::normalize::words(text);
        let span = Span::whole(text, &ws);
        assert!(a.probability(&span) > 0.5);
    }
}
