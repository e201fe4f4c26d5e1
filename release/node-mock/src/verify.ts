import { AssertionError } from "node:assert";
import type { Client } from "openapi-fetch";
import type { components, paths } from "./generated/admin-api.js";
import { expectOk } from "./connect.js";

type Schemas = components["schemas"];
export type CacheSource = Schemas["CacheSource"];
export type CacheEventType = Schemas["CacheEventType"];
export type RecordedEvent = Schemas["RecordedEvent"];
export type Rejection = Schemas["Rejection"];
export type RequestRecord = Schemas["RequestRecord"];
export type ContractCoverage = Schemas["ContractCoverage"];
export type OperationCoverage = Schemas["OperationCoverage"];
type EventQuery = NonNullable<paths["/__admin/remote-cache/events"]["get"]["parameters"]["query"]>;
type Admin = Client<paths>;

function fail(message: string): never {
  throw new AssertionError({ message });
}

function count(expected: number): number {
  if (!Number.isInteger(expected) || expected < 0) throw new RangeError(`a count is a whole number, never negative: ${expected}`);
  return expected;
}

/**
 * Assertions on what the mock received, read afresh from its admin API at each check; a failed one
 * throws an AssertionError saying what was expected and what came:
 *
 * ```ts
 * await mock.verify().noRejections();
 * await mock.verify().events().team("my-team").source("REMOTE").hasCount(1).allAre("REMOTE", "HIT");
 * await mock.verify().requests("uploadArtifact").hasCount(1);
 * await mock.verify().coverage().requireOperation("recordEvents").requireResponse("uploadArtifact:202");
 * ```
 */
export class MockVerification {
  constructor(private readonly admin: Admin) {}

  /** Every request met the contract; otherwise fails listing each rejection and its violations. */
  async noRejections(): Promise<this> {
    const { rejections, droppedRejections } = expectOk(await this.admin.GET("/__admin/remote-cache/rejections"));
    if (rejections.length > 0 || droppedRejections > 0) {
      fail(
        `expected no rejected request, but ${rejections.length + droppedRejections} were rejected:\n` +
          rejections.map(describeRejection).join("\n"),
      );
    }
    return this;
  }

  /** The rejected requests (with their violations), to assert on yourself. */
  async rejections(): Promise<Rejection[]> {
    return expectOk(await this.admin.GET("/__admin/remote-cache/rejections")).rejections;
  }

  /** Behind a validating proxy: every answer of the real server met the contract. */
  async noServerDeviations(): Promise<this> {
    const { deviations } = expectOk(await this.admin.GET("/__admin/remote-cache/deviations"));
    if (deviations.length > 0) {
      fail(
        `expected the server to meet the contract, but ${deviations.length} answers did not:\n` +
          deviations
            .map((d) => `  ${d.method} ${d.url} -> ${d.status}: ${d.violations.map((v) => `${v.in} ${v.at ?? ""} ${v.message}`).join("; ")}`)
            .join("\n"),
      );
    }
    return this;
  }

  /** The accepted events, to narrow and check. */
  events(): EventVerification {
    return new EventVerification(this.admin, {}, []);
  }

  /** The answered requests of one operation of the Remote Cache API (accepted or not). */
  requests(operationId: string): RequestVerification {
    if (!operationId || !operationId.trim()) throw new TypeError("name an operationId of the spec, such as uploadArtifact");
    return new RequestVerification(this.admin, operationId, []);
  }

  /** The contract coverage, with requirements in the `check` command's words. */
  coverage(): CoverageVerification {
    return new CoverageVerification(this.admin, []);
  }
}

function describeRejection(r: Rejection): string {
  return `  ${r.method} ${r.url} -> ${r.status}: ${r.violations.map((v) => `${v.in} ${v.at === undefined ? "" : `${v.at} `}${v.message}`).join("; ")}`;
}

/**
 * A check list that runs when awaited: the narrowing and check methods only record, `await` (or `then`,
 * `catch`, `assert.rejects`, vitest's `expect(...).rejects`) reads the mock once and runs the checks in
 * order. Each await reads afresh. Forgetting `await` checks nothing (lint with no-floating-promises).
 */
type Check<T> = (subject: T) => void | Promise<void>;

abstract class Checks<T, Self> implements Promise<void> {
  readonly [Symbol.toStringTag] = "Checks";

  protected constructor(protected readonly checks: ReadonlyArray<Check<T>>) {}

  protected abstract read(): Promise<T>;
  protected abstract with(checks: ReadonlyArray<Check<T>>): Self;

  protected check(check: Check<T>): Self {
    return this.with([...this.checks, check]);
  }

