package dev.remotecache.interop

import com.fasterxml.jackson.databind.JsonNode
import dev.remotecache.client.kotlin.apis.ArtifactsApi
import dev.remotecache.client.kotlin.infrastructure.ClientError
import dev.remotecache.client.kotlin.infrastructure.ClientException
import dev.remotecache.client.kotlin.infrastructure.Serializer
import dev.remotecache.client.kotlin.models.CacheEventType
import dev.remotecache.client.kotlin.models.CacheSource
import dev.remotecache.client.kotlin.models.CacheUsageEvent
import dev.remotecache.client.kotlin.models.ErrorResponse
import java.util.UUID

/**
 * Sends one scenario through the Kotlin client generated from the spec, the way a Kotlin tool would call it, and
 * says what the client reported.
 */
object KotlinScenarioDriver {

    /** The typed client has no way to say this. */
    private class CannotExpress(message: String) : Exception(message)

    private data class Call(
        val events: List<CacheUsageEvent>,
        val clientCi: String? = null,
        val clientInteractive: Int? = null,
        val teamId: String? = null,
        val slug: String? = null,
    )

    @JvmStatic
    fun run(scenario: Scenario, baseUrl: String): ClientOutcome {
        val call = try {
            call(scenario.request())
        } catch (e: CannotExpress) {
            return ClientOutcome.cannotExpress(e.message)
        }
        val artifacts = ArtifactsApi(basePath = baseUrl)
        artifacts.accessTokenProvider = { scenario.token().orElse(null) }
        return try {
            artifacts.recordEvents(
                events = call.events,
                xArtifactClientCi = call.clientCi,
                xArtifactClientInteractive = call.clientInteractive,
                teamId = call.teamId,
                slug = call.slug,
            )
            ClientOutcome.accepted()
        } catch (e: ClientException) {
            // The error body, read into the generated model: what a caller can see of it.
            val body = (e.response as? ClientError<*>)?.body as? String
            val error = body?.let { Serializer.jacksonObjectMapper.readValue(it, ErrorResponse::class.java) }
            ClientOutcome.rejected(e.statusCode, e.message, Serializer.jacksonObjectMapper.valueToTree(error))
        } catch (e: Exception) {
            ClientOutcome.failed(e.toString())
        }
    }

    /** Uploads the artifact from its file, checks it and a hash never uploaded with HEAD, downloads it to a file. */
    @JvmStatic
    fun roundTrip(artifact: JsonNode, baseUrl: String): JsonNode {
        val artifacts = ArtifactsApi(basePath = baseUrl)
        artifacts.accessTokenProvider = { artifact.path("token").asText() }
        val hash = artifact.path("hash").asText()
        artifacts.uploadArtifact(hash, java.io.File(artifact.path("upload").asText()), xArtifactDuration = 178.toBigDecimal())
        artifacts.artifactExists(hash)
        val missingExists = try {
            artifacts.artifactExists(artifact.path("missingHash").asText())
            true
        } catch (e: ClientException) {
            if (e.statusCode != 404) throw e
            false
        }
        val file = artifacts.downloadArtifact(hash)
        file.copyTo(java.io.File(artifact.path("download").asText()), overwrite = true)
        return Serializer.jacksonObjectMapper.valueToTree(
            mapOf("outcome" to "roundTrip", "exists" to true, "missingExists" to missingExists))
    }

    private fun call(request: JsonNode): Call {
        var call = Call(events = request.path("events").map(::event))
        for ((name, value) in request.path("headers").properties()) {
            call = when (name) {
                "x-artifact-client-ci" -> call.copy(clientCi = text(value, "xArtifactClientCi"))
                "x-artifact-client-interactive" -> call.copy(clientInteractive = int(value, "xArtifactClientInteractive"))
                else -> throw CannotExpress("recordEvents has no parameter for header $name")
            }
        }
        for ((name, value) in request.path("query").properties()) {
            call = when (name) {
                "teamId" -> call.copy(teamId = text(value, "teamId"))
                "slug" -> call.copy(slug = text(value, "slug"))
                else -> throw CannotExpress("recordEvents has no parameter for query $name")
            }
        }
        return call
    }

    /** Fills in the typed model from the scenario's JSON, as a caller would. */
    private fun event(json: JsonNode): CacheUsageEvent {
        val properties = setOf("sessionId", "source", "event", "hash", "duration")
        json.fieldNames().forEach { if (it !in properties) throw CannotExpress("CacheUsageEvent has no property $it") }
        val sessionId = required(json, "sessionId").asText()
        return CacheUsageEvent(
            sessionId = try {
                UUID.fromString(sessionId)
            } catch (e: IllegalArgumentException) {
                throw CannotExpress("sessionId is a java.util.UUID, \"$sessionId\" is not one")
            },
            source = required(json, "source").asText().let { value ->
                CacheSource.entries.firstOrNull { it.value == value }
                    ?: throw CannotExpress("source is the enum CacheSource ${CacheSource.entries}, \"$value\" is not in it")
            },
            event = required(json, "event").asText().let { value ->
                CacheEventType.entries.firstOrNull { it.value == value }
                    ?: throw CannotExpress("event is the enum CacheEventType ${CacheEventType.entries}, \"$value\" is not in it")
            },
            hash = text(required(json, "hash"), "hash"),
            duration = json.get("duration")?.let {
                if (!it.isNumber) throw CannotExpress("duration is a Double, got $it")
                it.doubleValue()
            },
        )
    }

    private fun required(json: JsonNode, name: String): JsonNode =
        json.get(name) ?: throw CannotExpress("$name is a required constructor parameter of CacheUsageEvent")

    private fun text(value: JsonNode, name: String): String =
        if (value.isTextual) value.asText() else throw CannotExpress("$name is a String, got $value")

    private fun int(value: JsonNode, name: String): Int =
        if (value.isInt) value.intValue() else throw CannotExpress("$name is an Int, got $value")
}
