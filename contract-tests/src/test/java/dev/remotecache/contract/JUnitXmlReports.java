package dev.remotecache.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads JUnit XML reports back as a CI system would. */
public final class JUnitXmlReports {

  private JUnitXmlReports() {}

  /** Each test case's {@code classname name}, with its failure message or {@code null}. */
  public static Map<String, String> cases(Path xml) throws Exception {
    Document document =
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    NodeList cases = document.getElementsByTagName("testcase");
    Map<String, String> result = new LinkedHashMap<>();
    for (int i = 0; i < cases.getLength(); i++) {
      Element testCase = (Element) cases.item(i);
      NodeList failures = testCase.getElementsByTagName("failure");
      result.put(
          testCase.getAttribute("classname") + " " + testCase.getAttribute("name"),
          failures.getLength() == 0 ? null : ((Element) failures.item(0)).getAttribute("message"));
    }
    return result;
  }

  /** A conformance report's JUnit XML holds one test case per check, failures as the report. */
  public static void assertOneTestCasePerCheck(ConformanceReport report) throws Exception {
    Document xml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(report.toJUnitXml(1.5).getBytes(StandardCharsets.UTF_8)));
    Element suite = xml.getDocumentElement();
    assertEquals("testsuite", suite.getTagName());
    assertEquals(String.valueOf(report.checks().size()), suite.getAttribute("tests"));
    assertEquals(String.valueOf(report.deviations().size()), suite.getAttribute("failures"));
    NodeList cases = xml.getElementsByTagName("testcase");
    assertEquals(report.checks().size(), cases.getLength());
    for (int i = 0; i < cases.getLength(); i++) {
      Element testCase = (Element) cases.item(i);
      ConformanceCheck check = report.checks().get(i);
      assertEquals(check.check(), testCase.getAttribute("name"));
      assertEquals("conformance." + check.operationId(), testCase.getAttribute("classname"));
      NodeList failures = testCase.getElementsByTagName("failure");
      assertEquals(check.conforms() ? 0 : 1, failures.getLength(), check.toString());
      if (!check.conforms()) {
        String message = ((Element) failures.item(0)).getAttribute("message");
        assertTrue(message.contains(check.expected()) && message.contains(check.actual()), message);
      }
    }
  }
}
