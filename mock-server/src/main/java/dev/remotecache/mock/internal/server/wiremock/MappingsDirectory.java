package dev.remotecache.mock.internal.server.wiremock;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappingCollection;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import dev.remotecache.client.model.ViolationLocation;
import dev.remotecache.mock.StubRefused;
import dev.remotecache.mock.internal.contract.ViolationRule;
import dev.remotecache.mock.internal.contract.Violations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * WireMock's mappings folder ({@code DIR/mappings/**.json}, one mapping or {@code {"mappings":
 * [...]}} a file, bodies in {@code DIR/__files}), each stub held to the contract as it is loaded: a
 * file that cannot be read, or a stub the spec does not allow, fails the start naming the file.
 * WireMock reloads it on {@code resetToDefaultMappings}. The mock never writes it: saving is a
 * no-op. Without a folder ({@code null}) it loads nothing, so no {@code
 * src/test/resources/mappings} of the working directory is ever served unasked.
 */
final class MappingsDirectory implements MappingsSource {

  private final Path root;
  private final StubContract contract;

  MappingsDirectory(Path root, StubContract contract) {
    this.root = root;
    this.contract = contract;
  }

  @Override
  public void loadMappingsInto(StubMappings stubMappings) {
    if (root == null) {
      return;
    }
    Path mappings = root.resolve("mappings");
    if (!Files.isDirectory(mappings)) {
      throw new StubRefused(
          root.toString(),
          List.of(
              Violations.of(
                  ViolationLocation.PATH,
                  ViolationRule.MISSING,
                  "no mappings/ folder in " + root + " (WireMock's layout: mappings/, __files/)")));
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(mappings)) {
      files =
          walk.filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + mappings, e);
    }
    for (Path file : files) {
      String where = root.relativize(file).toString();
      List<? extends StubMapping> stubs;
      try {
        stubs =
            Json.read(Files.readString(file, StandardCharsets.UTF_8), StubMappingCollection.class)
                .getMappingOrMappings();
      } catch (IOException | RuntimeException e) {
        throw new StubRefused(
            where,
            List.of(
                Violations.of(
                    ViolationLocation.BODY,
                    ViolationRule.JSON,
                    "not a WireMock stub mapping: " + e.getMessage())));
      }
      for (StubMapping stub : stubs) {
        contract.check(stub, where);
        stub.setDirty(false);
        stubMappings.addMapping(stub);
      }
    }
  }

  @Override
  public void save(List<StubMapping> stubMappings) {}

  @Override
  public void save(StubMapping stubMapping) {}

  @Override
  @SuppressWarnings("removal")
  public void remove(StubMapping stubMapping) {}

  @Override
  public void removeAll() {}
}
