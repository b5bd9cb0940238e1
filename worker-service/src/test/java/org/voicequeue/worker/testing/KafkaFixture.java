package org.voicequeue.worker.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.voicequeue.model.kafka.Topics;
import org.voicequeue.testsupport.TestInfrastructure;

/**
 * Kafka as a test sees it. The broker is shared by every IT of the build, so the jobs topic holds other tests'
 * records: {@link #freshGroupAtEnd()} gives each worker group committed offsets at the current end, and
 * {@link #watch(String)} reads a topic from "now" on.
 */
public final class KafkaFixture implements AutoCloseable {
    private static final int JOB_PARTITIONS = 12;

    private final String bootstrap = TestInfrastructure.get().kafkaBootstrap();
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    public KafkaFixture() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer());
        createTopics();
    }

    public record Sent(String key, int partition, long offset) {}

    public Sent sendJob(String key, byte[] value) {
        try {
            RecordMetadata metadata =
                    producer.send(new ProducerRecord<>(Topics.JOBS, key, value)).get(30, TimeUnit.SECONDS);
            return new Sent(key, metadata.partition(), metadata.offset());
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + Topics.JOBS, e);
        }
    }

    /** A new consumer group id whose committed offsets are the jobs topic's end: it sees only new submissions. */
    public String freshGroupAtEnd() {
        String group = "vq-worker-it-" + UUID.randomUUID();
        try {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            int partitions = admin.describeTopics(List.of(Topics.JOBS))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(Topics.JOBS)
                    .partitions()
                    .size();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(Topics.JOBS, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((partition, info) -> offsets.put(partition, new OffsetAndMetadata(info.offset())));
            admin.alterConsumerGroupOffsets(group, offsets).all().get(30, TimeUnit.SECONDS);
            return group;
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare consumer group " + group, e);
        }
    }

    /** Offset the group has committed on a partition (-1 when none). */
    public long committed(String group, int partition) {
        try {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .get(new TopicPartition(Topics.JOBS, partition));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts reading {@code topic} at its current end; later records are collected by {@link Watch#records}. */
    public Watch watch(String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now, not at the first poll
        return new Watch(consumer);
    }

    public static final class Watch implements AutoCloseable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

        private Watch(KafkaConsumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        /** Everything read so far that matches; polls once more first. */
        public synchronized List<ConsumerRecord<String, byte[]>> records(
                Predicate<ConsumerRecord<String, byte[]>> match) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(match).toList();
        }

        public List<ConsumerRecord<String, byte[]>> withKey(String key) {
            return records(record -> key.equals(record.key()));
        }

        @Override
        public synchronized void close() {
            consumer.close();
        }
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void createTopics() {
        for (NewTopic topic : List.of(
                new NewTopic(Topics.JOBS, JOB_PARTITIONS, (short) 1),
                new NewTopic(Topics.JOBS_DEAD_LETTER, 1, (short) 1),
                new NewTopic(Topics.JOB_EVENTS, JOB_PARTITIONS, (short) 1))) {
            try {
                admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create " + topic.name(), e);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot create " + topic.name(), e);
            }
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
