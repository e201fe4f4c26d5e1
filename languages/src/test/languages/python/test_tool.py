"""A tool's test as its author writes it: the mock jar started once, the tool run against it (here the
calls a tool makes, through the generated API client), and what the mock received read back through the
generated admin client (docs/other-languages.md, "Test your tool")."""
import os
import queue
import subprocess
import threading
import unittest
import uuid

import remote_cache_admin as admin
import remote_cache_client as api
from remote_cache_client.rest import ApiException

TOKEN = "tool-test-token"
TEAM = "my-team"
HASH = "6304b9faf99a2e19"


class RemoteCacheMock:
    """`java -jar remote-cache-mock.jar --port 0`: its first line is its base URL."""

    def __init__(self, jar, *options):
        java = os.environ.get("JAVA", "java")
        self.process = subprocess.Popen(
            [java, "-jar", jar, "--port", "0", "--quiet", *options],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in self.process.stdout], daemon=True).start()
        self.base_url = lines.get(timeout=60).strip()
        if not self.base_url.startswith("http://"):
            raise RuntimeError("the mock did not start: " + self.base_url)
        self.admin_client = admin.ApiClient(admin.Configuration(host=self.base_url))
        self.admin = admin.AdminApi(self.admin_client)

    def stop(self):
        self.admin_client.close()
        self.process.terminate()
        self.process.wait(timeout=30)


class ToolTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.mock = RemoteCacheMock(os.environ["REMOTE_CACHE_MOCK_JAR"], "--token", TOKEN)
        cls.addClassCleanup(cls.mock.stop)
        client = api.ApiClient(api.Configuration(host=cls.mock.base_url, access_token=TOKEN))
        cls.addClassCleanup(client.close)
        cls.cache = api.ArtifactsApi(client)

    def setUp(self):
        self.mock.admin.reset_journal()  # each test sees only its own requests
        self.mock.admin.clear_artifacts()

    def test_the_tool_reports_a_hit_and_round_trips_an_artifact(self):
        session = str(uuid.uuid4())
        # The tool's run: a valid batch, a broken one (a sessionId that is not a UUID), an upload, a download.
        self.cache.record_events([api.CacheUsageEvent(
            session_id=session, source=api.CacheSource.REMOTE, event=api.CacheEventType.HIT, hash=HASH,
            duration=12)], slug=TEAM)
        with self.assertRaises(ApiException) as refused:
            self.cache.record_events([api.CacheUsageEvent(
                session_id="run-42", source=api.CacheSource.LOCAL, event=api.CacheEventType.MISS, hash=HASH)],
                slug=TEAM)
        self.assertEqual(400, refused.exception.status)
        artifact = os.urandom(4096)
        self.cache.upload_artifact(HASH, artifact, x_artifact_duration=178, slug=TEAM)
        self.assertEqual(artifact, bytes(self.cache.download_artifact(HASH, slug=TEAM)))

        mock = self.mock.admin
        events = mock.get_events(session=session)
        self.assertEqual(1, events.count)
        self.assertEqual(TEAM, events.events[0].slug)
        self.assertEqual(admin.CacheSource.REMOTE, events.events[0].event.source)
        self.assertEqual(admin.CacheEventType.HIT, events.events[0].event.event)

        rejections = mock.get_rejections().rejections
        self.assertEqual(1, len(rejections))
        self.assertEqual(400, rejections[0].status)
        violation = rejections[0].violations[0]
        self.assertEqual(("/0/sessionId", "format", "run-42"), (violation.at, violation.rule, violation.actual))

        stored = mock.list_artifacts().artifacts
        self.assertEqual([(TEAM, HASH, len(artifact))], [(a.team, a.hash, a.metadata.size) for a in stored])

        coverage = {o.operation_id: o for o in mock.get_coverage().operations}
        self.assertEqual((2, 1), (coverage["recordEvents"].calls, coverage["recordEvents"].rejected))
        self.assertEqual({"200": 1, "400": 1}, coverage["recordEvents"].served)
        self.assertEqual(1, coverage["uploadArtifact"].calls)
        self.assertEqual(1, coverage["downloadArtifact"].calls)
        self.assertEqual(0, coverage["status"].calls)


if __name__ == "__main__":
    unittest.main()
