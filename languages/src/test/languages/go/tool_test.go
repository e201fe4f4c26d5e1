// A tool's test as its author writes it: the mock jar started once (TestMain), the tool run against it
// (here the calls a tool makes, through the generated API client), and what the mock received read back
// through the generated admin client (docs/other-languages.md, "Test your tool").
package mytool

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	remotecache "example.com/remote-cache-contract/remotecache"
	admin "example.com/remote-cache-contract/remotecacheadmin"
)

const (
	token = "tool-test-token"
	team  = "my-team"
	hash  = "6304b9faf99a2e19"
)

var baseURL string

// TestMain starts `java -jar remote-cache-mock.jar --port 0` for every test; its first line is its base URL.
func TestMain(m *testing.M) {
	java := os.Getenv("JAVA")
	if java == "" {
		java = "java"
	}
	mock := exec.Command(java, "-jar", os.Getenv("REMOTE_CACHE_MOCK_JAR"), "--port", "0", "--quiet", "--token", token)
	mock.Stderr = os.Stderr
	stdout, err := mock.StdoutPipe()
	if err == nil {
		err = mock.Start()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "cannot start the mock:", err)
		os.Exit(2)
	}
	first := make(chan string, 1)
	go func() {
		lines := bufio.NewScanner(stdout)
		if lines.Scan() {
			first <- lines.Text()
		}
		close(first)
		io.Copy(io.Discard, stdout)
	}()
	select {
	case baseURL = <-first:
	case <-time.After(60 * time.Second):
	}
	code := 2
	if strings.HasPrefix(baseURL, "http://") {
		code = m.Run()
	} else {
		fmt.Fprintln(os.Stderr, "the mock did not start")
	}
	// SIGTERM stops it cleanly. Not SIGINT: a process started in the background of a script (as CI runners
	// do) inherits SIGINT ignored, and a JVM keeps an ignored SIGINT ignored. Killed if it is not gone soon.
	mock.Process.Signal(syscall.SIGTERM)
	stopped := make(chan struct{})
	go func() { mock.Wait(); close(stopped) }()
	select {
	case <-stopped:
	case <-time.After(30 * time.Second):
		fmt.Fprintln(os.Stderr, "the mock did not stop within 30 s of SIGTERM: killed")
		mock.Process.Kill()
		<-stopped
	}
	os.Exit(code)
}

func adminClient() *admin.AdminAPIService {
	configuration := admin.NewConfiguration()
	configuration.Servers = admin.ServerConfigurations{{URL: baseURL}}
	return admin.NewAPIClient(configuration).AdminAPI
}

func cacheClient() (*remotecache.ArtifactsAPIService, context.Context) {
	configuration := remotecache.NewConfiguration()
	configuration.Servers = remotecache.ServerConfigurations{{URL: baseURL}}
	ctx := context.WithValue(context.Background(), remotecache.ContextAccessToken, token)
	return remotecache.NewAPIClient(configuration).ArtifactsAPI, ctx
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestTheToolReportsAHitAndRoundTripsAnArtifact(t *testing.T) {
	ctx := context.Background()
	mock := adminClient()
	_, _, err := mock.ResetJournal(ctx).Execute() // each test sees only its own requests
	check(t, err)
	_, _, err = mock.ClearArtifacts(ctx).Execute()
	check(t, err)

	// The tool's run: a valid batch, a broken one (a sessionId that is not a UUID), an upload, a download.
	cache, auth := cacheClient()
	session := "943cff13-a106-4fad-a302-cfbb31ee25af"
	hit := remotecache.NewCacheUsageEvent(session, remotecache.CACHESOURCE_REMOTE, remotecache.CACHEEVENTTYPE_HIT, hash)
	hit.SetDuration(12)
	_, err = cache.RecordEvents(auth).Events([]remotecache.CacheUsageEvent{*hit}).Slug(team).Execute()
	check(t, err)
	broken := remotecache.NewCacheUsageEvent("run-42", remotecache.CACHESOURCE_LOCAL, remotecache.CACHEEVENTTYPE_MISS, hash)
	response, err := cache.RecordEvents(auth).Events([]remotecache.CacheUsageEvent{*broken}).Slug(team).Execute()
	var refused *remotecache.GenericOpenAPIError
	if !errors.As(err, &refused) || response.StatusCode != 400 {
		t.Fatalf("the broken batch: want a 400, got %v", err)
	}
	artifact := make([]byte, 4096)
	rand.Read(artifact)
	upload := filepath.Join(t.TempDir(), "artifact")
	os.WriteFile(upload, artifact, 0o600)
	file, err := os.Open(upload)
	check(t, err)
	defer file.Close()
	_, _, err = cache.UploadArtifact(auth, hash).Body(file).XArtifactDuration(178).Slug(team).Execute()
	check(t, err)
	downloaded, _, err := cache.DownloadArtifact(auth, hash).Slug(team).Execute()
	check(t, err)
	defer os.Remove(downloaded.Name())
	if got, _ := io.ReadAll(downloaded); !bytes.Equal(artifact, got) {
		t.Errorf("downloaded %d bytes, not the %d uploaded", len(got), len(artifact))
	}

	events, _, err := mock.GetEvents(ctx).Session(session).Execute()
	check(t, err)
	if events.Count != 1 || events.Events[0].GetSlug() != team ||
		events.Events[0].Event.Source != admin.CACHESOURCE_REMOTE || events.Events[0].Event.Event != admin.CACHEEVENTTYPE_HIT {
		t.Errorf("events: %+v", events)
	}

	rejected, _, err := mock.GetRejections(ctx).Execute()
	check(t, err)
	rejections := rejected.Rejections
	if len(rejections) != 1 || rejections[0].Status != 400 {
		t.Fatalf("rejections: %+v", rejections)
	}
	violation := rejections[0].Violations[0]
	if violation.GetAt() != "/0/sessionId" || violation.Rule != "format" || violation.Actual != "run-42" {
		t.Errorf("violation: %+v", violation)
	}

	artifacts, _, err := mock.ListArtifacts(ctx).Execute()
	check(t, err)
	stored := artifacts.Artifacts
	if len(stored) != 1 || stored[0].Team != team || stored[0].Hash != hash || stored[0].Metadata.Size != int64(len(artifact)) {
		t.Errorf("stored artifacts: %+v", stored)
	}

	covered, _, err := mock.GetCoverage(ctx).Execute()
	check(t, err)
	coverage := map[string]admin.OperationCoverage{}
	for _, operation := range covered.Operations {
		coverage[operation.OperationId] = operation
	}
	record := coverage["recordEvents"]
	if record.Calls != 2 || record.Rejected != 1 || record.Served["200"] != 1 || record.Served["400"] != 1 {
		t.Errorf("recordEvents coverage: %+v", record)
	}
	if coverage["uploadArtifact"].Calls != 1 || coverage["downloadArtifact"].Calls != 1 || coverage["status"].Calls != 0 {
		t.Errorf("coverage: %+v", coverage)
	}
}
