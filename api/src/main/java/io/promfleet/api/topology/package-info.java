/**
 * The monitoring topology derived from a cluster's objects: Prometheus instances, Thanos components,
 * endpoints.
 *
 * <p>Experimental, for the same reason as {@link io.promfleet.api.model}: read through accessors only.
 */
@Experimental(since = "0.1")
package io.promfleet.api.topology;

import io.promfleet.api.Experimental;
