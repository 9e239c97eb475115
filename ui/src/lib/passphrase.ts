// A plain-language strength hint. It guides; the core enforces only the minimum length.

export const MIN_LENGTH = 8;

export interface Strength {
  level: 0 | 1 | 2 | 3;
  label: string;
  hint: string;
}

const COMMON = ["password", "passw0rd", "123456", "qwerty", "letmein", "iloveyou", "welcome", "admin"];

export function strength(p: string): Strength {
  if (p.length === 0) return { level: 0, label: "", hint: `Use at least ${MIN_LENGTH} characters.` };
  if (p.length < MIN_LENGTH) {
    return { level: 0, label: "Too short", hint: `Use at least ${MIN_LENGTH} characters.` };
  }
  const lower = p.toLowerCase();
  if (COMMON.some((c) => lower.includes(c)) || /^(.)\1+$/.test(p)) {
    return { level: 1, label: "Easy to guess", hint: "Avoid common passwords and repeated characters." };
  }
  const words = p.trim().split(/[\s\-_.]+/).filter((w) => w.length >= 3).length;
  // A passphrase of words is judged by its words; anything else by a rough entropy estimate.
  const sizes: [RegExp, number][] = [[/[a-z]/, 26], [/[A-Z]/, 26], [/[0-9]/, 10], [/[^A-Za-z0-9]/, 33]];
  const alphabet = sizes.filter(([r]) => r.test(p)).reduce((sum, [, n]) => sum + n, 0);
  // A single word of letters is in every guessing list, however long.
  const singleWord = words < 2 && /^[A-Za-z]+$/.test(p);
  const bits = words >= 2 ? words * 13 : singleWord ? 20 : p.length * Math.log2(alphabet);
  if (bits >= 52) {
    return { level: 3, label: "Strong", hint: "Good. Write it down and keep it somewhere safe." };
  }
  if (bits >= 39) {
    return { level: 2, label: "Fair", hint: "Another unrelated word would make it much stronger." };
  }
  return { level: 1, label: "Weak", hint: "Try four unrelated words, like 'kettle orbit maple sixty'." };
}
