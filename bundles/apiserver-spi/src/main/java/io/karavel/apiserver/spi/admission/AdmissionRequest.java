package io.karavel.apiserver.spi.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.auth.UserInfo;

/**
 * A write offered to admission plugins, as upstream's {@code admission.Attributes}.
 *
 * @param operation create, update, delete or connect
 * @param group API group of the resource
 * @param version API version
 * @param kind the object's kind
 * @param resource resource plural
 * @param subresource subresource or empty
 * @param namespace namespace or empty
 * @param name object name (may be empty on create with generateName)
 * @param object the new object (mutating plugins may change it); null on delete
 * @param oldObject the stored object on update and delete; null on create
 * @param user who asks
 * @param dryRun whether the write will not be persisted (plugins must not have side effects)
 */
public record AdmissionRequest(
    Operation operation,
    String group,
    String version,
    String kind,
    String resource,
    String subresource,
    String namespace,
    String name,
    ObjectNode object,
    ObjectNode oldObject,
    UserInfo user,
    boolean dryRun) {}
