package io.github.lancedb4j.boot.actuator;

import io.github.lancedb4j.boot.LanceDbAutoConfiguration;
import io.github.lancedb4j.boot.LanceDbProperties;
import io.github.lancedb4j.boot.LanceDbTables;
import io.github.lancedb4j.boot.StoreSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * When Actuator is present: a health contributor {@code lancedb} with one indicator per store
 * ({@code management.health.lancedb.enabled}), and gauges {@code lancedb.store.rows} and
 * {@code lancedb.store.version} tagged with the store and table. Spring AI vector store operations are observed
 * through the application's {@code ObservationRegistry} ({@code db.vector.client.operation}).
 */
@AutoConfiguration(after = LanceDbAutoConfiguration.class)
@ConditionalOnBean(LanceDbTables.class)
public class LanceDbActuatorAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnEnabledHealthIndicator("lancedb")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "lancedbHealthContributor")
        HealthContributor lancedbHealthContributor(LanceDbTables lancedbTables, LanceDbProperties properties) {
            Map<String, HealthContributor> stores = new LinkedHashMap<>();
            for (StoreSettings store : StoreSettings.all(properties)) {
                stores.put(store.name(), new LanceDbHealthIndicator(lancedbTables, store.name()));
            }
            return CompositeHealthContributor.fromMap(stores);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean(name = "lancedbMetrics")
        MeterBinder lancedbMetrics(LanceDbTables lancedbTables, LanceDbProperties properties) {
            return registry -> {
                for (StoreSettings store : StoreSettings.all(properties)) {
                    gauge(registry, "lancedb.store.rows", "Rows in the store's table", lancedbTables, store,
                            open -> open.table().countRows());
                    gauge(registry, "lancedb.store.version", "Version of the store's table that searches see",
                            lancedbTables, store, open -> open.table().version());
                    gauge(registry, "lancedb.maintenance.failures", "Maintenance runs of the store's table that "
                            + "failed in a row", lancedbTables, store,
                            open -> open.table().maintenanceStatus().consecutiveFailures());
                    bufferGauge(registry, "lancedb.write.buffer.queued.rows", "Rows queued in the write buffer",
                            lancedbTables, store, s -> s.queuedRows());
                    bufferGauge(registry, "lancedb.write.buffer.flushes", "Write-buffer flushes that committed",
                            lancedbTables, store, s -> s.flushes());
                    bufferGauge(registry, "lancedb.write.buffer.failed.flushes", "Write-buffer flushes that failed "
                            + "(their rows stay queued and are retried)", lancedbTables, store, s -> s.failedFlushes());
                    bufferGauge(registry, "lancedb.write.buffer.last.flush.seconds", "Duration of the last flush",
                            lancedbTables, store, s -> s.lastFlushTime().toNanos() / 1e9);
                }
            };
        }

        private static void bufferGauge(io.micrometer.core.instrument.MeterRegistry registry, String name,
                String description, LanceDbTables tables, StoreSettings store,
                ToDoubleFunction<io.github.lancedb4j.store.WriteBuffer.Stats> value) {
            if (store.writeBuffer() == null) {
                return;
            }
            Gauge.builder(name, tables, t -> t.bufferStats(store.name()).stream().mapToDouble(value).sum())
                    .description(description).tag("store", store.name()).tag("table", store.table())
                    .register(registry);
        }

        private static void gauge(io.micrometer.core.instrument.MeterRegistry registry, String name,
                String description, LanceDbTables tables, StoreSettings store,
                ToDoubleFunction<LanceDbTables.OpenStore> value) {
            Gauge.builder(name, tables, t -> {
                LanceDbTables.OpenStore open = t.stores().get(store.name());
                try {
                    return open == null ? Double.NaN : value.applyAsDouble(open);
                } catch (RuntimeException e) {
                    return Double.NaN;
                }
            }).description(description).tag("store", store.name()).tag("table", store.table()).register(registry);
        }
    }
}
