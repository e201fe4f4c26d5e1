// The package as an ES module: named exports and the version of the kit it starts.
import assert from "node:assert/strict";
import { connect, startMock, MockVerification, VERSION } from "remote-cache-mock";

assert.equal(typeof startMock, "function");
assert.equal(typeof connect, "function");
assert.equal(typeof MockVerification, "function");
assert.match(VERSION, /^\d+\.\d+\.\d+/);
const client = connect("http://127.0.0.1:9/");
assert.equal(client.baseUrl, "http://127.0.0.1:9");
console.log(`ESM import: remote-cache-mock ${VERSION}`);
