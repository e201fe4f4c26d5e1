package dev.remotecache.contract.generative;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.remotecache.contract.core.ApiContract;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names the state model uses are the spec's: operations, upload headers, query and delete
 * fields.
 */
class StateModelNamesTest {

  private final OpenAPI api = ApiContract.load().openApi();
  private final ApiOperations operations = new ApiOperations(api);

  @Test
  void operationsHeadersAndFieldsExistInTheSpec() {
    for (String id :
        List.of(
            StateModel.UPLOAD,
            StateModel.DOWNLOAD,
            StateModel.EXISTS,
            StateModel.QUERY,
            StateModel.DELETE,
            SequenceGenerator.PRODUCER)) {
      operations.get(id);
    }
    List<String> uploadHeaders =
        operations.get(StateModel.UPLOAD).parameters().stream()
            .filter(p -> "header".equals(p.getIn()))
            .map(p -> p.getName())
            .toList();
    for (String header :
        List.of(
            StateModel.DURATION_HEADER,
            StateModel.TAG_HEADER,
            StateModel.SHA_HEADER,
            StateModel.DIRTY_HASH_HEADER)) {
      assertTrue(
          uploadHeaders.contains(header), header + " is not an upload header: " + uploadHeaders);
    }
    var queryResult = api.getComponents().getSchemas().get("ArtifactQueryResult").getProperties();
    for (String field : StateModel.QUERY_FIELDS.keySet()) {
      assertTrue(queryResult.containsKey(field), field);
    }
    assertTrue(
        queryResult.containsKey(StateModel.QUERY_SIZE)
            && queryResult.containsKey(StateModel.QUERY_ERROR));
    assertTrue(
        api.getComponents()
            .getSchemas()
            .get("ArtifactDeleteResponse")
            .getProperties()
            .containsKey(StateModel.DELETED_COUNT));
  }

  @Test
  void theLinksTellWhichOperationsTakeTheUploadedHash() {
    LinkRules links =
        new LinkRules(
            api,
            com.fasterxml.jackson.databind.json.JsonMapper.builder().build(),
            SequenceGenerator.PRODUCER);
    assertTrue(
        links.pathHashConsumers.containsAll(
            List.of(StateModel.DOWNLOAD, StateModel.EXISTS, StateModel.UPLOAD)),
        links.pathHashConsumers.toString());
    assertTrue(
        links.bodyHashPointers.get(StateModel.QUERY).contains("/hashes/*"),
        links.bodyHashPointers.toString());
    assertTrue(
        links.bodyHashPointers.get("recordEvents").contains("/*/hash"),
        links.bodyHashPointers.toString());
    assertTrue(links.followers.contains(StateModel.DELETE));
  }
}
