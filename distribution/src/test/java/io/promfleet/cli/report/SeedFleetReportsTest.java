package io.promfleet.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.promfleet.core.Promfleet;
import io.promfleet.core.audit.AuditReport;
import io.promfleet.core.report.Language;
import io.promfleet.core.report.ReportFormat;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;

/**
 * The seed fleet's reports against golden files (a fixed clock; both languages where text appears), SARIF
 * against the SARIF 2.1.0 schema's rules, JUnit XML against the common JUnit XSD and parsed back. Run with
 * {@code -Dpromfleet.updateGolden=true} to rewrite the golden files after a deliberate change, then read
 * the diff.
 */
class SeedFleetReportsTest {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path SEED = REPO.resolve("examples/seed-fleet/fleet.yaml");
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    static AuditReport audit(Language language) {
        try (Promfleet promfleet = Promfleet.builder().classLoader(SeedFleetReportsTest.class.getClassLoader())
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .setting(io.promfleet.api.InspectionContext.LANGUAGE_SETTING, language.locale().toLanguageTag())
                .build()) {
            return promfleet.audit(SEED);
        }
    }

    static String render(ReportFormat format, Language language) throws Exception {
        StringWriter out = new StringWriter();
        format.writer().write(audit(language), language, out);
        // SARIF names snapshot files by absolute URI outside the working directory: make it machine-neutral.
        return out.toString().replace(REPO.toUri().toString(), "file:///REPO/").replace("\r\n", "\n");
    }

    static Stream<Arguments> goldenCases() {
        return Stream.of(ReportFormat.MD, ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.JUNIT)
                .flatMap(f -> Stream.of(Language.values()).map(l -> Arguments.of(f, l)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goldenCases")
    void matchesTheGoldenFile(ReportFormat format, Language language) throws Exception {
        String actual = render(format, language);
        Path golden = GOLDEN.resolve("seed-fleet." + language.id() + "." + format.fileName().replace("promfleet-audit.", ""));
        if (Boolean.getBoolean("promfleet.updateGolden") || !Files.exists(golden)) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void sarifIsValidAgainstTheSchemaAndPointsAtSnapshotLines(Language language) throws Exception {
        String sarif = render(ReportFormat.SARIF, language);
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/sarif-2.1.0-subset.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        JsonNode log = new ObjectMapper().readTree(sarif);
        Set<ValidationMessage> errors = schema.validate(log);
        assertThat(errors).isEmpty();
        JsonNode results = log.at("/runs/0/results");
        assertThat(results.size()).isEqualTo(audit(language).findings().size());
        JsonNode rules = log.at("/runs/0/tool/driver/rules");
        for (JsonNode result : results) {
            assertThat(rules.get(result.get("ruleIndex").asInt()).get("id").asText()).isEqualTo(result.get("ruleId").asText());
        }
        // The remote-write findings point at the agent's ConfigMap, in the file and at the line it starts.
        JsonNode unresolvable = Stream.of(results).flatMap(r -> java.util.stream.StreamSupport.stream(r.spliterator(), false))
                .filter(r -> r.get("ruleId").asText().equals("remote-write-unresolvable")).findFirst().orElseThrow();
        JsonNode physical = unresolvable.at("/locations/0/physicalLocation");
        String uri = physical.at("/artifactLocation/uri").asText();
        assertThat(uri).startsWith("file:///REPO/examples/seed-fleet/cluster-0");
        int line = physical.at("/region/startLine").asInt();
        String fqn = unresolvable.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText();
        String name = fqn.substring(fqn.lastIndexOf('/') + 1);
        var lines = Files.readAllLines(REPO.resolve(uri.substring("file:///REPO/".length())));
        assertThat(line).isPositive();
        // The line is where the object's document starts (SourceLocation); its name follows below.
        assertThat(lines.get(line - 1)).containsAnyOf("apiVersion", "kind", "{");
        assertThat(String.join("\n", lines.subList(line - 1, lines.size()))).contains(name);
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void junitIsValidAgainstTheXsdWithOneCasePerCheckAndCluster(Language language) throws Exception {
        String xml = render(ReportFormat.JUNIT, language);
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        var schema = factory.newSchema(getClass().getResource("/schemas/junit.xsd"));
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new org.xml.sax.InputSource(new StringReader(xml)));
        AuditReport report = audit(language);
        long fleetLevelChecks = report.fleetFindings().stream().map(f -> f.check()).distinct().count();
        int clusterCases = report.checks().size() * report.fleet().clusters().size();
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(clusterCases + (int) fleetLevelChecks);
        long failingPairs = report.findings().stream().map(f -> f.check() + "@" + f.cluster()).distinct().count();
        assertThat(doc.getElementsByTagName("failure").getLength()).isEqualTo((int) failingPairs);
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo(String.valueOf(failingPairs));
    }
}
