// Runs scenarios of languages/scenarios.json through the TypeScript client generated from the spec
// (typescript-fetch, on Node's built-in fetch), the way a tool would call it, and prints for each one JSON line
// saying what the client reported:
//
//   {"outcome": "accepted"}
//   {"outcome": "rejected", "status": 400, "clientMessage": "...", "error": {...ErrorResponse, read by the client...}}
//   {"outcome": "cannotExpress", "reason": "..."}       the typed client cannot even build this request
//   {"outcome": "failed", "clientMessage": "..."}        anything else (network error, ...)
//
// Usage: node run-scenario.js SCENARIOS_JSON BASE_URL [SCENARIO_NAME]
// Without SCENARIO_NAME it reads scenario names from stdin, one a line (or a JSON artifact round-trip command,
// {"artifact": {...}}), and answers each with its line: the Java
// test (TypeScriptClientScenariosTest) drives one Node process that way and checks, between two scenarios, what
// the mock recorded.

import { readFileSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import {
    ArtifactsApi,
    CacheEventType,
    CacheSource,
    CacheUsageEvent,
    Configuration,
    ErrorResponseFromJSON,
    ErrorResponseToJSON,
    RecordEventsRequest,
    ResponseError,
    instanceOfCacheEventType,
    instanceOfCacheSource,
} from './client';

interface WireRequest {
    headers?: Record<string, unknown>;
    query?: Record<string, unknown>;
    events: Array<Record<string, unknown>>;
}

interface Scenario {
    name: string;
    token?: string | null;
    request: WireRequest;
}

/** The typed client has no way to say this. */
class CannotExpress extends Error {}

function requireString(value: unknown, what: string): string {
    if (typeof value !== 'string') {
        throw new CannotExpress(`${what} is a string, got ${JSON.stringify(value)}`);
    }
    return value;
}

function optionalNumber(value: unknown, what: string): number | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (typeof value !== 'number') {
        throw new CannotExpress(`${what} is a number, got ${JSON.stringify(value)}`);
    }
    return value;
}

const EVENT_PROPERTIES = ['sessionId', 'source', 'event', 'hash', 'duration'];

/** Builds the typed model from the scenario's JSON, as a caller would fill it in. */
function toEvent(json: Record<string, unknown>): CacheUsageEvent {
    for (const key of Object.keys(json)) {
        if (!EVENT_PROPERTIES.includes(key)) {
            throw new CannotExpress(`CacheUsageEvent has no property ${key}`);
        }
    }
    for (const key of ['sessionId', 'source', 'event', 'hash']) {
        if (json[key] === undefined) {
            throw new CannotExpress(`${key} is a required property of CacheUsageEvent`);
        }
    }
    if (!instanceOfCacheSource(json.source)) {
        throw new CannotExpress(`source is the type CacheSource (${Object.values(CacheSource).join(' | ')}), got ${JSON.stringify(json.source)}`);
    }
    if (!instanceOfCacheEventType(json.event)) {
        throw new CannotExpress(`event is the type CacheEventType (${Object.values(CacheEventType).join(' | ')}), got ${JSON.stringify(json.event)}`);
    }
    return {
        sessionId: requireString(json.sessionId, 'sessionId'),
        source: json.source as CacheSource,
        event: json.event as CacheEventType,
        hash: requireString(json.hash, 'hash'),
        duration: optionalNumber(json.duration, 'duration'),
    };
}

function toRequest(wire: WireRequest): RecordEventsRequest {
    const request: RecordEventsRequest = { events: wire.events.map(toEvent) };
    for (const [name, value] of Object.entries(wire.headers ?? {})) {
        switch (name) {
            case 'x-artifact-client-ci':
                request.xArtifactClientCi = requireString(value, name);
                break;
            case 'x-artifact-client-interactive':
                request.xArtifactClientInteractive = optionalNumber(value, name);
                break;
            default:
                throw new CannotExpress(`recordEvents has no parameter for header ${name}`);
        }
    }
    for (const [name, value] of Object.entries(wire.query ?? {})) {
        switch (name) {
            case 'teamId':
                request.teamId = requireString(value, name);
                break;
            case 'slug':
                request.slug = requireString(value, name);
                break;
            default:
                throw new CannotExpress(`recordEvents has no parameter for query ${name}`);
        }
    }
    return request;
}

