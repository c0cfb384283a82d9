/**
 * The scheduler framework's extension points, shaped like Kubernetes' scheduling framework. A
 * plugin is a Declarative Services component that implements one or more of the extension-point
 * interfaces ({@link io.karavel.scheduler.spi.FilterPlugin}, {@link
 * io.karavel.scheduler.spi.ScorePlugin}, ...) and is registered with the service property {@value
 * io.karavel.scheduler.spi.Plugin#NAME}. Which plugins run, in which order and with which weight is
 * decided by the scheduler's profiles, not by what happens to be installed.
 *
 * <p>All methods of a plugin may be called concurrently for different pods (different cycles) and,
 * for {@link io.karavel.scheduler.spi.FilterPlugin#filter} and {@link
 * io.karavel.scheduler.spi.ScorePlugin#score}, concurrently for different nodes of one cycle.
 */
@Export
@Version("1.2.0")
package io.karavel.scheduler.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
