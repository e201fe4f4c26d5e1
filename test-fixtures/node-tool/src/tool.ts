// The "tool" under test: what a turbo-like plugin sends to a Remote Cache (plain fetch, as a plugin would).

export interface CacheEvent {
  sessionId: string;
  source: string;
  event: string;
  hash: string;
  duration?: number;
}

export class CacheTool {
  constructor(
    private readonly api: string,
    private readonly token: string,
    private readonly team: string,
  ) {}

  private url(path: string): string {
    return `${this.api}${path}?slug=${encodeURIComponent(this.team)}`;
  }

  /** Tells the cache which lookups hit or missed; resolves with the answer. */
  reportEvents(events: unknown[]): Promise<Response> {
    return fetch(this.url("/v8/artifacts/events"), {
      method: "POST",
      headers: { Authorization: `Bearer ${this.token}`, "Content-Type": "application/json" },
      body: JSON.stringify(events),
    });
  }

  upload(hash: string, bytes: Uint8Array<ArrayBuffer>, durationMs: number): Promise<Response> {
    return fetch(this.url(`/v8/artifacts/${hash}`), {
      method: "PUT",
      headers: {
        Authorization: `Bearer ${this.token}`,
        "Content-Type": "application/octet-stream",
        "x-artifact-duration": String(durationMs),
      },
      body: bytes,
    });
  }

  async download(hash: string): Promise<Uint8Array | undefined> {
    const answer = await fetch(this.url(`/v8/artifacts/${hash}`), { headers: { Authorization: `Bearer ${this.token}` } });
    if (answer.status === 404) return undefined;
    if (!answer.ok) throw new Error(`download ${hash}: ${answer.status} ${await answer.text()}`);
    return new Uint8Array(await answer.arrayBuffer());
  }
}
