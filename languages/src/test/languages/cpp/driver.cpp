// Runs scenarios through the generated C++ client (cpp-restsdk), as a C++ tool would call it
// (src/test/languages/README.md).
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "RemoteCacheClient/ApiClient.h"
#include "RemoteCacheClient/ApiConfiguration.h"
#include "RemoteCacheClient/ApiException.h"
#include "RemoteCacheClient/api/ArtifactsApi.h"
#include "RemoteCacheClient/model/CacheEventType.h"
#include "RemoteCacheClient/model/CacheSource.h"
#include "RemoteCacheClient/model/CacheUsageEvent.h"
#include "RemoteCacheClient/model/ErrorResponse.h"

using namespace remotecache::api;
using namespace remotecache::model;
using web::json::value;

struct CannotExpress : std::runtime_error {
    using std::runtime_error::runtime_error;
};

static std::shared_ptr<ArtifactsApi> api(const std::string& baseUrl, const value& token) {
    auto config = std::make_shared<ApiConfiguration>();
    config->setBaseUrl(baseUrl);
    // The generator writes no bearer-token support for this client: the header is set by hand.
    if (token.is_string()) {
        config->getDefaultHeaders()["Authorization"] = "Bearer " + token.as_string();
    }
    return std::make_shared<ArtifactsApi>(std::make_shared<ApiClient>(config));
}

static std::string text(const value& v, const std::string& what) {
    if (!v.is_string()) throw CannotExpress(what + " is a utility::string_t, got " + v.serialize());
    return v.as_string();
}

// Fills in the model from the scenario's JSON, as a caller would.
static std::shared_ptr<CacheUsageEvent> event(const value& json) {
    for (const auto& field : json.as_object()) {
        const auto& key = field.first;
        if (key != "sessionId" && key != "source" && key != "event" && key != "hash" && key != "duration") {
            throw CannotExpress("CacheUsageEvent has no setter for " + key);
        }
    }
    auto e = std::make_shared<CacheUsageEvent>();
    if (json.has_field("sessionId")) e->setSessionId(text(json.at("sessionId"), "sessionId"));
    if (json.has_field("source")) {
        auto source = std::make_shared<CacheSource>();
        // fromJson keeps its default (LOCAL) for a value outside the enum: check it took the value given.
        if (!source->fromJson(json.at("source")) || source->toJson() != json.at("source")) {
            throw CannotExpress("source is a CacheSource (LOCAL, REMOTE), got " + json.at("source").serialize());
        }
        e->setSource(source);
    }
    if (json.has_field("event")) {
        auto type = std::make_shared<CacheEventType>();
        if (!type->fromJson(json.at("event")) || type->toJson() != json.at("event")) {
            throw CannotExpress("event is a CacheEventType (HIT, MISS), got " + json.at("event").serialize());
        }
        e->setEvent(type);
    }
    if (json.has_field("hash")) e->setHash(text(json.at("hash"), "hash"));
    if (json.has_field("duration")) e->setDuration(json.at("duration").as_double());
    return e;
}

static value answer(const std::string& outcome) {
    value a = value::object();
    a["outcome"] = value::string(outcome);
    return a;
}

static value record(const value& scenario, const std::string& baseUrl) {
    const value& request = scenario.at("request");
    std::vector<std::shared_ptr<CacheUsageEvent>> events;
    boost::optional<std::string> clientCi, teamId, slug;
    boost::optional<int32_t> interactive;
    try {
        for (const auto& e : request.at("events").as_array()) events.push_back(event(e));
        if (request.has_field("headers")) {
            for (const auto& h : request.at("headers").as_object()) {
                if (h.first == "x-artifact-client-ci") {
                    clientCi = text(h.second, "xArtifactClientCi");
                } else if (h.first == "x-artifact-client-interactive") {
                    if (!h.second.is_integer()) {
                        throw CannotExpress("xArtifactClientInteractive is an int32_t, got " + h.second.serialize());
                    }
                    interactive = h.second.as_integer();
                } else {
                    throw CannotExpress("recordEvents has no parameter for header " + h.first);
                }
            }
        }
        if (request.has_field("query")) {
            for (const auto& q : request.at("query").as_object()) {
                if (q.first == "teamId") teamId = text(q.second, "teamId");
                else if (q.first == "slug") slug = text(q.second, "slug");
                else throw CannotExpress("recordEvents has no parameter for query " + q.first);
            }
        }
    } catch (const CannotExpress& e) {
        value a = answer("cannotExpress");
        a["reason"] = value::string(e.what());
        return a;
    }
    try {
        api(baseUrl, scenario.at("token"))->recordEvents(events, clientCi, interactive, teamId, slug).get();
        return answer("accepted");
    } catch (const ApiException& e) {
        // The error body read into the generated model, and written back: what a caller can see of it.
        value a = answer("rejected");
        a["status"] = value::number(e.error_code().value());
        a["clientMessage"] = value::string(e.what());
        if (e.getContent()) {
            std::stringstream body;
            body << e.getContent()->rdbuf();
            ErrorResponse error;
            error.fromJson(value::parse(body.str()));
            a["error"] = error.toJson();
        }
        return a;
    }
}

int main(int argc, char** argv) {
    std::string baseUrl = argv[1];
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        value out;
        try {
            value command = value::parse(line);
            if (!command.has_field("scenario")) {
                throw std::runtime_error("no artifact round trip in C++ (languages.json)");
            }
            out = record(command.at("scenario"), baseUrl);
        } catch (const std::exception& e) {
            out = answer("failed");
            out["clientMessage"] = value::string(e.what());
        }
        std::cout << out.serialize() << std::endl;
    }
    return 0;
}
