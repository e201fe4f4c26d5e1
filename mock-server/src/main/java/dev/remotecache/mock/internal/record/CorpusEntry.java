package dev.remotecache.mock.internal.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.remotecache.client.model.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One exchange of a recording, one line of {@code corpus.jsonl}: the request as it was forwarded
 * (token and, on request, teams redacted), the real server's answer, and the contract's verdicts on
 * both. Artifact bytes are in files beside it ({@code __files/}), named by their SHA-256.
 *
 * @param index the exchange's number in the recording, from 1, in the order the answers came
 * @param operationId the spec's operation, or {@code null} for a request that matched none
 * @param breaksContract whether the request or the answer broke the contract
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CorpusEntry(
    long index,
    Instant recordedAt,
    String operationId,
    Request request,
    Answer answer,
    Verdicts verdicts,
    boolean breaksContract) {

  /**
   * @param query the query as sent (still %-encoded), or {@code null} for none
   * @param body the body, or {@code null} for none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Request(
      String method, String path, String query, Map<String, List<String>> headers, Body body) {

    /** The path and query as sent. */
    public String url() {
      return query == null ? path : path + "?" + query;
    }
  }

  /**
   * @param body the body, or {@code null} for none
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Answer(int status, Map<String, List<String>> headers, Body body) {}

  /**
   * A body: its size and SHA-256, and either its text (JSON and other text, inline) or the file
   * holding its bytes (an artifact), relative to the corpus's directory.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Body(long size, String sha256, String text, String file) {}

  /** The contract's verdict on the request (as the mock checked it) and on the server's answer. */
  public record Verdicts(Verdict request, Verdict answer) {}

  /**
   * @param violationCount how many violations there are in all ({@code violations} names the first)
   */
  public record Verdict(boolean holds, List<Violation> violations, int violationCount) {
    public Verdict {
      violations = violations == null ? List.of() : List.copyOf(violations);
    }
  }
}
