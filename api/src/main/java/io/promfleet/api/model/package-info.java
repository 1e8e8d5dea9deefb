/**
 * The fleet as read: clusters and their Kubernetes objects.
 *
 * <p>Experimental: these records gain components as promfleet reads more, which changes their canonical
 * constructors. Read them through their accessors; do not construct them in plugin code (the test kit
 * builds fleets from fixture files for you).
 */
@Experimental(since = "0.1")
package io.promfleet.api.model;

import io.promfleet.api.Experimental;
