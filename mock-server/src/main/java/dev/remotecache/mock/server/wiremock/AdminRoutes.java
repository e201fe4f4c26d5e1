package dev.remotecache.mock.server.wiremock;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.remotecache.mock.admin.AdminApi;
import dev.remotecache.mock.http.Answer;
import dev.remotecache.mock.http.QueryString;

/** Mounts the mock's admin routes ({@link AdminApi}) on WireMock's admin API, next to WireMock's own. */
final class AdminRoutes implements AdminApiExtension {

  private final AdminApi api;

  AdminRoutes(AdminApi api) {
    this.api = api;
  }

  @Override
  public String getName() {
    return "remote-cache-admin";
  }

  @Override
  public void contributeAdminApiRoutes(Router router) {
    for (AdminApi.Route route : api.routes()) {
      router.add(
          RequestMethod.fromString(route.method()),
          route.path(),
          (admin, event, params) -> {
            String url = event.getRequest().getUrl();
            int q = url.indexOf('?');
            byte[] body = event.getRequest().getBody();
            AdminApi.Call call =
                new AdminApi.Call(
                    QueryString.parse(q < 0 ? null : url.substring(q + 1)),
                    body == null ? new byte[0] : body);
            return toWireMock(route.handler().apply(call));
          });
    }
  }

  /** An admin answer (always bytes, never a stream or a fault) as WireMock's. */
  static ResponseDefinition toWireMock(Answer answer) {
    ResponseDefinitionBuilder response =
        ResponseDefinitionBuilder.responseDefinition().withStatus(answer.status());
    answer.headers().forEach((name, values) -> values.forEach(v -> response.withHeader(name, v)));
    if (answer.body() != null) {
      response.withBody(answer.body());
    }
    return response.build();
  }
}
