package io.promfleet.proxy.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promfleet.proxy.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {

    @TempDir
    Path dir;

    @Test
    void mapsTokensToTenantsAndReloadsOnChange() throws Exception {
        Path f = dir.resolve("tokens");
        Files.writeString(f, "edge-1 alpha\n# comment\n\nedge-2   beta\n");
        TokenStore store = TokenStore.load(f);
        assertThat(store.tenantFor("alpha")).hasValue("edge-1");
        assertThat(store.tenantFor("beta")).hasValue("edge-2");
        assertThat(store.tenantFor("gamma")).isEmpty();
        assertThat(store.tenantFor("")).isEmpty();
        assertThat(store.reloadIfChanged()).isFalse();

        Files.writeString(f, "edge-1 rotated\n");
        assertThat(store.reloadIfChanged()).isTrue();
        assertThat(store.tenantFor("alpha")).isEmpty();
        assertThat(store.tenantFor("rotated")).hasValue("edge-1");
    }

    @Test
    void aBrokenReloadKeepsThePreviousTokensAndNeverShowsOne() throws Exception {
        Path f = dir.resolve("tokens");
        Files.writeString(f, "edge-1 alpha\n");
        TokenStore store = TokenStore.load(f);
        Files.writeString(f, "edge-1 alpha\nedge-2 super-secret-token extra\n");
        assertThatThrownBy(store::reloadIfChanged).hasMessageContaining("line 2").hasMessageNotContaining("super-secret");
        assertThat(store.tenantFor("alpha")).hasValue("edge-1");
    }

    @Test
    void aBrokenFileAtStartIsAConfigErrorNamingTheFile() throws Exception {
        Path f = dir.resolve("tokens");
        Files.writeString(f, "lonely-token-without-tenant\n");
        assertThatThrownBy(() -> TokenStore.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.tokensFile").hasMessageContaining("tokens: line 1")
                .hasMessageNotContaining("lonely-token");
        assertThatThrownBy(() -> TokenStore.load(dir.resolve("missing"))).isInstanceOf(ConfigException.class);
    }
}
