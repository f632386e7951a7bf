package io.github.lancedb4j.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fire-and-forget ingestion: {@link #upsert} and {@link #append} validate the rows and return once they are queued; a
 * background thread commits the queue — many calls in one commit — when it holds {@code maxRows} rows or
 * {@code maxBytes} bytes, or {@code maxDelay} after its oldest row arrived. {@link #flush()} waits until every row
 * queued before it is committed; {@link #close()} flushes, then stops.
 *
 * <p><b>Loss window.</b> Rows are durable only once flushed: if the process dies ({@code kill -9}), rows still queued
 * are lost — at most {@code maxRows}/{@code maxBytes}/{@code maxDelay} worth, plus what waits behind a failing
 * flush. A flushed batch is one commit: it is in the table whole, or not at all. A flush that fails (storage
 * unreachable) keeps its rows queued and is retried with backoff; the queue then fills and callers block (or fail
 * fast, {@link WhenFull#FAIL}) instead of losing rows.
 */
public final class WriteBuffer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteBuffer.class);

    /** What {@link #upsert}/{@link #append} do when {@link Settings#capacityRows} rows are queued already. */
    public enum WhenFull { BLOCK, FAIL }

    /**
     * When to flush, and how much may wait.
     *
     * @param maxRows      flush once this many rows are queued
     * @param maxBytes     flush once the queued rows hold about this many bytes (vectors, text, metadata)
     * @param maxDelay     flush this long after the oldest queued row arrived
     * @param capacityRows rows that may wait at most; then {@code whenFull} applies
     */
    public record Settings(int maxRows, long maxBytes, Duration maxDelay, int capacityRows, WhenFull whenFull) {

        public static final Settings DEFAULTS = new Settings(1_000, 16L << 20, Duration.ofSeconds(1), 100_000,
                WhenFull.BLOCK);

        public Settings {
            if (maxRows <= 0 || maxBytes <= 0 || capacityRows < maxRows) {
                throw new IllegalArgumentException("Write buffer: need maxRows > 0, maxBytes > 0 and capacityRows >= "
                        + "maxRows, got " + maxRows + ", " + maxBytes + ", " + capacityRows);
            }
            Objects.requireNonNull(maxDelay, "maxDelay");
            Objects.requireNonNull(whenFull, "whenFull");
            if (maxDelay.isNegative() || maxDelay.isZero()) {
                throw new IllegalArgumentException("Write buffer: maxDelay must be positive, got " + maxDelay);
            }
        }

        public Settings withMaxRows(int rows) {
            return new Settings(rows, maxBytes, maxDelay, Math.max(capacityRows, rows), whenFull);
        }

        public Settings withMaxBytes(long bytes) {
            return new Settings(maxRows, bytes, maxDelay, capacityRows, whenFull);
        }

        public Settings withMaxDelay(Duration delay) {
            return new Settings(maxRows, maxBytes, delay, capacityRows, whenFull);
        }

        public Settings withCapacityRows(int rows) {
            return new Settings(maxRows, maxBytes, maxDelay, rows, whenFull);
        }

        public Settings withWhenFull(WhenFull mode) {
            return new Settings(maxRows, maxBytes, maxDelay, capacityRows, mode);
        }
    }

    /** Rejected because the buffer is full and its settings say to fail fast. */
    public static final class FullException extends RuntimeException {
        FullException(String message) {
            super(message);
        }
    }

    /** Counters for metrics. */
    public record Stats(long queuedRows, long flushes, long rowsFlushed, long failedFlushes, Duration lastFlushTime,
            String lastFailure) {
    }

    /** Rows at most in one flush commit (bounds its Arrow memory). */
    static final int MAX_BATCH_ROWS = 50_000;

    private record Entry(boolean upsert, List<Row> rows, Set<String> columns, long bytes, long sequence) {
    }

    private final LanceTable table;
    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Deque<Entry> queue = new ArrayDeque<>();
    private final Thread flusher;
    private long queuedRows;
    private long queuedBytes;
    private long oldestNanos;
    private long nextSequence;
    private long flushedSequence;
    private long flushRequested;
    private boolean closed;
    private RuntimeException lastError;
    private final AtomicLong flushes = new AtomicLong();
    private final AtomicLong rowsFlushed = new AtomicLong();
    private final AtomicLong failedFlushes = new AtomicLong();
    private volatile long lastFlushNanos;

    WriteBuffer(LanceTable table, Settings settings) {
        this.table = table;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.flusher = new Thread(this::run, "lancedb-write-buffer-" + table.name());
        flusher.setDaemon(true);
        flusher.start();
    }

    public Settings settings() {
        return settings;
    }

    /** Queues rows to upsert (see {@link LanceTable#upsert}); rejects bad rows now, with the table untouched. */
    public void upsert(List<Row> rows, Collection<String> vectorColumns) {
        table.validateUpsert(rows, vectorColumns);
        enqueue(new Entry(true, List.copyOf(rows), new TreeSet<>(vectorColumns), bytes(rows), 0));
    }

    /** Queues rows with new ids to append (see {@link LanceTable#append}); rejects bad rows now. */
    public void append(List<Row> rows) {
        table.validateAppend(rows);
        enqueue(new Entry(false, List.copyOf(rows), null, bytes(rows), 0));
    }

    /**
     * Commits every row queued before this call, and waits for it.
     *
     * @throws LanceStoreException when flushing failed meanwhile (the rows stay queued and are retried)
     */
    public void flush() {
        lock.lock();
        try {
            long target = nextSequence;
            flushRequested = Math.max(flushRequested, target);
            changed.signalAll();
            RuntimeException seen = lastError;
            while (flushedSequence < target) {
                if (lastError != null && lastError != seen) {
                    throw lastError;
                }
                if (closed && !flusher.isAlive()) {
                    throw new IllegalStateException("Write buffer of table '" + table.name() + "' is closed");
                }
                changed.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while flushing the write buffer of table '" + table.name()
                    + "'", e);
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        lock.lock();
        try {
            return new Stats(queuedRows, flushes.get(), rowsFlushed.get(), failedFlushes.get(),
                    Duration.ofNanos(lastFlushNanos), lastError == null ? null : lastError.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Flushes what is queued, then stops the flusher. Further writes are refused. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
        } finally {
            lock.unlock();
        }
        try {
            flush();
        } finally {
            lock.lock();
            try {
                closed = true;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            try {
                flusher.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void enqueue(Entry entry) {
        lock.lock();
        try {
            while (!closed && queuedRows > 0 && queuedRows + entry.rows().size() > settings.capacityRows()) {
                if (settings.whenFull() == WhenFull.FAIL) {
                    throw new FullException("Write buffer of table '" + table.name() + "' is full ("
                            + queuedRows + " rows queued, capacity " + settings.capacityRows() + ")"
                            + (lastError == null ? "" : "; flushing fails: " + lastError.getMessage()));
                }
                changed.await();
            }
            if (closed) {
                throw new IllegalStateException("Write buffer of table '" + table.name() + "' is closed");
            }
            if (queue.isEmpty()) {
                oldestNanos = System.nanoTime();
            }
            queue.add(new Entry(entry.upsert(), entry.rows(), entry.columns(), entry.bytes(), ++nextSequence));
            queuedRows += entry.rows().size();
            queuedBytes += entry.bytes();
            changed.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for room in the write buffer of table '"
                    + table.name() + "'", e);
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long backoffMillis = 50;
        while (true) {
            List<Entry> batch;
            lock.lock();
            try {
                while (!due()) {
                    if (closed && queue.isEmpty()) {
                        return;
                    }
                    long waitNanos = queue.isEmpty() ? TimeUnit.SECONDS.toNanos(1)
                            : settings.maxDelay().toNanos() - (System.nanoTime() - oldestNanos);
                    changed.awaitNanos(Math.max(1, waitNanos));
                }
                batch = takeBatch();
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            long started = System.nanoTime();
            try {
                commit(batch);
                lastFlushNanos = System.nanoTime() - started;
                flushes.incrementAndGet();
                rowsFlushed.addAndGet(batch.stream().mapToLong(e -> e.rows().size()).sum());
                backoffMillis = 50;
                done(batch, null);
            } catch (RuntimeException e) {
                failedFlushes.incrementAndGet();
                log.warn("Flushing {} rows to table '{}' failed; they stay queued and are retried in {} ms: {}",
                        batch.stream().mapToLong(x -> x.rows().size()).sum(), table.name(), backoffMillis,
                        e.getMessage());
                done(batch, e);
                sleep(backoffMillis);
                backoffMillis = Math.min(5_000, backoffMillis * 2);
            }
        }
    }

    private boolean due() {
        if (queue.isEmpty()) {
            return false;
        }
        return closed || flushRequested > flushedSequence || queuedRows >= settings.maxRows()
                || queuedBytes >= settings.maxBytes()
                || System.nanoTime() - oldestNanos >= settings.maxDelay().toNanos();
    }

    /**
     * The queued entries to commit next — everything queued, up to {@link #MAX_BATCH_ROWS} rows (at least one entry):
     * a commit's cost is mostly per commit (the merge on id reads the table's ids), so when rows arrive faster than
     * commits finish, bigger batches keep up. They stay in the queue until committed.
     */
    private List<Entry> takeBatch() {
        List<Entry> batch = new ArrayList<>();
        long rows = 0;
        for (Entry e : queue) {
            if (!batch.isEmpty() && rows + e.rows().size() > MAX_BATCH_ROWS) {
                break;
            }
            batch.add(e);
            rows += e.rows().size();
        }
        return batch;
    }

    /** Commits the entries in order, consecutive ones of one kind together. */
    private void commit(List<Entry> batch) {
        int i = 0;
        while (i < batch.size()) {
            Entry first = batch.get(i);
            List<Row> rows = new ArrayList<>();
            int j = i;
            while (j < batch.size() && batch.get(j).upsert() == first.upsert()
                    && Objects.equals(batch.get(j).columns(), first.columns())) {
                rows.addAll(batch.get(j).rows());
                j++;
            }
            if (first.upsert()) {
                table.upsert(rows, first.columns());
            } else {
                table.append(rows);
            }
            // Committed entries leave the queue at once: a later failure in this batch retries only the rest.
            lock.lock();
            try {
                for (int k = i; k < j; k++) {
                    Entry e = queue.poll();
                    queuedRows -= e.rows().size();
                    queuedBytes -= e.bytes();
                    flushedSequence = e.sequence();
                }
                oldestNanos = System.nanoTime();
                lastError = null; // committed: whoever waits sees the outage over
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            i = j;
        }
    }

    private void done(List<Entry> batch, RuntimeException error) {
        lock.lock();
        try {
            lastError = error;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long bytes(List<Row> rows) {
        long total = 0;
        for (Row r : rows) {
            total += 64 + r.id().length() + (r.text() == null ? 0 : 2L * r.text().length());
            total += r.metadata() == null ? 0 : 48L * r.metadata().size();
            for (float[] v : r.vectors().values()) {
                total += 4L * v.length;
            }
        }
        return total;
    }
}
