package io.browsergrid.store.dynamodb;

import io.browsergrid.store.ConditionFailedException;
import io.browsergrid.store.Item;
import io.browsergrid.store.KeyValueStore;
import io.browsergrid.store.Keys;
import io.browsergrid.store.Page;
import io.browsergrid.store.StoreUnavailableException;
import io.browsergrid.store.Write;
import io.browsergrid.store.WriteBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.document.DocumentTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * {@link KeyValueStore} on one DynamoDB table, through the enhanced client's document API: partition key {@code pk}
 * and sort key {@code sk} (both S), {@code version} (N), {@code data} (S), {@code expiresAt} (N, epoch millis, for an
 * exact round trip), {@code ttl} (N, epoch seconds rounded up, the table's TTL attribute, so DynamoDB deletes an
 * item some time after it expired and never before) and {@code writeId} (S, new for every write call, see below).
 *
 * <p>A single write is one conditional {@code PutItem} or {@code DeleteItem}; several are one
 * {@code TransactWriteItems}. Reads and queries are strongly consistent. A failed condition, or a conflict with a
 * concurrent transaction on one of the items, throws {@link ConditionFailedException} naming the key; any other
 * failure throws {@link StoreUnavailableException}.
 *
 * <p>When the SDK retries a write whose answer was lost, the retry is not mistaken for a failed condition: the SDK
 * gives every transaction a client request token, and a single put recognises its own {@code writeId} in the item
 * that failed it (a single conditional delete cannot tell, and reports the failed condition).
 *
 * <p>Thread-safe; the injected client is shared, not closed.
 */
public final class DynamoDbKeyValueStore implements KeyValueStore {
  private static final String PK = "pk";
  private static final String SK = "sk";
  private static final String VERSION = "version";
  private static final String DATA = "data";
  private static final String EXPIRES_AT = "expiresAt";
  private static final String TTL = "ttl";
  private static final String WRITE_ID = "writeId";
  // a conflict with another transaction on an item also applied nothing, and the caller's answer is the same: re-read
  private static final Set<String> RACED = Set.of("ConditionalCheckFailed", "TransactionConflict");

  // the enhanced client's document API expresses every call here (conditions, transactions, paged queries), no bean
  private final DynamoDbEnhancedClient enhanced;
  private final DynamoDbTable<EnhancedDocument> table;

