package dev.remotecache.mock.wiremock;

import com.github.tomakehurst.wiremock.extension.requestfilter.AdminRequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Who may use the admin API ({@code /__admin/...}: the journal, the store, the status, WireMock's
 * own stubs): with an admin token, whoever presents it; without one, only callers on this machine.
 * A mock bound to a public address must not let the network read or change what it recorded.
 */
final class AdminAccessFilter implements AdminRequestFilterV2 {

    private final String adminToken;

    AdminAccessFilter(String adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public String getName() {
        return "remote-cache-admin-access";
    }

    @Override
    public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
        String authorization = request.getHeader("Authorization");
        com.github.tomakehurst.wiremock.http.QueryParameter token = request.queryParameter("token");
        if (AdminAccessPolicy.allows(adminToken, request.getClientIp(), authorization,
                token.isPresent() ? token.firstValue() : null)) {
            return RequestFilterAction.continueWith(request);
        }
        return adminToken != null
                ? refuse(401, "not_authorized",
                        "the admin API needs Authorization: Bearer <admin token> (or ?token=<admin token>)")
                : refuse(403, "forbidden", "the admin API answers only callers on this machine;"
                        + " start the mock with --admin-token to open it to others");
    }

    private static RequestFilterAction refuse(int status, String code, String message) {
        return RequestFilterAction.stopWith(ErrorBodies.answer(status, code, message));
    }
}
