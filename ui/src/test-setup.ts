// jsdom has no WebCrypto randomness on some Node versions; Tauri's mocks need it.
import { randomFillSync } from "node:crypto";

if (!globalThis.crypto?.getRandomValues) {
  Object.defineProperty(globalThis, "crypto", {
    value: { getRandomValues: (buffer: Uint8Array) => randomFillSync(buffer) },
  });
}

// jsdom has no object URLs; the entry view makes them for pictures. Tests may spy on these.
if (typeof URL.createObjectURL !== "function") {
  let next = 0;
  URL.createObjectURL = () => `blob:evenkeel/${++next}`;
  URL.revokeObjectURL = () => {};
}
