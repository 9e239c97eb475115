//! The learned half of detection: a logistic regression over hashed word and character n-grams
//! of a sentence's folded words and the rules' own findings. It catches the hostility no phrase
//! list names ("One more late drop-off and my solicitor will be writing to you"); the rules
//! still give what it cannot: the exact words, the reason and the rewrite.
//!
//! `features` is shared by training (`train`, run by `examples/train_tone.rs`) and the checker,
//! and `weights` holds the trained table compiled into the binary.

pub mod features;
pub mod train;
mod weights;

pub use weights::{Audience, Model, Sums, WeightsError};

/// The files the shipped weights were trained on (by name): figures the checker scores on them
/// are in-sample, so `evenkeel eval` says so, and only cross-validated ones count as accuracy.
pub const TRAINING_FILES: &[&str] = &[
    "coparent_dev.tsv",
    "coparenting.tsv",
    "coparenting_more.tsv",
    "coparenting_hostile.tsv",
    "coparenting_calm.tsv",
    "coparenting_subtle.tsv",
    "coparenting_long.tsv",
    "coparenting_short.tsv",
    "coparenting_veiled.tsv",
    "coparenting_everyday.tsv",
    "coparenting_mixed.tsv",
    "coparenting_everyday_short.tsv",
    "paradetox.tsv",
    "convabuse_train.tsv",
    "politeness_wikipedia.tsv",
];
