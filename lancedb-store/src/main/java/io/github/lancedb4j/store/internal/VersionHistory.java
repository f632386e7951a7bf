package io.github.lancedb4j.store.internal;

import io.github.lancedb4j.store.LanceStoreException;
import io.github.lancedb4j.store.TableTag;
import io.github.lancedb4j.store.TableVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.Schema;
import org.lance.Dataset;
import org.lance.Tag;
import org.lance.Transaction;
import org.lance.Version;
import org.lance.index.Index;
import org.lance.operation.CreateIndex;
import org.lance.operation.Delete;
import org.lance.operation.Operation;
import org.lance.operation.Restore;

/**
 * A table's versions and tags: lists them, resolves what a caller names ("release-1", "12") to a version, opens a
 * version, creates, moves and deletes tags, and plans a restore. Every missing version or tag becomes an
 * {@link IllegalArgumentException} that names it and says what exists instead.
 *
 * <p>Tag changes are not commits of data, but each is run like one: on a fresh handle at the latest version, retried
 * by {@link ConflictRetry} when it loses a race.
 */
public final class VersionHistory {

    /** What Lance accepts in a tag name; digits only would read as a version number, so those are refused too. */
    private static final Pattern TAG_NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    private static final Pattern VERSION_NUMBER = Pattern.compile("[0-9]{1,18}");
    private static final int MAX_DETAIL = 120;

    private final TableContext context;
    private final ConflictRetry retry;

    public VersionHistory(TableContext context, ConflictRetry retry) {
        this.context = context;
        this.retry = retry;
    }

