<?php
// Runs scenarios through the generated PHP client (Guzzle), as a PHP tool would call it
// (src/test/languages/README.md).
require __DIR__ . '/autoload.php';

use RemoteCache\Client\Api\ArtifactsApi;
use RemoteCache\Client\ApiException;
use RemoteCache\Client\Configuration;
use RemoteCache\Client\Model\CacheUsageEvent;
use RemoteCache\Client\ObjectSerializer;

final class CannotExpress extends Exception {}

const EVENT_PROPERTIES = ['sessionId' => 'setSessionId', 'source' => 'setSource', 'event' => 'setEvent',
    'hash' => 'setHash', 'duration' => 'setDuration'];

function api(string $baseUrl, ?string $token): ArtifactsApi
{
    $config = (new Configuration())->setHost($baseUrl);
    if ($token !== null) {
        $config->setAccessToken($token);
    }
    return new ArtifactsApi(new GuzzleHttp\Client(), $config);
}

/** Fills in the model from the scenario's JSON, as a caller would; its setters check lengths and patterns. */
function event(array $json): CacheUsageEvent
{
    $event = new CacheUsageEvent();
    foreach ($json as $key => $value) {
        if (!isset(EVENT_PROPERTIES[$key])) {
            throw new CannotExpress("CacheUsageEvent has no property $key");
        }
        try {
            $event->{EVENT_PROPERTIES[$key]}($value);
        } catch (InvalidArgumentException $e) {
            throw new CannotExpress('CacheUsageEvent refuses it: ' . $e->getMessage());
        }
    }
    return $event;
}

function record(array $scenario, string $baseUrl): array
{
    $request = $scenario['request'];
    try {
        $events = array_map('event', $request['events']);
        $parameters = ['x-artifact-client-ci' => null, 'x-artifact-client-interactive' => null,
            'teamId' => null, 'slug' => null];
        foreach (array_merge($request['headers'] ?? [], $request['query'] ?? []) as $name => $value) {
            if (!array_key_exists($name, $parameters)) {
                throw new CannotExpress("recordEvents has no parameter for $name");
            }
            $parameters[$name] = $value;
        }
        try {
            api($baseUrl, $scenario['token'] ?? null)->recordEvents($events, ...array_values($parameters));
        } catch (InvalidArgumentException $e) { // the client's own checks, before anything is sent
            throw new CannotExpress('recordEvents refuses it: ' . $e->getMessage());
        }
        return ['outcome' => 'accepted'];
    } catch (CannotExpress $e) {
        return ['outcome' => 'cannotExpress', 'reason' => $e->getMessage()];
    } catch (ApiException $e) {
        // The error body as the client deserialised it into its ErrorResponse model.
        $error = $e->getResponseObject();
        return ['outcome' => 'rejected', 'status' => $e->getCode(), 'clientMessage' => $e->getMessage(),
            'error' => $error === null ? null : ObjectSerializer::sanitizeForSerialization($error)];
    }
}

function roundTrip(array $artifact, string $baseUrl): array
{
    $api = api($baseUrl, $artifact['token']);
    $api->uploadArtifact($artifact['hash'], new SplFileObject($artifact['upload']), 178);
    $api->artifactExists($artifact['hash']);
    try {
        $api->artifactExists($artifact['missingHash']);
        $missingExists = true;
    } catch (ApiException $e) {
        if ($e->getCode() !== 404) {
            throw $e;
        }
        $missingExists = false;
    }
    $file = $api->downloadArtifact($artifact['hash']);
    copy($file->getRealPath(), $artifact['download']);
    return ['outcome' => 'roundTrip', 'exists' => true, 'missingExists' => $missingExists];
}

$baseUrl = $argv[1];
while (($line = fgets(STDIN)) !== false) {
    if (trim($line) === '') {
        continue;
    }
    $command = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
    try {
        $answer = isset($command['scenario']) ? record($command['scenario'], $baseUrl)
            : roundTrip($command['artifact'], $baseUrl);
    } catch (Throwable $e) {
        $answer = ['outcome' => 'failed', 'clientMessage' => get_class($e) . ': ' . $e->getMessage()];
    }
    echo json_encode($answer, JSON_PRESERVE_ZERO_FRACTION | JSON_UNESCAPED_SLASHES), "\n";
}
