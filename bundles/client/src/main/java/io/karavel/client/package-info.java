/**
 * Karavel's client library: the {@link io.karavel.client.KubeClientProvider} service handing out
 * fabric8 {@code KubernetesClient}s, client-go style {@link io.karavel.client.WorkQueue}s with
 * {@link io.karavel.client.RateLimiter}s, Lease based {@link io.karavel.client.LeaderElection} and
 * informers over generic resources ({@link io.karavel.client.ResourceType}) and bounded
 * asynchronous writes ({@link io.karavel.client.AsyncWriter}, since 1.1) and label selector
 * matching ({@link io.karavel.client.LabelSelectors}, since 1.2).
 *
 * <p>The same bundle exports fabric8's client API packages ({@code io.fabric8.kubernetes.client.*},
 * version 7.4.0), which it inlines because fabric8 ships them without an OSGi manifest.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.karavel.client;
