package dev.rrdvideo.inspect.report;

import dev.rrdvideo.inspect.SampleScanner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Runs a report the way the CLI does, and reads the HTML back as XML. */
final class ReportTestSupport {
  private ReportTestSupport() {}

  static InputReport scan(Path file, ReportOptions options) throws IOException {
    ReportCollector c = new ReportCollector(options);
    SampleScanner.scan(file, c.scanOptions().build(), c);
    return c.report(file.getFileName().toString(), Files.size(file));
  }

  static String html(List<InputReport> reports, ReportOptions options) throws IOException {
    StringWriter w = new StringWriter();
    HtmlReport.write(reports, options, w);
    return w.toString();
  }

  /** Parses the report with an XML parser (it must be well-formed). */
  static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    f.setExpandEntityReferences(false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  /** The elements named {@code tag} below {@code root} whose class attribute holds {@code cls}. */
  static List<Element> byClass(Element root, String tag, String cls) {
    List<Element> out = new ArrayList<>();
    NodeList all = root.getElementsByTagName(tag);
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
        out.add(e);
      }
    }
    return out;
  }

  static List<Element> elements(Element root, String tag) {
    List<Element> out = new ArrayList<>();
    NodeList all = root.getElementsByTagName(tag);
    for (int i = 0; i < all.getLength(); i++) {
      out.add((Element) all.item(i));
    }
    return out;
  }

  /** The value cells of a facts table by their row header. */
  static java.util.Map<String, String> facts(Element table) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    for (Element tr : elements(table, "tr")) {
      m.put(elements(tr, "th").get(0).getTextContent(), elements(tr, "td").get(0).getTextContent());
    }
    return m;
  }
}
