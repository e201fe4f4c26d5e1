package dev.remotecache.contract.generative;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A server's answer to one generated request: status, headers, and the body as bytes. */
record Answer(int status, HttpHeaders headers, byte[] body) {

  Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  String brief() {
    String text = text().replace("\n", " ");
    return text.length() > 160 ? text.substring(0, 157) + "..." : text;
  }
}
