// startMock without a usable Java: the image, through podman (or docker), with an admin token of its own.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startMock, type RemoteCacheMock } from "remote-cache-mock";

let mock: RemoteCacheMock;
before(async () => {
  mock = await startMock({ java: "/nonexistent/bin/java", status: "paused" }); // no Java: "auto" falls back to the image
});
after(() => mock?.stop());

test("the image in a container engine, when no Java is found", async () => {
  assert.equal(mock.runtime, "container");
  assert.match(mock.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  const status = await fetch(`${mock.baseUrl}/v8/artifacts/status`, { headers: { Authorization: "Bearer any" } });
  assert.deepEqual(await status.json(), { status: "paused" }); // the status option reached the mock's flags
  await mock.verify().noRejections();
  await mock.verify().requests("status").hasCount(1);
  await mock.verify().coverage().requireResponse("status:200");
});
