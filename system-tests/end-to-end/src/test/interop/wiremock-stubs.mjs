// A WireMock admin client from npm (wiremock-captain) registers stubs with the mock, as a Node
// project that tests with WireMock would: one the spec allows, one it does not (a status the spec
// does not list); then the stub is served, and WireMock's request journal is read back.
// Usage: node wiremock-stubs.mjs BASE_URL TOKEN; prints one JSON report on stdout.
import { WireMock } from 'wiremock-captain';

const [baseUrl, token] = process.argv.slice(2);
const wireMock = new WireMock(baseUrl);
const status = { method: 'GET', endpoint: '/v8/artifacts/status' };
const json = { 'Content-Type': 'application/json' };

const served = await wireMock.register(status, { status: 200, headers: json, body: { status: 'paused' } });
const answer = await fetch(baseUrl + '/v8/artifacts/status', { headers: { Authorization: 'Bearer ' + token } });
const refused = await wireMock.register(status, { status: 418, headers: json, body: { status: 'paused' } });
const requests = await wireMock.getRequestsForAPI('GET', '/v8/artifacts/status');
const mappings = await wireMock.getAllMappings();

console.log(
  JSON.stringify({
    served,
    answer: { status: answer.status, body: await answer.json() },
    refused,
    requests: requests.length,
    mappings: mappings.length,
  }),
);
