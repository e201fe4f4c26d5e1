package dev.remotecache.contract.core;

import java.io.StringWriter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes test results in the JUnit XML format CI systems render (one suite, one test case per
 * check).
 */
public final class JUnitXml {

  /** One test case; {@code failure} null when it passed. */
  public record Case(String className, String name, String failure, String detail) {}

  private JUnitXml() {}

  public static String write(String suite, List<Case> cases, double seconds) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", suite);
      xml.writeAttribute("tests", String.valueOf(cases.size()));
      xml.writeAttribute(
          "failures", String.valueOf(cases.stream().filter(c -> c.failure() != null).count()));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      xml.writeAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", seconds));
      for (Case c : cases) {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", c.className());
        xml.writeAttribute("name", c.name());
        if (c.failure() != null) {
          xml.writeStartElement("failure");
          xml.writeAttribute("message", c.failure());
          xml.writeCharacters(c.detail() == null ? c.failure() : c.detail());
          xml.writeEndElement();
        }
        xml.writeEndElement();
      }
      xml.writeCharacters("\n");
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML", e);
    }
    return text + "\n";
  }
}
