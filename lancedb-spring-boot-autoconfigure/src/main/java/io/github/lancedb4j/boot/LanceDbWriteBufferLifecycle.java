package io.github.lancedb4j.boot;

import org.springframework.context.SmartLifecycle;

/**
 * Commits every store's queued rows when the application stops: after the web server has stopped taking requests
 * (a lower phase stops later), before the stores are closed.
 */
public class LanceDbWriteBufferLifecycle implements SmartLifecycle {

    /** Below the web server's graceful shutdown (DEFAULT_PHASE - 1024) and start/stop (- 2048) phases. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final LanceDbTables tables;
    private volatile boolean running;

    public LanceDbWriteBufferLifecycle(LanceDbTables tables) {
        this.tables = tables;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        tables.flushAll();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
