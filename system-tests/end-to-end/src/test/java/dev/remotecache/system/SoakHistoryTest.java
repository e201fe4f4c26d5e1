package dev.remotecache.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.system.SoakHistory.Upload;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The soak's judge of reads and end states, on histories written by hand (times are ticks). */
class SoakHistoryTest {

  private final SoakHistory history = new SoakHistory(202, 200);

  private Upload upload(String hash, long sent, long answered, int status) {
    Upload upload = history.newUpload(hash, 3, sent);
    upload.answered = answered;
    upload.status = status;
    return upload;
  }

  @Test
  void aReadOfAVersionReplacedBeforeItWasSentIsImpossible() {
    Upload first = upload("h", 0, 10, 202);
    upload("h", 20, 30, 202);
    history.read("GET", "h", 40, 50, first);
    assertEquals(1, history.impossibleReads().size(), history.impossibleReads().toString());
  }

  @Test
  void aReadDuringAnOverwriteMayShowEitherVersion() {
    Upload first = upload("h", 0, 10, 202);
    Upload second = upload("h", 20, 30, 202);
    history.read("GET", "h", 25, 50, first);
    history.read("GET", "h", 25, 50, second);
    history.read("HEAD", "h", 5, 8, second); // answered before the second upload was sent
    assertEquals(1, history.impossibleReads().size(), history.impossibleReads().toString());
  }

  @Test
  void aMissWhileAnUploadIsStoredForCertainIsImpossibleUnlessADeleteMayComeBetween() {
    upload("h", 0, 10, 202);
    history.read("GET", "h", 20, 30, null);
    assertEquals(1, history.impossibleReads().size());
    history.deleted(15, 25, 200);
    assertEquals(List.of(), history.impossibleReads());
  }

  @Test
  void aFailedUploadIsNeverShown() {
    Upload failed = upload("h", 0, 10, 400);
    history.read("GET", "h", 5, 8, failed);
    assertEquals(1, history.impossibleReads().size());
  }

  @Test
  void theEndStateIsTheLastCompletedUploadOrOneCutByTheKill() {
    upload("h", 0, 10, 202);
    Upload last = upload("h", 20, 30, 202);
    Upload cut = upload("h", 40, SoakHistory.NEVER, 0);
    assertEquals(List.of(last, cut), sorted(history.possibleLast("h")));
    assertFalse(history.mayEndAbsent("h"));
    history.deleted(35, SoakHistory.NEVER, 0); // cut by the kill: it may have come last
    assertTrue(history.mayEndAbsent("h"));
  }

  @Test
  void anUploadSentAfterADeleteEndedOutlastsIt() {
    upload("h", 0, 10, 202);
    history.deleted(20, 30, 200);
    assertTrue(history.mayEndAbsent("h"));
    Upload after = upload("h", 40, 50, 202);
    assertFalse(history.mayEndAbsent("h"));
    assertEquals(List.of(after), history.possibleLast("h"));
  }

  private static List<Upload> sorted(List<Upload> uploads) {
    return uploads.stream().sorted((a, b) -> Long.compare(a.id, b.id)).toList();
  }
}
