package io.karavel.apiserver.spi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the API server needs to serve one resource: its names, scope, verbs, subresources,
 * model class, table columns and strategy. Build with {@link #builder}.
 *
 * @param group API group ({@code ""} for the core group)
 * @param version API version, e.g. {@code v1}
 * @param kind kind, e.g. {@code Deployment}
 * @param plural resource name in URLs, e.g. {@code deployments}
 * @param singular singular name, e.g. {@code deployment}
 * @param shortNames short names, e.g. {@code deploy}
 * @param categories categories, e.g. {@code all}
 * @param namespaced whether objects live in namespaces
 * @param verbs the verbs served ({@link #STANDARD_VERBS} for ordinary stored resources)
 * @param subresources served subresources: {@code status}, {@code scale}, {@code binding}, {@code
 *     eviction}, {@code log}, ...
 * @param modelClass the Jackson-annotated class of the object (used for OpenAPI, strict field
 *     validation and patch merge keys)
 * @param storageResource the resource name under which objects are stored ({@code
 *     /registry/<storageResource>/...}); usually {@link #plural}
 * @param table the table columns and row printer for {@code kubectl get}
 * @param strategy defaulting, validation and create/update preparation
 * @param scale where replicas live, if the {@code scale} subresource is served
 * @param virtualCreate for resources that are not stored (reviews): computes the answer to a create
 */
public record ResourceDefinition(
    String group,
    String version,
    String kind,
    String plural,
    String singular,
    List<String> shortNames,
    List<String> categories,
    boolean namespaced,
    Set<String> verbs,
    Set<String> subresources,
    Class<?> modelClass,
    String storageResource,
    TableDefinition table,
    ResourceStrategy strategy,
    ScaleSpec scale,
    VirtualCreateHandler virtualCreate) {

  /** The verbs of an ordinary stored resource. */
  public static final Set<String> STANDARD_VERBS =
      Set.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  public ResourceDefinition {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plural, "plural");
    Objects.requireNonNull(modelClass, "modelClass");
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
    verbs = Set.copyOf(verbs);
    subresources = Set.copyOf(subresources);
    singular = singular == null ? kind.toLowerCase(java.util.Locale.ROOT) : singular;
    storageResource = storageResource == null ? plural : storageResource;
    table = table == null ? TableDefinition.DEFAULT : table;
    strategy = strategy == null ? new ResourceStrategy() {} : strategy;
  }

  /** {@code group/version}, or just {@code version} for the core group. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code plural.group}, or just {@code plural} for the core group (as in error messages). */
  public String qualifiedResource() {
    return group.isEmpty() ? plural : plural + "." + group;
  }

  /** The kind of the list, e.g. {@code DeploymentList}. */
  public String listKind() {
    return kind + "List";
  }

  /** Whether objects are kept in the store (false for reviews answered on the fly). */
  public boolean stored() {
    return virtualCreate == null;
  }

  public Optional<ScaleSpec> scaleSpec() {
    return Optional.ofNullable(scale);
  }

  /** Starts a definition with the standard verbs, no subresources and no short names. */
  public static Builder builder(String group, String version, String kind, String plural) {
    return new Builder(group, version, kind, plural);
  }

  /** Builder of {@link ResourceDefinition}. */
  public static final class Builder {
    private final String group;
    private final String version;
    private final String kind;
    private final String plural;
    private String singular;
    private List<String> shortNames = List.of();
    private List<String> categories = List.of();
    private boolean namespaced = true;
    private Set<String> verbs = STANDARD_VERBS;
    private final Set<String> subresources = new LinkedHashSet<>();
    private Class<?> modelClass;
    private String storageResource;
    private TableDefinition table;
    private ResourceStrategy strategy;
    private ScaleSpec scale;
    private VirtualCreateHandler virtualCreate;

    private Builder(String group, String version, String kind, String plural) {
      this.group = group;
      this.version = version;
      this.kind = kind;
      this.plural = plural;
    }

    public Builder singular(String singular) {
      this.singular = singular;
      return this;
    }

    public Builder shortNames(String... names) {
      this.shortNames = List.of(names);
      return this;
    }

    public Builder categories(String... categories) {
      this.categories = List.of(categories);
      return this;
    }

    public Builder clusterScoped() {
      this.namespaced = false;
      return this;
    }

    public Builder verbs(String... verbs) {
      this.verbs = Set.of(verbs);
      return this;
    }

    public Builder subresources(String... names) {
      this.subresources.addAll(List.of(names));
      return this;
    }

    public Builder model(Class<?> modelClass) {
      this.modelClass = modelClass;
      return this;
    }

    public Builder storageResource(String storageResource) {
      this.storageResource = storageResource;
      return this;
    }

    public Builder table(TableDefinition table) {
      this.table = table;
      return this;
    }

    public Builder strategy(ResourceStrategy strategy) {
      this.strategy = strategy;
      return this;
    }

    /** Serves the {@code scale} subresource with replicas at the given JSON paths. */
    public Builder scale(ScaleSpec scale) {
      this.scale = scale;
      this.subresources.add("scale");
      return this;
    }

    /** Makes the resource create-only and unstored, answered by {@code handler}. */
    public Builder virtualCreate(VirtualCreateHandler handler) {
      this.virtualCreate = handler;
      this.verbs = Set.of("create");
      return this;
    }

    public ResourceDefinition build() {
      return new ResourceDefinition(
          group,
          version,
          kind,
          plural,
          singular,
          shortNames,
          categories,
          namespaced,
          verbs,
          subresources,
          modelClass,
          storageResource,
          table,
          strategy,
          scale,
          virtualCreate);
    }
  }
}
