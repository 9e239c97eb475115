// A small W3C WebDriver client over fetch: enough to drive the real Evenkeel window
// through tauri-driver, with no browser downloads and no extra dependencies.
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application) {
    const res = await send(base, "POST", "/session", {
      capabilities: { alwaysMatch: { "tauri:options": { application } } },
    });
    return new Session(base, res.sessionId);
  }

  cmd(method, path, body) {
    return send(this.base, method, `/session/${this.id}${path}`, body);
  }

  async end() {
    await this.cmd("DELETE", "").catch(() => {});
  }

  async find(css, { timeout = 15000 } = {}) {
    return this.waitFor(`element ${css}`, async () => {
      const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
      return found.length ? found[0][ELEMENT] : null;
    }, timeout);
  }

  async findAll(css) {
    const found = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return found.map((f) => f[ELEMENT]);
  }

  async click(css) {
    const el = await this.find(css);
    await this.cmd("POST", `/element/${el}/click`, {});
  }

  async type(css, text) {
    const el = await this.find(css);
    await this.cmd("POST", `/element/${el}/clear`, {}).catch(() => {});
    await this.cmd("POST", `/element/${el}/value`, { text });
  }

  async text(css) {
    const el = await this.find(css);
    return this.cmd("GET", `/element/${el}/text`);
  }

  async value(css) {
    const el = await this.find(css);
    return this.cmd("GET", `/element/${el}/property/value`);
  }

  /** Waits until some element matching `css` has text matching `pattern`; returns that text. */
  async waitForText(css, pattern, timeout = 15000) {
    return this.waitFor(`${css} matching ${pattern}`, async () => {
      for (const el of await this.findAll(css)) {
        const t = await this.cmd("GET", `/element/${el}/text`).catch(() => "");
        if (pattern.test(t)) return t;
      }
      return null;
    }, timeout);
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }

  async waitFor(what, probe, timeout) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
      try {
        const v = await probe();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
  }
}

async function send(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || (json.value && json.value.error)) {
    throw new Error(`${method} ${path}: ${json.value?.error ?? res.status} ${json.value?.message ?? ""}`);
  }
  return json.value;
}
