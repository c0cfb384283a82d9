package io.karavel.apiserver.spi.auth;

/**
 * What a request wants to do, as upstream's {@code authorizer.Attributes}.
 *
 * @param user who asks
 * @param verb {@code get}, {@code list}, {@code watch}, {@code create}, {@code update}, {@code
 *     patch}, {@code delete}, {@code deletecollection}; for non-resource requests the lower-case
 *     HTTP method
 * @param resourceRequest whether the request is for an API resource (else a non-resource path)
 * @param apiGroup API group ({@code ""} for core)
 * @param apiVersion API version
 * @param resource resource plural, e.g. {@code pods}
 * @param subresource subresource, e.g. {@code status}, or empty
 * @param namespace namespace, or empty for cluster-scoped requests
 * @param name object name, or empty
 * @param path the request path (for non-resource requests)
 */
public record AuthorizationAttributes(
    UserInfo user,
    String verb,
    boolean resourceRequest,
    String apiGroup,
    String apiVersion,
    String resource,
    String subresource,
    String namespace,
    String name,
    String path) {}
