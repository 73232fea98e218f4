package io.browsergrid.aws;

import io.browsergrid.BrowserGridCore;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The ITs' {@code MAIN_CLASS}: {@link AwsApplication} with the shared local Chromium provider of the running
 * {@link LambdaEnvironment} in place of ECS, and, in the {@code api} function's context, the CDP gateway served.
 */
public final class LocalAwsApplication implements ApplicationContextInitializer<GenericApplicationContext> {

  @Override
  public void initialize(GenericApplicationContext context) {
    LambdaEnvironment environment = LambdaEnvironment.current();
    String function = context.getEnvironment().getProperty("spring.cloud.function.definition");
    new AwsApplication(environment::browsers).initialize(context);
    environment.opened(function, context);
    if ("api".equals(function)) {
      context.addApplicationListener(event -> {
        if (event instanceof ContextRefreshedEvent) {
          environment.serveGateway(context.getBean(BrowserGridCore.class));
        }
      });
    }
  }
}
