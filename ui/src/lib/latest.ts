// Helpers the composer and the incoming view share.
import { api } from "./api";
import type { MessageDraft } from "./bindings";

export type Answer<R> = { value: R } | { error: unknown };

/**
 * Wraps a call so only the newest one's answer is delivered: a slower, older answer (from
 * an earlier keystroke) resolves to `undefined` instead of replacing a newer one.
 */
export function latestOnly<A, R>(call: (arg: A) => Promise<R>): (arg: A) => Promise<Answer<R> | undefined> {
  let newest = 0;
  return async (arg: A) => {
    const mine = ++newest;
    let answer: Answer<R>;
    try {
      answer = { value: await call(arg) };
    } catch (error) {
      answer = { error };
    }
    return mine === newest ? answer : undefined;
  };
}

/** Keeps a draft in the journal, or forgets it once there is nothing left in it. */
export function keepDraft(draft: MessageDraft): Promise<null> {
  return !draft.text.trim() && !draft.counterpart.trim()
    ? api.discardMessageDraft(draft.direction)
    : api.saveMessageDraft(draft);
}
