/**
 * The promfleet SPI: what a plugin implements ({@link io.promfleet.api.Inspector}) and what it reads and
 * reports. A plugin depends on this package only; the host shows a plugin's class loader nothing else.
 *
 * <p>Types are marked {@link io.promfleet.api.Stable} or {@link io.promfleet.api.Experimental}; the SPI's
 * version is {@link io.promfleet.api.SpiVersion}.
 */
@Stable(since = "0.1")
package io.promfleet.api;