  then<R1 = void, R2 = never>(
    onFulfilled?: ((value: void) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.read()
      .then(async (subject) => {
        for (const check of this.checks) await check(subject);
      })
      .then(onFulfilled, onRejected);
  }

  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<void | R> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<void> {
    return this.then().finally(onFinally);
  }
}

/** The selected events, and every event (read only for a failure's message). */
interface EventsRead {
  events: RecordedEvent[];
  all: () => Promise<{ events: RecordedEvent[]; droppedEvents: number }>;
}

/** The accepted events, narrowed step by step, then checked: `events().team("web").source("REMOTE").hasCount(2)`. */
export class EventVerification extends Checks<EventsRead, EventVerification> {
  constructor(
    private readonly admin: Admin,
    private readonly query: EventQuery,
    checks: ReadonlyArray<Check<EventsRead>>,
    private readonly description: readonly string[] = [],
  ) {
    super(checks);
  }

  session(sessionId: string): EventVerification {
    return this.narrow({ session: sessionId }, `session ${sessionId}`);
  }

  /** Events sent for this team, named by `teamId` or by `slug`. */
  team(team: string): EventVerification {
    return this.narrow({ team }, `team ${team}`);
  }

  source(source: CacheSource): EventVerification {
    return this.narrow({ source }, source);
  }

  type(type: CacheEventType): EventVerification {
    return this.narrow({ type }, type);
  }

  hash(hash: string): EventVerification {
    return this.narrow({ hash }, `hash ${hash}`);
  }

  /** The selected events. */
  async list(): Promise<RecordedEvent[]> {
    return (await this.fetch()).events;
  }

  async count(): Promise<number> {
    return (await this.fetch()).count;
  }

  /** Exactly `expected` events are selected. */
  hasCount(expected: number): EventVerification {
    count(expected);
    return this.check(async (read) => {
      if (read.events.length !== expected) {
        const all = await read.all();
        fail(`expected ${expected} ${this.selection()}, got ${read.events.length}${dropped(all.droppedEvents)}${received(all.events)}`);
      }
    });
  }

  /** No event is selected. */
  none(): EventVerification {
    return this.hasCount(0);
  }

  /** Every selected event (at least one) is of this source and type. */
  allAre(source: CacheSource, type: CacheEventType): EventVerification {
    return this.check(async (read) => {
      if (read.events.length === 0) {
        const all = await read.all();
        fail(`expected ${this.selection()} to be all ${source} ${type}, but there are none${dropped(all.droppedEvents)}${received(all.events)}`);
      }
      const others = read.events.filter((e) => e.event.source !== source || e.event.event !== type);
      if (others.length > 0) {
        fail(`expected ${this.selection()} to be all ${source} ${type}, but ${others.length} are not:\n${others.map(describeEvent).join("\n")}`);
      }
    });
  }

  protected async read(): Promise<EventsRead> {
    const { events } = await this.fetch();
    return { events, all: async () => expectOk(await this.admin.GET("/__admin/remote-cache/events")) };
  }

  protected with(checks: ReadonlyArray<Check<EventsRead>>): EventVerification {
    return new EventVerification(this.admin, this.query, checks, this.description);
  }

  private narrow(criterion: EventQuery, text: string): EventVerification {
    return new EventVerification(this.admin, { ...this.query, ...criterion }, this.checks, [...this.description, text]);
  }

  private async fetch() {
    return expectOk(await this.admin.GET("/__admin/remote-cache/events", { params: { query: this.query } }));
  }

  private selection(): string {
    return this.description.length === 0 ? "events" : `events (${this.description.join(", ")})`;
  }
}

function dropped(droppedEvents: number): string {
  return droppedEvents === 0
    ? ""
    : ` (the journal dropped ${droppedEvents} older events to stay within its limit; start the mock with a larger journalLimit to count them)`;
}

function received(all: RecordedEvent[]): string {
  return all.length === 0 ? "; no event was received at all" : `; received:\n${all.map(describeEvent).join("\n")}`;
}

function describeEvent(e: RecordedEvent): string {
  return `  ${e.event.source} ${e.event.event} ${e.event.hash} session ${e.event.sessionId}${e.teamId ? ` teamId ${e.teamId}` : ""}${e.slug ? ` slug ${e.slug}` : ""}`;
}

/** Checks on the requests of one operation. */
export class RequestVerification extends Checks<RequestRecord[], RequestVerification> {
  constructor(
    private readonly admin: Admin,
    private readonly operationId: string,
    checks: ReadonlyArray<Check<RequestRecord[]>>,
  ) {
    super(checks);
  }

