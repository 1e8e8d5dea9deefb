package io.promfleet.core.tree;

import static io.promfleet.core.TestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.core.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeReaderTest {

    @TempDir
    Path dir;

    @Test
    void refusesAFileOverTheSizeLimitNamingTheFileAndTheLimit() {
        Path file = write(dir, "big.yaml", "kind: ConfigMap\nmetadata:\n  name: a-name-long-enough\n");
        assertThatThrownBy(() -> new TreeReader(16).read(file))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("limit of 16 bytes");
        assertThat(new TreeReader(1024).read(file).documents()).hasSize(1);
    }

    @Test
    void recordsTheLineEachObjectStartsAt() {
        Path file = write(dir, "a.yaml", "a: 1\n---\n# comment\nb:\n  c: 2\n");
        LocatedTree tree = read(file);
        assertThat(tree.lineOf(tree.documents().get(0))).isEqualTo(1);
        Map<?, ?> second = (Map<?, ?>) tree.documents().get(1);
        assertThat(tree.lineOf(second.get("b"))).isEqualTo(5);
    }

    @Test
    void resolvesAliasesAndMergeKeysInsteadOfReadingTheAnchorName() {
        Path file = write(dir, "a.yaml", """
                base: &base {x: 1, y: 1}
                copy: *base
                merged:
                  <<: *base
                  y: 2
                """);
        Map<?, ?> root = (Map<?, ?>) read(file).documents().get(0);
        assertThat(root.get("copy")).isEqualTo(Map.of("x", 1, "y", 1));
        assertThat(root.get("merged")).isEqualTo(Map.of("x", 1, "y", 2));
    }

    @Test
    void anUndefinedAliasIsAnErrorWithItsLine() {
        Path file = write(dir, "a.yaml", "a: 1\nb: *nowhere\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":2: ").hasMessageContaining("*nowhere");
    }

    @Test
    void duplicateKeysAreAnErrorNotASilentOverwrite() {
        Path yaml = write(dir, "a.yaml", "name: a\nrole: edge\nname: b\n");
        assertThatThrownBy(() -> read(yaml)).hasMessage(yaml + ":3: duplicate key 'name'");
        Path json = write(dir, "a.json", "{\"a\": 1,\n \"a\": 2}");
        assertThatThrownBy(() -> read(json)).hasMessage(json + ":2: duplicate key 'a'");
    }

    @Test
    void anEmptyDocumentBetweenOthersIsNull() {
        Path file = write(dir, "a.yaml", "a: 1\n---\n---\nb: 2\n");
        assertThat(read(file).documents()).containsExactly(Map.of("a", 1), null, Map.of("b", 2));
    }

    @Test
    void readYamlNamesTheOriginAndLineButNotTheOffendingText() {
        assertThatThrownBy(() -> new TreeReader().readYaml("global:\n  password: hunter2: x\n", "ConfigMap/m/c"))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("ConfigMap/m/c:2: invalid YAML: ")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    @SuppressWarnings("unchecked")
    void sequencesKeepTheirOrder() {
        Path file = write(dir, "a.json", "[3, \"two\", true, null, 1.5]");
        assertThat((List<Object>) read(file).documents().get(0)).containsExactly(3, "two", true, null, 1.5);
    }

    private static LocatedTree read(Path file) {
        return new TreeReader().read(file);
    }
}
