// Runs scenarios through the generated JavaScript client (superagent, promises), as a JavaScript tool would call
// it (src/test/languages/README.md). Usage: node driver.js CLIENT_INDEX_JS BASE_URL
'use strict';
const readline = require('node:readline');
const [clientIndex, baseUrl] = process.argv.slice(2);
const RemoteCacheClient = require(clientIndex);

class CannotExpress extends Error {}

const EVENT_PROPERTIES = ['sessionId', 'source', 'event', 'hash', 'duration'];
const OPTIONS = {
    'x-artifact-client-ci': 'xArtifactClientCi',
    'x-artifact-client-interactive': 'xArtifactClientInteractive',
    teamId: 'teamId',
    slug: 'slug',
};

function api(token) {
    const client = new RemoteCacheClient.ApiClient(baseUrl);
    client.authentications.bearerToken.accessToken = token === null ? undefined : token;
    return new RemoteCacheClient.ArtifactsApi(client);
}

/** Builds the model as a caller would: the constructor takes the required properties, duration is set after. */
function toEvent(json) {
    for (const key of Object.keys(json)) {
        if (!EVENT_PROPERTIES.includes(key)) {
            throw new CannotExpress(`CacheUsageEvent has no property ${key}`);
        }
    }
    const event = new RemoteCacheClient.CacheUsageEvent(json.sessionId, json.source, json.event, json.hash);
    if (json.duration !== undefined) {
        event.duration = json.duration;
    }
    return event;
}

async function record(scenario) {
    let events;
    const opts = {};
    try {
        events = scenario.request.events.map(toEvent);
        for (const [name, value] of Object.entries({...scenario.request.headers, ...scenario.request.query})) {
            if (!(name in OPTIONS)) {
                throw new CannotExpress(`recordEvents has no option for ${name}`);
            }
            opts[OPTIONS[name]] = value;
        }
    } catch (e) {
        if (e instanceof CannotExpress) {
            return {outcome: 'cannotExpress', reason: e.message};
        }
        throw e;
    }
    try {
        await api(scenario.token).recordEvents(events, opts);
        return {outcome: 'accepted'};
    } catch (e) {
        if (e.status && e.response) {
            // The error body read into the generated model, and written back: what a caller can see of it.
            const error = RemoteCacheClient.ErrorResponse.constructFromObject(JSON.parse(e.response.text));
            return {outcome: 'rejected', status: e.status, clientMessage: String(e.error || e.message), error};
        }
        return {outcome: 'failed', clientMessage: String(e)};
    }
}

async function main() {
    for await (const line of readline.createInterface({input: process.stdin, crlfDelay: Infinity})) {
        if (line.trim() === '') {
            continue;
        }
        const command = JSON.parse(line);
        let answer;
        try {
            answer = command.scenario ? await record(command.scenario)
                : {outcome: 'failed', clientMessage: 'no artifact round trip in JavaScript (languages.json)'};
        } catch (e) {
            answer = {outcome: 'failed', clientMessage: e instanceof Error ? e.stack : JSON.stringify({status: e.status, text: e.response && e.response.text, error: String(e.error)})};
        }
        console.log(JSON.stringify(answer));
    }
}

main();
