/**
 * The remediation plan model: {@link io.promfleet.api.plan.Action}s in {@link io.promfleet.api.plan.Phase}s,
 * the {@link io.promfleet.api.plan.Change}s they make and the {@link io.promfleet.api.plan.Gate}s between
 * them. Every type here is experimental while {@code apply} settles.
 */
package io.promfleet.api.plan;
