package io.promfleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SpiVersionTest {

    @Test
    void sameMajorAndNoNewerMinorIsCompatible() {
        assertThat(SpiVersion.incompatibility(SpiVersion.current())).isEmpty();
        assertThat(SpiVersion.incompatibility(SpiVersion.MAJOR + ".0")).isEmpty();
        assertThat(SpiVersion.incompatibility(" " + SpiVersion.MAJOR + "." + SpiVersion.MINOR + ".7 ")).isEmpty();
    }

    @Test
    void anotherMajorANewerMinorOrGarbageIsNotAndSaysWhy() {
        assertThat(SpiVersion.incompatibility((SpiVersion.MAJOR + 1) + ".0")).get().asString()
                .contains("different major version").contains(SpiVersion.current());
        assertThat(SpiVersion.incompatibility(SpiVersion.MAJOR + "." + (SpiVersion.MINOR + 1))).get().asString()
                .contains("upgrade promfleet");
        assertThat(SpiVersion.incompatibility("one")).get().asString().contains("'one'").contains("MAJOR.MINOR");
        assertThat(SpiVersion.incompatibility(null)).isPresent();
    }

    @Test
    void theApiJarsManifestEntryMatchesTheConstants() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertThat(pom).contains("<" + SpiVersion.MANIFEST_ATTRIBUTE + ">" + SpiVersion.current() + "</");
    }
}
