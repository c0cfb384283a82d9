package io.karavel.apiserver.spi.auth;

import java.util.List;
import java.util.Map;

/**
 * An authenticated user, as upstream's {@code user.Info}.
 *
 * @param name user name, e.g. {@code kubernetes-admin}
 * @param uid unique id, may be empty
 * @param groups groups, e.g. {@code system:masters}; {@code system:authenticated} is added by the
 *     API server
 * @param extra extra attributes
 */
public record UserInfo(
    String name, String uid, List<String> groups, Map<String, List<String>> extra) {

  public static final String SYSTEM_MASTERS = "system:masters";
  public static final String SYSTEM_AUTHENTICATED = "system:authenticated";
  public static final String SYSTEM_UNAUTHENTICATED = "system:unauthenticated";
  public static final String ANONYMOUS = "system:anonymous";

  public UserInfo {
    uid = uid == null ? "" : uid;
    groups = List.copyOf(groups);
    extra = Map.copyOf(extra);
  }

  public UserInfo(String name, List<String> groups) {
    this(name, "", groups, Map.of());
  }

  public boolean inGroup(String group) {
    return groups.contains(group);
  }
}
