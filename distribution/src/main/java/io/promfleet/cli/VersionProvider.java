package io.promfleet.cli;

import io.promfleet.api.Inspector;
import picocli.CommandLine;

/** The version written into the jars' manifests by the build. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = PromfleetCommand.class.getPackage().getImplementationVersion();
        String api = Inspector.class.getPackage().getImplementationVersion();
        return new String[] {
            "promfleet " + (version == null ? "(development build)" : version),
            "promfleet-api " + (api == null ? "(development build)" : api),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
