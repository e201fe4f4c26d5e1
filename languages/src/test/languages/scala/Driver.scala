// Runs scenarios through the generated Scala client (scala-sttp, json4s), as a Scala tool would call it
// (src/test/languages/README.md).
package driver

import java.io.File

import dev.remotecache.client.scala.api.ArtifactsApi
import dev.remotecache.client.scala.core.JsonSupport._
import dev.remotecache.client.scala.model.{CacheEventType, CacheSource, CacheUsageEvent, ErrorResponse}
import org.json4s._
import org.json4s.jackson.{JsonMethods, Serialization}
import sttp.client3._

object Driver {
  private final case class CannotExpress(reason: String) extends Exception(reason)

  private val backend = HttpURLConnectionBackend()
  private val eventProperties = Set("sessionId", "source", "event", "hash", "duration")

  private def text(value: JValue, what: String): String = value match {
    case JString(s) => s
    case other => throw CannotExpress(s"$what is a String, got ${JsonMethods.compact(other)}")
  }

  /** Fills in the case class from the scenario's JSON, as a caller would. */
  private def event(json: JObject): CacheUsageEvent = {
    json.obj.map(_._1).filterNot(eventProperties).foreach(k => throw CannotExpress(s"CacheUsageEvent has no field $k"))
    def required(name: String): JValue = json \ name match {
      case JNothing => throw CannotExpress(s"$name is a parameter of CacheUsageEvent without a default")
      case v => v
    }
    val sessionId = text(required("sessionId"), "sessionId")
    CacheUsageEvent(
      sessionId = sessionId, // a String: json4s cannot write a java.util.UUID on Java 17+ (typeMappings UUID=String)
      source = CacheSource.values.find(_.toString == text(required("source"), "source"))
        .getOrElse(throw CannotExpress(s"source is the Enumeration CacheSource ${CacheSource.values.mkString(", ")}")),
      event = CacheEventType.values.find(_.toString == text(required("event"), "event"))
        .getOrElse(throw CannotExpress(s"event is the Enumeration CacheEventType ${CacheEventType.values.mkString(", ")}")),
      hash = text(required("hash"), "hash"),
      duration = json \ "duration" match {
        case JNothing => None
        case JDouble(d) => Some(d)
        case JInt(i) => Some(i.toDouble)
        case JDecimal(d) => Some(d.toDouble)
        case other => throw CannotExpress(s"duration is an Option[Double], got ${JsonMethods.compact(other)}")
      })
  }

  private def record(scenario: JValue, baseUrl: String): JValue = {
    try {
      val request = scenario \ "request"
      val events = (request \ "events").asInstanceOf[JArray].arr.map(e => event(e.asInstanceOf[JObject]))
      var ci, teamId, slug: Option[String] = None
      var interactive: Option[Int] = None
      val parameters = List(request \ "headers", request \ "query").flatMap {
        case JObject(fields) => fields
        case _ => Nil
      }
      parameters.foreach {
        case ("x-artifact-client-ci", v) => ci = Some(text(v, "xArtifactClientCi"))
        case ("x-artifact-client-interactive", JInt(i)) => interactive = Some(i.toInt)
        case ("x-artifact-client-interactive", v) =>
          throw CannotExpress(s"xArtifactClientInteractive is an Option[Int], got ${JsonMethods.compact(v)}")
        case ("teamId", v) => teamId = Some(text(v, "teamId"))
        case ("slug", v) => slug = Some(text(v, "slug"))
        case (name, _) => throw CannotExpress(s"recordEvents has no parameter for $name")
      }
      val token = scenario \ "token" match {
        case JString(t) => t
        case _ => throw CannotExpress("recordEvents(bearerToken: String) always sends a bearer token")
      }
      ArtifactsApi(baseUrl).recordEvents(token)(events, ci, interactive, teamId, slug).send(backend).body match {
        case Right(_) => JObject("outcome" -> JString("accepted"))
        // The error body read into the generated model, and written back: what a caller can see of it.
        case Left(HttpError(body, status)) =>
          val error = Serialization.read[ErrorResponse](body)
          JObject("outcome" -> JString("rejected"), "status" -> JInt(status.code),
            "clientMessage" -> JString(s"HTTP $status"), "error" -> Extraction.decompose(error))
        case Left(other) => JObject("outcome" -> JString("failed"), "clientMessage" -> JString(other.toString))
      }
    } catch {
      case CannotExpress(reason) => JObject("outcome" -> JString("cannotExpress"), "reason" -> JString(reason))
    }
  }

  private def roundTrip(artifact: JValue, baseUrl: String): JValue = {
    val token = text(artifact \ "token", "token")
    val hash = text(artifact \ "hash", "hash")
    val api = ArtifactsApi(baseUrl)
    api.uploadArtifact(token)(hash, new File(text(artifact \ "upload", "upload")), Some(178.0)).send(backend).body
      .fold(e => throw e, identity)
    api.artifactExists(token)(hash).send(backend).body.fold(e => throw e, identity)
    val missingExists = api.artifactExists(token)(text(artifact \ "missingHash", "missingHash")).send(backend).code.code != 404
    // The generated request reads the bytes as JSON into a File (generator 7.25): sttp lets the caller say how to
    // read the answer instead, here straight into the file.
    api.downloadArtifact(token)(hash).response(asFile(new File(text(artifact \ "download", "download"))))
      .send(backend).body.fold(e => throw new IllegalStateException(e), identity)
    JObject("outcome" -> JString("roundTrip"), "exists" -> JBool(true), "missingExists" -> JBool(missingExists))
  }

  def main(args: Array[String]): Unit = {
    val baseUrl = args(0)
    Iterator.continually(scala.io.StdIn.readLine()).takeWhile(_ != null).filter(_.trim.nonEmpty).foreach { line =>
      val command = JsonMethods.parse(line, useBigDecimalForDouble = true)
      val answer = try {
        if ((command \ "scenario") != JNothing) record(command \ "scenario", baseUrl)
        else roundTrip(command \ "artifact", baseUrl)
      } catch {
        case e: Exception => JObject("outcome" -> JString("failed"), "clientMessage" -> JString(e.toString))
      }
      println(JsonMethods.compact(answer))
      Console.flush()
    }
  }
}
