package dev.remotecache.mock.server.wiremock;

import com.github.tomakehurst.wiremock.extension.requestfilter.AdminRequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.remotecache.mock.admin.AdminAccessPolicy;
import dev.remotecache.mock.contract.ErrorCode;
import dev.remotecache.mock.http.Answer;

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
                ? refuse(ErrorCode.NOT_AUTHORIZED,
                        "the admin API needs Authorization: Bearer <admin token> (or ?token=<admin token>)")
                : refuse(ErrorCode.FORBIDDEN, "the admin API answers only callers on this machine;"
                        + " start the mock with --admin-token to open it to others");
    }

    private static RequestFilterAction refuse(ErrorCode code, String message) {
        return RequestFilterAction.stopWith(AdminRoutes.toWireMock(Answer.error(code.status(), code.value(), message)));
    }
}
