package io.browsergrid.aws;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The ITs' {@code MAIN_CLASS}: {@link AwsApplication} with the in-process agents of the running
 * {@link LambdaEnvironment} in place of ECS.
 */
public final class LocalAwsApplication implements ApplicationContextInitializer<GenericApplicationContext> {

  @Override
  public void initialize(GenericApplicationContext context) {
    LambdaEnvironment environment = LambdaEnvironment.current();
    String function = context.getEnvironment().getProperty("spring.cloud.function.definition");
    new AwsApplication(environment::browsers).initialize(context);
    environment.opened(function, context);
  }
}
