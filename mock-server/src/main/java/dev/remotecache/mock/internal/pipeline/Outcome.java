package dev.remotecache.mock.internal.pipeline;

import dev.remotecache.mock.internal.contract.RequestVerdict;
import dev.remotecache.mock.internal.http.Answer;
import dev.remotecache.mock.journal.AnswerClass;

/**
 * What became of one request: the verdict, the answer, anything else the record should say, what
 * kind of answer it is ({@code null}: as its verdict and status say), the workbench overrides that
 * shaped it (for the contract coverage), the stub that answered it, and its body as read (for
 * WireMock's request journal).
 */
record Outcome(
    RequestVerdict verdict,
    Answer answer,
    String note,
    AnswerClass answerClass,
    OverridesMet met,
    StubServing.Served stub,
    byte[] requestBody) {

  Outcome(RequestVerdict verdict, Answer answer, String note) {
    this(verdict, answer, note, null, OverridesMet.NONE);
  }

  Outcome(
      RequestVerdict verdict,
      Answer answer,
      String note,
      AnswerClass answerClass,
      OverridesMet met) {
    this(verdict, answer, note, answerClass, met, null, null);
  }

  /** The same outcome, knowing the request's body as read (for WireMock's request journal). */
  Outcome withRequestBody(byte[] body) {
    return new Outcome(verdict, answer, note, answerClass, met, stub, body);
  }

  static Outcome rejected(RequestVerdict verdict) {
    return new Outcome(verdict, RejectionAnswers.of(verdict), null);
  }
}