  hasCount(expected: number): RequestVerification {
    count(expected);
    return this.check((requests) => {
      if (requests.length !== expected) {
        fail(
          `expected ${expected} ${this.operationId} requests, got ${requests.length}:\n` +
            requests.map((r) => `  ${r.method} ${r.url} -> ${r.status}`).join("\n"),
        );
      }
    });
  }

  /** The requests of this operation. */
  list(): Promise<RequestRecord[]> {
    return this.read();
  }

  protected async read(): Promise<RequestRecord[]> {
    const { requests } = expectOk(await this.admin.GET("/__admin/remote-cache/requests"));
    return requests.filter((r) => r.operationId === this.operationId);
  }

  protected with(checks: ReadonlyArray<Check<RequestRecord[]>>): RequestVerification {
    return new RequestVerification(this.admin, this.operationId, checks);
  }
}

/**
 * Coverage requirements, as the `check` command takes them: `requireOperation("recordEvents")` (called at
 * least once), `requireResponse("uploadArtifact:403", "*:5xx")` (answered that status or class at least
 * once; `*` is every operation called).
 */
export class CoverageVerification extends Checks<ContractCoverage, CoverageVerification> {
  constructor(
    private readonly admin: Admin,
    checks: ReadonlyArray<Check<ContractCoverage>>,
  ) {
    super(checks);
  }

  requireOperation(...operationIds: string[]): CoverageVerification {
    return this.check((coverage) => {
      const unmet = operationIds.filter((id) => (operation(coverage, id).calls ?? 0) === 0);
      if (unmet.length > 0) {
        fail(`expected calls of ${unmet.join(", ")}, but ${unmet.length === 1 ? "it was" : "they were"} never called (called: ${called(coverage)})`);
      }
    });
  }

  requireResponse(...requirements: string[]): CoverageVerification {
    return this.check((coverage) => {
      const unmet = requirements.flatMap((r) => unmetBy(coverage, r));
      if (unmet.length > 0) fail(`contract coverage requirements not met:\n${unmet.map((line) => `  ${line}`).join("\n")}`);
    });
  }

  /** What of these `OPERATION:STATUS` requirements the run did not meet, one line each (empty: all met). */
  async unmet(...requirements: string[]): Promise<string[]> {
    const coverage = await this.read();
    return requirements.flatMap((r) => unmetBy(coverage, r));
  }

  /** The coverage as the mock reports it. */
  get(): Promise<ContractCoverage> {
    return this.read();
  }

  protected async read(): Promise<ContractCoverage> {
    return expectOk(await this.admin.GET("/__admin/remote-cache/coverage"));
  }

  protected with(checks: ReadonlyArray<Check<ContractCoverage>>): CoverageVerification {
    return new CoverageVerification(this.admin, checks);
  }
}

function operation(coverage: ContractCoverage, operationId: string): OperationCoverage {
  const found = coverage.operations.find((o) => o.operationId === operationId);
  if (!found) {
    throw new TypeError(`'${operationId}' is not an operation of the spec; one of ${coverage.operations.map((o) => o.operationId).join(", ")}`);
  }
  return found;
}

function called(coverage: ContractCoverage): string {
  const ids = coverage.operations.filter((o) => o.calls > 0).map((o) => o.operationId);
  return ids.length ? ids.join(", ") : "none";
}

const STATUS = /^[1-5](\d\d|xx)$/;

function met(o: OperationCoverage, status: string): boolean {
  return Object.keys(o.served).some((s) => (status.endsWith("xx") ? s.length === 3 && s[0] === status[0] : s === status));
}

/** The same rule and words as the kit's ResponseRequirement (`check --require-response`). */
function unmetBy(coverage: ContractCoverage, requirement: string): string[] {
  const parts = requirement.trim().split(":");
  const status = parts.length === 2 ? parts[1].trim().toLowerCase() : "";
  if (parts.length !== 2 || !STATUS.test(status)) {
    throw new TypeError(`'${requirement}' is not OPERATION:STATUS (a status such as 404, or a class such as 4xx), e.g. uploadArtifact:403 or '*:5xx'`);
  }
  const operationId = parts[0].trim();
  if (operationId === "*") {
    const calledOps = coverage.operations.filter((o) => o.calls > 0);
    if (calledOps.length === 0) return [`no operation was called, so none met a ${status}`];
    const without = calledOps.filter((o) => !met(o, status)).map((o) => `${o.operationId} (met [${Object.keys(o.served).join(", ")}])`);
    return without.length ? [`never met a ${status}: ${without.join(", ")}`] : [];
  }
  const o = operation(coverage, operationId);
  if (met(o, status)) return [];
  return [`${operationId} never met a ${status}${o.calls === 0 ? " (never called)" : ` (${o.calls} calls, met [${Object.keys(o.served).join(", ")}])`}`];
}