    /**
     * The newest {@code limit} versions, oldest first, each with what committed it. Reads the version listing once
     * and one transaction file per returned version; a version removed by a concurrent cleanup meanwhile is left out.
     */
    public List<TableVersion> versions(Dataset handle, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("The number of versions must be greater than 0, got " + limit);
        }
        List<Version> all = listVersions(handle);
        Map<Long, List<String>> tagsByVersion = new TreeMap<>();
        for (TableTag tag : tags(handle)) {
            tagsByVersion.computeIfAbsent(tag.version(), v -> new ArrayList<>()).add(tag.name());
        }
        List<TableVersion> versions = new ArrayList<>();
        for (Version v : all.subList(Math.max(0, all.size() - limit), all.size())) {
            Optional<String[]> operation = operation(handle, v.getId());
            if (operation.isEmpty()) {
                continue; // removed since the listing
            }
            versions.add(new TableVersion(v.getId(), v.getDataTime().toInstant(), operation.get()[0],
                    operation.get()[1], v.getManifestSummary().getTotalRows(),
                    tagsByVersion.getOrDefault(v.getId(), List.of())));
        }
        return versions;
    }

    /** The number of versions the table keeps. */
    public int versionCount(Dataset handle) {
        return listVersions(handle).size();
    }

    /** The table's tags, by name. */
    public List<TableTag> tags(Dataset handle) {
        List<Tag> tags = context.call("list tags", () -> handle.tags().list());
        return tags.stream()
                .map(t -> new TableTag(t.getName(), t.getVersion(), t.getCreatedAt().orElse(null),
                        t.getUpdatedAt().orElse(null)))
                .sorted(Comparator.comparing(TableTag::name))
                .toList();
    }

    /** Whether {@code ref} names a version by number (digits only) rather than a tag. */
    public static boolean isVersionNumber(String ref) {
        return ref != null && VERSION_NUMBER.matcher(ref.trim()).matches();
    }

    /**
     * The version a tag or a version number ("12") names.
     *
     * @throws IllegalArgumentException when there is no such tag or version, saying which tags or versions exist
     */
    public long resolve(Dataset handle, String tagOrVersion) {
        if (tagOrVersion == null || tagOrVersion.isBlank()) {
            throw new IllegalArgumentException("Name a tag or a version number of table '" + context.name()
                    + "', got '" + tagOrVersion + "'");
        }
        String ref = tagOrVersion.trim();
        if (isVersionNumber(ref)) {
            long version = Long.parseLong(ref);
            requireVersion(handle, version);
            return version;
        }
        try {
            return context.call("resolve tag '" + ref + "'", () -> handle.tags().getVersion(ref));
        } catch (LanceStoreException e) {
            if (LanceErrors.isRefNotFound(e) || LanceErrors.isInvalidRef(e)) {
                throw noSuchTag(handle, ref, e);
            }
            throw e;
        }
    }

    /** The version that was the latest at {@code time}: the newest committed at or before it. */
    public long resolve(Dataset handle, Instant time) {
        List<Version> all = listVersions(handle);
        Version found = null;
        for (Version v : all) {
            if (!v.getDataTime().toInstant().isAfter(time)) {
                found = v;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("Table '" + context.name() + "' has no version committed at or before "
                    + time + ": " + range(all));
        }
        return found.getId();
    }

    /** Fails with a message naming the version when the table does not have it. */
    public void requireVersion(Dataset handle, long version) {
        List<Version> all = listVersions(handle);
        if (all.stream().noneMatch(v -> v.getId() == version)) {
            throw new IllegalArgumentException("Table '" + context.name() + "' has no version " + version + ": "
                    + range(all));
        }
    }

    /**
     * A new handle at {@code version}; {@code asked} says how the caller named it ("tag 'release-1'"), for the error
     * when the version is gone.
     */
    public Dataset open(long version, String asked) {
        try {
            return context.openVersion(version, "read as of " + asked);
        } catch (LanceStoreException e) {
            if (LanceErrors.isVersionNotFound(e) || e.kind() == LanceStoreException.Kind.NOT_FOUND) {
                throw new IllegalArgumentException("Table '" + context.name() + "' has no version " + version
                        + (asked.startsWith("version") ? "" : " (" + asked + ")") + ": " + rangeOfLatest(), e);
            }
            throw e;
        }
    }

    /** Creates a tag on a version. */
    public TableTag createTag(String name, long version) {
        requireTagName(name);
        return changeTag("create tag '" + name + "'", name, version, handle -> handle.tags().create(name, version));
    }

    /** Points an existing tag at another version. */
    public TableTag moveTag(String name, long version) {
        requireTagName(name);
        return changeTag("move tag '" + name + "'", name, version, handle -> handle.tags().update(name, version));
    }

    /** Deletes a tag; its version is then removed by a cleanup like any other old version. */
    public void deleteTag(String name) {
        requireTagName(name);
        changeTag("delete tag '" + name + "'", name, -1, handle -> handle.tags().delete(name));
    }

    @FunctionalInterface
    private interface TagChange {
        void apply(Dataset handle) throws Exception;
    }

    private TableTag changeTag(String operation, String name, long version, TagChange change) {
        return retry.run(context.name(), operation, () -> context.guarded(() -> {
            Dataset handle = context.openLatest(operation);
            try {
                if (version >= 0) {
                    requireVersion(handle, version);
                }
                try {
                    context.run(operation, () -> change.apply(handle));
                } catch (LanceStoreException e) {
                    if (LanceErrors.isRefConflict(e)) {
                        throw new IllegalArgumentException("Table '" + context.name() + "' already has a tag '" + name
                                + "' (on version " + context.call("resolve tag", () -> handle.tags().getVersion(name))
                                + "); move it instead", e);
                    }
                    if (LanceErrors.isRefNotFound(e)) {
                        throw noSuchTag(handle, name, e);
                    }
                    if (LanceErrors.isInvalidRef(e)) {
                        throw new IllegalArgumentException("Lance refused the tag name '" + name + "': "
                                + NativeCall.summary(e.getCause()), e);
                    }
                    throw e;
                }
                return version < 0 ? null : tags(handle).stream().filter(t -> t.name().equals(name)).findFirst()
                        .orElse(new TableTag(name, version, null, null));
            } finally {
                handle.close();
            }
        }));
    }

    /**
     * A new handle at {@code version} after checking that a vector store can read it (the base columns exist).
     */
    public Dataset openReadable(long version, String asked) {
        Dataset dataset = open(version, asked);
        List<String> problems = context.call("read schema", () -> TableSchema.baseColumnProblems(dataset.getSchema()));
        if (!problems.isEmpty()) {
            dataset.close();
            throw new IllegalArgumentException("Table '" + context.name() + "' as of " + asked + " cannot be read as a "
                    + "vector store: " + String.join("; ", problems));
        }
        return dataset;
    }

    /**
     * The native step of a restore, checked against the latest layout: makes {@code version} the latest by
     * committing a new version with its content (nothing is rewritten; the versions in between stay until a cleanup
     * removes them), and reports the version committed. Restoring the latest version commits nothing.
     *
     * @throws IllegalArgumentException when the version does not exist, or lacks a base column or a vector column
     *                                  the table has now (stores on that column would break)
     */
    public TableWriter.NativeStep restore(TableLayout latest, long version, LongConsumer committed) {
        Dataset target = open(version, "version " + version);
        try {
            Schema schema = context.call("read schema", target::getSchema);
            List<String> problems = new ArrayList<>(TableSchema.baseColumnProblems(schema));
            List<String> lost = latest.vectorColumns().keySet().stream()
                    .filter(c -> !TableSchema.vectorColumns(schema).containsKey(c)).sorted().toList();
            if (!lost.isEmpty()) {
                problems.add("it has no vector column " + lost + ", which the table has now");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("Version " + version + " of table '" + context.name()
                        + "' cannot be restored: " + String.join("; ", problems));
            }
        } finally {
            target.close();
        }
        return writer -> {
            if (writer.version() == version) {
                committed.accept(version);
                return writer;
            }
            Dataset old = writer.checkoutVersion(version);
            try {
                old.restore();
                committed.accept(old.version());
                return old;
            } catch (RuntimeException e) {
                old.close();
                throw e;
            }
        };
    }

    /** Fails with a message saying what a tag name may hold. */
    public static void requireTagName(String name) {
        if (name == null || !TAG_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A tag name holds 1 to 200 letters, digits, '.', '-' or '_', got '"
                    + name + "'");
        }
        if (isVersionNumber(name)) {
            throw new IllegalArgumentException("Tag name '" + name + "' is only digits and would read as a version "
                    + "number; add a letter (e.g. 'v" + name + "')");
        }
    }

    /** The table's versions, oldest first; listed again when a concurrent cleanup removed a manifest being read. */
    private List<Version> listVersions(Dataset handle) {
        for (int attempt = 1; ; attempt++) {
            try {
                List<Version> all = new ArrayList<>(context.call("list versions", handle::listVersions));
                all.sort(Comparator.comparingLong(Version::getId));
                return all;
            } catch (LanceStoreException e) {
                if (e.kind() != LanceStoreException.Kind.NOT_FOUND || attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** {operation, detail} of a version, or empty when the version no longer exists. */
    private Optional<String[]> operation(Dataset handle, long version) {
        try {
            return Optional.of(context.call("read the transaction of version " + version, () -> {
                try (Dataset at = handle.checkoutVersion(version)) {
                    Optional<Transaction> transaction = at.readTransaction();
                    if (transaction.isEmpty()) {
                        return new String[] {"unknown", null};
                    }
                    try (Transaction t = transaction.get()) {
                        return describe(t.operation(), version);
                    }
                }
            }));
        } catch (LanceStoreException e) {
            if (LanceErrors.isVersionNotFound(e) || e.kind() == LanceStoreException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String[] describe(Operation operation, long version) {
        String name = operation.name();
        String detail = null;
        if (operation instanceof Delete delete) {
            detail = delete.predicate();
        } else if (operation instanceof Restore restore) {
            detail = "version " + restore.version();
        } else if (operation instanceof CreateIndex create) {
            detail = String.join(", ", create.getNewIndices().stream().map(Index::name).distinct().toList());
        } else if (version == 1 && "Overwrite".equals(name)) {
            detail = "table created";
        }
        if (detail != null && detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 1) + "…";
        }
        return new String[] {name, detail == null || detail.isEmpty() ? null : detail};
    }

    private IllegalArgumentException noSuchTag(Dataset handle, String name, Exception cause) {
        List<String> names;
        try {
            names = tags(handle).stream().map(TableTag::name).toList();
        } catch (RuntimeException listing) {
            names = null;
        }
        return new IllegalArgumentException("Table '" + context.name() + "' has no tag '" + name + "'"
                + (names == null ? "" : names.isEmpty() ? "; it has no tags" : "; its tags are " + names), cause);
    }

    private String rangeOfLatest() {
        try {
            return context.guarded(() -> {
                Dataset latest = context.openLatest("list versions");
                try {
                    return range(listVersions(latest));
                } finally {
                    latest.close();
                }
            });
        } catch (RuntimeException e) {
            return "its versions could not be listed (" + e.getMessage() + ")";
        }
    }

    private static String range(List<Version> all) {
        if (all.isEmpty()) {
            return "it has no versions";
        }
        long first = all.get(0).getId();
        long last = all.get(all.size() - 1).getId();
        String kept = first == last ? "it has only version " + first : "it has versions " + first + " to " + last;
        return kept + (all.size() < last - first + 1 ? " (not all in between)" : "")
                + (first > 1 ? "; older versions were removed by a cleanup" : "");
    }
}
