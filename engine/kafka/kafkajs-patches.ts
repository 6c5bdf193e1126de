import { createRequire } from "node:module";

type Grouping = (options: { topic: string; partitionMetadata: unknown[]; messages: unknown[]; partitioner: (options: { topic: string; partitionMetadata: unknown[]; message: unknown }) => number }) => Record<number, unknown[]>;

/**
 * kafkajs 2.2.4 (final: the project has no maintainers) groups the messages of
 * a send by partition with `[...current, message]` per message, which is
 * quadratic in the messages per partition: in the benchmark's profiles it was
 * about 6% of the engine's CPU. This is the same function in linear time,
 * with the same result (partition → messages in send order).
 */
export const groupMessagesPerPartition: Grouping = ({ topic, partitionMetadata, messages, partitioner }) => {
  const result: Record<number, unknown[]> = {};
  if (partitionMetadata.length === 0) return result;
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    (result[partition] ??= []).push(message);
  }
  return result;
};

/**
 * Puts the linear grouping in Node's module cache before kafkajs requires its
 * own, so kafkajs's producer uses it. Must run before kafkajs is first loaded
 * (kafkajs-stream-client.ts imports this module first). When it cannot (kafkajs
 * already loaded, a bundler's own module system, a moved file) it does nothing
 * and kafkajs works as shipped, only slower.
 */
function install(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const file = require.resolve("kafkajs/src/producer/groupMessagesPerPartition.js");
    if (require.cache[file]) return false;
    const producerIndex = require.resolve("kafkajs/src/producer/index.js");
    if (require.cache[producerIndex]) return false;
    const Module = require("node:module") as { new (id: string): NodeJS.Module };
    const module = new Module(file);
    module.filename = file;
    module.loaded = true;
    module.exports = groupMessagesPerPartition;
    require.cache[file] = module;
    return true;
  } catch {
    return false;
  }
}

/** Whether the linear grouping is in use (for the benchmark report and tests). */
export const kafkajsPatched = install();
