package dev.remotecache.contract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.contract.core.ApiContract;
import dev.remotecache.mock.internal.http.MockJson;
import dev.remotecache.openapi.RemoteCacheSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The negative cases follow the spec: a constraint added to it gets its case with no test written.
 */
class ConstraintCatalogTest {

  @Test
  void aConstraintAddedToTheSpecGetsItsNegativeCase() {
    String spec = RemoteCacheSpec.text();
    String slugSchema = "      schema:\n        type: string\n      example: my-team-url-slug";
    assertTrue(spec.contains(slugSchema), "test fixture out of date");
    String changed =
        spec.replace(
            slugSchema,
            "      schema:\n        type: string\n        maxLength: 48\n      example: my-team-url-slug");

    List<ConstraintCase> before = catalog(spec);
    List<ConstraintCase> after = catalog(changed);

    assertTrue(before.stream().noneMatch(c -> c.at().equals("slug")), before.toString());
    assertTrue(
        after.stream()
            .anyMatch(
                c ->
                    c.at().equals("slug")
                        && c.rule().equals("maxLength")
                        && c.request().query().get("slug").length() == 49),
        after.toString());
  }

  private static List<ConstraintCase> catalog(String spec) {
    return ConstraintCatalog.from(ApiContract.parse(spec, "test").openApi(), MockJson.mapper())
        .cases();
  }
}