async function run(scenario: Scenario, baseUrl: string, defaultToken: string | null): Promise<object> {
    let request: RecordEventsRequest;
    try {
        request = toRequest(scenario.request);
    } catch (e) {
        if (e instanceof CannotExpress) {
            return { outcome: 'cannotExpress', reason: e.message };
        }
        throw e;
    }
    const token = scenario.token === undefined ? defaultToken : scenario.token;
    const artifacts = new ArtifactsApi(new Configuration({
        basePath: baseUrl,
        accessToken: token === null ? undefined : token,
    }));
    try {
        await artifacts.recordEvents(request);
        return { outcome: 'accepted' };
    } catch (e) {
        if (e instanceof ResponseError) {
            // The error body, read into the generated model and written back: what a caller can see of it.
            const error = ErrorResponseFromJSON(await e.response.json());
            return {
                outcome: 'rejected',
                status: e.response.status,
                clientMessage: e.message,
                error: ErrorResponseToJSON(error),
            };
        }
        return { outcome: 'failed', clientMessage: String(e) };
    }
}

interface ArtifactCommand {
    token: string;
    hash: string;
    missingHash: string;
    upload: string;
    download: string;
}

/** Uploads the artifact from its file, checks it and a hash never uploaded with HEAD, downloads it to a file. */
async function roundTrip(artifact: ArtifactCommand, baseUrl: string): Promise<object> {
    const artifacts = new ArtifactsApi(new Configuration({ basePath: baseUrl, accessToken: artifact.token }));
    await artifacts.uploadArtifact({
        hash: artifact.hash,
        body: new Blob([readFileSync(artifact.upload)]),
        xArtifactDuration: 178,
    });
    await artifacts.artifactExists({ hash: artifact.hash });
    let missingExists = true;
    try {
        await artifacts.artifactExists({ hash: artifact.missingHash });
    } catch (e) {
        if (!(e instanceof ResponseError) || e.response.status !== 404) {
            throw e;
        }
        missingExists = false;
    }
    const blob = await artifacts.downloadArtifact({ hash: artifact.hash });
    writeFileSync(artifact.download, Buffer.from(await blob.arrayBuffer()));
    return { outcome: 'roundTrip', exists: true, missingExists };
}

async function main(): Promise<void> {
    const [scenariosFile, baseUrl, only] = process.argv.slice(2);
    if (!scenariosFile || !baseUrl) {
        console.error('usage: node run-scenario.js SCENARIOS_JSON BASE_URL [SCENARIO_NAME]');
        process.exit(2);
    }
    const catalog = JSON.parse(readFileSync(scenariosFile, 'utf8')) as { token: string | null; scenarios: Scenario[] };
    const runNamed = async (name: string): Promise<object> => {
        const scenario = catalog.scenarios.find(s => s.name === name);
        if (!scenario) {
            return { outcome: 'failed', clientMessage: `no scenario named ${JSON.stringify(name)} in ${scenariosFile}` };
        }
        return run(scenario, baseUrl, catalog.token);
    };
    if (only !== undefined) {
        console.log(JSON.stringify(await runNamed(only)));
        return;
    }
    for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        if (line.trim().startsWith('{')) {
            // {"artifact": {...}}: an artifact round trip (ArtifactRoundTrip in the Java tests).
            const command = JSON.parse(line) as { artifact: ArtifactCommand };
            console.log(JSON.stringify(await roundTrip(command.artifact, baseUrl)
                .catch(e => ({ outcome: 'failed', clientMessage: String(e) }))));
        } else if (line.trim() !== '') {
            console.log(JSON.stringify(await runNamed(line)));
        }
    }
}

main().catch(e => {
    console.error(e);
    process.exit(1);
});
