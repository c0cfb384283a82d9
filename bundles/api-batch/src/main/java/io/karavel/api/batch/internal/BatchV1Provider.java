package io.karavel.api.batch.internal;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.karavel.apiserver.spi.ResourceDefinition;
import io.karavel.apiserver.spi.ResourceProvider;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/** Serves batch/v1: jobs and cronjobs. */
@Component(service = ResourceProvider.class)
public final class BatchV1Provider implements ResourceProvider {

  private static final List<ResourceDefinition> RESOURCES =
      List.of(
          ResourceDefinition.builder("batch", "v1", "Job", "jobs")
              .categories("all")
              .subresources("status")
              .model(Job.class)
              .table(BatchTables.JOBS)
              .strategy(new JobStrategy())
              .build(),
          ResourceDefinition.builder("batch", "v1", "CronJob", "cronjobs")
              .shortNames("cj")
              .categories("all")
              .subresources("status")
              .model(CronJob.class)
              .table(BatchTables.CRON_JOBS)
              .strategy(new CronJobStrategy())
              .build());

  @Override
  public List<ResourceDefinition> resources() {
    return RESOURCES;
  }
}
