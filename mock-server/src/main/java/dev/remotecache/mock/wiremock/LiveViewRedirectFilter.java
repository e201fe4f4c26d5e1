package dev.remotecache.mock.wiremock;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /__ui} (and {@code /__ui/}): a short address for the live view, redirected to
 * {@code /__admin/remote-cache/ui}, keeping only its {@code token} query parameter. Registered before
 * the contract filter (WireMock applies filters in registration order), which would answer 404; not
 * an API request, so neither journaled nor logged. Every other request passes untouched.
 */
final class LiveViewRedirectFilter implements StubRequestFilterV2 {

    static final String SHORT_PATH = "/__ui";

    @Override
    public String getName() {
        return "remote-cache-live-view-redirect";
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        String method = request.getMethod().getName();
        String path = request.getUrl().split("\\?", 2)[0];
        if (!("GET".equals(method) || "HEAD".equals(method))
                || !(SHORT_PATH.equals(path) || (SHORT_PATH + "/").equals(path))) {
            return RequestFilterAction.continueWith(request);
        }
        QueryParameter token = request.queryParameter("token");
        String location = "/__admin" + LiveViewAdminApi.PATH + (token.isPresent()
                ? "?token=" + URLEncoder.encode(token.firstValue(), StandardCharsets.UTF_8) : "");
        return RequestFilterAction.stopWith(ResponseDefinitionBuilder.responseDefinition()
                .withStatus(302)
                .withHeader("Location", location)
                .withHeader("Cache-Control", "no-store")
                .withHeader("Referrer-Policy", "no-referrer")
                .build());
    }
}
