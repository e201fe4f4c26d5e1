// The package through require(): the CommonJS build, with the same exports.
const assert = require("node:assert/strict");
const { connect, startMock, MockVerification, VERSION } = require("remote-cache-mock");

assert.equal(typeof startMock, "function");
assert.equal(typeof connect, "function");
assert.equal(typeof MockVerification, "function");
assert.equal(VERSION, require("remote-cache-mock/package.json").version);
console.log(`CommonJS require: remote-cache-mock ${VERSION}`);
