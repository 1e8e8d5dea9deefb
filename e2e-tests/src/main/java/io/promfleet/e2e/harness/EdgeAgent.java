package io.promfleet.e2e.harness;

import java.net.URI;
import java.util.Optional;

/** One running edge Prometheus agent. */
public interface EdgeAgent {

    String cluster();

    /** The tenant its token maps to in the proxy, when auth is on. */
    Optional<String> tenant();

    /** Its bearer token for the proxy, when auth is on (a test sender may borrow it). */
    Optional<String> token();

    /** The agent's web address ({@code /metrics}, {@code /-/ready}). */
    URI url();

    /** The agent's own metrics, scraped now. */
    MetricsText metrics();
}
