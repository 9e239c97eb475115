//! Sentences, the pipeline's second stage: the units the model reads, the calmer draft edits and
//! a received message is sorted by.

/// Sentence ranges, each including its closing punctuation.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    // The marks are ASCII, and UTF-8 never reuses ASCII bytes inside a longer character,
    // so bytes can be scanned directly.
    let bytes = text.as_bytes();
    let is_end = |b: u8| matches!(b, b'.' | b'!' | b'?');
    let worth_keeping = |s: &str| s.chars().any(char::is_alphanumeric);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let next_continues = bytes.get(i + 1).is_some_and(|&n| is_end(n));
        if (is_end(b) || b == b'\n') && !next_continues {
            let end = i + 1;
            if worth_keeping(&text[start..end]) {
                out.push((start, end));
            }
            start = end;
        }
    }
    if worth_keeping(&text[start..]) {
        out.push((start, text.len()));
    }
    out
}
