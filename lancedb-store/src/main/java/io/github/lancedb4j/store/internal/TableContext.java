package io.github.lancedb4j.store.internal;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.arrow.memory.BufferAllocator;
import org.lance.Dataset;
import org.lance.ReadOptions;
import org.lance.Session;

/**
 * What every part of one table needs from its database: where the table is, the shared Arrow allocator and Lance
 * session, the storage options, the database's executors, and a gate that keeps the database open while a native
 * call runs. Every native call of a table goes through {@link #call}.
 */
public final class TableContext {

    private final String name;
    private final String uri;
    private final BufferAllocator allocator;
    private final Session session;
    private final Map<String, String> storageOptions;
    private final CallGate gate;
    private final Executor maintenance;
    private final ScheduledExecutorService scheduler;

    public TableContext(String name, String uri, BufferAllocator allocator, Session session,
            Map<String, String> storageOptions, CallGate gate, Executor maintenance,
            ScheduledExecutorService scheduler) {
        this.name = name;
        this.uri = uri;
        this.allocator = allocator;
        this.session = session;
        this.storageOptions = Map.copyOf(storageOptions);
        this.gate = gate;
        this.maintenance = maintenance;
        this.scheduler = scheduler;
    }

    public String name() {
        return name;
    }

    public String uri() {
        return uri;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    public Session session() {
        return session;
    }

    public Map<String, String> storageOptions() {
        return storageOptions;
    }

    /** Runs index builds and housekeeping: one job at a time for the whole database, off the callers' threads. */
    public Executor maintenanceExecutor() {
        return maintenance;
    }

    /** Runs the periodic checks for other processes' commits. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Runs a native call: refused once the database is closed, and the database stays open until it returns. */
    public <T> T call(String operation, Callable<T> call) {
        gate.enter();
        try {
            return NativeCall.run(name, uri, operation, call);
        } finally {
            gate.exit();
        }
    }

    /** Runs Java code that holds native resources (a snapshot) with the database kept open, without wrapping errors. */
    public <T> T guarded(java.util.function.Supplier<T> body) {
        gate.enter();
        try {
            return body.get();
        } finally {
            gate.exit();
        }
    }

    public void run(String operation, NativeCall.Action action) {
        call(operation, () -> {
            action.run();
            return null;
        });
    }

    /** A new handle at the latest committed version (including other processes' commits). */
    public Dataset openLatest(String operation) {
        return call(operation + " (open latest version)", () -> open(null));
    }

    /** A new handle at a given version. */
    public Dataset openVersion(long version, String operation) {
        return call(operation + " (open version " + version + ")", () -> open(version));
    }

    private Dataset open(Long version) {
        ReadOptions.Builder options = new ReadOptions.Builder().setStorageOptions(storageOptions);
        if (version != null) {
            options.setVersion(version);
        }
        return Dataset.open().allocator(allocator).uri(uri).readOptions(options.build()).session(session).build();
    }
}
