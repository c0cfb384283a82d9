package io.karavel.api.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.karavel.api.common.internal.Nodes;
import org.junit.jupiter.api.Test;

class AppsDefaultingTest {

  private static final String TEMPLATE =
      "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':["
          + "{'name':'web','image':'nginx','ports':[{'containerPort':80}],"
          + "'readinessProbe':{'httpGet':{'path':'/','port':80}}}]}}";

  private static final String DEFAULTED_TEMPLATE =
      "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':["
          + "{'name':'web','image':'nginx','ports':[{'containerPort':80,'protocol':'TCP'}],"
          + "'readinessProbe':{'httpGet':{'path':'/','port':80,'scheme':'HTTP'},"
          + "'timeoutSeconds':1,'periodSeconds':10,'successThreshold':1,'failureThreshold':3},"
          + "'terminationMessagePath':'/dev/termination-log','terminationMessagePolicy':'File',"
          + "'imagePullPolicy':'Always'}],"
          + "'dnsPolicy':'ClusterFirst','restartPolicy':'Always','securityContext':{},"
          + "'terminationGracePeriodSeconds':30,'schedulerName':'default-scheduler'}}";

  @Test
  void deploymentDefaults() {
    ObjectNode d =
        Json.parse("{'spec':{'selector':{'matchLabels':{'app':'web'}}," + TEMPLATE + "}}");
    new DeploymentStrategy().applyDefaults(d);
    assertThat(d)
        .isEqualTo(
            Json.parse(
                "{'spec':{'selector':{'matchLabels':{'app':'web'}},"
                    + DEFAULTED_TEMPLATE
                    + ",'replicas':1,'strategy':{'type':'RollingUpdate','rollingUpdate':"
                    + "{'maxUnavailable':'25%','maxSurge':'25%'}},'revisionHistoryLimit':10,"
                    + "'progressDeadlineSeconds':600}}"));
  }

  @Test
  void defaultedDeploymentReadsAsTypedModel() throws Exception {
    ObjectNode d =
        Json.parse(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},"
                + "'spec':{'selector':{'matchLabels':{'app':'web'}},"
                + TEMPLATE
                + "}}");
    new DeploymentStrategy().applyDefaults(d);
    Deployment typed = Nodes.MAPPER.treeToValue(d, Deployment.class);
    assertThat(typed.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
    assertThat(typed.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal())
        .isEqualTo("25%");
    assertThat(typed.getSpec().getTemplate().getSpec().getSchedulerName())
        .isEqualTo("default-scheduler");
    assertThat(
            typed
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getPorts()
                .get(0)
                .getProtocol())
        .isEqualTo("TCP");
    assertThat(typed.getSpec().getAdditionalProperties()).isEmpty();
  }

  @Test
  void recreateDeploymentGetsNoRollingUpdate() {
    ObjectNode d = Json.parse("{'spec':{'replicas':0,'strategy':{'type':'Recreate'}}}");
    new DeploymentStrategy().applyDefaults(d);
    assertThat(d.at("/spec/strategy")).isEqualTo(Json.parse("{'type':'Recreate'}"));
    assertThat(d.at("/spec/replicas").asInt()).isZero();
  }

  @Test
  void replicaSetDefaults() {
    ObjectNode rs = Json.parse("{'spec':{" + TEMPLATE + "}}");
    new ReplicaSetStrategy().applyDefaults(rs);
    assertThat(rs).isEqualTo(Json.parse("{'spec':{" + DEFAULTED_TEMPLATE + ",'replicas':1}}"));
  }

  @Test
  void statefulSetDefaults() {
    ObjectNode sts =
        Json.parse(
            "{'spec':{"
                + TEMPLATE
                + ",'volumeClaimTemplates':[{'metadata':{'name':'data'},'spec':{"
                + "'accessModes':['ReadWriteOnce']}}]}}");
    new StatefulSetStrategy().applyDefaults(sts);
    assertThat(sts)
        .isEqualTo(
            Json.parse(
                "{'spec':{"
                    + DEFAULTED_TEMPLATE
                    + ",'volumeClaimTemplates':[{'metadata':{'name':'data'},'spec':{"
                    + "'accessModes':['ReadWriteOnce'],'volumeMode':'Filesystem'},"
                    + "'apiVersion':'v1','kind':'PersistentVolumeClaim','status':{'phase':'Pending'}}],"
                    + "'podManagementPolicy':'OrderedReady',"
                    + "'updateStrategy':{'type':'RollingUpdate','rollingUpdate':{'partition':0}},"
                    + "'persistentVolumeClaimRetentionPolicy':{'whenDeleted':'Retain','whenScaled':'Retain'},"
                    + "'replicas':1,'revisionHistoryLimit':10}}"));
  }

  @Test
  void statefulSetOnDeleteKeepsNoRollingUpdate() {
    ObjectNode sts = Json.parse("{'spec':{'updateStrategy':{'type':'OnDelete'}}}");
    new StatefulSetStrategy().applyDefaults(sts);
    assertThat(sts.at("/spec/updateStrategy")).isEqualTo(Json.parse("{'type':'OnDelete'}"));
  }

  @Test
  void daemonSetDefaults() {
    ObjectNode ds = Json.parse("{'spec':{" + TEMPLATE + "}}");
    new DaemonSetStrategy().applyDefaults(ds);
    assertThat(ds)
        .isEqualTo(
            Json.parse(
                "{'spec':{"
                    + DEFAULTED_TEMPLATE
                    + ",'updateStrategy':{'type':'RollingUpdate','rollingUpdate':"
                    + "{'maxUnavailable':1,'maxSurge':0}},'revisionHistoryLimit':10}}"));
  }
}
