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
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.JoinWindows;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.StreamJoined;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The benchmark's Kafka Streams application: the engine's workloads (bench/workloads.ts) on the
 * same topics, computing the same output records.
 *
 * <ul>
 *   <li>{@code stateless}: source, filter {@code amount >= 50}, map to {@code {id, category: UPPER(category),
 *       total: amount * 1.21}}, sink keyed by id.</li>
 *   <li>{@code wordcount}: the engine's word-count template on the records' {@code text} field: split the
 *       lower-cased line on single spaces, drop empty words, count per word, emit {@code {word, count}}
 *       keyed by word on every update.</li>
 *   <li>{@code wordcount-cached}: the same with the record cache on ({@code statestore.cache.max.bytes}
 *       10 MB, Kafka Streams' default): a word's latest count is written when the cache flushes (at each
 *       commit) or evicts it, beside the engine's reduce with {@code emit: "commit"}.</li>
 *   <li>{@code window}: count, sum and average of the amount per category in tumbling 1 s windows of
 *       event time (the record timestamp), 30 s grace, each window emitted once when it closes
 *       ({@link EmitStrategy#onWindowClose()}, as the engine's windowed reduce emits): {@code {category,
 *       orders, total, average, window_start, window_end}} keyed by category.</li>
 *   <li>{@code hop}: Nexmark q5's hop window without its top-key step (the engine's operators have no
 *       "arg max"; see bench/ANALYSIS.md): the first word of {@code text} is the "auction", counted in
 *       10 s windows sliding by 2 s, 30 s grace, emitted once per window: {@code {auction, bids,
 *       window_start, window_end}} keyed by auction.</li>
 *   <li>{@code join}: the lines ({@code input}) joined with the payments ({@code input2}) on
 *       {@code id = order_id} when their timestamps are at most 5 s apart ({@code KStream.join} with
 *       {@code JoinWindows} of 5 s, 30 s grace), both sides re-keyed by the join field (which
 *       repartitions them, as Kafka Streams must when records are not partitioned by that field):
 *       the left fields, then the right ones (a clash renamed {@code right_<name>}), keyed by id.</li>
 *   <li>{@code keys}: count and sum of the amount per record id, emitted on every update: {@code {id,
 *       orders, total}}. The input is already keyed by id, so this is {@code groupByKey} (no
 *       repartition; the engine does not repartition either).</li>
 * </ul>
 *
 * <p>Settings chosen so both systems do the same work: the record cache is off
 * ({@code statestore.cache.max.bytes=0}) except in {@code wordcount-cached}, so every count update is written as the engine writes it;
 * {@code commit.interval.ms=100} in both guarantees (the exactly-once default; at-least-once
 * defaults to 30 s); one stream thread, as the engine runs one event loop; the window stores keep
 * windows 5 minutes longer than size + grace so every window is written once it closes (see
 * {@link #CLOSED_WINDOW_MARGIN}). Everything else is Kafka Streams' default.
 *
 * <p>Usage: {@code StreamsBench key=value...} with bootstrap, appId, workload, input, output,
 * guarantee (exactly-once | at-least-once), stateDir. Prints {@code RUNNING} once the application
 * runs and stops cleanly on SIGTERM.
 */
public final class StreamsBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * How much longer than size + grace the window stores keep a window. With onWindowClose, Kafka Streams
   * looks for closed windows at most once per wall-clock second, and on a backlog stream time moves by tens
   * of seconds in that second; with the default retention (size + grace) the store has already dropped most
   * windows that closed in between, and they are never written (measured: 27,000 of 302,000 hop windows).
   */
  private static final Duration CLOSED_WINDOW_MARGIN = Duration.ofMinutes(5);

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
    Duration grace = Duration.ofSeconds(30);

    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, require(options, "appId"));
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, options.getOrDefault("bootstrap", "127.0.0.1:9092"));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        "exactly-once".equals(options.get("guarantee")) ? StreamsConfig.EXACTLY_ONCE_V2 : StreamsConfig.AT_LEAST_ONCE);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, options.getOrDefault("commitIntervalMs", "100"));
    // wordcount-cached: Kafka Streams' default record cache (10 MB), beside the engine's reduce with emit "commit".
    props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
        options.getOrDefault("cacheMaxBytes", "wordcount-cached".equals(workload) ? Long.toString(10L * 1024 * 1024) : "0"));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.getOrDefault("threads", "1"));
    props.put(StreamsConfig.STATE_DIR_CONFIG, require(options, "stateDir"));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    // compare-outputs sets 0 so every closed window is written before the input ends; the benchmark keeps
    // Kafka Streams' default (look for closed windows at most once per wall-clock second).
    if (options.containsKey("emitIntervalMs")) {
      props.put(StreamsConfig.InternalConfig.EMIT_INTERVAL_MS_KSTREAMS_WINDOWED_AGGREGATION, Long.parseLong(options.get("emitIntervalMs")));
    }

    StreamsBuilder builder = new StreamsBuilder();
    KStream<String, byte[]> source = builder.stream(input, Consumed.with(Serdes.String(), Serdes.ByteArray()));
    switch (workload) {
      case "stateless" -> source
          .mapValues(StreamsBench::parse)
          .filter((key, value) -> value != null && value.path("amount").isNumber() && value.path("amount").asDouble() >= 50)
          .mapValues(StreamsBench::shape)
          .to(output, Produced.with(Serdes.String(), Serdes.String()));
      case "wordcount", "wordcount-cached" -> source
          .flatMapValues(StreamsBench::words)
          .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
          .count(Materialized.as("word-counts"))
          .toStream()
          .mapValues((word, count) -> "{\"word\":" + quote(word) + ",\"count\":" + count + "}")
          .to(output, Produced.with(Serdes.String(), Serdes.String()));
      case "window" -> source
          .mapValues(StreamsBench::parse)
          .filter((key, value) -> value != null && value.path("category").isTextual())
          .groupBy((key, value) -> value.get("category").asText(), Grouped.with(Serdes.String(), jsonSerde()))
          .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(1), grace))
          .emitStrategy(EmitStrategy.onWindowClose())
          .aggregate(() -> new double[] {0, 0, 0}, (category, value, sums) -> addAmount(sums, value),
              Materialized.<String, double[], WindowStore<Bytes, byte[]>>with(Serdes.String(), doublesSerde())
                  .withRetention(Duration.ofSeconds(1).plus(grace).plus(CLOSED_WINDOW_MARGIN)))
          .toStream()
          .map((window, sums) -> KeyValue.pair(window.key(), "{\"category\":" + quote(window.key()) + ",\"orders\":" + (long) sums[0]
              + ",\"total\":" + number(sums[1]) + ",\"average\":" + (sums[2] == 0 ? "null" : number(sums[1] / sums[2]))
              + windowFields(window) + "}"))
          .to(output, Produced.with(Serdes.String(), Serdes.String()));
      case "hop" -> source
          .mapValues(StreamsBench::firstWord)
          .filter((key, word) -> word != null)
          .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
          .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofSeconds(10), grace).advanceBy(Duration.ofSeconds(2)))
          .emitStrategy(EmitStrategy.onWindowClose())
          .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>with(Serdes.String(), Serdes.Long())
              .withRetention(Duration.ofSeconds(10).plus(grace).plus(CLOSED_WINDOW_MARGIN)))
          .toStream()
          .map((window, bids) -> KeyValue.pair(window.key(), "{\"auction\":" + quote(window.key()) + ",\"bids\":" + bids + windowFields(window) + "}"))
          .to(output, Produced.with(Serdes.String(), Serdes.String()));
      case "join" -> {
        KStream<String, JsonNode> orders = source.mapValues(StreamsBench::parse).filter((key, value) -> value != null && value.hasNonNull("id"))
            .selectKey((key, value) -> value.get("id").asText());
        KStream<String, JsonNode> payments = builder.stream(require(options, "input2"), Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .mapValues(StreamsBench::parse).filter((key, value) -> value != null && value.hasNonNull("order_id"))
            .selectKey((key, value) -> value.get("order_id").asText());
        orders
            .join(payments, StreamsBench::combine, JoinWindows.ofTimeDifferenceAndGrace(Duration.ofSeconds(5), grace),
                StreamJoined.with(Serdes.String(), jsonSerde(), jsonSerde()))
            .to(output, Produced.with(Serdes.String(), Serdes.String()));
      }
      case "keys" -> source
          .mapValues(StreamsBench::parse)
          .filter((key, value) -> value != null)
          .groupByKey(Grouped.with(Serdes.String(), jsonSerde()))
          .aggregate(() -> new double[] {0, 0, 0}, (id, value, sums) -> addAmount(sums, value),
              Materialized.with(Serdes.String(), doublesSerde()))
          .toStream()
          .mapValues((id, sums) -> "{\"id\":" + quote(id) + ",\"orders\":" + (long) sums[0] + ",\"total\":" + number(sums[1]) + "}")
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

  /** count, sum of amount, count of non-null amounts (for the average, as SQL's AVG skips NULL). */
  private static double[] addAmount(double[] sums, JsonNode value) {
    double[] next = {sums[0] + 1, sums[1], sums[2]};
    JsonNode amount = value.get("amount");
    if (amount != null && amount.isNumber()) {
      next[1] += amount.asDouble();
      next[2] += 1;
    }
    return next;
  }

  private static String firstWord(byte[] value) {
    JsonNode node = parse(value);
    if (node == null || !node.path("text").isTextual()) return null;
    String text = node.get("text").asText();
    int space = text.indexOf(' ');
    return space < 0 ? text : text.substring(0, space);
  }

  /** The join's output: the left fields, then the right ones; a right name the left has becomes right_name. */
  private static String combine(JsonNode left, JsonNode right) {
    ObjectNode out = JSON.createObjectNode();
    out.setAll((ObjectNode) left);
    right.properties().forEach(field -> out.set(left.has(field.getKey()) ? "right_" + field.getKey() : field.getKey(), field.getValue()));
    try {
      return JSON.writeValueAsString(out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String windowFields(Windowed<String> window) {
    return ",\"window_start\":" + window.window().start() + ",\"window_end\":" + window.window().end();
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  /** JSON objects between the topology's steps (repartition topics, join buffers). */
  private static Serde<JsonNode> jsonSerde() {
    return Serdes.serdeFrom((topic, node) -> {
      try {
        return node == null ? null : JSON.writeValueAsBytes(node);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }, (topic, bytes) -> bytes == null ? null : parse(bytes));
  }

  /** The aggregates' state: three doubles in 24 bytes. */
  private static Serde<double[]> doublesSerde() {
    return Serdes.serdeFrom((topic, values) -> {
      if (values == null) return null;
      ByteBuffer buffer = ByteBuffer.allocate(values.length * 8);
      for (double v : values) buffer.putDouble(v);
      return buffer.array();
    }, (topic, bytes) -> {
      if (bytes == null) return null;
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      double[] values = new double[bytes.length / 8];
      for (int i = 0; i < values.length; i++) values[i] = buffer.getDouble();
      return values;
    });
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
