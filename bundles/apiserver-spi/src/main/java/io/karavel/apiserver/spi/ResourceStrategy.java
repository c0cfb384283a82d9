package io.karavel.apiserver.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Per-resource behaviour on writes, shaped like upstream's {@code rest.RESTCreateStrategy} and
 * {@code RESTUpdateStrategy}. Objects are JSON trees with {@code apiVersion}, {@code kind} and
 * {@code metadata} already checked and filled in by the API server (name, namespace, uid,
 * creationTimestamp, resourceVersion, generation). Methods may mutate the tree they are given and
 * must be deterministic and side-effect free: they also run for {@code dryRun} requests.
 *
 * <p>What the API server does generically, so strategies need not: for resources with a {@code
 * status} subresource it removes {@code status} on create, keeps the old {@code status} on updates
 * of the main resource, and keeps everything but {@code status} (and metadata other than labels and
 * annotations) on status updates; it validates {@code metadata} (name by {@link #nameRule},
 * generateName, labels, annotations, namespace) and bumps {@code metadata.generation} when anything
 * outside {@code metadata} and {@code status} changes. Order on create: {@link #prepareForCreate},
 * {@link #applyDefaults}, mutating admission, {@link #validate}, validating admission. On update:
 * {@link #prepareForUpdate}, {@link #applyDefaults}, mutating admission, {@link #validate}, {@link
 * #validateUpdate}, validating admission.
 */
public interface ResourceStrategy {

  /** How object names of this resource are validated. */
  enum NameRule {
    /** DNS-1123 subdomain: lower case alphanumerics, '-' and '.', at most 253 (most resources). */
    DNS1123_SUBDOMAIN,
    /** DNS-1123 label: lower case alphanumerics and '-', at most 63 (namespaces, nodes' pools). */
    DNS1123_LABEL,
    /** DNS-1035 label: a DNS-1123 label that starts with a letter (services). */
    DNS1035_LABEL,
    /** Any name that is a valid path segment: not '.', '..', no '/' or '%' (RBAC objects). */
    PATH_SEGMENT
  }

  /** The name rule of this resource; DNS-1123 subdomain unless overridden. */
  default NameRule nameRule() {
    return NameRule.DNS1123_SUBDOMAIN;
  }

  /**
   * Completes a new object before defaulting, e.g. a pod's initial {@code status.phase: Pending}
   * (the API server has already removed {@code status} if the resource has that subresource, unless
   * {@link #keepsStatusOnCreate()}).
   */
  default void prepareForCreate(ObjectNode object) {}

  /**
   * Whether a create keeps the {@code status} its client sent although the resource has a status
   * subresource. Upstream keeps it where the creator owns the status from the start, as a kubelet
   * registering its Node with capacity, addresses and conditions; elsewhere it is dropped.
   *
   * @return {@code false} by default
   * @since 1.1
   */
  default boolean keepsStatusOnCreate() {
    return false;
  }

  /** Adjusts an update of the main resource (the old status is already carried over). */
  default void prepareForUpdate(ObjectNode object, ObjectNode old) {}

  /** Fills in defaulted fields (as upstream's {@code SetDefaults_*}). */
  default void applyDefaults(ObjectNode object) {}

  /**
   * The grace period of a delete, as upstream's {@code CheckGracefulDelete}: {@code 0} deletes at
   * once; a positive value marks the object with {@code deletionTimestamp} and keeps it until a
   * later delete with grace 0 (pods: until the kubelet confirms the containers are gone).
   *
   * @param object the stored object
   * @param requested the grace period the client asked for, or null
   * @return the grace period in seconds; the default is always 0
   */
  default long gracefulDeleteSeconds(ObjectNode object, Long requested) {
    return 0;
  }

  /** Validates a new object; an empty list means valid. */
  default List<FieldError> validate(ObjectNode object) {
    return List.of();
  }

  /** Validates an update (immutable fields and so on), after {@link #validate} has passed. */
  default List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    return List.of();
  }
}
