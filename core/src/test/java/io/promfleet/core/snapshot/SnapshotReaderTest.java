package io.promfleet.core.snapshot;

import static io.promfleet.core.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.api.model.KubeObject;
import io.promfleet.core.InputException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnapshotReaderTest {

    @TempDir
    Path dir;

    private final SnapshotReader reader = new SnapshotReader();

    private static String pod(String name) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  namespace: monitoring\n";
    }

    private List<String> refs() {
        return reader.read(dir).stream().map(KubeObject::ref).toList();
    }

    @Test
    void readsAKindListAsKubectlWritesIt() {
        write(dir, "pods.yaml", """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Pod
                  metadata:
                    name: a
                    namespace: monitoring
                - apiVersion: v1
                  kind: Service
                  metadata:
                    name: b
                    namespace: monitoring
                metadata:
                  resourceVersion: ""
                """);
        List<KubeObject> objects = reader.read(dir);
        assertThat(objects).extracting(KubeObject::ref).containsExactly("Pod/monitoring/a", "Service/monitoring/b");
        assertThat(objects.get(1).source().line()).isEqualTo(9);
        assertThat(objects.get(1).source().file()).isEqualTo(dir.resolve("pods.yaml").toString());
    }

    @Test
    void readsASingleObject() {
        write(dir, "pod.yaml", pod("solo"));
        assertThat(refs()).containsExactly("Pod/monitoring/solo");
    }

    @Test
    void readsMultiDocumentYamlWithAnEmptyDocumentInBetween() {
        write(dir, "multi.yaml", "---\n" + pod("a") + "---\n---\n" + pod("b") + "---\n");
        assertThat(refs()).containsExactly("Pod/monitoring/a", "Pod/monitoring/b");
    }

    @Test
    void readsAJsonList() {
        write(dir, "all.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "v1", "kind": "Node", "metadata": {"name": "node-1"}},
                  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm", "namespace": "monitoring"}}
                ]}
                """);
        assertThat(refs()).containsExactly("Node/node-1", "ConfigMap/monitoring/cm");
    }

    @Test
    void readsATopLevelYamlSequence() {
        write(dir, "seq.yaml", "- kind: Pod\n  metadata: {name: a}\n- kind: Pod\n  metadata: {name: b}\n");
        assertThat(refs()).containsExactly("Pod/a", "Pod/b");
    }

    @Test
    void readsTypedListsAsTheApiReturnsThem() {
        write(dir, "pods.yaml", "apiVersion: v1\nkind: PodList\nitems:\n- kind: Pod\n  metadata: {name: a}\n");
        write(dir, "empty.yaml", "apiVersion: v1\nkind: ServiceList\nitems: []\n");
        assertThat(refs()).containsExactly("Pod/a");
    }

    @Test
    void skipsUnknownKindsButKeepsTheRest() {
        write(dir, "mixed.yaml", "kind: CustomThing\nmetadata: {}\n---\n" + pod("kept")
                + "---\nkind: Role\nmetadata: {name: r}\n");
        assertThat(refs()).containsExactly("Pod/monitoring/kept");
    }

    @Test
    void readsOnlyYamlYmlAndJsonFilesInNestedDirectoriesAndSkipsHiddenOnes() {
        write(dir, "a.yaml", pod("a"));
        write(dir, "sub/deeper/b.yml", pod("b"));
        write(dir, "sub/c.JSON", "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"c\"}}");
        write(dir, "notes.txt", "not: [valid yaml");
        write(dir, "README.md", "# not a snapshot");
        write(dir, ".hidden.yaml", pod("hidden-file"));
        // A ConfigMap volume keeps its files again under a hidden timestamped directory.
        write(dir, "..2024_01_01_00_00_00.123/a.yaml", pod("hidden-dir"));
        assertThat(refs()).containsExactlyInAnyOrder("Pod/monitoring/a", "Pod/monitoring/b", "Pod/c");
    }

    @Test
    void aYamlSyntaxErrorNamesFileAndLine() {
        Path file = write(dir, "bad.yaml", pod("a") + "  labels: {app: x\n");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InputException.class)
                .hasMessageMatching("\\Q" + file + "\\E:\\d+: invalid YAML: .+");
    }

    @Test
    void aJsonSyntaxErrorNamesFileAndLine() {
        Path file = write(dir, "bad.json", "{\"kind\": \"Pod\",\n \"metadata\": {\"name\": \"a\",}}");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":2: invalid JSON: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"just a string\"", "42"})
    void aJsonFileWhoseRootIsAScalarIsAnError(String root) {
        Path file = write(dir, "scalar.json", root);
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining("neither a Kubernetes object nor a list");
    }

    @Test
    void aListItemThatIsNotAnObjectIsAnError() {
        Path file = write(dir, "list.yaml", "kind: List\nitems:\n- kind: Pod\n  metadata: {name: a}\n- oops\n");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InputException.class)
                .hasMessage(file + ":3: list item 1 is not a Kubernetes object");
    }

    @Test
    void anObjectWithoutKindIsAnErrorWithItsLine() {
        Path file = write(dir, "nokind.yaml", pod("a") + "---\napiVersion: v1\nmetadata: {name: b}\n");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InputException.class)
                .hasMessage(file + ":7: object has no 'kind'");
    }

    @Test
    void aSupportedKindWithoutANameIsAnErrorNamingTheKind() {
        Path file = write(dir, "noname.yaml", "kind: List\nitems:\n- kind: StatefulSet\n  metadata:\n    namespace: x\n");
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InputException.class)
                .hasMessage(file + ":3: StatefulSet has no 'metadata.name'");
    }

    @Test
    void aMissingSnapshotDirectoryIsAnError() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> reader.read(missing)).isInstanceOf(InputException.class)
                .hasMessage(missing + ": snapshot directory does not exist");
    }

    @Test
    void aSnapshotThatIsAFileIsAnError() {
        Path file = write(dir, "pods.yaml", pod("a"));
        assertThatThrownBy(() -> reader.read(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ": snapshot is not a directory");
    }

    @Test
    void anEmptyDirectoryHasNoObjects() {
        assertThat(reader.read(dir)).isEmpty();
    }

    @Test
    void refusesAnAliasBombInsteadOfExpandingIt() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            String prev = "*a" + (i - 1);
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, prev))).append("]\n");
        }
        Path file = write(dir, "lol.yaml", "kind: ConfigMap\nmetadata: {name: lol}\ndata:\n"
                + yaml.toString().indent(2));
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining("alias bomb");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flow.yaml", "block.yaml", "deep.json"})
    void refusesADocumentNested10000LevelsDeep(String name) {
        int depth = 10_000;
        String text = switch (name) {
            case "flow.yaml" -> "x: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
            case "block.yaml" -> "- ".repeat(depth) + "leaf\n";
            default -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        };
        Path file = write(dir, name, text);
        assertThatThrownBy(() -> reader.read(dir)).isExactlyInstanceOf(InputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("nesting depth");
    }

    @Test
    void secretValuesAreGoneAfterReadingWhileKeysRemain() {
        String lastApplied = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"stringData\":{\"password\":\"s3cr3t-plain\"}}";
        write(dir, "secret.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: creds
                  namespace: monitoring
                  annotations:
                    kubectl.kubernetes.io/last-applied-configuration: '%s'
                    owner: team-a
                data:
                  token: c2VjcmV0LXRva2Vu
                stringData:
                  password: s3cr3t-plain
                """.formatted(lastApplied));
        KubeObject secret = reader.read(dir).get(0);
        String everything = secret.body().unwrap() + " " + secret.annotations() + " " + secret;
        assertThat(everything).doesNotContain("c2VjcmV0LXRva2Vu").doesNotContain("s3cr3t-plain");
        assertThat(secret.at("data").fields()).containsOnlyKeys("token");
        assertThat(secret.at("stringData").fields()).containsOnlyKeys("password");
        assertThat(secret.annotations()).containsOnlyKeys("owner");
    }

    @Test
    void aSecretWhoseDataIsNotAMappingKeepsNoValue() {
        write(dir, "secret.yaml", "kind: Secret\nmetadata: {name: odd}\ndata: c2VjcmV0LXRva2Vu\n");
        assertThat(String.valueOf(reader.read(dir).get(0).body().unwrap())).doesNotContain("c2VjcmV0LXRva2Vu");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "secret.yaml:kind: Secret\nmetadata: {name: s}\nstringData:\n  password: s3cr3t: plain\n",
        "secret.json:{\"kind\": \"Secret\",\n \"stringData\": {\"password\": s3cr3tplain}}"
    })
    void aSyntaxErrorInASecretFileDoesNotQuoteTheSecret(String fixture) {
        String name = fixture.substring(0, fixture.indexOf(':'));
        Path file = write(dir, name, fixture.substring(name.length() + 1));
        assertThatThrownBy(() -> reader.read(dir)).isInstanceOf(InputException.class)
                .hasMessageMatching("\\Q" + file + "\\E:\\d+: invalid (YAML|JSON): .+")
                .hasMessageNotContaining("s3cr3t");
    }
}
