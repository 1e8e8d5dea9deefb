package io.promfleet.core.apply;

import io.promfleet.api.Experimental;
import io.promfleet.api.plan.HelmValuesChange;
import java.util.Map;

/**
 * Runs {@code helm upgrade} for a {@link HelmValuesChange}. promfleet does not run Helm unless asked to
 * ({@code apply --run-helm}); without a runner, apply stops at a Helm step with the command to run.
 */
@Experimental
@FunctionalInterface
public interface HelmRunner {

    /**
     * Sets {@code values} on the change's release, keeping every other value.
     *
     * @param dryRun true: {@code --dry-run=server}, nothing is changed
     * @return what Helm printed, for the log
     */
    String upgrade(HelmValuesChange change, Map<String, String> values, boolean dryRun);
}
