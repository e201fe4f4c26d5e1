"""Runs scenarios through the generated Python client (python-pydantic-v1), as a Python tool would call it."""
import json
import sys

from pydantic import ValidationError

import remote_cache_client as rc
from remote_cache_client.rest import ApiException

EVENT_PROPERTIES = {"sessionId", "source", "event", "hash", "duration"}
HEADERS = {"x-artifact-client-ci": "x_artifact_client_ci", "x-artifact-client-interactive": "x_artifact_client_interactive"}
QUERY = {"teamId": "team_id", "slug": "slug"}


class CannotExpress(Exception):
    pass


def api(base_url, token):
    configuration = rc.Configuration(host=base_url, access_token=token)
    return rc.ArtifactsApi(rc.ApiClient(configuration))


def event(json_event):
    unknown = set(json_event) - EVENT_PROPERTIES
    if unknown:
        raise CannotExpress("CacheUsageEvent has no property " + ", ".join(sorted(unknown)))
    try:
        return rc.CacheUsageEvent(
            session_id=json_event.get("sessionId"), source=json_event.get("source"),
            event=json_event.get("event"), hash=json_event.get("hash"), duration=json_event.get("duration"))
    except (ValidationError, ValueError) as e:
        raise CannotExpress("CacheUsageEvent refuses it: " + str(e).replace("\n", " "))


def record(scenario, base_url):
    request = scenario["request"]
    try:
        events = [event(e) for e in request["events"]]
        kwargs = {}
        for part, names in (("headers", HEADERS), ("query", QUERY)):
            for name, value in request.get(part, {}).items():
                if name not in names:
                    raise CannotExpress("record_events has no parameter for " + name)
                kwargs[names[name]] = value
        call = api(base_url, scenario.get("token")).record_events
        try:
            # pydantic checks the parameters' declared types and limits before anything is sent.
            result = call(events, **kwargs)
        except ValidationError as e:
            raise CannotExpress("record_events refuses it: " + str(e).replace("\n", " "))
    except CannotExpress as e:
        return {"outcome": "cannotExpress", "reason": str(e)}
    except ApiException as e:
        error = rc.ErrorResponse.from_json(e.body.decode() if isinstance(e.body, bytes) else e.body)
        return {"outcome": "rejected", "status": e.status, "clientMessage": str(e), "error": error.to_dict()}
    except Exception as e:  # network errors, anything unexpected
        return {"outcome": "failed", "clientMessage": repr(e)}
    return {"outcome": "accepted"}


def round_trip(artifact, base_url):
    artifacts = api(base_url, artifact.get("token"))
    with open(artifact["upload"], "rb") as f:
        artifacts.upload_artifact(artifact["hash"], f.read(), x_artifact_duration=178)
    artifacts.artifact_exists(artifact["hash"])
    try:
        artifacts.artifact_exists(artifact["missingHash"])
        missing_exists = True
    except ApiException as e:
        if e.status != 404:
            raise
        missing_exists = False
    data = artifacts.download_artifact(artifact["hash"])
    with open(artifact["download"], "wb") as f:
        f.write(data)
    return {"outcome": "roundTrip", "exists": True, "missingExists": missing_exists}


def main():
    base_url = sys.argv[1]
    for line in sys.stdin:
        if not line.strip():
            continue
        command = json.loads(line)
        try:
            if "scenario" in command:
                answer = record(command["scenario"], base_url)
            else:
                answer = round_trip(command["artifact"], base_url)
        except Exception as e:
            answer = {"outcome": "failed", "clientMessage": repr(e)}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
