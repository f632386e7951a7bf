package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Group commit: row writes (upserts, appends, deletes by id) that threads submit while a commit is running are
 * coalesced into one Lance commit — one version, one manifest, one fragment — instead of one each.
 *
 * <p>Each caller returns when its own rows are committed (durable, as before), or with the error of its own rows: a
 * caller whose rows fail validation fails alone, the others commit. Queued writes commit in arrival order, and only
 * consecutive writes of one kind (and, for upserts, of the same vector columns) share a commit, so the last write
 * of an id wins across callers. The caller that finds the writer free leads: it commits the queue, batch by batch,
 * until its own write is done; the others wait for theirs.
 */
public final class GroupCommit {

    /** Rows (or ids) at most in one commit: bounds a commit's Arrow memory and latency. */
    public static final int MAX_ROWS_PER_COMMIT = 50_000;

    private enum Kind { UPSERT, APPEND, DELETE }

    private record Pending(Kind kind, List<Row> rows, Set<String> columns, Collection<String> ids,
            CompletableFuture<Void> done) {

        int size() {
            return kind == Kind.DELETE ? ids.size() : rows.size();
        }

        boolean joins(Pending first) {
            return kind == first.kind && Objects.equals(columns, first.columns);
        }
    }

    private final TableWriter writer;
    private final WritePlans writes;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong writesCommitted = new AtomicLong();

    public GroupCommit(TableWriter writer, WritePlans writes) {
        this.writer = writer;
        this.writes = writes;
    }

    public void upsert(List<Row> rows, Collection<String> vectorColumns) {
        submit(new Pending(Kind.UPSERT, rows, new TreeSet<>(vectorColumns), null, new CompletableFuture<>()));
    }

    public void append(List<Row> rows) {
        submit(new Pending(Kind.APPEND, rows, null, null, new CompletableFuture<>()));
    }

    public void delete(Collection<String> ids) {
        submit(new Pending(Kind.DELETE, null, null, List.copyOf(ids), new CompletableFuture<>()));
    }

    /** Lance commits made, and the writes they carried (writes / commits = the coalescing achieved). */
    public long commits() {
        return commits.get();
    }

    public long writesCommitted() {
        return writesCommitted.get();
    }

    /** Writes waiting for a commit (for tests and metrics). */
    public int queued() {
        return queue.size();
    }

    private void submit(Pending mine) {
        queue.add(mine);
        boolean interrupted = false;
        while (!mine.done.isDone()) {
            if (writer.tryLead(() -> lead(mine))) {
                continue;
            }
            try {
                mine.done.get(1, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException stillRunningOrFailed) {
                // loop: done, or take the lead if the writer is free
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            mine.done.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** Commits queued batches, in order, until {@code mine} is done (the next caller leads the rest). */
    private void lead(Pending mine) {
        while (!mine.done.isDone()) {
            List<Pending> batch = new ArrayList<>();
            int rows = 0;
            Pending next;
            while ((next = queue.peek()) != null && (batch.isEmpty()
                    || next.joins(batch.get(0)) && rows + next.size() <= MAX_ROWS_PER_COMMIT)) {
                queue.poll();
                batch.add(next);
                rows += next.size();
            }
            if (batch.isEmpty()) {
                return; // another leader took ours
            }
            commit(batch);
        }
    }

    private void commit(List<Pending> batch) {
        List<Pending> live = new ArrayList<>(batch);
        Kind kind = batch.get(0).kind;
        String operation = switch (kind) {
            case UPSERT -> "upsert";
            case APPEND -> "append";
            case DELETE -> "delete by id";
        } + (batch.size() > 1 ? " (" + batch.size() + " writes in one commit)" : "");
        try {
            writer.write(operation, layout -> {
                if (live.size() > 1) {
                    live.removeIf(p -> rejected(p, layout)); // a bad write fails alone
                }
                if (live.isEmpty()) {
                    return dataset -> dataset;
                }
                return plan(kind, live).apply(layout);
            });
            commits.incrementAndGet();
            writesCommitted.addAndGet(live.size());
            live.forEach(p -> p.done.complete(null));
        } catch (RuntimeException e) {
            live.forEach(p -> p.done.completeExceptionally(e));
        }
    }

    /** Validates one write on its own; completes it with the error when it is rejected. */
    private boolean rejected(Pending p, TableLayout layout) {
        try {
            plan(p.kind, List.of(p)).apply(layout);
            return false;
        } catch (IllegalArgumentException e) {
            p.done.completeExceptionally(e);
            return true;
        }
    }

    private Function<TableLayout, TableWriter.NativeStep> plan(Kind kind, List<Pending> pendings) {
        if (kind == Kind.DELETE) {
            List<String> ids = new ArrayList<>();
            pendings.forEach(p -> ids.addAll(p.ids));
            return writes.deleteIds(ids);
        }
        List<Row> rows = new ArrayList<>();
        pendings.forEach(p -> rows.addAll(p.rows));
        if (kind == Kind.UPSERT) {
            return writes.upsert(rows, pendings.get(0).columns);
        }
        if (pendings.size() > 1 && !distinctIds(rows)) {
            return writes.upsert(rows, layout -> layout.vectorColumns().keySet()); // two callers appended one id
        }
        return writes.append(rows);
    }

    private static boolean distinctIds(List<Row> rows) {
        Set<String> seen = new HashSet<>();
        for (Row r : rows) {
            if (!seen.add(r.id())) {
                return false;
            }
        }
        return true;
    }
}