  /** Uses {@code tableName}, which must exist with the key schema {@link #createTable} makes. */
  public DynamoDbKeyValueStore(DynamoDbClient client, String tableName) {
    // no extensions: versions and their conditions are this class's own, not the versioned-record extension's
    this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).extensions().build();
    this.table = enhanced.table(tableName, DocumentTableSchema.builder()
        .addIndexPartitionKey(TableMetadata.primaryIndexName(), PK, AttributeValueType.S)
        .addIndexSortKey(TableMetadata.primaryIndexName(), SK, AttributeValueType.S)
        .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
        .build());
  }

  /**
   * Creates the table (on-demand billing), waits until it is active and turns TTL on for {@code ttl}; for tests and
   * first deploys (Terraform owns the table in a real deployment).
   */
  public static void createTable(DynamoDbClient client, String tableName) {
    // the plain client: the enhanced createTable sets neither on-demand billing nor TTL
    client.createTable(b -> b.tableName(tableName).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(a -> a.attributeName(PK).attributeType(ScalarAttributeType.S),
            a -> a.attributeName(SK).attributeType(ScalarAttributeType.S))
        .keySchema(k -> k.attributeName(PK).keyType(KeyType.HASH), k -> k.attributeName(SK).keyType(KeyType.RANGE)));
    client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
    client.updateTimeToLive(b -> b.tableName(tableName)
        .timeToLiveSpecification(t -> t.attributeName(TTL).enabled(true)));
  }

  @Override
  public Optional<Item> get(String partition, String key) {
    Keys.check(partition, "partition");
    Keys.check(key, "key");
    try {
      return Optional.ofNullable(table.getItem(GetItemEnhancedRequest.builder()
          .key(key(partition, key)).consistentRead(true).build())).map(DynamoDbKeyValueStore::item);
    } catch (SdkException e) {
      throw unavailable("get " + partition + "/" + key, e);
    }
  }

  @Override
  public List<Item> write(String partition, List<Write> writes) {
    WriteBatch.check(partition, writes);
    List<Item> written = new ArrayList<>();
    for (Write write : writes) {
      if (write instanceof Write.Put put) {
        long version = put.condition().kind() == Write.Condition.Kind.ABSENT ? 1 : put.condition().version() + 1;
        written.add(new Item(partition, put.key(), version, put.data(), put.expiresAt()));
      }
    }
    try {
      if (writes.size() == 1) {
        writeOne(partition, writes.get(0), written);
      } else {
        writeAll(partition, writes, written);
      }
      return written;
    } catch (TransactionCanceledException e) {
      throw cancelled(partition, writes, e);
    } catch (SdkException e) {
      throw unavailable("write in " + partition, e);
    }
  }

  private void writeOne(String partition, Write write, List<Item> written) {
    String writeId = UUID.randomUUID().toString();
    try {
      if (write instanceof Write.Put) {
        table.putItem(PutItemEnhancedRequest.builder(EnhancedDocument.class)
            .item(document(written.get(0), writeId)).conditionExpression(condition(write.condition()))
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build());
      } else {
        table.deleteItem(DeleteItemEnhancedRequest.builder()
            .key(key(partition, write.key())).conditionExpression(condition(write.condition())).build());
      }
    } catch (ConditionalCheckFailedException e) {
      // the SDK retries a put whose answer was lost: finding our own writeId means that earlier attempt was applied
      if (e.hasItem() && AttributeValue.fromS(writeId).equals(e.item().get(WRITE_ID))) {
        return;
      }
      throw new ConditionFailedException(write.key());
    } catch (TransactionConflictException e) {
      // an unconditional delete promises no failed condition: its caller should retry it later instead
      throw write.condition().kind() == Write.Condition.Kind.ANY
          ? unavailable("delete " + partition + "/" + write.key(), e) : new ConditionFailedException(write.key());
    }
  }

  private void writeAll(String partition, List<Write> writes, List<Item> written) {
    String writeId = UUID.randomUUID().toString();
    TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder();
    int puts = 0;
    for (Write write : writes) {
      if (write instanceof Write.Put) {
        transaction.addPutItem(table, TransactPutItemEnhancedRequest.builder(EnhancedDocument.class)
            .item(document(written.get(puts++), writeId)).conditionExpression(condition(write.condition())).build());
      } else {
        transaction.addDeleteItem(table, TransactDeleteItemEnhancedRequest.builder()
            .key(key(partition, write.key())).conditionExpression(condition(write.condition())).build());
      }
    }
    enhanced.transactWriteItems(transaction.build());
  }

  @Override
  public Page query(String partition, String keyPrefix, String cursor, int limit) {
    WriteBatch.checkQuery(partition, keyPrefix, cursor, limit);
    boolean cursorInRange = cursor != null && cursor.startsWith(keyPrefix);
    if (cursor != null && !cursorInRange && cursor.compareTo(keyPrefix) > 0) {
      return new Page(List.of(), null);
    }
    QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
        .queryConditional(keyPrefix.isEmpty()
            ? QueryConditional.keyEqualTo(k -> k.partitionValue(partition))
            : QueryConditional.sortBeginsWith(k -> k.partitionValue(partition).sortValue(keyPrefix)))
        .consistentRead(true)
        .limit(limit);
    // DynamoDB rejects a start key outside the key condition, so a cursor before the prefix's range is dropped
    if (cursorInRange) {
      request.exclusiveStartKey(Map.of(PK, AttributeValue.fromS(partition), SK, AttributeValue.fromS(cursor)));
    }
    try {
      // the iterable follows LastEvaluatedKey, so a response cut at 1 MB is continued until the page is full
      List<Item> items = table.query(request.build()).items().stream()
          .limit(limit).map(DynamoDbKeyValueStore::item).toList();
      return new Page(items, items.size() == limit ? items.get(limit - 1).key() : null);
    } catch (SdkException e) {
      throw unavailable("query " + partition + "/" + keyPrefix, e);
    }
  }

  private static Expression condition(Write.Condition condition) {
    return switch (condition.kind()) {
      case ABSENT -> Expression.builder().expression("attribute_not_exists(#pk)").putExpressionName("#pk", PK).build();
      case VERSION -> Expression.builder().expression("#version = :version").putExpressionName("#version", VERSION)
          .putExpressionValue(":version", AttributeValue.fromN(Long.toString(condition.version()))).build();
      case ANY -> null;
    };
  }

  private static Key key(String partition, String key) {
    return Key.builder().partitionValue(partition).sortValue(key).build();
  }

  private static EnhancedDocument document(Item item, String writeId) {
    EnhancedDocument.Builder document = EnhancedDocument.builder()
        .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
        .putString(PK, item.partition())
        .putString(SK, item.key())
        .putNumber(VERSION, item.version())
        .putString(DATA, item.data())
        .putString(WRITE_ID, writeId);
    if (item.expiresAt() != null) {
      long millis = item.expiresAt().toEpochMilli();
      document.putNumber(EXPIRES_AT, millis).putNumber(TTL, Math.floorDiv(millis + 999, 1000));
    }
    return document.build();
  }

  private static Item item(EnhancedDocument document) {
    Instant expiresAt = document.isPresent(EXPIRES_AT)
        ? Instant.ofEpochMilli(document.getNumber(EXPIRES_AT).longValue()) : null;
    return new Item(document.getString(PK), document.getString(SK), document.getNumber(VERSION).longValue(),
        document.getString(DATA), expiresAt);
  }

  /** The first write that failed its condition or conflicted (reasons come in request order); else unavailable. */
  private static RuntimeException cancelled(String partition, List<Write> writes, TransactionCanceledException e) {
    List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
    for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
      if (RACED.contains(reasons.get(i).code())) {
        return new ConditionFailedException(writes.get(i).key());
      }
    }
    return unavailable("transaction in " + partition + " cancelled: " + reasons.stream()
        .map(CancellationReason::code).toList(), e);
  }

  private static StoreUnavailableException unavailable(String what, SdkException e) {
    return new StoreUnavailableException("DynamoDB failed to " + what + ": " + e.getMessage(), e);
  }
}
