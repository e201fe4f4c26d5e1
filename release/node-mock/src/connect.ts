import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./generated/admin-api.js";
import { MockVerification } from "./verify.js";

/** The mock's admin API, typed by its spec (openapi/remote-cache-admin.yaml): `admin.GET("/__admin/remote-cache/events", ...)`. */
export type AdminClient = Client<paths>;

/** A running mock, reached by its base URL: its typed admin client and the assertions on it. */
export interface RemoteCacheMockClient {
  /** The mock's base URL, such as `http://127.0.0.1:40123`: the `--api` to give your tool. */
  readonly baseUrl: string;
  /** The admin API, typed by its spec. */
  readonly admin: AdminClient;
  /** Assertions on what the mock received, in the vocabulary of the Java `verify()`. */
  verify(): MockVerification;
  /**
   * Forgets what was received, empties the store (not a `storage` folder of a mock `startMock` started),
   * answers `enabled` again, drops forced responses and faults: as the Java mock's `reset()`.
   */
  reset(): Promise<void>;
}

/**
 * A mock started elsewhere (a container, a CI service): its typed admin client and assertions. With
 * `adminToken`, every admin call presents it (needed from another machine or through a published port);
 * with `keepStoredArtifacts`, `reset()` leaves the store alone (a mock's `--storage` is meant to outlive runs).
 */
export function connect(
  baseUrl: string,
  options: { adminToken?: string; fetch?: typeof fetch; keepStoredArtifacts?: boolean } = {},
): RemoteCacheMockClient {
  const base = baseUrl.replace(/\/+$/, "");
  const headers: Record<string, string> = options.adminToken ? { Authorization: `Bearer ${options.adminToken}` } : {};
  const admin = createClient<paths>({ baseUrl: base, headers, fetch: options.fetch });
  return {
    baseUrl: base,
    admin,
    verify: () => new MockVerification(admin),
    reset: async () => {
      await Promise.all([
        admin.DELETE("/__admin/remote-cache/journal").then(expectOk),
        options.keepStoredArtifacts ? undefined : admin.DELETE("/__admin/remote-cache/artifacts").then(expectOk),
        admin.DELETE("/__admin/remote-cache/forced-responses").then(expectOk),
        admin.DELETE("/__admin/remote-cache/faults").then(expectOk),
        admin.PUT("/__admin/remote-cache/status", { body: { status: "enabled" } }).then(expectOk),
      ]);
    },
  };
}

/** The answer's body, or an error naming the admin call and what the mock said (a refused token, a 400 naming the violation). */
export function expectOk<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok && result.data !== undefined) return result.data;
  const said = result.error === undefined ? "" : `: ${JSON.stringify(result.error)}`;
  throw new Error(`remote-cache-mock admin API: ${result.response.status} for ${result.response.url}${said}`);
}
