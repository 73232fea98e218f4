package io.browsergrid.session;

import io.browsergrid.aws.local.LocalAwsEngines;
import io.browsergrid.store.dynamodb.DynamoDbKeyValueStore;
import io.browsergrid.store.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** 2,000 live sessions on DynamoDB Local, through the real SDK client. */
class DynamoDbLiveSessionsAtScaleIT extends LiveSessionsAtScaleContract {
  private LocalAwsEngines engines;
  private DynamoDbClient client;

  @BeforeEach
  void start() throws Exception {
    engines = LocalAwsEngines.start();
    client = engines.dynamoClient();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    engines.close();
  }

  @Override
  protected KeyValueStore store() {
    return new DynamoDbKeyValueStore(client, LocalAwsEngines.TABLE);
  }
}
