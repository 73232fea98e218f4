package io.browsergrid.aws.local;

import io.browsergrid.aws.AwsApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * {@code MAIN_CLASS} of a local run: {@link AwsApplication} with the running {@link LocalAwsDeployment}'s browsers in
 * place of ECS, so that the four functions' instances share them as every Lambda function shares one cluster's tasks.
 */
public final class LocalAwsApplication implements ApplicationContextInitializer<GenericApplicationContext> {

  @Override
  public void initialize(GenericApplicationContext context) {
    LocalAwsDeployment deployment = LocalAwsDeployment.current();
    String function = context.getEnvironment().getProperty("spring.cloud.function.definition");
    AwsApplication.withBrowsers(deployment::browsers).initialize(context);
    deployment.functions().opened(function, context);
  }
}
