// Runs scenarios through the generated Go client, as a Go tool would call it (src/test/languages/README.md).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	remotecache "example.com/remote-cache-contract/remotecache"
)

type cannotExpress struct{ reason string }

func (c cannotExpress) Error() string { return c.reason }

type answer map[string]any

func client(baseURL string, token any) (*remotecache.ArtifactsAPIService, context.Context) {
	configuration := remotecache.NewConfiguration()
	configuration.Servers = remotecache.ServerConfigurations{{URL: baseURL}}
	ctx := context.Background()
	if t, ok := token.(string); ok {
		ctx = context.WithValue(ctx, remotecache.ContextAccessToken, t)
	}
	return remotecache.NewAPIClient(configuration).ArtifactsAPI, ctx
}

func text(value any, what string) string {
	s, ok := value.(string)
	if !ok {
		panic(cannotExpress{fmt.Sprintf("%s is a string, got %v", what, value)})
	}
	return s
}

// event fills in the typed model from the scenario's JSON, as a caller would.
func event(fields map[string]any) remotecache.CacheUsageEvent {
	for key := range fields {
		switch key {
		case "sessionId", "source", "event", "hash", "duration":
		default:
			panic(cannotExpress{"CacheUsageEvent has no field for " + key})
		}
	}
	for _, key := range []string{"sessionId", "source", "event", "hash"} {
		if _, ok := fields[key]; !ok {
			panic(cannotExpress{key + " is a plain field of CacheUsageEvent: left out, its zero value is sent"})
		}
	}
	source, err := remotecache.NewCacheSourceFromValue(text(fields["source"], "source"))
	if err != nil {
		panic(cannotExpress{err.Error()})
	}
	eventType, err := remotecache.NewCacheEventTypeFromValue(text(fields["event"], "event"))
	if err != nil {
		panic(cannotExpress{err.Error()})
	}
	e := remotecache.NewCacheUsageEvent(text(fields["sessionId"], "sessionId"), *source, *eventType, text(fields["hash"], "hash"))
	if d, ok := fields["duration"]; ok {
		f, err := d.(json.Number).Float64()
		if err != nil {
			panic(cannotExpress{"duration is a float64"})
		}
		e.SetDuration(f)
	}
	return *e
}

func record(scenario map[string]any, baseURL string) (result answer) {
	defer func() {
		if r := recover(); r != nil {
			if c, ok := r.(cannotExpress); ok {
				result = answer{"outcome": "cannotExpress", "reason": c.reason}
				return
			}
			panic(r)
		}
	}()
	request := scenario["request"].(map[string]any)
	api, ctx := client(baseURL, scenario["token"])
	events := []remotecache.CacheUsageEvent{}
	for _, e := range request["events"].([]any) {
		events = append(events, event(e.(map[string]any)))
	}
	call := api.RecordEvents(ctx).Events(events)
	headers, _ := request["headers"].(map[string]any)
	for name, value := range headers {
		switch name {
		case "x-artifact-client-ci":
			call = call.XArtifactClientCi(text(value, name))
		case "x-artifact-client-interactive":
			i, err := value.(json.Number).Int64()
			if err != nil {
				panic(cannotExpress{"XArtifactClientInteractive is an int32, got " + value.(json.Number).String()})
			}
			call = call.XArtifactClientInteractive(int32(i))
		default:
			panic(cannotExpress{"RecordEvents has no parameter for header " + name})
		}
	}
	query, _ := request["query"].(map[string]any)
	for name, value := range query {
		switch name {
		case "teamId":
			call = call.TeamId(text(value, name))
		case "slug":
			call = call.Slug(text(value, name))
		default:
			panic(cannotExpress{"RecordEvents has no parameter for query " + name})
		}
	}
	response, err := call.Execute()
	if err == nil {
		return answer{"outcome": "accepted"}
	}
	var apiErr *remotecache.GenericOpenAPIError
	if errors.As(err, &apiErr) && response != nil {
		// The error body as the client decoded it into its ErrorResponse model.
		model, ok := apiErr.Model().(remotecache.ErrorResponse)
		if !ok {
			return answer{"outcome": "failed", "clientMessage": fmt.Sprintf("no ErrorResponse model: %v", err)}
		}
		return answer{"outcome": "rejected", "status": response.StatusCode, "clientMessage": err.Error(), "error": model}
	}
	return answer{"outcome": "failed", "clientMessage": err.Error()}
}

func roundTrip(artifact map[string]any, baseURL string) answer {
	api, ctx := client(baseURL, artifact["token"])
	hash := artifact["hash"].(string)
	upload, err := os.Open(artifact["upload"].(string))
	if err != nil {
		return answer{"outcome": "failed", "clientMessage": err.Error()}
	}
	defer upload.Close()
	if _, _, err := api.UploadArtifact(ctx, hash).Body(upload).XArtifactDuration(178).Execute(); err != nil {
		return answer{"outcome": "failed", "clientMessage": "upload: " + err.Error()}
	}
	_, err = api.ArtifactExists(ctx, hash).Execute()
	exists := err == nil
	response, err := api.ArtifactExists(ctx, artifact["missingHash"].(string)).Execute()
	if err != nil && (response == nil || response.StatusCode != http.StatusNotFound) {
		return answer{"outcome": "failed", "clientMessage": "exists: " + err.Error()}
	}
	missingExists := err == nil
	file, _, err := api.DownloadArtifact(ctx, hash).Execute()
	if err != nil {
		return answer{"outcome": "failed", "clientMessage": "download: " + err.Error()}
	}
	defer os.Remove(file.Name())
	defer file.Close()
	out, err := os.Create(artifact["download"].(string))
	if err == nil {
		_, err = io.Copy(out, file)
		out.Close()
	}
	if err != nil {
		return answer{"outcome": "failed", "clientMessage": err.Error()}
	}
	return answer{"outcome": "roundTrip", "exists": exists, "missingExists": missingExists}
}

func main() {
	baseURL := os.Args[1]
	lines := bufio.NewScanner(os.Stdin)
	lines.Buffer(make([]byte, 1<<20), 1<<24)
	out := json.NewEncoder(os.Stdout)
	for lines.Scan() {
		if len(lines.Bytes()) == 0 {
			continue
		}
		decoder := json.NewDecoder(strings.NewReader(lines.Text()))
		decoder.UseNumber() // 0.5 and 1 stay apart, as on the wire
		var command map[string]any
		if err := decoder.Decode(&command); err != nil {
			out.Encode(answer{"outcome": "failed", "clientMessage": err.Error()})
			continue
		}
		if scenario, ok := command["scenario"].(map[string]any); ok {
			out.Encode(record(scenario, baseURL))
		} else {
			out.Encode(roundTrip(command["artifact"].(map[string]any), baseURL))
		}
	}
}
