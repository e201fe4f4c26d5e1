// Drives every artifacts operation of @vercel/sdk against a server, then prints one JSON report.
// Usage: node sdk-flow.mjs BASE_URL TOKEN
// The Java test (RealClientsInteropTest) checks the report and the mock's journal.
import { Vercel } from "@vercel/sdk";
import { SDKError } from "@vercel/sdk/models/sdkerror.js";

const [baseUrl, token] = process.argv.slice(2);
const vercel = new Vercel({ bearerToken: token, serverURL: baseUrl });
const team = { teamId: "team_sdk", slug: "sdk-team" };
const hash = "98c044d0d967f207";
const missing = "5bc34212a43b08fb";
const sessionId = "943cff13-a106-4fad-a302-cfbb31ee25af";
const bytes = new TextEncoder().encode("artifact-bytes " + hash + " " + "x".repeat(100) + "\n");
const report = {};

async function step(name, call) {
  try {
    report[name] = { ok: true, value: await call() };
  } catch (e) {
    report[name] = e instanceof SDKError
      ? { ok: false, statusCode: e.statusCode, body: e.body, message: e.message }
      : { ok: false, error: String(e) };
  }
}

await step("status", () => vercel.artifacts.status(team));
await step("recordEventsWithHeaders", () => vercel.artifacts.recordEvents({
  xArtifactClientCi: "GITHUB_ACTIONS", xArtifactClientInteractive: 0, ...team,
  requestBody: [
    { sessionId, source: "LOCAL", event: "HIT", hash, duration: 1234 },
    { sessionId, source: "REMOTE", event: "MISS", hash: missing },
  ],
}));
await step("recordEventsPlain", () => vercel.artifacts.recordEvents({
  requestBody: [{ sessionId, source: "REMOTE", event: "HIT", hash, duration: 12.5 }],
}));
await step("uploadArtifact", () => vercel.artifacts.uploadArtifact({
  hash, contentLength: bytes.length, xArtifactDuration: 1234, xArtifactTag: "c2lnbmF0dXJlLXRhZw==",
  xArtifactClientCi: "GITHUB_ACTIONS", xArtifactClientInteractive: 0, ...team, requestBody: bytes,
}));
await step("artifactExists", () => vercel.artifacts.artifactExists({ hash, ...team }));
await step("downloadArtifact", async () => {
  const stream = await vercel.artifacts.downloadArtifact({ hash, ...team });
  const downloaded = new Uint8Array(await new Response(stream).arrayBuffer());
  return { length: downloaded.length, identical: Buffer.compare(Buffer.from(downloaded), Buffer.from(bytes)) === 0 };
});
await step("artifactQuery", () => vercel.artifacts.artifactQuery({ ...team, requestBody: { hashes: [hash, missing] } }));
await step("artifactExistsMissing", () => vercel.artifacts.artifactExists({ hash: missing, ...team }));
await step("downloadArtifactMissing", () => vercel.artifacts.downloadArtifact({ hash: missing, ...team }));
await step("deleteAllArtifacts", () => vercel.artifacts.deleteAllArtifacts(team));
// The SDK does not check lengths before sending: the mock must refuse this one and say why.
await step("recordEventsTooLongCi", () => vercel.artifacts.recordEvents({
  xArtifactClientCi: "X".repeat(51), requestBody: [{ sessionId, source: "LOCAL", event: "MISS", hash }],
}));

process.stdout.write(JSON.stringify(report) + "\n");
