//! Runs scenarios through the generated Rust client (reqwest), as a Rust tool would call it
//! (src/test/languages/README.md).
use std::io::{BufRead, Write};

use remote_cache_client::apis::artifacts_api;
use remote_cache_client::apis::configuration::Configuration;
use remote_cache_client::apis::Error;
use remote_cache_client::models::{CacheEventType, CacheSource, CacheUsageEvent};
use serde_json::{json, Map, Value};

/// Why the typed client cannot say this.
struct CannotExpress(String);

fn configuration(base_url: &str, token: &Value) -> Configuration {
    Configuration {
        base_path: base_url.to_string(),
        bearer_access_token: token.as_str().map(str::to_string),
        ..Configuration::default()
    }
}

fn text<'a>(value: &'a Value, what: &str) -> Result<&'a str, CannotExpress> {
    value.as_str().ok_or_else(|| CannotExpress(format!("{what} is a String, got {value}")))
}

/// Fills in the model from the scenario's JSON, as a caller would.
fn event(json: &Map<String, Value>) -> Result<CacheUsageEvent, CannotExpress> {
    for key in json.keys() {
        if !["sessionId", "source", "event", "hash", "duration"].contains(&key.as_str()) {
            return Err(CannotExpress(format!("CacheUsageEvent has no field {key}")));
        }
    }
    let required = |name: &str| {
        json.get(name).ok_or_else(|| CannotExpress(format!("{name} is a required field of CacheUsageEvent::new")))
    };
    let session_id = text(required("sessionId")?, "session_id")?;
    let session_id = uuid::Uuid::parse_str(session_id)
        .map_err(|e| CannotExpress(format!("session_id is a uuid::Uuid: {e}")))?;
    let source: CacheSource = serde_json::from_value(required("source")?.clone())
        .map_err(|e| CannotExpress(format!("source is the enum CacheSource: {e}")))?;
    let event: CacheEventType = serde_json::from_value(required("event")?.clone())
        .map_err(|e| CannotExpress(format!("event is the enum CacheEventType: {e}")))?;
    let mut e = CacheUsageEvent::new(session_id, source, event, text(required("hash")?, "hash")?.to_string());
    e.duration = json.get("duration").and_then(Value::as_f64);
    Ok(e)
}

async fn record(scenario: &Value, base_url: &str) -> Value {
    let request = &scenario["request"];
    let call = || -> Result<_, CannotExpress> {
        let events = request["events"].as_array().unwrap().iter()
            .map(|e| event(e.as_object().unwrap())).collect::<Result<Vec<_>, _>>()?;
        let (mut ci, mut interactive, mut team_id, mut slug) = (None, None, None, None);
        for (name, value) in request["headers"].as_object().into_iter().flatten()
            .chain(request["query"].as_object().into_iter().flatten()) {
            match name.as_str() {
                "x-artifact-client-ci" => ci = Some(text(value, "x_artifact_client_ci")?.to_string()),
                "x-artifact-client-interactive" => interactive = Some(value.as_i64().ok_or_else(||
                    CannotExpress(format!("x_artifact_client_interactive is an i32, got {value}")))? as i32),
                "teamId" => team_id = Some(text(value, "team_id")?.to_string()),
                "slug" => slug = Some(text(value, "slug")?.to_string()),
                _ => return Err(CannotExpress(format!("record_events has no parameter for {name}"))),
            }
        }
        Ok((events, ci, interactive, team_id, slug))
    };
    let (events, ci, interactive, team_id, slug) = match call() {
        Ok(call) => call,
        Err(CannotExpress(reason)) => return json!({"outcome": "cannotExpress", "reason": reason}),
    };
    let config = configuration(base_url, &scenario["token"]);
    match artifacts_api::record_events(&config, events, ci.as_deref(), interactive, team_id.as_deref(),
                                       slug.as_deref()).await {
        Ok(()) => json!({"outcome": "accepted"}),
        // The error body as the client read it into its typed error (the spec's ErrorResponse).
        Err(Error::ResponseError(response)) => json!({
            "outcome": "rejected",
            "status": response.status.as_u16(),
            "clientMessage": format!("status code {}", response.status),
            "error": serde_json::to_value(&response.entity).unwrap(),
        }),
        Err(e) => json!({"outcome": "failed", "clientMessage": e.to_string()}),
    }
}

async fn round_trip(artifact: &Value, base_url: &str) -> Result<Value, String> {
    // The generated upload_artifact streams the file with no Content-Type (generator 7.25), which the spec
    // requires: the caller's reqwest::Client supplies it (a request that sets its own, as JSON does, keeps that).
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::CONTENT_TYPE,
                   reqwest::header::HeaderValue::from_static("application/octet-stream"));
    let config = Configuration {
        client: reqwest::Client::builder().default_headers(headers).build().map_err(|e| e.to_string())?,
        ..configuration(base_url, &artifact["token"])
    };
    let hash = artifact["hash"].as_str().unwrap();
    let upload = std::path::PathBuf::from(artifact["upload"].as_str().unwrap());
    artifacts_api::upload_artifact(&config, hash, upload, Some(178.0), None, None, None, None, None, None, None)
        .await.map_err(|e| format!("upload: {e}"))?;
    artifacts_api::artifact_exists(&config, hash, None, None).await.map_err(|e| format!("exists: {e}"))?;
    let missing_exists = match artifacts_api::artifact_exists(&config, artifact["missingHash"].as_str().unwrap(),
                                                              None, None).await {
        Ok(()) => true,
        Err(Error::ResponseError(r)) if r.status.as_u16() == 404 => false,
        Err(e) => return Err(format!("exists: {e}")),
    };
    let response = artifacts_api::download_artifact(&config, hash, None, None, None, None)
        .await.map_err(|e| format!("download: {e}"))?;
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    std::fs::write(artifact["download"].as_str().unwrap(), &bytes).map_err(|e| e.to_string())?;
    Ok(json!({"outcome": "roundTrip", "exists": true, "missingExists": missing_exists}))
}

fn main() {
    let base_url = std::env::args().nth(1).expect("usage: remotecache-driver BASE_URL");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let stdout = std::io::stdout();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        if line.trim().is_empty() {
            continue;
        }
        let command: Value = serde_json::from_str(&line).unwrap();
        let answer = runtime.block_on(async {
            if command.get("scenario").is_some() {
                record(&command["scenario"], &base_url).await
            } else {
                round_trip(&command["artifact"], &base_url).await
                    .unwrap_or_else(|e| json!({"outcome": "failed", "clientMessage": e}))
            }
        });
        let mut out = stdout.lock();
        writeln!(out, "{answer}").unwrap();
        out.flush().unwrap();
    }
}
