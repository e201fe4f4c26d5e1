// A plugin author's test: the mock from the release bundle's jar (found next to the .tgz this project
// installed), a tool scenario, and assertions through the package's typed API.
import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { after, before, beforeEach, test } from "node:test";
import { startMock, type CacheSource, type RemoteCacheMock } from "remote-cache-mock";
import { CacheTool } from "../src/tool.js";

let mock: RemoteCacheMock;
let tool: CacheTool;

before(async () => {
  mock = await startMock({ runtime: "jar", token: "secret", quiet: true });
  tool = new CacheTool(mock.baseUrl, "secret", "my-team");
});
after(() => mock?.stop());
beforeEach(() => mock.reset());

test("a valid batch of events is recorded, by team, source and type", async () => {
  const sessionId = randomUUID();
  const answer = await tool.reportEvents([
    { sessionId, source: "REMOTE", event: "HIT", hash: "6304b9faf99a2e19", duration: 178 },
    { sessionId, source: "LOCAL", event: "MISS", hash: "0a1b2c3d4e5f6071" },
  ]);
  assert.equal(answer.status, 200, await answer.text());

  await mock.verify().noRejections();
  await mock.verify().events().team("my-team").hasCount(2);
  await mock.verify().events().session(sessionId).source("REMOTE").hasCount(1).allAre("REMOTE", "HIT");
  await mock.verify().events().type("MISS").hasCount(1).allAre("LOCAL", "MISS");
  await mock.verify().events().team("another-team").none();
  await assert.rejects(
    mock.verify().events().team("my-team").source("REMOTE").hasCount(2),
    /^AssertionError.*expected 2 events \(team my-team, REMOTE\), got 1; received:\n {2}REMOTE HIT 6304b9faf99a2e19 session .* slug my-team\n {2}LOCAL MISS/s,
  );
  await assert.rejects(mock.verify().events().team("my-team").allAre("REMOTE", "HIT"), /but 1 are not:\n {2}LOCAL MISS 0a1b2c3d4e5f6071/);

  const [hit] = await mock.verify().events().source("REMOTE").list();
  assert.equal(hit.event.hash, "6304b9faf99a2e19");
  assert.equal(hit.slug, "my-team");
  // The types come from the admin spec: a source outside its enum does not compile.
  // @ts-expect-error -- "NOWHERE" is not a CacheSource
  const wrong: CacheSource = "NOWHERE";
  void wrong;
});

test("a broken batch is rejected, and the rejection names the field and the rule", async () => {
  const answer = await tool.reportEvents([{ sessionId: randomUUID(), source: "NOWHERE", event: "HIT", hash: "6304b9faf99a2e19" }]);
  assert.equal(answer.status, 400);

  const rejections = await mock.verify().rejections();
  assert.equal(rejections.length, 1);
  assert.equal(rejections[0].url, "/v8/artifacts/events?slug=my-team");
  assert.deepEqual(
    rejections[0].violations.map((v) => [v.in, v.at]),
    [["body", "/0/source"]],
  );
  await assert.rejects(mock.verify().noRejections(), (error: Error) => {
    assert.equal(error.name, "AssertionError");
    assert.match(error.message, /expected no rejected request, but 1 were rejected/);
    assert.match(error.message, /POST \/v8\/artifacts\/events\?slug=my-team -> 400: body \/0\/source .*NOWHERE/);
    return true;
  });
  await mock.verify().events().none();
});

test("an upload and a download of the same artifact, and the contract coverage", async () => {
  const bytes = new Uint8Array(randomBytes(64 * 1024));
  assert.equal((await tool.upload("feedc0de12345678", bytes, 1200)).status, 202);
  assert.deepEqual(await tool.download("feedc0de12345678"), bytes);
  assert.equal(await tool.download("0000000000000000"), undefined);

  await mock.verify().noRejections();
  await mock.verify().requests("uploadArtifact").hasCount(1);
  await mock.verify().requests("downloadArtifact").hasCount(2);
  await mock
    .verify()
    .coverage()
    .requireOperation("uploadArtifact", "downloadArtifact")
    .requireResponse("uploadArtifact:202", "downloadArtifact:200", "downloadArtifact:404", "*:2xx");

  await assert.rejects(
    mock.verify().coverage().requireResponse("uploadArtifact:403", "*:5xx"),
    /uploadArtifact never met a 403 \(1 calls, met \[202\]\)\n {2}never met a 5xx: /,
  );
  assert.deepEqual(await mock.verify().coverage().unmet("downloadArtifact:4xx"), []);

  // The typed admin client, straight: what the store holds for the team.
  const { data } = await mock.admin.GET("/__admin/remote-cache/artifacts");
  assert.ok(data?.artifacts.some((a) => a.hash === "feedc0de12345678"), JSON.stringify(data));
});
