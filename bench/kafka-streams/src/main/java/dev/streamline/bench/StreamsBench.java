package dev.streamline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The benchmark's Kafka Streams application: the same two workloads as the engine's,
 * on the same topics.
 *
 * <ul>
 *   <li>{@code stateless}: source, filter {@code amount >= 50}, map to {@code {id, category: UPPER(category),
 *       total: amount * 1.21}}, sink keyed by id.</li>
 *   <li>{@code wordcount}: the engine's word-count template on the records' {@code text} field: split the
 *       lower-cased line on single spaces, drop empty words, count per word, emit {@code {word, count}}
 *       keyed by word on every update.</li>
 * </ul>
 *
 * <p>Settings chosen so both systems do the same work: the record cache is off
 * ({@code statestore.cache.max.bytes=0}), so every count update is written as the engine writes it;
 * {@code commit.interval.ms=100} in both guarantees (the exactly-once default; at-least-once
 * defaults to 30 s); one stream thread, as the engine runs one event loop. Everything else is
 * Kafka Streams' default.
 *
 * <p>Usage: {@code StreamsBench key=value...} with bootstrap, appId, workload, input, output,
 * guarantee (exactly-once | at-least-once), stateDir. Prints {@code RUNNING} once the application
 * runs and stops cleanly on SIGTERM.
 */
public final class StreamsBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamsBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq > 0) options.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    String workload = require(options, "workload");
    String input = require(options, "input");
    String output = require(options, "output");

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, require(options, "appId"));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.getOrDefault("bootstrap", "127.0.0.1:9092"));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        "exactly-once".equals(options.get("guarantee")) ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.getOrDefault("commitIntervalMs", "100"));
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, options.getOrDefault("cacheMaxBytes", "0"));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.getOrDefault("threads", "1"));
    props.put(StreamsConfig.STATE_DIR_CONFIG, require(options, "stateDir"));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");

    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, byte[]> source = builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()));
    switch (workload) {
      case "stateless" -> source
          .mapValues(StreamsBench::parse)
          .filter((key, value) -> value != null && value.path("amount").isNumber() && value.path("amount").asDouble() >= 50)
          .mapValues(StreamsBench::shape)
          .to(output, Produced.with(Serdes.String(), Serdes.String()));
      case "wordcount" -> source
          .flatMapValues(StreamsBench::words)
          .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
          .count(Materialized.as("word-counts"))
          .toStream()
          .mapValues((word, count) -> "{\"word\":" + quote(word) + ",\"count\":" + count + "}")
          .to(output, Produced.with(Serdes.String(), Serdes.String()));
      default -> throw new IllegalArgumentException("unknown workload " + workload);
    }

    KafkaStreams streams = new KafkaStreams(builder.build(), props);
    CountDownLatch done = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) System.out.println("RUNNING");
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) done.countDown();
    });
    streams.setUncaughtExceptionHandler(error -> {
      System.err.println("stream thread failed: " + error);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      streams.close(java.time.Duration.ofSeconds(20));
      streams.cleanUp();
      done.countDown();
    }));
    streams.cleanUp();
    streams.start();
    done.await();
  }

  private static JsonNode parse(byte[] value) {
    try {
      JsonNode node = JSON.readTree(value);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String shape(JsonNode value) {
    ObjectNode out = JSON.createObjectNode();
    out.set("id", value.get("id"));
    JsonNode category = value.get("category");
    if (category == null || category.isNull()) out.putNull("category");
    else out.put("category", category.asText().toUpperCase(Locale.ROOT));
    out.put("total", value.get("amount").asDouble() * 1.21);
    try {
      return JSON.writeValueAsString(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> words(byte[] value) {
    JsonNode node = parse(value);
    List<String> words = new ArrayList<>();
    if (node == null || !node.path("text").isTextual()) return words;
    for (String word : node.get("text").asText().toLowerCase(Locale.ROOT).split(" ")) {
      if (!word.isEmpty()) words.add(word);
    }
    return words;
  }

  private static String quote(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String require(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) throw new IllegalArgumentException("missing " + name + "=...");
    return value;
  }
}
